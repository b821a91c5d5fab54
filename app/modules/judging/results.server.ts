// Results of a round in the database (tổng hợp kết quả, issue #4): loading what the pure
// results.ts needs in a fixed number of queries, and the four writes of the results page — a
// decision on an entry flagged by the spread rule, the council's vote, finalisation, and the
// start of a second scoring pass. Every write checks the caller, runs in one transaction that
// first takes a guarded write on the round row (so it serialises with finalisation and two
// clicks cannot both apply) and appends its audit entry there.
import type { Prisma } from "~/generated/sqlite/client.ts";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import type { Auth } from "~/modules/auth/auth.server";
import {
  isConflicted,
  juryRoundSelect,
  requireRoundOrganiser,
  requireSecretaryOrOrganiser,
  type JuryRound,
} from "~/modules/judging/access.server";
import { groupList } from "~/modules/rounds/groups";
import { databaseProvider, prisma, queryDirect, type DirectArg, type Tx } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { reuseResults } from "./results-cache.server";
import { sheetTotalsFromColumns } from "./sheet-data";
import {
  allRows,
  buildResults,
  finaliseProblems,
  frozenOutcomes,
  secondPassEntries,
  voteProblems,
  type ResultGroup,
  type ResultsInput,
  type ResultsEntry,
  type ResultsMember,
  type ResultsSheet,
  type ResultsTable,
  type VoteInput,
} from "./results";

type Db = Pick<
  Tx,
  | "round"
  | "entry"
  | "juryMember"
  | "entryOutcome"
  | "scoreSheet"
  | "rubricItem"
  | "complaint"
  | "$queryRaw"
  | "$queryRawUnsafe"
>;

