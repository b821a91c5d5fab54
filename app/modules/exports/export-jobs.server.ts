// Large exports as durable background jobs (issues #9 and #11, docs/decisions/042-export-jobs.md).
//
// A download of more rows than EXPORT_JOB_MIN_ROWS is not streamed to the request: the route asks
// for an export job here and sends the person to its progress page (/exports/<jobId>). The job is
// a row of the Job table (app/modules/jobs: lease, heartbeat, attempts) plus an ExportJob row that
// says which export it is. The same export asked again — same source, format, language, filters,
// the same register version (and, for an organiser's export, the same organiser) — finds the job
// already made instead of queuing another, so a crowd asking for the big list makes one file.
// Whoever runs the job writes the file to the file store, so any instance serves the download.
// A finished file is kept EXPORT_JOB_RETENTION_MS, then swept with its job.
//
// Who sees what: a public export (the register: createdById null) is anyone's to follow and
// download; an organiser's export only its creator's. A public export also costs no login, so
// new public jobs are limited per address (rate limit "exportJob") and in number waiting at once
// (EXPORT_JOB_PUBLIC_PENDING): an anonymous visitor cannot fill the disk or the queue.
import crypto from "node:crypto";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import { getStream, storageNamed } from "~/modules/files/storage.server";
import { enqueueJob } from "~/modules/jobs/queue.server";
import { prisma } from "~/utils/db.server";
import { isUniqueViolation } from "~/utils/db-errors";
import { getEnv } from "~/utils/env.server";
import { DomainError } from "~/utils/errors";
import { getLogger } from "~/utils/logger.server";
import { consumeRateLimit } from "~/utils/rate-limit.server";
import { EXPORT_JOB_KIND, ExportJobId, ExportJobPayload } from "./schemas";

const log = getLogger("exports");

/** Steps a job's progress counts: the rows read, then the file written and stored. */
export const EXPORT_STEPS = 2;

/**
 * Whether a download of `rows` rows is made as a job or streamed at once: more than
 * EXPORT_JOB_MIN_ROWS for the public register, EXPORT_JOB_MIN_ROWS_ORGANISER for an organiser's list.
 */
export function isLargeExport(source: ExportJobPayload["source"], rows: number): boolean {
  const env = getEnv();
  return rows > (source === "register" ? env.EXPORT_JOB_MIN_ROWS : env.EXPORT_JOB_MIN_ROWS_ORGANISER);
}

export type ExportJobStatus = "queued" | "running" | "done" | "failed" | "expired";

/** What the progress page shows. */
export interface ExportJobView {
  id: string;
  source: ExportJobPayload["source"];
  format: string;
  status: ExportJobStatus;
  step: number;
  steps: number;
  rows: number;
  fileName: string | null;
  fileSize: number | null;
  error: string | null;
  attempts: number;
  maxAttempts: number;
  createdAt: string;
  /** When the finished file goes (null until it is finished). */
  expiresAt: string | null;
  /** The page the export was asked from. */
  backHref: string;
}

const jobSelect = {
  id: true,
  status: true,
  payload: true,
  progressDone: true,
  attempts: true,
  maxAttempts: true,
  error: true,
  createdById: true,
  resultStorage: true,
  resultKey: true,
  resultName: true,
  resultType: true,
  resultSize: true,
  finishedAt: true,
  createdAt: true,
} as const;

async function findExport(where: { dedupKey: string } | { jobId: string }) {
  return prisma.exportJob.findUnique({
    where: where as { dedupKey: string },
    select: { jobId: true, source: true, format: true, rows: true, job: { select: jobSelect } },
  });
}
type Found = NonNullable<Awaited<ReturnType<typeof findExport>>>;

const retentionMs = () => getEnv().EXPORT_JOB_RETENTION_MS;
const isExpired = (job: Pick<Found["job"], "status" | "finishedAt">, now: Date) =>
  job.status !== "QUEUED" &&
  job.status !== "RUNNING" &&
  job.finishedAt !== null &&
  job.finishedAt.getTime() + retentionMs() <= now.getTime();

/** Removes a job, its export row (cascade) and its file. False when the file could not be removed (kept for the next sweep). */
async function removeExport(job: Pick<Found["job"], "id" | "resultStorage" | "resultKey">): Promise<boolean> {
  if (job.resultStorage && job.resultKey) {
    try {
      await storageNamed(job.resultStorage).delete(job.resultKey);
    } catch (error) {
      log.error({ err: error, jobId: job.id }, "could not delete an export's file; kept for the next sweep");
      return false;
    }
  }
  await prisma.job.deleteMany({ where: { id: job.id } });
  return true;
}

