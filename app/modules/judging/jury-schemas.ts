// Forms of the jury pages (issue #4): the jury and council of a round, its panels, its judging
// settings, conflicts of interest, the assignment matrix and a judge's declaration. One zod schema
// per form, shared by Conform in the browser and by the server; messages are translation keys
// (app/locales/*/jury.ts). Pure: no Prisma here.
import { z } from "zod";
import { PRODUCT_GROUPS } from "~/modules/rounds/round-fields";
import { SCORE_STEP } from "./scoring";

export const COUNCIL_ROLES = ["CHAIR", "VICE_CHAIR", "SECRETARY", "MEMBER"] as const;
export type CouncilRoleName = (typeof COUNCIL_ROLES)[number];

/**
 * A council has one chair and one secretary (the secretary keeps the minutes and records the
 * vote); vice-chairs and members may be several.
 */
export const SINGLE_COUNCIL_ROLES: readonly CouncilRoleName[] = ["CHAIR", "SECRETARY"];

/** Tie-break criteria, in the keys scoring.ts#rankEntries uses. */
export const CRITERION_KEYS = ["C1", "C2", "C3", "C4"] as const;
export type CriterionKey = (typeof CRITERION_KEYS)[number];
export const TIE_BREAK_SLOTS = 4;
export const DEFAULT_TIE_BREAK: CriterionKey[] = ["C1", "C2"];

/** The sibling programme's rule (domain.md): totals may differ by at most 10 points. */
export const DEFAULT_SPREAD_LIMIT = 10;
export const SPREAD_LIMIT_MIN = 1;
export const SPREAD_LIMIT_MAX = 100;

export const CUID = /^[a-z0-9]{20,40}$/;
const Id = z.string().regex(CUID);

// "10,5" is how a Vietnamese user types 10.5 when the browser does not enforce a number input.
const commaDecimal = (v: unknown) => (typeof v === "string" ? v.trim().replace(",", ".") : v);
const isHalfStep = (v: number) => Number.isInteger(v / SCORE_STEP);

/** A checkbox: Conform turns "on" into true and a missing box into undefined. */
const checkbox = z.boolean().optional().default(false);

// ───────────── members ─────────────

const memberFields = {
  title: z.string().trim().max(200, "jury.member.title.tooLong").optional(),
  panelId: Id.optional(),
  isJudge: checkbox,
  councilRole: z.enum(COUNCIL_ROLES, { error: "jury.member.councilRole.invalid" }).optional(),
};

/** Someone in the jury list must be a judge, a council member, or both. */
const hasARole = (v: { isJudge: boolean; councilRole?: string }) => v.isJudge || !!v.councilRole;

export const InviteMemberSchema = z
  .object({
    intent: z.literal("invite"),
    email: z
      .string({ error: "jury.invite.email.required" })
      .trim()
      .toLowerCase()
      .max(254, "jury.invite.email.invalid")
      .email("jury.invite.email.invalid"),
    name: z
      .string({ error: "jury.invite.name.required" })
      .trim()
      .min(2, "jury.invite.name.required")
      .max(120, "jury.invite.name.tooLong"),
    ...memberFields,
  })
  .refine(hasARole, { path: ["isJudge"], message: "jury.member.noRole" });

export const UpdateMemberSchema = z
  .object({
    intent: z.literal("updateMember"),
    memberId: Id,
    provinceId: Id.optional(),
    ...memberFields,
  })
  .refine(hasARole, { path: ["isJudge"], message: "jury.member.noRole" });

export const RemoveMemberSchema = z.object({ intent: z.literal("removeMember"), memberId: Id });

// ───────────── panels ─────────────

export const PanelSchema = z.object({
  intent: z.enum(["createPanel", "updatePanel"]),
  panelId: Id.optional(),
  name: z
    .string({ error: "jury.panel.name.required" })
    .trim()
    .min(1, "jury.panel.name.required")
    .max(120, "jury.panel.name.tooLong"),
  groups: z.array(z.enum(PRODUCT_GROUPS), { error: "jury.panel.groups.required" }).min(1, "jury.panel.groups.required"),
});

