// The one state machine of a round (đợt bình chọn). rounds.server.ts#transitionRound is the
// only place a round's status changes; it asks this module whether the move is allowed.
//
//   DRAFT → OPEN → SCREENING → JUDGING → RESULTS → PUBLISHED → ARCHIVED
//
// Moves go one step forward at a time. Two ways back, each only with a written reason:
//   - "reopen entries" (SCREENING → OPEN), only before judging starts (issue #3);
//   - "reopen judging" (RESULTS → JUDGING), only until the results are finalised (issue #4:
//     rounds.server.ts refuses it once resultsFinalisedAt is set).
import type { LevelName, Scope } from "~/modules/access/permissions";
import type { MessageKey } from "~/utils/i18n";
import { LEVEL_RULES } from "./round-levels";

export const ROUND_STATUSES = ["DRAFT", "OPEN", "SCREENING", "JUDGING", "RESULTS", "PUBLISHED", "ARCHIVED"] as const;
export type RoundStatusName = (typeof ROUND_STATUSES)[number];

export const isRoundStatus = (value: unknown): value is RoundStatusName =>
  typeof value === "string" && (ROUND_STATUSES as readonly string[]).includes(value);

const rank = (s: RoundStatusName) => ROUND_STATUSES.indexOf(s);

export type TransitionKind = "advance" | "reopen";

/** "advance" (one step forward), "reopen" (back to OPEN before judging) or null (not allowed). */
export function transitionKind(from: RoundStatusName, to: RoundStatusName): TransitionKind | null {
  if (!isRoundStatus(from) || !isRoundStatus(to)) return null;
  if (rank(to) === rank(from) + 1) return "advance";
  // Entries may be reopened while the round is past OPEN but judging has not begun.
  if (to === "OPEN" && rank(from) > rank("OPEN") && rank(from) < rank("JUDGING")) return "reopen";
  // Judging may be reopened from the results (sheets to correct, a spread to re-score).
  if (from === "RESULTS" && to === "JUDGING") return "reopen";
  return null;
}

export const canTransition = (from: RoundStatusName, to: RoundStatusName): boolean => transitionKind(from, to) !== null;

/** The statuses a round may move to from `from`, forward step first. */
export function nextStatuses(from: RoundStatusName): RoundStatusName[] {
  return ROUND_STATUSES.filter((to) => transitionKind(from, to) === "advance").concat(
    ROUND_STATUSES.filter((to) => transitionKind(from, to) === "reopen"),
  );
}

export const requiresReason = (from: RoundStatusName, to: RoundStatusName): boolean =>
  transitionKind(from, to) === "reopen";

export type TransitionCheck =
  { ok: true; kind: TransitionKind } | { ok: false; problem: "same" | "notAllowed" | "reasonRequired" };

/** Whether a round in `from` may move to `to` with this reason. */
export function checkTransition(from: RoundStatusName, to: RoundStatusName, reason?: string | null): TransitionCheck {
  if (from === to) return { ok: false, problem: "same" };
  const kind = transitionKind(from, to);
  if (!kind) return { ok: false, problem: "notAllowed" };
  if (kind === "reopen" && !reason?.trim()) return { ok: false, problem: "reasonRequired" };
  return { ok: true, kind };
}

/** A round's settings (timeline, pass line, groups, documents, quotas) change only before screening. */
export const isRoundEditable = (status: RoundStatusName): boolean => status === "DRAFT" || status === "OPEN";

export interface EntryWindow {
  status: string;
  entriesOpenAt: Date | string;
  entriesCloseAt: Date | string;
}

/** A producer can submit now: the round is OPEN and now is within [entriesOpenAt, entriesCloseAt]. */
export function acceptsEntries(round: EntryWindow, now: Date = new Date()): boolean {
  const t = now.getTime();
  return (
    round.status === "OPEN" &&
    t >= new Date(round.entriesOpenAt).getTime() &&
    t <= new Date(round.entriesCloseAt).getTime()
  );
}

/** The jurisdiction of a round as a permission scope: only the column its level uses counts. */
export function roundScopeOf(round: { level: LevelName; provinceId?: string | null; regionId?: string | null }): Scope {
  switch (LEVEL_RULES[round.level]?.jurisdiction) {
    case "province":
      return { level: round.level, provinceId: round.provinceId ?? null, regionId: null };
    case "region":
      return { level: round.level, regionId: round.regionId ?? null, provinceId: null };
    case "nation":
      return { level: round.level, provinceId: null, regionId: null };
    default:
      // No commune id on Round yet: such a scope is invalid (isValidScope), so nobody manages it.
      return { level: round.level, provinceId: null, regionId: null };
  }
}

// ───────────── timeline ─────────────

export interface RoundTimeline {
  entriesOpenAt: Date;
  entriesCloseAt: Date;
  judgingStartAt?: Date | null;
  resultsAt?: Date | null;
}

export type TimelineField = keyof RoundTimeline;

export interface TimelineProblem {
  field: TimelineField;
  messageKey: MessageKey;
}

const valid = (d: Date | null | undefined): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

/**
 * What is wrong with a timeline, field by field: entries open < entries close ≤ judging ≤ results.
 * Judging and results dates are optional (planned later); when given they must keep the order.
 */
export function roundTimelineProblems(t: RoundTimeline): TimelineProblem[] {
  const problems: TimelineProblem[] = [];
  if (!valid(t.entriesOpenAt)) problems.push({ field: "entriesOpenAt", messageKey: "rounds.timeline.invalidDate" });
  if (!valid(t.entriesCloseAt)) problems.push({ field: "entriesCloseAt", messageKey: "rounds.timeline.invalidDate" });
  if (t.judgingStartAt != null && !valid(t.judgingStartAt))
    problems.push({ field: "judgingStartAt", messageKey: "rounds.timeline.invalidDate" });
  if (t.resultsAt != null && !valid(t.resultsAt))
    problems.push({ field: "resultsAt", messageKey: "rounds.timeline.invalidDate" });
  if (problems.length) return problems;

  if (t.entriesCloseAt.getTime() <= t.entriesOpenAt.getTime()) {
    problems.push({ field: "entriesCloseAt", messageKey: "rounds.timeline.closeBeforeOpen" });
  }
  if (valid(t.judgingStartAt) && t.judgingStartAt.getTime() < t.entriesCloseAt.getTime()) {
    problems.push({ field: "judgingStartAt", messageKey: "rounds.timeline.judgingBeforeClose" });
  }
  if (valid(t.resultsAt)) {
    if (valid(t.judgingStartAt) && t.resultsAt.getTime() < t.judgingStartAt.getTime()) {
      problems.push({ field: "resultsAt", messageKey: "rounds.timeline.resultsBeforeJudging" });
    } else if (t.resultsAt.getTime() < t.entriesCloseAt.getTime()) {
      problems.push({ field: "resultsAt", messageKey: "rounds.timeline.resultsBeforeClose" });
    }
  }
  return problems;
}

export const isValidRoundTimeline = (t: RoundTimeline): boolean => roundTimelineProblems(t).length === 0;
