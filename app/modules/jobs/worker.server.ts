// The job worker (docs/decisions/019-durable-jobs.md): claims due jobs from the Job table one at
// a time, runs the kind's handler, renews its lease while the handler works, writes the handler's
// output to the file store and records the outcome. Every app process runs one in-process unless
// JOB_WORKER=0 (startJobWorker, called from server/main.ts); `npm run worker` runs one alone.
//
// Stopping (stopJobWorker, on SIGTERM): no new claims; the running job gets `graceMs` to finish,
// then its handler is aborted and the job released (QUEUED again, its attempt not counted), so
// another worker takes it at once instead of waiting for the lease to expire.
import { getFileStorage, newStorageKey, putStream, storageNamed } from "~/modules/files/storage.server";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { getLogger } from "~/utils/logger.server";
import { ensureDailyJobs } from "./daily.server";
import { JOB_HANDLERS, type JobHandler, type JobHandlers } from "./handlers.server";
import {
  claimJob,
  completeJob,
  failAttempt,
  failExhaustedJobs,
  heartbeat,
  newWorkerId,
  onEnqueued,
  releaseJob,
  reportProgress,
  type JobResult,
  type JobRow,
} from "./queue.server";

const log = getLogger("jobs");

export type { JobContext, JobHandler, JobOutput } from "./handlers.server";

export interface JobWorkerOptions {
  /** The lease a claim takes and each heartbeat renews (default JOB_LEASE_MS, 60 s). */
  leaseMs?: number;
  /** How often an idle worker looks for due jobs (a local enqueue wakes it at once). */
  pollMs?: number;
  /** The kinds this worker runs and their handlers (default: every kind of the app). */
  handlers?: JobHandlers;
  /** The name written in leaseOwner (default: host:pid:random). */
  id?: string;
}

class Stopping extends Error {
  constructor() {
    super("the worker is stopping");
  }
}
class LeaseLost extends Error {
  constructor() {
    super("the lease was lost to another worker");
  }
}

