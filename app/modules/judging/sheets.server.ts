// Score sheets (phiếu chấm điểm, issue #4): a judge's queue and sheet, saving drafts and
// submitting with an optimistic version check, the organisers' progress matrix, reopening a
// submitted sheet, paper sheets typed by the council secretary, and which dossier files judges
// may see. Judges reach entries only through assignedEntriesWhere (access.server.ts); the
// rules of a sheet (numbers, editability, counts) are pure, in sheet-rules.ts; what a judge may
// read of a dossier is in blind.ts.
//
// Concurrency: every write names the version it edited. A first save creates version 1 (the
// unique (entryId, juryMemberId, pass) lets only one of two concurrent creations through);
// later saves update where { id, version, status: DRAFT } and bump the version, so of two tabs
// saving the same version exactly one wins and the other gets 409 "sheets.conflict". The one
// exception is a page's own writes: a save that names an older version is taken when every
// write since came from the same page with a lower save number (its autosave landed while the
// judge pressed "Nộp phiếu"; docs/decisions/030).
import type { SubmissionResult } from "@conform-to/react";
import { data, redirect } from "@remix-run/node";
import type { Prisma } from "~/generated/sqlite/client.ts";
import { paging } from "~/utils/paging";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import type { Auth } from "~/modules/auth/auth.server";
import { isUniqueViolation } from "~/utils/db-errors";
import { prisma, type Tx } from "~/utils/db.server";
import { blindTastingTurns } from "~/modules/samples/tasting-orders.server";
import { formatDateTime } from "~/utils/dates";
import { DomainError, isDomainError } from "~/utils/errors";
import { formFailure } from "~/utils/http.server";
import type { TFunction } from "~/utils/i18n";
import {
  assignedEntriesWhere,
  declarationRequired,
  isConflicted,
  isDefaultAssigned,
  isEntryAssigned,
  juryMemberSelect,
  memberGroups,
  notAMember,
  requireJudgeEntry,
  requireJudgeEntryForSave,
  requireJuryMember,
  requireRoundOrganiser,
  requireSecretaryOrOrganiser,
  type JuryRound,
  type WriterRound,
} from "./access.server";
import { judgeDossier, judgeFilesOpen, type SnapshotForJudge } from "./blind";
import { councilNameOf } from "./council";
import { bumpResultsVersion } from "./results-cache.server";
import { currentRubric } from "./rubric.server";
import { NO_SHEET_TOTALS, parseNotes, parseScores, storedSheetTotals } from "./sheet-data";
import { sheetFieldErrors } from "./sheet-schemas";
import { loadDraftContext, rubricItemsAt, updateDraftSheet } from "./sheet-sql.server";
import {
  cellState,
  checkSheet,
  lockMessageKey,
  queueProgress,
  queueTabOf,
  roundSheetsLock,
  sheetItems,
  sheetItemTotals,
  sheetLock,
  type CellState,
  type QueueTab,
  type SheetCheckResult,
  type SheetItem,
  type SheetLock,
} from "./sheet-rules";

export const QUEUE_PAGE_SIZE = 50;
export const MATRIX_PAGE_SIZE = 50;

/** Where a judge confirms their conflict-of-interest declaration (built by the jury pages). */
export const declarationPath = (roundId: string) => `/judge/rounds/${roundId}/declaration`;

const itemSelect = {
  code: true,
  criterion: true,
  group: true,
  title: true,
  guidance: true,
  max: true,
  sortOrder: true,
} satisfies Prisma.RubricItemSelect;

/** Numbers refused on save: the route turns the problems into per-field messages. */
export class SheetInvalidError extends DomainError {
  constructor(public readonly check: SheetCheckResult) {
    const missing = check.problems.filter((p) => p.problem === "missing").map((p) => p.code);
    super(
      400,
      missing.length ? "sheets.error.incomplete" : "sheets.error.invalid",
      missing.length ? { codes: missing.join(", ") } : undefined,
    );
  }
}

const itemView = (i: SheetItem) => ({
  code: i.code,
  criterion: i.criterion,
  title: i.title,
  guidance: i.guidance,
  max: i.max,
});
export type SheetItemView = ReturnType<typeof itemView>;

/** Items of many rubrics in one query, by rubric id. */
async function itemsByRubric(rubricIds: Iterable<string>) {
  const ids = [...new Set(rubricIds)];
  const map = new Map<string, SheetItem[]>();
  if (!ids.length) return map;
  const rows = await prisma.rubricItem.findMany({
    where: { rubricId: { in: ids } },
    select: { rubricId: true, ...itemSelect },
    orderBy: { sortOrder: "asc" },
  });
  for (const { rubricId, ...item } of rows) map.set(rubricId, [...(map.get(rubricId) ?? []), item]);
  return map;
}

const totalOf = (items: SheetItem[] | undefined, group: string, scores: unknown) =>
  sheetItemTotals(items ?? [], group, parseScores(scores)).total;

// ───────────── a judge's queue ─────────────

/**
 * The judge's queue for the round's current pass: the entries of assignedEntriesWhere (so never
 * a conflicted one), split into to score / draft / submitted, with counts. Two queries (entries
 * with this judge's sheet, then the items of the rubrics those sheets use), paged in memory —
 * a queue holds at most a few hundred entries. Blind: only code, product, group.
 */
