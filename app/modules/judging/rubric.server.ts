// Rubrics in the database: the current version of a round's rubric and the organiser's editing of
// it (the default one a round starts with is in default-rubric.server.ts) (issue #4, "Rubric").
//
//   - A rubric is edited in place until it is locked (Rubric.lockedAt, set by the sheets service
//     when the first sheet scored with it is submitted).
//   - A locked rubric changes only through a new version with a reason: every sheet of the round's
//     current pass moves to the new version, submitted ones go back to DRAFT with the reason.
//   - Scores are keyed by item code ("1.2", a position): whenever items change under existing
//     sheets, their scores and notes are re-keyed to follow the edited items (codeMapping), and
//     each touched sheet's version goes up so an open tab cannot save old codes over new ones.
//   - Nothing changes once judging has closed (RESULTS and later) or results are finalised.
import type { Prisma } from "~/generated/sqlite/client.ts";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import type { Auth } from "~/modules/auth/auth.server";
import { groupList, type ProductGroupName } from "~/modules/rounds/groups";
import { isUniqueViolation } from "~/utils/db-errors";
import { prisma, type Tx } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { requireRoundOrganiser } from "./access.server";
import { ensureDefaultRubric, itemData } from "./default-rubric.server";
import { bumpResultsVersion } from "./results-cache.server";
import {
  assignCodes,
  codeMapping,
  defaultRubricItems,
  effectiveItems,
  isIdentityMapping,
  isRubricEditable,
  remapKeys,
  rubricProblems,
  type RubricItemInput,
  type RubricProblem,
} from "./rubric";
import { NO_SHEET_TOTALS, parseNotes, parseScores } from "./sheet-data";

/** Limits of one rubric (also enforced by the page's form schema). */
export const RUBRIC_LIMITS = { items: 200, title: 300, guidance: 2000, reason: 2000 } as const;

/** The round's current (highest) rubric version with its items, or null. */
export function currentRubric(db: Pick<Tx, "rubric">, roundId: string) {
  return db.rubric.findFirst({
    where: { roundId },
    orderBy: { version: "desc" },
    include: { items: { orderBy: { sortOrder: "asc" } } },
  });
}

/** A 400 listing everything wrong with a rubric (rubricProblems), for the page to show by row. */
export class RubricProblemsError extends DomainError {
  constructor(public readonly problems: RubricProblem[]) {
    super(400, "rubric.error.problems", { count: problems.length });
    this.name = "RubricProblemsError";
  }
}

/** An item as the editor sends it: `id` names the current item it was edited from, if any. */
export type RubricItemEdit = RubricItemInput & { id?: string | null };

export interface SaveRubricInput {
  items: RubricItemEdit[];
  /** Required when the current version is locked: why a new version is needed. */
  reason?: string | null;
  /** The version the organiser edited; a save against anything else is refused (409). */
  basedOn?: { rubricId: string; updatedAt?: string | null } | null;
}

export type SaveRubricResult =
  | { kind: "unchanged"; version: number }
  | { kind: "updated"; version: number; sheetsUpdated: number }
  | { kind: "version"; version: number; reopened: number; moved: number };

const versionRowSelect = {
  id: true,
  version: true,
  reason: true,
  createdAt: true,
  lockedAt: true,
  createdBy: { select: { name: true } },
  _count: { select: { items: true, sheets: true } },
} satisfies Prisma.RubricSelect;

/**
 * The rubric page: the round, its current version with items (those of groups not taking part in
 * the round are left out and counted), whether it is locked, every version, what is wrong with the
 * current one, and the sheets a new version would reopen. `rubric` is null for a round that has
 * none yet (the page offers to create the default one; loaders never write).
 */
