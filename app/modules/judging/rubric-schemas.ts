// The rubric page's forms (issue #4): one zod schema for the editor, whose rows are named
// items[0].criterion, items[0].group, items[0].title, items[0].max, items[0].guidance,
// items[0].remove (and items[0].id, the item a row was loaded from), plus the helpers that turn
// rows into items and problems into sentences. Pure: shared by the server and the browser.
import { z } from "zod";
import { PRODUCT_GROUPS, type ProductGroupName } from "~/modules/rounds/round-fields";
import type { TFunction } from "~/utils/i18n";
import { criterionCap, type RubricItemInput, type RubricProblem } from "./rubric";

/** Rows one form may carry, blank ones included (the service allows 200 items). */
export const RUBRIC_MAX_ROWS = 250;
/** Empty rows offered under each criterion to add items without JavaScript. */
export const BLANK_ROWS_PER_CRITERION = 3;

// "7,5" is how a Vietnamese user types 7.5 when the browser does not enforce a number input.
const commaDecimal = (v: unknown) => (typeof v === "string" ? v.trim().replace(",", ".") : v);

export const RubricRowSchema = z.object({
  id: z.string().max(64).optional(),
  criterion: z
    .number({ error: "rubric.error.criterion" })
    .int("rubric.error.criterion")
    .min(1, "rubric.error.criterion")
    .max(4, "rubric.error.criterion")
    .optional(),
  group: z.enum(PRODUCT_GROUPS, { error: "rubric.error.group" }).optional(),
  title: z.string().trim().max(300, "rubric.error.titleTooLong").optional(),
  max: z.preprocess(commaDecimal, z.number({ error: "rubric.error.maxNumber" }).optional()),
  guidance: z.string().trim().max(2000, "rubric.error.guidanceTooLong").optional(),
  remove: z.boolean().optional(),
});
export type RubricRow = z.infer<typeof RubricRowSchema>;

/** A row with nothing typed in it is ignored (the blank rows of the form). */
export const isBlankRow = (r: Pick<RubricRow, "title" | "max" | "guidance">) =>
  !r.title && r.max === undefined && !r.guidance;

export const SaveRubricSchema = z
  .object({
    intent: z.literal("save"),
    basedOn: z.string().max(64).optional(),
    basedOnUpdatedAt: z.string().max(64).optional(),
    reason: z.string().trim().max(2000, "rubric.reason.tooLong").optional(),
    items: z.array(RubricRowSchema.optional()).max(RUBRIC_MAX_ROWS, "rubric.error.tooManyRows").optional(),
  })
  .superRefine((v, ctx) => {
    (v.items ?? []).forEach((row, i) => {
      if (row && !row.remove && !isBlankRow(row) && row.criterion === undefined) {
        ctx.addIssue({ code: "custom", path: ["items", i, "criterion"], message: "rubric.error.criterion" });
      }
    });
  });

export const ResetRubricSchema = z.object({ intent: z.literal("reset") });
export const CreateRubricSchema = z.object({ intent: z.literal("createDefault") });

/**
 * The items a valid submission asks for, and for each item the form row it came from: removed
 * and blank rows are left out, "" scope is the shared set (null).
 */
export function itemsFromRows(rows: readonly (RubricRow | undefined | null)[]) {
  const items: Array<RubricItemInput & { id: string | null }> = [];
  const rowOf: number[] = [];
  rows.forEach((row, index) => {
    if (!row || row.remove || isBlankRow(row) || row.criterion === undefined) return;
    items.push({
      id: row.id ?? null,
      criterion: row.criterion,
      group: row.group ?? null,
      title: row.title ?? "",
      max: row.max ?? Number.NaN,
      guidance: row.guidance ?? null,
    });
    rowOf.push(index);
  });
  return { items, rowOf };
}

// ───────────── typed values, read leniently (for re-display and live sums) ─────────────

/** A row as typed: strings, whatever they hold. */
export interface RawRow {
  id: string;
  criterion: number;
  group: string;
  title: string;
  max: string;
  guidance: string;
  remove: boolean;
}

const str = (v: unknown) => (typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : "");

/** Rows from Conform's initialValue ({ items: [...] }) or any nested object of strings; index kept. */
export function rawRows(value: unknown): Array<RawRow & { index: number }> {
  const items = value && typeof value === "object" ? (value as { items?: unknown }).items : undefined;
  if (!Array.isArray(items)) return [];
  const out: Array<RawRow & { index: number }> = [];
  items.slice(0, RUBRIC_MAX_ROWS).forEach((item, index) => {
    if (!item || typeof item !== "object") return;
    const r = item as Record<string, unknown>;
    const criterion = Number(str(r.criterion));
    if (!Number.isInteger(criterion) || criterion < 1 || criterion > 4) return;
    out.push({
      index,
      id: str(r.id),
      criterion,
      group: str(r.group),
      title: str(r.title),
      max: str(r.max),
      guidance: str(r.guidance),
      remove: str(r.remove) === "on",
    });
  });
  return out;
}

const ROW_FIELD = /^items\[(\d{1,4})\]\.(id|criterion|group|title|max|guidance|remove)$/;

