// The one database client. SQLite (default) or PostgreSQL, chosen by DATABASE_URL. Both driver
// adapters are the same 6.19 release as @prisma/client (the 7.x PostgreSQL adapter is only for
// `prisma migrate`, see prisma.config.ts and docs/decisions/002).
// Both generated clients come from the same source schema (prisma/schema.prisma), so they
// expose the same API; the SQLite client's types are used for both.
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "~/generated/sqlite/client.ts";
import { PrismaClient as PostgresClient } from "~/generated/postgresql/client.ts";
import { resolveDatabase } from "./database-url";

export type Db = SqliteClient;
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
export * from "~/generated/sqlite/enums.ts";

export function createDbClient(env: Record<string, string | undefined> = process.env): Db {
  const db = resolveDatabase(env);
  if (db.provider === "postgresql") {
    const adapter = new PrismaPg({ connectionString: db.url, max: Number(env.DATABASE_POOL_SIZE) || 10 });
    return new PostgresClient({ adapter }) as unknown as Db;
  }
  fs.mkdirSync(path.dirname(db.file!), { recursive: true });
  const adapter = new PrismaBetterSQLite3({ url: db.url });
  return new SqliteClient({ adapter });
}

const globalForDb = globalThis as unknown as { __tieubieuDb?: Db };
export const prisma: Db = globalForDb.__tieubieuDb ?? (globalForDb.__tieubieuDb = createDbClient());

export function databaseProvider() {
  return resolveDatabase(process.env).provider;
}