export async function getRubricPage(auth: Pick<Auth, "roles">, roundId: string) {
  const round = await requireRoundOrganiser(auth, roundId);
  const groups = groupList(round.groups);
  const [rubric, versions, submittedSheets, sheetsInPass] = await Promise.all([
    currentRubric(prisma, roundId),
    prisma.rubric.findMany({ where: { roundId }, orderBy: { version: "desc" }, select: versionRowSelect }),
    prisma.scoreSheet.count({ where: { roundId, pass: round.currentPass, status: "SUBMITTED" } }),
    prisma.scoreSheet.count({ where: { roundId, pass: round.currentPass } }),
  ]);
  const inRound = (g: string | null) => g === null || (groups as string[]).includes(g);
  const items = (rubric?.items ?? []).filter((i) => inRound(i.group));
  const otherGroups = [
    ...new Set((rubric?.items ?? []).filter((i) => !inRound(i.group)).map((i) => i.group as string)),
  ].sort();
  const submittedOnCurrent = rubric
    ? await prisma.scoreSheet.count({ where: { rubricId: rubric.id, status: "SUBMITTED" } })
    : 0;
  return {
    round: {
      id: round.id,
      name: round.name,
      status: round.status,
      groups,
      currentPass: round.currentPass,
      finalised: !!round.resultsFinalisedAt,
    },
    editable: isRubricEditable(round),
    rubric: rubric
      ? {
          id: rubric.id,
          version: rubric.version,
          reason: rubric.reason,
          lockedAt: rubric.lockedAt,
          // Locked by the sheets service; a submitted sheet on it counts too, defensively.
          locked: !!rubric.lockedAt || submittedOnCurrent > 0,
          createdAt: rubric.createdAt,
          updatedAt: rubric.updatedAt,
          items: items.map((i) => ({
            id: i.id,
            criterion: i.criterion,
            group: i.group as ProductGroupName | null,
            code: i.code,
            title: i.title,
            guidance: i.guidance,
            max: i.max,
            sortOrder: i.sortOrder,
          })),
        }
      : null,
    otherGroups,
    problems: rubric
      ? rubricProblems(
          items.map((i) => ({ ...i, group: i.group as ProductGroupName | null })),
          groups,
        )
      : [],
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      reason: v.reason,
      createdAt: v.createdAt,
      lockedAt: v.lockedAt,
      createdBy: v.createdBy.name,
      items: v._count.items,
      sheets: v._count.sheets,
    })),
    sheets: { submitted: submittedSheets, total: sheetsInPass },
  };
}

// ───────────── writing ─────────────

type CurrentRubric = NonNullable<Awaited<ReturnType<typeof currentRubric>>>;
type Row = RubricItemEdit & { code: string; sortOrder: number; sourceId: string | null };

function normaliseItems(items: readonly RubricItemEdit[]): RubricItemEdit[] {
  if (items.length > RUBRIC_LIMITS.items)
    throw new DomainError(400, "rubric.error.tooManyRows", { max: RUBRIC_LIMITS.items });
  return items.map((i) => {
    const title = typeof i.title === "string" ? i.title.trim() : "";
    const guidance = typeof i.guidance === "string" ? i.guidance.trim() || null : null;
    if (title.length > RUBRIC_LIMITS.title || (guidance?.length ?? 0) > RUBRIC_LIMITS.guidance)
      throw new DomainError(400, "error.400");
    return { id: i.id ?? null, criterion: i.criterion, group: i.group ?? null, title, guidance, max: Number(i.max) };
  });
}

/** The organiser's round, still open for rubric changes (409 once judging has closed). */
async function requireEditableRound(auth: Pick<Auth, "roles">, roundId: string) {
  const round = await requireRoundOrganiser(auth, roundId);
  if (!isRubricEditable(round)) throw new DomainError(409, "rubric.error.judgingClosed");
  return round;
}

/** Re-check inside the transaction: judging may have closed since the first read. */
async function assertStillEditable(tx: Tx, roundId: string) {
  const round = await tx.round.findUniqueOrThrow({
    where: { id: roundId },
    select: { status: true, resultsFinalisedAt: true },
  });
  if (!isRubricEditable(round)) throw new DomainError(409, "rubric.error.judgingClosed");
}

const sameItems = (a: readonly CurrentRubric["items"][number][], b: readonly Row[]) =>
  a.length === b.length &&
  a.every((x, k) => {
    const y = b[k];
    if (!y) return false;
    return (
      x.criterion === y.criterion &&
      x.group === y.group &&
      x.code === y.code &&
      x.title === y.title &&
      (x.guidance ?? null) === (y.guidance ?? null) &&
      x.max === y.max
    );
  });

const summary = (items: readonly { code: string; group: string | null; title: string; max: number }[]) =>
  items.map((i) => ({ code: i.code, group: i.group, title: i.title, max: i.max }));

/**
 * Rewrites the scores and notes of the sheets scored with `current` whose codes change, under each
 * sheet's version guard (a concurrent save by the judge makes the whole change fail with 409).
 * Returns the ids of the sheets rewritten.
 */
