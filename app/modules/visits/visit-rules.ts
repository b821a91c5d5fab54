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

export type VisitState = "SCHEDULED" | "REPORTED";

export const visitState = (visit: { reportedAt: Date | string | null }): VisitState =>
  visit.reportedAt ? "REPORTED" : "SCHEDULED";

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