/** A number column as either driver or Prisma hands it back (null stays null). */
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Rows of a read as arrays: straight from the driver when the client has that path
 * (db.server.ts#queryDirect), else through Prisma (a transaction client, or before connecting),
 * with the same `$1…$n` parameters (each used once, in order) and the columns in the same order.
 */
async function readRows(db: Db, sql: string, args: readonly DirectArg[]): Promise<unknown[][]> {
  const direct = await queryDirect(sql, db, args);
  if (direct) return direct;
  const text = databaseProvider() === "postgresql" ? sql : sql.replace(/\$\d+/g, "?");
  const rows = await db.$queryRawUnsafe<Array<Record<string, unknown>>>(text, ...args);
  return rows.map((row) => Object.values(row));
}

/** Statuses in which the results page exists: live (provisional) while judging, then for good. */
export const RESULTS_STATUSES = ["JUDGING", "RESULTS", "PUBLISHED", "ARCHIVED"] as const;
/** A council secretary who is not an organiser sees results once judging is closed (no live scores to a judge). */
const SECRETARY_STATUSES = ["RESULTS", "PUBLISHED", "ARCHIVED"];

const outcomeSelect = {
  entryId: true,
  secondPass: true,
  spreadDecision: true,
  spreadDecidedAt: true,
  votesFor: true,
  votesAgainst: true,
  votesAbstain: true,
  membersPresent: true,
  membersTotal: true,
  chairPresent: true,
  recognised: true,
  voteNote: true,
  votedAt: true,
  finalScore: true,
  finalSheets: true,
  finalRank: true,
  finalPassed: true,
  finalPass: true,
} satisfies Prisma.EntryOutcomeSelect;

/**
 * Everything results.ts needs for one pass, in seven queries whatever the size of the round:
 * the round, its accepted entries, its jury (panels, conflicts, overrides), the outcomes and the
 * complaint decisions that amended them, the SUBMITTED sheets of passes 1…pass, and the items
 * of the rubric versions those sheets use.
 */
export async function loadResultsInput(
  db: Db,
  roundId: string,
  pass?: number,
): Promise<{ round: JuryRound; input: ResultsInput }> {
  const round = await db.round.findUnique({ where: { id: roundId }, select: juryRoundSelect });
  if (!round) throw new DomainError(404, "error.404");
  const shown = pass ?? round.currentPass;
  if (!Number.isInteger(shown) || shown < 1 || shown > round.currentPass)
    throw new DomainError(400, "results.pass.invalid");

  // Independent reads, issued together; only the items wait (they need the sheets' rubric ids).
  const [entryRows, members, rawOutcomes, amended, sheetRows] = await Promise.all([
    readRows(
      db,
      `SELECT e."id" AS "id", e."entryCode" AS "entryCode", e."group" AS "group", e."establishmentId" AS "establishmentId",
        p."name" AS "productName", est."name" AS "establishmentName", est."provinceId" AS "provinceId"
      FROM "Entry" e JOIN "Product" p ON p."id" = e."productId" JOIN "Establishment" est ON est."id" = e."establishmentId"
      WHERE e."roundId" = $1 AND e."status" = 'ACCEPTED' ORDER BY e."entryCode" ASC`,
      [roundId],
    ),
    db.juryMember.findMany({
      where: { roundId },
      select: {
        id: true,
        isJudge: true,
        councilRole: true,
        provinceId: true,
        user: { select: { name: true } },
        panel: { select: { name: true, groups: true } },
        conflicts: { select: { establishmentId: true } },
        overrides: { select: { entryId: true, include: true } },
      },
      orderBy: { createdAt: "asc" },
    }),
    db.entryOutcome.findMany({ where: { roundId }, select: outcomeSelect }),
    // Complaint decisions that changed a result (the only writer of a finalised outcome).
    db.complaint.findMany({
      where: { roundId, status: "UPHELD", OR: [{ newScore: { not: null } }, { newRecognised: { not: null } }] },
      select: { entryId: true },
    }),
    // Only the sheets the computation reads: those of the pass shown, and in a later pass the
    // first-pass sheets of the entries not selected for it (results.ts#buildResults, `selected`).
    // A national round has ~15,000 submitted sheets: read as arrays straight from the driver,
    // since Prisma's mapping of that many rows cost more CPU than the computation (decision 053).
    readRows(
      db,
      `SELECT s."entryId" AS "entryId", s."juryMemberId" AS "juryMemberId", s."pass" AS "pass", s."rubricId" AS "rubricId",
        s."total" AS "total", s."criterion1" AS "criterion1", s."criterion2" AS "criterion2", s."criterion3" AS "criterion3",
        s."criterion4" AS "criterion4", CASE WHEN s."total" IS NULL THEN s."scores" END AS "scores"
      FROM "ScoreSheet" s
      WHERE s."roundId" = $1 AND s."status" = 'SUBMITTED' AND (s."pass" = $2 OR (s."pass" = 1 AND NOT EXISTS
        (SELECT 1 FROM "EntryOutcome" o WHERE o."entryId" = s."entryId" AND o."secondPass" = TRUE)))`,
      [roundId, shown],
    ),
  ]);
  const amendedIds = new Set(amended.map((c) => c.entryId));
  const outcomes = rawOutcomes.map((o) => ({ ...o, amendedByComplaint: amendedIds.has(o.entryId) }));
  // Each entry's sheets in the jury's order (members by createdAt), whatever order the database
  // returned them in, so the advice's floating-point sums come out the same on both databases.
  const memberOrder = new Map(members.map((m, i) => [m.id, i]));
  const sheets: ResultsSheet[] = sheetRows
    .map((r) => ({
      entryId: r[0] as string,
      juryMemberId: r[1] as string,
      pass: Number(r[2]),
      rubricId: r[3] as string,
      totals: sheetTotalsFromColumns(num(r[4]), [num(r[5]), num(r[6]), num(r[7]), num(r[8])]),
      // Only for a sheet stored without totals. SQLite hands JSON back as text, PostgreSQL parsed.
      scores: typeof r[9] === "string" ? (JSON.parse(r[9]) as unknown) : r[9],
    }))
    .sort((a, b) => (memberOrder.get(a.juryMemberId) ?? -1) - (memberOrder.get(b.juryMemberId) ?? -1));
  // The rubric items are needed only to add up the sheets stored without totals.
  const rubricIds = [...new Set(sheets.filter((s) => !s.totals).map((s) => s.rubricId))];
  const items = rubricIds.length
    ? await db.rubricItem.findMany({
        where: { rubricId: { in: rubricIds } },
        select: { rubricId: true, code: true, criterion: true, group: true, max: true, sortOrder: true },
      })
    : [];

  const resultEntries: ResultsEntry[] = entryRows.map((r) => ({
    id: r[0] as string,
    code: (r[1] as string | null) ?? (r[0] as string),
    group: r[2] as ResultGroup,
    establishmentId: r[3] as string,
    productName: r[4] as string,
    establishmentName: r[5] as string,
    provinceId: r[6] as string,
  }));
  const resultMembers: ResultsMember[] = members.map((m) => {
    const conflictEstablishmentIds = m.conflicts.map((c) => c.establishmentId);
    const conflictedEntryIds = new Set(
      resultEntries
        .filter((e) => isConflicted({ provinceId: m.provinceId, conflictEstablishmentIds }, round, e))
        .map((e) => e.id),
    );
    return {
      id: m.id,
      name: m.user.name,
      isJudge: m.isJudge,
      councilRole: m.councilRole,
      panelGroups: m.panel ? groupList(m.panel.groups) : null,
      panelName: m.panel?.name ?? null,
      conflictedEntryIds,
      overrides: m.overrides,
    };
  });
  return {
    round,
    input: {
      round: {
        level: round.level,
        status: round.status,
        passLine: round.passLine,
        spreadLimit: round.spreadLimit,
        tieBreak: round.tieBreak,
        groups: groupList(round.groups),
        scoringPasses: round.scoringPasses,
        currentPass: round.currentPass,
        resultsFinalisedAt: round.resultsFinalisedAt,
      },
      pass: shown,
      entries: resultEntries,
      items,
      sheets,
      members: resultMembers,
      outcomes,
    },
  };
}

/**
 * The results of a round for a pass (default: the current one). No permission check: callers
 * check (requireResultsViewer / requireRoundOrganiser). Once finalised, the official numbers of
 * the final pass are the frozen EntryOutcome.final* values.
 */
export async function computeRoundResults(
  roundId: string,
  pass?: number,
  db: Db = prisma,
): Promise<{ round: JuryRound; table: ResultsTable }> {
  const { round, input } = await loadResultsInput(db, roundId, pass);
  return { round, table: buildResults(input) };
}

/**
 * computeRoundResults for the results page and its exports, reused until a submitted sheet or
 * another input of the results changes (results-cache.server.ts). Same answers and errors.
 */
export const cachedRoundResults = (roundId: string, pass?: number) =>
  reuseResults(roundId, pass, () => computeRoundResults(roundId, pass));

/**
 * Who may see a round's results: its organisers, and its council secretary once judging is
 * closed (a secretary is often a judge too: no live scores of others while judging). The round
 * must have reached judging.
 */
export async function requireResultsViewer(auth: Pick<Auth, "user" | "roles">, roundId: string) {
  const access = await requireSecretaryOrOrganiser(auth, roundId);
  if (!access.asOrganiser && !SECRETARY_STATUSES.includes(access.round.status))
    throw new DomainError(403, "results.secretary.notYet");
  if (!(RESULTS_STATUSES as readonly string[]).includes(access.round.status))
    throw new DomainError(409, "results.notYet");
  return access;
}

// ───────────── writes ─────────────

/**
 * The first statement of every results write: a guarded no-op update of the round row, which
 * both checks the state and takes the row's write lock, so a vote and a finalisation never
 * interleave; it also bumps the results version (results-cache.server.ts). Throws the reason when
 * the round is not in the state the write needs.
 */
async function lockRound(
  tx: Tx,
  roundId: string,
  where: Prisma.RoundWhereInput,
  data: Prisma.RoundUpdateManyMutationInput,
  wrongState: DomainError,
) {
  const { count } = await tx.round.updateMany({
    where: { AND: [{ id: roundId }, where] },
    data: { ...data, resultsVersion: { increment: 1 } },
  });
  if (count === 1) return;
  const round = await tx.round.findUnique({ where: { id: roundId }, select: { resultsFinalisedAt: true } });
  if (!round) throw new DomainError(404, "error.404");
  if (round.resultsFinalisedAt) throw new DomainError(409, "results.finalised.locked");
  throw wrongState;
}

const openResults = { status: "RESULTS" as const, resultsFinalisedAt: null };

function rowOf(table: ResultsTable, entryId: string) {
  const row = allRows(table).find((r) => r.entryId === entryId);
  if (!row || !row.inPass) throw new DomainError(404, "error.404");
  return row;
}

/** The organiser's decision on an entry flagged by the spread rule (judging closed, not finalised). */
export async function recordSpreadDecision(
  auth: Auth,
  roundId: string,
  input: { entryId: string; decision: string },
  meta: RequestMeta,
) {
  await requireRoundOrganiser(auth, roundId);
  const decision = input.decision.trim();
  if (decision.length < 5) throw new DomainError(400, "results.spread.error.required", undefined, "decision");
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    await lockRound(tx, roundId, openResults, { updatedAt: now }, new DomainError(409, "results.error.notResults"));
    const { table } = await computeRoundResults(roundId, undefined, tx);
    const row = rowOf(table, input.entryId);
    if (!row.spreadFlag) throw new DomainError(409, "results.spread.error.notFlagged", { code: row.code });
    const before = await tx.entryOutcome.findUnique({
      where: { entryId: input.entryId },
      select: { spreadDecision: true, spreadDecidedAt: true },
    });
    const data = { spreadDecision: decision, spreadDecidedAt: now, spreadDecidedById: auth.user.id };
    await tx.entryOutcome.upsert({
      where: { entryId: input.entryId },
      create: { roundId, entryId: input.entryId, ...data },
      update: data,
    });
    await audit(tx, {
      actorId: auth.user.id,
      action: "results.spread_decision",
      entityType: "Entry",
      entityId: input.entryId,
      before: before ?? undefined,
      after: { code: row.code, spread: row.spread, min: row.min, max: row.max, decision, roundId },
      meta,
    });
    return { code: row.code };
  });
}