async function remapSheetScores(
  tx: Tx,
  current: CurrentRubric,
  rows: readonly Row[],
  where: Prisma.ScoreSheetWhereInput,
) {
  const sheets = await tx.scoreSheet.findMany({
    where: { ...where, rubricId: current.id },
    select: { id: true, version: true, scores: true, notes: true, entry: { select: { group: true } } },
  });
  const mappings = new Map<string, { map: Map<string, string>; identity: boolean }>();
  const mappingFor = (group: string) => {
    let m = mappings.get(group);
    if (!m) {
      const map = codeMapping(current.items, rows, group);
      m = {
        map,
        identity: isIdentityMapping(
          map,
          effectiveItems(current.items, group).map((i) => i.code),
        ),
      };
      mappings.set(group, m);
    }
    return m;
  };
  const rewritten: string[] = [];
  for (const sheet of sheets) {
    const { map, identity } = mappingFor(sheet.entry.group);
    if (identity) continue;
    const scores = remapKeys(parseScores(sheet.scores), map);
    const notes = remapKeys(parseNotes(sheet.notes), map);
    const { count } = await tx.scoreSheet.updateMany({
      where: { id: sheet.id, version: sheet.version },
      data: { scores, notes },
    });
    if (count !== 1) throw new DomainError(409, "rubric.error.sheetsChanged");
    rewritten.push(sheet.id);
  }
  return rewritten;
}

/**
 * Replaces the items of an unlocked version, in the caller's transaction, and audits it (an edit
 * or a reset to the default).
 */
async function updateInPlace(
  tx: Tx,
  current: CurrentRubric,
  rows: readonly Row[],
  now: Date,
  by: { actorId: string; action: "rubric.update" | "rubric.reset"; meta: RequestMeta },
) {
  // Guard: nobody saved meanwhile and no sheet locked it meanwhile (both change updatedAt/lockedAt).
  const { count } = await tx.rubric.updateMany({
    where: { id: current.id, lockedAt: null, updatedAt: current.updatedAt },
    data: { updatedAt: now },
  });
  if (count !== 1) throw new DomainError(409, "rubric.error.changedMeanwhile");
  if (await tx.scoreSheet.count({ where: { rubricId: current.id, status: "SUBMITTED" } }))
    throw new DomainError(409, "rubric.error.changedMeanwhile");
  await tx.rubricItem.deleteMany({ where: { rubricId: current.id } });
  await tx.rubricItem.createMany({ data: rows.map((r) => ({ rubricId: current.id, ...itemData(r) })) });
  await remapSheetScores(tx, current, rows, {});
  // Drafts scored with it now show other items or maxima: an open tab must reload before saving.
  const { count: sheetsUpdated } = await tx.scoreSheet.updateMany({
    where: { rubricId: current.id },
    data: { version: { increment: 1 } },
  });
  await audit(tx, {
    actorId: by.actorId,
    action: by.action,
    entityType: "Rubric",
    entityId: current.id,
    before: { version: current.version, items: summary(current.items) },
    after: { version: current.version, items: summary(rows), sheetsUpdated },
    meta: by.meta,
  });
  return { kind: "updated" as const, version: current.version, sheetsUpdated };
}

function checkBasedOn(current: CurrentRubric, basedOn: SaveRubricInput["basedOn"]) {
  if (!basedOn) return;
  if (basedOn.rubricId !== current.id || (basedOn.updatedAt && basedOn.updatedAt !== current.updatedAt.toISOString())) {
    throw new DomainError(409, "rubric.error.changedMeanwhile");
  }
}

/**
 * Saves the organiser's rubric. Refused once judging has closed (409). Every group of the round
 * must get, for every criterion, items whose maxima add up to the cap (400 with the problems).
 * Unlocked: the items are replaced in place. Locked: a reason is required and a new version is
 * created; every sheet of the current pass moves to it, submitted ones back to DRAFT with the
 * reason. One transaction, audited; a concurrent save fails with 409, never silently overwrites.
 */
