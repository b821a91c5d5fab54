// Demo data for issue #4: the main Bắc Ninh 2026 round, in judging. Ten accepted entries (groups
// A–D), a jury of seven judges (judge1…judge7@tieubieu.test, demo password) in two panels, a
// council with its chair and secretary, one declared conflict (judge2 ↔ the Lục Ngạn lychee
// cooperative), score sheets submitted for most entries and a few drafts, so the results page
// shows something real. judge1 still has two entries to score (the end-to-end test scores them).
// Entries go through the real services (codes, frozen dossiers, files); the sheets are written
// directly with the numbers below, which is what the sheets service would store.
import { createEntry, producerMove, screenEntry } from "~/modules/entries/entries.server";
import { effectiveItems } from "~/modules/judging/rubric";
import { ensureDefaultRubric } from "~/modules/judging/default-rubric.server";
import { currentRubric } from "~/modules/judging/rubric.server";
import { createGroups, PRODUCT_GROUPS } from "~/modules/rounds/groups";
import type { Db } from "~/utils/db.server";
import { asAuth, CHU, demoProductWithFiles, seedMeta, type DemoEstablishment } from "./demo-round";

export const DEMO_JUDGING_ROUND_NAME = "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2026";
const DAY = 24 * 60 * 60 * 1000;

const est = (
  name: string,
  legalForm: DemoEstablishment["legalForm"],
  registrationNumber: string,
  commune: string,
  owner: string,
  ownerName: string,
): DemoEstablishment => ({
  name,
  legalForm,
  registrationNumber,
  commune,
  owner,
  ownerName,
});
const VAI_THIEU = est(
  "Hợp tác xã Vải thiều Lục Ngạn",
  "COOPERATIVE",
  "2400234567",
  "Xã Lục Ngạn",
  "vaithieu@tieubieu.test",
  "Hoàng Văn Thắng",
);

interface JudgingEntry {
  key: string;
  product: string;
  group: "A" | "B" | "C" | "D";
  description: string;
  establishment: DemoEstablishment;
  /** The entry's underlying quality, 0–100: judges' totals scatter around it. */
  quality: number;
}

