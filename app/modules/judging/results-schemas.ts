// Forms and search params of the results pages (issue #4): one zod schema per form, shared by
// Conform in the browser and the server. Messages are translation keys (app/locales/*/results.ts).
// The vote's cross-field rules are the pure voteProblems() of results.ts, so the form and the
// service refuse exactly the same things.
import { z } from "zod";
import { voteProblems } from "./results";

const Id = z.string().regex(/^[a-z0-9]{20,40}$/);

const count = (required: string) =>
  z
    .number({ error: required })
    .int("results.vote.error.count")
    .min(0, "results.vote.error.count")
    .max(10_000, "results.vote.error.count");

/** A checkbox: Conform turns "on" into true and a missing box into undefined. */
const checkbox = z.boolean().optional().default(false);

export const VoteSchema = z
  .object({
    intent: z.literal("vote"),
    entryId: Id,
    votesFor: count("results.vote.error.required"),
    votesAgainst: count("results.vote.error.required"),
    votesAbstain: count("results.vote.error.required"),
    membersPresent: count("results.vote.error.required"),
    membersTotal: count("results.vote.error.required"),
    chairPresent: checkbox,
    recognised: z.enum(["yes", "no"], { error: "results.vote.error.recognisedRequired" }),
    note: z.string().trim().max(2000, "results.vote.error.noteTooLong").optional(),
  })
  .superRefine((v, ctx) => {
    // "passed" is checked by the service, which knows the entry's result.
    for (const p of voteProblems({ ...v, recognised: v.recognised === "yes" }, true)) {
      ctx.addIssue({ code: "custom", path: [p.field], message: p.messageKey });
    }
  });
export type VoteForm = z.infer<typeof VoteSchema>;

export const SpreadDecisionSchema = z.object({
  intent: z.literal("spread"),
  entryId: Id,
  decision: z
    .string({ error: "results.spread.error.required" })
    .trim()
    .min(5, "results.spread.error.required")
    .max(2000, "results.spread.error.tooLong"),
});

export const FinaliseSchema = z.object({ intent: z.literal("finalise") });
export const SecondPassSchema = z.object({ intent: z.literal("secondPass") });

/** ?group=A..D (a tab) and ?pass=1|2; anything else is a 400. */
export const ResultsQuery = z.object({
  group: z.enum(["A", "B", "C", "D"]).optional(),
  pass: z.coerce.number().int().min(1).max(2).optional(),
});

export const ResultsExportQuery = z.object({
  format: z.enum(["xlsx", "csv", "pdf"]).default("xlsx"),
  group: z.enum(["all", "A", "B", "C", "D"]).default("all"),
  pass: z.coerce.number().int().min(1).max(2).optional(),
});
