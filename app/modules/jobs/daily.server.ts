// Daily jobs on the durable queue (docs/decisions/040): each kind listed here gets one job per day
// in Vietnam, due at the given hour. Every worker makes sure today's row exists when it sweeps
// (every few minutes); the row's id holds the kind and the day, so however many workers and
// instances do so, there is one job per day, run once by whoever claims it, retried like any other.
import { vnDay, vnDayStart } from "~/utils/date-range";
import { isUniqueViolation } from "~/utils/db-errors";
import { prisma } from "~/utils/db.server";

export const DAILY_JOBS: readonly { kind: string; hourVn: number }[] = [
  // Yearly confirmation reminders of certified products (app/modules/monitoring).
  { kind: "monitoring.reminders", hourVn: 7 },
];

/** The id of a daily kind's job on a Vietnam day: one row per kind and day. */
export const dailyJobId = (kind: string, day: string) => `daily.${kind}.${day}`;

/** Creates today's job of each daily kind the worker runs, if missing; returns how many it created. */
export async function ensureDailyJobs(kinds: readonly string[], now: Date = new Date()): Promise<number> {
  const day = vnDay(now);
  let created = 0;
  for (const { kind, hourVn } of DAILY_JOBS) {
    if (!kinds.includes(kind)) continue;
    const id = dailyJobId(kind, day);
    if (await prisma.job.findUnique({ where: { id }, select: { id: true } })) continue;
    const runAt = new Date(vnDayStart(day)!.getTime() + hourVn * 60 * 60 * 1000);
    try {
      await prisma.job.create({ data: { id, kind, payload: { day }, runAt, maxAttempts: 3 } });
      created++;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error; // another worker made it first
    }
  }
  return created;
}