export const DEMO_JUDGING_ENTRIES: JudgingEntry[] = [
  {
    key: "B1",
    product: "Mỳ gạo Chũ truyền thống",
    group: "B",
    quality: 86,
    establishment: CHU,
    description:
      "Mỳ gạo Chũ tráng thủ công từ gạo Bao thai, phơi nắng, gói 500 g; bán tại 12 tỉnh và xuất khẩu sang Úc.",
  },
  {
    key: "B2",
    product: "Vải thiều Lục Ngạn tươi đóng hộp",
    group: "B",
    quality: 82,
    establishment: VAI_THIEU,
    description: "Vải thiều Lục Ngạn tuyển chọn, đóng hộp 2 kg có mã truy xuất nguồn gốc, bảo quản lạnh.",
  },
  {
    key: "B3",
    product: "Gà đồi Yên Thế",
    group: "B",
    quality: 74,
    establishment: est(
      "Hợp tác xã Gà đồi Yên Thế",
      "COOPERATIVE",
      "2400345678",
      "Xã Yên Thế",
      "gadoi@tieubieu.test",
      "Đặng Thị Hiền",
    ),
    description: "Gà đồi Yên Thế nuôi thả trên đồi, giết mổ tập trung, đóng gói hút chân không.",
  },
  {
    key: "B4",
    product: "Mỳ Thủ Dương sợi nhỏ",
    group: "B",
    quality: 66,
    establishment: est(
      "Hộ kinh doanh Mỳ Thủ Dương",
      "HOUSEHOLD",
      "20A8012345",
      "Xã Nam Dương",
      "thuduong@tieubieu.test",
      "Trần Văn Dương",
    ),
    description: "Mỳ gạo làng Thủ Dương, sợi nhỏ, nấu nhanh, gói 300 g.",
  },
  {
    key: "B5",
    product: "Mỳ Châu Sơn đóng túi 1 kg",
    group: "B",
    quality: 71,
    establishment: est(
      "Hộ kinh doanh Mỳ Châu Sơn",
      "HOUSEHOLD",
      "20A8023456",
      "Xã Tân Yên",
      "chauson@tieubieu.test",
      "Lê Thị Sơn",
    ),
    description: "Mỳ gạo Châu Sơn làm thủ công theo nghề truyền thống, túi 1 kg cho bếp ăn.",
  },
  {
    key: "A1",
    product: "Tủ chè gỗ gụ chạm khắc Đông Thương",
    group: "A",
    quality: 84,
    establishment: est(
      "Công ty TNHH Đồ gỗ Đông Thương",
      "SME",
      "2400456789",
      "Xã Đông Thương",
      "dongthuong@tieubieu.test",
      "Vũ Văn Đông",
    ),
    description: "Tủ chè gỗ gụ chạm tứ linh, mộng truyền thống, hoàn thiện sơn ta.",
  },
  {
    key: "A2",
    product: "Tượng gỗ Bãi Ổi Phúc Lộc Thọ",
    group: "A",
    quality: 69,
    establishment: est(
      "Tổ hợp tác Mộc Bãi Ổi",
      "COOP_GROUP",
      "THT-BO-0217",
      "Xã Bãi Ổi",
      "baioi@tieubieu.test",
      "Phùng Văn Ổi",
    ),
    description: "Bộ ba tượng Phúc Lộc Thọ gỗ mít cao 40 cm, sản xuất theo mẫu.",
  },
  {
    key: "A3",
    product: "Tranh Đông Hồ Đám cưới chuột",
    group: "A",
    quality: 88,
    establishment: est(
      "Hộ kinh doanh Tranh Đông Hồ",
      "HOUSEHOLD",
      "21B8034567",
      "Phường Song Hồ",
      "dongho@tieubieu.test",
      "Nguyễn Đăng Chế",
    ),
    description: "Tranh in ván gỗ năm màu trên giấy điệp, khổ 30 × 40 cm, kèm hộp quà.",
  },
  {
    key: "C1",
    product: "Dao rèn Đa Hội",
    group: "C",
    quality: 73,
    establishment: est(
      "Công ty TNHH Cơ khí Đa Hội",
      "SME",
      "2300678901",
      "Phường Châu Khê",
      "dahoi@tieubieu.test",
      "Nguyễn Văn Hội",
    ),
    description: "Bộ dao bếp rèn thép nhíp tôi dầu, cán gỗ nghiến.",
  },
  {
    key: "D1",
    product: "Chổi chít Tân Sơn cán tre",
    group: "D",
    quality: 62,
    establishment: est(
      "Hộ kinh doanh Chổi chít Tân Sơn",
      "HOUSEHOLD",
      "20A8045678",
      "Xã Tân Sơn",
      "choichit@tieubieu.test",
      "Hà Thị Chít",
    ),
    description: "Chổi chít bó tay, cán tre hun khói, đóng kiện xuất khẩu.",
  },
];

interface DemoJudge {
  email: string;
  name: string;
  title: string;
  panel: 1 | 2;
  bias: number;
  councilRole?: "CHAIR" | "VICE_CHAIR" | "SECRETARY" | "MEMBER";
}