export async function getJudgeQueue(auth: Pick<Auth, "user">, roundId: string, opts: { tab: QueueTab; page: number }) {
  const { member, round } = await requireJuryMember(auth, roundId);
  if (!member.isJudge) throw new DomainError(403, "error.403");
  if (!member.declaredAt) throw declarationRequired();
  const entries = await prisma.entry.findMany({
    where: assignedEntriesWhere(member, round),
    select: {
      id: true,
      entryCode: true,
      group: true,
      product: { select: { name: true } },
      sheets: {
        where: { juryMemberId: member.id, pass: round.currentPass },
        select: { status: true, scores: true, rubricId: true, updatedAt: true, reopenReason: true },
      },
    },
    orderBy: [{ entryCode: "asc" }, { id: "asc" }],
  });
  const items = await itemsByRubric(entries.flatMap((e) => e.sheets.map((s) => s.rubricId)));
  // A blind tasting session (decision 046): the judge meets the samples in their stored order and
  // knows them by tasting number only, so neither the entry code nor the product name is sent.
  const turns = await blindTastingTurns(round, member);
  if (turns) entries.sort((a, b) => (turns.get(a.id)?.rank ?? Infinity) - (turns.get(b.id)?.rank ?? Infinity));
  const all = entries.map((e) => {
    const sheet = e.sheets[0] ?? null;
    const turn = turns?.get(e.id) ?? null;
    return {
      id: e.id,
      code: turn ? null : (e.entryCode ?? ""),
      tastingNumber: turn?.number ?? null,
      productName: turn ? null : e.product.name,
      group: e.group,
      tab: queueTabOf(sheet),
      total: sheet ? totalOf(items.get(sheet.rubricId), e.group, sheet.scores) : null,
      reopened: !!sheet && sheet.status === "DRAFT" && !!sheet.reopenReason,
      updatedAt: sheet?.updatedAt ?? null,
    };
  });
  const progress = queueProgress(
    entries.map((e) => e.id),
    entries.flatMap((e) => e.sheets.map((s) => ({ entryId: e.id, status: s.status }))),
  );
  const inTab = all.filter((r) => r.tab === opts.tab);
  const page = paging(opts.page, inTab.length, QUEUE_PAGE_SIZE);
  return {
    round: {
      id: round.id,
      name: round.name,
      status: round.status,
      blindJudging: round.blindJudging,
      currentPass: round.currentPass,
      scoringPasses: round.scoringPasses,
    },
    member: { name: member.user.name, panel: member.panel?.name ?? null },
    tasting: !!turns,
    groups: memberGroups(member, round),
    lock: roundSheetsLock(round),
    progress,
    tab: opts.tab,
    rows: inTab.slice(page.skip, page.skip + page.take),
    paging: { page: page.page, pages: page.pages, total: page.total },
  };
}

// ───────────── a judge's sheet ─────────────

const sheetSelect = {
  id: true,
  status: true,
  version: true,
  pass: true,
  scores: true,
  notes: true,
  comment: true,
  submittedAt: true,
  updatedAt: true,
  reopenReason: true,
  onPaper: true,
  rubricId: true,
  rubric: { select: { id: true, version: true, items: { select: itemSelect, orderBy: { sortOrder: "asc" } } } },
} satisfies Prisma.ScoreSheetSelect;
type SheetRow = Prisma.ScoreSheetGetPayload<{ select: typeof sheetSelect }>;

/** The rubric a sheet is scored with: its own, or the round's current one when there is no sheet yet. */
async function rubricFor(db: Pick<Tx, "rubric">, roundId: string, sheet: SheetRow | null) {
  if (sheet) return { id: sheet.rubric.id, version: sheet.rubric.version, items: sheet.rubric.items as SheetItem[] };
  const rubric = await currentRubric(db, roundId);
  return rubric ? { id: rubric.id, version: rubric.version, items: rubric.items as SheetItem[] } : null;
}

/** Sheet data for a page: items of the entry's group, saved values, totals, and why it is locked. */
function sheetView(
  round: Pick<JuryRound, "status" | "resultsFinalisedAt" | "currentPass">,
  group: string,
  sheet: SheetRow | null,
  rubric: Awaited<ReturnType<typeof rubricFor>>,
) {
  const items = rubric ? sheetItems(rubric.items, group) : [];
  const scores = sheet ? parseScores(sheet.scores) : {};
  const totals = sheetItemTotals(rubric?.items ?? [], group, scores);
  const lock: SheetLock | "noRubric" | null = sheetLock(round, sheet) ?? (items.length ? null : "noRubric");
  return {
    items: items.map(itemView),
    rubricVersion: rubric?.version ?? null,
    sheet: sheet
      ? {
          id: sheet.id,
          status: sheet.status,
          version: sheet.version,
          pass: sheet.pass,
          scores,
          notes: parseNotes(sheet.notes),
          comment: sheet.comment,
          submittedAt: sheet.submittedAt,
          updatedAt: sheet.updatedAt,
          reopenReason: sheet.reopenReason,
          onPaper: sheet.onPaper,
        }
      : null,
    version: sheet?.version ?? 0,
    totals,
    lock,
  };
}

