// Bulk printing of a round's certificates — one multi-page PDF, or a ZIP of one PDF per
// certificate — as a durable background job (docs/decisions/019-durable-jobs.md). The organiser's
// click queues a row in the Job table; whichever worker claims it (in this process, another
// instance, or `npm run worker`) renders certificate by certificate, reporting progress, and
// its file goes to the file store, so any instance serves the download. A job whose worker died
// is run again by another; one that failed shows its error and can be queued again by an
// organiser. Only the round's organisers may see a job, retry it or download its result.
//
// The ZIP uses `archiver`, the one copy exceljs uses too (docs/decisions/013-streaming-exports.md).
import { PassThrough, Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type archiverType from "archiver";
import { z } from "zod";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import type { Auth } from "~/modules/auth/auth.server";
import { getFileStorage, storageHas, storageNamed, type FileStorage } from "~/modules/files/storage.server";
import type { JobContext, JobOutput } from "~/modules/jobs/job-types";
import { enqueueJob, getJob, retryJob, type JobRow } from "~/modules/jobs/queue.server";
import { newPage, pdfBuffer } from "~/modules/print/pdf.server";
import { prisma } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { getT } from "~/utils/i18n";
import { lazyRequire } from "~/utils/lazy-require.server";
import {
  certificateFileName,
  createCertificatesDoc,
  drawCertificate,
  renderCertificatesPdf,
  type CertificatePrint,
} from "./certificate-pdf.server";
import { certificatesForBulkJob, roundCertificateCount } from "./certificates.server";
import { BULK_FORMATS, JobId, type BulkFormat } from "./schemas";

// Loaded by the first ZIP, not at the server's start (docs/decisions/014).
const loadArchiver = lazyRequire<typeof archiverType>("archiver");

type Actor = Pick<Auth, "user" | "roles">;

export const BULK_JOB_KIND = "certificates.bulk";

/** What the page shows: the job row in the words of the bulk page. */
export type BulkStatus = "queued" | "running" | "done" | "failed";

export interface BulkJob {
  id: string;
  roundId: string;
  format: BulkFormat;
  status: BulkStatus;
  done: number;
  total: number;
  error: string | null;
  attempts: number;
  maxAttempts: number;
  /** The name the download gets (known once the job has succeeded). */
  fileName: string | null;
  createdAt: string;
  updatedAt: string;
}

const Payload = z.object({ roundId: z.string().min(1), format: z.enum(BULK_FORMATS) });

const STATUS: Record<JobRow["status"], BulkStatus> = {
  QUEUED: "queued",
  RUNNING: "running",
  SUCCEEDED: "done",
  FAILED: "failed",
};

function toBulkJob(job: JobRow, payload: z.infer<typeof Payload>): BulkJob {
  return {
    id: job.id,
    roundId: payload.roundId,
    format: payload.format,
    status: STATUS[job.status],
    done: job.progressDone,
    total: job.progressTotal,
    error: job.error,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    fileName: job.resultName,
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
  };
}

/** "giay-chung-nhan-GCN-BN-2026.pdf": the serials' common part names the batch. */
function batchFileName(certs: CertificatePrint[], format: BulkFormat): string {
  const base = certs[0]?.serial.replace(/-\d+$/, "") ?? "giay-chung-nhan";
  return getT("vi")("certificates.bulk.fileName", { name: base.replace(/[^A-Za-z0-9._-]+/g, "-"), ext: format });
}

/** Queues a bulk job for the round's certificates (organisers of the round only; 409 when it has none). */
export async function startBulkJob(
  auth: Actor,
  roundId: string,
  format: BulkFormat,
  meta: RequestMeta,
): Promise<BulkJob> {
  const { count } = await roundCertificateCount(auth, roundId);
  if (!count) throw new DomainError(409, "certificates.bulk.none");
  const payload = { roundId, format };
  const job = await prisma.$transaction(async (tx) => {
    const queued = await enqueueJob(
      { kind: BULK_JOB_KIND, payload, createdById: auth.user.id, progressTotal: count },
      tx,
    );
    await audit(tx, {
      actorId: auth.user.id,
      action: "certificate.bulk",
      entityType: "Round",
      entityId: roundId,
      after: { jobId: queued.id, format, total: count },
      meta,
    });
    return queued;
  });
  return toBulkJob(job, payload);
}

// ───────────── the job ─────────────

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Where an attempt keeps one certificate's PDF for the ZIP: the job and the serial name it, so a
 * later attempt (after a crash, a lost lease or a retry) finds the certificates already drawn and
 * goes on from there. Removed once the job has succeeded, or with the failed job when it is purged.
 */
export const bulkPartKey = (jobId: string, serial: string) => `${jobId}-${serial}`;

/**
 * The handler of a "certificates.bulk" job: renders the round's certificates as they are now,
 * reporting progress after each and yielding to the event loop so an in-process worker leaves
 * requests answering.
 *
 * ZIP: each certificate's PDF is stored in the file store as soon as it is drawn; an attempt that
 * finds one stored reuses it, so a job resumes where the last attempt stopped instead of at
 * certificate 1. The ZIP is then streamed from the stored parts to the file store (the worker
 * writes it as it comes): only one certificate is in memory at a time. A single PDF cannot be
 * assembled from parts without a PDF merger, so that format still starts again from the first.
 */
export async function runBulkPrintJob(ctx: JobContext): Promise<JobOutput> {
  const { roundId, format } = Payload.parse(ctx.job.payload);
  const certs = await certificatesForBulkJob(roundId);
  if (!certs.length) throw new Error("the round has no certificates any more");
  const name = batchFileName(certs, format);
  if (format === "pdf") {
    const doc = createCertificatesDoc(getT("vi")("certificates.pdf.docTitleMany", { count: certs.length }));
    for (const [i, cert] of certs.entries()) {
      if (i > 0) newPage(doc);
      drawCertificate(doc, cert);
      await ctx.progress(i + 1, certs.length);
      await yieldToLoop();
    }
    return { bytes: await pdfBuffer(doc), name, contentType: "application/pdf" };
  }
  const storage = getFileStorage();
  for (const [i, cert] of certs.entries()) {
    const key = bulkPartKey(ctx.job.id, cert.serial);
    if (!(await storageHas(storage, key)))
      await storage.put(key, await renderCertificatesPdf([cert]), "application/pdf");
    await ctx.progress(i + 1, certs.length);
    await yieldToLoop();
  }
  return { stream: zipOfParts(storage, ctx.job.id, certs), name, contentType: "application/zip" };
}

/** The ZIP of the stored parts, read one at a time as the archive reaches them. */
function zipOfParts(storage: FileStorage, jobId: string, certs: CertificatePrint[]): Readable {
  const archive = loadArchiver()("zip", { zlib: { level: 6 } });
  archive.on("warning", (error) => archive.destroy(error));
  for (const cert of certs) {
    const key = bulkPartKey(jobId, cert.serial);
    const part = Readable.from(
      (async function* () {
        const bytes = await storage.get(key);
        if (!bytes) throw new Error(`the stored PDF of ${cert.serial} is missing`);
        yield bytes;
      })(),
    );
    archive.append(part, { name: certificateFileName(cert.serial), date: cert.issuedAt });
  }
  // Through a pipe that carries the archive's errors (a missing part, a failed read) to whoever
  // reads it, even one that starts reading later.
  const out = new PassThrough();
  pipeline(archive, out).catch(() => {});
  archive.finalize().catch((error: Error) => out.destroy(error));
  return out;
}

/** Removes the per-certificate parts a job's attempts stored (JobHandler.cleanup). */
export async function removeBulkParts(job: { id: string; payload: unknown }): Promise<void> {
  const payload = Payload.safeParse(job.payload);
  if (!payload.success) return;
  const certs = await prisma.certificate.findMany({
    where: { roundId: payload.data.roundId },
    select: { serial: true },
  });
  const storage = getFileStorage();
  for (const { serial } of certs) await storage.delete(bulkPartKey(job.id, serial));
}

// ───────────── what organisers see ─────────────

/** A bulk job of the round once the caller's scope is checked: 404 for a malformed id, another kind or another round. */
async function roundJob(roundId: string, jobId: string): Promise<{ row: JobRow; job: BulkJob }> {
  if (!JobId.safeParse(jobId).success) throw new DomainError(404, "certificates.bulk.notFound");
  const row = await getJob(jobId);
  const payload = row?.kind === BULK_JOB_KIND ? Payload.safeParse(row.payload) : null;
  if (!row || !payload?.success || payload.data.roundId !== roundId)
    throw new DomainError(404, "certificates.bulk.notFound");
  return { row, job: toBulkJob(row, payload.data) };
}

/** A job of the round, for its organisers (404 for anyone else, for an unknown or malformed id, or a job of another round). */
export async function getBulkJob(auth: Actor, roundId: string, jobId: string): Promise<BulkJob> {
  await roundCertificateCount(auth, roundId); // 404 unless the person organises this round
  return (await roundJob(roundId, jobId)).job;
}

/** The bulk page: the round's name, its certificate count and the job asked for, with one scope check. */
export async function bulkPage(
  auth: Actor,
  roundId: string,
  jobId: string | undefined,
): Promise<{ roundName: string; count: number; job: BulkJob | null }> {
  const { roundName, count } = await roundCertificateCount(auth, roundId);
  return { roundName, count, job: jobId ? (await roundJob(roundId, jobId)).job : null };
}

/** Queues a FAILED job again with fresh attempts (organisers of the round; 409 unless it failed). */
export async function retryBulkJob(auth: Actor, roundId: string, jobId: string, meta: RequestMeta): Promise<BulkJob> {
  await roundCertificateCount(auth, roundId);
  const { job } = await roundJob(roundId, jobId);
  if (job.status !== "failed" || !(await retryJob(jobId))) throw new DomainError(409, "certificates.bulk.notFailed");
  await audit(prisma, {
    actorId: auth.user.id,
    action: "certificate.bulk.retry",
    entityType: "Round",
    entityId: roundId,
    after: { jobId, error: job.error },
    meta,
  });
  return (await roundJob(roundId, jobId)).job;
}

/** The finished job's file, read through the file store (any instance can serve it). 409 until it succeeded. */
export async function bulkResult(
  auth: Actor,
  roundId: string,
  jobId: string,
): Promise<{ bytes: Buffer; fileName: string; contentType: string }> {
  await roundCertificateCount(auth, roundId);
  const { row } = await roundJob(roundId, jobId);
  if (row.status !== "SUCCEEDED") throw new DomainError(409, "certificates.bulk.notReady");
  if (!row.resultStorage || !row.resultKey || !row.resultName || !row.resultType)
    throw new DomainError(404, "certificates.bulk.notFound");
  const bytes = await storageNamed(row.resultStorage).get(row.resultKey);
  if (!bytes) throw new DomainError(404, "certificates.bulk.notFound");
  return { bytes, fileName: row.resultName, contentType: row.resultType };
}
