// Large exports as background jobs (docs/decisions/042-export-jobs.md), through the routes on the
// test's real database (SQLite, or PostgreSQL with TEST_POSTGRES_URL) and the real file store:
// a download above the threshold becomes a job (303 to its progress page), the same export asked
// again finds the same job, the job worker makes the file, and the file served from the store has
// the same content as the direct download of the same filters. An organiser's export is only its
// creator's; a job whose worker died is taken over and finished; expired files go; anonymous
// visitors cannot queue public exports without limit.
import ExcelJS from "exceljs";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { DEMO_ROUND_NAME } from "../../prisma/demo-round";
import { seed } from "../../prisma/seed";
import { call, cookieFor, get } from "../support/route-calls";
import { until } from "../support/until";
import { sweepExpiredExports } from "~/modules/exports/export-jobs.server";
import { EXPORT_JOB_KIND } from "~/modules/exports/schemas";
import { storageNamed } from "~/modules/files/storage.server";
import { claimJob, getJob } from "~/modules/jobs/queue.server";
import { JobWorker } from "~/modules/jobs/worker.server";
import { stopPdfThread } from "~/modules/print/pdf-thread.server";
import * as entriesExportRoute from "~/routes/admin.rounds_.$roundId_.entries_.export";
import * as downloadRoute from "~/routes/exports.$jobId_.download";
import * as pageRoute from "~/routes/exports.$jobId";
import * as registerExportRoute from "~/routes/products.export";
import { firstRow } from "~/utils/arrays";
import { prisma } from "~/utils/db.server";
import { resetEnvCache } from "~/utils/env.server";

/** Sets the export settings for what follows (the environment is read once, then cached). */
function settings(minRows: number, publicPending = 4) {
  process.env.EXPORT_JOB_MIN_ROWS = String(minRows);
  process.env.EXPORT_JOB_MIN_ROWS_ORGANISER = String(minRows);
  process.env.EXPORT_JOB_PUBLIC_PENDING = String(publicPending);
  resetEnvCache();
}
const DIRECT = 1_000_000;
/** Above this many rows a download is a job: the demo register and entry list are both larger. */
const SMALL = 3;

const workers: JobWorker[] = [];
const startWorker = (opts: { id?: string } = {}) => {
  const worker = new JobWorker({ pollMs: 50, leaseMs: 2000, ...opts }).start();
  workers.push(worker);
  return worker;
};
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop(0)));
  settings(SMALL);
});
afterAll(async () => {
  delete process.env.EXPORT_JOB_MIN_ROWS;
  delete process.env.EXPORT_JOB_MIN_ROWS_ORGANISER;
  delete process.env.EXPORT_JOB_PUBLIC_PENDING;
  resetEnvCache();
  await stopPdfThread();
});

let roundId: string;
let organiser: string;
let admin: string;
beforeAll(async () => {
  await seed(prisma, { demo: true, demoRound: true });
  roundId = (await prisma.round.findFirstOrThrow({ where: { name: DEMO_ROUND_NAME }, select: { id: true } })).id;
  organiser = await cookieFor("organiser.bacninh@tieubieu.test");
  admin = await cookieFor("admin@tieubieu.test");
}, 240_000);

const jobIdOf = (location: string | null) => {
  const jobId = /^\/exports\/([A-Za-z0-9_-]{22})$/.exec(location ?? "")?.[1];
  if (jobId === undefined) throw new Error(`expected a redirect to a progress page, got ${location}`);
  return jobId;
};
const registerExport = (query: string, ip = "127.0.0.1") =>
  call(
    registerExportRoute.loader,
    new Request(`http://localhost/products/export?${query}`, { headers: { "X-Forwarded-For": ip } }),
  );
const page = (jobId: string, cookie?: string) => call(pageRoute.loader, get(`/exports/${jobId}`, cookie), { jobId });
const download = (jobId: string, cookie?: string) =>
  call(downloadRoute.loader, get(`/exports/${jobId}/download`, cookie), { jobId });
const done = (jobId: string) =>
  until(
    () => getJob(jobId),
    (j) => j?.status === "SUCCEEDED" || j?.status === "FAILED",
    `export job ${jobId} to end`,
  );