async function findSheet(db: Pick<Tx, "scoreSheet">, entryId: string, juryMemberId: string, pass: number) {
  return db.scoreSheet.findUnique({
    where: { entryId_juryMemberId_pass: { entryId, juryMemberId, pass } },
    select: sheetSelect,
  });
}

const snapshotProductSelect = {
  name: true,
  group: true,
  isSet: true,
  setItems: true,
  description: true,
  rawMaterials: true,
  process: true,
  annualCapacity: true,
  markets: true,
  qualityCerts: true,
  foodSafetyCert: true,
  trademark: true,
  ocopStars: true,
  ocopCertNumber: true,
  awards: true,
} satisfies Prisma.ProductSelect;

/**
 * The dossier a judge reads: the frozen version the entry was accepted with (live data only as a
 * fallback for entries without one), filtered by blind.ts. Only what blind.ts lets through
 * leaves this function, so a blind round's page data never holds the producer's name.
 */
async function loadJudgeDossier(
  entry: { id: string; version: number; productId: string; establishmentId: string },
  round: { blindJudging: boolean },
) {
  const frozen = await prisma.entryVersion.findUnique({
    where: { entryId_version: { entryId: entry.id, version: entry.version } },
    select: { snapshot: true },
  });
  let snapshot = frozen?.snapshot as SnapshotForJudge | undefined;
  if (!snapshot) {
    const [product, establishment, files] = await Promise.all([
      prisma.product.findUniqueOrThrow({ where: { id: entry.productId }, select: snapshotProductSelect }),
      prisma.establishment.findUniqueOrThrow({
        where: { id: entry.establishmentId },
        select: { name: true, legalForm: true, commune: true, province: { select: { name: true } } },
      }),
      prisma.storedFile.findMany({
        where: {
          deletedAt: null,
          establishmentId: entry.establishmentId,
          OR: [{ productId: entry.productId }, { productId: null }],
        },
        select: { id: true, kind: true, angle: true, originalName: true },
        orderBy: { createdAt: "asc" },
      }),
    ]);
    snapshot = { product, establishment, files };
  }
  const facts = await prisma.storedFile.findMany({
    where: { id: { in: snapshot.files.map((f) => f.id) } },
    select: { id: true, hiddenFromJudges: true, productId: true },
  });
  return judgeDossier(snapshot, round, new Map(facts.map((f) => [f.id, f])));
}

/**
 * The sheet page: entry (blind), dossier, rubric items and the judge's sheet for the current pass.
 * At a blind tasting (blindTastingTurns, decision 046) the judge scores the sample by its tasting
 * number: no entry code, no dossier (product name, fields, photos, documents: a photo shows the
 * packaging and its brand, a document's name carries the entry code), only the group; the
 * sample's arrival and condition come with getJudgeSample.
 */
export async function getJudgeSheet(auth: Pick<Auth, "user">, roundId: string, entryId: string) {
  const { member, round } = await requireJudgeEntry(auth, roundId, entryId);
  const [entry, sheet, turns] = await Promise.all([
    prisma.entry.findUniqueOrThrow({
      where: { id: entryId },
      select: { id: true, entryCode: true, group: true, version: true, productId: true, establishmentId: true },
    }),
    findSheet(prisma, entryId, member.id, round.currentPass),
    blindTastingTurns(round, member),
  ]);
  const turn = turns?.get(entryId) ?? null;
  const [rubric, dossier] = await Promise.all([
    rubricFor(prisma, roundId, sheet),
    turn ? null : loadJudgeDossier(entry, round),
  ]);
  return {
    round: {
      id: round.id,
      name: round.name,
      status: round.status,
      blindJudging: round.blindJudging,
      currentPass: round.currentPass,
      scoringPasses: round.scoringPasses,
      councilName: councilNameOf(round),
    },
    judge: { name: member.user.name, title: member.title },
    entry: {
      id: entry.id,
      code: turn ? null : (entry.entryCode ?? ""),
      tastingNumber: turn?.number ?? null,
      group: entry.group,
    },
    dossier,
    filesOpen: !turn && judgeFilesOpen(round.status),
    ...sheetView(round, entry.group, sheet, rubric),
  };
}

// ───────────── saving ─────────────

export interface SheetSaveInput {
  intent: "save" | "autosave" | "submit";
  /** The sheet version the page was rendered with (0 when there was no sheet yet). */
  version: number;
  /** Typed numbers by rubric item code ("1.2"); blank = not scored yet. */
  scores: Record<string, unknown>;
  notes?: Record<string, unknown>;
  comment?: string | null;
  /** The browser page that saves and the number of this save on it (JavaScript only). */
  writer?: SheetWriter | null;
}

export interface SheetWriter {
  page: string;
  seq: number;
}

type WriteMode = "draft" | "submit" | "paper";

/** What a write reads of the sheet it replaces: the guards and the rubric, not the numbers. */
const writeSheetSelect = {
  id: true,
  status: true,
  version: true,
  rubricId: true,
  writerPage: true,
  writerSeq: true,
} satisfies Prisma.ScoreSheetSelect;