/** Removes finished export jobs (and their files) older than the retention period. Returns how many. */
export async function sweepExpiredExports(now: Date = new Date()): Promise<number> {
  const old = await prisma.job.findMany({
    where: {
      kind: EXPORT_JOB_KIND,
      status: { in: ["SUCCEEDED", "FAILED"] },
      finishedAt: { lte: new Date(now.getTime() - retentionMs()) },
    },
    select: { id: true, resultStorage: true, resultKey: true },
    take: 200,
  });
  let removed = 0;
  for (const job of old) if (await removeExport(job)) removed++;
  return removed;
}

export interface ExportRequest {
  payload: ExportJobPayload;
  /** The organiser it belongs to; null for a public export anyone may follow. */
  ownerId: string | null;
  /** Rows the export has now (shown on the progress page). */
  rows: number;
  /**
   * What the data's state is, when it has one (the register's version and day): a finished file of
   * the same version is served again. Without one (an organiser's entry list), only a job still
   * waiting or running is shared; a finished one is replaced by a fresh file.
   */
  version: string | null;
  meta: RequestMeta;
}

/** The audit entry of an organiser's export, as the direct download writes it. */
function auditOf(
  payload: ExportJobPayload,
  rows: number,
): { action: string; roundId: string; after: Record<string, unknown> } | null {
  const { format } = payload;
  if (payload.source === "entries")
    return { action: "entry.export", roundId: payload.roundId, after: { format, rows, filters: payload.filters } };
  if (payload.source === "results")
    return {
      action: "results.export",
      roundId: payload.roundId,
      after: { format, group: payload.group, pass: payload.pass ?? null, rows },
    };
  if (payload.source === "nominations")
    return { action: "nomination.export", roundId: payload.roundId, after: { format, to: payload.to ?? null, rows } };
  return null;
}

/** The export's key: the same export of the same data gives the same key. */
function dedupKeyOf(req: ExportRequest): string {
  return crypto
    .createHash("sha256")
    .update(JSON.stringify([req.payload, req.ownerId, req.version]))
    .digest("base64url");
}

/** A job this request may share: waiting, running, or finished with the same version and not expired. */
function isReusable(found: Found, versioned: boolean, now: Date): boolean {
  const { status } = found.job;
  if (status === "QUEUED" || status === "RUNNING") return true;
  return versioned && status === "SUCCEEDED" && !isExpired(found.job, now);
}

/**
 * The job that makes this export: an existing one for the same export, or a new one. 429 when the
 * public queue is full or this address asked for too many public exports.
 */
export async function requestExportJob(req: ExportRequest): Promise<{ jobId: string; reused: boolean }> {
  const now = new Date();
  // Every new export first clears the expired ones: the disk holds at most a retention period's files.
  await sweepExpiredExports(now).catch((error) => log.error({ err: error }, "could not sweep expired exports"));
  const dedupKey = dedupKeyOf(req);
  const existing = await findExport({ dedupKey });
  if (existing) {
    if (isReusable(existing, req.version !== null, now)) return { jobId: existing.jobId, reused: true };
    if (!(await removeExport(existing.job))) throw new DomainError(409, "exports.busy");
  }
  if (req.ownerId === null) {
    const waiting = await prisma.job.count({
      where: { kind: EXPORT_JOB_KIND, createdById: null, status: { in: ["QUEUED", "RUNNING"] } },
    });
    if (waiting >= getEnv().EXPORT_JOB_PUBLIC_PENDING) throw new DomainError(429, "exports.busy", { seconds: 60 });
    await consumeRateLimit("exportJob", req.meta.ip);
  }
  try {
    return await prisma.$transaction(async (tx) => {
      const job = await enqueueJob(
        { kind: EXPORT_JOB_KIND, payload: req.payload, createdById: req.ownerId, progressTotal: EXPORT_STEPS },
        tx,
      );
      await tx.exportJob.create({
        data: { jobId: job.id, dedupKey, source: req.payload.source, format: req.payload.format, rows: req.rows },
      });
      // An organiser's download is audited when asked for, as the direct one is.
      const audited = req.ownerId ? auditOf(req.payload, req.rows) : null;
      if (audited) {
        await audit(tx, {
          actorId: req.ownerId,
          action: audited.action,
          entityType: "Round",
          entityId: audited.roundId,
          after: { ...audited.after, jobId: job.id },
          meta: req.meta,
        });
      }
      return { jobId: job.id, reused: false };
    });
  } catch (error) {
    // Two requests for the same export at the same moment: the second finds the first's job.
    if (isUniqueViolation(error)) {
      const again = await findExport({ dedupKey });
      if (again) return { jobId: again.jobId, reused: true };
    }
    throw error;
  }
}

