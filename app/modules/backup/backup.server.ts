// Backup and restore of one installation: the database and the local file store
// (docs/decisions/022-backup-restore-and-file-sweep.md). A backup folder holds
//   manifest.json      app version, provider, latest migration, time, row count and digest of
//                      every table, size and sha256 of every file (the database's included)
//   database.sqlite    SQLite: a copy made with SQLite's online backup API (consistent while
//                      the app writes), or
//   database.dump      PostgreSQL: `pg_dump -Fc` of DATABASE_URL
//   files/<key>        the bytes of $DATA_DIR/files (UploadThing's files are not copied)
// The manifest's counts and digests are read from the same snapshot as the dump (the copied
// SQLite file; on PostgreSQL a transaction whose snapshot pg_dump imports), so a restore can
// check that it brought back exactly what was saved. Used by scripts/backup.ts and restore.ts;
// plain Node, no Prisma client, so it works while the app runs and before it has ever started.
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { z } from "zod";
import { LocalDiskStorage } from "~/modules/files/storage.server";
import { dataDir, resolveDatabase, type DatabaseProvider } from "~/utils/database-url";
import { firstRow } from "~/utils/arrays";

const run = promisify(execFile);
const MANIFEST = "manifest.json";
const FORMAT = "tieubieu-backup";
const DB_FILE: Record<DatabaseProvider, string> = { sqlite: "database.sqlite", postgresql: "database.dump" };
const PAGE = 2000;
const KEY_NAME = /^[A-Za-z0-9_-]{8,128}$/; // storage keys (storage.server.ts)

/** A failure the operator can act on: printed without a stack trace by the scripts. */
export class BackupError extends Error {
  name = "BackupError";
}

const FileEntrySchema = z.object({
  path: z.string().regex(/^(database\.(sqlite|dump)|files\/[A-Za-z0-9_-]{8,128})$/, "unexpected path in manifest"),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export const ManifestSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.literal(1),
  appVersion: z.string(),
  provider: z.enum(["sqlite", "postgresql"]),
  migration: z.string().nullable(),
  migrationsApplied: z.number().int(),
  createdAt: z.string(),
  database: FileEntrySchema.extend({ pgDumpVersion: z.string().optional(), serverVersion: z.string().optional() }),
  tables: z.record(z.string(), z.object({ rows: z.number().int().min(0), sha256: z.string() })),
  files: z.array(FileEntrySchema),
  /** Keys that rows of the snapshot name but the local store did not hold when it was copied. */
  missingFiles: z.array(z.string()).default([]),
  remoteFiles: z.object({ storage: z.literal("uploadthing"), count: z.number().int(), note: z.string() }),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export interface BackupTarget {
  /** The environment to read DATABASE_URL and DATA_DIR from (the app's rules, app/utils/database-url.ts). */
  env: Record<string, string | undefined>;
}

// ───────────── helpers ─────────────

async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash("sha256");
  await pipeline(createReadStream(file), hash);
  return hash.digest("hex");
}

/** Copies one stored file through the local storage's atomic write; returns its size and digest. */
async function copyStoredFile(
  from: string,
  store: LocalDiskStorage,
  key: string,
): Promise<{ size: number; sha256: string }> {
  const bytes = await fs.readFile(from);
  await store.put(key, bytes);
  return { size: bytes.length, sha256: crypto.createHash("sha256").update(bytes).digest("hex") };
}

/** A consistent copy of a SQLite database file through SQLite's online backup API. */
async function sqliteCopy(from: string, to: string): Promise<void> {
  const source = new Database(from, { readonly: true, fileMustExist: true });
  try {
    await source.backup(to);
  } finally {
    source.close();
  }
}

async function isEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await fs.readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
}