export const DEMO_JUDGES: DemoJudge[] = [
  {
    email: "judge1@tieubieu.test",
    name: "Nguyễn Thị Hường",
    title: "Phó Giám đốc Trung tâm Khuyến công",
    panel: 1,
    bias: 0,
    councilRole: "MEMBER",
  },
  {
    email: "judge2@tieubieu.test",
    name: "Trần Quốc Khánh",
    title: "Trưởng phòng Quản lý Công nghiệp, Sở Công Thương",
    panel: 1,
    bias: -4,
  },
  {
    email: "judge3@tieubieu.test",
    name: "Lê Minh Tuấn",
    title: "Phó Giám đốc Sở Công Thương",
    panel: 1,
    bias: 2,
    councilRole: "CHAIR",
  },
  {
    email: "judge4@tieubieu.test",
    name: "Phạm Thị Lan",
    title: "Chuyên viên Sở Nông nghiệp và Môi trường",
    panel: 1,
    bias: 5,
  },
  {
    email: "judge5@tieubieu.test",
    name: "Hoàng Văn Sơn",
    title: "Chủ tịch Hội Làng nghề tỉnh",
    panel: 2,
    bias: -1,
    councilRole: "VICE_CHAIR",
  },
  {
    email: "judge6@tieubieu.test",
    name: "Đỗ Thị Mai",
    title: "Giảng viên Trường Cao đẳng Kỹ thuật Công nghiệp",
    panel: 2,
    bias: 3,
    councilRole: "MEMBER",
  },
  {
    email: "judge7@tieubieu.test",
    name: "Vũ Đức Anh",
    title: "Chuyên viên Trung tâm Khuyến công",
    panel: 2,
    bias: -3,
    councilRole: "SECRETARY",
  },
];

/** Sheets left unsubmitted: judge → entry key → "todo" (no sheet) or "draft". */
const NOT_SUBMITTED: Record<string, Record<string, "todo" | "draft">> = {
  "judge1@tieubieu.test": { B4: "todo", B5: "todo" },
  "judge4@tieubieu.test": { B5: "draft" },
  "judge6@tieubieu.test": { D1: "draft" },
};
const CONFLICT = { judge: "judge2@tieubieu.test", entry: "B2" };

/** A small deterministic scatter in [-3, 3] (no randomness in demo data). */
const scatter = (a: number, b: number, c: number) => (((a * 73 + b * 31 + c * 17) % 13) - 6) / 2;
const roundHalf = (v: number) => Math.round(v * 2) / 2;

