// Bulk printing of a round's certificates, with progress: a job renders certificate by
// certificate in the background of the server process — one multi-page PDF, or a ZIP of one PDF
// per certificate — yielding to the event loop between certificates so pages keep answering.
// Its state is a small JSON file, DATA_DIR/exports/<jobId>.json (status, done/total, error), and
// its result sits next to it (<jobId>.pdf or .zip). Job ids are 128 random bits: unguessable, and
// never a path. Only the round's organisers may see a job or download its result. Jobs and
// results older than a day are deleted when a new job starts.
//
// The ZIP uses `archiver`, the one copy exceljs uses too (docs/decisions/013-streaming-exports.md).
import crypto from "node:crypto";
import { once } from "node:events";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import type archiverType from "archiver";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import type { Auth } from "~/modules/auth/auth.server";
import { newPage, pdfBuffer } from "~/modules/print/pdf.server";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { DomainError } from "~/utils/errors";
import { getT } from "~/utils/i18n";
import { lazyRequire } from "~/utils/lazy-require.server";
import { certificateFileName, createCertificatesDoc, drawCertificate, renderCertificatesPdf, type CertificatePrint } from "./certificate-pdf.server";
import { roundCertificateCount, roundCertificatesForPrint } from "./certificates.server";
import { JobId, type BulkFormat } from "./schemas";
import { getLogger } from "~/utils/logger.server";

const log = getLogger("certificates.bulk");

// Loaded by the first ZIP, not at the server's start (docs/decisions/014).
const loadArchiver = lazyRequire<typeof archiverType>("archiver");

type Actor = Pick<Auth, "user" | "roles">;

export type BulkStatus = "running" | "done" | "failed";

