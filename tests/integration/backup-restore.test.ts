// `npm run backup` and `npm run restore` end to end, on this run's provider (SQLite, or
// PostgreSQL with TEST_POSTGRES_URL): the demo data with its files is backed up, restored into an
// empty data folder (and for PostgreSQL a new database), and every row of every table (a digest
// of all rows in primary-key order) and every file byte for byte is found again.
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { seed } from "../../prisma/seed";
import { databaseUrl, dropDatabase, withServer } from "../setup/global-setup";
import {
  codeMigrations,
  createBackup,
  describeDatabase,
  readManifest,
  restoreBackup,
} from "~/modules/backup/backup.server";
import { LocalDiskStorage } from "~/modules/files/storage.server";
import { itemAt } from "~/utils/arrays";
import { createDbClient, prisma } from "~/utils/db.server";

const ctx = inject("testDb");
const sourceEnv = () => ({ ...process.env });
const filesOf = (dataDir: string) => {
  const dir = path.join(dataDir, "files");
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((n) => !n.startsWith(".tmp-"))
        .sort()
    : [];
};
const work = fs.mkdtempSync(path.join(process.env.DATA_DIR!, "backup-test-"));
const databases: string[] = [];
let counter = 0;

/** One table's row count and digest in a manifest or a database description; throws naming a missing table. */
function tableSums(d: { tables: Record<string, { rows: number; sha256: string }> }, table: string) {
  const sums = d.tables[table];
  if (!sums) throw new Error(`no table ${table} among ${Object.keys(d.tables).join(", ")}`);
  return sums;
}

/** A new, empty restore target: a data folder and (PostgreSQL) a database name not yet created. */
function newTarget(): Record<string, string | undefined> {
  const dataDir = fs.mkdtempSync(path.join(work, "target-"));
  if (ctx.provider === "sqlite") return { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" };
  const name = `${new URL(process.env.DATABASE_URL!).pathname.slice(1)}_r${++counter}`;
  databases.push(name);
  return { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl(ctx.serverUrl, name) };
}

const npm = (args: string[], env: Record<string, string | undefined>) =>
  promisify(execFile)("npm", ["run", "--silent", ...args], {
    env: env as NodeJS.ProcessEnv,
    cwd: process.cwd(),
    maxBuffer: 8 * 1024 * 1024,
  });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: Error & { stderr?: string; code?: number }) => error,
  );

let backupDir: string;

beforeAll(async () => {
  // The demo installation: accounts, rounds with entries, photos and PDFs, score sheets,
  // certificates; the files are real bytes under this file's DATA_DIR.
  await seed(prisma, { demo: true, demoRound: true });
  const file = await prisma.storedFile.findFirstOrThrow({ select: { id: true } });
  await prisma.storedFile.update({ where: { id: file.id }, data: { deletedAt: new Date() } });
  backupDir = path.join(work, "backup");
});

afterAll(async () => {
  if (ctx.provider === "postgresql") {
    const { serverUrl } = ctx;
    await withServer(serverUrl, async (client) => {
      for (const name of databases) await dropDatabase(client, name);
    });
  }
});