/** The items a sheet is checked against: its own rubric's, or the round's current rubric for a first save. */
async function rubricForWrite(
  db: Pick<Tx, "rubric" | "rubricItem">,
  roundId: string,
  sheet: { rubricId: string } | null,
) {
  if (!sheet) {
    const rubric = await currentRubric(db, roundId);
    return rubric ? { id: rubric.id, items: rubric.items as SheetItem[] } : null;
  }
  const items = await db.rubricItem.findMany({
    where: { rubricId: sheet.rubricId },
    select: itemSelect,
    orderBy: { sortOrder: "asc" },
  });
  return { id: sheet.rubricId, items };
}

/**
 * The one writer of score sheets. The round must take sheets (JUDGING, not finalised), the sheet
 * of the current pass must still be a DRAFT and be at the version the caller edited, the numbers
 * must pass the rubric (all of them for a submission); then create (version 1) or update under
 * the version guard.
 *
 * A draft (the autosave path, every few seconds) is written without an interactive transaction:
 * its one write is a single guarded statement — the unique (entry, judge, pass) for a first
 * save, else an UPDATE whose WHERE holds the version, the DRAFT status and the round still
 * taking sheets of this pass — so of two tabs exactly one wins, and a save racing the close of
 * judging either lands before it or is refused. Submissions and paper sheets also lock the
 * rubric, bump the round's results version and are audited, all in one transaction (drafts are
 * not audited: an autosave every few seconds is not an event, and they do not count in results).
 */
async function writeSheet(args: {
  round: WriterRound;
  entry: { id: string; group: string; entryCode: string | null };
  juryMemberId: string;
  actorId: string;
  version: number;
  values: { scores: Record<string, unknown>; notes?: Record<string, unknown>; comment?: string | null };
  writer?: SheetWriter | null;
  mode: WriteMode;
  meta: RequestMeta;
}) {
  const once = () => {
    if (args.mode === "draft") return writeSteps(prisma, args, args.round);
    return prisma.$transaction(async (tx) => {
      const round = await tx.round.findUniqueOrThrow({
        where: { id: args.round.id },
        select: { status: true, resultsFinalisedAt: true, currentPass: true },
      });
      return writeSteps(tx, args, { ...args.round, ...round });
    });
  };
  try {
    return await once();
  } catch (error) {
    // The page's own first autosave created the sheet while this save was on its way (a first
    // save and "Nộp phiếu" at once): once more, now against that sheet, where the rule on the
    // page's own writes decides. Another page's creation still ends in 409.
    if (error instanceof SheetCreatedMeanwhile && args.writer) return once();
    throw error;
  }
}

/** A first save lost the race to create the sheet (unique entry, judge, pass): 409 unless retried. */
class SheetCreatedMeanwhile extends DomainError {
  constructor() {
    super(409, "sheets.conflict", { version: 1 }, undefined, "version_conflict");
  }
}

/** 409 when the round no longer takes sheets (not JUDGING, or finalised). */
function refuseClosedRound(round: { status: string; resultsFinalisedAt: Date | string | null }) {
  const closed = roundSheetsLock(round);
  if (closed) throw new DomainError(409, lockMessageKey(closed));
}

type GuardedSheet = { status: string; version: number; writerPage: string | null; writerSeq: number | null };

/**
 * 409 when the sheet was submitted meanwhile, or is not at the version the caller edited —
 * unless every write since that version came from the caller's own page, earlier (the page's
 * autosave that was in flight when the judge pressed "Nộp phiếu"). A save of another page or
 * tab, or a later save of the same page, still wins: the numbers it wrote are never replaced
 * by a page that has not seen them.
 */
export function refuseStaleSheet(
  sheet: GuardedSheet | null,
  version: number,
  mode: WriteMode,
  writer?: SheetWriter | null,
) {
  if (sheet && sheet.status !== "DRAFT")
    throw new DomainError(409, mode === "paper" ? "sheets.paper.alreadySubmitted" : "sheets.lock.submitted");
  if ((sheet?.version ?? 0) === version) return;
  if (sheet && writer && mode !== "paper" && sheet.writerPage === writer.page && (sheet.writerSeq ?? 0) < writer.seq)
    return;
  throw new DomainError(409, "sheets.conflict", { version: sheet?.version ?? 0 }, undefined, "version_conflict");
}

/** The numbers checked against the rubric's items of the entry's group (all required unless a draft). */
function checkAgainstRubric(
  rubricItems: SheetItem[],
  group: string,
  values: Pick<SheetSaveInput, "scores" | "notes">,
  mode: WriteMode,
) {
  const items = sheetItems(rubricItems, group);
  if (!items.length) throw new DomainError(409, "sheets.error.noRubric");
  const check = checkSheet(items, values, { requireAll: mode !== "draft" });
  if (!check.ok) throw new SheetInvalidError(check);
  return check;
}

/** What a save answers: the new version, its time, the total. */
const savedReply = (id: string, version: number, status: string, total: number, now: Date) => ({
  id,
  version,
  status,
  total,
  savedAt: now,
  savedAtLabel: formatDateTime(now).slice(-5),
});

