// The monitoring forms (issue #14): one zod schema per form, shared by Conform in the browser and
// the server. Messages are translation keys (app/locales/*/monitoring.ts).
import { z } from "zod";
import { vnDate } from "~/modules/rounds/round-fields";
import { CHANGE_KINDS } from "./schedule";

export const CertificateIdParam = z.object({ certificateId: z.string().regex(/^[a-z0-9]{20,40}$/) });
export const ReportIdParam = z.object({ reportId: z.string().regex(/^[a-z0-9]{20,40}$/) });

export const NOTE_MAX = 2000;
export const FINDINGS_MIN = 10;
export const ANSWER_MIN = 10;
export const REPORT_TEXT_MIN = 10;
export const REPORT_TEXT_MAX = 2000;
export const PLACE_MAX = 300;
export const CONTACT_MAX = 200;
/** A report's photo: smaller than the general upload limit, a picture only. */
export const REPORT_PHOTO_MAX_MB = 5;

export const INSPECTION_OUTCOMES = ["FINE", "WARNING", "REVOCATION_PROPOSED"] as const;
export type InspectionOutcome = (typeof INSPECTION_OUTCOMES)[number];
export const REPORT_CATEGORIES = ["MISMATCH", "QUALITY", "PACKAGING", "FAKE_LOGO", "OTHER"] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];
export const CASE_STATUSES = ["OPEN", "ANSWERED", "CLOSED"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

const day = (required: "monitoring.error.dateRequired") =>
  z
    .string({ error: required })
    .trim()
    .refine((v) => vnDate(v) !== null, required);

/** The holder's yearly confirmation: unchanged, or which things changed and how. */
export const ConfirmSchema = z
  .object({
    certificateId: CertificateIdParam.shape.certificateId,
    answer: z.enum(["unchanged", "changed"], { error: "monitoring.confirm.error.answer" }),
    changes: z.array(z.enum(CHANGE_KINDS, { error: "monitoring.confirm.error.changes" })).optional(),
    note: z.string().trim().max(NOTE_MAX, "monitoring.error.tooLong").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.answer !== "changed") return;
    if (!v.changes?.length)
      ctx.addIssue({ code: "custom", path: ["changes"], message: "monitoring.confirm.error.changes" });
    if (!v.note || v.note.length < 10)
      ctx.addIssue({ code: "custom", path: ["note"], message: "monitoring.confirm.error.note" });
  });

export const PlanInspectionSchema = z.object({
  intent: z.literal("plan"),
  plannedFor: day("monitoring.error.dateRequired"),
  purpose: z.string().trim().max(NOTE_MAX, "monitoring.error.tooLong").optional(),
});

export const RecordInspectionSchema = z.object({
  intent: z.literal("record"),
  inspectionId: CertificateIdParam.shape.certificateId,
  inspectedAt: day("monitoring.error.dateRequired"),
  findings: z
    .string({ error: "monitoring.inspection.error.findings" })
    .trim()
    .min(FINDINGS_MIN, "monitoring.inspection.error.findings")
    .max(NOTE_MAX, "monitoring.error.tooLong"),
  outcome: z.enum(INSPECTION_OUTCOMES, { error: "monitoring.inspection.error.outcome" }),
});

export const AnswerCaseSchema = z.object({
  intent: z.literal("answer"),
  caseId: CertificateIdParam.shape.certificateId,
  status: z.enum(["ANSWERED", "CLOSED"], { error: "monitoring.reports.error.status" }),
  answer: z
    .string({ error: "monitoring.reports.error.answer" })
    .trim()
    .min(ANSWER_MIN, "monitoring.reports.error.answer")
    .max(NOTE_MAX, "monitoring.error.tooLong"),
});

/** A consumer's report from /verify/<code>: the photo is a separate file part, checked by the service. */
export const ReportSchema = z.object({
  category: z.enum(REPORT_CATEGORIES, { error: "monitoring.report.error.category" }),
  text: z
    .string({ error: "monitoring.report.error.text" })
    .trim()
    .min(REPORT_TEXT_MIN, "monitoring.report.error.text")
    .max(REPORT_TEXT_MAX, "monitoring.report.error.textTooLong"),
  place: z
    .string({ error: "monitoring.report.error.place" })
    .trim()
    .min(2, "monitoring.report.error.place")
    .max(PLACE_MAX, "monitoring.error.tooLong"),
  contact: z.string().trim().max(CONTACT_MAX, "monitoring.error.tooLong").optional(),
});
export type ReportInput = z.infer<typeof ReportSchema>;

/** The organiser's list of overdue confirmations shows the open flags or the closed ones (overdue.server.ts). */
export const FLAG_STATES = ["open", "closed"] as const;
export type FlagState = (typeof FLAG_STATES)[number];
