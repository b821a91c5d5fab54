// What a background job handler receives and returns. Apart from the list of handlers, which
// imports each handler lazily, so a handler can name these types without an import cycle.
import type { JobRow } from "./queue.server";

export interface JobContext {
  job: JobRow;
  /** Aborted when the worker stops or loses the job's lease: the handler should stop soon. */
  signal: AbortSignal;
  /** Records progress (written at most every 250 ms, always at the end); throws once aborted. */
  progress(done: number, total: number): Promise<void>;
}

/** A file the job produced: the worker writes it to the file store and records it on the job. */
export interface JobOutput {
  bytes: Buffer;
  name: string;
  contentType: string;
}

export type JobHandler = (ctx: JobContext) => Promise<JobOutput | void>;
export type JobHandlers = Record<string, () => Promise<JobHandler>>;
