// The one database client. SQLite (default) or PostgreSQL, chosen by DATABASE_URL. Both driver
// adapters are the same 6.19 release as @prisma/client (the 7.x PostgreSQL adapter is only for
// `prisma migrate`, see prisma.config.ts and docs/decisions/002).
// Both generated clients come from the same source schema (prisma/schema.prisma), so they
// expose the same API; the SQLite client's types are used for both.
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient as SqliteClient } from "~/generated/sqlite/client.ts";
import { PrismaClient as PostgresClient } from "~/generated/postgresql/client.ts";
import { resolveDatabase } from "./database-url";
import { serialisedSqlite, type SqliteDirect } from "./sqlite-serial.server";
import type { MetricSample } from "./metrics.server";

export type Db = SqliteClient;
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
export * from "~/generated/sqlite/enums.ts";

export function createDbClient(env: Record<string, string | undefined> = process.env): Db {
  const db = resolveDatabase(env);
  if (db.provider === "postgresql") {
    // The pool is built here, not inside the adapter, so its counters can be read for /metrics
    // (databasePoolStats); the adapter still ends it on $disconnect.
    const pool = new pg.Pool({ connectionString: db.url, max: Number(env.DATABASE_POOL_SIZE) || 10 });
    const adapter = new PrismaPg(pool, { disposeExternalPool: true });
    const client = new PostgresClient({ adapter }) as unknown as Db;
    Object.defineProperty(client, POOL, { value: pool });
    DIRECT_PATHS.set(client, {
      query: async (sql, args) =>
        (await pool.query({ text: sql, values: args.map(toPg), rowMode: "array", types: PG_TYPES }))
          .rows as unknown[][],
      execute: async (sql, args) =>
        (await pool.query({ text: sql, values: args.map(toPg), types: PG_TYPES })).rowCount ?? 0,
    });
    return client;
  }
  fs.mkdirSync(path.dirname(db.file!), { recursive: true });
  // One connection: statements outside a transaction wait while one is open (decision 041).
  let connection: SqliteDirect | undefined;
  const adapter = serialisedSqlite(new PrismaBetterSQLite3({ url: db.url }), (_, direct) => (connection = direct));
  const client = new SqliteClient({ adapter });
  // Before Prisma has connected (or after $disconnect) there is no open connection: the caller connects or asks Prisma.
  const open = () => (connection?.open ? connection : null);
  DIRECT_PATHS.set(client, {
    query: async (sql, args) => (open() ? open()!.query(sql, args) : null),
    execute: async (sql, args) => (open() ? open()!.execute(sql, args) : null),
  });
  return client;
}

/**
 * A value bound to a direct statement. On PostgreSQL a Date goes as its ISO text: write the
 * parameter `CAST($n AS timestamptz) AT TIME ZONE 'UTC'` for a timestamp column (Prisma's columns
 * are UTC timestamps without zone); on SQLite it goes as Prisma's own text form.
 */
export type DirectArg = string | number | boolean | Date | null | undefined;
type DirectPath = {
  query(sql: string, args: readonly DirectArg[]): Promise<unknown[][] | null>;
  execute(sql: string, args: readonly DirectArg[]): Promise<number | null>;
};
/** On globalThis: the server entry and the Remix build each bundle this module (see POOL below). */
const DIRECT_PATHS: WeakMap<object, DirectPath> = ((globalThis as Record<symbol, unknown>)[
  Symbol.for("tieubieu.dbDirect")
] ??= new WeakMap()) as WeakMap<object, DirectPath>;

const toPg = (v: DirectArg) => (v === undefined ? null : v instanceof Date ? v.toISOString() : v);
/**
 * Prisma's DateTime columns are `timestamp(3)` (no zone) holding UTC: pg's default parser would
 * read them as local time. Everything else as pg parses it (jsonb parsed, bigint as text).
 */
const PG_TYPES = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.TIMESTAMP
      ? (v: string) => new Date(`${v.replace(" ", "T")}Z`)
      : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

