// Forms and search params of the nominations pages (liên thông, issue #5).
import { z } from "zod";
import { IdParam } from "~/modules/entries/schemas";

export const RoundParams = z.object({ roundId: IdParam });

/** The "Gửi danh sách đề cử" form: one receiving round, the certificates ticked. */
export const NominateSchema = z.object({
  targetRoundId: z
    .string({ error: "nominations.error.targetRequired" })
    .regex(/^[a-z0-9]{20,40}$/, "nominations.error.targetRequired"),
  certificateIds: z
    .array(z.string().regex(/^[a-z0-9]{20,40}$/, "nominations.error.noneSelected"), {
      error: "nominations.error.noneSelected",
    })
    .min(1, "nominations.error.noneSelected")
    .max(500, "nominations.error.noneSelected"),
});

/** ?to=<round id>: the receiving round the page shows; anything else falls back to the first one. */
export const TargetSearchSchema = z.object({
  to: IdParam.optional().catch(undefined),
});

/** /admin/rounds/:roundId/nominations/export?format=xlsx|csv&to=<target round id> */
export const NominationExportSchema = z.object({
  format: z.enum(["xlsx", "csv"]).default("xlsx"),
  to: IdParam.optional(),
});