const STATUS: Record<Found["job"]["status"], ExportJobStatus> = {
  QUEUED: "queued",
  RUNNING: "running",
  SUCCEEDED: "done",
  FAILED: "failed",
};

function backHrefOf(payload: ExportJobPayload): string {
  if (payload.source === "register") return `/products${payload.query}`;
  if (payload.source === "results") return `/admin/rounds/${payload.roundId}/results`;
  if (payload.source === "nominations") return `/admin/rounds/${payload.roundId}/nominations`;
  const search = new URLSearchParams(
    Object.entries(payload.filters).filter((e): e is [string, string] => typeof e[1] === "string"),
  ).toString();
  return `/admin/rounds/${payload.roundId}/entries${search ? `?${search}` : ""}`;
}

/**
 * An export job the person may see: a public one, or their own. 404 otherwise — for an unknown or
 * malformed id, another kind of job, or someone else's export — so ids cannot be probed.
 */
async function visibleExport(
  userId: string | null,
  jobId: string,
): Promise<{ found: Found; payload: ExportJobPayload }> {
  const found = ExportJobId.safeParse(jobId).success ? await findExport({ jobId }) : null;
  if (!found || (found.job.createdById !== null && found.job.createdById !== userId))
    throw new DomainError(404, "exports.notFound");
  const payload = ExportJobPayload.safeParse(found.job.payload);
  if (!payload.success) throw new DomainError(404, "exports.notFound");
  return { found, payload: payload.data };
}

/** The progress page's view of an export job (see visibleExport for who may see it). */
export async function getExportJob(
  userId: string | null,
  jobId: string,
  now: Date = new Date(),
): Promise<ExportJobView> {
  const { found, payload } = await visibleExport(userId, jobId);
  const { job } = found;
  const finished = job.status === "SUCCEEDED";
  return {
    id: job.id,
    source: payload.source,
    format: found.format,
    status: isExpired(job, now) ? "expired" : STATUS[job.status],
    step: finished ? EXPORT_STEPS : Math.min(job.progressDone, EXPORT_STEPS),
    steps: EXPORT_STEPS,
    rows: found.rows,
    fileName: job.resultName,
    fileSize: job.resultSize,
    error: job.error,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    createdAt: job.createdAt.toISOString(),
    expiresAt: job.finishedAt ? new Date(job.finishedAt.getTime() + retentionMs()).toISOString() : null,
    backHref: backHrefOf(payload),
  };
}

/**
 * The finished file, streamed from the file store as the response is read (any instance serves
 * it; decision 047: never read whole into memory). 404 as getExportJob; 409 while it is being
 * made or after it failed; 410 once it has expired.
 */
export async function exportJobFile(
  userId: string | null,
  jobId: string,
  now: Date = new Date(),
): Promise<{
  body: ReadableStream<Uint8Array>;
  size: number | null;
  fileName: string;
  contentType: string;
  inline: boolean;
}> {
  const { found, payload } = await visibleExport(userId, jobId);
  const { job } = found;
  if (isExpired(job, now)) throw new DomainError(410, "exports.expired");
  if (job.status !== "SUCCEEDED") throw new DomainError(409, "exports.notReady");
  if (!job.resultStorage || !job.resultKey || !job.resultName || !job.resultType)
    throw new DomainError(410, "exports.expired");
  const stored = await getStream(storageNamed(job.resultStorage), job.resultKey);
  if (!stored) throw new DomainError(410, "exports.expired");
  // The register's PDF opens in the browser, as the direct download does; spreadsheets are saved.
  return {
    body: stored.body,
    size: stored.size ?? job.resultSize,
    fileName: job.resultName,
    contentType: job.resultType,
    inline: payload.source === "register" && payload.format === "pdf",
  };
}