async function writeSteps(
  db: Tx,
  args: Parameters<typeof writeSheet>[0],
  round: Pick<WriterRound, "id" | "status" | "resultsFinalisedAt" | "currentPass">,
) {
  const now = new Date();
  const { entry } = args;
  refuseClosedRound(round);
  const sheet = await db.scoreSheet.findUnique({
    where: {
      entryId_juryMemberId_pass: { entryId: entry.id, juryMemberId: args.juryMemberId, pass: round.currentPass },
    },
    select: writeSheetSelect,
  });
  refuseStaleSheet(sheet, args.version, args.mode, args.writer);
  const rubric = await rubricForWrite(db, round.id, sheet);
  if (!rubric) throw new DomainError(409, "sheets.error.noRubric");
  const check = checkAgainstRubric(rubric.items, entry.group, args.values, args.mode);
  const submitted = args.mode !== "draft";
  const totals = sheetItemTotals(rubric.items, entry.group, check.scores);
  const data = {
    // Stored with the submission (decision 053): the results read these instead of every item.
    ...(submitted ? storedSheetTotals(totals) : NO_SHEET_TOTALS),
    scores: check.scores,
    notes: check.notes,
    comment: args.values.comment?.trim() || null,
    status: submitted ? ("SUBMITTED" as const) : ("DRAFT" as const),
    submittedAt: submitted ? now : null,
    // A sheet the judge saves is theirs, even when it started as a reopened paper sheet.
    onPaper: args.mode === "paper",
    enteredById: args.mode === "paper" ? args.actorId : null,
    // Only a draft remembers its page: after a submission (or a reopening) every page must name the version.
    writerPage: submitted ? null : (args.writer?.page ?? null),
    writerSeq: submitted ? null : (args.writer?.seq ?? null),
  };

  let saved: { id: string; version: number };
  if (!sheet) {
    try {
      saved = await db.scoreSheet.create({
        data: {
          roundId: round.id,
          entryId: entry.id,
          juryMemberId: args.juryMemberId,
          pass: round.currentPass,
          rubricId: rubric.id,
          version: 1,
          ...data,
        },
        select: { id: true, version: true },
      });
    } catch (error) {
      // Another tab or session created the sheet first.
      if (isUniqueViolation(error)) throw new SheetCreatedMeanwhile();
      throw error;
    }
  } else {
    const { count } = await db.scoreSheet.updateMany({
      where: {
        id: sheet.id,
        version: sheet.version,
        status: "DRAFT",
        round: { is: { status: "JUDGING", resultsFinalisedAt: null, currentPass: round.currentPass } },
      },
      data: { ...data, version: { increment: 1 } },
    });
    if (count !== 1) await refusedUpdate(db, round.id, sheet);
    saved = { id: sheet.id, version: sheet.version + 1 };
  }

  const total = totals.total;
  if (submitted) {
    // The first submitted sheet of the round locks the rubric it was scored with.
    await db.rubric.updateMany({ where: { id: rubric.id, lockedAt: null }, data: { lockedAt: now } });
    await bumpResultsVersion(db, round.id);
    await audit(db, {
      actorId: args.actorId,
      action: args.mode === "paper" ? "sheet.paper" : "sheet.submit",
      entityType: "ScoreSheet",
      entityId: saved.id,
      before: sheet ? { status: sheet.status, version: sheet.version } : null,
      after: {
        status: "SUBMITTED",
        version: saved.version,
        entryId: entry.id,
        entryCode: entry.entryCode,
        juryMemberId: args.juryMemberId,
        pass: round.currentPass,
        rubricId: rubric.id,
        total,
        scores: check.scores,
        ...(args.mode === "paper" ? { onPaper: true, enteredById: args.actorId } : {}),
      },
      meta: args.meta,
    });
  }
  return savedReply(saved.id, saved.version, data.status, total, now);
}

/** Why the guarded update touched no row: judging closed meanwhile, or another save won (409 with the current version). */
async function refusedUpdate(db: Tx, roundId: string, sheet: { id: string; version: number }): Promise<never> {
  const [round, current] = await Promise.all([
    db.round.findUniqueOrThrow({ where: { id: roundId }, select: { status: true, resultsFinalisedAt: true } }),
    db.scoreSheet.findUnique({ where: { id: sheet.id }, select: { version: true, status: true } }),
  ]);
  const closed = roundSheetsLock(round);
  if (closed) throw new DomainError(409, lockMessageKey(closed));
  throw new DomainError(
    409,
    "sheets.conflict",
    { version: current?.version ?? sheet.version + 1 },
    undefined,
    "version_conflict",
  );
}

/**
 * A draft save of a sheet that exists (the autosave path), in three raw statements
 * (sheet-sql.server.ts) instead of Prisma's nine: the same checks in the same order with the
 * same answers as requireJudgeEntryForSave + writeSteps, the assignment rule by isEntryAssigned.
 * Null for a first save, which takes the general path (once per sheet).
 */
