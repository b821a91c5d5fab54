// Runs an export job's heavy work in a child process (docs/decisions/047-export-jobs-off-the-web-process.md):
// reading up to 5,000 rows and building the Excel, CSV or PDF file happen on the child's own event
// loop (export-child.ts), not on the loop of the process whose job worker claimed the job — by
// default a web process, which keeps answering requests meanwhile. The child's file arrives here
// as a stream (a pipe) that the job worker writes to the file store as it comes; this process never
// holds the file, nor the rows. The child's memory is its own and goes back to the system when it
// exits. A stopping worker or a lost lease kills the child.
//
// The child's code: build/start/export-child.js in production (compiled by server/build.ts), the
// TypeScript source through tsx in development and tests. Should neither be found, the caller makes
// the file in this process (exportChildEntry returns null).
import { fork } from "node:child_process";
import { PassThrough, type Readable } from "node:stream";
import { childEntry, lowerPriority } from "~/utils/child-process.server";
import type { ChildMessage, ChildRequest } from "./export-child";
import type { ExportJobPayload } from "./schemas";

export { CHILD_GROUP_NICE, CHILD_NICE, lowerPriority } from "~/utils/child-process.server";

/** A ceiling on the child's heap: a runaway export fails alone. */
const CHILD_HEAP_MB = 256;

/** The child's script and the Node flags it needs; null when it cannot be found. */
export function exportChildEntry(here: string = import.meta.url): { script: string; execArgv: string[] } | null {
  return childEntry("export-child.ts", here);
}

export interface ChildExport {
  fileName: string;
  contentType: string;
  rows: number;
  /** The file's bytes as the child writes them; errors when the child fails or is killed. */
  stream: Readable;
  /** The child's process id (tests). */
  pid: number;
}

/**
 * Starts the child for one export and resolves once it has read the rows (with the file's name
 * and type and its byte stream), or rejects with the child's error.
 */
export function exportInChild(
  entry: NonNullable<ReturnType<typeof exportChildEntry>>,
  request: { payload: ExportJobPayload; createdById: string | null },
  signal: AbortSignal,
): Promise<ChildExport> {
  return new Promise<ChildExport>((resolve, reject) => {
    const child = fork(entry.script, [], {
      execArgv: [...entry.execArgv, `--max-old-space-size=${CHILD_HEAP_MB}`],
      // stdin none, the child's logs with this process' own, then IPC, then the file's pipe (fd 3 in the child).
      stdio: ["ignore", "inherit", "inherit", "pipe", "ipc"],
      env: process.env,
      serialization: "json",
      // A session of its own, hence a scheduler group of its own (see lowerPriority).
      detached: true,
    });
    if (child.pid) lowerPriority(child.pid);
    const data = child.stdio[3] as Readable;
    const stream = new PassThrough();
    data.pipe(stream, { end: false });
    // The store stopped reading (its write failed): the child must not wait on a full pipe forever.
    stream.once("close", () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    });
    let meta: Extract<ChildMessage, { type: "meta" }> | null = null;
    let error: string | null = null;
    const fail = (reason: Error) => {
      if (meta) stream.destroy(reason);
      else reject(reason);
    };
    const onAbort = () => child.kill("SIGKILL");
    signal.addEventListener("abort", onAbort, { once: true });
    child.on("message", (message: ChildMessage) => {
      if (message.type === "error") error = message.message;
      else if (!meta) {
        meta = message;
        resolve({
          fileName: message.fileName,
          contentType: message.contentType,
          rows: message.rows,
          stream,
          pid: child.pid!,
        });
      }
    });
    child.on("error", (e) => fail(e));
    // After the pipe has ended: every byte is in `stream`.
    child.on("close", (code, killed) => {
      signal.removeEventListener("abort", onAbort);
      if (code === 0 && meta) stream.end();
      else
        fail(
          signal.aborted
            ? (signal.reason as Error)
            : new Error(error ?? `the export process ended (${killed ?? `exit ${code}`})`),
        );
    });
    const req: ChildRequest = { payload: request.payload, createdById: request.createdById };
    child.send(req);
  });
}
