// Proves the test database harness (tests/setup/*) on whichever provider the run uses: each
// test file gets its own freshly migrated, empty database, and it behaves like the real thing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, inject, test } from "vitest";
import { databaseProvider, prisma } from "~/utils/db.server";

const ctx = inject("testDb");

describe("per-file test database", () => {
  test("uses the provider of this run and a database of its own", () => {
    expect(databaseProvider()).toBe(ctx.provider);
    const url = process.env.DATABASE_URL ?? "";
    if (ctx.provider === "sqlite") {
      expect(url).not.toBe(`file:${ctx.templateFile}`);
      expect(url.startsWith(`file:${ctx.runDir}`)).toBe(true);
    } else {
      expect(new URL(url).pathname).toMatch(new RegExp(`^/${ctx.runId}_f[0-9a-f]+$`));
    }
    expect(process.env.NODE_ENV).toBe("test");
    const dataDir = process.env.DATA_DIR ?? "";
    expect(dataDir.startsWith(os.tmpdir())).toBe(true);
    expect(fs.statSync(dataDir).isDirectory()).toBe(true);
  });

  test("is migrated to the latest migration and empty", async () => {
    const migrationsDir = path.join("prisma", ctx.provider, "migrations");
    const expected = fs
      .readdirSync(migrationsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const applied = await prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name',
    );
    expect(applied.map((row) => row.migration_name)).toEqual(expected);
    expect(await prisma.region.count()).toBe(0);
  });

  test("stores and reads back a row", async () => {
    const created = await prisma.region.create({
      data: { code: "NORTH", nameVi: "Miền Bắc", nameEn: "Northern Vietnam", sortOrder: 1 },
    });
    const found = await prisma.region.findUnique({ where: { code: "NORTH" } });
    expect(found).toMatchObject({ id: created.id, nameVi: "Miền Bắc", nameEn: "Northern Vietnam", sortOrder: 1 });
    expect(found?.createdAt).toBeInstanceOf(Date);
  });

  test("rejects a duplicate unique code", async () => {
    await expect(
      prisma.region.create({ data: { code: "NORTH", nameVi: "Trùng", nameEn: "Duplicate" } }),
    ).rejects.toMatchObject({ code: "P2002" });
    expect(await prisma.region.count()).toBe(1);
  });
});