export interface BulkJob {
  id: string;
  roundId: string;
  format: BulkFormat;
  status: BulkStatus;
  done: number;
  total: number;
  error: string | null;
  /** The name the download gets. */
  fileName: string;
  createdById: string;
  createdAt: string;
  updatedAt: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** A running job that has not moved for this long died with its server process. */
const STALE_MS = 10 * 60 * 1000;
/** Progress is written at most this often (and always at the end). */
const PROGRESS_EVERY_MS = 200;
const OWN_FILE = /^[A-Za-z0-9_-]{22}\.(json|pdf|zip)(\.tmp-[0-9a-f]+)?$/;

// ───────────── files ─────────────

export const exportsDir = () => path.join(getEnv().dataDir, "exports");
const jobFile = (id: string) => path.join(exportsDir(), `${id}.json`);
const resultFile = (id: string, format: BulkFormat) => path.join(exportsDir(), `${id}.${format}`);

/** Write to a temporary name, then rename: readers see the whole file or the previous one. */
async function writeAtomic(file: string, bytes: string | Buffer): Promise<void> {
  const temp = `${file}.tmp-${crypto.randomBytes(6).toString("hex")}`;
  try {
    await fsp.writeFile(temp, bytes, { mode: 0o600 });
    await fsp.rename(temp, file);
  } catch (error) {
    await fsp.rm(temp, { force: true });
    throw error;
  }
}

async function saveJob(job: BulkJob): Promise<void> {
  job.updatedAt = new Date().toISOString();
  await writeAtomic(jobFile(job.id), JSON.stringify(job));
}

async function readJob(id: string): Promise<BulkJob | null> {
  try {
    return JSON.parse(await fsp.readFile(jobFile(id), "utf8")) as BulkJob;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** Removes this module's job files and results older than `maxAgeMs`. Returns how many files went. */
export async function cleanOldJobs(now: number = Date.now(), maxAgeMs: number = DAY_MS): Promise<number> {
  const dir = exportsDir();
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
  let removed = 0;
  for (const name of names) {
    if (!OWN_FILE.test(name)) continue;
    const file = path.join(dir, name);
    try {
      const stat = await fsp.stat(file);
      if (now - stat.mtimeMs > maxAgeMs) {
        await fsp.rm(file, { force: true });
        removed++;
      }
    } catch {
      // removed meanwhile
    }
  }
  return removed;
}

// ───────────── jobs ─────────────

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** "giay-chung-nhan-GCN-BN-2026.pdf": the serials' common part names the batch. */
function batchFileName(certs: CertificatePrint[], format: BulkFormat): string {
  const base = certs[0]?.serial.replace(/-\d+$/, "") ?? "giay-chung-nhan";
  return getT("vi")("certificates.bulk.fileName", { name: base.replace(/[^A-Za-z0-9._-]+/g, "-"), ext: format });
}

/**
 * Starts a bulk job for the round's certificates (organisers of the round only; 409 when the
 * round has none). The work continues after this returns.
 */
export async function startBulkJob(auth: Actor, roundId: string, format: BulkFormat, meta: RequestMeta): Promise<BulkJob> {
  const { certificates } = await roundCertificatesForPrint(auth, roundId);
  if (!certificates.length) throw new DomainError(409, "certificates.bulk.none");
  await fsp.mkdir(exportsDir(), { recursive: true });
  await cleanOldJobs();
  const now = new Date().toISOString();
  const job: BulkJob = {
    id: crypto.randomBytes(16).toString("base64url"),
    roundId,
    format,
    status: "running",
    done: 0,
    total: certificates.length,
    error: null,
    fileName: batchFileName(certificates, format),
    createdById: auth.user.id,
    createdAt: now,
    updatedAt: now,
  };
  await saveJob(job);
  await audit(prisma, { actorId: auth.user.id, action: "certificate.bulk", entityType: "Round", entityId: roundId, after: { jobId: job.id, format, total: job.total }, meta });
  void runJob(job, certificates);
  return job;
}

async function runJob(job: BulkJob, certs: CertificatePrint[]): Promise<void> {
  let lastWrite = 0;
  const progress = async (done: number) => {
    job.done = done;
    if (done === job.total || Date.now() - lastWrite >= PROGRESS_EVERY_MS) {
      lastWrite = Date.now();
      await saveJob(job);
    }
  };
  try {
    if (job.format === "pdf") {
      const doc = createCertificatesDoc(getT("vi")("certificates.pdf.docTitleMany", { count: certs.length }));
      for (const [i, cert] of certs.entries()) {
        if (i > 0) newPage(doc);
        drawCertificate(doc, cert);
        await progress(i + 1);
        await yieldToLoop();
      }
      await writeAtomic(resultFile(job.id, "pdf"), await pdfBuffer(doc));
    } else {
      await writeZip(job, certs, progress);
    }
    job.status = "done";
    await saveJob(job);
  } catch (error) {
    log.error({ err: error, jobId: job.id }, "bulk certificate job failed");
    job.status = "failed";
    job.error = error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500);
    await saveJob(job).catch((e) => log.error({ err: e, jobId: job.id }, "could not record the failure of a bulk certificate job"));
  }
}

async function writeZip(job: BulkJob, certs: CertificatePrint[], progress: (done: number) => Promise<void>): Promise<void> {
  const target = resultFile(job.id, "zip");
  const temp = `${target}.tmp-${crypto.randomBytes(6).toString("hex")}`;
  const output = fs.createWriteStream(temp, { mode: 0o600 });
  const archive = loadArchiver()("zip", { zlib: { level: 6 } });
  let failure: Error | null = null;
  archive.on("error", (e) => (failure = e));
  archive.on("warning", (e) => (failure = e));
  archive.pipe(output);
  try {
    for (const [i, cert] of certs.entries()) {
      archive.append(await renderCertificatesPdf([cert]), { name: certificateFileName(cert.serial), date: cert.issuedAt });
      if (failure) throw failure;
      await progress(i + 1);
      await yieldToLoop();
    }
    const closed = once(output, "close");
    await archive.finalize();
    await closed;
    if (failure) throw failure;
    await fsp.rename(temp, target);
  } catch (error) {
    output.destroy();
    await fsp.rm(temp, { force: true });
    throw error;
  }
}

/**
 * A job of the round, for its organisers (404 for anyone else, for an unknown or malformed id, or
 * a job of another round). A running job that stopped moving is reported as failed.
 */
export async function getBulkJob(auth: Actor, roundId: string, jobId: string, now: number = Date.now()): Promise<BulkJob> {
  await roundCertificateCount(auth, roundId); // 404 unless the person organises this round
  return roundJob(roundId, jobId, now);
}

/** The bulk page: the round's name, its certificate count and the job asked for, with one scope check. */
export async function bulkPage(auth: Actor, roundId: string, jobId: string | undefined): Promise<{ roundName: string; count: number; job: BulkJob | null }> {
  const { roundName, count } = await roundCertificateCount(auth, roundId);
  return { roundName, count, job: jobId ? await roundJob(roundId, jobId) : null };
}

/** A job of the round once the caller's scope is checked. */
async function roundJob(roundId: string, jobId: string, now: number = Date.now()): Promise<BulkJob> {
  if (!JobId.safeParse(jobId).success) throw new DomainError(404, "certificates.bulk.notFound");
  const job = await readJob(jobId);
  if (!job || job.roundId !== roundId) throw new DomainError(404, "certificates.bulk.notFound");
  if (job.status === "running" && now - new Date(job.updatedAt).getTime() > STALE_MS) {
    return { ...job, status: "failed", error: "interrupted" };
  }
  return job;
}

/** The finished job's file. 409 while it is still running or when it failed. */
export async function bulkResult(auth: Actor, roundId: string, jobId: string): Promise<{ bytes: Buffer; fileName: string; contentType: string }> {
  const job = await getBulkJob(auth, roundId, jobId);
  if (job.status !== "done") throw new DomainError(409, "certificates.bulk.notReady");
  try {
    const bytes = await fsp.readFile(resultFile(job.id, job.format));
    return { bytes, fileName: job.fileName, contentType: job.format === "zip" ? "application/zip" : "application/pdf" };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new DomainError(404, "certificates.bulk.notFound");
    throw error;
  }
}
