// The judge's draft save in plain parameterised SQL (issue #9, decision 016). Autosaves come
// every couple of seconds from each of a hundred judges; Prisma 6.19's query compiler costs
// about 2 ms of CPU per statement on these machines, raw statements skip it. Three statements
// instead of nine: what the save checks (membership, round, entry, assignment facts, the sheet),
// the rubric items, and the guarded UPDATE. The rules stay where they are: the assignment rule
// is decided by isEntryAssigned (access.server.ts, the in-memory twin of assignedEntriesWhere,
// tested against it), the lock and version rules by sheets.server.ts. Only the reading and the
// one write are here, in SQL both SQLite and PostgreSQL accept (double-quoted identifiers; jsonb
// and timestamps cast on PostgreSQL only).
import { Prisma } from "~/generated/sqlite/client.ts";
import { databaseProvider, prisma, type Level, type RoundStatus } from "~/utils/db.server";
import type { GroupRows } from "~/modules/rounds/groups";
import type { SheetItem } from "./sheet-rules";

/** A boolean as either database hands it back to a raw query (SQLite: 0/1, possibly bigint). */
export const sqlBool = (v: unknown): boolean => v === true || v === 1 || v === 1n || v === "1" || v === "t";
const boolOrNull = (v: unknown): boolean | null => (v === null || v === undefined ? null : sqlBool(v));

/**
 * The groups of the member's panel and of the round are read as far as the save needs them (the
 * assignment rule asks only about the entry's group): the entry's group when the panel or round
 * has it, no group otherwise.
 */
export interface DraftContext {
  member: {
    id: string;
    isJudge: boolean;
    provinceId: string | null;
    declaredAt: unknown;
    panel: { groups: GroupRows } | null;
  };
  round: {
    id: string;
    level: Level;
    groups: GroupRows;
    currentPass: number;
    status: RoundStatus;
    resultsFinalisedAt: Date | string | null;
  };
  /** The entry when it is an accepted entry of this round, with the facts the assignment rule reads. */
  entry: {
    id: string;
    group: string;
    entryCode: string | null;
    provinceId: string;
    override: boolean | null;
    conflictDeclared: boolean;
    secondPass: boolean | null;
  } | null;
  /** The judge's sheet of this entry in the round's current pass. */
  sheet: {
    id: string;
    status: string;
    version: number;
    rubricId: string;
    writerPage: string | null;
    writerSeq: number | null;
  } | null;
}

interface ContextRow {
  memberId: string;
  isJudge: unknown;
  memberProvinceId: string | null;
  declaredAt: unknown;
  panelHasGroup: unknown;
  panelId: string | null;
  level: Level;
  roundHasGroup: unknown;
  currentPass: number | bigint;
  roundStatus: RoundStatus;
  resultsFinalisedAt: Date | string | null;
  entryId: string | null;
  entryGroup: string | null;
  entryCode: string | null;
  entryProvinceId: string | null;
  override: unknown;
  conflictDeclared: unknown;
  secondPass: unknown;
  sheetId: string | null;
  sheetStatus: string | null;
  sheetVersion: number | bigint | null;
  sheetRubricId: string | null;
  sheetWriterPage: string | null;
  sheetWriterSeq: number | bigint | null;
}

/**
 * Everything a draft save checks, in one statement: the caller's membership of the round's jury
 * (null when they have none), the round, the entry if it is an accepted entry of the round,
 * whether an organiser included (true) or excluded (false) it for this judge, a declared
 * conflict with its establishment, whether it is in the second pass, and the judge's sheet of
 * the current pass.
 */
