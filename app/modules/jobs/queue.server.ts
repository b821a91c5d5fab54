// The durable job queue: jobs are rows of the Job table (docs/decisions/019-durable-jobs.md).
//
// Life of a job:  QUEUED ──claim──▶ RUNNING ──▶ SUCCEEDED
//                    ▲                 │  └────▶ FAILED (its last attempt failed, or its lease
//                    └─ retry / lease ─┘                 expired after the last attempt)
// A worker claims one row atomically, holding a lease (leaseOwner, leaseExpiresAt) that it renews
// while it works (heartbeat). Every write a worker makes afterwards is conditional on still
// holding the lease, so a worker presumed dead that wakes up can never overwrite the work of the
// one that took its job over. A row whose lease expired is claimed again (attempt + 1), or made
// FAILED, visibly, once maxAttempts attempts are used.
//
// Claiming is one statement on each database:
//   PostgreSQL  UPDATE … WHERE id = (SELECT id … FOR UPDATE SKIP LOCKED) RETURNING id: concurrent
//               workers skip the rows another transaction holds instead of waiting on them.
//   SQLite      a compare-and-set UPDATE (same id, status, attempts and lease owner as read) in a
//               transaction: SQLite runs one writer at a time, so exactly one worker's update
//               matches; a worker that loses simply reads the next candidate.
import type { MetricSample } from "~/utils/metrics.server";
import crypto from "node:crypto";
import os from "node:os";
import { Prisma } from "~/generated/sqlite/client.ts";
import { databaseNow } from "~/utils/database-clock.server";
import { databaseProvider, prisma, type Db, type Tx } from "~/utils/db.server";

export type JobStatus = "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED";

