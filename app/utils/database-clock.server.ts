// The clock that leases are measured against. Several app instances on one PostgreSQL compare
// each other's lease times (a job's leaseExpiresAt, a mail's lockedUntil): with each instance's
// own clock, one running 40 s fast would take over jobs whose worker is alive. The database
// server's clock is the one clock they share. On the embedded SQLite file every worker runs on the
// one machine that holds the file, so the process clock is that clock.
import { firstRow } from "./arrays";
import { databaseProvider, prisma, type Db } from "./db.server";

export async function databaseNow(db: Pick<Db, "$queryRaw"> = prisma): Promise<Date> {
  if (databaseProvider() !== "postgresql") return new Date();
  // clock_timestamp(), not now(): now() is the start of the current transaction.
  const row = firstRow(await db.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS "now"`, "clock_timestamp()");
  return new Date(row.now);
}