export async function loadDraftContext(userId: string, roundId: string, entryId: string): Promise<DraftContext | null> {
  const rows = await prisma.$queryRaw<ContextRow[]>`
    SELECT m."id" AS "memberId", m."isJudge" AS "isJudge", m."provinceId" AS "memberProvinceId", m."declaredAt" AS "declaredAt",
      m."panelId" AS "panelId",
      (SELECT COUNT(*) FROM "PanelGroup" pg WHERE pg."panelId" = m."panelId" AND pg."group" = e."group") AS "panelHasGroup",
      r."level" AS "level",
      (SELECT COUNT(*) FROM "RoundGroup" rg WHERE rg."roundId" = r."id" AND rg."group" = e."group") AS "roundHasGroup",
      r."currentPass" AS "currentPass", r."status" AS "roundStatus",
      r."resultsFinalisedAt" AS "resultsFinalisedAt",
      e."id" AS "entryId", e."group" AS "entryGroup", e."entryCode" AS "entryCode", est."provinceId" AS "entryProvinceId",
      (SELECT o."include" FROM "AssignmentOverride" o WHERE o."entryId" = e."id" AND o."juryMemberId" = m."id") AS "override",
      (SELECT COUNT(*) FROM "Conflict" c WHERE c."juryMemberId" = m."id" AND c."establishmentId" = e."establishmentId") AS "conflictDeclared",
      (SELECT eo."secondPass" FROM "EntryOutcome" eo WHERE eo."entryId" = e."id") AS "secondPass",
      s."id" AS "sheetId", s."status" AS "sheetStatus", s."version" AS "sheetVersion", s."rubricId" AS "sheetRubricId",
      s."writerPage" AS "sheetWriterPage", s."writerSeq" AS "sheetWriterSeq"
    FROM "JuryMember" m
    JOIN "Round" r ON r."id" = m."roundId"
    LEFT JOIN "Entry" e ON e."id" = ${entryId} AND e."roundId" = r."id" AND e."status" = 'ACCEPTED'
    LEFT JOIN "Establishment" est ON est."id" = e."establishmentId"
    LEFT JOIN "ScoreSheet" s ON s."entryId" = e."id" AND s."juryMemberId" = m."id" AND s."pass" = r."currentPass"
    WHERE m."roundId" = ${roundId} AND m."userId" = ${userId}`;
  const row = rows[0];
  if (!row) return null;
  const entryGroupIf = (has: unknown): GroupRows =>
    row.entryGroup && Number(has) > 0 ? [{ group: row.entryGroup }] : [];
  return {
    member: {
      id: row.memberId,
      isJudge: sqlBool(row.isJudge),
      provinceId: row.memberProvinceId,
      declaredAt: row.declaredAt,
      panel: row.panelId ? { groups: entryGroupIf(row.panelHasGroup) } : null,
    },
    round: {
      id: roundId,
      level: row.level,
      groups: entryGroupIf(row.roundHasGroup),
      currentPass: Number(row.currentPass),
      status: row.roundStatus,
      resultsFinalisedAt: row.resultsFinalisedAt,
    },
    entry: row.entryId
      ? {
          id: row.entryId,
          group: row.entryGroup!,
          entryCode: row.entryCode,
          provinceId: row.entryProvinceId!,
          override: boolOrNull(row.override),
          conflictDeclared: Number(row.conflictDeclared) > 0,
          secondPass: boolOrNull(row.secondPass),
        }
      : null,
    sheet: row.sheetId
      ? {
          id: row.sheetId,
          status: row.sheetStatus!,
          version: Number(row.sheetVersion),
          rubricId: row.sheetRubricId!,
          writerPage: row.sheetWriterPage,
          writerSeq: row.sheetWriterSeq === null ? null : Number(row.sheetWriterSeq),
        }
      : null,
  };
}

interface ItemRow {
  code: string;
  criterion: number | bigint;
  group: string | null;
  title: string;
  guidance: string | null;
  max: number;
  sortOrder: number | bigint;
}

/** A rubric's items in their order (what the sheet's numbers are checked against). */
export async function loadRubricItems(rubricId: string): Promise<SheetItem[]> {
  const rows = await prisma.$queryRaw<ItemRow[]>`
    SELECT i."code" AS "code", i."criterion" AS "criterion", i."group" AS "group", i."title" AS "title", i."guidance" AS "guidance",
      i."max" AS "max", i."sortOrder" AS "sortOrder"
    FROM "RubricItem" i WHERE i."rubricId" = ${rubricId} ORDER BY i."sortOrder" ASC`;
  return rows.map((r) => ({
    code: r.code,
    criterion: Number(r.criterion),
    group: r.group as SheetItem["group"],
    title: r.title,
    guidance: r.guidance,
    max: Number(r.max),
    sortOrder: Number(r.sortOrder),
  }));
}

/** Prisma's own text form of a DateTime on SQLite ("2026-12-06T08:52:56.897+00:00"), so raw writes sort with its writes. */
const sqliteDate = (d: Date) => d.toISOString().replace("Z", "+00:00");

/**
 * The draft's one write: new numbers, notes and comment, the page that wrote them, version + 1, only if the sheet is still
 * the DRAFT at the version the judge edited and its round still takes sheets of this pass
 * (JUDGING, not finalised). Atomic on both databases; returns the rows written (0 or 1).
 */
export async function updateDraftSheet(args: {
  sheetId: string;
  version: number;
  currentPass: number;
  scores: Record<string, number>;
  notes: Record<string, string>;
  comment: string | null;
  /** The page that saves, remembered with the draft (decision 030); null without JavaScript. */
  writer: { page: string; seq: number } | null;
  now: Date;
}): Promise<number> {
  const pg = databaseProvider() === "postgresql";
  const scores = JSON.stringify(args.scores);
  const notes = JSON.stringify(args.notes);
  const json = (text: string) => (pg ? Prisma.sql`CAST(${text} AS jsonb)` : Prisma.sql`${text}`);
  const now = pg
    ? Prisma.sql`CAST(${args.now.toISOString()} AS timestamptz) AT TIME ZONE 'UTC'`
    : Prisma.sql`${sqliteDate(args.now)}`;
  return prisma.$executeRaw`
    UPDATE "ScoreSheet" SET "scores" = ${json(scores)}, "notes" = ${json(notes)}, "comment" = ${args.comment},
      "status" = 'DRAFT', "submittedAt" = NULL, "onPaper" = FALSE, "enteredById" = NULL,
      "writerPage" = ${args.writer?.page ?? null}, "writerSeq" = ${args.writer?.seq ?? null},
      "version" = "version" + 1, "updatedAt" = ${now}
    WHERE "id" = ${args.sheetId} AND "version" = ${args.version} AND "status" = 'DRAFT'
      AND EXISTS (SELECT 1 FROM "Round" r WHERE r."id" = "ScoreSheet"."roundId" AND r."status" = 'JUDGING'
        AND r."resultsFinalisedAt" IS NULL AND r."currentPass" = ${args.currentPass})`;
}
