// Runs a job's handler in a child process (docs/decisions/054): for the kinds listed in
// child-handlers.server.ts. The child (job-child.ts) opens its own database connection, runs the
// handler and exits, so whatever memory the work took goes back to the system with it, and its CPU
// comes after the web process' (nice 10, a scheduler group of its own: decision 051). The worker
// that claimed the job keeps its lease and its progress here; aborting (a stopping worker, a lost
// lease) kills the child. Should the child's script not be found (a build without it), the handler
// runs in this process, with a warning.
import { fork } from "node:child_process";
import { childEntry, lowerPriority } from "~/utils/child-process.server";
import { getLogger } from "~/utils/logger.server";
import { CHILD_JOB_HANDLERS } from "./child-handlers.server";
import type { JobChildMessage, JobChildRequest } from "./job-child";
import type { JobContext, JobHandler } from "./job-types";

const log = getLogger("jobs");

/** The child's script and the Node flags it needs; null when it cannot be found. */
export function jobChildEntry(here: string = import.meta.url) {
  return childEntry("job-child.ts", here);
}

/** Runs one job in a child process; resolves when the child is done, rejects with its error. */
export function runInChild(
  entry: NonNullable<ReturnType<typeof jobChildEntry>>,
  ctx: JobContext,
  onStart?: (pid: number) => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    ctx.signal.throwIfAborted();
    const child = fork(entry.script, [], {
      execArgv: entry.execArgv,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      env: process.env,
      serialization: "advanced",
      // A session of its own, hence a scheduler group of its own (lowerPriority).
      detached: true,
    });
    if (child.pid) lowerPriority(child.pid);
    let error: string | null = null;
    let done = false;
    let progress = Promise.resolve();
    const onAbort = () => child.kill("SIGKILL");
    ctx.signal.addEventListener("abort", onAbort, { once: true });
    if (child.pid) onStart?.(child.pid);
    child.on("message", (message: JobChildMessage) => {
      if (message.type === "progress")
        progress = progress.then(() => ctx.progress(message.done, message.total)).catch(() => {});
      else if (message.type === "error") error = message.message;
      else done = true;
    });
    // An aborted run settles when the child has closed (below), not on the error of a send to a
    // child just killed.
    child.on("error", (e) => {
      if (!ctx.signal.aborted) reject(e);
    });
    child.on("close", (code, signal) => {
      ctx.signal.removeEventListener("abort", onAbort);
      void progress.then(() => {
        if (ctx.signal.aborted) reject(ctx.signal.reason as Error);
        else if (code === 0 && done) resolve();
        else reject(new Error(error ?? `the job's process ended (${signal ?? `exit ${code}`})`));
      });
    });
    const request: JobChildRequest = { job: ctx.job };
    // A failed send (the child already gone) is answered by the child's close.
    if (!ctx.signal.aborted) child.send(request, (e) => e && child.kill("SIGKILL"));
  });
}

/** The handler of a kind listed in CHILD_JOB_HANDLERS, as the worker runs it: in a child process. */
export function inChildProcess(kind: string): JobHandler {
  return async (ctx) => {
    const entry = jobChildEntry();
    if (entry) return runInChild(entry, ctx);
    log.warn({ jobId: ctx.job.id, kind }, "the job process script was not found; the job runs in this process");
    const load = CHILD_JOB_HANDLERS[kind];
    if (!load) throw new Error(`no handler for "${kind}"`);
    return (await load())(ctx);
  };
}
