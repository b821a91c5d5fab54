// What an export job carries (its Job row's payload) and how its id looks in a URL
// (docs/decisions/042-export-jobs.md).
import { z } from "zod";
import { ScreeningFiltersSchema } from "~/modules/entries/schemas";
import { ResultsExportQuery } from "~/modules/judging/results-schemas";
import { NominationExportSchema } from "~/modules/nominations/schemas";
import { LOCALES } from "~/utils/i18n";

export const EXPORT_JOB_KIND = "exports.file";

/** Job ids: 128 random bits in base64url (queue.server.ts newJobId). */
export const ExportJobId = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
export const ExportJobParams = z.object({ jobId: ExportJobId });

export const ExportJobPayload = z.discriminatedUnion("source", [
  z.object({
    source: z.literal("register"),
    format: z.enum(["xlsx", "csv", "pdf"]),
    locale: z.enum(LOCALES),
    /** The list's filters as the register's own query string (registerSearch), read back by parseRegisterFilters. */
    query: z.string().max(4000),
  }),
  z.object({
    source: z.literal("entries"),
    format: z.enum(["xlsx", "csv"]),
    locale: z.enum(LOCALES),
    roundId: z.string().min(1).max(40),
    filters: ScreeningFiltersSchema,
  }),
  z.object({
    source: z.literal("results"),
    format: z.enum(["xlsx", "csv", "pdf"]),
    locale: z.enum(LOCALES),
    roundId: z.string().min(1).max(40),
    group: ResultsExportQuery.shape.group,
    pass: ResultsExportQuery.shape.pass,
  }),
  z.object({
    source: z.literal("nominations"),
    format: z.enum(["xlsx", "csv"]),
    locale: z.enum(LOCALES),
    roundId: z.string().min(1).max(40),
    to: NominationExportSchema.shape.to,
  }),
]);
export type ExportJobPayload = z.infer<typeof ExportJobPayload>;