/** Idempotent: does nothing when the round exists. Returns the number of sheets written. */
export async function seedDemoJudging(db: Db, demoPasswordHash: string): Promise<number> {
  if (await db.round.findFirst({ where: { name: DEMO_JUDGING_ROUND_NAME }, select: { id: true } })) return 0;
  const bn = await db.province.findUniqueOrThrow({ where: { code: "BN" } });
  const organiser = await db.user.findUniqueOrThrow({ where: { email: "organiser.bacninh@tieubieu.test" } });
  const now = Date.now();
  const round = await db.round.create({
    data: {
      groups: createGroups(PRODUCT_GROUPS),
      name: DEMO_JUDGING_ROUND_NAME,
      level: "PROVINCE",
      provinceId: bn.id,
      year: 2026,
      entriesOpenAt: new Date(now - 90 * DAY),
      entriesCloseAt: new Date(now + DAY), // moved into the past below, once the entries are in
      status: "OPEN",
      passLine: 70,
      description:
        "Đợt bình chọn chính năm 2026 theo Thông tư 26/2014/TT-BCT (sửa đổi): hồ sơ đã thẩm định, Ban giám khảo đang chấm điểm trực tuyến.",
      createdById: organiser.id,
    },
  });
  await ensureDefaultRubric(db, round.id, organiser.id);
  const organiserAuth = await asAuth(db, organiser.id);

  const entries = new Map<string, { id: string; group: string; establishmentId: string }>();
  for (const [i, e] of DEMO_JUDGING_ENTRIES.entries()) {
    const { owner, product } = await demoProductWithFiles(db, { ...e, index: 20 + i }, bn.id, demoPasswordHash);
    const producer = await asAuth(db, owner.id);
    const entry = await createEntry(producer, { roundId: round.id, productId: product.id }, seedMeta);
    await producerMove(producer, entry.id, "submit", seedMeta);
    await screenEntry(organiserAuth, entry.id, "accept", null, seedMeta);
    entries.set(e.key, { id: entry.id, group: e.group, establishmentId: product.establishmentId });
  }

  const panel1 = await db.panel.create({
    data: {
      roundId: round.id,
      name: "Tiểu ban 1 — Chế biến nông, lâm, thủy sản và thực phẩm",
      groups: createGroups(["B"]),
    },
  });
  const panel2 = await db.panel.create({
    data: {
      roundId: round.id,
      name: "Tiểu ban 2 — Thủ công mỹ nghệ, cơ khí và sản phẩm khác",
      groups: createGroups(["A", "C", "D"]),
    },
  });
  const members = new Map<string, string>();
  for (const j of DEMO_JUDGES) {
    const user =
      (await db.user.findUnique({ where: { email: j.email } })) ??
      (await db.user.create({
        data: { email: j.email, name: j.name, passwordHash: demoPasswordHash, emailVerifiedAt: new Date() },
      }));
    const member = await db.juryMember.create({
      data: {
        roundId: round.id,
        userId: user.id,
        isJudge: true,
        panelId: j.panel === 1 ? panel1.id : panel2.id,
        councilRole: j.councilRole ?? null,
        title: j.title,
        declaredAt: new Date(now - 6 * DAY),
      },
    });
    members.set(j.email, member.id);
  }
  const conflicted = entries.get(CONFLICT.entry)!;
  await db.conflict.create({
    data: {
      roundId: round.id,
      juryMemberId: members.get(CONFLICT.judge)!,
      establishmentId: conflicted.establishmentId,
      source: "DECLARED",
      note: "Người thân làm việc tại hợp tác xã.",
      createdById: (await db.user.findUniqueOrThrow({ where: { email: CONFLICT.judge } })).id,
    },
  });

  const rubric = (await currentRubric(db, round.id))!;
  let sheets = 0;
  for (const [ji, j] of DEMO_JUDGES.entries()) {
    for (const [ei, e] of DEMO_JUDGING_ENTRIES.entries()) {
      const inPanel = j.panel === 1 ? e.group === "B" : e.group !== "B";
      if (!inPanel || (j.email === CONFLICT.judge && e.key === CONFLICT.entry)) continue;
      const state = NOT_SUBMITTED[j.email]?.[e.key];
      if (state === "todo") continue;
      const items = effectiveItems(rubric.items, e.group);
      const scores: Record<string, number> = {};
      for (const [ii, item] of items.entries()) {
        // drafts are half filled
        if (state === "draft" && ii % 2 === 1) continue;
        const level = Math.min(100, Math.max(20, e.quality + j.bias + scatter(ji, ei, ii)));
        scores[item.code] = Math.min(item.max, roundHalf((item.max * level) / 100));
      }
      await db.scoreSheet.create({
        data: {
          roundId: round.id,
          entryId: entries.get(e.key)!.id,
          juryMemberId: members.get(j.email)!,
          pass: 1,
          rubricId: rubric.id,
          status: state === "draft" ? "DRAFT" : "SUBMITTED",
          scores,
          comment:
            state === "draft"
              ? null
              : e.quality >= 80
                ? "Sản phẩm tiêu biểu, đề nghị công nhận."
                : e.quality < 70
                  ? "Cần cải tiến mẫu mã và mở rộng thị trường."
                  : null,
          submittedAt: state === "draft" ? null : new Date(now - (3 - (ei % 3)) * DAY),
        },
      });
      sheets++;
    }
  }
  await db.rubric.update({ where: { id: rubric.id }, data: { lockedAt: new Date(now - 3 * DAY) } });
  await db.round.update({
    where: { id: round.id },
    data: {
      status: "JUDGING",
      entriesCloseAt: new Date(now - 30 * DAY),
      judgingStartAt: new Date(now - 5 * DAY),
      resultsAt: new Date(now + 10 * DAY),
    },
  });
  return sheets;
}
