// The rubric (tiêu chí chấm điểm) as pure data: the four official criteria with fixed caps
// 40/40/10/10 = 100 (Circular 26/2014 annex 4), sub-criteria chosen by the council inside each
// criterion, optionally different per product group. Items with group = null are the shared set;
// a group that has items of its own for a criterion uses those instead for that criterion.
import type { ProductGroupName } from "~/modules/rounds/round-fields";
import { SCORE_STEP, type SubCriterion } from "./scoring";

export const CRITERIA = [
  { n: 1, cap: 40, key: "C1" },
  { n: 2, cap: 40, key: "C2" },
  { n: 3, cap: 10, key: "C3" },
  { n: 4, cap: 10, key: "C4" },
] as const;
export type CriterionNumber = (typeof CRITERIA)[number]["n"];
export const criterionCap = (n: number): number => CRITERIA.find((c) => c.n === n)?.cap ?? 0;
export const criterionKey = (n: number): string => `C${n}`;

export interface RubricItemInput {
  criterion: number;
  group: ProductGroupName | null;
  title: string;
  guidance?: string | null;
  max: number;
}

export interface RubricItemRow extends RubricItemInput {
  code: string;
  sortOrder: number;
}

/**
 * The items of one criterion that apply to a group: the group's own when it has any, else the
 * shared ones (group = null). The one place this rule is written.
 */
function applicableItems<T extends { criterion: number; group: string | null }>(
  items: readonly T[],
  criterion: number,
  group: string,
) {
  const own = items.filter((i) => i.criterion === criterion && i.group === group);
  return own.length
    ? { source: "group" as const, items: own }
    : { source: "shared" as const, items: items.filter((i) => i.criterion === criterion && i.group === null) };
}

/** The items that apply to one product group, in criterion then position order. */
export function effectiveItems<T extends { criterion: number; group: string | null; sortOrder?: number }>(
  items: readonly T[],
  group: string,
): T[] {
  return CRITERIA.flatMap((c) =>
    [...applicableItems(items, c.n, group).items].sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0)),
  );
}

/** The sub-criteria of one group in the shape scoring.ts works with (id = the item's code). */
export function subCriteriaFor(
  items: readonly { code: string; criterion: number; group: string | null; max: number; sortOrder?: number }[],
  group: string,
): SubCriterion[] {
  return effectiveItems(items, group).map((i) => ({ id: i.code, criterionId: criterionKey(i.criterion), max: i.max }));
}

/**
 * Codes are "criterion.position" within each scope (shared, or one group), so a judge's scores,
 * stored by code, carry over to a new version where the item is still in the same place.
 */
export function assignCodes<T extends RubricItemInput>(
  items: readonly T[],
): Array<T & { code: string; sortOrder: number }> {
  const counters = new Map<string, number>();
  return items.map((item, index) => {
    const scope = `${item.group ?? "*"}:${item.criterion}`;
    const n = (counters.get(scope) ?? 0) + 1;
    counters.set(scope, n);
    return {
      ...item,
      title: item.title.trim(),
      guidance: item.guidance?.trim() || null,
      code: `${item.criterion}.${n}`,
      sortOrder: index,
    };
  });
}

export type RubricProblem =
  | { kind: "criterion"; index: number }
  | { kind: "title"; index: number }
  | { kind: "max"; index: number }
  | { kind: "group"; index: number; group: string }
  | { kind: "empty"; criterion: number; group: string }
  | { kind: "sum"; criterion: number; group: string; sum: number; cap: number };

const isHalfStep = (v: number) => Math.round(v / SCORE_STEP) * SCORE_STEP === v;
/** Sum of the items' maxima to the half point (a non-number counts 0: it is reported on its row). */
const sumOfMaxima = (items: readonly { max: number }[]) =>
  Math.round(items.reduce((a, i) => a + (Number.isFinite(i.max) ? i.max : 0), 0) * 2) / 2;

/**
 * Everything wrong with a rubric for a round with these groups: each item needs a criterion 1–4,
 * a title and a maximum > 0 in steps of 0.5; for every group and criterion the applicable items
 * must exist and their maxima must add up to the criterion's cap exactly.
 */
export function rubricProblems(items: readonly RubricItemInput[], groups: readonly string[]): RubricProblem[] {
  const problems: RubricProblem[] = [];
  items.forEach((item, index) => {
    if (!CRITERIA.some((c) => c.n === item.criterion)) problems.push({ kind: "criterion", index });
    if (!item.title.trim()) problems.push({ kind: "title", index });
    if (
      !Number.isFinite(item.max) ||
      item.max <= 0 ||
      item.max > criterionCap(item.criterion) ||
      !isHalfStep(item.max)
    ) {
      problems.push({ kind: "max", index });
    }
    if (item.group !== null && !groups.includes(item.group)) problems.push({ kind: "group", index, group: item.group });
  });
  for (const group of groups) {
    for (const c of CRITERIA) {
      const chosen = applicableItems(items, c.n, group).items;
      if (!chosen.length) {
        problems.push({ kind: "empty", criterion: c.n, group });
        continue;
      }
      const sum = sumOfMaxima(chosen);
      if (sum !== c.cap) problems.push({ kind: "sum", criterion: c.n, group, sum, cap: c.cap });
    }
  }
  return problems;
}

