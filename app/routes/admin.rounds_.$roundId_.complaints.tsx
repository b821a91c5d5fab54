// URL /admin/rounds/:roundId/complaints: complaints about a round's results (khiếu nại, issue #5)
// for its organisers and its council secretary. The organiser sets the period in which producers
// may complain; the list shows every complaint (filter ?status=, paged) with the entry's official
// result, as a DataTable that stacks into cards on a phone (decision 043); one complaint opens
// below the list (?complaint=…) with its text and, while OPEN, the form recording the council's
// decision — the only way a finalised result changes. Every write is a POST that works without JavaScript; a refused form
// comes back with what was typed. Rules and guards live in app/modules/complaints.
import {
  getFormProps,
  getInputProps,
  getTextareaProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ConfirmButton } from "~/components/confirm-button";
import { ErrorList, Field, FormErrors } from "~/components/forms";
import { DataTable, FilterBar, type Column } from "~/components/data-table";
import { parsePage } from "~/utils/paging";
import { requireAuth } from "~/modules/auth/auth.server";
import { decideComplaint, listComplaints, setComplaintsPeriod } from "~/modules/complaints/complaints.server";
import { COMPLAINT_STATUSES, suggestedComplaintsUntil, type ComplaintStatus } from "~/modules/complaints/rules";
import {
  ComplaintsQuery,
  ComplaintsRoundParam,
  decisionFromForm,
  DecideSchema,
  PeriodSchema,
} from "~/modules/complaints/schemas";
import { IdParam } from "~/modules/entries/schemas";
import { toVnDateInput, toVnDateTimeInput, vnDateTime } from "~/modules/rounds/round-fields";
import { formatDateTime } from "~/utils/dates";
import { httpError, mapDomainErrors, parseParams, searchParamsObject } from "~/utils/http.server";
import { useLocale, useT, type MessageKey } from "~/utils/i18n";
import { pageMeta } from "~/utils/meta";
import { z } from "zod";

/** The complaint opened below the list; anything that is not an id opens none. */
const OpenQuery = z.object({ complaint: IdParam.optional().catch(undefined) });
import { roundForm } from "~/modules/rounds/round-action.server";
import { submitForm } from "~/utils/forms.server";
import { BackLink } from "~/components/back-link";