async function appVersion(): Promise<string> {
  const pkg = JSON.parse(await fs.readFile(new URL("../../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

/** The migrations this checkout knows for a provider (folder names, in order). */
export async function codeMigrations(provider: DatabaseProvider): Promise<string[]> {
  const dir = new URL(`../../../prisma/${provider}/migrations/`, import.meta.url);
  const entries = await fs.readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** Digest of rows (as the driver returns them), in primary-key order, as JSON lines. */
function rowDigest(): { add(rows: unknown[]): void; done(): string } {
  const hash = crypto.createHash("sha256");
  return {
    add: (rows) => {
      for (const row of rows)
        hash.update(JSON.stringify(row, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) + "\n");
    },
    done: () => hash.digest("hex"),
  };
}

type TableSums = Manifest["tables"];
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

// ───────────── SQLite ─────────────

/** Row count and digest of every table of a SQLite file, and its latest applied migration. */
export function describeSqliteFile(file: string): {
  tables: TableSums;
  migration: string | null;
  migrationsApplied: number;
} {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const names = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string }[];
    const tables: TableSums = {};
    for (const { name } of names) {
      const cols = db.prepare(`PRAGMA table_info(${quote(name)})`).all() as { name: string; pk: number }[];
      const pk = cols
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => quote(c.name));
      const withoutRowid = /WITHOUT\s+ROWID/i.test(
        (db.prepare("SELECT sql FROM sqlite_master WHERE name = ?").get(name) as { sql: string | null }).sql ?? "",
      );
      // Virtual (FTS5) tables have no declared key: their rowid orders them.
      const order = pk.length ? pk.join(", ") : withoutRowid ? cols.map((c) => quote(c.name)).join(", ") : "rowid";
      const digest = rowDigest();
      let rows = 0;
      for (const row of db.prepare(`SELECT * FROM ${quote(name)} ORDER BY ${order}`).iterate()) {
        digest.add([row]);
        rows++;
      }
      tables[name] = { rows, sha256: digest.done() };
    }
    const migrations = latestMigration(
      names.some((n) => n.name === "_prisma_migrations")
        ? (db.prepare(MIGRATIONS_SQL).all() as { migration_name: string }[])
        : [],
    );
    return { tables, ...migrations };
  } finally {
    db.close();
  }
}

const MIGRATIONS_SQL =
  'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name';
const latestMigration = (rows: { migration_name: string }[]) => ({
  migration: rows.at(-1)?.migration_name ?? null,
  migrationsApplied: rows.length,
});

// ───────────── PostgreSQL ─────────────

/** `pg_dump`/`pg_restore` from PG_BIN_DIR when set (e.g. /usr/lib/postgresql/16/bin), else from PATH. */
function pgTool(name: "pg_dump" | "pg_restore", env: Record<string, string | undefined>): string {
  return env.PG_BIN_DIR ? path.join(env.PG_BIN_DIR, name) : name;
}

async function toolMajor(tool: string, name: string): Promise<{ version: string; major: number }> {
  let out: string;
  try {
    out = (await run(tool, ["--version"])).stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new BackupError(
        `${name} was not found (${tool}). Install the PostgreSQL client tools of the server's version ` +
          "(Debian: apt-get install postgresql-client) or set PG_BIN_DIR to the folder that holds them.",
      );
    }
    throw error;
  }
  const match = /(\d+)(?:\.\d+)*/.exec(out);
  if (!match) throw new BackupError(`Cannot read the version of ${name}: ${out.trim()}`);
  return { version: match[0], major: Number(match[1]) };
}

/** The connection URL without its password, which goes to PGPASSWORD (not onto a command line). */
function pgArgs(url: string, env: Record<string, string | undefined>): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = "";
  return {
    url: u.toString(),
    env: { ...process.env, ...env, ...(password ? { PGPASSWORD: password } : {}) } as NodeJS.ProcessEnv,
  };
}

