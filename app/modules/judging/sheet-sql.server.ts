// The judge's draft save in plain parameterised SQL (issue #9, decision 016). Autosaves come
// every couple of seconds from each of a hundred judges; Prisma 6.19's query compiler plans every
// statement anew, its own $queryRaw too (~0.5–2 ms of CPU each on these machines), so these go
// straight to the driver (directRows/directExecute in db.server.ts; on SQLite prepared once and
// in the connection's turn). Three statements instead of nine: what the save checks (membership,
// round, entry, assignment facts, the sheet), the rubric items, and the guarded UPDATE. The rules
// stay where they are: the assignment rule is decided by isEntryAssigned (access.server.ts, the
// in-memory twin of assignedEntriesWhere, tested against it), the lock and version rules by
// sheets.server.ts. Only the reading and the one write are here, in SQL both SQLite and
// PostgreSQL accept (double-quoted identifiers, $n placeholders; jsonb and timestamps cast on
// PostgreSQL only).
import { databaseProvider, directExecute, directRows, sqlDate, type Level, type RoundStatus } from "~/utils/db.server";
import { LRUCache } from "lru-cache";
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
    /** When its rubric last changed (milliseconds): the key of the items kept in memory. */
    rubricUpdatedAt: number;
  } | null;
}

/**
 * Everything a draft save checks, in one statement: the caller's membership of the round's jury
 * (null when they have none), the round, the entry if it is an accepted entry of the round,
 * whether an organiser included (true) or excluded (false) it for this judge, a declared
 * conflict with its establishment, whether it is in the second pass, and the judge's sheet of
 * the current pass.
 */
const DRAFT_CONTEXT = `SELECT m."id", m."isJudge", m."provinceId", m."declaredAt", m."panelId",
    (SELECT COUNT(*) FROM "PanelGroup" pg WHERE pg."panelId" = m."panelId" AND pg."group" = e."group"),
    r."level",
    (SELECT COUNT(*) FROM "RoundGroup" rg WHERE rg."roundId" = r."id" AND rg."group" = e."group"),
    r."currentPass", r."status", r."resultsFinalisedAt",
    e."id", e."group", e."entryCode", est."provinceId",
    (SELECT o."include" FROM "AssignmentOverride" o WHERE o."entryId" = e."id" AND o."juryMemberId" = m."id"),
    (SELECT COUNT(*) FROM "Conflict" c WHERE c."juryMemberId" = m."id" AND c."establishmentId" = e."establishmentId"),
    (SELECT eo."secondPass" FROM "EntryOutcome" eo WHERE eo."entryId" = e."id"),
    s."id", s."status", s."version", s."rubricId", s."writerPage", s."writerSeq",
    (SELECT rb."updatedAt" FROM "Rubric" rb WHERE rb."id" = s."rubricId")
  FROM "JuryMember" m
  JOIN "Round" r ON r."id" = m."roundId"
  LEFT JOIN "Entry" e ON e."id" = $1 AND e."roundId" = r."id" AND e."status" = 'ACCEPTED'
  LEFT JOIN "Establishment" est ON est."id" = e."establishmentId"
  LEFT JOIN "ScoreSheet" s ON s."entryId" = e."id" AND s."juryMemberId" = m."id" AND s."pass" = r."currentPass"
  WHERE m."roundId" = $2 AND m."userId" = $3`;

export async function loadDraftContext(userId: string, roundId: string, entryId: string): Promise<DraftContext | null> {
  const row = (await directRows(DRAFT_CONTEXT, [entryId, roundId, userId]))[0];
  if (!row) return null;
  const [
    memberId,
    isJudge,
    memberProvinceId,
    declaredAt,
    panelId,
    panelHasGroup,
    level,
    roundHasGroup,
    currentPass,
    roundStatus,
    resultsFinalisedAt,
    entryRowId,
    entryGroup,
    entryCode,
    entryProvinceId,
    override,
    conflictDeclared,
    secondPass,
    sheetId,
    sheetStatus,
    sheetVersion,
    sheetRubricId,
    sheetWriterPage,
    sheetWriterSeq,
    rubricUpdatedAt,
  ] = row;
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const group = str(entryGroup);
  const entryGroupIf = (has: unknown): GroupRows => (group && Number(has) > 0 ? [{ group }] : []);
  return {
    member: {
      id: String(memberId),
      isJudge: sqlBool(isJudge),
      provinceId: str(memberProvinceId),
      declaredAt: declaredAt ?? null,
      panel: panelId ? { groups: entryGroupIf(panelHasGroup) } : null,
    },
    round: {
      id: roundId,
      level: level as Level,
      groups: entryGroupIf(roundHasGroup),
      currentPass: Number(currentPass),
      status: roundStatus as RoundStatus,
      resultsFinalisedAt: sqlDate(resultsFinalisedAt),
    },
    entry: entryRowId
      ? {
          id: String(entryRowId),
          group: group!,
          entryCode: str(entryCode),
          provinceId: String(entryProvinceId),
          override: boolOrNull(override),
          conflictDeclared: Number(conflictDeclared) > 0,
          secondPass: boolOrNull(secondPass),
        }
      : null,
    sheet: sheetId
      ? {
          id: String(sheetId),
          status: String(sheetStatus),
          version: Number(sheetVersion),
          rubricId: String(sheetRubricId),
          writerPage: str(sheetWriterPage),
          writerSeq: sheetWriterSeq === null || sheetWriterSeq === undefined ? null : Number(sheetWriterSeq),
          rubricUpdatedAt: sqlDate(rubricUpdatedAt)?.getTime() ?? 0,
        }
      : null,
  };
}