export const meta = pageMeta<typeof loader>(({ t, data }) => ({ title: [t("complaints.title"), data?.round.name] }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const { roundId } = parseParams(ComplaintsRoundParam, params, 404);
  const search = searchParamsObject(request);
  const { status } = ComplaintsQuery.parse(search);
  const { complaint } = OpenQuery.parse(search);
  const list = await mapDomainErrors(() => listComplaints(auth, roundId, { status, page: parsePage(search.page) }));
  const { round } = list;
  const now = new Date();
  return {
    ...list,
    status: status ?? null,
    // Looked up among the rows of this page of the list: an id from elsewhere opens nothing.
    openId: (complaint && list.rows.some((r) => r.id === complaint) && complaint) || null,
    periodDefault: round.resultsFinalisedAt
      ? toVnDateTimeInput(round.complaintsUntil ?? suggestedComplaintsUntil(round.resultsFinalisedAt, now))
      : "",
    periodOpen: !!round.complaintsUntil && now.getTime() <= round.complaintsUntil.getTime(),
    today: toVnDateInput(now),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { auth, roundId, formData, intent, meta, t } = await roundForm(args, { params: ComplaintsRoundParam });
  const here = `/admin/rounds/${roundId}/complaints${new URL(args.request.url).search}`;

  if (intent === "period") {
    return submitForm("period", formData, PeriodSchema, t, async (v) => {
      const done = await setComplaintsPeriod(auth, roundId, vnDateTime(v.complaintsUntil)!, meta);
      return {
        to: here,
        toast: {
          kind: "success",
          messageKey: "complaints.period.saved",
          params: { date: formatDateTime(done.complaintsUntil) },
        },
      };
    });
  }

  if (intent === "decide") {
    return submitForm(`decide-${String(formData.get("complaintId") ?? "")}`, formData, DecideSchema, t, async (v) => {
      const done = await decideComplaint(auth, roundId, decisionFromForm(v), meta);
      const params = { code: done.code, serial: done.revokedSerial ?? "" };
      const messageKey: MessageKey = done.revokedSerial
        ? "complaints.decide.doneRevoked"
        : done.canIssueCertificate
          ? "complaints.decide.doneIssue"
          : done.certificateRevokedEarlier
            ? "complaints.decide.doneRevokedEarlier"
            : done.changed
              ? "complaints.decide.doneChanged"
              : "complaints.decide.done";
      return {
        to: here,
        toast: {
          kind: done.canIssueCertificate || done.certificateRevokedEarlier ? "info" : "success",
          messageKey,
          params,
        },
      };
    });
  }

  httpError(400, "error.400");
}

// ───────────── UI ─────────────

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Row = LoaderData["rows"][number];

function useNumber() {
  const locale = useLocale();
  const nf = new Intl.NumberFormat(locale === "en" ? "en-GB" : "vi-VN", { maximumFractionDigits: 2 });
  return (n: number | null | undefined) => (n === null || n === undefined ? "—" : nf.format(n));
}

function PeriodForm({ defaultValue, lastResult }: { defaultValue: string; lastResult?: SubmissionResult<string[]> }) {
  const t = useT();
  const [form, fields] = useForm({
    id: "period",
    lastResult,
    defaultValue: { complaintsUntil: defaultValue },
    constraint: getZodConstraint(PeriodSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PeriodSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="period" />
      <Field
        meta={fields.complaintsUntil}
        label="complaints.period.field"
        type="datetime-local"
        hint="complaints.period.hint"
        required="unmarked"
      />
      <div>
        <button type="submit" className="button button-secondary">
          {t("complaints.period.submit")}
        </button>
      </div>
    </Form>
  );
}

function DecideForm({
  row,
  today,
  passLine,
  lastResult,
}: {
  row: Row;
  today: string;
  passLine: number;
  lastResult?: SubmissionResult<string[]>;
}) {
  const t = useT();
  const num = useNumber();
  const [form, fields] = useForm({
    id: `decide-${row.id}`,
    lastResult,
    defaultValue: { decisionDate: today },
    constraint: getZodConstraint(DecideSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DecideSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const decision = getTextareaProps(fields.decision, { ariaDescribedBy: `${fields.decision.id}-hint` });
  const changes = fields.status.value === "UPHELD" && (!!fields.newScore.value || !!fields.newRecognised.value);
  const outcome = row.entry.outcome;
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <fieldset className="stack">
        <legend>{t("complaints.decide.legend", { code: row.entry.entryCode ?? "" })}</legend>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="decide" />
        <input type="hidden" name="complaintId" value={row.id} />
        <fieldset aria-describedby={fields.status.errorId}>
          <legend>{t("complaints.decide.status")}</legend>
          {(["UPHELD", "DISMISSED"] as const).map((value) => {
            const props = getInputProps(fields.status, { type: "radio", value });
            return (
              <label className="radio" key={value}>
                <input {...props} key={`${props.key}-${value}`} /> {t(`complaints.decide.status.${value}`)}
              </label>
            );
          })}
          <ErrorList id={fields.status.errorId} errors={fields.status.errors} />
        </fieldset>
        <div className="field">
          <label htmlFor={fields.decision.id}>
            {t("complaints.decide.decision")}
            <span className="required" aria-hidden="true">
              {" "}
              *
            </span>
          </label>
          <p id={`${fields.decision.id}-hint`} className="hint">
            {t("complaints.decide.decisionHint")}
          </p>
          <textarea {...decision} key={decision.key} rows={4} required />
          <ErrorList id={fields.decision.errorId} errors={fields.decision.errors} />
        </div>
        <div className="grid-2">
          <Field
            meta={fields.decisionNumber}
            label="complaints.decide.number"
            placeholder={t("complaints.decide.numberPlaceholder")}
            required="unmarked"
          />
          <Field meta={fields.decisionDate} label="complaints.decide.date" type="date" required max={today} />
        </div>
        <fieldset className="stack">
          <legend>{t("complaints.decide.change")}</legend>
          <p className="hint">{t("complaints.decide.changeHint")}</p>
          <Field
            // The schema's preprocess (decimal comma) types it as unknown; it is a number input.
            meta={fields.newScore as FieldMetadata<number | undefined>}
            label="complaints.decide.newScore"
            type="number"
            hint={<>{t("complaints.decide.newScoreHint", { score: num(outcome?.finalScore), line: num(passLine) })}</>}
            required="unmarked"
            min={0}
            max={100}
            step={0.01}
            inputMode="decimal"
          />
          <fieldset aria-describedby={fields.newRecognised.errorId}>
            <legend>{t("complaints.decide.newRecognised")}</legend>
            {(["", "yes", "no"] as const).map((value) => {
              const props = getInputProps(fields.newRecognised, { type: "radio", value });
              const checked = value === "" ? !fields.newRecognised.value : undefined;
              return (
                <label className="radio" key={value || "none"}>
                  <input
                    {...props}
                    key={`${props.key}-${value || "none"}`}
                    {...(checked !== undefined ? { defaultChecked: checked } : {})}
                  />{" "}
                  {t(
                    value === ""
                      ? "complaints.decide.recognisedSame"
                      : value === "yes"
                        ? "complaints.decide.recognisedYes"
                        : "complaints.decide.recognisedNo",
                  )}
                </label>
              );
            })}
            <ErrorList id={fields.newRecognised.errorId} errors={fields.newRecognised.errors} />
          </fieldset>
        </fieldset>
        <div>
          {changes ? (
            <ConfirmButton className="button button-danger" confirmText={t("complaints.decide.confirm")}>
              {t("complaints.decide.submit")}
            </ConfirmButton>
          ) : (
            <button type="submit" className="button">
              {t("complaints.decide.submit")}
            </button>
          )}
        </div>
      </fieldset>
    </Form>
  );
}

function OutcomeText({ outcome, passLine }: { outcome: Row["entry"]["outcome"]; passLine: number }) {
  const t = useT();
  const num = useNumber();
  if (!outcome) return <>—</>;
  return (
    <>
      {t("complaints.result.scoreIs", { score: num(outcome.finalScore) })} ·{" "}
      {outcome.finalPassed
        ? t("complaints.result.passedYes", { line: num(passLine) })
        : t("complaints.result.passedNo", { line: num(passLine) })}{" "}
      · {outcome.recognised ? t("complaints.result.recognisedYes") : t("complaints.result.recognisedNo")}
    </>
  );
}

function ComplaintCard({
  row,
  canDecide,
  today,
  passLine,
  backHref,
  lastResult,
}: {
  row: Row;
  canDecide: boolean;
  today: string;
  passLine: number;
  backHref: string;
  lastResult?: SubmissionResult<string[]>;
}) {
  const t = useT();
  const num = useNumber();
  const headingId = `complaint-${row.id}-h`;
  return (
    <section className="card stack" id="complaint" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {row.entry.entryCode ?? "—"} — {row.entry.product.name}{" "}
        <span className="badge">{t(`complaints.status.${row.status as ComplaintStatus}`)}</span>
      </h3>
      <dl className="facts">
        <dt>{t("complaints.col.establishment")}</dt>
        <dd>{row.entry.establishment.name}</dd>
        <dt>{t("complaints.col.lodged")}</dt>
        <dd>
          {formatDateTime(row.createdAt)} — {row.lodgedBy.name} ({row.lodgedBy.email})
        </dd>
        <dt>{t("complaints.col.result")}</dt>
        <dd>
          <OutcomeText outcome={row.entry.outcome} passLine={passLine} />
          <Certificate certificate={row.entry.certificate} />
        </dd>
        <dt>{t("complaints.col.text")}</dt>
        <dd className="pre-line">{row.text}</dd>
        {row.status !== "OPEN" ? (
          <>
            <dt>{t("complaints.col.decision")}</dt>
            <dd>
              <div className="pre-line">{row.decision}</div>
              <div className="muted">
                {t("complaints.col.decidedBy", { date: formatDateTime(row.decidedAt), name: row.decidedBy ?? "—" })}
              </div>
              {row.newScore !== null ? <div>{t("complaints.col.newScore", { score: num(row.newScore) })}</div> : null}
              {row.newRecognised !== null ? (
                <div>{t(row.newRecognised ? "complaints.col.newRecognisedYes" : "complaints.col.newRecognisedNo")}</div>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
      {row.status === "OPEN" && canDecide ? (
        <DecideForm row={row} today={today} passLine={passLine} lastResult={lastResult} />
      ) : null}
      <BackLink to={backHref}>{t("complaints.list.back")}</BackLink>
    </section>
  );
}

function Certificate({ certificate }: { certificate: Row["entry"]["certificate"] }) {
  const t = useT();
  if (!certificate) return null;
  return (
    <div className="muted">
      {certificate.revokedAt
        ? t("complaints.col.certificateRevoked", {
            serial: certificate.serial,
            date: formatDateTime(certificate.revokedAt),
          })
        : t("complaints.col.certificate", { serial: certificate.serial })}
    </div>
  );
}

function useColumns({
  passLine,
  canDecide,
  openHref,
}: {
  passLine: number;
  canDecide: boolean;
  openHref: (id: string) => string;
}): Column<Row>[] {
  const t = useT();
  return [
    {
      key: "entry",
      header: t("complaints.col.entry"),
      primary: true,
      rowHeader: true,
      cell: (r) => (
        <>
          <strong>{r.entry.entryCode ?? "—"}</strong> — {r.entry.product.name}
        </>
      ),
    },
    { key: "establishment", header: t("complaints.col.establishment"), cell: (r) => r.entry.establishment.name },
    {
      key: "status",
      header: t("complaints.col.status"),
      half: true,
      cell: (r) => <span className="badge">{t(`complaints.status.${r.status as ComplaintStatus}`)}</span>,
    },
    {
      key: "lodged",
      header: t("complaints.col.lodged"),
      half: true,
      cell: (r) => (
        <>
          {formatDateTime(r.createdAt)}
          <div className="muted">{r.lodgedBy.name}</div>
        </>
      ),
    },
    {
      key: "result",
      header: t("complaints.col.result"),
      cell: (r) => (
        <>
          <OutcomeText outcome={r.entry.outcome} passLine={passLine} />
          <Certificate certificate={r.entry.certificate} />
        </>
      ),
    },
    {
      key: "actions",
      header: t("common.actions"),
      cell: (r) => (
        <Link to={openHref(r.id)}>
          {t(r.status === "OPEN" && canDecide ? "complaints.list.decide" : "complaints.list.view")}
          <span className="sr-only"> {r.entry.entryCode ?? r.entry.product.name}</span>
        </Link>
      ),
    },
  ];
}

export default function RoundComplaints() {
  const t = useT();
  const navigation = useNavigation();
  const { round, asOrganiser, counts, paging, rows, toCertify, status, openId, periodDefault, periodOpen, today } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const replyFor = (form: string) => (actionData?.form === form ? actionData.result : undefined);
  const all = counts.OPEN + counts.UPHELD + counts.DISMISSED;
  const finalised = !!round.resultsFinalisedAt;
  // Links that keep the list's filter and page: one opens a complaint below the list, one closes it.
  const listSearch = (complaint?: string) => {
    const params = new URLSearchParams();
    if (status) params.set("status", status);
    if (paging.page > 1) params.set("page", String(paging.page));
    if (complaint) params.set("complaint", complaint);
    return `?${params.toString()}`;
  };
  const columns = useColumns({
    passLine: round.passLine,
    canDecide: finalised,
    openHref: (id) => `${listSearch(id)}#complaint`,
  });
  const open = openId ? rows.find((r) => r.id === openId) : undefined;

  return (
    <div className="stack-lg">
      <BackLink to={`/admin/rounds/${round.id}`}>{round.name}</BackLink>
      <div className="stack">
        <h1>{t("complaints.title")}</h1>
        <p className="hint">{t("complaints.intro")}</p>
        {!finalised ? (
          <p className="notice notice-info" role="status">
            {t("complaints.notFinalised")}
          </p>
        ) : null}
      </div>

      {toCertify.length ? (
        <div className="notice notice-info stack" role="status">
          <p>{t("complaints.toCertify.intro")}</p>
          <ul>
            {toCertify.map((c) => (
              <li key={c.entryId}>
                {c.code ?? "—"} — {c.productName}
              </li>
            ))}
          </ul>
          <p>
            <Link to={`/admin/rounds/${round.id}/recognition`}>{t("complaints.toCertify.link")}</Link>
          </p>
        </div>
      ) : null}

      <section className="card stack" aria-labelledby="period-h">
        <h2 id="period-h" className="h3">
          {t("complaints.period.title")}
        </h2>
        <p>
          {round.complaintsUntil
            ? t(periodOpen ? "complaints.period.openUntil" : "complaints.period.closedAt", {
                date: formatDateTime(round.complaintsUntil),
              })
            : t("complaints.period.notSetAdmin")}
        </p>
        {asOrganiser && finalised ? <PeriodForm defaultValue={periodDefault} lastResult={replyFor("period")} /> : null}
        {!asOrganiser ? <p className="hint">{t("complaints.period.organiserOnly")}</p> : null}
      </section>

      <section className="stack" aria-labelledby="list-h">
        <h2 id="list-h">
          {status
            ? t("complaints.list.titleStatus", { status: t(`complaints.status.${status as ComplaintStatus}`) })
            : t("complaints.list.title")}
        </h2>
        <FilterBar label={t("complaints.filter.label")} active={status ? 1 : 0}>
          <div className="field">
            <label htmlFor="status">{t("complaints.filter.status")}</label>
            <select id="status" name="status" defaultValue={status ?? ""}>
              <option value="">{t("complaints.filter.all", { count: all })}</option>
              {COMPLAINT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t("complaints.filter.one", { status: t(`complaints.status.${s}`), count: counts[s] })}
                </option>
              ))}
            </select>
          </div>
        </FilterBar>
        <DataTable
          columns={columns}
          rows={rows}
          rowKey={(r) => r.id}
          caption={t("complaints.list.title")}
          hideCaption
          empty={t("complaints.list.empty")}
          paging={paging}
        />
        {open ? (
          <ComplaintCard
            key={open.id}
            row={open}
            canDecide={finalised}
            today={today}
            passLine={round.passLine}
            backHref={listSearch()}
            lastResult={replyFor(`decide-${open.id}`)}
          />
        ) : null}
        {navigation.state === "submitting" ? <p className="muted">{t("complaints.working")}</p> : null}
      </section>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