/** The same nested shape from a live form (for sums recomputed as the organiser types). */
export function formValues(formData: FormData): { items: Array<Record<string, string>> } {
  const items: Array<Record<string, string>> = [];
  for (const [name, value] of formData.entries()) {
    const m = ROW_FIELD.exec(name);
    if (!m || typeof value !== "string") continue;
    const [, index, field] = m;
    const i = Number(index);
    if (field === undefined || i >= RUBRIC_MAX_ROWS) continue;
    (items[i] ??= {})[field] = value;
  }
  return { items };
}

/** Whether a posted form names a row beyond the limit (answered 400 before parsing). */
export function hasRowBeyondLimit(formData: FormData): boolean {
  for (const name of formData.keys()) {
    const m = /^items\[(\d+)\]/.exec(name);
    if (m?.[1] !== undefined && (m[1].length > 4 || Number(m[1]) >= RUBRIC_MAX_ROWS)) return true;
  }
  return false;
}

/** Typed rows as items for the sums (anything unreadable counts 0; removed and blank rows skipped). */
export function lenientItems(rows: readonly RawRow[]): RubricItemInput[] {
  return rows
    .filter((r) => !r.remove && (r.title.trim() || r.max.trim() || r.guidance.trim()))
    .map((r) => {
      const max = Number(r.max.trim().replace(",", "."));
      return {
        criterion: r.criterion,
        group: (PRODUCT_GROUPS as readonly string[]).includes(r.group) ? (r.group as ProductGroupName) : null,
        title: r.title,
        max: r.max.trim() && Number.isFinite(max) ? max : 0,
      };
    });
}

// ───────────── problems as sentences ─────────────

export interface DescribedProblems {
  /** Every problem, one sentence each, for the list at the top of the form. */
  summary: string[];
  /** Short messages shown next to a row, by the index of the item (not the row). */
  byItem: Record<number, string[]>;
  /** Sum and emptiness problems shown in a criterion's fieldset, by criterion number. */
  byCriterion: Record<number, string[]>;
}

/**
 * Sentences for rubricProblems' output, e.g. "Tiêu chí 2, nhóm B: tổng điểm tối đa các tiêu chí
 * thành phần là 35, phải bằng 40." Groups with the same sum for one criterion share a sentence.
 * `rowNumber(i)` is the number shown on item i's row within its criterion.
 */
export function describeProblems(
  t: TFunction,
  problems: readonly RubricProblem[],
  items: readonly Pick<RubricItemInput, "criterion" | "group" | "max">[],
  rowNumber: (itemIndex: number) => number,
  formatNumber: (n: number) => string,
): DescribedProblems {
  const out: DescribedProblems = { summary: [], byItem: {}, byCriterion: {} };
  const scope = (g: string | null) => (g ? t("rubric.scope.group", { group: g }) : t("rubric.scope.shared"));
  const push = <K extends number>(map: Record<K, string[]>, key: K, message: string) => {
    (map[key] ??= []).push(message);
  };
  for (const p of problems) {
    if (p.kind === "sum" || p.kind === "empty") continue;
    const item = items[p.index];
    const base = { criterion: item?.criterion ?? "?", scope: scope(item?.group ?? null), row: rowNumber(p.index) };
    if (p.kind === "criterion") {
      out.summary.push(t("rubric.problem.criterion", base));
      push(out.byItem, p.index, t("rubric.error.criterion"));
    } else if (p.kind === "title") {
      out.summary.push(t("rubric.problem.title", base));
      push(out.byItem, p.index, t("rubric.rowError.title"));
    } else if (p.kind === "max") {
      const cap = formatNumber(criterionCap(item?.criterion ?? 0));
      const max = item?.max;
      const blank = max === undefined || !Number.isFinite(max);
      out.summary.push(
        blank ? t("rubric.problem.maxBlank", base) : t("rubric.problem.max", { ...base, max: formatNumber(max), cap }),
      );
      push(out.byItem, p.index, blank ? t("rubric.rowError.maxBlank") : t("rubric.rowError.max", { cap }));
    } else if (p.kind === "group") {
      out.summary.push(t("rubric.problem.group", { ...base, group: p.group }));
      push(out.byItem, p.index, t("rubric.rowError.group", { group: p.group }));
    }
  }
  // Criterion-level problems, one sentence per (criterion, kind, sum) with the groups joined.
  const merged = new Map<string, { p: RubricProblem & { kind: "sum" | "empty" }; groups: string[] }>();
  for (const p of problems) {
    if (p.kind !== "sum" && p.kind !== "empty") continue;
    const key = p.kind === "sum" ? `${p.criterion}:sum:${p.sum}` : `${p.criterion}:empty`;
    const entry = merged.get(key) ?? { p, groups: [] };
    entry.groups.push(p.group);
    merged.set(key, entry);
  }
  for (const { p, groups } of merged.values()) {
    const params = {
      criterion: p.criterion,
      groups: t("rubric.groups", { groups: groups.join(", ") }),
      cap: formatNumber(criterionCap(p.criterion)),
    };
    const message =
      p.kind === "sum"
        ? t("rubric.problem.sum", { ...params, sum: formatNumber(p.sum) })
        : t("rubric.problem.empty", params);
    out.summary.push(message);
    push(out.byCriterion, p.criterion, message);
  }
  return out;
}

export const numberFormatter = (locale: string) => {
  const f = new Intl.NumberFormat(locale === "en" ? "en-GB" : "vi-VN", { maximumFractionDigits: 2 });
  return (n: number) => f.format(n);
};
