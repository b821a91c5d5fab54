// Demo data for monitoring after recognition (issue #14, decision 040), on the 2024 provincial
// certificates of prisma/demo-register.ts (issued 13/5/2024 in former Bắc Giang and 4/6/2024 in
// former Bắc Ninh, both now managed by the Bắc Ninh organiser):
//   Mỳ gạo Chũ (GCN-BG-2024-…)           confirmed for 2025 with a packaging change, reminded for
//                                          2026 and never confirmed: OVERDUE on the organiser's list
//   Tranh dân gian Đông Hồ (GCN-BN-2024-…) confirmed 2025 and 2026 unchanged; inspected, fine
//   Cuốc, xẻng rèn Đa Hội                 an inspection planned (the product page says one is open)
//   Vải thiều Lục Ngạn sấy khô            two consumers' reports grouped in one case, ANSWERED
//   Mỳ gạo Chũ                            one consumer's report, still OPEN
// Then the daily job's flagging runs once, so the organiser's list shows the overdue ones as the
// job records them (and the outbox holds the organisers' digest).
// Deterministic and idempotent: nothing is written when the answered case already exists.
import { flagOverdueConfirmations } from "~/modules/monitoring/overdue.server";
import type { Db } from "~/utils/db.server";

const vn = (day: string) => new Date(`${day}T09:00:00+07:00`);
const ORGANISER = "organiser.bacninh@tieubieu.test";
const ANSWER =
  "Cơ quan tổ chức đã làm việc với cơ sở ngày 20/11/2026: lô hàng có nhãn in sai hạn sử dụng đã được thu hồi khỏi cửa hàng; cơ sở đã in lại nhãn. Cảm ơn bạn đã phản ánh.";

async function certificateOf(db: Db, productName: string) {
  return db.certificate.findFirst({
    where: { productName, level: "PROVINCE", year: 2024, revokedAt: null },
    select: { id: true, establishment: { select: { ownerId: true } } },
  });
}

/** Returns how many monitoring rows it wrote (0 on a second run). */
export async function seedDemoMonitoring(db: Db): Promise<number> {
  const [chu, dongHo, daHoi, vai, organiser] = await Promise.all([
    certificateOf(db, "Mỳ gạo Chũ"),
    certificateOf(db, "Tranh dân gian Đông Hồ"),
    certificateOf(db, "Cuốc, xẻng rèn Đa Hội"),
    certificateOf(db, "Vải thiều Lục Ngạn sấy khô"),
    db.user.findUnique({ where: { email: ORGANISER }, select: { id: true, email: true } }),
  ]);
  if (!chu || !dongHo || !daHoi || !vai || !organiser) return 0;
  if (await db.reportCase.count({ where: { certificateId: vai.id, answer: ANSWER } })) return 0;

  let rows = 0;
  await db.$transaction(async (tx) => {
    const confirmations = [
      {
        certificateId: chu.id,
        period: 1,
        changes: "PACKAGING",
        note: "Từ tháng 4/2025 đóng gói bằng túi giấy kraft thay túi ni lông.",
        confirmedById: chu.establishment.ownerId,
        createdAt: vn("2025-05-06"),
      },
      {
        certificateId: dongHo.id,
        period: 1,
        changes: "",
        note: null,
        confirmedById: dongHo.establishment.ownerId,
        createdAt: vn("2025-05-20"),
      },
      {
        certificateId: dongHo.id,
        period: 2,
        changes: "",
        note: null,
        confirmedById: dongHo.establishment.ownerId,
        createdAt: vn("2026-05-18"),
      },
    ];
    rows += (await tx.certificateConfirmation.createMany({ data: confirmations })).count;
    rows += (
      await tx.confirmationReminder.createMany({
        data: [
          { certificateId: chu.id, period: 1, sentTo: "producer@tieubieu.test", createdAt: vn("2025-04-13") },
          { certificateId: chu.id, period: 2, sentTo: "producer@tieubieu.test", createdAt: vn("2026-04-13") },
        ],
      })
    ).count;
    rows += (
      await tx.inspection.createMany({
        data: [
          {
            certificateId: dongHo.id,
            status: "DONE",
            plannedFor: vn("2026-09-15"),
            purpose: "Kiểm tra định kỳ năm 2026",
            inspectedAt: vn("2026-09-15"),
            findings:
              "Cơ sở sản xuất đúng quy trình in tranh khắc gỗ như hồ sơ được công nhận; biểu trưng in đúng mẫu.",
            outcome: "FINE",
            plannedById: organiser.id,
            recordedById: organiser.id,
          },
          {
            certificateId: daHoi.id,
            status: "PLANNED",
            plannedFor: vn("2027-01-12"),
            purpose: "Kiểm tra theo kế hoạch giám sát năm 2027",
            plannedById: organiser.id,
          },
        ],
      })
    ).count;
    const answered = await tx.reportCase.create({
      data: {
        certificateId: vai.id,
        category: "PACKAGING",
        status: "ANSWERED",
        answer: ANSWER,
        answeredAt: vn("2026-11-21"),
        answeredById: organiser.id,
        reportCount: 2,
        lastReportAt: vn("2026-11-12"),
        createdAt: vn("2026-11-03"),
      },
      select: { id: true },
    });
    const open = await tx.reportCase.create({
      data: {
        certificateId: chu.id,
        category: "QUALITY",
        status: "OPEN",
        reportCount: 1,
        lastReportAt: vn("2026-12-01"),
        createdAt: vn("2026-12-01"),
      },
      select: { id: true },
    });
    rows += 2;
    rows += (
      await tx.consumerReport.createMany({
        data: [
          {
            caseId: answered.id,
            text: "Gói vải sấy mua ở siêu thị ghi hạn sử dụng đến 2025, đã quá hạn nhưng vẫn bày bán.",
            place: "Siêu thị ở phường Bắc Giang",
            contact: "nguoimua1@example.vn",
            sourceHash: "demo-1",
            createdAt: vn("2026-11-03"),
          },
          {
            caseId: answered.id,
            text: "Nhãn vải sấy in hạn sử dụng sai, mờ không đọc được.",
            place: "Cửa hàng đặc sản ở Hà Nội",
            sourceHash: "demo-2",
            createdAt: vn("2026-11-12"),
          },
          {
            caseId: open.id,
            text: "Mỳ có mùi lạ, sợi bị gãy vụn nhiều hơn trước.",
            place: "Chợ Chũ",
            contact: "0912 000 111",
            sourceHash: "demo-3",
            createdAt: vn("2026-12-01"),
          },
        ],
      })
    ).count;
  });
  rows += (await flagOverdueConfirmations(new Date(), undefined, db)).flagged;
  return rows;
}