describe("backup and restore", () => {
  test("npm run backup writes the database, every file and a manifest; npm run restore brings back every row and byte", async () => {
    const backup = await npm(["backup", "--", backupDir], sourceEnv());
    expect(backup.stdout).toContain(`Backup written to ${backupDir}`);

    const manifest = await readManifest(backupDir);
    const migrations = await codeMigrations(ctx.provider);
    expect(manifest).toMatchObject({
      provider: ctx.provider,
      migration: migrations.at(-1),
      migrationsApplied: migrations.length,
      appVersion: "0.1.0",
    });
    expect(tableSums(manifest, "StoredFile").rows).toBe(await prisma.storedFile.count());
    expect(tableSums(manifest, "Certificate").rows).toBe(await prisma.certificate.count());
    expect(tableSums(manifest, "StoredFile").rows).toBeGreaterThan(10);
    expect(tableSums(manifest, "Certificate").rows).toBeGreaterThan(0);
    expect(manifest.remoteFiles.count).toBe(0);
    const sourceFiles = filesOf(process.env.DATA_DIR!);
    expect(manifest.files.map((f) => f.path)).toEqual(sourceFiles.map((n) => `files/${n}`));
    for (const f of manifest.files) {
      const bytes = fs.readFileSync(path.join(process.env.DATA_DIR!, f.path));
      expect(crypto.createHash("sha256").update(bytes).digest("hex")).toBe(f.sha256);
    }

    const target = newTarget();
    const restore = await npm(["restore", "--", backupDir], target);
    expect(restore.stdout).toContain("tables with the same rows as the backup");

    // Every row of every table: the source database and the restored one, digest by digest.
    const [before, after] = await Promise.all([describeDatabase(sourceEnv()), describeDatabase(target)]);
    expect(Object.keys(after.tables).length).toBeGreaterThan(20);
    expect(after).toEqual(before);
    // Every file, byte for byte.
    expect(filesOf(target.DATA_DIR!)).toEqual(sourceFiles);
    for (const name of sourceFiles) {
      const a = fs.readFileSync(path.join(process.env.DATA_DIR!, "files", name));
      const b = fs.readFileSync(path.join(target.DATA_DIR!, "files", name));
      expect(b.equals(a), name).toBe(true);
    }
    // The app's own client reads the restored rows, and their files open with the recorded digest.
    const restored = createDbClient(target);
    try {
      const rows = await restored.storedFile.findMany({ select: { storageKey: true, sha256: true, deletedAt: true } });
      expect(rows.length).toBe(tableSums(manifest, "StoredFile").rows);
      expect(rows.filter((r) => r.deletedAt).length).toBe(1);
      const store = new LocalDiskStorage(path.join(target.DATA_DIR!, "files"));
      for (const row of rows) {
        const bytes = await store.get(row.storageKey);
        expect(crypto.createHash("sha256").update(bytes!).digest("hex")).toBe(row.sha256);
      }
      // The digest notices a changed row (so equal digests above mean equal rows).
      await restored.region.updateMany({ where: { code: "NORTH" }, data: { sortOrder: 99 } });
    } finally {
      await restored.$disconnect();
    }
    const changed = await describeDatabase(target);
    expect(tableSums(changed, "Region").sha256).not.toBe(tableSums(before, "Region").sha256);
    expect(tableSums(changed, "Region").rows).toBe(tableSums(before, "Region").rows);

    // A target with data is refused, and replaced only with --force.
    const refused = await failure(npm(["restore", "--", backupDir], target));
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toMatch(/not empty|already has tables/);
    await npm(["restore", "--", backupDir, "--force"], target);
    expect(tableSums(await describeDatabase(target), "Region").sha256).toBe(tableSums(before, "Region").sha256);
  }, 600_000); // four CLI runs over the demo data: generous for a loaded CI machine

  test("restore refuses a tampered file and writes nothing", async () => {
    const tampered = path.join(work, "tampered");
    fs.cpSync(backupDir, tampered, { recursive: true });
    const manifest = await readManifest(tampered);
    const victim = itemAt(manifest.files, 3, "the backup's files").path;
    const bytes = fs.readFileSync(path.join(tampered, victim));
    const middle = bytes.length >> 1;
    bytes.writeUInt8(bytes.readUInt8(middle) ^ 0x01, middle);
    fs.writeFileSync(path.join(tampered, victim), bytes);

    const target = newTarget();
    const error = await failure(restoreBackup(tampered, { env: target }));
    expect(error?.message).toBe(
      `Checksum mismatch for ${victim}: the backup was changed or damaged. Nothing was restored.`,
    );
    expect(filesOf(target.DATA_DIR!)).toEqual([]);
    if (ctx.provider === "sqlite") expect(fs.existsSync(path.join(target.DATA_DIR!, "tieubieu.db"))).toBe(false);

    // A damaged database file is refused the same way.
    const dbCopy = path.join(tampered, manifest.database.path);
    fs.copyFileSync(path.join(backupDir, victim), path.join(tampered, victim));
    fs.appendFileSync(dbCopy, "x");
    const dbError = await failure(restoreBackup(tampered, { env: newTarget() }));
    expect(dbError?.message).toContain(`Checksum mismatch for ${manifest.database.path}`);
  });

  test("backup refuses a folder that is not empty, names files the rows need but the store lacks, and a missing or too old pg_dump", async () => {
    const error = await failure(createBackup(backupDir, { env: sourceEnv() }));
    expect(error?.message).toContain("is not empty");
    expect((await readManifest(backupDir)).missingFiles).toEqual([]);

    // Bytes gone from the store (as if purged while the backup ran) are named in the manifest.
    const { thumbnailKey } = await prisma.storedFile.findFirstOrThrow({
      where: { thumbnailKey: { not: null } },
      select: { thumbnailKey: true },
    });
    fs.rmSync(path.join(process.env.DATA_DIR!, "files", thumbnailKey!));
    const partial = await createBackup(path.join(work, "b-partial"), { env: sourceEnv() });
    expect(partial.manifest.missingFiles).toEqual([thumbnailKey]);
    expect(partial.manifest.files.length).toBe((await readManifest(backupDir)).files.length - 1);
    if (ctx.provider !== "postgresql") return;

    const missing = await failure(
      createBackup(path.join(work, "b-missing"), {
        env: { ...sourceEnv(), PG_BIN_DIR: path.join(work, "no-such-bin") },
      }),
    );
    expect(missing?.message).toMatch(/^pg_dump was not found/);
    // A stand-in pg_dump that reports an old major version (a real one would refuse the server).
    const oldBin = fs.mkdtempSync(path.join(work, "old-pg-bin-"));
    fs.writeFileSync(path.join(oldBin, "pg_dump"), "#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n", { mode: 0o755 });
    const old = await failure(createBackup(path.join(work, "b-old"), { env: { ...sourceEnv(), PG_BIN_DIR: oldBin } }));
    expect(old?.message).toMatch(/^pg_dump 9\.6\.24 is older than the PostgreSQL server \(15/);
  });
});
