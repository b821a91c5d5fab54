// URL /exports/:jobId: the progress page of a large export made by a background job
// (docs/decisions/042-export-jobs.md). Shows the step it is at, then offers the file at
// /exports/:jobId/download. Without JavaScript the page reloads itself every few seconds while the
// job waits or runs (a <meta http-equiv="refresh"> inside <noscript>) and has a reload link; with
// JavaScript it asks the server again on the same rhythm, without a full reload. A public export
// (the register) is anyone's to follow; an organiser's export only its creator's (404 otherwise).
import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { getAuth } from "~/modules/auth/auth.server";
import { getExportJob, type ExportJobView } from "~/modules/exports/export-jobs.server";
import { ExportJobParams } from "~/modules/exports/schemas";
import { formatDateTime } from "~/utils/dates";
import { mapDomainErrors, parseParams } from "~/utils/http.server";
import { useT, type I18nHandle } from "~/utils/i18n";
import { pageMeta } from "~/utils/meta";
import { BackLink } from "~/components/back-link";

export const handle: I18nHandle = { i18n: ["exportJobs"] };

/** Seconds between looks while the job waits or runs. */
const REFRESH_SECONDS = 2;

/** The link back to the page the export was asked from. */
const BACK_LABEL = {
  register: "exports.back.register",
  entries: "exports.back.entries",
  results: "exports.back.results",
  nominations: "exports.back.nominations",
} as const;

export const meta = pageMeta(({ t }) => ({
  title: t("exports.page.title"),
  extra: [{ name: "robots", content: "noindex" }],
}));

const isPending = (job: Pick<ExportJobView, "status">) => job.status === "queued" || job.status === "running";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { jobId } = parseParams(ExportJobParams, params, 404);
  const auth = await getAuth(request);
  const job = await mapDomainErrors(() => getExportJob(auth?.user.id ?? null, jobId));
  // A progress page must never come from a cache.
  return data({ job }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function ExportJobPage() {
  const t = useT();
  const { job } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const pending = isPending(job);
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, REFRESH_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [pending, revalidator]);
  const status =
    job.status === "queued"
      ? t("exports.status.queued")
      : job.status === "running"
        ? t(job.step >= 1 ? "exports.status.writing" : "exports.status.reading", { rows: job.rows })
        : job.status === "done"
          ? t("exports.status.done")
          : job.status === "expired"
            ? t("exports.status.expired")
            : t("exports.status.failed");
  return (
    <div className="stack">
      {pending ? (
        <noscript>
          <meta httpEquiv="refresh" content={String(REFRESH_SECONDS)} />
        </noscript>
      ) : null}
      <BackLink to={job.backHref}>{t(BACK_LABEL[job.source])}</BackLink>
      <h1>{t("exports.page.title")}</h1>
      <section className="card stack" aria-labelledby="export-h">
        <h2 id="export-h">{t("exports.what", { rows: job.rows, format: job.format.toUpperCase() })}</h2>
        <p className="muted">{t("exports.askedAt", { date: formatDateTime(job.createdAt) })}</p>
        <div>
          <label htmlFor="export-progress">{t("exports.step", { step: job.step, steps: job.steps })}</label>
          <progress id="export-progress" max={job.steps} value={job.step}>
            {t("exports.step", { step: job.step, steps: job.steps })}
          </progress>
        </div>
        <p role="status" aria-live="polite">
          {status}
        </p>
        {job.attempts > 1 || job.status === "failed" ? (
          <p className="muted">{t("exports.attempt", { attempt: job.attempts, max: job.maxAttempts })}</p>
        ) : null}
        {job.error && job.status === "failed" ? (
          <p className="notice notice-error">{t("exports.lastError", { error: job.error })}</p>
        ) : null}
        {pending ? (
          <p>
            <a href={`/exports/${job.id}`}>{t("exports.reload")}</a>{" "}
            <span className="muted">{t("exports.reloadHint", { seconds: REFRESH_SECONDS })}</span>
          </p>
        ) : null}
        {job.status === "done" && job.fileName ? (
          <>
            <p>
              <a className="button" href={`/exports/${job.id}/download`} download={job.fileName}>
                {t("exports.download", { name: job.fileName })}
              </a>
            </p>
            {job.expiresAt ? (
              <p className="hint">{t("exports.keptUntil", { date: formatDateTime(job.expiresAt) })}</p>
            ) : null}
          </>
        ) : null}
        {job.status === "failed" || job.status === "expired" ? (
          <p>
            <a href={job.backHref}>{t("exports.again")}</a>
          </p>
        ) : null}
      </section>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
