// A round's required documents are RoundDocument rows (decision 052; migration round_documents).
// Rounds made before that migration keep the documents their comma-separated column named: the
// committed migrations are replayed, exactly as they are, into a fresh database of the run's
// provider; rounds are written as the earlier migrations stored them, then the migration moves them.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, inject, test } from "vitest";
import { createDocuments, documentList, replaceDocuments } from "~/modules/rounds/round-fields";
import { prisma } from "~/utils/db.server";
import { databaseUrl, dropDatabase, quoteIdent, withServer } from "../setup/global-setup";
import { migrationsSplitAt } from "../support/migrations";

const ctx = inject("testDb");
const MIGRATION = "round_documents";

const migrations = (provider: string) => migrationsSplitAt(provider, MIGRATION);

// As the column held them: the default, the demo's list, spaces and lower case, an unknown kind,
// OTHER (never a requirement), and an empty string.
const ROUNDS = [
  ["r1", "BUSINESS_REGISTRATION,PHOTO"],
  ["r2", "PHOTO,BUSINESS_REGISTRATION,REGISTRATION_FORM,DESCRIPTION_FORM"],
  ["r3", " food_safety_cert , OCOP_CERT,NOPE,OTHER"],
  ["r4", ""],
] as const;
const insertRound = (id: string, docs: string) =>
  `INSERT INTO "Round" ("id", "name", "level", "year", "requiredDocuments", "entriesOpenAt", "entriesCloseAt", "createdById", "updatedAt")
   VALUES ('${id}', 'Đợt ${id}', 'PROVINCE', 2025, '${docs}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'u1', CURRENT_TIMESTAMP)`;
const READ = `SELECT "roundId", CAST("kind" AS TEXT) AS "kind" FROM "RoundDocument" ORDER BY 1, 2`;

type Row = { roundId: string; kind: string };

function replaySqlite(): { rows: Row[]; roundColumns: string[] } {
  if (ctx.provider !== "sqlite") throw new Error("sqlite only");
  const file = path.join(ctx.runDir, `documents-migration-${Math.random().toString(36).slice(2, 8)}.db`);
  const db = new Database(file);
  try {
    const { before, it } = migrations("sqlite");
    for (const sql of before) db.exec(sql);
    db.pragma("foreign_keys = OFF");
    for (const [id, docs] of ROUNDS) db.exec(insertRound(id, docs));
    db.pragma("foreign_keys = ON");
    db.exec(it);
    const roundColumns = (db.prepare(`PRAGMA table_info("Round")`).all() as { name: string }[]).map((c) => c.name);
    return { rows: db.prepare(READ).all() as Row[], roundColumns };
  } finally {
    db.close();
    fs.rmSync(file, { force: true });
  }
}

async function replayPostgres(): Promise<{ rows: Row[]; roundColumns: string[] }> {
  if (ctx.provider !== "postgresql") throw new Error("postgresql only");
  const name = `${ctx.runId}_docsmig_${Math.random().toString(36).slice(2, 8)}`;
  await withServer(ctx.serverUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
  try {
    return await withServer(databaseUrl(ctx.serverUrl, name), async (db) => {
      const { before, it } = migrations("postgresql");
      for (const sql of before) await db.query(sql);
      await db.query("SET session_replication_role = replica");
      for (const [id, docs] of ROUNDS) await db.query(insertRound(id, docs));
      await db.query("SET session_replication_role = DEFAULT");
      await db.query(it);
      const roundColumns = (
        await db.query<{ column_name: string }>(
          `SELECT column_name FROM information_schema.columns WHERE table_name = 'Round' ORDER BY ordinal_position`,
        )
      ).rows.map((r) => r.column_name);
      return { rows: (await db.query<Row>(READ)).rows, roundColumns };
    });
  } finally {
    await withServer(ctx.serverUrl, (c) => dropDatabase(c, name));
  }
}

describe("required documents as rows (migration round_documents)", () => {
  test("rounds made before the migration keep their optional documents; the implied ones are not stored", async () => {
    const after = ctx.provider === "postgresql" ? await replayPostgres() : replaySqlite();
    const byRound: Record<string, string[]> = {};
    for (const r of after.rows) (byRound[r.roundId] ??= []).push(r.kind);
    expect(byRound).toEqual({
      r2: ["DESCRIPTION_FORM", "REGISTRATION_FORM"],
      r3: ["FOOD_SAFETY_CERT", "OCOP_CERT"],
    });
    // Read back as the app reads them: the implied kinds first, canonical order.
    expect(documentList((byRound.r2 ?? []).map((kind) => ({ kind })))).toEqual([
      "PHOTO",
      "BUSINESS_REGISTRATION",
      "REGISTRATION_FORM",
      "DESCRIPTION_FORM",
    ]);
    expect(documentList([])).toEqual(["PHOTO", "BUSINESS_REGISTRATION"]);
    expect(after.roundColumns).toContain("requiredDocuments");
  });

  test("a kind is stored once per round, only known kinds, and the rows go with the round", async () => {
    const user = await prisma.user.create({
      data: { email: `documents-${Date.now()}@example.vn`, name: "Người thử giấy tờ" },
      select: { id: true },
    });
    const round = await prisma.round.create({
      data: {
        name: "Đợt thử giấy tờ",
        level: "NATION",
        year: 2027,
        entriesOpenAt: new Date(),
        entriesCloseAt: new Date(),
        createdById: user.id,
        documents: createDocuments(["OCOP_CERT", "PHOTO", "OTHER", "NOPE", "OCOP_CERT", "AWARD"]),
      },
      select: { id: true, documents: { select: { kind: true } } },
    });
    expect(documentList(round.documents)).toEqual(["PHOTO", "BUSINESS_REGISTRATION", "OCOP_CERT", "AWARD"]);
    expect(await prisma.roundDocument.count({ where: { roundId: round.id } })).toBe(2);
    await expect(prisma.roundDocument.create({ data: { roundId: round.id, kind: "OCOP_CERT" } })).rejects.toThrow();
    await expect(prisma.roundDocument.create({ data: { roundId: round.id, kind: "NOPE" as never } })).rejects.toThrow();
    await prisma.round.update({ where: { id: round.id }, data: { documents: replaceDocuments(["TRADEMARK"]) } });
    expect(
      (await prisma.roundDocument.findMany({ where: { roundId: round.id }, select: { kind: true } })).map(
        (d) => d.kind,
      ),
    ).toEqual(["TRADEMARK"]);
    await prisma.round.delete({ where: { id: round.id } });
    expect(await prisma.roundDocument.count({ where: { roundId: round.id } })).toBe(0);
  });
});