/** Row counts and digests of every table in schema public, read through `client` (its snapshot). */
async function describePostgres(
  client: pg.Client,
): Promise<{ tables: TableSums; migration: string | null; migrationsApplied: number }> {
  const { rows: tableRows } = await client.query<{ name: string; pk: string[] | null; cols: string[] }>(`
    SELECT c.relname AS name,
           (SELECT array_agg(a.attname::text ORDER BY k.ord)
              FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
             WHERE i.indrelid = c.oid AND i.indisprimary) AS pk,
           (SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a
             WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS cols
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
     ORDER BY c.relname`);
  const tables: TableSums = {};
  for (const t of tableRows) {
    const order = (t.pk ?? t.cols).map(quote).join(", ");
    const digest = rowDigest();
    let rows = 0;
    for (let offset = 0; ; offset += PAGE) {
      const page = await client.query(
        `SELECT * FROM ${quote(t.name)} ORDER BY ${order} LIMIT ${PAGE} OFFSET ${offset}`,
      );
      digest.add(page.rows);
      rows += page.rows.length;
      if (page.rows.length < PAGE) break;
    }
    tables[t.name] = { rows, sha256: digest.done() };
  }
  const hasMigrations = tableRows.some((t) => t.name === "_prisma_migrations");
  const migrations = hasMigrations ? (await client.query<{ migration_name: string }>(MIGRATIONS_SQL)).rows : [];
  return { tables, ...latestMigration(migrations) };
}

async function withPg<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function serverMajor(client: pg.Client): Promise<{ version: string; major: number }> {
  const { rows } = await client.query<{ v: string; n: string }>(
    "SELECT current_setting('server_version') AS v, current_setting('server_version_num') AS n",
  );
  const row = firstRow(rows, "server_version");
  return { version: row.v, major: Math.floor(Number(row.n) / 10000) };
}

// ───────────── backup ─────────────

export interface BackupResult {
  folder: string;
  manifest: Manifest;
}

/** Writes a backup into `folder`, which must be empty or not exist yet. */
export async function createBackup(folder: string, { env }: BackupTarget): Promise<BackupResult> {
  const target = path.resolve(folder);
  if (!(await isEmptyDir(target)))
    throw new BackupError(`The backup folder ${target} is not empty: give a new or empty folder.`);
  const db = resolveDatabase(env);
  const store = path.join(dataDir(env), "files");
  await fs.mkdir(path.join(target, "files"), { recursive: true });
  const dbPath = path.join(target, DB_FILE[db.provider]);

  let described: Awaited<ReturnType<typeof describePostgres>> & Awaited<ReturnType<typeof saveFiles>>;
  let versions: { pgDumpVersion?: string; serverVersion?: string } = {};
  if (db.provider === "sqlite") {
    try {
      await fs.access(db.file!);
    } catch {
      throw new BackupError(`There is no database at ${db.file}: check DATABASE_URL / DATA_DIR.`);
    }
    // The online backup API copies a consistent state even while the app writes (WAL or not).
    await sqliteCopy(db.file!, dbPath);
    const tables = describeSqliteFile(dbPath);
    const copy = new Database(dbPath, { readonly: true });
    try {
      described = {
        ...tables,
        ...(await saveFiles(
          store,
          target,
          tables.tables,
          async (sql) => copy.prepare(sql).all() as Record<string, unknown>[],
        )),
      };
    } finally {
      copy.close();
    }
  } else {
    const tool = pgTool("pg_dump", env);
    const dump = await toolMajor(tool, "pg_dump");
    const conn = pgArgs(db.url, env);
    described = await withPg(db.url, async (client) => {
      const server = await serverMajor(client);
      if (dump.major < server.major) {
        throw new BackupError(
          `pg_dump ${dump.version} is older than the PostgreSQL server (${server.version}) and cannot dump it. ` +
            `Install postgresql-client-${server.major} or set PG_BIN_DIR to its bin folder (e.g. /usr/lib/postgresql/${server.major}/bin).`,
        );
      }
      versions = { pgDumpVersion: dump.version, serverVersion: server.version };
      // One snapshot for the dump and for the manifest: pg_dump imports this transaction's.
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      try {
        const { rows } = await client.query<{ snapshot: string }>("SELECT pg_export_snapshot() AS snapshot");
        try {
          await run(
            tool,
            [
              "--format=custom",
              "--no-owner",
              "--no-privileges",
              `--snapshot=${firstRow(rows, "pg_export_snapshot").snapshot}`,
              `--file=${dbPath}`,
              `--dbname=${conn.url}`,
            ],
            {
              env: conn.env,
              maxBuffer: 16 * 1024 * 1024,
            },
          );
        } catch (error) {
          throw new BackupError(
            `pg_dump failed: ${((error as { stderr?: string }).stderr || (error as Error).message).trim()}`,
          );
        }
        const tables = await describePostgres(client);
        return {
          ...tables,
          ...(await saveFiles(store, target, tables.tables, async (sql) => (await client.query(sql)).rows)),
        };
      } finally {
        await client.query("COMMIT");
      }
    });
  }

  const { size } = await fs.stat(dbPath);
  const manifest: Manifest = {
    format: FORMAT,
    formatVersion: 1,
    appVersion: await appVersion(),
    provider: db.provider,
    migration: described.migration,
    migrationsApplied: described.migrationsApplied,
    createdAt: new Date().toISOString(),
    database: { path: DB_FILE[db.provider], size, sha256: await sha256File(dbPath), ...versions },
    tables: described.tables,
    files: described.files,
    missingFiles: described.missingFiles,
    remoteFiles: {
      storage: "uploadthing",
      count: described.remoteCount,
      note: "Files kept in UploadThing (StoredFile.storage or RecognitionDecision.documentStorage = 'uploadthing') are NOT copied; UploadThing keeps them.",
    },
  };
  // The manifest last, through a temporary name: a folder without one is an unfinished backup.
  const temp = path.join(target, `.${MANIFEST}.tmp`);
  await fs.writeFile(temp, JSON.stringify(manifest, null, 2) + "\n");
  await fs.rename(temp, path.join(target, MANIFEST));
  return { folder: target, manifest };
}