async function saveDraftDirect(auth: Pick<Auth, "user">, roundId: string, entryId: string, input: SheetSaveInput) {
  const ctx = await loadDraftContext(auth.user.id, roundId, entryId);
  if (!ctx) return notAMember(roundId);
  const { member, round, entry, sheet } = ctx;
  if (!member.isJudge) throw new DomainError(403, "error.403");
  if (!entry) throw new DomainError(404, "error.404");
  if (!member.declaredAt) throw declarationRequired();
  if (!isEntryAssigned(member, round, { ...entry, roundId: round.id, status: "ACCEPTED" }))
    throw new DomainError(403, "error.403");
  if (!sheet) return null;
  refuseClosedRound(round);
  refuseStaleSheet(sheet, input.version, "draft", input.writer);
  const rubricItems = await rubricItemsAt(sheet.rubricId, sheet.rubricUpdatedAt);
  const check = checkAgainstRubric(rubricItems, entry.group, input, "draft");
  const now = new Date();
  const written = await updateDraftSheet({
    sheetId: sheet.id,
    version: sheet.version,
    currentPass: round.currentPass,
    scores: check.scores,
    notes: check.notes,
    comment: input.comment?.trim() || null,
    writer: input.writer ?? null,
    now,
  });
  if (written !== 1) await refusedUpdate(prisma, round.id, sheet);
  return savedReply(
    sheet.id,
    sheet.version + 1,
    "DRAFT",
    sheetItemTotals(rubricItems, entry.group, check.scores).total,
    now,
  );
}

/** A judge saves (draft, autosave) or submits their sheet. See writeSheet. */
export async function saveSheet(
  auth: Pick<Auth, "user">,
  roundId: string,
  entryId: string,
  input: SheetSaveInput,
  meta: RequestMeta,
) {
  if (input.intent !== "submit") {
    const saved = await saveDraftDirect(auth, roundId, entryId, input);
    if (saved) return saved;
  }
  const { member, round, entry } = await requireJudgeEntryForSave(auth, roundId, entryId);
  return writeSheet({
    round,
    entry,
    juryMemberId: member.id,
    actorId: auth.user.id,
    version: input.version,
    values: { scores: input.scores, notes: input.notes, comment: input.comment },
    writer: input.writer,
    mode: input.intent === "submit" ? "submit" : "draft",
    meta,
  });
}

// ───────────── organisers and the council secretary ─────────────

const memberForMatrix = {
  id: true,
  isJudge: true,
  provinceId: true,
  title: true,
  panel: { select: { name: true, groups: true } },
  user: { select: { name: true } },
  conflicts: { select: { establishmentId: true } },
  overrides: { select: { entryId: true, include: true } },
} satisfies Prisma.JuryMemberSelect;

/**
 * Progress of the round's current pass: entries × judges. Which cells are assigned mirrors
 * assignedEntriesWhere in memory (groups of the panel, the organisers' overrides, conflicts,
 * the second pass), from four queries whatever the size. Entries show by code and product only:
 * the secretary may be a judge too, and the round may be blind.
 */
