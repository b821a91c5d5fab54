// Bulk certificate printing as a ZIP resumes instead of starting again (issue #11,
// docs/decisions/027): an attempt that stops half-way (the handler made to fail, as a crash or a
// lost lease would) leaves the certificates it drew in the file store; the next attempt reuses
// them and draws only the rest; the ZIP, streamed to the file store, holds every certificate, only
// the round's organisers can download it, and the parts are removed once the job succeeded — or,
// for a job that failed for good, when finished jobs are purged. Runs on SQLite and PostgreSQL.
import { afterAll, beforeAll, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { roundWithCertificates } from "../support/certificate-round";
import { authFor } from "../support/judging-fixture";
import { until } from "../support/until";
import { zipEntries } from "../support/zip-entries";
import type { Auth } from "~/modules/auth/auth.server";
import { bulkPartKey, bulkResult, runBulkPrintJob, startBulkJob } from "~/modules/certificates/bulk.server";
import { getFileStorage, storageHas } from "~/modules/files/storage.server";
import { getJob } from "~/modules/jobs/queue.server";
import { JobWorker, purgeFinishedJobs } from "~/modules/jobs/worker.server";
import { itemAt } from "~/utils/arrays";
import { prisma } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";

const CERTIFICATES = 5;
const meta = { ip: "127.0.0.1" };
let organiser: Auth;
let roundId: string;
let serials: string[];
const worker = new JobWorker({ pollMs: 50 });

beforeAll(async () => {
  await seed(prisma, { demo: true });
  organiser = await authFor("organiser.bacninh@tieubieu.test");
  roundId = await roundWithCertificates(organiser.user.id, CERTIFICATES);
  serials = (
    await prisma.certificate.findMany({ where: { roundId }, select: { serial: true }, orderBy: { serial: "asc" } })
  ).map((c) => c.serial);
});
afterAll(() => worker.stop());

/** Runs the job's handler in this test, failing as a dying worker would once `stopAfter` certificates are done. */
async function attemptThatStops(jobId: string, stopAfter: number) {
  const job = (await getJob(jobId))!;
  const drawn: number[] = [];
  const attempt = runBulkPrintJob({
    job,
    signal: new AbortController().signal,
    async progress(done) {
      drawn.push(done);
      if (done === stopAfter) throw new Error("the worker died");
    },
  });
  await expect(attempt).rejects.toThrow("the worker died");
  return drawn;
}

test("a ZIP job stopped after two certificates resumes from the third, reusing the stored ones; the ZIP has every certificate", async () => {
  const job = await startBulkJob(organiser, roundId, "zip", meta);
  const storage = getFileStorage();
  await attemptThatStops(job.id, 2);
  const stored = await Promise.all(serials.map((serial) => storageHas(storage, bulkPartKey(job.id, serial))));
  expect(stored).toEqual([true, true, false, false, false]);

  // Mark the two stored certificates: if the next attempt drew them again, the marks would be gone.
  const marks = serials
    .slice(0, 2)
    .map((serial) => ({ serial, mark: Buffer.from(`%PDF-1.4 already drawn: ${serial}`) }));
  for (const { serial, mark } of marks) {
    await storage.delete(bulkPartKey(job.id, serial));
    await storage.put(bulkPartKey(job.id, serial), mark, "application/pdf");
  }

  worker.start();
  const done = await until(
    () => getJob(job.id),
    (j) => j?.status === "SUCCEEDED" || j?.status === "FAILED",
    "the job to end",
    120_000,
  );
  expect(done).toMatchObject({
    status: "SUCCEEDED",
    progressDone: CERTIFICATES,
    progressTotal: CERTIFICATES,
    resultType: "application/zip",
    error: null,
  });

  const file = await bulkResult(organiser, roundId, job.id);
  expect(file.bytes.length).toBe(done!.resultSize);
  const entries = zipEntries(file.bytes);
  expect(entries.map((e) => e.name)).toEqual(serials.map((serial) => `giay-chung-nhan-${serial}.pdf`));
  for (const [i, { mark }] of marks.entries()) {
    expect(itemAt(entries, i, "the ZIP's entries").bytes.equals(mark)).toBe(true);
  }
  for (const entry of entries.slice(2)) {
    expect(entry.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(entry.bytes.length).toBeGreaterThan(1000);
  }
  // The parts are removed once the job has succeeded (right after it is recorded).
  const partsLeft = () => Promise.all(serials.map((serial) => storageHas(storage, bulkPartKey(job.id, serial))));
  expect(await until(partsLeft, (left) => left.every((has) => !has), "the parts to be removed", 60_000)).toEqual(
    serials.map(() => false),
  );

  // Only the round's organisers may download it.
  const other = await authFor("organiser.mienbac@tieubieu.test");
  const refused = await bulkResult(other, roundId, job.id).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(DomainError);
  expect((refused as DomainError).status).toBe(404);
});

test("the parts of a job that failed for good are removed with it when finished jobs are purged", async () => {
  await worker.stop();
  const job = await startBulkJob(organiser, roundId, "zip", meta);
  const storage = getFileStorage();
  await attemptThatStops(job.id, 3);
  expect(await storageHas(storage, bulkPartKey(job.id, itemAt(serials, 2, "the round's serials")))).toBe(true);
  await prisma.job.update({
    where: { id: job.id },
    data: { status: "FAILED", error: "the worker died", updatedAt: new Date(Date.now() - 3 * 24 * 3600_000) },
  });
  expect(await purgeFinishedJobs()).toBeGreaterThanOrEqual(1);
  expect(await getJob(job.id)).toBeNull();
  expect(await Promise.all(serials.map((serial) => storageHas(storage, bulkPartKey(job.id, serial))))).toEqual(
    serials.map(() => false),
  );
});
