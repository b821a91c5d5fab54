// Follows a download that answered 303 to an export job's progress page (docs/decisions/042, 047):
// runs a job worker until the job has ended, then fetches /exports/<id>/download as `cookie`.
import { expect } from "vitest";
import { call, get, type Outcome } from "./route-calls";
import { until } from "./until";
import { itemAt } from "~/utils/arrays";
import { getJob } from "~/modules/jobs/queue.server";
import { JobWorker } from "~/modules/jobs/worker.server";
import { resetEnvCache } from "~/utils/env.server";
import * as downloadRoute from "~/routes/exports.$jobId_.download";

/** Organisers' downloads of more than `rows` rows become jobs until `restore` is called. */
export function organiserExportThreshold(rows: number): { restore(): void } {
  const before = process.env.EXPORT_JOB_MIN_ROWS_ORGANISER;
  process.env.EXPORT_JOB_MIN_ROWS_ORGANISER = String(rows);
  resetEnvCache();
  return {
    restore() {
      if (before === undefined) delete process.env.EXPORT_JOB_MIN_ROWS_ORGANISER;
      else process.env.EXPORT_JOB_MIN_ROWS_ORGANISER = before;
      resetEnvCache();
    },
  };
}

/** The job id of a 303 to an export's progress page. */
export function exportJobIdOf(outcome: Outcome): string {
  expect(outcome.status).toBe(303);
  const match = /^\/exports\/([A-Za-z0-9_-]{22})$/.exec(outcome.headers.get("Location") ?? "");
  expect(match, `a redirect to a progress page, got ${outcome.headers.get("Location")}`).not.toBeNull();
  return itemAt(match!, 1, "the job id in the redirect");
}

/** Runs the export job to its end and returns its download as `cookie` sees it. */
export async function finishedExport(jobId: string, cookie?: string): Promise<Outcome> {
  const worker = new JobWorker({ pollMs: 50, leaseMs: 5000 }).start();
  try {
    const job = await until(
      () => getJob(jobId),
      (j) => j?.status === "SUCCEEDED" || j?.status === "FAILED",
      `export job ${jobId} to end`,
    );
    expect(job, job?.error ?? undefined).toMatchObject({ status: "SUCCEEDED" });
  } finally {
    await worker.stop(0);
  }
  return call(downloadRoute.loader, get(`/exports/${jobId}/download`, cookie), { jobId });
}
