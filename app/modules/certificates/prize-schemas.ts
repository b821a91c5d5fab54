// Forms of the prizes page (issue #12 item 8, decision 029): one zod schema per form, shared by
// Conform in the browser and the server. Messages are translation keys (app/locales/*/prizes.ts);
// the rules are the pure ones of prizes.ts, and the service checks them again with what only the
// database knows (the round's state, the members present, the quota left).
import { z } from "zod";
import { IdParam } from "~/modules/entries/schemas";
import { PRIZE_QUOTA_MAX, PRIZE_TIERS } from "./prizes";

const quota = z
  .number({ error: "prizes.settings.error.quota" })
  .int("prizes.settings.error.quota")
  .min(0, "prizes.settings.error.quota")
  .max(PRIZE_QUOTA_MAX, "prizes.settings.error.quota")
  .optional()
  .default(0);

export const PrizeSettingsSchema = z
  .object({
    intent: z.literal("settings"),
    awardsPrizes: z.boolean().optional().default(false),
    quotaA: quota,
    quotaB: quota,
    quotaC: quota,
    quotaENCOURAGEMENT: quota,
  })
  .superRefine((v, ctx) => {
    if (v.awardsPrizes && v.quotaA + v.quotaB + v.quotaC + v.quotaENCOURAGEMENT === 0) {
      ctx.addIssue({ code: "custom", path: ["awardsPrizes"], message: "prizes.settings.error.none" });
    }
  });

const votes = z
  .number({ error: "prizes.vote.error.required" })
  .int("prizes.vote.error.count")
  .min(0, "prizes.vote.error.count")
  .max(10_000, "prizes.vote.error.count");

/** "NONE" removes a prize; the vote counts are then not needed. Members present bound them in the service. */
export const PrizeAwardSchema = z
  .object({
    intent: z.literal("award"),
    entryId: IdParam,
    prize: z.enum(["NONE", ...PRIZE_TIERS], { error: "prizes.error.prizeRequired" }),
    votesFor: votes.optional(),
    votesAgainst: votes.optional(),
    votesAbstain: votes.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.prize === "NONE") return;
    for (const f of ["votesFor", "votesAgainst", "votesAbstain"] as const) {
      if (v[f] === undefined) ctx.addIssue({ code: "custom", path: [f], message: "prizes.vote.error.required" });
    }
  });