export interface VoteRecord extends VoteInput {
  entryId: string;
  note?: string | null;
}

/**
 * The council's vote on a passing entry, recorded by its secretary or an organiser while the
 * round is in RESULTS and not finalised. Recording again replaces the previous vote (audited
 * with both).
 */
export async function recordVote(auth: Auth, roundId: string, input: VoteRecord, meta: RequestMeta) {
  await requireSecretaryOrOrganiser(auth, roundId);
  const note = input.note?.trim() || null;
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    await lockRound(tx, roundId, openResults, { updatedAt: now }, new DomainError(409, "results.error.notResults"));
    const { table } = await computeRoundResults(roundId, undefined, tx);
    const row = rowOf(table, input.entryId);
    if (!row.passed) throw new DomainError(409, "results.vote.error.notPassed", { code: row.code });
    const problem = voteProblems(input, row.passed)[0];
    if (problem) throw new DomainError(400, problem.messageKey, undefined, problem.field);
    const vote = {
      votesFor: input.votesFor,
      votesAgainst: input.votesAgainst,
      votesAbstain: input.votesAbstain,
      membersPresent: input.membersPresent,
      membersTotal: input.membersTotal,
      chairPresent: input.chairPresent,
      recognised: input.recognised,
      voteNote: note,
    };
    const before = await tx.entryOutcome.findUnique({
      where: { entryId: input.entryId },
      select: {
        votesFor: true,
        votesAgainst: true,
        votesAbstain: true,
        membersPresent: true,
        membersTotal: true,
        chairPresent: true,
        recognised: true,
        voteNote: true,
        votedAt: true,
      },
    });
    const data = { ...vote, votedAt: now, votedById: auth.user.id };
    await tx.entryOutcome.upsert({
      where: { entryId: input.entryId },
      create: { roundId, entryId: input.entryId, ...data },
      update: data,
    });
    await audit(tx, {
      actorId: auth.user.id,
      action: "results.vote",
      entityType: "Entry",
      entityId: input.entryId,
      before: before?.votedAt ? before : undefined,
      after: { ...vote, code: row.code, mean: row.mean, roundId },
      meta,
    });
    return { code: row.code };
  });
}

