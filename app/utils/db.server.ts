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
import { serialisedSqlite } from "./sqlite-serial.server";
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
    const direct: DirectQuery = async (sql, args) =>
      (await pool.query({ text: numberedPlaceholders(sql), values: [...args], rowMode: "array" })).rows as unknown[][];
    DIRECT_PATHS.set(client, direct);
    return client;
  }
  fs.mkdirSync(path.dirname(db.file!), { recursive: true });
  // One connection: statements outside a transaction wait while one is open (decision 041).
  let connection: SqlQueryable | undefined;
  const adapter = serialisedSqlite(new PrismaBetterSQLite3({ url: db.url }), (connected) => (connection = connected));
  const client = new SqliteClient({ adapter });
  // Before Prisma has connected there is no connection yet: the caller falls back to Prisma.
  const direct: DirectQuery = async (sql, args) =>
    connection ? (await connection.queryRaw({ sql, args: [...args], argTypes: args.map(argType) })).rows : null;
  DIRECT_PATHS.set(client, direct);
  return client;
}

type ArgType = { scalarType: "string" | "float"; arity: "scalar" };
type SqlQueryable = {
  queryRaw(query: { sql: string; args: unknown[]; argTypes: ArgType[] }): Promise<{ rows: unknown[][] }>;
};
/** A parameter of a direct read: text or a number (ids, statuses, passes). */
export type DirectArg = string | number;
type DirectQuery = (sql: string, args: readonly DirectArg[]) => Promise<unknown[][] | null>;
const argType = (arg: DirectArg): ArgType => ({
  scalarType: typeof arg === "number" ? "float" : "string",
  arity: "scalar",
});
/** `?` placeholders (SQLite's) numbered for PostgreSQL ($1, $2, …); the statements never hold a `?` elsewhere. */
const numberedPlaceholders = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};
/** On globalThis: the server entry and the Remix build each bundle this module (see POOL below). */
const DIRECT_PATHS: WeakMap<object, DirectQuery> = ((globalThis as Record<symbol, unknown>)[
  Symbol.for("tieubieu.dbDirect")
] ??= new WeakMap()) as WeakMap<object, DirectQuery>;

/**
 * Rows (as arrays) of one read, sent straight to the driver adapter: no query compilation and
 * no mapping of every cell, for the few reads made on every request (the register's version)
 * and the large ones of the results page (decision 051). Parameters are `?` in the SQL. On
 * SQLite it takes its turn on the one connection like every other statement (decision 041), so
 * it never sees another request's uncommitted writes. Values come as each driver gives them
 * (SQLite: booleans 0/1, dates as text; PostgreSQL: pg's parsers). Null when the client has no
 * direct path (not made by createDbClient, not connected yet, or a transaction): then ask Prisma.
 */
export async function queryDirect(
  sql: string,
  client: object = prisma,
  args: readonly DirectArg[] = [],
): Promise<unknown[][] | null> {
  // By identity, not a property: a transaction client forwards property reads to its client, and
  // on SQLite a direct read inside a transaction would wait for the turn that transaction holds.
  const direct = DIRECT_PATHS.get(client);
  return direct ? direct(sql, args) : null;
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
