// Complaints about results (khiếu nại, issue #5) as pure rules. domain.md: complaints are handled
// by the council of the same level, with a record per entry and level. A producer may complain
// about their entry's result once the results are finalised, until the period the organiser sets
// for the round (Round.complaintsUntil), one open complaint per entry at a time. The council's
// decision UPHELD (with or without a change of result) or DISMISSED is the only way a frozen
// result changes, and a change can never leave a product recognised below the pass line — the
// same rule finalisation enforces.
import { vnDay } from "~/utils/date-range";
import { vnDate } from "~/modules/rounds/round-fields";
import { formatDate } from "~/utils/dates";
import type { MessageKey } from "~/utils/i18n";

export const COMPLAINT_STATUSES = ["OPEN", "UPHELD", "DISMISSED"] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const DECISION_STATUSES = ["UPHELD", "DISMISSED"] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export const TEXT_MIN = 20;
export const TEXT_MAX = 5000;
export const DECISION_MIN = 10;
export const DECISION_MAX = 5000;
export const DECISION_NUMBER_MAX = 100;
/** The period suggested in the organiser's form: this many days from finalisation (or today). */
export const DEFAULT_PERIOD_DAYS = 10;
/** A period longer than this is almost surely a typo (a wrong year). */
export const MAX_PERIOD_DAYS = 365;

const DAY_MS = 24 * 60 * 60 * 1000;

// ───────────── the complaint period ─────────────

/** A problem with the period an organiser sets, or null. */
export function periodProblem(input: { resultsFinalisedAt: Date | null; until: Date | null }): MessageKey | null {
  if (!input.resultsFinalisedAt) return "complaints.period.error.notFinalised";
  if (!input.until || Number.isNaN(input.until.getTime())) return "complaints.period.error.invalid";
  if (input.until.getTime() <= input.resultsFinalisedAt.getTime()) return "complaints.period.error.beforeFinalised";
  if (input.until.getTime() - input.resultsFinalisedAt.getTime() > MAX_PERIOD_DAYS * DAY_MS)
    return "complaints.period.error.tooLong";
  return null;
}

/**
 * The end suggested in the form: DEFAULT_PERIOD_DAYS after finalisation — or after today, when
 * the organiser sets the period late — at 23:59 Vietnam time.
 */
export function suggestedComplaintsUntil(resultsFinalisedAt: Date, now: Date = new Date()): Date {
  const from = Math.max(resultsFinalisedAt.getTime(), now.getTime());
  const day = vnDay(new Date(from + DEFAULT_PERIOD_DAYS * DAY_MS));
  return new Date(`${day}T23:59:00+07:00`);
}

// ───────────── lodging ─────────────

export type LodgeState = "open" | "notFinalised" | "notJudged" | "noPeriod" | "closed" | "alreadyOpen";

export interface LodgeFacts {
  resultsFinalisedAt: Date | string | null;
  complaintsUntil: Date | string | null;
  /** The entry's status: only an ACCEPTED entry was judged and has a result to complain about. */
  entryStatus: string;
  hasOpenComplaint: boolean;
  now: Date;
}

/** Whether the owner of an entry may lodge a complaint now, and if not, why. Ownership is checked by the query. */
export function lodgeState(f: LodgeFacts): LodgeState {
  if (!f.resultsFinalisedAt) return "notFinalised";
  if (f.entryStatus !== "ACCEPTED") return "notJudged";
  if (!f.complaintsUntil) return "noPeriod";
  if (f.now.getTime() > new Date(f.complaintsUntil).getTime()) return "closed";
  if (f.hasOpenComplaint) return "alreadyOpen";
  return "open";
}

export const LODGE_REFUSAL: Record<Exclude<LodgeState, "open">, MessageKey> = {
  notFinalised: "complaints.lodge.error.notFinalised",
  notJudged: "complaints.lodge.error.notJudged",
  noPeriod: "complaints.lodge.error.noPeriod",
  closed: "complaints.lodge.error.closed",
  alreadyOpen: "complaints.lodge.error.alreadyOpen",
};

/** The complaint's text: 20–5000 characters once trimmed. */
export function complaintTextProblem(text: string | null | undefined): MessageKey | null {
  const t = (text ?? "").trim();
  if (t.length < TEXT_MIN) return "complaints.text.tooShort";
  if (t.length > TEXT_MAX) return "complaints.text.tooLong";
  return null;
}

// ───────────── the council's decision ─────────────

/** The official result of an entry as frozen at finalisation (EntryOutcome), or after a decision. */
export interface OutcomeValues {
  finalScore: number | null;
  finalPassed: boolean | null;
  recognised: boolean | null;
}

export interface ResultChange {
  newScore?: number | null;
  newRecognised?: boolean | null;
}

export interface DecisionInput extends ResultChange {
  status: DecisionStatus;
  decision: string;
  decisionNumber?: string | null;
  /** The day the council decided (its meeting or the decision document). */
  decisionDate: Date | null;
}

export interface DecisionContext {
  current: OutcomeValues | null;
  passLine: number;
  lodgedAt: Date;
  now: Date;
}