export const DeletePanelSchema = z.object({ intent: z.literal("deletePanel"), panelId: Id });

// ───────────── judging settings ─────────────

export interface JudgingSettingsInput {
  blindJudging: boolean;
  /** null = the spread rule is off. */
  spreadLimit: number | null;
  scoringPasses: 1 | 2;
  /** Criteria breaking ties of the mean, in order (C1..C4, no repeats, at least one). */
  tieBreak: CriterionKey[];
  /** null = the default name (council.ts#councilNameOf). */
  councilName: string | null;
}

export interface SettingsProblem {
  field: "spreadLimit" | "scoringPasses" | `tieBreak${number}`;
  messageKey: string;
}

/** What is wrong with settings, whoever sends them (the form, or a service caller). */
export function judgingSettingsProblems(input: {
  spreadLimit: number | null;
  scoringPasses: number;
  tieBreak: readonly string[];
}): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const limit = input.spreadLimit;
  if (limit !== null) {
    if (!Number.isFinite(limit) || limit < SPREAD_LIMIT_MIN || limit > SPREAD_LIMIT_MAX)
      problems.push({ field: "spreadLimit", messageKey: "jury.settings.spreadLimit.range" });
    else if (!isHalfStep(limit)) problems.push({ field: "spreadLimit", messageKey: "jury.settings.spreadLimit.step" });
  }
  if (input.scoringPasses !== 1 && input.scoringPasses !== 2)
    problems.push({ field: "scoringPasses", messageKey: "jury.settings.scoringPasses.invalid" });
  if (input.tieBreak.length === 0) problems.push({ field: "tieBreak1", messageKey: "jury.settings.tieBreak.required" });
  if (input.tieBreak.length > TIE_BREAK_SLOTS)
    problems.push({ field: `tieBreak${TIE_BREAK_SLOTS}`, messageKey: "jury.settings.tieBreak.invalid" });
  const seen = new Set<string>();
  input.tieBreak.forEach((c, i) => {
    if (!(CRITERION_KEYS as readonly string[]).includes(c))
      problems.push({ field: `tieBreak${i + 1}`, messageKey: "jury.settings.tieBreak.invalid" });
    else if (seen.has(c)) problems.push({ field: `tieBreak${i + 1}`, messageKey: "jury.settings.tieBreak.duplicate" });
    seen.add(c);
  });
  return problems;
}

const tieBreakSlot = z.enum(CRITERION_KEYS, { error: "jury.settings.tieBreak.invalid" }).optional();

const settingsObject = z.object({
  intent: z.literal("settings"),
  blindJudging: checkbox,
  spreadOn: checkbox,
  spreadLimit: z.preprocess(commaDecimal, z.number({ error: "jury.settings.spreadLimit.range" }).optional()),
  scoringPasses: z.number({ error: "jury.settings.scoringPasses.invalid" }).int("jury.settings.scoringPasses.invalid"),
  tieBreak1: tieBreakSlot,
  tieBreak2: tieBreakSlot,
  tieBreak3: tieBreakSlot,
  tieBreak4: tieBreakSlot,
  councilName: z.string().trim().max(300, "jury.settings.councilName.tooLong").optional(),
});
type SettingsForm = z.infer<typeof settingsObject>;

/** Empty tie-break selects are skipped: "C1, —, C3" means C1 then C3. */
const tieBreakOf = (v: SettingsForm) =>
  [v.tieBreak1, v.tieBreak2, v.tieBreak3, v.tieBreak4].filter((c): c is CriterionKey => !!c);