const shared = (criterion: number, title: string, max: number, guidance: string): RubricItemInput => ({
  criterion,
  group: null,
  title,
  max,
  guidance,
});
const forGroup = (
  group: ProductGroupName,
  criterion: number,
  title: string,
  max: number,
  guidance: string,
): RubricItemInput => ({
  criterion,
  group,
  title,
  max,
  guidance,
});

/**
 * The default rubric, written from the circular's four criteria and what councils score in
 * practice. Criteria 1 and 4 are shared; criteria 2 and 3 read differently for handicrafts (A),
 * processed food (B) and machinery (C); group D uses the shared wording. With `groups`, the
 * items of groups not taking part are left out (codes are per scope, so the others keep theirs).
 */
export function defaultRubricItems(groups?: readonly string[]): RubricItemRow[] {
  const all = defaultItems();
  return groups ? all.filter((i) => i.group === null || groups.includes(i.group)) : all;
}

function defaultItems(): RubricItemRow[] {
  return assignCodes([
    shared(
      1,
      "Khả năng đáp ứng nhu cầu thị trường",
      15,
      "Thị trường tiêu thụ trong nước và xuất khẩu, doanh thu, số lượng khách hàng, đơn hàng ổn định.",
    ),
    shared(
      1,
      "Quy mô và khả năng mở rộng sản xuất",
      10,
      "Công suất hằng năm, lao động, nhà xưởng, vùng nguyên liệu; kế hoạch mở rộng.",
    ),
    shared(
      1,
      "Chất lượng và tính ổn định của sản phẩm",
      10,
      "Tiêu chuẩn công bố, chứng nhận chất lượng, phản hồi của khách hàng.",
    ),
    shared(1, "Thương hiệu, quảng bá và xúc tiến thương mại", 5, "Nhãn hiệu, tham gia hội chợ, bán hàng trực tuyến."),

    shared(2, "Hiệu quả kinh tế", 10, "Giá trị gia tăng, lợi nhuận, đóng góp ngân sách."),
    shared(2, "Công nghệ, kỹ thuật sản xuất và tính sáng tạo", 10, "Quy trình, thiết bị, cải tiến, sáng kiến."),
    shared(
      2,
      "Sử dụng nguyên liệu và lao động địa phương",
      10,
      "Tỷ lệ nguyên liệu tại chỗ, việc làm và thu nhập cho người lao động nông thôn.",
    ),
    shared(
      2,
      "Bảo vệ môi trường và an toàn lao động",
      10,
      "Xử lý chất thải, tiết kiệm năng lượng, điều kiện làm việc.",
    ),
    forGroup("A", 2, "Hiệu quả kinh tế", 10, "Giá trị gia tăng, lợi nhuận, đóng góp ngân sách."),
    forGroup(
      "A",
      2,
      "Kỹ thuật chế tác, độ tinh xảo của sản phẩm",
      10,
      "Kỹ thuật thủ công, độ khó, chất lượng hoàn thiện.",
    ),
    forGroup(
      "A",
      2,
      "Sử dụng nguyên liệu và lao động địa phương",
      10,
      "Nguyên liệu tại chỗ, nghệ nhân, thợ lành nghề, truyền nghề.",
    ),
    forGroup(
      "A",
      2,
      "Bảo vệ môi trường và an toàn lao động",
      10,
      "Nguyên liệu thân thiện, xử lý chất thải, điều kiện làm việc.",
    ),
    forGroup("B", 2, "Hiệu quả kinh tế", 10, "Giá trị gia tăng, lợi nhuận, đóng góp ngân sách."),
    forGroup("B", 2, "Công nghệ chế biến, bảo quản", 10, "Quy trình chế biến, bảo quản, truy xuất nguồn gốc."),
    forGroup(
      "B",
      2,
      "Sử dụng nguyên liệu và lao động địa phương",
      10,
      "Vùng nguyên liệu, liên kết với nông dân, việc làm.",
    ),
    forGroup(
      "B",
      2,
      "An toàn thực phẩm và bảo vệ môi trường",
      10,
      "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm, xử lý chất thải.",
    ),
    forGroup("C", 2, "Hiệu quả kinh tế", 10, "Giá trị gia tăng, lợi nhuận, đóng góp ngân sách."),
    forGroup(
      "C",
      2,
      "Tính năng kỹ thuật, độ bền, tiết kiệm năng lượng",
      10,
      "Thông số kỹ thuật, độ bền, hiệu suất, tiêu hao năng lượng.",
    ),
    forGroup(
      "C",
      2,
      "Khả năng thay thế hàng nhập khẩu, phục vụ sản xuất nông nghiệp",
      10,
      "Giá thành so với hàng nhập, mức độ ứng dụng ở nông thôn.",
    ),
    forGroup("C", 2, "An toàn khi sử dụng và bảo vệ môi trường", 10, "An toàn vận hành, tiếng ồn, khí thải."),

    shared(3, "Bản sắc văn hóa, truyền thống địa phương", 5, "Gắn với lịch sử, văn hóa, làng nghề của địa phương."),
    shared(3, "Kiểu dáng, mẫu mã, bao bì, nhãn mác", 5, "Thẩm mỹ, tiện dụng, thông tin trên nhãn."),
    forGroup("A", 3, "Tính nghệ thuật, thẩm mỹ của sản phẩm", 5, "Bố cục, màu sắc, hoa văn, tính độc đáo."),
    forGroup(
      "A",
      3,
      "Bản sắc văn hóa và giá trị làng nghề truyền thống",
      5,
      "Gắn với làng nghề, nghệ nhân, câu chuyện sản phẩm.",
    ),
    forGroup("C", 3, "Kiểu dáng công nghiệp, tính tiện dụng", 5, "Thiết kế, dễ sử dụng, dễ bảo trì."),
    forGroup("C", 3, "Phù hợp điều kiện sản xuất ở nông thôn", 5, "Phù hợp quy mô, trình độ và hạ tầng nông thôn."),

    shared(4, "Giải thưởng, chứng nhận đã đạt", 5, "OCOP, nhãn hiệu tập thể, chỉ dẫn địa lý, giải thưởng các cấp."),
    shared(
      4,
      "Đóng góp cho cộng đồng và tiềm năng phát triển",
      5,
      "Hỗ trợ hộ nghèo, phụ nữ, người khuyết tật; tiềm năng nhân rộng.",
    ),
  ]);
}

