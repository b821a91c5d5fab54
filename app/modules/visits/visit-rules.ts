// Pure rules of a site visit (issue #14, decision 039): when a visit may take place, its state,
// and what the report must hold. The services in visits.server.ts load the data and call these.
import { vnDateTime } from "~/modules/rounds/round-fields";

export const VISIT_DURATION_MIN = 30;
export const VISIT_DURATION_MAX = 600;
export const VISIT_DURATION_DEFAULT = 120;
/** Photos one visit may hold in all (reports may be completed in several posts). */
export const VISIT_PHOTOS_MAX = 20;
/** Photos one post may carry. */
export const VISIT_PHOTOS_PER_POST = 6;

/**
 * A visit's lifecycle (decision 039, amended): SCHEDULED → DONE (its report recorded; a DONE
 * visit may be completed with more photos) or SCHEDULED → CANCELLED (with a reason; kept in the
 * entry's history, never deleted). Postponing is either moving a SCHEDULED visit or cancelling it
 * and scheduling another: an entry may have several visits, at most one SCHEDULED at a time.
 */
export const VISIT_STATES = ["SCHEDULED", "DONE", "CANCELLED"] as const;
export type VisitState = (typeof VISIT_STATES)[number];

const TRANSITIONS: Record<VisitState, readonly VisitState[]> = {
  SCHEDULED: ["SCHEDULED", "DONE", "CANCELLED"],
  DONE: ["DONE"],
  CANCELLED: [],
};

/** Whether a visit in `from` may become `to` (SCHEDULED → SCHEDULED: moved). */
export const visitTransitionAllowed = (from: string, to: VisitState): boolean =>
  (TRANSITIONS[from as VisitState] ?? []).includes(to);

export const visitState = (visit: { status: string }): VisitState =>
  (VISIT_STATES as readonly string[]).includes(visit.status) ? (visit.status as VisitState) : "SCHEDULED";

/** A cancellation's reason: what the members and the history read. */
export const CANCEL_REASON_MIN = 5;
export const CANCEL_REASON_MAX = 1000;

interface RoundDates {
  year: number;
  entriesCloseAt: Date;
  judgingStartAt: Date | null;
  resultsAt: Date | null;
}

/**
 * The days a visit of this round may fall on: from the start of judging (the close of entries
 * when no judging date is set) until the announced results (31/12 of the round's year, Vietnam
 * time, when none is set). A visit outside them cannot feed the second pass's scores.
 */
export function visitWindow(round: RoundDates): { from: Date; to: Date } {
  const from = round.judgingStartAt ?? round.entriesCloseAt;
  const to =
    round.resultsAt ?? vnDateTime(`${round.year}-12-31T23:59`) ?? new Date(Date.UTC(round.year, 11, 31, 16, 59));
  return { from, to };
}

export function isWithinVisitWindow(round: RoundDates, at: Date): boolean {
  const { from, to } = visitWindow(round);
  return at.getTime() >= from.getTime() && at.getTime() <= to.getTime();
}

/** A visit is planned and reported only while the round is in its second scoring pass. */
export const isVisitRoundOpen = (round: { status: string; scoringPasses: number; currentPass: number }): boolean =>
  round.scoringPasses > 1 && round.currentPass > 1 && round.status === "JUDGING";

/** The members marked present must all be members of the visit, and at least one must be. */
export function presenceProblem(
  memberIds: readonly string[],
  presentIds: readonly string[],
): "nobodyPresent" | "presentNotMember" | null {
  if (!presentIds.length) return "nobodyPresent";
  return presentIds.every((id) => memberIds.includes(id)) ? null : "presentNotMember";
}