type SnapshotQuery = (sql: string) => Promise<Record<string, unknown>[]>;

const REMOTE_SQL = `SELECT (SELECT count(*) FROM "StoredFile" WHERE storage = 'uploadthing')
  + (SELECT count(*) FROM "RecognitionDecision" WHERE "documentStorage" = 'uploadthing') AS n`;
const LOCAL_KEYS_SQL = `SELECT "storageKey" AS k FROM "StoredFile" WHERE storage = 'local'
  UNION SELECT "thumbnailKey" FROM "StoredFile" WHERE storage = 'local' AND "thumbnailKey" IS NOT NULL
  UNION SELECT "documentKey" FROM "RecognitionDecision" WHERE "documentStorage" = 'local' AND "documentKey" IS NOT NULL`;

/**
 * Copies the local store into the backup once the database snapshot is taken, and names the
 * keys that rows of the snapshot reference but the store did not have (e.g. purged by a sweep
 * running at the same time). Bytes are written before their row (decision 006) and never
 * change, so every file a row of the snapshot names is normally already on disk.
 */
async function saveFiles(store: string, target: string, tables: TableSums, query: SnapshotQuery) {
  const files: Manifest["files"] = [];
  let names: string[] = [];
  try {
    // Storage keys only: temporary files of interrupted writes and anything foreign stay behind.
    names = (await fs.readdir(store)).filter((n) => KEY_NAME.test(n)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const saved = new LocalDiskStorage(path.join(target, "files"));
  for (const name of names) {
    const from = path.join(store, name);
    const stat = await fs.lstat(from).catch(() => null);
    if (!stat?.isFile()) continue; // swept meanwhile, or not a file
    const copied = await copyStoredFile(from, saved, name).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return null; // removed by a sweep while copying
      throw error;
    });
    if (copied) files.push({ path: `files/${name}`, ...copied });
  }
  if (!tables.StoredFile || !tables.RecognitionDecision) return { files, missingFiles: [], remoteCount: 0 };
  const have = new Set(files.map((f) => f.path.slice("files/".length)));
  const missingFiles = (await query(LOCAL_KEYS_SQL))
    .map((r) => String(r.k))
    .filter((k) => !have.has(k))
    .sort();
  const remoteCount = Number(firstRow(await query(REMOTE_SQL), "remote file count").n);
  return { files, missingFiles, remoteCount };
}