/**
 * Rows (as arrays) of one read sent straight to the driver, past Prisma's query compiler (which
 * plans every statement anew, ~0.5–2 ms of CPU each): for the few reads made on every request
 * (the register's version, the session) and the judge's autosave. `$1…$n` placeholders on both
 * databases. On SQLite it takes its turn on the one connection like every other statement
 * (decision 041), so it never sees another request's uncommitted writes, and integers come back
 * as bigint, DateTimes as text (sqlDate reads both databases' forms). Null when the client has
 * no direct path (not made by createDbClient, a transaction client, or not connected yet): then
 * ask Prisma, or use directRows.
 */
export async function queryDirect(
  sql: string,
  client: object = prisma,
  args: readonly DirectArg[] = [],
): Promise<unknown[][] | null> {
  // By identity, not a property: a transaction client forwards property reads to its client, and
  // on SQLite a direct read inside a transaction would wait for the turn that transaction holds.
  const direct = DIRECT_PATHS.get(client);
  return direct ? direct.query(sql, args) : null;
}

/** The app client's direct read, connecting Prisma first if it has not yet (SQLite opens its connection then). */
export async function directRows(sql: string, args: readonly DirectArg[] = []): Promise<unknown[][]> {
  const rows = await queryDirect(sql, prisma, args);
  if (rows) return rows;
  await prisma.$connect();
  const again = await queryDirect(sql, prisma, args);
  if (!again) throw new Error("the database client has no direct path");
  return again;
}

/** A write sent straight to the driver (see queryDirect); the number of rows it changed. */
export async function directExecute(sql: string, args: readonly DirectArg[] = []): Promise<number> {
  const direct = DIRECT_PATHS.get(prisma);
  if (!direct) throw new Error("the database client has no direct path");
  let changed = await direct.execute(sql, args);
  if (changed === null) {
    await prisma.$connect();
    changed = await direct.execute(sql, args);
  }
  if (changed === null) throw new Error("the database client has no direct path");
  return changed;
}

/** A DateTime column as a direct read returns it: a Date (PostgreSQL), Prisma's text or epoch milliseconds (SQLite). */
export function sqlDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === "number" || typeof v === "bigint") return new Date(Number(v));
  const text = String(v);
  // SQLite's CURRENT_TIMESTAMP ("2026-12-06 08:52:56") is UTC without a zone.
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(" ", "T")}Z`);
}

// On the client object itself, not in a module-level map: the server entry and the Remix build
// are two bundles with their own copy of this module, sharing the one client of globalThis.
const POOL = Symbol.for("tieubieu.dbPool");

const globalForDb = globalThis as unknown as { __tieubieuDb?: Db };
export const prisma: Db = globalForDb.__tieubieuDb ?? (globalForDb.__tieubieuDb = createDbClient());

export function databaseProvider() {
  return resolveDatabase(process.env).provider;
}

/**
 * The PostgreSQL connection pool's counters for /metrics (pg.Pool: connections open, idle, and
 * queries waiting for one); null on SQLite, which has no pool (one embedded connection).
 */
export function databasePoolStats(
  client: Db = prisma,
): { total: number; idle: number; waiting: number; max: number } | null {
  const pool = (client as unknown as Record<symbol, pg.Pool | undefined>)[POOL];
  if (!pool) return null;
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max ?? 10 };
}

/** The pool's counters as /metrics samples (none on SQLite). */
export function databasePoolSamples(client: Db = prisma): MetricSample[] {
  const stats = databasePoolStats(client);
  if (!stats) return [];
  const help = "PostgreSQL connection pool of this process (pg.Pool through Prisma's driver adapter).";
  return [
    { name: "db_pool_connections", help, labels: { state: "total" }, value: stats.total },
    { name: "db_pool_connections", help, labels: { state: "idle" }, value: stats.idle },
    { name: "db_pool_max_connections", help: "The pool's size limit (DATABASE_POOL_SIZE).", value: stats.max },
    {
      name: "db_pool_waiting_queries",
      help: "Queries waiting for a free connection of the pool.",
      value: stats.waiting,
    },
  ];
}