/**
 * Finalises the results (organiser): the round must be in RESULTS and not finalised, with no
 * spread flag left without a decision and a vote recorded for every passing entry (409 naming
 * the entries otherwise). Freezes score, sheets, rank, pass flag and pass used of every accepted
 * entry and stamps the round, in one transaction; the stamp is written first with a guard, so
 * two clicks cannot both finalise. After this, every results write is refused.
 */
export async function finaliseResults(auth: Auth, roundId: string, meta: RequestMeta) {
  await requireRoundOrganiser(auth, roundId);
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    await lockRound(
      tx,
      roundId,
      openResults,
      { resultsFinalisedAt: now, resultsFinalisedById: auth.user.id },
      new DomainError(409, "results.error.notResults"),
    );
    const { input } = await loadResultsInput(tx, roundId);
    // The stamp was just written in this transaction: compute the live table, not the frozen one.
    const table = buildResults({ ...input, round: { ...input.round, resultsFinalisedAt: null } });
    const problems = finaliseProblems(table);
    if (problems.unresolvedSpread.length)
      throw new DomainError(409, "results.finalise.error.spread", { codes: problems.unresolvedSpread.join(", ") });
    if (problems.missingVotes.length)
      throw new DomainError(409, "results.finalise.error.votes", { codes: problems.missingVotes.join(", ") });
    if (problems.recognisedNotPassed.length)
      throw new DomainError(409, "results.finalise.error.recognised", {
        codes: problems.recognisedNotPassed.join(", "),
      });
    const frozen = frozenOutcomes(table);
    for (const f of frozen) {
      const data = {
        finalScore: f.finalScore,
        finalSheets: f.finalSheets,
        finalRank: f.finalRank,
        finalPassed: f.finalPassed,
        finalPass: f.finalPass,
      };
      await tx.entryOutcome.upsert({
        where: { entryId: f.entryId },
        create: { roundId, entryId: f.entryId, ...data },
        update: data,
      });
    }
    await audit(tx, {
      actorId: auth.user.id,
      action: "results.finalise",
      entityType: "Round",
      entityId: roundId,
      before: { resultsFinalisedAt: null },
      after: { resultsFinalisedAt: now, pass: table.pass, passLine: table.passLine, entries: frozen },
      meta,
    });
    return { entries: frozen.length, recognised: frozen.filter((f) => f.recognised === true).length };
  });
}

