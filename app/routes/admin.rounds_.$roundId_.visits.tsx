// URL /admin/rounds/:roundId/visits: the site visits of a round's second scoring pass (issue #14,
// decision 039), for the round's organisers. The schedule (a table that becomes cards on a phone)
// and the form that schedules a visit of an entry selected for the second pass; each member is
// mailed through the outbox in the same transaction. Refusals keep what was typed.
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DataTable, type Column } from "~/components/data-table";
import { canUseAdminArea } from "~/modules/access/permissions";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { ScheduleVisitSchema, VisitRoundParams } from "~/modules/visits/schemas";
import { ScheduleForm } from "~/modules/visits/visit-forms";
import { getRoundVisits, scheduleVisit, type VisitRow } from "~/modules/visits/visits.server";
import { formatDateTime } from "~/utils/dates";
import { replyWithDomainError } from "~/utils/forms.server";
import { mapDomainErrors, parseParams, throwForbidden } from "~/utils/http.server";
import { getT, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";
import { BackLink } from "~/components/back-link";

export const meta = pageMeta<typeof loader>(({ t, data }) => ({ title: [t("visits.page.title"), data?.round.name] }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canUseAdminArea(auth.roles)) throwForbidden();
  const { roundId } = parseParams(VisitRoundParams, params, 404);
  return mapDomainErrors(() => getRoundVisits(auth, roundId));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canUseAdminArea(auth.roles)) throwForbidden();
  const { roundId } = parseParams(VisitRoundParams, params, 404);
  const submission = parseWithZod(await request.formData(), { schema: ScheduleVisitSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    const done = await scheduleVisit(auth, roundId, submission.value, requestMeta(request, context));
    return redirectWithToast(`/admin/rounds/${roundId}/visits`, {
      kind: "success",
      messageKey: "visits.schedule.done",
      params: { code: done.code },
    });
  } catch (error) {
    return replyWithDomainError(error, submission, { t: getT(await getLocale(request)) });
  }
}

export default function RoundVisits() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as { result: SubmissionResult<string[]> } | undefined;
  const columns: Column<(typeof page.visits)[number]>[] = [
    {
      key: "code",
      header: t("visits.col.code"),
      primary: true,
      cell: (v) => (
        <Link to={`/visits/${v.id}`} aria-label={t("visits.list.open", { code: v.entryCode ?? "" })}>
          {v.entryCode}
        </Link>
      ),
    },
    { key: "product", header: t("visits.col.product"), cell: (v) => `${v.productName} — ${v.establishmentName}` },
    { key: "date", header: t("visits.col.date"), cell: (v) => formatDateTime(v.scheduledAt) },
    { key: "address", header: t("visits.col.address"), cell: (v) => v.address },
    { key: "members", header: t("visits.col.members"), cell: (v) => v.members.join(", ") },
    {
      key: "state",
      header: t("visits.col.state"),
      half: true,
      cell: (v) => (
        <>
          <span className="badge">{t(`visits.state.${v.state as VisitRow["state"]}`)}</span>
          {v.cancelReason ? <span className="muted"> {v.cancelReason}</span> : null}
        </>
      ),
    },
  ];
  return (
    <div className="stack-lg">
      <div className="stack">
        <BackLink to={`/admin/rounds/${page.round.id}`}>{page.round.name}</BackLink>
        <h1>{t("visits.page.title")}</h1>
        <p className="muted">{t("visits.page.intro")}</p>
        {page.round.scoringPasses < 2 ? <p className="notice notice-info">{t("visits.page.noSecondPass")}</p> : null}
        {page.round.scoringPasses > 1 && !page.open ? (
          <p className="notice notice-info">{t("visits.page.closed")}</p>
        ) : null}
      </div>
      <section className="card stack" aria-labelledby="visits-h">
        <h2 id="visits-h">{t("visits.list.title")}</h2>
        <DataTable
          columns={columns}
          rows={page.visits}
          rowKey={(v) => v.id}
          caption={t("visits.list.title")}
          hideCaption
          empty={t("visits.list.empty")}
        />
        {page.visits.length ? (
          <p>
            <a href={`/visits/calendar.ics?round=${page.round.id}`} download>
              {t("visits.list.ics")}
            </a>
          </p>
        ) : null}
      </section>
      {page.open ? (
        <section className="card stack" aria-labelledby="schedule-h">
          <h2 id="schedule-h">{t("visits.schedule.title")}</h2>
          <p className="hint">
            {t("visits.page.window", { from: formatDateTime(page.window.from), to: formatDateTime(page.window.to) })}
          </p>
          {page.candidates.length || reply ? (
            <ScheduleForm
              id="schedule"
              lastResult={reply?.result ?? null}
              entries={page.candidates.map((e) => ({ id: e.id, label: `${e.code ?? ""} — ${e.productName}` }))}
              jury={page.jury}
              defaults={{}}
              submit="visits.schedule.submit"
            >
              {page.candidates.length ? (
                <details>
                  <summary>{t("visits.schedule.addresses")}</summary>
                  <ul>
                    {page.candidates.map((e) => (
                      <li key={e.id}>
                        <strong>{e.code}</strong> {e.establishmentName}: {e.address}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </ScheduleForm>
          ) : (
            <p className="muted">{t("visits.schedule.none")}</p>
          )}
        </section>
      ) : null}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
