// Forms of the samples pages (issue #14, decision 038): one zod schema per form, shared by
// Conform in the browser and the server. Messages are translation keys (app/locales/*/samples.ts);
// dates arrive as datetime-local strings in Vietnam time. The service checks again what only the
// database knows (the round's state, the entry's, whether the sample is already back home).
import { z } from "zod";
import { IdParam } from "~/modules/entries/schemas";
import { vnDateTime } from "~/modules/rounds/round-fields";
import { SAMPLE_CONDITIONS, SAMPLE_ENDS, UNITS_MAX } from "./samples";

export const SampleParams = z.object({ roundId: IdParam, entryId: IdParam });

/** A datetime-local value in Vietnam time, as an instant; "" or absent when optional. */
const vnInstant = (message: "samples.error.date") =>
  z
    .string({ error: message })
    .trim()
    .max(25, message)
    .transform((v, ctx) => {
      const date = vnDateTime(v);
      if (!date) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return date;
    });

const optionalText = (max: number, message: "samples.error.tooLong") =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((v) => (v ? v : null));

export const SampleSettingsSchema = z
  .object({
    intent: z.literal("settings"),
    required: z.boolean().optional().default(false),
    unitsPerEntry: z
      .number({ error: "samples.settings.error.units" })
      .int("samples.settings.error.units")
      .min(1, "samples.settings.error.units")
      .max(UNITS_MAX, "samples.settings.error.units")
      .optional()
      .default(1),
    receivingPlace: optionalText(300, "samples.error.tooLong"),
    deadline: vnInstant("samples.error.date").optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.required) return;
    if (!v.receivingPlace)
      ctx.addIssue({ code: "custom", path: ["receivingPlace"], message: "samples.settings.error.place" });
    if (!v.deadline) ctx.addIssue({ code: "custom", path: ["deadline"], message: "samples.settings.error.deadline" });
  });

export const ReceiptSchema = z.object({
  intent: z.literal("receive"),
  receivedAt: vnInstant("samples.error.date"),
  units: z
    .number({ error: "samples.receipt.error.units" })
    .int("samples.receipt.error.units")
    .min(1, "samples.receipt.error.units")
    .max(UNITS_MAX * 10, "samples.receipt.error.units"),
  condition: z.enum(SAMPLE_CONDITIONS, { error: "samples.receipt.error.condition" }),
  storage: z
    .string({ error: "samples.receipt.error.storage" })
    .trim()
    .min(2, "samples.receipt.error.storage")
    .max(200, "samples.error.tooLong"),
  note: optionalText(1000, "samples.error.tooLong"),
});

export const SampleEndSchema = z.object({
  intent: z.literal("end"),
  action: z.enum(SAMPLE_ENDS, { error: "samples.end.error.action" }),
  endedAt: vnInstant("samples.error.date"),
  note: optionalText(1000, "samples.error.tooLong"),
});

/** `entry`: one entry's label; `panel`: a panel's tasting-number labels (a panel id, or ALL). */
export const LabelsQuery = z.object({
  entry: IdParam.optional(),
  panel: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
});
