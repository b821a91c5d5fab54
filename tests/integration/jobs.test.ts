// The durable job queue (docs/decisions/019-durable-jobs.md) on the test's real database (SQLite,
// or PostgreSQL with TEST_POSTGRES_URL): claims, leases and heartbeats, two workers never running
// one job, an expired lease claimed again, maxAttempts ending in FAILED with the error, a stopping
// worker releasing its job, and finished jobs purged with their files.
import { afterEach, describe, expect, test, vi } from "vitest";
import { getFileStorage } from "~/modules/files/storage.server";
import type { JobContext, JobHandlers } from "~/modules/jobs/handlers.server";
import {
  claimJob,
  completeJob,
  enqueueJob,
  failAttempt,
  failExhaustedJobs,
  getJob,
  heartbeat,
  jobQueueStats,
  releaseJob,
  reportProgress,
  retryJob,
} from "~/modules/jobs/queue.server";
import { JobWorker, purgeFinishedJobs } from "~/modules/jobs/worker.server";
import { databaseNow } from "~/utils/database-clock.server";
import { databaseProvider, prisma } from "~/utils/db.server";
import { until } from "../support/until";

const KIND = "test.echo";
const LEASE = 60_000;
const later = (ms: number) => new Date(Date.now() + ms);

/** Every test gets its own kind, so rows of other tests are never claimed. */
let n = 0;
const freshKind = () => `${KIND}.${++n}`;

const workers: JobWorker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop(0)));
});

describe("claim, lease, heartbeat", () => {
  test("a claim takes the due job, counts the attempt and holds the lease; nothing else is claimable", async () => {
    const kind = freshKind();
    const job = await enqueueJob({ kind, payload: { n: 1 }, progressTotal: 5 });
    expect(job).toMatchObject({ status: "QUEUED", attempts: 0, maxAttempts: 3, leaseOwner: null });
    expect(job.id).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const claimed = await claimJob("worker-a", [kind], LEASE);
    expect(claimed).toMatchObject({ id: job.id, status: "RUNNING", attempts: 1, leaseOwner: "worker-a" });
    expect(claimed!.leaseExpiresAt!.getTime()).toBeGreaterThan(Date.now() + LEASE / 2);
    expect(await claimJob("worker-b", [kind], LEASE)).toBeNull();

    // A job due later is not claimed now; another kind is not claimed by a worker without it.
    await enqueueJob({ kind, payload: {}, runAt: later(60_000) });
    const otherKind = await enqueueJob({ kind: freshKind(), payload: {} });
    expect(await claimJob("worker-b", [kind], LEASE)).toBeNull();
    expect((await getJob(otherKind.id))!.status).toBe("QUEUED");
  });

  test("the heartbeat and progress renew the lease only for its holder", async () => {
    const kind = freshKind();
    const job = await enqueueJob({ kind, payload: {} });
    const claimed = (await claimJob("worker-a", [kind], 2000))!;
    const firstExpiry = claimed.leaseExpiresAt!.getTime();
    expect(await heartbeat(job.id, "worker-a", LEASE)).toBe(true);
    const renewed = (await getJob(job.id))!;
    expect(renewed.leaseExpiresAt!.getTime()).toBeGreaterThan(firstExpiry);
    expect(await heartbeat(job.id, "worker-b", LEASE)).toBe(false);
    expect(await reportProgress(job.id, "worker-a", 3, 7, LEASE)).toBe(true);
    expect(await reportProgress(job.id, "worker-b", 4, 7, LEASE)).toBe(false);
    expect(await getJob(job.id)).toMatchObject({ progressDone: 3, progressTotal: 7, leaseOwner: "worker-a" });
    // Only the holder completes it.
    expect(await completeJob(job.id, "worker-b", null)).toBe(false);
    expect(await completeJob(job.id, "worker-a", null)).toBe(true);
    expect(await getJob(job.id)).toMatchObject({ status: "SUCCEEDED", leaseOwner: null });
  });

  test("two workers claiming at once never get the same job", async () => {
    const kind = freshKind();
    const ids = new Set<string>();
    for (let i = 0; i < 24; i++) ids.add((await enqueueJob({ kind, payload: { i } })).id);
    const claimer = async (name: string) => {
      const got: string[] = [];
      for (;;) {
        const job = await claimJob(name, [kind], LEASE);
        if (!job) {
          // A lost race returns null too: stop only when nothing claimable is left.
          const left = await prisma.job.count({ where: { kind, status: "QUEUED" } });
          if (!left) return got;
          continue;
        }
        got.push(job.id);
      }
    };
    const results = await Promise.all(["w1", "w2", "w3", "w4"].map(claimer));
    const all = results.flat();
    expect(all.length).toBe(24);
    expect(new Set(all)).toEqual(ids);
    const rows = await prisma.job.findMany({ where: { kind }, select: { attempts: true, status: true } });
    expect(rows.every((r) => r.attempts === 1 && r.status === "RUNNING")).toBe(true);
    // What metrics read: the 24 are counted as running, none of them waiting.
    const stats = await jobQueueStats();
    expect(stats.byStatus.RUNNING).toBeGreaterThanOrEqual(24);
    expect(Object.keys(stats.byStatus).sort()).toEqual(["FAILED", "QUEUED", "RUNNING", "SUCCEEDED"]);
  });

  test("two running workers run each job exactly once", async () => {
    const kind = freshKind();
    const runs = new Map<string, string[]>();
    const handlers = (name: string): JobHandlers => ({
      [kind]: async () => async (ctx: JobContext) => {
        runs.set(ctx.job.id, [...(runs.get(ctx.job.id) ?? []), name]);
        await ctx.progress(1, 1);
        await new Promise((r) => setTimeout(r, 5));
      },
    });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await enqueueJob({ kind, payload: { i } })).id);
    workers.push(new JobWorker({ id: "run-a", pollMs: 20, handlers: handlers("run-a") }).start());
    workers.push(new JobWorker({ id: "run-b", pollMs: 20, handlers: handlers("run-b") }).start());
    await until(
      () => prisma.job.count({ where: { kind, status: "SUCCEEDED" } }),
      (c) => c === 12,
      "12 jobs done",
    );
    expect([...runs.keys()].sort()).toEqual([...ids].sort());
    for (const who of runs.values()) expect(who.length).toBe(1);
  });
});

