// Demo data for site visits (issue #14, decision 039): a national round of 2026 in its second
// scoring pass, with three entries selected for it, two jury members, one visit already reported
// (findings, presence, a photo in the file storage); one entry whose first visit was cancelled
// (the owner away) and rescheduled; one entry without a visit. Idempotent: nothing is written
// when the round exists, or when the demo products it enters are missing.
import { demoPhoto } from "./demo-files";
import { writeUploadedBytes } from "~/modules/files/upload.server";
import type { Db } from "~/utils/db.server";
import { normalizeSearch } from "~/utils/text";
import { createGroups, PRODUCT_GROUPS } from "~/modules/rounds/groups";

export const DEMO_VISITS_ROUND_NAME = "Bình chọn sản phẩm CNNT tiêu biểu cấp quốc gia năm 2026";
const DAY = 24 * 60 * 60 * 1000;
const PRODUCTS = [
  { name: "Mỳ gạo Chũ truyền thống", code: "QG-2026-B-901", visit: true },
  { name: "Tranh Đông Hồ Đám cưới chuột", code: "QG-2026-A-901", visit: true },
  // Selected for the second pass with no visit yet: the end-to-end test schedules it (decision 046).
  { name: "Tủ chè gỗ gụ chạm khắc Đông Thương", code: "QG-2026-A-902", visit: false },
];
const MEMBERS = ["judge3@tieubieu.test", "judge5@tieubieu.test"];

/** Returns the number of visits written (0 on a second run). */
export async function seedDemoVisits(db: Db): Promise<number> {
  if (await db.round.findFirst({ where: { name: DEMO_VISITS_ROUND_NAME }, select: { id: true } })) return 0;
  const products = await db.product.findMany({
    where: { name: { in: PRODUCTS.map((p) => p.name) } },
    include: { establishment: { include: { province: true } } },
  });
  const users = await db.user.findMany({ where: { email: { in: MEMBERS } }, select: { id: true, email: true } });
  if (products.length !== PRODUCTS.length || users.length !== MEMBERS.length) return 0;
  const ministry = await db.user.findUniqueOrThrow({
    where: { email: "organiser.quocgia@tieubieu.test" },
    select: { id: true },
  });
  const now = Date.now();
  const round = await db.round.create({
    data: {
      groups: createGroups(PRODUCT_GROUPS),
      name: DEMO_VISITS_ROUND_NAME,
      level: "NATION",
      year: new Date(now).getFullYear(),
      entriesOpenAt: new Date(now - 60 * DAY),
      entriesCloseAt: new Date(now - 30 * DAY),
      judgingStartAt: new Date(now - 20 * DAY),
      status: "JUDGING",
      scoringPasses: 2,
      currentPass: 2,
      createdById: ministry.id,
    },
  });
  const members = [];
  for (const u of users)
    members.push(
      await db.juryMember.create({
        data: { roundId: round.id, userId: u.id, isJudge: true, declaredAt: new Date(now - 19 * DAY) },
      }),
    );
  let visits = 0;
  for (const [i, item] of PRODUCTS.entries()) {
    const p = products.find((x) => x.name === item.name)!;
    const entry = await db.entry.create({
      data: {
        roundId: round.id,
        productId: p.id,
        establishmentId: p.establishmentId,
        group: p.group,
        status: "ACCEPTED",
        entryCode: item.code,
        searchText: normalizeSearch(`${p.name} ${p.establishment.name} ${p.establishment.commune ?? ""}`),
        commune: p.establishment.commune,
        submittedAt: new Date(now - 35 * DAY),
        decidedAt: new Date(now - 28 * DAY),
        onBehalf: true,
        registeredById: ministry.id,
      },
    });
    await db.entryOutcome.create({ data: { roundId: round.id, entryId: entry.id, secondPass: true } });
    if (!item.visit) continue;
    const address = [p.establishment.addressLine, p.establishment.commune, p.establishment.province.name]
      .filter(Boolean)
      .join(", ");
    const reported = i === 0;
    if (!reported) {
      // The first date was cancelled (kept in the history, STATUS:CANCELLED in the calendars).
      await db.siteVisit.create({
        data: {
          roundId: round.id,
          entryId: entry.id,
          status: "CANCELLED",
          scheduledAt: new Date(now + 2 * DAY),
          durationMinutes: 120,
          address,
          sequence: 1,
          cancelledAt: new Date(now - DAY),
          cancelReason: "Chủ cơ sở đi dự hội chợ làng nghề, xin hẹn lại sau ba ngày.",
          cancelledById: ministry.id,
          createdById: ministry.id,
          members: { create: members.map((m) => ({ juryMemberId: m.id })) },
        },
      });
      visits++;
    }
    const visit = await db.siteVisit.create({
      data: {
        roundId: round.id,
        entryId: entry.id,
        status: reported ? "DONE" : "SCHEDULED",
        scheduledAt: new Date(now + (reported ? -3 : 5) * DAY),
        durationMinutes: 120,
        address,
        note: reported ? null : "Đoàn tập trung tại trụ sở cơ sở lúc 8 giờ.",
        createdById: ministry.id,
        members: { create: members.map((m) => ({ juryMemberId: m.id, present: reported ? true : null })) },
        ...(reported
          ? {
              findings:
                "Đoàn đã kiểm tra xưởng tráng bánh, khu phơi và kho thành phẩm. Quy trình sản xuất đúng như hồ sơ; nguyên liệu gạo Bao thai có hợp đồng bao tiêu; cơ sở ghi chép nhật ký sản xuất đầy đủ.",
              reportedAt: new Date(now - 2 * DAY),
              reportedById: ministry.id,
            }
          : {}),
      },
    });
    if (reported) {
      const written = await writeUploadedBytes("xuong-san-xuat.jpg", await demoPhoto(11, "FRONT"), "image/jpeg");
      await db.siteVisitPhoto.create({ data: { visitId: visit.id, uploadedById: ministry.id, ...written.columns } });
    }
    visits++;
  }
  return visits;
}
