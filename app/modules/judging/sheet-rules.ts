// Score sheets (phiếu chấm điểm) as pure rules: reading the numbers a judge typed, checking them
// against the rubric items of the entry's group, when a sheet may still change, and the counts
// of a judge's queue. The sheets service and the pages share these; nothing here touches the
// database.
import type { MessageKey } from "~/utils/i18n";
import { effectiveItems, subCriteriaFor } from "./rubric";
import { checkScore, sheetTotals, type ScoreCheck } from "./scoring";

export type ScoreProblem = Extract<ScoreCheck, { ok: false }>["problem"];

/** A rubric item as the sheet shows it (a RubricItem row, or the default rubric's). */
export interface SheetItem {
  code: string;
  criterion: number;
  group: string | null;
  title: string;
  guidance: string | null;
  max: number;
  sortOrder: number;
}

/** The items a sheet of this group scores, in criterion then position order. */
export const sheetItems = <T extends SheetItem>(items: readonly T[], group: string): T[] =>
  effectiveItems(items, group);

/**
 * A number as typed: blank or absent → null (allowed in drafts); "12,5" (Vietnamese decimal
 * comma) and "12.5" → 12.5; anything else → NaN, which checkScore refuses as "notNumber".
 */
export function parseScoreText(raw: unknown): number | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === "number") return raw;
  if (typeof raw !== "string") return Number.NaN;
  const s = raw.trim();
  if (!s) return null;
  if (!/^[-+]?\d{1,6}([.,]\d{1,6})?$/.test(s)) return Number.NaN;
  return Number(s.replace(",", "."));
}

export interface SheetInput {
  /** Typed values by item code; codes outside the rubric are ignored, never stored. */
  scores: Record<string, unknown>;
  notes?: Record<string, unknown>;
}

export interface SheetProblem {
  code: string;
  problem: ScoreProblem;
  max: number;
}

export interface SheetCheckResult {
  ok: boolean;
  /** The valid numbers by code (only codes of the items). */
  scores: Record<string, number>;
  /** Non-empty notes by code (only codes of the items). */
  notes: Record<string, string>;
  /** Numbers refused, and with requireAll the items left blank ("missing"). */
  problems: SheetProblem[];
  /** Codes left blank, in rubric order. */
  missing: string[];
}

/**
 * Checks a sheet against its items: every number typed must pass checkScore (0 ≤ v ≤ max, steps
 * of 0.5); a draft may leave items blank, a submitted sheet may not (requireAll).
 */
export function checkSheet(
  items: readonly Pick<SheetItem, "code" | "max">[],
  input: SheetInput,
  opts: { requireAll: boolean },
): SheetCheckResult {
  const scores: Record<string, number> = {};
  const notes: Record<string, string> = {};
  const problems: SheetProblem[] = [];
  const missing: string[] = [];
  for (const item of items) {
    const value = parseScoreText(input.scores[item.code]);
    const note = input.notes?.[item.code];
    if (typeof note === "string" && note.trim()) notes[item.code] = note.trim();
    if (value === null) {
      missing.push(item.code);
      if (opts.requireAll) problems.push({ code: item.code, problem: "missing", max: item.max });
      continue;
    }
    const check = checkScore(value, item.max);
    if (check.ok) scores[item.code] = value;
    else problems.push({ code: item.code, problem: check.problem, max: item.max });
  }
  return { ok: problems.length === 0, scores, notes, problems, missing };
}

/**
 * Totals of a sheet (never stored: always computed from the scores), with every item of the
 * sheet's rubric and the entry's group, as the shared rule says.
 */
export function sheetItemTotals(
  rubricItems: readonly SheetItem[],
  group: string,
  scores: Record<string, number | null | undefined>,
) {
  return sheetTotals(scores, subCriteriaFor(rubricItems as Parameters<typeof subCriteriaFor>[0], group));
}

// ───────────── when a sheet may change ─────────────

export interface RoundForSheet {
  status: string;
  resultsFinalisedAt: Date | string | null;
  currentPass: number;
}

export type SheetLock = "notStarted" | "ended" | "finalised" | "submitted" | "otherPass";

const BEFORE_JUDGING = new Set(["DRAFT", "OPEN", "SCREENING"]);

