// Forms and search params of the complaints pages (issue #5): one zod schema per form, shared by
// Conform in the browser and the server. Messages are translation keys (app/locales/*/complaints.ts).
// The decision's cross-field rules are the pure decisionProblems() of rules.ts, checked again by
// the service with the entry's current result, so the form and the service refuse the same things.
import { z } from "zod";
import { IdParam as Id } from "~/modules/entries/schemas";
import { vnDateTime } from "~/modules/rounds/round-fields";
import {
  COMPLAINT_STATUSES,
  DECISION_MAX,
  DECISION_MIN,
  DECISION_NUMBER_MAX,
  DECISION_STATUSES,
  decisionDateOf,
  isValidScore,
  TEXT_MAX,
  TEXT_MIN,
} from "./rules";

export const EntryIdParam = z.object({ entryId: Id });
export const ComplaintsRoundParam = z.object({ roundId: Id });

// "72,5" is how a Vietnamese user types 72.5 when the browser does not enforce a number input.
const commaDecimal = (v: unknown) => (typeof v === "string" ? v.trim().replace(",", ".") : v);

export const LodgeSchema = z.object({
  text: z
    .string({ error: "complaints.text.tooShort" })
    .trim()
    .min(TEXT_MIN, "complaints.text.tooShort")
    .max(TEXT_MAX, "complaints.text.tooLong"),
});

export const PeriodSchema = z.object({
  intent: z.literal("period"),
  /** datetime-local in Vietnam time. */
  complaintsUntil: z
    .string({ error: "complaints.period.error.required" })
    .trim()
    .max(25, "complaints.period.error.invalid")
    .refine((v) => vnDateTime(v) !== null, "complaints.period.error.invalid"),
});

export const DecideSchema = z
  .object({
    intent: z.literal("decide"),
    complaintId: Id,
    status: z.enum(DECISION_STATUSES, { error: "complaints.decide.error.status" }),
    decision: z
      .string({ error: "complaints.decide.error.decisionRequired" })
      .trim()
      .min(DECISION_MIN, "complaints.decide.error.decisionRequired")
      .max(DECISION_MAX, "complaints.decide.error.decisionTooLong"),
    decisionNumber: z.string().trim().max(DECISION_NUMBER_MAX, "complaints.decide.error.numberTooLong").optional(),
    decisionDate: z
      .string({ error: "complaints.decide.error.dateRequired" })
      .trim()
      .refine((v) => decisionDateOf(v) !== null, "complaints.decide.error.dateRequired"),
    newScore: z.preprocess(
      commaDecimal,
      z
        .number({ error: "complaints.decide.error.score" })
        .refine(isValidScore, "complaints.decide.error.score")
        .optional(),
    ),
    /** "" or missing = no change; "yes" / "no" = the council's new recognition decision. */
    newRecognised: z.enum(["yes", "no"]).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.status === "DISMISSED" && (v.newScore !== undefined || v.newRecognised !== undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [v.newScore !== undefined ? "newScore" : "newRecognised"],
        message: "complaints.decide.error.changeOnlyUpheld",
      });
    }
  });
export type DecideForm = z.infer<typeof DecideSchema>;

/** The service input of a validated decision form. */
export function decisionFromForm(v: DecideForm) {
  return {
    complaintId: v.complaintId,
    status: v.status,
    decision: v.decision,
    decisionNumber: v.decisionNumber || null,
    decisionDate: decisionDateOf(v.decisionDate),
    newScore: v.newScore ?? null,
    newRecognised: v.newRecognised === undefined ? null : v.newRecognised === "yes",
  };
}

/** ?status= of the list; unknown values in a hand-edited URL mean "all". */
export const ComplaintsQuery = z.object({
  status: z.enum(COMPLAINT_STATUSES).optional().catch(undefined),
});