// ───────────── editing helpers (rubric page, versioning) ─────────────

/**
 * Whether a round's rubric may still change: not once judging has closed (RESULTS and later) or
 * the results are finalised — reopening judging comes first.
 */
export function isRubricEditable(round: { status: string; resultsFinalisedAt?: Date | string | null }): boolean {
  return !["RESULTS", "PUBLISHED", "ARCHIVED"].includes(round.status) && !round.resultsFinalisedAt;
}

export interface CriterionSum {
  criterion: number;
  group: string;
  cap: number;
  /** Sum of the maxima of the items that apply (0 when none). */
  sum: number;
  /** Whether the group uses its own items for this criterion, the shared ones, or has none. */
  source: "group" | "shared" | "none";
  ok: boolean;
}

/** For every criterion and group: the sum of the applicable items' maxima against the cap. */
export function criterionSums(items: readonly RubricItemInput[], groups: readonly string[]): CriterionSum[] {
  const out: CriterionSum[] = [];
  for (const c of CRITERIA) {
    for (const group of groups) {
      const { source, items: chosen } = applicableItems(items, c.n, group);
      const sum = sumOfMaxima(chosen);
      out.push({
        criterion: c.n,
        group,
        cap: c.cap,
        sum,
        source: chosen.length ? source : "none",
        ok: chosen.length > 0 && sum === c.cap,
      });
    }
  }
  return out;
}

/** Sum of the maxima of one scope (shared = null, or one group) within one criterion. */
export function scopeSum(items: readonly RubricItemInput[], criterion: number, group: string | null): number {
  return sumOfMaxima(items.filter((i) => i.criterion === criterion && i.group === group));
}

/**
 * How a sheet's scores, keyed by the codes of the old items, carry over to new items, for an
 * entry of `group`: old code → new code, following each new item's `sourceId` (the old item it was
 * edited from, same criterion). Old items with no successor are dropped. Codes are positions, so
 * without this, removing item 1.2 would silently move the 1.3 scores onto the new 1.2.
 */
export function codeMapping(
  oldItems: readonly { id: string; criterion: number; group: string | null; code: string; sortOrder?: number }[],
  newItems: readonly {
    sourceId?: string | null;
    criterion: number;
    group: string | null;
    code: string;
    sortOrder?: number;
  }[],
  group: string,
): Map<string, string> {
  const successor = new Map<string, { criterion: number; code: string }>();
  for (const n of effectiveItems(newItems, group))
    if (n.sourceId && !successor.has(n.sourceId)) successor.set(n.sourceId, n);
  const map = new Map<string, string>();
  for (const o of effectiveItems(oldItems, group)) {
    const n = successor.get(o.id);
    if (n && n.criterion === o.criterion) map.set(o.code, n.code);
  }
  return map;
}

/** Whether a mapping leaves every one of these old codes where it was. */
export function isIdentityMapping(map: ReadonlyMap<string, string>, oldCodes: Iterable<string>): boolean {
  for (const code of oldCodes) if (map.get(code) !== code) return false;
  return true;
}

/** Re-keys a { code: value } record with a mapping; keys without a successor are dropped. */
export function remapKeys<V>(record: Readonly<Record<string, V>>, map: ReadonlyMap<string, string>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const [k, v] of Object.entries(record)) {
    const to = map.get(k);
    if (to !== undefined) out[to] = v;
  }
  return out;
}