/**
 * Why a sheet cannot be edited now, or null when it can. A sheet is editable iff the round is
 * JUDGING and not finalised, the sheet belongs to the current pass and is still a DRAFT (no
 * sheet yet counts as a draft of the current pass).
 */
export function sheetLock(round: RoundForSheet, sheet: { pass: number; status: string } | null): SheetLock | null {
  if (round.resultsFinalisedAt) return "finalised";
  if (round.status !== "JUDGING") return BEFORE_JUDGING.has(round.status) ? "notStarted" : "ended";
  if (sheet && sheet.pass !== round.currentPass) return "otherPass";
  if (sheet && sheet.status !== "DRAFT") return "submitted";
  return null;
}

const LOCK_KEYS: Record<SheetLock, MessageKey> = {
  notStarted: "sheets.lock.notStarted",
  ended: "sheets.lock.ended",
  finalised: "sheets.lock.finalised",
  submitted: "sheets.lock.submitted",
  otherPass: "sheets.lock.otherPass",
};
/** The message saying why sheets are locked. */
export const lockMessageKey = (lock: SheetLock): MessageKey => LOCK_KEYS[lock];

export const isSheetEditable = (round: RoundForSheet, sheet: { pass: number; status: string } | null) =>
  sheetLock(round, sheet) === null;

/** Whether the round takes sheets at all now (queue notice, paper entry, reopening). */
export function roundSheetsLock(
  round: Omit<RoundForSheet, "currentPass">,
): Exclude<SheetLock, "submitted" | "otherPass"> | null {
  return sheetLock({ ...round, currentPass: 1 }, null) as Exclude<SheetLock, "submitted" | "otherPass"> | null;
}

// ───────────── a judge's queue ─────────────

export const QUEUE_TABS = ["todo", "draft", "submitted"] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];

/** The tab an assigned entry sits in, from its sheet in the current pass (if any). */
export const queueTabOf = (sheet: { status: string } | null | undefined): QueueTab =>
  !sheet ? "todo" : sheet.status === "SUBMITTED" ? "submitted" : "draft";

export interface QueueProgress {
  assigned: number;
  todo: number;
  draft: number;
  submitted: number;
  /** Whole percent of assigned entries with a submitted sheet. */
  percent: number;
}

/** Counts of a queue: sheets of entries that are no longer assigned do not count. */
export function queueProgress(
  assignedEntryIds: readonly string[],
  sheets: readonly { entryId: string; status: string }[],
): QueueProgress {
  const byEntry = new Map(sheets.map((s) => [s.entryId, s]));
  const counts = { todo: 0, draft: 0, submitted: 0 };
  for (const id of assignedEntryIds) counts[queueTabOf(byEntry.get(id))]++;
  const assigned = assignedEntryIds.length;
  return { assigned, ...counts, percent: assigned ? Math.floor((counts.submitted * 100) / assigned) : 0 };
}

// ───────────── the organisers' matrix ─────────────

export type CellState =
  | { kind: "unassigned" }
  | { kind: "conflicted" }
  | { kind: "todo" }
  | { kind: "draft"; sheetId: string }
  | { kind: "submitted"; sheetId: string; total: number | null; onPaper: boolean };

/**
 * One cell of entries × judges. `assigned` ignores conflicts (the judge's groups and the
 * organisers' overrides); a conflicted judge's sheet, if any, does not count, so the cell says
 * "conflicted". A sheet of an entry no longer assigned still shows: results still count it.
 */
export function cellState(
  opts: { assigned: boolean; conflicted: boolean },
  /** total: null when the viewer may not see it (a secretary while judging is open). */
  sheet: { id: string; status: string; onPaper: boolean; total: number | null } | null,
): CellState {
  if (opts.conflicted && (opts.assigned || sheet)) return { kind: "conflicted" };
  if (sheet?.status === "SUBMITTED")
    return { kind: "submitted", sheetId: sheet.id, total: sheet.total, onPaper: sheet.onPaper };
  if (sheet) return { kind: "draft", sheetId: sheet.id };
  return opts.assigned ? { kind: "todo" } : { kind: "unassigned" };
}

// ───────────── display ─────────────

/** Points as Vietnamese write them (78,5); English keeps the point. */
export function formatPoints(n: number, locale: string = "vi"): string {
  const s = String(Math.round(n * 100) / 100);
  return locale === "vi" ? s.replace(".", ",") : s;
}
