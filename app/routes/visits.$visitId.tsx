// URL /visits/:visitId: one site visit of a second scoring pass (decision 039). Its readers are
// the round's organisers, the visit's members and the judges whose second-pass queue holds the
// entry (app/modules/visits/visits.server.ts); anyone else gets 403, producers included (they see
// only the date, on their entry's page). Organisers move or cancel (with a reason) a scheduled
// visit and record the report: findings, members present and photos (multipart, into the file
// storage). The entry's other visits, cancelled ones included, are listed as its history.
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { parseUploadForm } from "~/modules/files/upload.server";
import { toVnDateTimeInput } from "~/modules/rounds/round-fields";
import { CancelVisitSchema, ScheduleVisitSchema, VisitParams, VisitReportSchema } from "~/modules/visits/schemas";
import { CancelForm, ReportForm, ScheduleForm } from "~/modules/visits/visit-forms";
import { VISIT_PHOTOS_PER_POST } from "~/modules/visits/visit-rules";
import { cancelVisit, getVisit, moveVisit, recordVisitReport } from "~/modules/visits/visits.server";
import { formatDateTime } from "~/utils/dates";
import { replyWithDomainError } from "~/utils/forms.server";
import { formFailure, httpError, mapDomainErrors, parseParams } from "~/utils/http.server";
import { getT, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";
import { BackLink } from "~/components/back-link";

export const meta = pageMeta<typeof loader>(({ t, data }) => ({
  title: [data ? t("visits.visit.title", { code: data.entry.code ?? "" }) : null, data?.round.name],
}));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const { visitId } = parseParams(VisitParams, params, 404);
  return mapDomainErrors(() => getVisit(auth, visitId));
}

interface ActionReply {
  form: "schedule" | "report" | "cancel";
  result: SubmissionResult<string[]>;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  const { visitId } = parseParams(VisitParams, params, 404);
  const visit = await mapDomainErrors(() => getVisit(auth, visitId));
  const meta = requestMeta(request, context);
  const t = getT(await getLocale(request));
  const here = `/visits/${visitId}`;
  const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");

  // The report comes as multipart (its photos); moving the visit as a plain form. Either is read.
  let formData: FormData;
  let photos: { fileName: string; bytes: Buffer }[] = [];
  if (multipart) {
    try {
      const upload = await parseUploadForm(request, { maxFiles: VISIT_PHOTOS_PER_POST });
      formData = upload.formData;
      photos = upload.files.filter((f) => f.field === "photos").map((f) => ({ fileName: f.fileName, bytes: f.bytes }));
    } catch (error) {
      // A refused file (type, size, count) is shown on the report form, like any other refusal.
      const failure = formFailure(error);
      return data<ActionReply>(
        { form: "report", result: { status: "error", error: { "": [t(failure.messageKey, failure.params)] } } },
        { status: failure.status },
      );
    }
  } else {
    formData = await request.formData();
  }

  const intent = formData.get("intent");
  if (intent === "report") {
    const submission = parseWithZod(formData, { schema: VisitReportSchema });
    if (submission.status !== "success")
      return data<ActionReply>({ form: "report", result: submission.reply() }, { status: 400 });
    try {
      await recordVisitReport(auth, visitId, submission.value, photos, meta);
      return redirectWithToast(here, {
        kind: "success",
        messageKey: "visits.report.done",
        params: { code: visit.entry.code ?? "" },
      });
    } catch (error) {
      const reply = replyWithDomainError(error, submission, { t });
      return data<ActionReply>({ form: "report", result: reply.data.result }, reply.init ?? undefined);
    }
  }
  if (intent === "cancel") {
    const submission = parseWithZod(formData, { schema: CancelVisitSchema });
    if (submission.status !== "success")
      return data<ActionReply>({ form: "cancel", result: submission.reply() }, { status: 400 });
    try {
      await cancelVisit(auth, visitId, submission.value.reason, meta);
      return redirectWithToast(here, {
        kind: "success",
        messageKey: "visits.cancel.done",
        params: { code: visit.entry.code ?? "" },
      });
    } catch (error) {
      const reply = replyWithDomainError(error, submission, { t });
      return data<ActionReply>({ form: "cancel", result: reply.data.result }, reply.init ?? undefined);
    }
  }
  if (intent !== "schedule") httpError(400, "error.400");
  const submission = parseWithZod(formData, { schema: ScheduleVisitSchema });
  if (submission.status !== "success")
    return data<ActionReply>({ form: "schedule", result: submission.reply() }, { status: 400 });
  try {
    // The entry comes from the visit, not the form.
    const done = await moveVisit(auth, visitId, submission.value, meta);
    return redirectWithToast(here, {
      kind: "success",
      messageKey: "visits.schedule.moved",
      params: { code: done.code },
    });
  } catch (error) {
    const reply = replyWithDomainError(error, submission, { t });
    return data<ActionReply>({ form: "schedule", result: reply.data.result }, reply.init ?? undefined);
  }
}