export async function saveRubric(
  auth: Pick<Auth, "user" | "roles">,
  roundId: string,
  input: SaveRubricInput,
  meta: RequestMeta,
  now: Date = new Date(),
): Promise<SaveRubricResult> {
  const round = await requireEditableRound(auth, roundId);
  const groups = groupList(round.groups);
  const items = normaliseItems(input.items);
  const problems = rubricProblems(items, groups);
  if (problems.length) throw new RubricProblemsError(problems);
  const reason = input.reason?.trim() || null;
  if (reason && reason.length > RUBRIC_LIMITS.reason)
    throw new DomainError(400, "rubric.reason.tooLong", undefined, "reason");

  return prisma.$transaction(async (tx) => {
    await assertStillEditable(tx, roundId);
    const current = await currentRubric(tx, roundId);
    if (!current) throw new DomainError(409, "rubric.error.missing");
    checkBasedOn(current, input.basedOn);
    const known = new Set(current.items.map((i) => i.id));
    const rows: Row[] = assignCodes(items).map((r) => ({ ...r, sourceId: r.id && known.has(r.id) ? r.id : null }));
    if (sameItems(current.items, rows)) return { kind: "unchanged" as const, version: current.version };

    const locked =
      !!current.lockedAt || (await tx.scoreSheet.count({ where: { rubricId: current.id, status: "SUBMITTED" } })) > 0;
    if (!locked) {
      return updateInPlace(tx, current, rows, now, { actorId: auth.user.id, action: "rubric.update", meta });
    }

    if (!reason) throw new DomainError(400, "rubric.reason.required", undefined, "reason");
    let created: { id: string; version: number };
    try {
      created = await tx.rubric.create({
        data: {
          roundId,
          version: current.version + 1,
          reason,
          createdById: auth.user.id,
          items: { create: rows.map(itemData) },
        },
        select: { id: true, version: true },
      });
    } catch (error) {
      // Someone else created this version number first: their change wins, ours is refused.
      if (isUniqueViolation(error)) throw new DomainError(409, "rubric.error.changedMeanwhile");
      throw error;
    }
    const pass = { roundId, pass: round.currentPass };
    const remapped = await remapSheetScores(tx, current, rows, pass);
    const { count: reopened } = await tx.scoreSheet.updateMany({
      where: { ...pass, status: "SUBMITTED" },
      data: { status: "DRAFT", reopenReason: reason, submittedAt: null, ...NO_SHEET_TOTALS },
    });
    const { count: moved } = await tx.scoreSheet.updateMany({
      where: pass,
      data: { rubricId: created.id, version: { increment: 1 } },
    });
    // Submitted sheets went back to drafts: the results change (results-cache.server.ts).
    await bumpResultsVersion(tx, roundId);
    await audit(tx, {
      actorId: auth.user.id,
      action: "rubric.version",
      entityType: "Rubric",
      entityId: created.id,
      before: { rubricId: current.id, version: current.version, items: summary(current.items) },
      after: {
        rubricId: created.id,
        version: created.version,
        reason,
        items: summary(rows),
        pass: round.currentPass,
        reopenedSheets: reopened,
        movedSheets: moved,
        rescoredSheets: remapped.length,
      },
      meta,
    });
    return { kind: "version" as const, version: created.version, reopened, moved };
  });
}

/**
 * Puts the default rubric back into an unlocked version (items of groups not in the round left
 * out). Drafts keep the scores of items still at the same code. A locked rubric is refused (409):
 * change it through the editor, which makes a new version with a reason.
 */
export async function resetRubricToDefault(
  auth: Pick<Auth, "user" | "roles">,
  roundId: string,
  meta: RequestMeta,
  now: Date = new Date(),
) {
  const round = await requireEditableRound(auth, roundId);
  const groups = groupList(round.groups);
  return prisma.$transaction(async (tx) => {
    await assertStillEditable(tx, roundId);
    const current = await currentRubric(tx, roundId);
    if (!current) throw new DomainError(409, "rubric.error.missing");
    if (current.lockedAt) throw new DomainError(409, "rubric.error.lockedReset");
    const byPlace = new Map(current.items.map((i) => [`${i.group ?? "*"}:${i.code}`, i.id]));
    const rows: Row[] = defaultRubricItems(groups).map((r) => ({
      ...r,
      id: null,
      sourceId: byPlace.get(`${r.group ?? "*"}:${r.code}`) ?? null,
    }));
    if (sameItems(current.items, rows)) return { kind: "unchanged" as const, version: current.version };
    return updateInPlace(tx, current, rows, now, { actorId: auth.user.id, action: "rubric.reset", meta });
  });
}

/** Gives a round without a rubric (one created before rubrics existed) the default one, audited. */
export async function createDefaultRubric(auth: Pick<Auth, "user" | "roles">, roundId: string, meta: RequestMeta) {
  const round = await requireEditableRound(auth, roundId);
  const groups = groupList(round.groups);
  return prisma.$transaction(async (tx) => {
    const existing = await tx.rubric.findFirst({ where: { roundId }, select: { id: true } });
    if (existing) return { created: false as const, rubricId: existing.id };
    const rubricId = await ensureDefaultRubric(tx, roundId, auth.user.id, groups);
    await audit(tx, {
      actorId: auth.user.id,
      action: "rubric.create",
      entityType: "Rubric",
      entityId: rubricId,
      after: { version: 1, default: true, groups },
      meta,
    });
    return { created: true as const, rubricId };
  });
}
