// URL /admin/rounds/:roundId/recognition/bulk: all certificates of a round at once (issue #5).
// POST (format=pdf|zip) queues a durable background job (docs/decisions/019) and redirects to
// ?job=<id>; GET ?job=<id> shows its progress ("12/30 giấy chứng nhận" and a <progress> bar) and
// reloads itself every 2 seconds with <meta http-equiv="refresh"> while it waits or runs — no
// JavaScript needed — then offers the file at /admin/rounds/:roundId/recognition/bulk/:jobId/download.
// A failed job shows its last error and a "try again" button (POST intent=retry). Only the
// round's organisers.
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormErrors } from "~/components/forms";
import { canUseAdminArea } from "~/modules/access/permissions";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { bulkPage, retryBulkJob, startBulkJob, type BulkJob } from "~/modules/certificates/bulk.server";
import { BulkSchema, JobId } from "~/modules/certificates/schemas";
import { RoundIdParam } from "~/modules/rounds/schemas";
import { formatDateTime } from "~/utils/dates";
import { formFailure, mapDomainErrors, parseParams, searchParamsObject, throwForbidden } from "~/utils/http.server";
import { getT, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";
import certificateStyles from "~/styles/certificates.css?url";
import { BulkFormatChoice } from "./admin.rounds_.$roundId_.recognition/certificates";
import { BackLink } from "~/components/back-link";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: certificateStyles }];

/** Seconds between reloads while a job runs. */
const REFRESH_SECONDS = 2;

export const meta = pageMeta<typeof loader>(({ t, data: loaded }) => ({
  title: [t("certificates.bulk.title"), loaded?.roundName],
  extra: loaded?.job && isPending(loaded.job) ? [{ httpEquiv: "refresh", content: String(REFRESH_SECONDS) }] : [],
}));

/** A job the page keeps reloading for: waiting for a worker or being made. */
const isPending = (job: Pick<BulkJob, "status">) => job.status === "queued" || job.status === "running";

const RetrySchema = z.object({ intent: z.literal("retry"), jobId: JobId });

const Query = z.object({ job: JobId.optional() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canUseAdminArea(auth.roles)) throwForbidden();
  const { roundId } = parseParams(RoundIdParam, params, 404);
  const { job: jobId } = parseParams(Query, searchParamsObject(request), 404);
  const { roundName, count, job } = await mapDomainErrors(() => bulkPage(auth, roundId, jobId));
  return data(
    { roundId, roundName, count, job },
    // A progress page must never come from a cache.
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canUseAdminArea(auth.roles)) throwForbidden();
  const { roundId } = parseParams(RoundIdParam, params, 404);
  const fields = Object.fromEntries(await request.formData());
  try {
    const job =
      fields.intent === "retry"
        ? await retryBulkJob(auth, roundId, parseParams(RetrySchema, fields).jobId, requestMeta(request, context))
        : await startBulkJob(auth, roundId, parseParams(BulkSchema, fields).format, requestMeta(request, context));
    return redirect(`/admin/rounds/${roundId}/recognition/bulk?job=${job.id}`);
  } catch (error) {
    const failure = formFailure(error);
    const t = getT(await getLocale(request));
    return data({ message: t(failure.messageKey, failure.params) }, { status: failure.status });
  }
}

export default function BulkCertificates() {
  const t = useT();
  const { roundId, roundName, count, job } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return (
    <div className="stack">
      <BackLink to={`/admin/rounds/${roundId}/recognition`}>{t("certificates.page.title")}</BackLink>
      <h1>{t("certificates.bulk.title")}</h1>
      <p className="muted">{roundName}</p>
      <FormErrors errors={refused && "message" in refused ? [refused.message] : null} />
      {job ? (
        <section className="card stack" aria-labelledby="job-h">
          <h2 id="job-h">{t(job.format === "zip" ? "certificates.bulk.jobZip" : "certificates.bulk.jobPdf")}</h2>
          <p className="muted">{t("certificates.bulk.startedAt", { date: formatDateTime(job.createdAt) })}</p>
          <div className="bulk-progress">
            <label htmlFor="bulk-progress">
              {t("certificates.bulk.progress", { done: job.done, total: job.total })}
            </label>
            <progress id="bulk-progress" max={job.total} value={job.done}>
              {t("certificates.bulk.progress", { done: job.done, total: job.total })}
            </progress>
          </div>
          <p role="status" aria-live="polite">
            {job.status === "queued"
              ? t("certificates.bulk.queued", { seconds: REFRESH_SECONDS })
              : job.status === "running"
                ? t("certificates.bulk.running", { seconds: REFRESH_SECONDS })
                : job.status === "done"
                  ? t("certificates.bulk.done")
                  : t("certificates.bulk.failed")}
          </p>
          {job.attempts > 1 || job.status === "failed" ? (
            <p className="muted">{t("certificates.bulk.attempt", { attempt: job.attempts, max: job.maxAttempts })}</p>
          ) : null}
          {job.error && job.status !== "done" ? (
            <p className="notice notice-error">{t("certificates.bulk.lastError", { error: job.error })}</p>
          ) : null}
          {job.status === "failed" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="retry" />
              <input type="hidden" name="jobId" value={job.id} />
              <button type="submit" className="button">
                {t("certificates.bulk.retry")}
              </button>
            </Form>
          ) : null}
          {isPending(job) ? (
            <p>
              <a href={`/admin/rounds/${roundId}/recognition/bulk?job=${job.id}`}>{t("certificates.bulk.reload")}</a>
            </p>
          ) : null}
          {job.status === "done" && job.fileName ? (
            <p>
              <a
                className="button"
                href={`/admin/rounds/${roundId}/recognition/bulk/${job.id}/download`}
                download={job.fileName}
              >
                {t("certificates.bulk.download", { name: job.fileName })}
              </a>
            </p>
          ) : null}
        </section>
      ) : null}
      {count > 0 ? (
        <Form method="post" className="card stack">
          <BulkFormatChoice />
          <p className="hint">{t("certificates.bulk.hint", { count })}</p>
          <div>
            <button type="submit" className="button button-secondary">
              {t(job ? "certificates.bulk.again" : "certificates.bulk.start")}
            </button>
          </div>
        </Form>
      ) : (
        <p className="muted">{t("certificates.bulk.none")}</p>
      )}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
