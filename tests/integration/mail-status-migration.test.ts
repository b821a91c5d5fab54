// MailMessage.status is the enum MailStatus (issue #16 item 5; migration mail_outbox_worker,
// decision 020). Mail written before that migration keeps its status and its error text: the
// migration, exactly as committed, is replayed on a table as the earlier migrations left it, on
// the provider of the run — PostgreSQL converts the text column to the enum type in place, SQLite
// keeps the text column (Prisma stores enums as text there) and renames "error" to "lastError".
import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, test } from "vitest";
import { prisma } from "~/utils/db.server";

const ctx = inject("testDb");
const MIGRATION = "mail_outbox_worker";

function migrationSql(provider: string): string {
  const dir = path.join("prisma", provider, "migrations");
  const name = fs.readdirSync(dir).find((d) => d.endsWith(`_${MIGRATION}`));
  expect(name).toBeDefined();
  return fs.readFileSync(path.join(dir, name!, "migration.sql"), "utf8");
}

/** The statements of a migration file, comments dropped. */
const statements = (sql: string) =>
  sql
    .split("\n")
    .filter((line) => !line.trim().startsWith("--"))
    .join("\n")
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean);

type Row = { id: string; status: string; type: string; lastError: string | null; attempts: number };

// One message in each status the text column held before (STORED, SENT, FAILED with its error).
const BEFORE = `INSERT INTO "MailMessage" ("id", "to", "subject", "text", "status", "error", "updatedAt") VALUES
  ('m1', 'a@example.vn', 'S', 'T', 'STORED', NULL, CURRENT_TIMESTAMP),
  ('m2', 'b@example.vn', 'S', 'T', 'SENT', NULL, CURRENT_TIMESTAMP),
  ('m3', 'c@example.vn', 'S', 'T', 'FAILED', '550 Mailbox unavailable', CURRENT_TIMESTAMP)`;
const AFTER = `INSERT INTO "MailMessage" ("id", "to", "subject", "text", "updatedAt") VALUES ('m4', 'd@example.vn', 'S', 'T', CURRENT_TIMESTAMP)`;

describe("MailMessage.status as an enum", () => {
  test("mail written before the migration keeps its status and error text; new mail defaults to STORED", async () => {
    let rows: Row[];
    if (ctx.provider === "postgresql") {
      const schema = `mig_${Math.random().toString(36).slice(2, 10)}`;
      rows = await prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`CREATE SCHEMA "${schema}"`);
        await tx.$executeRawUnsafe(`SET LOCAL search_path TO "${schema}"`);
        // The table as the init migration made it.
        await tx.$executeRawUnsafe(`CREATE TABLE "MailMessage" ("id" TEXT NOT NULL PRIMARY KEY, "to" TEXT NOT NULL, "subject" TEXT NOT NULL, "text" TEXT NOT NULL, "html" TEXT,
          "status" TEXT NOT NULL DEFAULT 'STORED', "transport" TEXT NOT NULL DEFAULT 'outbox', "error" TEXT, "sentAt" TIMESTAMP(3),
          "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, "updatedAt" TIMESTAMP(3) NOT NULL)`);
        await tx.$executeRawUnsafe(BEFORE);
        for (const statement of statements(migrationSql("postgresql"))) await tx.$executeRawUnsafe(statement);
        await tx.$executeRawUnsafe(AFTER);
        const out = await tx.$queryRawUnsafe<Row[]>(
          `SELECT "id", "status"::text AS "status", pg_typeof("status")::text AS "type", "lastError", "attempts" FROM "MailMessage" ORDER BY "id"`,
        );
        await tx.$executeRawUnsafe(`DROP SCHEMA "${schema}" CASCADE`);
        return out;
      });
      expect(rows.map((r) => r.type)).toEqual(Array(4).fill(`"MailStatus"`));
    } else {
      // A TEMP table of the same name comes first in SQLite's name lookup, so the migration's
      // unqualified statements change it and leave the real table alone.
      rows = await prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`CREATE TEMP TABLE "MailMessage" ("id" TEXT NOT NULL PRIMARY KEY, "to" TEXT NOT NULL, "subject" TEXT NOT NULL, "text" TEXT NOT NULL, "html" TEXT,
          "status" TEXT NOT NULL DEFAULT 'STORED', "transport" TEXT NOT NULL DEFAULT 'outbox', "error" TEXT, "sentAt" DATETIME,
          "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, "updatedAt" DATETIME NOT NULL)`);
        await tx.$executeRawUnsafe(BEFORE);
        for (const statement of statements(migrationSql("sqlite"))) await tx.$executeRawUnsafe(statement);
        await tx.$executeRawUnsafe(AFTER);
        const out = await tx.$queryRawUnsafe<Row[]>(
          `SELECT "id", "status", typeof("status") AS "type", "lastError", "attempts" FROM temp."MailMessage" ORDER BY "id"`,
        );
        await tx.$executeRawUnsafe(`DROP TABLE temp."MailMessage"`);
        return out;
      });
      expect(rows.map((r) => r.type)).toEqual(Array(4).fill("text"));
    }
    expect(
      rows.map(({ id, status, lastError, attempts }) => ({ id, status, lastError, attempts: Number(attempts) })),
    ).toEqual([
      { id: "m1", status: "STORED", lastError: null, attempts: 0 },
      { id: "m2", status: "SENT", lastError: null, attempts: 0 },
      { id: "m3", status: "FAILED", lastError: "550 Mailbox unavailable", attempts: 0 },
      { id: "m4", status: "STORED", lastError: null, attempts: 0 },
    ]);
  });

  test("the client accepts only the statuses of the enum", async () => {
    await expect(prisma.mailMessage.count({ where: { status: "PENDING" as never } })).rejects.toThrow();
    expect(
      await prisma.mailMessage.count({ where: { status: { in: ["STORED", "QUEUED", "SENDING", "SENT", "FAILED"] } } }),
    ).toBe(await prisma.mailMessage.count());
  });
});
