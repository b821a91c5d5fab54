// Forms of the rounds pages: one zod schema per form, shared by Conform in the browser and the
// server. Messages are translation keys (app/locales/*/rounds.ts). Dates arrive as the strings
// of date / datetime-local inputs (Vietnam time) and become instants in roundFieldsFromForm.
import { z } from "zod";
import {
  FILE_KINDS,
  isValidPassLine,
  parseJurisdiction,
  PRODUCT_GROUPS,
  vnDate,
  vnDateTime,
  type FileKindName,
  type ProductGroupName,
} from "./round-fields";
import { ROUND_STATUSES, roundTimelineProblems } from "./round-state";

export const RoundIdParam = z.object({ roundId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/) });

const dateTimeField = z.string({ error: "rounds.timeline.required" }).trim().max(25, "rounds.timeline.invalidDate");
const dateField = z.string().trim().max(25, "rounds.timeline.invalidDate").optional();

// "70,5" is how a Vietnamese user types 70.5 when the browser does not enforce a number input.
const commaDecimal = (v: unknown) => (typeof v === "string" ? v.trim().replace(",", ".") : v);

const settingsShape = {
  name: z
    .string({ error: "rounds.name.required" })
    .trim()
    .min(5, "rounds.name.tooShort")
    .max(300, "rounds.name.tooLong"),
  groups: z.array(z.enum(PRODUCT_GROUPS, { error: "rounds.groups.required" })).min(1, "rounds.groups.required"),
  entriesOpenAt: dateTimeField,
  entriesCloseAt: dateTimeField,
  judgingStartAt: dateField,
  resultsAt: dateField,
  passLine: z.preprocess(
    commaDecimal,
    z
      .number({ error: "rounds.passLine.invalid" })
      .min(0, "rounds.passLine.invalid")
      .max(100, "rounds.passLine.invalid")
      .refine(isValidPassLine, "rounds.passLine.step"),
  ),
  requiredDocuments: z.array(z.enum(FILE_KINDS)).optional(),
  description: z.string().trim().max(5000, "rounds.description.tooLong").optional(),
  quotas: z
    .array(
      z.object({
        provinceId: z.string().trim().max(100),
        quota: z
          .number({ error: "rounds.quota.invalid" })
          .int("rounds.quota.invalid")
          .min(0, "rounds.quota.invalid")
          .max(10_000, "rounds.quota.invalid")
          .optional(),
      }),
    )
    .max(200)
    .optional(),
};

type Settings = z.infer<z.ZodObject<typeof settingsShape>>;

/** Date strings → instants, with the form-field path of each timeline problem. */
function timelineOf(v: Pick<Settings, "entriesOpenAt" | "entriesCloseAt" | "judgingStartAt" | "resultsAt">) {
  const parsed = {
    entriesOpenAt: vnDateTime(v.entriesOpenAt) ?? new Date(NaN),
    entriesCloseAt: vnDateTime(v.entriesCloseAt) ?? new Date(NaN),
    judgingStartAt: v.judgingStartAt ? (vnDate(v.judgingStartAt) ?? new Date(NaN)) : null,
    resultsAt: v.resultsAt ? (vnDate(v.resultsAt) ?? new Date(NaN)) : null,
  };
  return { parsed, problems: roundTimelineProblems(parsed) };
}

function checkTimeline(v: Settings, ctx: z.RefinementCtx) {
  for (const p of timelineOf(v).problems) ctx.addIssue({ code: "custom", path: [p.field], message: p.messageKey });
}

export const CreateRoundSchema = z
  .object({
    ...settingsShape,
    jurisdiction: z
      .string({ error: "rounds.jurisdiction.required" })
      .trim()
      .refine((v) => parseJurisdiction(v) !== null, "rounds.jurisdiction.required"),
    year: z
      .number({ error: "rounds.year.invalid" })
      .int("rounds.year.invalid")
      .min(2000, "rounds.year.invalid")
      .max(2100, "rounds.year.invalid"),
  })
  .superRefine(checkTimeline);

export const UpdateRoundSchema = z.object({ intent: z.literal("update"), ...settingsShape }).superRefine(checkTimeline);

export const ReopenRoundSchema = z.object({
  intent: z.literal("reopen"),
  /** OPEN: reopen entries (from SCREENING); JUDGING: reopen judging (from RESULTS). */
  to: z.enum(["OPEN", "JUDGING"]).default("OPEN"),
  reason: z
    .string({ error: "rounds.reopen.reasonRequired" })
    .trim()
    .min(1, "rounds.reopen.reasonRequired")
    .max(2000, "rounds.reopen.reasonTooLong"),
});

/** A regional round's member provinces (decision 025): the checked boxes, each a province id. */
export const RoundMembersSchema = z.object({
  intent: z.literal("members"),
  provinceIds: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,100}$/)).max(200),
});

export const TransitionRoundSchema = z.object({
  intent: z.literal("transition"),
  to: z.enum(ROUND_STATUSES),
  reason: z.string().trim().max(2000).optional(),
});

export interface RoundSettings {
  name: string;
  groups: ProductGroupName[];
  entriesOpenAt: Date;
  entriesCloseAt: Date;
  judgingStartAt: Date | null;
  resultsAt: Date | null;
  passLine: number;
  requiredDocuments: FileKindName[];
  description: string | null;
  /** provinceId → quota; provinces left blank have no quota. */
  quotas: Record<string, number>;
}

/** The service input of a validated create/update form. */
export function roundSettingsFromForm(v: Settings): RoundSettings {
  const { parsed } = timelineOf(v);
  const quotas: Record<string, number> = {};
  for (const q of v.quotas ?? []) if (q.provinceId && q.quota !== undefined) quotas[q.provinceId] = q.quota;
  return {
    name: v.name,
    groups: v.groups,
    ...parsed,
    passLine: v.passLine as number,
    requiredDocuments: v.requiredDocuments ?? [],
    description: v.description || null,
    quotas,
  };
}

// ───────────── list filters ─────────────

/** Unknown values in a hand-edited URL fall back to "all" rather than an error page. */
export const RoundListFilters = z.object({
  status: z.enum(ROUND_STATUSES).optional().catch(undefined),
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
});