// ───────────── restore ─────────────

export interface RestoreOptions extends BackupTarget {
  /** Replace a target that already holds data (the database and $DATA_DIR/files). */
  force?: boolean;
}

export interface RestoreResult {
  manifest: Manifest;
  files: number;
  /** Migrations of this checkout newer than the backup: `prisma migrate deploy` (the app's start) applies them. */
  pendingMigrations: string[];
}

export async function readManifest(folder: string): Promise<Manifest> {
  let raw: string;
  try {
    raw = await fs.readFile(path.join(folder, MANIFEST), "utf8");
  } catch {
    throw new BackupError(`${path.join(folder, MANIFEST)} is missing: not a backup folder, or an unfinished backup.`);
  }
  const parsed = ManifestSchema.safeParse(JSON.parse(raw));
  if (!parsed.success)
    throw new BackupError(
      `${MANIFEST} is not a valid backup manifest: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  return parsed.data;
}

/** Every file of the backup against the manifest (size and sha256); throws on the first mismatch. */
export async function verifyBackup(folder: string, manifest: Manifest): Promise<void> {
  for (const entry of [manifest.database, ...manifest.files]) {
    const file = path.join(folder, entry.path);
    const stat = await fs.stat(file).catch(() => null);
    if (!stat) throw new BackupError(`The backup is incomplete: ${entry.path} is missing.`);
    if (stat.size !== entry.size || (await sha256File(file)) !== entry.sha256) {
      throw new BackupError(
        `Checksum mismatch for ${entry.path}: the backup was changed or damaged. Nothing was restored.`,
      );
    }
  }
}

async function sqliteTargetHasData(file: string): Promise<boolean> {
  const stat = await fs.stat(file).catch(() => null);
  return !!stat && stat.size > 0;
}

async function pgTargetHasData(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')`,
  );
  return Number(firstRow(rows, "table count").n) > 0;
}

/** Connects to the target database, creating it (on the same server) when it does not exist. */
async function ensurePgDatabase(url: string): Promise<void> {
  try {
    await withPg(url, async () => {});
  } catch (error) {
    if ((error as { code?: string }).code !== "3D000") throw error; // invalid_catalog_name
    const server = new URL(url);
    const name = decodeURIComponent(server.pathname.slice(1));
    server.pathname = "/postgres";
    await withPg(server.toString(), (c) => c.query(`CREATE DATABASE ${quote(name)}`));
  }
}

