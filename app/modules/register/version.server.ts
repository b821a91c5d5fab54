// The public register's version (issue #9): a counter in the RegisterVersion row that database
// triggers raise in the same transaction as every write changing what the public register shows
// (certificates, decisions, provinces, public photos, certified products and their holders, final
// results). Reading it is one primary-key read; since it lives in the database, several app
// instances on one PostgreSQL agree on it, and a write on one is seen by the others at their next
// request. Derived public data (years, provinces, statistics) is memoised per version here, so
// it is computed once per register change instead of once per request. See docs/decisions/012.
import { LRUCache } from "lru-cache";
import { prisma, queryDirect, type Db } from "~/utils/db.server";

const VERSION_ROW = 1;
/** Read on every public request (the response cache's key): sent past Prisma's query compiler, whose planning cost more than the read. */
const VERSION_SQL = `SELECT "version" FROM "RegisterVersion" WHERE "id" = ${VERSION_ROW}`;

/** The register's current version; null when the row is missing (then nothing may be cached). */
export async function readRegisterVersion(db: Pick<Db, "registerVersion"> = prisma): Promise<number | null> {
  const rows = await queryDirect(VERSION_SQL, db);
  if (rows) return rows.length ? Number(rows[0]![0]) : null;
  const row = await db.registerVersion.findUnique({ where: { id: VERSION_ROW }, select: { version: true } });
  return row?.version ?? null;
}

/** The version as an ETag part; without one, a value of its own each time (nothing validates, no 304). */
export function versionTag(version: number | null): number | string {
  return version ?? `none-${Date.now()}-${Math.random()}`;
}

// Keys hold the version, so an entry of an older version is never read again and ages out.
const memo = new LRUCache<string, Promise<unknown>>({ max: 2000 });

/**
 * `compute()` once per (name, key, version): later calls with the same version share its promise
 * (concurrent first requests make one query). A failure is not kept. Without a version (null),
 * computes every time.
 */
export function memoByVersion<T>(
  version: number | null,
  name: string,
  key: string,
  compute: () => Promise<T>,
): Promise<T> {
  if (version === null) return compute();
  const id = `${version}\u0000${name}\u0000${key}`;
  const hit = memo.get(id) as Promise<T> | undefined;
  if (hit) return hit;
  const promise = compute();
  memo.set(id, promise);
  promise.catch(() => {
    if (memo.get(id) === promise) memo.delete(id);
  });
  return promise;
}