/** The rows of an Excel file's first sheet, as text. */
async function xlsxRows(bytes: ArrayBuffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes);
  const rows: string[][] = [];
  firstRow(workbook.worksheets, "the workbook's sheets").eachRow((row) =>
    rows.push((row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString() : String(v)))),
  );
  return rows;
}

describe("the register's download above the threshold", () => {
  test("becomes a job with a progress page; the same export asked again is the same job; the file is the direct download's", async () => {
    settings(DIRECT);
    const direct = await registerExport("format=csv&sort=name");
    expect(direct.status).toBe(200);
    const directCsv = await direct.response!.text();
    const directDisposition = direct.headers.get("Content-Disposition");
    expect(directDisposition).toMatch(
      /^attachment; filename="danh-sach-san-pham-[a-z-]+-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''/,
    );
    const directXlsx = await xlsxRows(await (await registerExport("format=xlsx&sort=name")).response!.arrayBuffer());
    expect(directCsv.split("\r\n").length).toBeGreaterThan(SMALL + 1);

    settings(SMALL);
    const asked = await registerExport("format=csv&sort=name");
    expect(asked.status).toBe(303);
    const jobId = jobIdOf(asked.headers.get("Location"));
    // Asked again (another visitor, another address): the same job, not a second one.
    expect(jobIdOf((await registerExport("format=csv&sort=name&page=3", "10.0.0.9")).headers.get("Location"))).toBe(
      jobId,
    );
    expect(await prisma.job.count({ where: { kind: EXPORT_JOB_KIND } })).toBe(1);

    // Before a worker runs: the page says it waits, the download is not there yet.
    const waiting = await page(jobId);
    expect(waiting.status).toBe(200);
    expect(waiting.headers.get("Cache-Control")).toBe("private, no-store");
    expect(waiting.data).toMatchObject({
      job: {
        id: jobId,
        status: "queued",
        step: 0,
        steps: 2,
        source: "register",
        format: "csv",
        backHref: "/products?sort=name",
      },
    });
    expect((await download(jobId)).status).toBe(409);

    startWorker();
    const finished = await done(jobId);
    expect(finished).toMatchObject({ status: "SUCCEEDED", attempts: 1, resultType: "text/csv; charset=utf-8" });
    expect((await page(jobId)).data).toMatchObject({
      job: { status: "done", step: 2, fileName: finished!.resultName },
    });

    const file = await download(jobId);
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(file.headers.get("Content-Disposition")).toBe(directDisposition);
    expect(await file.response!.text()).toBe(directCsv);

    // Finished and the register unchanged: asking again serves the same file.
    expect(jobIdOf((await registerExport("format=csv&sort=name")).headers.get("Location"))).toBe(jobId);

    // The Excel file made by a job has the direct file's cells.
    const xlsxJob = jobIdOf((await registerExport("format=xlsx&sort=name")).headers.get("Location"));
    expect(xlsxJob).not.toBe(jobId);
    expect(await done(xlsxJob)).toMatchObject({ status: "SUCCEEDED" });
    const jobXlsx = await xlsxRows(await (await download(xlsxJob)).response!.arrayBuffer());
    expect(jobXlsx).toEqual(directXlsx);
  });

  test("an expired file answers 410 and is swept with its job", async () => {
    const jobId = jobIdOf((await registerExport("format=csv&sort=newest")).headers.get("Location"));
    startWorker();
    const finished = (await done(jobId))!;
    expect(await storageNamed(finished.resultStorage!).get(finished.resultKey!)).not.toBeNull();
    await prisma.job.update({ where: { id: jobId }, data: { finishedAt: new Date(Date.now() - 2 * 3_600_000) } });
    expect((await download(jobId)).status).toBe(410);
    expect((await page(jobId)).data).toMatchObject({ job: { status: "expired" } });
    expect(await sweepExpiredExports()).toBeGreaterThanOrEqual(1);
    expect(await getJob(jobId)).toBeNull();
    expect(await prisma.exportJob.count({ where: { jobId } })).toBe(0);
    expect(await storageNamed(finished.resultStorage!).get(finished.resultKey!)).toBeNull();
    expect((await page(jobId)).status).toBe(404);
  });

  test("anonymous visitors cannot queue public exports without limit", async () => {
    settings(SMALL, 1);
    const first = await registerExport("format=csv&sort=name&level=PROVINCE");
    expect(first.status).toBe(303);
    // No worker runs: the one waiting job fills the public queue; a different export is refused…
    const refused = await registerExport("format=pdf&sort=name&level=PROVINCE");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toBe("60");
    expect(await refused.response!.text()).toMatch(/thử lại sau/);
    // …while the same export still finds its job.
    expect((await registerExport("format=csv&sort=name&level=PROVINCE")).headers.get("Location")).toBe(
      first.headers.get("Location"),
    );
    await prisma.job.delete({ where: { id: jobIdOf(first.headers.get("Location")) } });
  });
});