/** Restores `folder` into the database and data folder of `env`; see the module comment. */
export async function restoreBackup(folder: string, { env, force = false }: RestoreOptions): Promise<RestoreResult> {
  const source = path.resolve(folder);
  const manifest = await readManifest(source);
  const db = resolveDatabase(env);
  if (manifest.provider !== db.provider) {
    throw new BackupError(
      `This backup is of a ${manifest.provider} database but DATABASE_URL points to ${db.provider}: restore it into the same kind.`,
    );
  }
  const known = await codeMigrations(db.provider);
  if (manifest.migration && !known.includes(manifest.migration)) {
    throw new BackupError(
      `The backup's database is at migration ${manifest.migration}, which this version of the app does not have: ` +
        `it was made by a newer version (${manifest.appVersion}). Update the app, then restore.`,
    );
  }
  // Every byte is checked before anything is written.
  await verifyBackup(source, manifest);

  const store = path.join(dataDir(env), "files");
  const dbFile = path.join(source, manifest.database.path);
  if (!force && !(await isEmptyDir(store))) {
    throw new BackupError(
      `The target's file store ${store} is not empty. Restore into an empty data folder, or pass --force to replace it.`,
    );
  }
  if (db.provider === "sqlite") {
    if (!force && (await sqliteTargetHasData(db.file!))) {
      throw new BackupError(
        `The target database ${db.file} is not empty. Restore into an empty data folder, or pass --force to replace it.`,
      );
    }
  } else {
    await ensurePgDatabase(db.url);
    const busy = await withPg(db.url, pgTargetHasData);
    if (busy && !force) {
      throw new BackupError(
        "The target PostgreSQL database already has tables. Restore into an empty database, or pass --force to replace its schema public.",
      );
    }
  }

  // Files first: the restored rows then never point at bytes that are not there yet.
  if (force) await fs.rm(store, { recursive: true, force: true });
  const local = new LocalDiskStorage(store);
  for (const entry of manifest.files) {
    const copied = await copyStoredFile(path.join(source, entry.path), local, path.basename(entry.path));
    if (copied.sha256 !== entry.sha256)
      throw new BackupError(`Writing ${entry.path} produced different bytes (disk error?).`);
  }

  let restored: Awaited<ReturnType<typeof describePostgres>>;
  if (db.provider === "sqlite") {
    await fs.mkdir(path.dirname(db.file!), { recursive: true });
    // A WAL or journal of the replaced database would be replayed into the restored one.
    for (const suffix of ["-wal", "-shm", "-journal"]) await fs.rm(db.file! + suffix, { force: true });
    await sqliteCopy(dbFile, db.file!);
    restored = describeSqliteFile(db.file!);
  } else {
    const tool = pgTool("pg_restore", env);
    const restoreTool = await toolMajor(tool, "pg_restore");
    const dumpMajor = Number(/^\d+/.exec(manifest.database.pgDumpVersion ?? "0")?.[0] ?? 0);
    if (restoreTool.major < dumpMajor) {
      throw new BackupError(
        `pg_restore ${restoreTool.version} is older than the pg_dump that made this backup (${manifest.database.pgDumpVersion}); install a newer client or set PG_BIN_DIR.`,
      );
    }
    if (force) await withPg(db.url, (c) => c.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public"));
    const conn = pgArgs(db.url, env);
    try {
      await run(
        tool,
        ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${conn.url}`, dbFile],
        {
          env: conn.env,
          maxBuffer: 16 * 1024 * 1024,
        },
      );
    } catch (error) {
      throw new BackupError(
        `pg_restore failed: ${((error as { stderr?: string }).stderr || (error as Error).message).trim()}`,
      );
    }
    restored = await withPg(db.url, describePostgres);
  }

  // The restored database must hold exactly what the backup saved: migrations, rows, digests.
  if (restored.migration !== manifest.migration || restored.migrationsApplied !== manifest.migrationsApplied) {
    throw new BackupError(
      `The restored database is at migration ${restored.migration} (${restored.migrationsApplied} applied), the backup at ${manifest.migration} (${manifest.migrationsApplied}).`,
    );
  }
  const differing = Object.keys({ ...manifest.tables, ...restored.tables }).filter(
    (t) =>
      manifest.tables[t]?.sha256 !== restored.tables[t]?.sha256 ||
      manifest.tables[t]?.rows !== restored.tables[t]?.rows,
  );
  if (differing.length) throw new BackupError(`The restored rows differ from the backup in: ${differing.join(", ")}.`);
  const applied = manifest.migration ? known.indexOf(manifest.migration) + 1 : 0;
  return { manifest, files: manifest.files.length, pendingMigrations: known.slice(applied) };
}

/** Row count and digest of every table of the database `env` points to (as in the manifest). */
export async function describeDatabase(env: Record<string, string | undefined>) {
  const db = resolveDatabase(env);
  return db.provider === "sqlite" ? describeSqliteFile(db.file!) : withPg(db.url, describePostgres);
}
