// The kinds of background job and where their code lives. Each handler is imported by the first
// job of its kind, not when a worker starts: the PDF, QR and ZIP libraries stay out of a process
// that never prints (docs/decisions/014).
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

export const JOB_HANDLERS: JobHandlers = {
  "certificates.bulk": () => import("~/modules/certificates/bulk.server").then((m) => m.runBulkPrintJob),
};