const RUBRIC_ITEMS = `SELECT i."code", i."criterion", i."group", i."title", i."guidance", i."max", i."sortOrder"
  FROM "RubricItem" i WHERE i."rubricId" = $1 ORDER BY i."sortOrder" ASC`;

/** A rubric's items in their order (what the sheet's numbers are checked against). */
export async function loadRubricItems(rubricId: string): Promise<SheetItem[]> {
  const rows = await directRows(RUBRIC_ITEMS, [rubricId]);
  return rows.map(([code, criterion, group, title, guidance, max, sortOrder]) => ({
    code: String(code),
    criterion: Number(criterion),
    group: (group ?? null) as SheetItem["group"],
    title: String(title),
    guidance: (guidance ?? null) as string | null,
    max: Number(max),
    sortOrder: Number(sortOrder),
  }));
}

// Items by (rubric, when it last changed). Items change only with their rubric row: a new
// version is a new rubric, and an edit in place (rubric.server.ts#updateInPlace, the one writer
// of RubricItem rows) sets the rubric's updatedAt in the same transaction. The stamp is read
// from the database with the sheet on every save, so another instance's edit is seen at once.
const itemsCache = new LRUCache<string, Promise<SheetItem[]>>({ max: 64 });

/** The rubric's items, read once per rubric and stamp (an autosave every 2 s per judge needs them every time). */
export function rubricItemsAt(rubricId: string, updatedAt: number): Promise<SheetItem[]> {
  const key = `${rubricId}@${updatedAt}`;
  let items = itemsCache.get(key);
  if (!items) {
    items = loadRubricItems(rubricId);
    itemsCache.set(key, items);
    // A failed read is not kept.
    items.catch(() => itemsCache.delete(key));
  }
  return items;
}

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
  return directExecute(databaseProvider() === "postgresql" ? UPDATE_DRAFT_PG : UPDATE_DRAFT_SQLITE, [
    JSON.stringify(args.scores),
    JSON.stringify(args.notes),
    args.comment,
    args.writer?.page ?? null,
    args.writer?.seq ?? null,
    args.now,
    args.sheetId,
    args.version,
    args.currentPass,
  ]);
}

/** JSON cast to jsonb and the time to a UTC timestamp on PostgreSQL; text on SQLite (Prisma's own forms). */
const updateDraft = (json: (n: number) => string, time: (n: number) => string) =>
  `UPDATE "ScoreSheet" SET "scores" = ${json(1)}, "notes" = ${json(2)}, "comment" = $3,
    "status" = 'DRAFT', "submittedAt" = NULL, "onPaper" = FALSE, "enteredById" = NULL,
    "writerPage" = $4, "writerSeq" = $5, "version" = "version" + 1, "updatedAt" = ${time(6)}
  WHERE "id" = $7 AND "version" = $8 AND "status" = 'DRAFT'
    AND EXISTS (SELECT 1 FROM "Round" r WHERE r."id" = "ScoreSheet"."roundId" AND r."status" = 'JUDGING'
      AND r."resultsFinalisedAt" IS NULL AND r."currentPass" = $9)`;
const UPDATE_DRAFT_PG = updateDraft(
  (n) => `CAST($${n} AS jsonb)`,
  (n) => `CAST($${n} AS timestamptz) AT TIME ZONE 'UTC'`,
);
const UPDATE_DRAFT_SQLITE = updateDraft(
  (n) => `$${n}`,
  (n) => `$${n}`,
);