export interface DecisionProblem {
  field: "status" | "decision" | "decisionNumber" | "decisionDate" | "newScore" | "newRecognised";
  messageKey: MessageKey;
}

/** 0–100 in steps of 0.01 (scores are means of judges' totals, shown to two decimals). */
export function isValidScore(n: number): boolean {
  return Number.isFinite(n) && n >= 0 && n <= 100 && Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;
}

const given = <T>(v: T | null | undefined): v is T => v !== null && v !== undefined;

export const changesResult = (c: ResultChange) => given(c.newScore) || given(c.newRecognised);

/** The official result after the change: a new score moves the pass flag with it (score ≥ pass line). */
export function outcomeAfter(current: OutcomeValues | null, change: ResultChange, passLine: number): OutcomeValues {
  const after: OutcomeValues = {
    finalScore: current?.finalScore ?? null,
    finalPassed: current?.finalPassed ?? null,
    recognised: current?.recognised ?? null,
  };
  if (given(change.newScore)) {
    after.finalScore = Math.round(change.newScore * 100) / 100;
    after.finalPassed = after.finalScore >= passLine;
  }
  if (given(change.newRecognised)) after.recognised = change.newRecognised;
  return after;
}

/** Everything wrong with a decision, field by field (empty = it can be recorded). */
export function decisionProblems(input: DecisionInput, ctx: DecisionContext): DecisionProblem[] {
  const problems: DecisionProblem[] = [];
  if (!(DECISION_STATUSES as readonly string[]).includes(input.status))
    problems.push({ field: "status", messageKey: "complaints.decide.error.status" });
  const text = input.decision?.trim() ?? "";
  if (text.length < DECISION_MIN)
    problems.push({ field: "decision", messageKey: "complaints.decide.error.decisionRequired" });
  else if (text.length > DECISION_MAX)
    problems.push({ field: "decision", messageKey: "complaints.decide.error.decisionTooLong" });
  if ((input.decisionNumber?.trim().length ?? 0) > DECISION_NUMBER_MAX)
    problems.push({ field: "decisionNumber", messageKey: "complaints.decide.error.numberTooLong" });

  if (!input.decisionDate || Number.isNaN(input.decisionDate.getTime())) {
    problems.push({ field: "decisionDate", messageKey: "complaints.decide.error.dateRequired" });
  } else {
    const day = vnDay(input.decisionDate);
    if (day > vnDay(ctx.now))
      problems.push({ field: "decisionDate", messageKey: "complaints.decide.error.dateFuture" });
    else if (day < vnDay(ctx.lodgedAt))
      problems.push({ field: "decisionDate", messageKey: "complaints.decide.error.dateBeforeLodged" });
  }

  if (given(input.newScore) && !isValidScore(input.newScore))
    problems.push({ field: "newScore", messageKey: "complaints.decide.error.score" });
  if (changesResult(input)) {
    if (input.status !== "UPHELD") {
      problems.push({
        field: given(input.newScore) ? "newScore" : "newRecognised",
        messageKey: "complaints.decide.error.changeOnlyUpheld",
      });
    } else if (!problems.some((p) => p.field === "newScore")) {
      const after = outcomeAfter(ctx.current, input, ctx.passLine);
      const before = ctx.current;
      const same =
        (!given(input.newScore) || before?.finalScore === after.finalScore) &&
        (!given(input.newRecognised) || before?.recognised === after.recognised);
      if (same)
        problems.push({
          field: given(input.newScore) ? "newScore" : "newRecognised",
          messageKey: "complaints.decide.error.noChange",
        });
      // Finalisation refuses a recognised product below the pass line; a decision may not create one.
      else if (after.recognised === true && after.finalPassed !== true) {
        problems.push({
          field: given(input.newRecognised) ? "newRecognised" : "newScore",
          messageKey: "complaints.decide.error.recognisedNotPassed",
        });
      }
    }
  }
  return problems;
}

/** "số 12/QĐ-HĐBC ngày 20/05/2026", or "ngày 20/05/2026" without a number. */
function decisionReference(input: { decisionNumber?: string | null; decisionDate: Date }): string {
  const number = input.decisionNumber?.trim();
  const date = formatDate(input.decisionDate);
  return number ? `số ${number} ngày ${date}` : `ngày ${date}`;
}

/** The decision as recorded on the complaint: its reference on the first line, then the council's words. */
export function decisionRecord(input: {
  decision: string;
  decisionNumber?: string | null;
  decisionDate: Date;
}): string {
  return `Quyết định ${decisionReference(input)}\n${input.decision.trim()}`;
}

/** Why a certificate is revoked after an upheld complaint (kept in Vietnamese: it is printed on the public verification page). */
export function revocationReason(input: { decisionNumber?: string | null; decisionDate: Date }): string {
  return `Thu hồi theo quyết định giải quyết khiếu nại ${decisionReference(input)}`;
}

/** A date input's "yyyy-mm-dd" as the start of that day in Vietnam; null if it is not a real day. */
export const decisionDateOf = (value: string | null | undefined): Date | null => (value ? vnDate(value) : null);
