// The handler of an "exports.file" job (docs/decisions/042-export-jobs.md): makes the same file
// the direct download makes (files.server.ts), in the export thread, and hands it to the job
// worker as a stream, which writes it to the file store as it comes: the rows are read in batches
// (register.server.ts), the file is written chunk by chunk, and no whole file sits in this
// process' memory. An organiser's export runs with the organiser's roles as they are now, so a
// role taken away meanwhile fails the job instead of exporting what they may no longer see.
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { loadRoles } from "~/modules/auth/auth.server";
import type { JobContext, JobOutput } from "~/modules/jobs/job-types";
import { parseRegisterFilters } from "~/modules/register/filters";
import { getLogger } from "~/utils/logger.server";
import { EXPORT_STEPS, sweepExpiredExports } from "./export-jobs.server";
import { entriesExportFile, registerExportFile, type ExportFile } from "./files.server";
import { ExportJobPayload } from "./schemas";

const log = getLogger("exports");

export async function runExportJob(ctx: JobContext): Promise<JobOutput> {
  const payload = ExportJobPayload.parse(ctx.job.payload);
  await sweepExpiredExports().catch((error) => log.error({ err: error }, "could not sweep expired exports"));
  let file: ExportFile;
  if (payload.source === "register") {
    file = await registerExportFile(parseRegisterFilters(new URLSearchParams(payload.query)).filters, payload.format, payload.locale);
  } else {
    if (!ctx.job.createdById) throw new Error("an organiser's export without its organiser");
    const roles = await loadRoles(ctx.job.createdById);
    file = await entriesExportFile({ roles }, payload.roundId, payload.format, payload.filters, payload.locale);
  }
  // The rows are read; the file is now written as the worker stores it.
  await ctx.progress(1, EXPORT_STEPS);
  const stream = Readable.fromWeb(file.body as unknown as NodeReadableStream<Uint8Array>);
  // A stopping worker or a lost lease ends the writing too (the export thread cancels its task).
  ctx.signal.addEventListener("abort", () => stream.destroy(ctx.signal.reason as Error), { once: true });
  return { stream, name: file.fileName, contentType: file.contentType };
}
