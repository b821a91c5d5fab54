// URL /admin/monitoring: monitoring after recognition for organisers (issue #14, decision 040) —
// the overdue yearly confirmations of the certificates their scope issued, as the daily job flagged
// them (paged; ?overdue=open|closed), the changes holders
// reported, open inspections, and consumers' reports grouped by certificate and problem, each
// group with a form to answer it. Scope is in the queries (app/modules/monitoring); administrators
// see every scope. Every write is a POST that works without JavaScript; a refused answer comes
// back as typed.
import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";
import { countActive, DataTable, FilterBar, type Column } from "~/components/data-table";
import { ErrorList, FormErrors } from "~/components/forms";
import { canManageRounds } from "~/modules/access/permissions";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { listReportedChanges } from "~/modules/monitoring/confirmations.server";
import { listOverdueFlags } from "~/modules/monitoring/overdue.server";
import { FLAG_STATES } from "~/modules/monitoring/schemas";
import { listOpenInspections } from "~/modules/monitoring/inspections.server";
import { answerCase, listReportCases } from "~/modules/monitoring/reports.server";
import { AnswerCaseSchema, CASE_STATUSES } from "~/modules/monitoring/schemas";
import { formatDate, formatDateTime } from "~/utils/dates";
import { replyWithDomainError } from "~/utils/forms.server";
import { httpError, searchParamsObject } from "~/utils/http.server";
import { getT, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { parsePage } from "~/utils/paging";
import { redirectWithToast } from "~/utils/toast.server";

export const meta = titleMeta("monitoring.admin.title");

// Unknown values in a hand-edited URL fall back to the defaults rather than an error page.
const Query = z.object({
  status: z.enum(CASE_STATUSES).optional().catch(undefined),
  overdue: z.enum(FLAG_STATES).catch("open").default("open"),
  page: z
    .string()
    .optional()
    .transform((v) => parsePage(v)),
});

async function requireMonitor(request: Request) {
  const auth = await requireAuth(request);
  if (!canManageRounds(auth.roles)) httpError(403, "error.403");
  return auth;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireMonitor(request);
  const { status, overdue: flagState, page } = Query.parse(searchParamsObject(request));
  const [overdue, changes, inspections, cases] = await Promise.all([
    listOverdueFlags(auth, { state: flagState, page }),
    listReportedChanges(auth),
    listOpenInspections(auth),
    listReportCases(auth, { status }),
  ]);
  return { overdue, flagState, changes, inspections, cases, status: status ?? null };
}

interface ActionReply {
  form: string;
  result: SubmissionResult<string[]>;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireMonitor(request);
  const formData = await request.formData();
  if (formData.get("intent") !== "answer") httpError(400, "error.400");
  const form = `answer-${String(formData.get("caseId") ?? "")}`;
  const submission = parseWithZod(formData, { schema: AnswerCaseSchema });
  if (submission.status !== "success") return data<ActionReply>({ form, result: submission.reply() }, { status: 400 });
  try {
    const done = await answerCase(auth, submission.value, requestMeta(request, context));
    return redirectWithToast(`/admin/monitoring${new URL(request.url).search}`, {
      kind: "success",
      messageKey: "monitoring.case.done",
      params: { serial: done.serial },
    });
  } catch (error) {
    const reply = replyWithDomainError(error, submission, { t: getT(await getLocale(request)) });
    return data<ActionReply>({ form, result: reply.data.result }, reply.init ?? undefined);
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Case = LoaderData["cases"][number];

function AnswerForm({ row, lastResult }: { row: Case; lastResult?: SubmissionResult<string[]> }) {
  const t = useT();
  const [form, fields] = useForm({
    id: `answer-${row.id}`,
    lastResult,
    defaultValue: { answer: row.answer ?? "", status: "ANSWERED" },
    constraint: getZodConstraint(AnswerCaseSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AnswerCaseSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const answer = getTextareaProps(fields.answer, { ariaDescribedBy: `${fields.answer.id}-hint` });
  const status = fields.status.value ?? fields.status.initialValue ?? "ANSWERED";
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="answer" />
      <input type="hidden" name="caseId" value={row.id} />
      <div className="field">
        <label htmlFor={fields.answer.id}>{t("monitoring.case.answer")}</label>
        <p id={`${fields.answer.id}-hint`} className="hint">
          {t("monitoring.case.answerHint")}
        </p>
        <textarea {...answer} key={answer.key} rows={3} />
        <ErrorList id={fields.answer.errorId} errors={fields.answer.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.status.id}>{t("monitoring.case.statusField")}</label>
        <select id={fields.status.id} name={fields.status.name} defaultValue={String(status)}>
          <option value="ANSWERED">{t("monitoring.case.status.ANSWERED")}</option>
          <option value="CLOSED">{t("monitoring.case.status.CLOSED")}</option>
        </select>
        <ErrorList id={fields.status.errorId} errors={fields.status.errors} />
      </div>
      <div>
        <button type="submit" className="button button-secondary">
          {t("monitoring.case.submit")}
        </button>
      </div>
    </Form>
  );
}

/** One of the page's queues: its heading, then its table or what an empty queue says. */
function Queue<Row extends { id: string }>({
  name,
  rows,
  columns,
  paging,
  children,
}: {
  name: "overdue" | "changes" | "inspections";
  rows: Row[];
  columns: Column<Row>[];
  paging?: { page: number; pages: number; total: number };
  children?: ReactNode;
}) {
  const t = useT();
  const title = t(`monitoring.admin.${name}`);
  return (
    <section className="stack" aria-labelledby={`${name}-h`}>
      <h2 id={`${name}-h`}>{title}</h2>
      {children}
      <DataTable
        paging={paging}
        caption={title}
        hideCaption
        empty={t(`monitoring.admin.${name}Empty`)}
        rows={rows}
        rowKey={(r) => r.id}
        columns={columns}
      />
    </section>
  );
}

export default function AdminMonitoring() {
  const t = useT();
  const { overdue, flagState, changes, inspections, cases, status } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const certLink = (c: { id: string; serial: string }) => (
    <Link to={`/admin/monitoring/certificates/${c.id}`}>{c.serial}</Link>
  );
  // The first two columns of the queues about one certificate: its serial (a link) and its product.
  const certificateColumns = <
    Row extends { certificate: { id: string; serial: string; productName: string } },
  >(): Column<Row>[] => [
    { key: "serial", header: t("monitoring.admin.col.serial"), cell: (r) => certLink(r.certificate), primary: true },
    { key: "product", header: t("monitoring.admin.col.product"), cell: (r) => r.certificate.productName },
  ];
  return (
    <div className="stack-lg">
      <div className="stack">
        <h1>{t("monitoring.admin.title")}</h1>
        <p className="muted">{t("monitoring.admin.intro")}</p>
      </div>

      <Queue
        name="overdue"
        rows={overdue.items}
        paging={overdue.paging}
        columns={[
          ...certificateColumns<(typeof overdue.items)[number]>(),
          { key: "est", header: t("monitoring.admin.col.establishment"), cell: (r) => r.certificate.establishmentName },
          {
            key: "due",
            header: t("monitoring.admin.col.due"),
            cell: (r) => `${formatDate(r.dueAt)} (${t("monitoring.admin.period", { period: r.period })})`,
            half: true,
          },
          {
            key: "flagged",
            header: t("monitoring.admin.col.flagged"),
            cell: (r) => formatDate(r.flaggedAt),
            half: true,
          },
          {
            key: "reminded",
            header: t("monitoring.admin.col.reminded"),
            cell: (r) => (r.remindedAt ? formatDate(r.remindedAt) : t("monitoring.admin.never")),
            half: true,
          },
          ...(flagState === "closed"
            ? [
                {
                  key: "closed",
                  header: t("monitoring.admin.col.closed"),
                  cell: (r: (typeof overdue.items)[number]) =>
                    `${formatDate(r.closedAt)} — ${t(`monitoring.admin.closedReason.${r.closedReason ?? "CONFIRMED"}`)}`,
                },
              ]
            : []),
        ]}
      >
        <FilterBar
          label={t("monitoring.admin.overdueFilter")}
          active={countActive({ overdue: flagState === "closed" ? "closed" : "" })}
        >
          {status ? <input type="hidden" name="status" value={status} /> : null}
          <div className="field">
            <label htmlFor="overdue-state">{t("monitoring.admin.overdueFilter")}</label>
            <select id="overdue-state" name="overdue" defaultValue={flagState}>
              {FLAG_STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`monitoring.admin.flag.${s}`)}
                </option>
              ))}
            </select>
          </div>
        </FilterBar>
      </Queue>

      <Queue
        name="changes"
        rows={changes}
        columns={[
          ...certificateColumns<(typeof changes)[number]>(),
          {
            key: "changes",
            header: t("monitoring.admin.col.changes"),
            cell: (r) =>
              `${r.changes.map((c) => t(`monitoring.change.${c}`)).join(", ")}${r.note ? ` — ${r.note}` : ""}`,
          },
          {
            key: "date",
            header: t("monitoring.admin.col.lastConfirmed"),
            cell: (r) => formatDate(r.createdAt),
            half: true,
          },
        ]}
      />

      <Queue
        name="inspections"
        rows={inspections}
        columns={[
          ...certificateColumns<(typeof inspections)[number]>(),
          {
            key: "planned",
            header: t("monitoring.admin.col.planned"),
            cell: (r) => formatDate(r.plannedFor),
            half: true,
          },
        ]}
      />

      <section className="stack" aria-labelledby="reports-h">
        <h2 id="reports-h">{t("monitoring.admin.reports")}</h2>
        <Form method="get" className="inline-form">
          {flagState === "closed" ? <input type="hidden" name="overdue" value="closed" /> : null}
          <label htmlFor="case-status">{t("monitoring.admin.filter")}</label>{" "}
          <select id="case-status" name="status" defaultValue={status ?? ""}>
            <option value="">{t("monitoring.admin.filterAll")}</option>
            {CASE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`monitoring.case.status.${s}`)}
              </option>
            ))}
          </select>{" "}
          <button type="submit" className="button button-secondary">
            {t("monitoring.admin.filterSubmit")}
          </button>
        </Form>
        {cases.length === 0 ? (
          <p className="muted">{t("monitoring.admin.reportsEmpty")}</p>
        ) : (
          <ul className="card-list">
            {cases.map((c) => (
              <li key={c.id} className="card stack" aria-labelledby={`case-${c.id}`}>
                <h3 id={`case-${c.id}`} className="h4">
                  {t(`monitoring.category.${c.category as "OTHER"}`)} — {c.certificate.productName} (
                  {certLink(c.certificate)})
                </h3>
                <p>
                  <span className="badge">{t(`monitoring.case.status.${c.status as "OPEN"}`)}</span>{" "}
                  {t("monitoring.case.count", { count: c.reportCount })}
                </p>
                <ul className="stack">
                  {c.reports.map((r) => (
                    <li key={r.id}>
                      <p>
                        <small className="muted">{formatDateTime(r.createdAt)}</small> — {r.text}
                      </p>
                      <p className="muted">
                        {t("monitoring.case.place")}: {r.place}
                        {r.contact ? ` · ${t("monitoring.case.contact")}: ${r.contact}` : ""}
                        {r.photoKey ? (
                          <>
                            {" · "}
                            <a href={`/admin/monitoring/reports/${r.id}/photo`}>{t("monitoring.case.photo")}</a>
                          </>
                        ) : null}
                      </p>
                    </li>
                  ))}
                </ul>
                {c.answer ? <p className="notice notice-info">{c.answer}</p> : null}
                {c.status === "OPEN" ? (
                  <AnswerForm
                    row={c}
                    lastResult={actionData?.form === `answer-${c.id}` ? actionData.result : undefined}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