describe("the lease clock", () => {
  test("leases are measured on the database's clock: a worker whose clock runs 10 minutes fast takes no live lease on PostgreSQL", async () => {
    const kind = freshKind();
    const job = await enqueueJob({ kind, payload: {} });
    expect(await claimJob("worker-a", [kind], LEASE)).toMatchObject({ id: job.id, leaseOwner: "worker-a" });
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 10 * 60_000); // this process's clock now runs ten minutes fast
      const skew = Date.now() - (await databaseNow()).getTime();
      const taken = await claimJob("fast-clock", [kind], LEASE);
      if (databaseProvider() === "postgresql") {
        // Several instances share the database server's clock: the skewed one sees the lease as live.
        expect(skew).toBeGreaterThan(9 * 60_000);
        expect(taken).toBeNull();
        expect(await heartbeat(job.id, "worker-a", LEASE)).toBe(true);
      } else {
        // The embedded file has one machine and one clock: the process clock is the database's.
        expect(skew).toBe(0);
        expect(taken).toMatchObject({ id: job.id, leaseOwner: "fast-clock", attempts: 2 });
      }
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("dead workers, failures and retries", () => {
  test("an expired lease is claimed again (attempt + 1); the old holder can no longer write", async () => {
    const kind = freshKind();
    const job = await enqueueJob({ kind, payload: {} });
    await claimJob("dead-worker", [kind], 1000);
    expect(await claimJob("live-worker", [kind], LEASE)).toBeNull(); // the lease still runs
    const taken = await claimJob("live-worker", [kind], LEASE, later(5000)); // …and now it has expired
    expect(taken).toMatchObject({
      id: job.id,
      status: "RUNNING",
      attempts: 2,
      leaseOwner: "live-worker",
      progressDone: 0,
    });
    expect(await heartbeat(job.id, "dead-worker", LEASE)).toBe(false);
    expect(await completeJob(job.id, "dead-worker", null)).toBe(false);
    expect(await failAttempt(taken!, "dead-worker", new Error("late"))).toBe(false);
    expect((await getJob(job.id))!.leaseOwner).toBe("live-worker");
  });

  test("a job whose worker died on its last attempt is FAILED visibly, not running forever", async () => {
    const kind = freshKind();
    const job = await enqueueJob({ kind, payload: {}, maxAttempts: 1 });
    await claimJob("dead-worker", [kind], 1000);
    expect(await failExhaustedJobs(later(500))).toBe(0);
    expect(await claimJob("live-worker", [kind], LEASE, later(5000))).toBeNull(); // no attempt left
    expect(await failExhaustedJobs(later(5000))).toBeGreaterThanOrEqual(1);
    const failed = (await getJob(job.id))!;
    expect(failed).toMatchObject({ status: "FAILED", attempts: 1, leaseOwner: null });
    expect(failed.error).toMatch(/interrupted/);
  });

  test("a handler that keeps failing is retried with backoff, then FAILED with its error; a retry runs it again", async () => {
    const kind = freshKind();
    let calls = 0;
    let succeed = false;
    const handlers: JobHandlers = {
      [kind]: async () => async () => {
        calls++;
        if (!succeed) throw new Error(`Không đọc được dữ liệu (lần ${calls})`);
        return { bytes: Buffer.from("xong"), name: "ket-qua.txt", contentType: "text/plain" };
      },
    };
    const job = await enqueueJob({ kind, payload: {}, maxAttempts: 2 });
    workers.push(new JobWorker({ id: "fail-worker", pollMs: 20, handlers }).start());
    const failed = await until(
      () => getJob(job.id),
      (j) => j?.status === "FAILED",
      "the job to fail",
    );
    expect(calls).toBe(2);
    expect(failed).toMatchObject({
      attempts: 2,
      maxAttempts: 2,
      error: "Không đọc được dữ liệu (lần 2)",
      resultKey: null,
    });

    // The retry: fresh attempts; now the handler succeeds and its file is in the file store.
    succeed = true;
    expect(await retryJob(job.id)).toBe(true);
    expect(await retryJob(job.id)).toBe(false); // only a FAILED job
    const done = await until(
      () => getJob(job.id),
      (j) => j?.status === "SUCCEEDED",
      "the retried job to succeed",
    );
    expect(done).toMatchObject({
      attempts: 1,
      error: null,
      resultName: "ket-qua.txt",
      resultType: "text/plain",
      resultSize: 4,
    });
    expect((await getFileStorage().get(done!.resultKey!))!.toString()).toBe("xong");
  });

  test("a stopping worker releases its job at once (the attempt is not counted); another worker finishes it", async () => {
    const kind = freshKind();
    const handlers = (finish: boolean): JobHandlers => ({
      [kind]: async () => async (ctx: JobContext) => {
        if (finish) return;
        await ctx.progress(1, 10);
        // Works until told to stop.
        await new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve()));
        ctx.signal.throwIfAborted();
      },
    });
    const job = await enqueueJob({ kind, payload: {} });
    const first = new JobWorker({ id: "stopping", pollMs: 20, handlers: handlers(false) }).start();
    await until(
      () => getJob(job.id),
      (j) => j?.status === "RUNNING" && j.progressDone === 1,
      "the job to run",
    );
    await first.stop(0);
    expect(await getJob(job.id)).toMatchObject({ status: "QUEUED", attempts: 0, leaseOwner: null });
    expect(await releaseJob(job.id, "stopping")).toBe(false); // nothing left to release

    workers.push(new JobWorker({ id: "next", pollMs: 20, handlers: handlers(true) }).start());
    expect(
      await until(
        () => getJob(job.id),
        (j) => j?.status === "SUCCEEDED",
        "the job to finish",
      ),
    ).toMatchObject({ attempts: 1 });
  });

  test("finished jobs older than the retention period go, with their files; newer ones stay", async () => {
    const kind = freshKind();
    const storage = getFileStorage();
    const make = async (status: "SUCCEEDED" | "FAILED" | "QUEUED") => {
      const job = await enqueueJob({ kind, payload: {} });
      const key = `purge${job.id}`;
      await storage.put(key, Buffer.from(status), "text/plain");
      await prisma.job.update({ where: { id: job.id }, data: { status, resultStorage: storage.name, resultKey: key } });
      return { id: job.id, key };
    };
    const old = await make("SUCCEEDED");
    const oldFailed = await make("FAILED");
    const waiting = await make("QUEUED");
    const day = 24 * 60 * 60 * 1000;
    expect(await purgeFinishedJobs(Date.now(), day)).toBe(0);
    expect(await purgeFinishedJobs(Date.now() + 2 * day, day)).toBeGreaterThanOrEqual(2);
    expect(await getJob(old.id)).toBeNull();
    expect(await getJob(oldFailed.id)).toBeNull();
    expect(await storage.get(old.key)).toBeNull();
    expect(await getJob(waiting.id)).not.toBeNull();
    expect((await storage.get(waiting.key))!.toString()).toBe("QUEUED");
  });
});
