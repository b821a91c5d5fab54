// URL /admin/monitoring/certificates/:certificateId: one certificate's monitoring history for the
// organisers of the round that issued it (issue #14, decision 040) — yearly confirmations and
// reminders, inspections (plan one; record a planned one's findings and outcome), and the
// consumers' report groups. 403 for another scope's certificate, 404 for an unknown one.
import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorList, Field, FormErrors } from "~/components/forms";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { certificateHistory, planInspection, recordInspection } from "~/modules/monitoring/inspections.server";
import {
  CertificateIdParam,
  INSPECTION_OUTCOMES,
  PlanInspectionSchema,
  RecordInspectionSchema,
} from "~/modules/monitoring/schemas";
import { toVnDateInput } from "~/modules/rounds/round-fields";
import { formatDate } from "~/utils/dates";
import { replyWithDomainError } from "~/utils/forms.server";
import { httpError, mapDomainErrors, parseParams } from "~/utils/http.server";
import { getT, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";
import { BackLink } from "~/components/back-link";

export const meta = pageMeta<typeof loader>(({ t, data }) => ({
  title: [t("monitoring.history.title", { serial: data?.cert.serial ?? "" })],
}));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const { certificateId } = parseParams(CertificateIdParam, params, 404);
  const cert = await mapDomainErrors(() => certificateHistory(auth, certificateId));
  return { cert, today: toVnDateInput(new Date()) };
}

interface ActionReply {
  form: string;
  result: SubmissionResult<string[]>;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  const { certificateId } = parseParams(CertificateIdParam, params, 404);
  const formData = await request.formData();
  const meta = requestMeta(request, context);
  const t = getT(await getLocale(request));
  const here = `/admin/monitoring/certificates/${certificateId}`;
  const intent = formData.get("intent");
  if (intent === "plan") {
    const submission = parseWithZod(formData, { schema: PlanInspectionSchema });
    if (submission.status !== "success")
      return data<ActionReply>({ form: "plan", result: submission.reply() }, { status: 400 });
    try {
      const done = await planInspection(auth, certificateId, submission.value, meta);
      return redirectWithToast(here, {
        kind: "success",
        messageKey: "monitoring.inspection.planned",
        params: { serial: done.serial },
      });
    } catch (error) {
      const reply = replyWithDomainError(error, submission, { t });
      return data<ActionReply>({ form: "plan", result: reply.data.result }, reply.init ?? undefined);
    }
  }
  if (intent === "record") {
    const form = `record-${String(formData.get("inspectionId") ?? "")}`;
    const submission = parseWithZod(formData, { schema: RecordInspectionSchema });
    if (submission.status !== "success")
      return data<ActionReply>({ form, result: submission.reply() }, { status: 400 });
    try {
      const done = await recordInspection(auth, certificateId, submission.value, meta);
      return redirectWithToast(here, {
        kind: "success",
        messageKey: "monitoring.inspection.recorded",
        params: { serial: done.serial },
      });
    } catch (error) {
      const reply = replyWithDomainError(error, submission, { t });
      return data<ActionReply>({ form, result: reply.data.result }, reply.init ?? undefined);
    }
  }
  httpError(400, "error.400");
}

type Cert = ReturnType<typeof useLoaderData<typeof loader>>["cert"];
type InspectionRow = Cert["inspections"][number];