export const JudgingSettingsSchema = settingsObject.superRefine((v, ctx) => {
  if (v.spreadOn && v.spreadLimit === undefined)
    ctx.addIssue({ code: "custom", path: ["spreadLimit"], message: "jury.settings.spreadLimit.required" });
  const tieBreak = tieBreakOf(v);
  // Report a repeat on the select where it happens (the compacted list shifts positions).
  const slots = [v.tieBreak1, v.tieBreak2, v.tieBreak3, v.tieBreak4];
  const seen = new Set<string>();
  slots.forEach((c, i) => {
    if (!c) return;
    if (seen.has(c))
      ctx.addIssue({ code: "custom", path: [`tieBreak${i + 1}`], message: "jury.settings.tieBreak.duplicate" });
    seen.add(c);
  });
  for (const p of judgingSettingsProblems({
    spreadLimit: v.spreadOn ? (v.spreadLimit ?? null) : null,
    scoringPasses: v.scoringPasses,
    tieBreak: [...new Set(tieBreak)],
  })) {
    ctx.addIssue({ code: "custom", path: [p.field], message: p.messageKey });
  }
});

/** The service input of a validated settings form. */
export function judgingSettingsFromForm(v: SettingsForm): JudgingSettingsInput {
  return {
    blindJudging: v.blindJudging,
    spreadLimit: v.spreadOn ? (v.spreadLimit ?? DEFAULT_SPREAD_LIMIT) : null,
    scoringPasses: v.scoringPasses === 2 ? 2 : 1,
    tieBreak: tieBreakOf(v),
    councilName: v.councilName?.trim() || null,
  };
}

/**
 * Round.tieBreak is stored as "C1,C2": the one parser of it (unknown and repeated keys dropped,
 * C1, C2 when nothing is left) and, below, the one writer. Results and the settings form read it here.
 */
export function parseTieBreak(stored: string | null | undefined): CriterionKey[] {
  const keys = (stored ?? "").split(",").map((s) => s.trim());
  const out: CriterionKey[] = [];
  for (const k of keys)
    if ((CRITERION_KEYS as readonly string[]).includes(k) && !out.includes(k as CriterionKey))
      out.push(k as CriterionKey);
  return out.length ? out : [...DEFAULT_TIE_BREAK];
}

/** The stored form of a tie-break order: parseTieBreak(formatTieBreak(keys)) gives the keys back. */
export const formatTieBreak = (keys: readonly CriterionKey[]): string => keys.join(",");

// ───────────── conflicts ─────────────

export const ConflictSchema = z.object({
  intent: z.literal("addConflict"),
  memberId: z.string({ error: "jury.conflict.member.required" }).regex(CUID, "jury.conflict.member.required"),
  establishmentId: z
    .string({ error: "jury.conflict.establishment.required" })
    .regex(CUID, "jury.conflict.establishment.required"),
  note: z.string().trim().max(1000, "jury.conflict.note.tooLong").optional(),
});

export const RemoveConflictSchema = z.object({ intent: z.literal("removeConflict"), conflictId: Id });

// ───────────── assignments ─────────────

/** A matrix cell: "<entryId>:<juryMemberId>". */
export const cellKey = (entryId: string, memberId: string) => `${entryId}:${memberId}`;

/**
 * The matrix form sends the rows and columns it showed (hidden inputs) and the checked cells.
 * Only the cells of those rows and columns change: an entry accepted or a judge invited after
 * the page was drawn is left as it is.
 */
export const AssignmentsSchema = z.object({
  intent: z.literal("saveAssignments"),
  row: z.array(Id).max(5000).optional().default([]),
  col: z.array(Id).max(500).optional().default([]),
  cell: z
    .array(z.string().regex(/^[a-z0-9]{20,40}:[a-z0-9]{20,40}$/))
    .max(50_000)
    .optional()
    .default([]),
});

export const AssignmentFilters = z.object({
  group: z.enum(PRODUCT_GROUPS).optional().catch(undefined),
});

// ───────────── declaration ─────────────

export const DeclarationSchema = z.object({
  establishmentId: z.array(Id).max(5000).optional().default([]),
  note: z.string().trim().max(2000, "jury.declaration.note.tooLong").optional(),
  confirm: z
    .boolean({ error: "jury.declaration.confirm.required" })
    .refine((v) => v === true, "jury.declaration.confirm.required"),
});
