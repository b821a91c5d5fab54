import { z } from "zod";

export const ScreeningFiltersSchema = z.object({
  group: z.enum(["A", "B", "C", "D"]).optional().catch(undefined),
  status: z.enum(["SUBMITTED", "RETURNED", "ACCEPTED", "REJECTED", "WITHDRAWN"]).optional().catch(undefined),
  commune: z.string().trim().max(120).optional().catch(undefined).transform((v) => v || undefined),
  q: z.string().trim().max(200).optional().catch(undefined).transform((v) => v || undefined),
});

export const IdParam = z.string().regex(/^[a-z0-9]{20,40}$/);

export const ScreenSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("accept") }),
  z.object({
    intent: z.enum(["return", "reject"]),
    reason: z.string({ error: "entries.error.reasonRequired" }).trim().min(5, "entries.error.reasonRequired").max(2000),
  }),
]);

export const ExportFormat = z.enum(["xlsx", "csv"]);