export interface JobRow {
  id: string;
  kind: string;
  payload: unknown;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  leaseOwner: string | null;
  leaseExpiresAt: Date | null;
  heartbeatAt: Date | null;
  progressDone: number;
  progressTotal: number;
  error: string | null;
  resultStorage: string | null;
  resultKey: string | null;
  resultName: string | null;
  resultType: string | null;
  resultSize: number | null;
  createdById: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Job ids: 128 random bits in base64url (22 characters): unguessable, and never a path. */
export const newJobId = () => crypto.randomBytes(16).toString("base64url");

/** A worker's name in leaseOwner: host, process and a random part, so restarts never collide. */
export const newWorkerId = () => `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;

/** Errors are kept short: they are shown to organisers and must not carry a whole stack. */
export const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

export interface EnqueueOptions {
  kind: string;
  payload: Prisma.InputJsonValue;
  createdById?: string | null;
  maxAttempts?: number;
  progressTotal?: number;
  runAt?: Date;
}

/** Adds a job; pass a transaction client to enqueue atomically with the change that causes it. */
export async function enqueueJob(opts: EnqueueOptions, db: Tx | Db = prisma): Promise<JobRow> {
  const job = await db.job.create({
    data: {
      id: newJobId(),
      kind: opts.kind,
      payload: opts.payload,
      createdById: opts.createdById ?? null,
      maxAttempts: opts.maxAttempts ?? 3,
      progressTotal: opts.progressTotal ?? 0,
      runAt: opts.runAt ?? (await databaseNow(db)),
    },
  });
  notifyEnqueued();
  return job as JobRow;
}

// Workers in this process are woken at once by a local enqueue instead of at their next poll. The
// set lives on globalThis: the compiled server (build/start/main.js, which runs the worker) and
// the Remix build (whose actions enqueue) are two bundles with their own copy of this module.
const globalForJobs = globalThis as unknown as { __tieubieuJobWakers?: Set<() => void> };
const wakers = (globalForJobs.__tieubieuJobWakers ??= new Set<() => void>());
export function onEnqueued(wake: () => void): () => void {
  wakers.add(wake);
  return () => wakers.delete(wake);
}
function notifyEnqueued() {
  for (const wake of wakers) wake();
}

export const getJob = async (id: string): Promise<JobRow | null> =>
  (await prisma.job.findUnique({ where: { id } })) as JobRow | null;

/**
 * Makes FAILED every RUNNING job whose lease expired on its last allowed attempt: its worker died
 * and no attempt is left, so it must not say "running" forever. Returns how many.
 */
export async function failExhaustedJobs(at?: Date): Promise<number> {
  const now = at ?? (await databaseNow());
  const { count } = await prisma.job.updateMany({
    where: { status: "RUNNING", leaseExpiresAt: { lt: now }, attempts: { gte: prisma.job.fields.maxAttempts } },
    data: {
      status: "FAILED",
      error: "interrupted: the worker stopped during the last attempt",
      leaseOwner: null,
      leaseExpiresAt: null,
      finishedAt: now,
    },
  });
  return count;
}

/** What a claim may take: due QUEUED jobs and RUNNING jobs whose lease expired, attempts left. */
function claimableWhere(kinds: readonly string[], now: Date) {
  return {
    kind: { in: [...kinds] },
    attempts: { lt: prisma.job.fields.maxAttempts },
    OR: [
      { status: "QUEUED" as const, runAt: { lte: now } },
      { status: "RUNNING" as const, leaseExpiresAt: { lt: now } },
    ],
  };
}

/**
 * Claims the next due job of one of `kinds` for `workerId`, or null when none is due. The claimed
 * row is RUNNING, its attempts counted, its lease held until now + leaseMs.
 */
export async function claimJob(
  workerId: string,
  kinds: readonly string[],
  leaseMs: number,
  at?: Date,
): Promise<JobRow | null> {
  if (!kinds.length) return null;
  const now = at ?? (await databaseNow());
  const leaseExpiresAt = new Date(now.getTime() + leaseMs);
  let id: string | null;
  if (databaseProvider() === "postgresql") {
    const rows = await prisma.$queryRaw<{ id: string }[]>`
      UPDATE "Job" SET "status" = 'RUNNING', "attempts" = "attempts" + 1, "leaseOwner" = ${workerId},
        "leaseExpiresAt" = ${leaseExpiresAt}, "heartbeatAt" = ${now}, "startedAt" = ${now}, "error" = NULL,
        "progressDone" = 0, "updatedAt" = ${now}
      WHERE "id" = (
        SELECT "id" FROM "Job"
        WHERE "kind" IN (${Prisma.join([...kinds])}) AND "attempts" < "maxAttempts"
          AND (("status" = 'QUEUED' AND "runAt" <= ${now}) OR ("status" = 'RUNNING' AND "leaseExpiresAt" < ${now}))
        ORDER BY "runAt", "createdAt", "id"
        LIMIT 1
        FOR UPDATE SKIP LOCKED
      )
      RETURNING "id"`;
    id = rows[0]?.id ?? null;
  } else {
    id = await claimByCompareAndSet(workerId, kinds, now, leaseExpiresAt);
  }
  return id ? getJob(id) : null;
}

async function claimByCompareAndSet(
  workerId: string,
  kinds: readonly string[],
  now: Date,
  leaseExpiresAt: Date,
): Promise<string | null> {
  // A few tries: each lost race means another worker took that row, and the next one is read.
  for (let tries = 0; tries < 5; tries++) {
    const won = await prisma.$transaction(async (tx) => {
      const candidate = await tx.job.findFirst({
        where: claimableWhere(kinds, now),
        orderBy: [{ runAt: "asc" }, { createdAt: "asc" }, { id: "asc" }],
        select: { id: true, status: true, attempts: true, leaseOwner: true },
      });
      if (!candidate) return { id: null, done: true };
      const { count } = await tx.job.updateMany({
        where: {
          id: candidate.id,
          status: candidate.status,
          attempts: candidate.attempts,
          leaseOwner: candidate.leaseOwner,
        },
        data: {
          status: "RUNNING",
          attempts: { increment: 1 },
          leaseOwner: workerId,
          leaseExpiresAt,
          heartbeatAt: now,
          startedAt: now,
          error: null,
          progressDone: 0,
        },
      });
      return { id: count === 1 ? candidate.id : null, done: count === 1 };
    });
    if (won.done) return won.id;
  }
  return null;
}

/** The lease holder's filter: every write after the claim goes through it. */
const held = (id: string, workerId: string) => ({ id, leaseOwner: workerId, status: "RUNNING" as const });

/** Renews the lease; false when the worker no longer holds it (it must stop working on the job). */
export async function heartbeat(id: string, workerId: string, leaseMs: number, at?: Date): Promise<boolean> {
  const now = at ?? (await databaseNow());
  const { count } = await prisma.job.updateMany({
    where: held(id, workerId),
    data: { heartbeatAt: now, leaseExpiresAt: new Date(now.getTime() + leaseMs) },
  });
  return count === 1;
}

/** Records progress (done of total) and renews the lease; false when the lease is lost. */
export async function reportProgress(
  id: string,
  workerId: string,
  done: number,
  total: number,
  leaseMs: number,
): Promise<boolean> {
  const now = await databaseNow();
  const { count } = await prisma.job.updateMany({
    where: held(id, workerId),
    data: {
      progressDone: done,
      progressTotal: total,
      heartbeatAt: now,
      leaseExpiresAt: new Date(now.getTime() + leaseMs),
    },
  });
  return count === 1;
}

export interface JobResult {
  storage: string;
  key: string;
  name: string;
  contentType: string;
  size: number;
}

/** SUCCEEDED with its result; false when the lease was lost meanwhile (the result is not recorded). */
export async function completeJob(id: string, workerId: string, result: JobResult | null): Promise<boolean> {
  const now = await databaseNow();
  const { count } = await prisma.job.updateMany({
    where: held(id, workerId),
    data: {
      status: "SUCCEEDED",
      leaseOwner: null,
      leaseExpiresAt: null,
      finishedAt: now,
      error: null,
      ...(result
        ? {
            resultStorage: result.storage,
            resultKey: result.key,
            resultName: result.name,
            resultType: result.contentType,
            resultSize: result.size,
          }
        : {}),
    },
  });
  return count === 1;
}

/**
 * A failed attempt: QUEUED again after a backoff while attempts remain, else FAILED. The error is
 * kept either way, so the page can say why the last attempt failed. False when the lease was lost.
 */
export async function failAttempt(
  job: Pick<JobRow, "id" | "attempts" | "maxAttempts">,
  workerId: string,
  error: unknown,
  at?: Date,
): Promise<boolean> {
  const now = at ?? (await databaseNow());
  const last = job.attempts >= job.maxAttempts;
  const backoffMs = Math.min(60_000, 1000 * 2 ** (job.attempts - 1));
  const { count } = await prisma.job.updateMany({
    where: held(job.id, workerId),
    data: last
      ? { status: "FAILED", error: errorText(error), leaseOwner: null, leaseExpiresAt: null, finishedAt: now }
      : {
          status: "QUEUED",
          error: errorText(error),
          leaseOwner: null,
          leaseExpiresAt: null,
          runAt: new Date(now.getTime() + backoffMs),
        },
  });
  return count === 1;
}

/**
 * Gives a job back unfinished (the worker is stopping): QUEUED again at once, and the attempt it
 * used is not counted, since the job did not fail.
 */
export async function releaseJob(id: string, workerId: string): Promise<boolean> {
  const { count } = await prisma.job.updateMany({
    where: { ...held(id, workerId), attempts: { gt: 0 } },
    data: {
      status: "QUEUED",
      attempts: { decrement: 1 },
      leaseOwner: null,
      leaseExpiresAt: null,
      runAt: await databaseNow(),
    },
  });
  return count === 1;
}

/** A FAILED job queued again with a fresh set of attempts (an organiser's retry). False unless FAILED. */
export async function retryJob(id: string): Promise<boolean> {
  const { count } = await prisma.job.updateMany({
    where: { id, status: "FAILED" },
    data: { status: "QUEUED", attempts: 0, error: null, progressDone: 0, runAt: await databaseNow(), finishedAt: null },
  });
  if (count === 1) notifyEnqueued();
  return count === 1;
}

/** Jobs per status (and the oldest due QUEUED job's age), for metrics and health pages. */
export async function jobQueueStats(
  at?: Date,
): Promise<{ byStatus: Record<JobStatus, number>; oldestDueMs: number | null }> {
  const now = at ?? (await databaseNow());
  const groups = await prisma.job.groupBy({ by: ["status"], _count: { _all: true } });
  const byStatus: Record<JobStatus, number> = { QUEUED: 0, RUNNING: 0, SUCCEEDED: 0, FAILED: 0 };
  for (const g of groups) byStatus[g.status as JobStatus] = g._count._all;
  const oldest = await prisma.job.findFirst({
    where: { status: "QUEUED", runAt: { lte: now } },
    orderBy: { runAt: "asc" },
    select: { runAt: true },
  });
  return { byStatus, oldestDueMs: oldest ? now.getTime() - oldest.runAt.getTime() : null };
}

/** The queue for /metrics (docs/decisions/021), read at scrape time: jobs per status and the wait of the oldest due one. */
export async function jobQueueSamples(): Promise<MetricSample[]> {
  const { byStatus, oldestDueMs } = await jobQueueStats();
  return [
    ...Object.entries(byStatus).map(([status, value]) => ({
      name: "jobs",
      help: "Background jobs in the queue table, by status (FAILED: failed after the last attempt).",
      labels: { status },
      value,
    })),
    {
      name: "jobs_oldest_due_seconds",
      help: "How long the oldest due QUEUED job has waited (0 when none).",
      value: (oldestDueMs ?? 0) / 1000,
    },
  ];
}
