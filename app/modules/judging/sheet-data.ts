// How a score sheet's JSON columns are read back: scores and notes are keyed by rubric item code
// ("1.2"). Anything else in the column (a hand edit, an older format) is ignored, never trusted.

/** { code: number } from ScoreSheet.scores; non-numbers are dropped. */
export function parseScores(value: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (!value || typeof value !== "object" || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === "number" && Number.isFinite(v)) out[k] = v;
  }
  return out;
}

/** { code: note } from ScoreSheet.notes; empty notes are dropped. */
export function parseNotes(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value || typeof value !== "object" || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === "string" && v.trim()) out[k] = v;
  }
  return out;
}

// ───────────── the totals stored with a submission (decision 053) ─────────────

/** ScoreSheet's total and per-criterion columns: null on a draft or a sheet stored without them. */
export interface StoredSheetTotals {
  total: number | null;
  criterion1: number | null;
  criterion2: number | null;
  criterion3: number | null;
  criterion4: number | null;
}

export const NO_SHEET_TOTALS: StoredSheetTotals = {
  total: null,
  criterion1: null,
  criterion2: null,
  criterion3: null,
  criterion4: null,
};

const CRITERION_COLUMNS = [
  ["C1", "criterion1"],
  ["C2", "criterion2"],
  ["C3", "criterion3"],
  ["C4", "criterion4"],
] as const;

/**
 * The columns a submission stores: scoring.ts#sheetTotals of the sheet, as it is. Nothing (all
 * null) when it has a criterion other than C1–C4, which the columns cannot hold: the results then
 * add up the sheet's scores themselves.
 */
export function storedSheetTotals(totals: { total: number; perCriterion: Record<string, number> }): StoredSheetTotals {
  const known = new Set<string>(CRITERION_COLUMNS.map(([key]) => key));
  if (Object.keys(totals.perCriterion).some((key) => !known.has(key))) return NO_SHEET_TOTALS;
  const stored: StoredSheetTotals = { ...NO_SHEET_TOTALS, total: totals.total };
  for (const [key, column] of CRITERION_COLUMNS) stored[column] = totals.perCriterion[key] ?? null;
  return stored;
}

/** The totals back from the columns, as sheetTotals gave them; null when none were stored. */
export function sheetTotalsFromColumns(
  total: number | null,
  criteria: readonly [number | null, number | null, number | null, number | null],
): { total: number; perCriterion: Record<string, number> } | null {
  if (total === null) return null;
  const perCriterion: Record<string, number> = {};
  CRITERION_COLUMNS.forEach(([key], i) => {
    const value = criteria[i];
    if (value !== null && value !== undefined) perCriterion[key] = value;
  });
  return { total, perCriterion };
}
