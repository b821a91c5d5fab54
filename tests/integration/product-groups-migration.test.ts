// Product groups are rows of RoundGroup and PanelGroup (decision 049; migration product_groups).
// Rounds and panels made before that migration keep the groups their comma-separated columns
// named: the committed migrations are replayed, exactly as they are, into a fresh database of the
// run's provider (a file for SQLite, a database on the server for PostgreSQL); rows are written
// as the earlier migrations left the tables, and then the migration moves them.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, inject, test } from "vitest";
import { createGroups, groupList } from "~/modules/rounds/groups";
import { prisma } from "~/utils/db.server";
import { databaseUrl, dropDatabase, quoteIdent, withServer } from "../setup/global-setup";
import { migrationsSplitAt } from "../support/migrations";

const ctx = inject("testDb");
const MIGRATION = "product_groups";

const migrations = (provider: string) => migrationsSplitAt(provider, MIGRATION);

// Rounds and panels as they were stored: spaces, an unknown letter and an empty list included.
// Foreign keys are not checked while they are written (no user or province is needed for this).
const ROUNDS = [
  ["r1", "A,B,C,D"],
  ["r2", "B, D"],
  ["r3", "C,X,"],
  ["r4", ""],
] as const;
const PANELS = [
  ["p1", "r1", "A,C"],
  ["p2", "r2", "D"],
] as const;
const insertRound = (id: string, groups: string) =>
  `INSERT INTO "Round" ("id", "name", "level", "year", "groups", "entriesOpenAt", "entriesCloseAt", "createdById", "updatedAt")
   VALUES ('${id}', 'Đợt ${id}', 'PROVINCE', 2025, '${groups}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'u1', CURRENT_TIMESTAMP)`;
const insertPanel = (id: string, roundId: string, groups: string) =>
  `INSERT INTO "Panel" ("id", "roundId", "name", "groups", "updatedAt") VALUES ('${id}', '${roundId}', 'Tiểu ban ${id}', '${groups}', CURRENT_TIMESTAMP)`;

interface After {
  roundGroups: { roundId: string; group: string }[];
  panelGroups: { panelId: string; group: string }[];
  panels: { id: string; name: string }[];
  panelColumns: string[];
  roundColumns: string[];
}

const READ = {
  roundGroups: `SELECT "roundId", CAST("group" AS TEXT) AS "group" FROM "RoundGroup" ORDER BY 1, 2`,
  panelGroups: `SELECT "panelId", CAST("group" AS TEXT) AS "group" FROM "PanelGroup" ORDER BY 1, 2`,
  panels: `SELECT "id", "name" FROM "Panel" ORDER BY "id"`,
};

function replaySqlite(): After {
  if (ctx.provider !== "sqlite") throw new Error("sqlite only");
  const file = path.join(ctx.runDir, `groups-migration-${Math.random().toString(36).slice(2, 8)}.db`);
  const db = new Database(file);
  try {
    const { before, it } = migrations("sqlite");
    for (const sql of before) db.exec(sql);
    db.pragma("foreign_keys = OFF");
    for (const [id, groups] of ROUNDS) db.exec(insertRound(id, groups));
    for (const [id, roundId, groups] of PANELS) db.exec(insertPanel(id, roundId, groups));
    db.pragma("foreign_keys = ON");
    db.exec(it);
    const columns = (table: string) =>
      (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
    return {
      roundGroups: db.prepare(READ.roundGroups).all() as After["roundGroups"],
      panelGroups: db.prepare(READ.panelGroups).all() as After["panelGroups"],
      panels: db.prepare(READ.panels).all() as After["panels"],
      panelColumns: columns("Panel"),
      roundColumns: columns("Round"),
    };
  } finally {
    db.close();
    fs.rmSync(file, { force: true });
  }
}

async function replayPostgres(): Promise<After> {
  if (ctx.provider !== "postgresql") throw new Error("postgresql only");
  const name = `${ctx.runId}_groupsmig_${Math.random().toString(36).slice(2, 8)}`;
  await withServer(ctx.serverUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
  try {
    return await withServer(databaseUrl(ctx.serverUrl, name), async (db) => {
      const { before, it } = migrations("postgresql");
      for (const sql of before) await db.query(sql);
      // Without foreign-key (and other) triggers while the old rows are written.
      await db.query("SET session_replication_role = replica");
      for (const [id, groups] of ROUNDS) await db.query(insertRound(id, groups));
      for (const [id, roundId, groups] of PANELS) await db.query(insertPanel(id, roundId, groups));
      await db.query("SET session_replication_role = DEFAULT");
      await db.query(it);
      const columns = async (table: string) =>
        (
          await db.query<{ column_name: string }>(
            `SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
            [table],
          )
        ).rows.map((r) => r.column_name);
      return {
        roundGroups: (await db.query(READ.roundGroups)).rows,
        panelGroups: (await db.query(READ.panelGroups)).rows,
        panels: (await db.query(READ.panels)).rows,
        panelColumns: await columns("Panel"),
        roundColumns: await columns("Round"),
      };
    });
  } finally {
    await withServer(ctx.serverUrl, (c) => dropDatabase(c, name));
  }
}

describe("product groups as rows (migration product_groups)", () => {
  test("rounds and panels made before the migration keep their groups; Panel loses its column, Round keeps it unused", async () => {
    const after = ctx.provider === "postgresql" ? await replayPostgres() : replaySqlite();
    const of = <K extends string>(rows: Array<Record<K, string> & { group: string }>, key: K) => {
      const map: Record<string, string[]> = {};
      for (const r of rows) (map[r[key]] ??= []).push(r.group);
      return map;
    };
    expect(of(after.roundGroups, "roundId")).toEqual({ r1: ["A", "B", "C", "D"], r2: ["B", "D"], r3: ["C"] });
    expect(of(after.panelGroups, "panelId")).toEqual({ p1: ["A", "C"], p2: ["D"] });
    expect(after.panels).toEqual([
      { id: "p1", name: "Tiểu ban p1" },
      { id: "p2", name: "Tiểu ban p2" },
    ]);
    expect(after.panelColumns).not.toContain("groups");
    expect(after.roundColumns).toContain("groups");
  });

  test("only the official groups are stored, each once per round", async () => {
    const user = await prisma.user.create({
      data: { email: `groups-${Date.now()}@example.vn`, name: "Người thử nhóm" },
      select: { id: true },
    });
    const round = await prisma.round.create({
      data: {
        name: "Đợt thử nhóm",
        level: "NATION",
        year: 2027,
        entriesOpenAt: new Date(),
        entriesCloseAt: new Date(),
        createdById: user.id,
        groups: createGroups(["B", "A"]),
      },
      select: { id: true, groups: true },
    });
    expect(groupList(round.groups)).toEqual(["A", "B"]);
    await expect(prisma.roundGroup.create({ data: { roundId: round.id, group: "E" as never } })).rejects.toThrow();
    await expect(prisma.roundGroup.create({ data: { roundId: round.id, group: "A" } })).rejects.toThrow();
    expect(await prisma.roundGroup.count({ where: { roundId: round.id } })).toBe(2);
    await prisma.round.delete({ where: { id: round.id } });
    expect(await prisma.roundGroup.count({ where: { roundId: round.id } })).toBe(0);
  });
});