describe("an organiser's export", () => {
  test("is only its creator's to follow and download, and has the direct download's rows", async () => {
    settings(DIRECT);
    const direct = await call(
      entriesExportRoute.loader,
      get(`/admin/rounds/${roundId}/entries/export?format=xlsx`, organiser),
      { roundId },
    );
    expect(direct.status).toBe(200);
    const directRows = await xlsxRows(await direct.response!.arrayBuffer());
    expect(directRows.length).toBeGreaterThan(SMALL + 1);

    settings(SMALL);
    const asked = await call(
      entriesExportRoute.loader,
      get(`/admin/rounds/${roundId}/entries/export?format=xlsx`, organiser),
      { roundId },
    );
    expect(asked.status).toBe(303);
    const jobId = jobIdOf(asked.headers.get("Location"));
    const audited = await prisma.auditLog.findMany({
      where: { action: "entry.export", entityId: roundId },
      select: { after: true },
    });
    expect(audited.filter((a) => (a.after as { jobId?: string } | null)?.jobId === jobId)).toHaveLength(1);
    startWorker();
    expect(await done(jobId)).toMatchObject({ status: "SUCCEEDED" });

    // Someone else — the national administrator, who may export this round's list directly, or an
    // anonymous visitor — sees no such job.
    for (const cookie of [admin, undefined]) {
      expect((await page(jobId, cookie)).status).toBe(404);
      expect((await download(jobId, cookie)).status).toBe(404);
    }
    expect((await page(jobId, organiser)).data).toMatchObject({
      job: { status: "done", backHref: `/admin/rounds/${roundId}/entries` },
    });
    const file = await download(jobId, organiser);
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Disposition")).toMatch(/^attachment; filename="ho-so-2026-[a-z0-9]{6}\.xlsx"/);
    expect(await xlsxRows(await file.response!.arrayBuffer())).toEqual(directRows);

    // The entry list has no version: a finished file is not served again, a fresh one is made.
    const again = jobIdOf(
      (
        await call(entriesExportRoute.loader, get(`/admin/rounds/${roundId}/entries/export?format=xlsx`, organiser), {
          roundId,
        })
      ).headers.get("Location"),
    );
    expect(again).not.toBe(jobId);
    expect(await getJob(jobId)).toBeNull();
  });

  test("a job whose worker died is taken over once its lease runs out, and finished", async () => {
    const asked = await call(
      entriesExportRoute.loader,
      get(`/admin/rounds/${roundId}/entries/export?format=csv&group=A`, organiser),
      { roundId },
    );
    const jobId = jobIdOf(asked.headers.get("Location"));
    // Only this job waits (the previous test's last export may still be queued: it was never run).
    await prisma.job.deleteMany({ where: { kind: EXPORT_JOB_KIND, id: { not: jobId }, status: "QUEUED" } });
    // A worker claims the job and dies at once: it never heartbeats, never finishes.
    const claimed = await claimJob("dead-worker", [EXPORT_JOB_KIND], 1000);
    expect(claimed).toMatchObject({ id: jobId, status: "RUNNING", attempts: 1, leaseOwner: "dead-worker" });
    expect((await page(jobId, organiser)).data).toMatchObject({ job: { status: "running" } });

    startWorker({ id: "live-worker" });
    const finished = (await done(jobId))!;
    expect(finished).toMatchObject({ status: "SUCCEEDED", attempts: 2, resultType: "text/csv; charset=utf-8" });
    const csv = await (await download(jobId, organiser)).response!.text();
    settings(DIRECT);
    const direct = await call(
      entriesExportRoute.loader,
      get(`/admin/rounds/${roundId}/entries/export?format=csv&group=A`, organiser),
      { roundId },
    );
    expect(csv).toBe(await direct.response!.text());
  });
});
