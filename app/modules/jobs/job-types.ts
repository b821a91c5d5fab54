// What a background job handler receives and returns. Apart from the list of handlers, which
// imports each handler lazily, so a handler can name these types without an import cycle.
import type { Readable } from "node:stream";
import type { JobRow } from "./queue.server";

export interface JobContext {
  job: JobRow;
  /** Aborted when the worker stops or loses the job's lease: the handler should stop soon. */
  signal: AbortSignal;
  /** Records progress (written at most every 250 ms, always at the end); throws once aborted. */
  progress(done: number, total: number): Promise<void>;
}

/**
 * A file the job produced: the worker writes it to the file store and records it on the job.
 * Either whole bytes, or a stream the worker writes to the store as it comes (a ZIP of hundreds
 * of certificates never sits whole in memory; docs/decisions/027).
 */
export type JobOutput = ({ bytes: Buffer } | { stream: Readable }) & {
  name: string;
  contentType: string;
};

/**
 * A kind's code. `cleanup`, when a kind has one, removes what its attempts left in the file
 * store besides the output (the bulk print's per-certificate parts): the worker calls it once the
 * job has succeeded, and the purge of finished jobs calls it for failed ones.
 */
export type JobHandler = ((ctx: JobContext) => Promise<JobOutput | void>) & {
  cleanup?: (job: Pick<JobRow, "id" | "payload">) => Promise<void>;
};
export type JobHandlers = Record<string, () => Promise<JobHandler>>;