export default function Visit() {
  const t = useT();
  const v = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as ActionReply | undefined;
  const code = v.entry.code ?? "";
  const happened = new Date(v.scheduledAt).getTime() <= Date.now();
  return (
    <div className="stack-lg">
      <div className="stack">
        <BackLink to={v.back}>{t("visits.visit.back")}</BackLink>
        <p className="muted">{v.round.name}</p>
        <h1>
          {t("visits.visit.title", { code })} — {v.entry.productName}
        </h1>
        <p>
          <span className="badge">{t(`visits.state.${v.state}`)}</span>
        </p>
        {v.state === "CANCELLED" ? (
          <p className="notice notice-error">
            {t("visits.cancel.notice", { date: formatDateTime(v.cancelledAt), reason: v.cancelReason ?? "" })}
          </p>
        ) : null}
      </div>
      <section className="card stack" aria-labelledby="visit-h">
        <h2 id="visit-h" className="visually-hidden">
          {t("visits.visit.title", { code })}
        </h2>
        <dl className="facts">
          <div>
            <dt>{t("visits.visit.when")}</dt>
            <dd>
              {formatDateTime(v.scheduledAt)} ({t("visits.visit.duration", { minutes: v.durationMinutes })})
            </dd>
          </div>
          <div>
            <dt>{t("visits.visit.address")}</dt>
            <dd>{v.address}</dd>
          </div>
          {v.note ? (
            <div>
              <dt>{t("visits.visit.note")}</dt>
              <dd className="pre-line">{v.note}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t("visits.visit.members")}</dt>
            <dd>
              <ul>
                {v.members.map((m) => (
                  <li key={m.id}>
                    {m.name}
                    {m.title ? ` — ${m.title}` : ""} {m.isMe ? t("visits.visit.you") : ""}
                    {m.present === null ? null : (
                      <span className="muted"> ({t(m.present ? "visits.visit.present" : "visits.visit.absent")})</span>
                    )}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        </dl>
        <p>
          <a href={`/visits/${v.id}/calendar.ics`} download>
            {t("visits.visit.ics")}
          </a>
        </p>
      </section>

      {v.history.length ? (
        <section className="card stack" aria-labelledby="history-h">
          <h2 id="history-h">{t("visits.history.title")}</h2>
          <ul>
            {v.history.map((h) => (
              <li key={h.id}>
                <Link to={`/visits/${h.id}`}>{formatDateTime(h.scheduledAt)}</Link>{" "}
                <span className="badge">{t(`visits.state.${h.state}`)}</span>
                {h.cancelReason ? <span className="muted"> — {h.cancelReason}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card stack" aria-labelledby="report-h">
        <h2 id="report-h">{t("visits.report.title")}</h2>
        {v.reportedAt ? (
          <>
            <p className="muted">{t("visits.report.reportedAt", { date: formatDateTime(v.reportedAt) })}</p>
            <p className="pre-line">{v.findings}</p>
          </>
        ) : (
          <p className="muted">{t("visits.report.none")}</p>
        )}
        <h3 className="h3">{t("visits.report.photos")}</h3>
        {v.photos.length ? (
          <ul className="photo-grid">
            {v.photos.map((p, i) => (
              <li key={p.id}>
                <a href={`/visits/${v.id}/photos/${p.id}`}>
                  <img
                    src={`/visits/${v.id}/photos/${p.id}${p.hasThumbnail ? "?thumb" : ""}`}
                    alt={t("visits.photo.alt", { code, n: i + 1 })}
                    loading="lazy"
                    width={160}
                    height={120}
                  />
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("visits.report.noPhotos")}</p>
        )}
        {v.canRecord && happened ? (
          <ReportForm
            lastResult={reply?.form === "report" ? reply.result : null}
            members={v.members}
            defaults={{ findings: v.findings ?? "", presentIds: v.members.filter((m) => m.present).map((m) => m.id) }}
          />
        ) : null}
        {v.canRecord && !happened ? (
          <p className="hint">{t("visits.report.notYet", { date: formatDateTime(v.scheduledAt) })}</p>
        ) : null}
      </section>

      {v.canRecord && v.state === "SCHEDULED" ? (
        <section className="card stack" aria-labelledby="move-h">
          <h2 id="move-h">{t("visits.reschedule.title")}</h2>
          <ScheduleForm
            id="schedule"
            lastResult={reply?.form === "schedule" ? reply.result : null}
            jury={v.jury}
            defaults={{
              entryId: v.entry.id,
              scheduledAt: toVnDateTimeInput(v.scheduledAt),
              durationMinutes: v.durationMinutes,
              address: v.address,
              note: v.note,
              memberIds: v.members.map((m) => m.id),
            }}
            submit="visits.reschedule.submit"
          />
        </section>
      ) : null}

      {v.canRecord && v.state === "SCHEDULED" ? (
        <section className="card stack" aria-labelledby="cancel-h">
          <h2 id="cancel-h">{t("visits.cancel.title")}</h2>
          <p className="hint">{t("visits.cancel.hint")}</p>
          <CancelForm lastResult={reply?.form === "cancel" ? reply.result : null} />
        </section>
      ) : null}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
