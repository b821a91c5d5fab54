// Complaint.status became the enum ComplaintStatus (issue #16 item 5, decision 034). The
// PostgreSQL migration converts the text column in place: complaints written before it keep their
// status. On SQLite a Prisma enum is stored as text, so no migration is needed and the stored
// values are read as they are. Both are checked on the provider of the run.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, test } from "vitest";
import { prisma } from "~/utils/db.server";

const ctx = inject("testDb");
const MIGRATION = "complaint_status_enum";

function migrationSql(provider: string): string | null {
  const dir = path.join("prisma", provider, "migrations");
  const name = fs.readdirSync(dir).find((d) => d.endsWith(`_${MIGRATION}`));
  return name ? fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8") : null;
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

describe("Complaint.status as an enum", () => {
  test("existing complaints keep their status through the migration", async () => {
    if (ctx.provider === "postgresql") {
      const sql = migrationSql("postgresql");
      expect(sql).not.toBeNull();
      // The table as the earlier migrations left it, in a schema of its own, with one complaint
      // in each status; then the migration, exactly as committed.
      const schema = `mig_${Math.random().toString(36).slice(2, 10)}`;
      const rows = await prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`CREATE SCHEMA "${schema}"`);
        await tx.$executeRawUnsafe(`SET LOCAL search_path TO "${schema}"`);
        await tx.$executeRawUnsafe(
          `CREATE TABLE "Complaint" ("id" TEXT PRIMARY KEY, "roundId" TEXT NOT NULL, "status" TEXT NOT NULL DEFAULT 'OPEN')`,
        );
        await tx.$executeRawUnsafe(`CREATE INDEX "Complaint_roundId_status_idx" ON "Complaint"("roundId", "status")`);
        await tx.$executeRawUnsafe(
          `INSERT INTO "Complaint" ("id", "roundId", "status") VALUES ('c1', 'r', 'OPEN'), ('c2', 'r', 'UPHELD'), ('c3', 'r', 'DISMISSED')`,
        );
        for (const statement of statements(sql!)) await tx.$executeRawUnsafe(statement);
        await tx.$executeRawUnsafe(`INSERT INTO "Complaint" ("id", "roundId") VALUES ('c4', 'r')`);
        const out = await tx.$queryRawUnsafe<{ id: string; status: string; type: string }[]>(
          `SELECT "id", "status"::text AS "status", pg_typeof("status")::text AS "type" FROM "Complaint" ORDER BY "id"`,
        );
        await tx.$executeRawUnsafe(`DROP SCHEMA "${schema}" CASCADE`);
        return out;
      });
      expect(rows).toEqual([
        { id: "c1", status: "OPEN", type: `"ComplaintStatus"` },
        { id: "c2", status: "UPHELD", type: `"ComplaintStatus"` },
        { id: "c3", status: "DISMISSED", type: `"ComplaintStatus"` },
        { id: "c4", status: "OPEN", type: `"ComplaintStatus"` },
      ]);
    } else {
      // Nothing to convert: the column keeps its text form and its default.
      expect(migrationSql("sqlite")).toBeNull();
      const columns =
        await prisma.$queryRawUnsafe<{ name: string; type: string; dflt_value: string | null }[]>(
          `PRAGMA table_info("Complaint")`,
        );
      expect(columns.find((c) => c.name === "status")).toMatchObject({ type: "TEXT", dflt_value: "'OPEN'" });
    }
  });

  test("the migrated database accepts only the three statuses", async () => {
    if (ctx.provider === "postgresql") {
      const labels = await prisma.$queryRawUnsafe<{ label: string }[]>(
        `SELECT e.enumlabel::text AS "label" FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = 'ComplaintStatus' ORDER BY e.enumsortorder`,
      );
      expect(labels.map((l) => l.label)).toEqual(["OPEN", "UPHELD", "DISMISSED"]);
    } else {
      // SQLite has no enum type: the Prisma client is the gate, and it refuses any other value.
      await expect(prisma.complaint.count({ where: { status: "PENDING" as never } })).rejects.toThrow();
    }
    expect(await prisma.complaint.count({ where: { status: "UPHELD" } })).toBe(0);
  });
});
