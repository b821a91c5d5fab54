// Forms of the site visits pages (decision 039): one zod schema per form, shared by Conform in
// the browser and the server. Messages are translation keys (app/locales/*/visits.ts). The date
// arrives as a datetime-local string (Vietnam time) and becomes an instant in the service call.
import { z } from "zod";
import {
  CANCEL_REASON_MAX,
  CANCEL_REASON_MIN,
  VISIT_DURATION_DEFAULT,
  VISIT_DURATION_MAX,
  VISIT_DURATION_MIN,
} from "./visit-rules";

const id = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);

export const VisitParams = z.object({ visitId: id });
export const VisitRoundParams = z.object({ roundId: id });
export const VisitPhotoParams = z.object({ visitId: id, photoId: id });

export const ScheduleVisitSchema = z.object({
  intent: z.literal("schedule"),
  entryId: z.string({ error: "visits.entry.required" }).regex(/^[A-Za-z0-9_-]{1,100}$/, "visits.entry.required"),
  scheduledAt: z
    .string({ error: "visits.date.required" })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "visits.date.invalid"),
  durationMinutes: z
    .number({ error: "visits.duration.invalid" })
    .int("visits.duration.invalid")
    .min(VISIT_DURATION_MIN, "visits.duration.invalid")
    .max(VISIT_DURATION_MAX, "visits.duration.invalid")
    .default(VISIT_DURATION_DEFAULT),
  address: z
    .string({ error: "visits.address.required" })
    .trim()
    .min(5, "visits.address.tooShort")
    .max(300, "visits.address.tooLong"),
  note: z.string().trim().max(2000, "visits.note.tooLong").optional(),
  memberIds: z
    .array(id, { error: "visits.members.required" })
    .min(1, "visits.members.required")
    .max(30, "visits.members.required"),
});
export type ScheduleVisitForm = z.infer<typeof ScheduleVisitSchema>;

export const VisitReportSchema = z.object({
  intent: z.literal("report"),
  findings: z
    .string({ error: "visits.findings.required" })
    .trim()
    .min(20, "visits.findings.tooShort")
    .max(10_000, "visits.findings.tooLong"),
  presentIds: z
    .array(id, { error: "visits.present.required" })
    .min(1, "visits.present.required")
    .max(30, "visits.present.required"),
});
export type VisitReportForm = z.infer<typeof VisitReportSchema>;

/** Cancelling a scheduled visit: the reason is kept in the entry's history and mailed to the members. */
export const CancelVisitSchema = z.object({
  intent: z.literal("cancel"),
  reason: z
    .string({ error: "visits.cancel.reasonRequired" })
    .trim()
    .min(CANCEL_REASON_MIN, "visits.cancel.reasonTooShort")
    .max(CANCEL_REASON_MAX, "visits.cancel.reasonTooLong"),
});
export type CancelVisitForm = z.infer<typeof CancelVisitSchema>;

/** The calendar of a round's visits: `?round=<id>`. */
export const VisitCalendarQuery = z.object({ round: id });