/** Progress is written at most this often (and always at the end): the page polls it. */
const PROGRESS_EVERY_MS = 250;
/** Finished jobs and their files are kept this long for the download, then removed. */
export const JOB_RETENTION_MS = 24 * 60 * 60 * 1000;
const PURGE_EVERY_MS = 10 * 60 * 1000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class JobWorker {
  readonly id: string;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly handlers: JobHandlers;
  private readonly kinds: string[];
  private stopping = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private current: { job: JobRow; abort: AbortController; done: Promise<void> } | null = null;
  private lastPurge = 0;

  constructor(opts: JobWorkerOptions = {}) {
    this.id = opts.id ?? newWorkerId();
    this.leaseMs = opts.leaseMs ?? getEnv().JOB_LEASE_MS;
    this.pollMs = opts.pollMs ?? 1000;
    this.handlers = opts.handlers ?? JOB_HANDLERS;
    this.kinds = Object.keys(this.handlers);
  }

  /** The job this worker is running now, if any (tests and shutdown logs). */
  get running(): JobRow | null {
    return this.current?.job ?? null;
  }

  start(): this {
    if (this.loop) return this;
    const unsubscribe = onEnqueued(() => this.wake?.());
    this.loop = this.run().finally(unsubscribe);
    return this;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let job: JobRow | null = null;
      try {
        await this.purgeOld();
        await failExhaustedJobs();
        job = await claimJob(this.id, this.kinds, this.leaseMs);
      } catch (error) {
        // The database is away for a moment: try again at the next poll, never crash the process.
        log.error({ err: error, worker: this.id }, "could not claim a job");
      }
      if (job) {
        const abort = new AbortController();
        const done = this.execute(job, abort);
        this.current = { job, abort, done };
        await done;
        this.current = null;
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  /** Runs one claimed job to its recorded outcome. Never throws. */
  private async execute(job: JobRow, abort: AbortController): Promise<void> {
    const { signal } = abort;
    // Renew the lease well before it ends; a refused renewal means another worker owns the job.
    const beat = setInterval(
      () => {
        heartbeat(job.id, this.id, this.leaseMs).then(
          (held) => held || abort.abort(new LeaseLost()),
          (error) => log.error({ err: error, jobId: job.id }, "heartbeat failed"),
        );
      },
      Math.max(250, Math.floor(this.leaseMs / 3)),
    );
    let lastProgress = 0;
    let stored: { storage: string; key: string } | null = null;
    try {
      const handler = await this.handlerOf(job.kind);
      const output = await handler({
        job,
        signal,
        progress: async (done, total) => {
          signal.throwIfAborted();
          if (done < total && Date.now() - lastProgress < PROGRESS_EVERY_MS) return;
          lastProgress = Date.now();
          if (!(await reportProgress(job.id, this.id, done, total, this.leaseMs))) abort.abort(new LeaseLost());
          signal.throwIfAborted();
        },
      });
      signal.throwIfAborted();
      let result: JobResult | null = null;
      if (output) {
        const storage = getFileStorage();
        const key = newStorageKey();
        stored = { storage: storage.name, key };
        let size: number;
        if ("stream" in output) size = await putStream(storage, key, output.stream, output.contentType);
        else {
          await storage.put(key, output.bytes, output.contentType);
          size = output.bytes.length;
        }
        result = { storage: storage.name, key, name: output.name, contentType: output.contentType, size };
      }
      if (!(await completeJob(job.id, this.id, result))) throw new LeaseLost();
      stored = null;
      if (handler.cleanup)
        await handler
          .cleanup(job)
          .catch((error) => log.error({ err: error, jobId: job.id }, "could not remove the job's parts"));
    } catch (error) {
      const reason = signal.aborted ? signal.reason : error;
      if (reason instanceof Stopping) {
        await releaseJob(job.id, this.id).catch((e) =>
          log.error({ err: e, jobId: job.id }, "could not release the job"),
        );
      } else if (!(reason instanceof LeaseLost)) {
        log.error(
          { err: error, jobId: job.id, kind: job.kind, attempt: job.attempts, maxAttempts: job.maxAttempts },
          "job attempt failed",
        );
        await failAttempt(job, this.id, error).catch((e) =>
          log.error({ err: e, jobId: job.id }, "could not record the failure of a job"),
        );
      }
      // A file stored for a job this worker no longer owns is nobody's: remove it.
      if (stored)
        await storageNamed(stored.storage)
          .delete(stored.key)
          .catch(() => {});
    } finally {
      clearInterval(beat);
    }
  }

  private async handlerOf(kind: string): Promise<JobHandler> {
    const load = this.handlers[kind];
    if (!load) throw new Error(`no handler for job kind ${kind}`);
    return load();
  }

  /** Removes finished jobs older than the retention period and their files. */
  private async purgeOld(): Promise<void> {
    if (Date.now() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = Date.now();
    await purgeFinishedJobs();
    await ensureDailyJobs(this.kinds);
  }

  /**
   * Stops claiming; waits up to graceMs for the running job, then aborts it and releases its
   * lease. Resolves when the loop has ended.
   */
  async stop(graceMs = 5000): Promise<void> {
    this.stopping = true;
    this.wake?.();
    const current = this.current;
    if (current) {
      const finished = await Promise.race([current.done.then(() => true), sleep(graceMs).then(() => false)]);
      if (!finished) current.abort.abort(new Stopping());
    }
    await this.loop;
  }
}

/** Deletes finished jobs (SUCCEEDED or FAILED) older than `maxAgeMs`, and their files. Returns how many. */
export async function purgeFinishedJobs(
  now: number = Date.now(),
  maxAgeMs: number = JOB_RETENTION_MS,
): Promise<number> {
  const old = await prisma.job.findMany({
    where: { status: { in: ["SUCCEEDED", "FAILED"] }, updatedAt: { lt: new Date(now - maxAgeMs) } },
    select: { id: true, kind: true, status: true, payload: true, resultStorage: true, resultKey: true },
    take: 500,
  });
  for (const job of old) {
    const cleanup = job.status === "FAILED" ? (await JOB_HANDLERS[job.kind]?.())?.cleanup : undefined;
    if (cleanup)
      await cleanup(job).catch((error) => log.error({ err: error, jobId: job.id }, "could not remove the job's parts"));
    if (job.resultStorage && job.resultKey) {
      try {
        await storageNamed(job.resultStorage).delete(job.resultKey);
      } catch (error) {
        log.error({ err: error, jobId: job.id }, "could not delete the job's file; kept for the next purge");
        continue;
      }
    }
    await prisma.job.delete({ where: { id: job.id } });
  }
  return old.length;
}

// ───────────── the process's worker ─────────────

let processWorker: JobWorker | null = null;

/** Starts this process's worker (idempotent). */
export function startJobWorker(opts: JobWorkerOptions = {}): JobWorker {
  return (processWorker ??= new JobWorker(opts).start());
}

/** Stops this process's worker (see JobWorker.stop); resolves at once when none runs. */
export async function stopJobWorker(graceMs = 5000): Promise<void> {
  const worker = processWorker;
  processWorker = null;
  await worker?.stop(graceMs);
}
