// The child process of one job whose kind runs apart (child-handlers.server.ts, docs/decisions/054),
// started by job-process.server.ts. Protocol over IPC (advanced serialisation, so the job's dates
// stay dates): the parent sends { job }; the child runs the kind's handler with its own database
// connection, sends { type: "progress", done, total } as the handler reports it, and ends with
// { type: "done" } and exit 0, or { type: "error", message } and exit 1. It ends at once when its
// parent goes (the IPC channel closes), which is also how the parent aborts it (a stopping worker,
// a lost lease). Compiled to build/start/job-child.js by server/build.ts; run from the source
// through tsx in development and tests.
import { serveOneRequest, sendToParent } from "~/utils/child-process.server";
import { prisma } from "~/utils/db.server";
import { CHILD_JOB_HANDLERS } from "./child-handlers.server";
import type { JobRow } from "./queue.server";

export type JobChildRequest = { job: JobRow };
export type JobChildMessage =
  { type: "progress"; done: number; total: number } | { type: "done" } | { type: "error"; message: string };

const send = (message: JobChildMessage) => sendToParent(message);
const controller = new AbortController();

async function run({ job }: JobChildRequest): Promise<void> {
  const load = CHILD_JOB_HANDLERS[job.kind];
  if (!load) throw new Error(`no handler runs "${job.kind}" in a child process`);
  const handler = await load();
  const output = await handler({
    job,
    signal: controller.signal,
    progress: async (done, total) => {
      controller.signal.throwIfAborted();
      await send({ type: "progress", done, total });
    },
  });
  if (output) throw new Error(`"${job.kind}" returned a file: a job that makes a file does not run here`);
  await send({ type: "done" });
}

serveOneRequest(
  run,
  () => prisma.$disconnect(),
  () => controller.abort(new Error("the parent process went")),
);
