// The handler of an "exports.file" job (docs/decisions/042-export-jobs.md, 047): makes the same
// file the direct download makes (files.server.ts) in a child process (export-process.server.ts),
// so neither reading the rows nor writing the file runs on the event loop of the process whose
// worker claimed the job, and hands the child's bytes to the job worker as a stream, which writes
// them to the file store as they come: no whole file, and no rows, sit in this process' memory.
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { JobContext, JobOutput } from "~/modules/jobs/job-types";
import { getLogger } from "~/utils/logger.server";
import { EXPORT_STEPS, sweepExpiredExports } from "./export-jobs.server";
import { exportChildEntry, exportInChild } from "./export-process.server";
import { jobExportFile } from "./job-file.server";
import { ExportJobPayload } from "./schemas";

const log = getLogger("exports");

export async function runExportJob(ctx: JobContext): Promise<JobOutput> {
  const payload = ExportJobPayload.parse(ctx.job.payload);
  await sweepExpiredExports().catch((error) => log.error({ err: error }, "could not sweep expired exports"));
  const entry = exportChildEntry();
  let output: JobOutput;
  if (entry) {
    const child = await exportInChild(entry, { payload, createdById: ctx.job.createdById }, ctx.signal);
    output = { stream: child.stream, name: child.fileName, contentType: child.contentType };
  } else {
    // No child script (a build without it): the file is made here, its writing in the export thread.
    log.warn({ jobId: ctx.job.id }, "the export process script was not found; the export is made in this process");
    const file = await jobExportFile(payload, ctx.job.createdById);
    const stream = Readable.fromWeb(file.body as unknown as NodeReadableStream<Uint8Array>);
    // A stopping worker or a lost lease ends the writing too (the export thread cancels its task).
    ctx.signal.addEventListener("abort", () => stream.destroy(ctx.signal.reason as Error), { once: true });
    output = { stream, name: file.fileName, contentType: file.contentType };
  }
  // The rows are read; the file is now written as the worker stores it.
  await ctx.progress(1, EXPORT_STEPS);
  return output;
}