export async function getSheetProgress(
  auth: Pick<Auth, "user" | "roles">,
  roundId: string,
  opts: { page: number; reopen?: string | null },
) {
  const access = await requireSecretaryOrOrganiser(auth, roundId);
  const round = access.round;
  const [members, entries, sheets] = await Promise.all([
    prisma.juryMember.findMany({
      where: { roundId, isJudge: true },
      select: memberForMatrix,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
    prisma.entry.findMany({
      where: { roundId, status: "ACCEPTED" },
      select: {
        id: true,
        entryCode: true,
        group: true,
        establishmentId: true,
        establishment: { select: { provinceId: true } },
        product: { select: { name: true } },
        outcome: { select: { secondPass: true } },
      },
      orderBy: [{ entryCode: "asc" }, { id: "asc" }],
    }),
    prisma.scoreSheet.findMany({
      where: { roundId, pass: round.currentPass },
      select: {
        id: true,
        entryId: true,
        juryMemberId: true,
        status: true,
        scores: true,
        rubricId: true,
        onPaper: true,
        enteredById: true,
        reopenReason: true,
        submittedAt: true,
      },
    }),
  ]);
  const items = await itemsByRubric(sheets.map((s) => s.rubricId));
  // While judging is open a secretary who is not an organiser (often a judge too) sees which
  // sheets are in, not other judges' scores — only the totals of the paper sheets they typed
  // (as the results page keeps live scores from them until judging closes).
  const mayReadTotal = (sheet: { onPaper: boolean; enteredById: string | null }) =>
    access.asOrganiser || round.status !== "JUDGING" || (sheet.onPaper && sheet.enteredById === auth.user.id);
  const sheetAt = new Map(sheets.map((s) => [`${s.entryId}:${s.juryMemberId}`, s]));
  const judges = members.map((m) => ({
    member: m,
    conflicts: new Set(m.conflicts.map((c) => c.establishmentId)),
    overrides: new Map(m.overrides.map((o) => [o.entryId, o.include])),
    counts: { assigned: 0, submitted: 0, draft: 0 },
  }));

  const rows = entries.map((e) => {
    const cells = judges.map((j): CellState => {
      const override = j.overrides.get(e.id);
      let assigned = override === true || (override !== false && isDefaultAssigned(j.member, round, e.group));
      if (round.currentPass > 1 && !e.outcome?.secondPass) assigned = false;
      const conflicted = isConflicted(
        { provinceId: j.member.provinceId, conflictEstablishmentIds: j.conflicts },
        round,
        { establishmentId: e.establishmentId, provinceId: e.establishment.provinceId },
      );
      const sheet = sheetAt.get(`${e.id}:${j.member.id}`);
      const cell = cellState(
        { assigned, conflicted },
        sheet
          ? {
              id: sheet.id,
              status: sheet.status,
              onPaper: sheet.onPaper,
              total: mayReadTotal(sheet) ? totalOf(items.get(sheet.rubricId), e.group, sheet.scores) : null,
            }
          : null,
      );
      if (assigned && !conflicted) {
        j.counts.assigned++;
        if (cell.kind === "submitted") j.counts.submitted++;
        if (cell.kind === "draft") j.counts.draft++;
      }
      return cell;
    });
    return { entry: { id: e.id, code: e.entryCode ?? "", group: e.group, productName: e.product.name }, cells };
  });

  const page = paging(opts.page, rows.length, MATRIX_PAGE_SIZE);
  const lock = roundSheetsLock(round);
  let reopen = null;
  if (opts.reopen && access.asOrganiser) {
    const target = sheets.find((s) => s.id === opts.reopen && s.status === "SUBMITTED");
    if (target) {
      const e = entries.find((x) => x.id === target.entryId)!;
      const m = members.find((x) => x.id === target.juryMemberId)!;
      reopen = {
        sheetId: target.id,
        entryCode: e.entryCode ?? "",
        productName: e.product.name,
        judge: m.user.name,
        total: totalOf(items.get(target.rubricId), e.group, target.scores),
        onPaper: target.onPaper,
      };
    }
  }
  return {
    round: {
      id: round.id,
      name: round.name,
      status: round.status,
      currentPass: round.currentPass,
      scoringPasses: round.scoringPasses,
    },
    asOrganiser: access.asOrganiser,
    lock,
    canReopen: access.asOrganiser && !lock,
    canEnterPaper: !lock,
    judges: judges.map((j) => ({
      id: j.member.id,
      name: j.member.user.name,
      title: j.member.title,
      panel: j.member.panel?.name ?? null,
      ...j.counts,
    })),
    rows: rows.slice(page.skip, page.skip + page.take),
    paging: { page: page.page, pages: page.pages, total: page.total },
    reopen,
  };
}

/**
 * An organiser of the round (not the secretary) sends a submitted sheet back to its judge as a
 * draft, with a reason the judge sees on the sheet. Only while judging is open.
 */
export async function reopenSheet(
  auth: Pick<Auth, "user" | "roles">,
  roundId: string,
  sheetId: string,
  reason: string,
  meta: RequestMeta,
) {
  await requireRoundOrganiser(auth, roundId);
  const why = reason.trim();
  if (why.length < 5) throw new DomainError(400, "sheets.reopen.reasonRequired", undefined, "reason");
  return prisma.$transaction(async (tx) => {
    const round = await tx.round.findUniqueOrThrow({
      where: { id: roundId },
      select: { status: true, resultsFinalisedAt: true, currentPass: true },
    });
    const closed = roundSheetsLock(round);
    if (closed) throw new DomainError(409, lockMessageKey(closed));
    const sheet = await tx.scoreSheet.findFirst({
      where: { id: sheetId, roundId },
      select: { id: true, status: true, version: true, pass: true, entryId: true, juryMemberId: true },
    });
    if (!sheet) throw new DomainError(404, "error.404");
    if (sheet.pass !== round.currentPass || sheet.status !== "SUBMITTED")
      throw new DomainError(409, "sheets.reopen.notSubmitted");
    const { count } = await tx.scoreSheet.updateMany({
      where: { id: sheet.id, version: sheet.version, status: "SUBMITTED" },
      data: {
        status: "DRAFT",
        version: { increment: 1 },
        reopenReason: why,
        submittedAt: null,
        writerPage: null,
        writerSeq: null,
        ...NO_SHEET_TOTALS,
      },
    });
    if (count !== 1) throw new DomainError(409, "sheets.reopen.notSubmitted");
    await bumpResultsVersion(tx, roundId);
    await audit(tx, {
      actorId: auth.user.id,
      action: "sheet.reopen",
      entityType: "ScoreSheet",
      entityId: sheet.id,
      before: { status: "SUBMITTED", version: sheet.version },
      after: {
        status: "DRAFT",
        version: sheet.version + 1,
        reason: why,
        entryId: sheet.entryId,
        juryMemberId: sheet.juryMemberId,
      },
      meta,
    });
    return { id: sheet.id, version: sheet.version + 1 };
  });
}

/** The judge and entry of a paper sheet: the judge must be assigned the entry and not conflicted. */
async function requirePaperTarget(round: JuryRound, entryId: string, memberId: string) {
  const [member, entry] = await Promise.all([
    prisma.juryMember.findFirst({ where: { id: memberId, roundId: round.id }, select: juryMemberSelect }),
    prisma.entry.findFirst({
      where: { id: entryId, roundId: round.id, status: "ACCEPTED" },
      select: { id: true, entryCode: true, group: true, product: { select: { name: true } } },
    }),
  ]);
  if (!member || !entry) throw new DomainError(404, "error.404");
  const assigned = await prisma.entry.count({ where: { AND: [{ id: entryId }, assignedEntriesWhere(member, round)] } });
  if (!assigned) throw new DomainError(403, "sheets.paper.notAssigned");
  return { member, entry };
}

/** The paper-sheet page: who, which entry, the rubric items, and the judge's sheet if any. */
export async function getPaperSheet(
  auth: Pick<Auth, "user" | "roles">,
  roundId: string,
  entryId: string,
  memberId: string,
) {
  const access = await requireSecretaryOrOrganiser(auth, roundId);
  const round = access.round;
  const { member, entry } = await requirePaperTarget(round, entryId, memberId);
  const sheet = await findSheet(prisma, entryId, member.id, round.currentPass);
  const rubric = await rubricFor(prisma, roundId, sheet);
  return {
    round: {
      id: round.id,
      name: round.name,
      status: round.status,
      currentPass: round.currentPass,
      councilName: councilNameOf(round),
    },
    judge: { id: member.id, name: member.user.name, title: member.title },
    entry: { id: entry.id, code: entry.entryCode ?? "", group: entry.group, productName: entry.product.name },
    // A paper sheet replaces a judge's online draft; a submitted sheet locks it ("submitted").
    ...sheetView(round, entry.group, sheet, rubric),
  };
}

/**
 * The council secretary (or an organiser) types a judge's paper sheet: checked like a
 * submission, saved SUBMITTED with onPaper and the typist in enteredById, audited "sheet.paper".
 * A judge's online draft gives way to it; a sheet the judge already submitted does not.
 */
export async function enterPaperSheet(
  auth: Pick<Auth, "user" | "roles">,
  roundId: string,
  entryId: string,
  memberId: string,
  input: Omit<SheetSaveInput, "intent">,
  meta: RequestMeta,
) {
  const access = await requireSecretaryOrOrganiser(auth, roundId);
  const { member, entry } = await requirePaperTarget(access.round, entryId, memberId);
  return writeSheet({
    round: access.round,
    entry,
    juryMemberId: member.id,
    actorId: auth.user.id,
    version: input.version,
    values: { scores: input.scores, notes: input.notes, comment: input.comment },
    mode: "paper",
    meta,
  });
}

// ───────────── files hidden from judges (organisers mark them) ─────────────

/** For the organiser's entry page: whether the round is blind and which of these files judges cannot see. */
export async function judgeFileVisibility(roundId: string, fileIds: string[]) {
  const [round, files] = await Promise.all([
    prisma.round.findUnique({ where: { id: roundId }, select: { blindJudging: true } }),
    prisma.storedFile.findMany({ where: { id: { in: fileIds } }, select: { id: true, hiddenFromJudges: true } }),
  ]);
  return {
    blind: round?.blindJudging ?? true,
    hidden: Object.fromEntries(files.map((f) => [f.id, f.hiddenFromJudges])) as Record<string, boolean>,
  };
}

/** An organiser of the round marks one file of the entry's dossier as hidden from (or shown to) judges. */
export async function setFileHiddenFromJudges(
  auth: Pick<Auth, "user" | "roles">,
  roundId: string,
  entryId: string,
  fileId: string,
  hidden: boolean,
  meta: RequestMeta,
) {
  await requireRoundOrganiser(auth, roundId);
  const entry = await prisma.entry.findFirst({
    where: { id: entryId, roundId, status: { not: "DRAFT" } },
    select: { productId: true, establishmentId: true },
  });
  if (!entry) throw new DomainError(404, "error.404");
  return prisma.$transaction(async (tx) => {
    const file = await tx.storedFile.findFirst({
      where: {
        id: fileId,
        establishmentId: entry.establishmentId,
        OR: [{ productId: entry.productId }, { productId: null }],
      },
      select: { id: true, hiddenFromJudges: true, kind: true },
    });
    if (!file) throw new DomainError(404, "error.404");
    if (file.hiddenFromJudges === hidden) return file;
    await tx.storedFile.update({ where: { id: file.id }, data: { hiddenFromJudges: hidden } });
    await audit(tx, {
      actorId: auth.user.id,
      action: hidden ? "file.hide_from_judges" : "file.show_to_judges",
      entityType: "StoredFile",
      entityId: file.id,
      before: { hiddenFromJudges: file.hiddenFromJudges },
      after: { hiddenFromJudges: hidden, entryId, roundId, kind: file.kind },
      meta,
    });
    return { ...file, hiddenFromJudges: hidden };
  });
}

// ───────────── for the sheet routes' actions ─────────────

type Reply = {
  reply(options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }): SubmissionResult<string[]>;
};

/**
 * A refused save as the form's reply, keeping every value typed: 400 with a message per
 * refused number, 409 for a closed round, a submitted sheet or a version conflict (flagged so
 * the page stops autosaving). An undeclared judge goes to the declaration; a generic 403/404 is a page.
 */
export function sheetErrorReply(error: unknown, submission: Reply, t: TFunction, locale: string, roundId: string) {
  if (isDomainError(error, "declaration_required")) throw redirect(declarationPath(roundId));
  const failure = formFailure(error);
  const message = t(failure.messageKey, failure.params);
  if (failure instanceof SheetInvalidError) {
    return data(
      {
        result: submission.reply({
          formErrors: [message],
          fieldErrors: sheetFieldErrors(failure.check.problems, t, locale),
        }),
        saved: null,
        conflict: false,
      },
      { status: 400 },
    );
  }
  return data(
    { result: submission.reply({ formErrors: [message] }), saved: null, conflict: failure.code === "version_conflict" },
    { status: failure.status },
  );
}