/**
 * Starts the second scoring pass (organiser; round set to two passes, first pass closed and
 * not finalised): the entries that passed the first pass are selected for it, the round goes
 * back to JUDGING with currentPass = 2. Refused when no entry passed.
 *
 * This is the one write of Round.status outside rounds.server.ts#transitionRound: the move
 * RESULTS → JUDGING here is not a "reopen" (no reason, no pass-1 sheet reopens) but a new pass,
 * and it must select the entries and bump currentPass in the same guarded transaction, which
 * transitionRound cannot do. It is audited as a round.transition (kind "secondPass") so the
 * round's history shows it like any other move.
 *
 * A spread decision or a council vote recorded on the first pass concerns numbers the second
 * pass replaces: they are cleared for the selected entries (the audit keeps them).
 */
export async function startSecondPass(auth: Auth, roundId: string, meta: RequestMeta) {
  const round = await requireRoundOrganiser(auth, roundId);
  if (round.scoringPasses !== 2) throw new DomainError(409, "results.secondPass.error.notConfigured");
  return prisma.$transaction(async (tx) => {
    await lockRound(
      tx,
      roundId,
      { ...openResults, scoringPasses: 2, currentPass: 1 },
      { status: "JUDGING", currentPass: 2 },
      new DomainError(409, "results.secondPass.error.notAllowed"),
    );
    const { input } = await loadResultsInput(tx, roundId, 1);
    const table = buildResults({ ...input, round: { ...input.round, currentPass: 1 } });
    const selected = secondPassEntries(table);
    if (!selected.length) throw new DomainError(409, "results.secondPass.error.none");
    const ids = selected.map((r) => r.entryId);
    const before = input.outcomes.filter((o) => ids.includes(o.entryId) && (o.spreadDecision || o.votedAt));
    const reset = {
      secondPass: true,
      spreadDecision: null,
      spreadDecidedAt: null,
      spreadDecidedById: null,
      votesFor: null,
      votesAgainst: null,
      votesAbstain: null,
      membersPresent: null,
      membersTotal: null,
      chairPresent: null,
      recognised: null,
      voteNote: null,
      votedAt: null,
      votedById: null,
    };
    await tx.entryOutcome.updateMany({ where: { roundId, entryId: { in: ids } }, data: reset });
    const existing = new Set(input.outcomes.map((o) => o.entryId));
    const missing = ids.filter((id) => !existing.has(id));
    if (missing.length)
      await tx.entryOutcome.createMany({ data: missing.map((entryId) => ({ roundId, entryId, secondPass: true })) });
    await tx.entryOutcome.updateMany({ where: { roundId, entryId: { notIn: ids } }, data: { secondPass: false } });
    await audit(tx, {
      actorId: auth.user.id,
      action: "round.transition",
      entityType: "Round",
      entityId: roundId,
      before: { status: "RESULTS", currentPass: 1, cleared: before },
      after: {
        status: "JUDGING",
        from: "RESULTS",
        to: "JUDGING",
        kind: "secondPass",
        reason: null,
        currentPass: 2,
        entries: selected.map((r) => r.code),
      },
      meta,
    });
    return { entries: selected.length };
  });
}
