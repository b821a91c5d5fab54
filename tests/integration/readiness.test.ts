// /readyz (issue #10 finding 7): 200 only when the database accepts a write and the file store
// is writable; otherwise 503 naming the failing part. /healthz stays the liveness check.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import * as healthzRoute from "~/routes/healthz";
import * as readyzRoute from "~/routes/readyz";
import { databaseProvider, prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

async function readyz() {
  const res = (await readyzRoute.loader()) as Response;
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const filesDir = () => path.join(getEnv().dataDir, "files");

afterEach(async () => {
  if (fs.existsSync(filesDir()) && !fs.statSync(filesDir()).isDirectory()) fs.rmSync(filesDir());
  if (databaseProvider() === "sqlite") {
    await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS readyz_no_insert`);
    await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS readyz_no_update`);
  } else {
    await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS readyz_no_write ON "RateLimit"`);
  }
});

describe("/readyz", () => {
  test("ready: the database takes a write and the file store is writable", async () => {
    expect(await readyz()).toMatchObject({ status: 200, body: { status: "ok", database: "ok", files: "ok" } });
  });

  test("a file store that cannot be written is a 503 naming it, while /healthz (liveness) still answers 200", async () => {
    fs.rmSync(filesDir(), { recursive: true, force: true });
    fs.writeFileSync(filesDir(), "not a folder"); // as root, chmod would not stop a write
    expect(await readyz()).toMatchObject({
      status: 503,
      body: { status: "error", database: "ok", files: "not_writable" },
    });
    expect(((await healthzRoute.loader()) as Response).status).toBe(200);
  });

  test("a database that refuses writes is a 503 naming it", async () => {
    if (databaseProvider() === "sqlite") {
      await prisma.$executeRawUnsafe(
        `CREATE TRIGGER readyz_no_insert BEFORE INSERT ON "RateLimit" BEGIN SELECT RAISE(ABORT, 'read-only'); END`,
      );
      await prisma.$executeRawUnsafe(
        `CREATE TRIGGER readyz_no_update BEFORE UPDATE ON "RateLimit" BEGIN SELECT RAISE(ABORT, 'read-only'); END`,
      );
    } else {
      await prisma.$executeRawUnsafe(
        `CREATE OR REPLACE FUNCTION readyz_refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'read-only'; END $$ LANGUAGE plpgsql`,
      );
      await prisma.$executeRawUnsafe(
        `CREATE TRIGGER readyz_no_write BEFORE INSERT OR UPDATE ON "RateLimit" FOR EACH ROW EXECUTE FUNCTION readyz_refuse()`,
      );
    }
    expect(await readyz()).toMatchObject({
      status: 503,
      body: { status: "error", database: "not_writable", files: "ok" },
    });
  });
});