function PlanForm({ today, lastResult }: { today: string; lastResult?: SubmissionResult<string[]> }) {
  const t = useT();
  const [form, fields] = useForm({
    id: "plan",
    lastResult,
    defaultValue: { plannedFor: today },
    constraint: getZodConstraint(PlanInspectionSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PlanInspectionSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const purpose = getTextareaProps(fields.purpose);
  return (
    <Form method="post" {...getFormProps(form)} className="stack card">
      <h3 className="h4">{t("monitoring.inspection.plan")}</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="plan" />
      <Field meta={fields.plannedFor} label="monitoring.inspection.plannedFor" type="date" required="unmarked" />
      <div className="field">
        <label htmlFor={fields.purpose.id}>{t("monitoring.inspection.purpose")}</label>
        <textarea {...purpose} key={purpose.key} rows={2} />
        <ErrorList id={fields.purpose.errorId} errors={fields.purpose.errors} />
      </div>
      <div>
        <button type="submit" className="button button-secondary">
          {t("monitoring.inspection.planSubmit")}
        </button>
      </div>
    </Form>
  );
}

function RecordForm({
  row,
  today,
  lastResult,
}: {
  row: InspectionRow;
  today: string;
  lastResult?: SubmissionResult<string[]>;
}) {
  const t = useT();
  const [form, fields] = useForm({
    id: `record-${row.id}`,
    lastResult,
    defaultValue: { inspectedAt: today },
    constraint: getZodConstraint(RecordInspectionSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RecordInspectionSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const findings = getTextareaProps(fields.findings);
  const outcome = fields.outcome.value ?? fields.outcome.initialValue ?? "";
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <h4>{t("monitoring.inspection.record")}</h4>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="record" />
      <input type="hidden" name="inspectionId" value={row.id} />
      <Field meta={fields.inspectedAt} label="monitoring.inspection.inspectedAt" type="date" required="unmarked" />
      <div className="field">
        <label htmlFor={fields.findings.id}>{t("monitoring.inspection.findings")}</label>
        <textarea {...findings} key={findings.key} rows={3} />
        <ErrorList id={fields.findings.errorId} errors={fields.findings.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.outcome.id}>{t("monitoring.inspection.outcome")}</label>
        <select id={fields.outcome.id} name={fields.outcome.name} defaultValue={String(outcome)} required>
          <option value="" />
          {INSPECTION_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`monitoring.inspection.outcome.${o}`)}
            </option>
          ))}
        </select>
        <ErrorList id={fields.outcome.errorId} errors={fields.outcome.errors} />
      </div>
      <div>
        <button type="submit" className="button">
          {t("monitoring.inspection.recordSubmit")}
        </button>
      </div>
    </Form>
  );
}

export default function CertificateMonitoring() {
  const t = useT();
  const { cert, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (form: string) => (actionData?.form === form ? actionData.result : undefined);
  return (
    <div className="stack-lg">
      <BackLink to="/admin/monitoring">{t("monitoring.history.back")}</BackLink>
      <div className="stack">
        <h1>{t("monitoring.history.title", { serial: cert.serial })}</h1>
        <p>
          {cert.productName} — {cert.establishmentName}
        </p>
        <p>
          <span className="badge">{t(`certificates.status.${cert.status}`)}</span>{" "}
          <span className="badge">{t(`monitoring.state.${cert.obligation.state}`)}</span>
        </p>
      </div>

      <section className="stack" aria-labelledby="confirmations-h">
        <h2 id="confirmations-h">{t("monitoring.history.confirmations")}</h2>
        {cert.confirmations.length ? (
          <ul>
            {cert.confirmations.map((c) => (
              <li key={c.id}>
                {t("monitoring.producer.historyItem", { period: c.period, date: formatDate(c.createdAt) })}:{" "}
                {c.changes.length
                  ? c.changes.map((x) => t(`monitoring.change.${x}`)).join(", ")
                  : t("monitoring.producer.unchanged")}
                {c.note ? ` — ${c.note}` : ""}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("monitoring.history.noConfirmations")}</p>
        )}
        {cert.confirmationReminders.length ? (
          <>
            <h3 className="h4">{t("monitoring.history.reminders")}</h3>
            <ul>
              {cert.confirmationReminders.map((r) => (
                <li key={r.period}>
                  {t("monitoring.history.reminderItem", { period: r.period, date: formatDate(r.createdAt) })}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section className="stack" aria-labelledby="inspections-h">
        <h2 id="inspections-h">{t("monitoring.history.inspections")}</h2>
        {cert.inspections.length ? (
          <ul className="card-list">
            {cert.inspections.map((i) => (
              <li key={i.id} className="card stack">
                <p>
                  <span className="badge">{t(`monitoring.inspection.status.${i.status as "PLANNED"}`)}</span>{" "}
                  {i.status === "DONE"
                    ? t("monitoring.inspection.doneItem", {
                        date: formatDate(i.inspectedAt),
                        outcome: t(`monitoring.inspection.outcome.${i.outcome as "FINE"}`),
                      })
                    : t("monitoring.inspection.plannedItem", { date: formatDate(i.plannedFor) })}
                </p>
                {i.purpose ? <p className="muted">{i.purpose}</p> : null}
                {i.findings ? <p>{i.findings}</p> : null}
                {i.outcome === "REVOCATION_PROPOSED" ? (
                  <p className="notice notice-info">
                    {t("monitoring.history.revokeHint")}{" "}
                    <Link to={`/admin/rounds/${cert.roundId}/recognition`}>{t("monitoring.history.recognition")}</Link>
                  </p>
                ) : null}
                {i.status === "PLANNED" ? (
                  <RecordForm row={i} today={today} lastResult={resultFor(`record-${i.id}`)} />
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("monitoring.history.noInspections")}</p>
        )}
        {cert.status === "valid" ? <PlanForm today={today} lastResult={resultFor("plan")} /> : null}
      </section>

      <section className="stack" aria-labelledby="reports-h">
        <h2 id="reports-h">{t("monitoring.history.reports")}</h2>
        {cert.reportCases.length ? (
          <ul>
            {cert.reportCases.map((c) => (
              <li key={c.id}>
                {t(`monitoring.category.${c.category as "OTHER"}`)} —{" "}
                {t(`monitoring.case.status.${c.status as "OPEN"}`)} —{" "}
                {t("monitoring.case.count", { count: c.reportCount })} ({formatDate(c.lastReportAt)})
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("monitoring.admin.reportsEmpty")}</p>
        )}
      </section>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
