// The results page reuses its computation until something it shows changes (issue #9, decision
// 016). A national round (500 entries × 15 judges × 2 passes) takes a few hundred milliseconds
// to load and compute; organisers reload the page far more often than sheets are submitted.
//
// The key is read from the database on every request, in one statement, so several app
// instances on one database never serve each other's stale tables:
//   - Round.resultsVersion, bumped in the same transaction as every write of a submitted sheet
//     (submission, paper sheet, reopening) and every results write (spread decision, vote,
//     finalisation, second pass). Drafts do not count in results and do not bump it, so a
//     hundred judges autosaving leave the cache alone.
//   - Round.updatedAt: settings and status transitions (the rounds module writes the row).
//   - count and latest updatedAt of the other rows results are built from, written by other
//     modules (entries and their product and establishment names, jury members, panels,
//     conflicts, overrides, complaints, outcomes): any insert, delete or update moves one of them.
// The key is read before the data, so a write landing in between leaves a table newer than its
// key, which the next request recomputes: never a table older than its key.
import { Prisma } from "~/generated/sqlite/client.ts";
import { prisma, type Tx } from "~/utils/db.server";

/** Marks the round's results as changed; call inside the transaction of the write. */
export async function bumpResultsVersion(db: Pick<Tx, "round">, roundId: string) {
  await db.round.updateMany({ where: { id: roundId }, data: { resultsVersion: { increment: 1 } } });
}

/** Rows (other than sheets) results are built from: table and its round column. */
const INPUTS = ["Entry", "JuryMember", "Panel", "Conflict", "AssignmentOverride", "Complaint", "EntryOutcome"] as const;

/** What every input of the round's results looks like now, as one string; null when there is no such round. */
export async function resultsKey(roundId: string, db: Pick<Tx, "$queryRaw"> = prisma): Promise<string | null> {
  const parts = INPUTS.map(
    (table) =>
      Prisma.sql`(SELECT COUNT(*) || '/' || COALESCE(CAST(MAX(t."updatedAt") AS TEXT), '-') FROM ${Prisma.raw(`"${table}"`)} t WHERE t."roundId" = ${roundId})`,
  );
  // Product and establishment names show on the page: their latest edit among the round's entries.
  const names = Prisma.sql`(SELECT COALESCE(CAST(MAX(p."updatedAt") AS TEXT), '-') || '/' || COALESCE(CAST(MAX(s."updatedAt") AS TEXT), '-')
      FROM "Entry" e JOIN "Product" p ON p."id" = e."productId" JOIN "Establishment" s ON s."id" = e."establishmentId" WHERE e."roundId" = ${roundId})`;
  const rows = await db.$queryRaw<Array<{ k: string }>>`
    SELECT CAST(r."resultsVersion" AS TEXT) || '|' || CAST(r."updatedAt" AS TEXT) || '|' || ${Prisma.join([...parts, names], ` || '|' || `)} AS k
    FROM "Round" r WHERE r."id" = ${roundId}`;
  return rows[0]?.k ?? null;
}

const MAX_ROUNDS = 16;
const cache = new Map<string, { key: string; value: Promise<unknown> }>();

/**
 * The round's results for a pass, computed by `compute` and reused while the round's results key
 * is unchanged. The value is shared between requests: read only.
 */
export async function reuseResults<T>(
  roundId: string,
  pass: number | undefined,
  compute: () => Promise<T>,
): Promise<T> {
  const key = await resultsKey(roundId);
  if (key === null) return compute();
  const slot = `${roundId}:${pass ?? "current"}`;
  const hit = cache.get(slot);
  if (hit && hit.key === key) {
    cache.delete(slot); // most recently used last
    cache.set(slot, hit);
    return hit.value as Promise<T>;
  }
  const value = compute();
  cache.set(slot, { key, value });
  // A failed computation (a wrong pass, a database error) is not kept.
  value.catch(() => {
    if (cache.get(slot)?.value === value) cache.delete(slot);
  });
  while (cache.size > MAX_ROUNDS) cache.delete(cache.keys().next().value!);
  return value;
}

/** For tests: forget every cached table. */
export function clearResultsCache() {
  cache.clear();
}
