// URL /admin/rounds/:roundId/recognition: recognition of a finalised round (issue #5) for its
// organisers — the entries the council recognised (read-only, from the results), the recognition
// decision (record or edit it with a generated or uploaded PDF until certificates are issued;
// afterwards only replace its document with a signed scan), "issue certificates", the
// certificates with their status, PDF, verification page and a revoke form each, and the bulk
// download. Every write is a POST that works without JavaScript. Before the results are
// finalised the page says so (409) instead of failing.
import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmButton } from "~/components/confirm-button";
import { ErrorList, Field, FormErrors } from "~/components/forms";
import { canUseAdminArea } from "~/modules/access/permissions";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import {
  getRecognition,
  issueCertificates,
  recordDecision,
  replaceDecisionDocument,
  revokeCertificate,
  type UploadedDocument,
} from "~/modules/certificates/certificates.server";
import { formatVerificationCode } from "~/modules/certificates/codes";
import { prizeLabelKey } from "~/modules/certificates/prizes";
import { DECISION_SCAN_MAX_MB, DecisionSchema, REVOKE_REASON_MIN, RevokeSchema } from "~/modules/certificates/schemas";
import { parseUploadForm } from "~/modules/files/upload.server";
import { toVnDateInput } from "~/modules/rounds/round-fields";
import { RoundIdParam } from "~/modules/rounds/schemas";
import { formatDate, formatDateTime } from "~/utils/dates";
import { isDomainError } from "~/utils/errors";
import { replyWithDomainError } from "~/utils/forms.server";
import { formFailure, httpError, parseParams, throwForbidden, throwHttpError } from "~/utils/http.server";
import { getT, useT, type MessageKey } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { pageMeta } from "~/utils/meta";
import { TableWrap } from "~/components/table-wrap";

export const meta = pageMeta<typeof loader>(({ t, data }) => ({
  title: [t("certificates.page.title"), data ? (data.state === "ready" ? data.round.name : data.roundName) : null],
}));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canUseAdminArea(auth.roles)) throwForbidden();
  const { roundId } = parseParams(RoundIdParam, params, 404);
  try {
    const page = await getRecognition(auth, roundId);
    return { state: "ready" as const, ...page, scanMaxMb: DECISION_SCAN_MAX_MB };
  } catch (error) {
    // Not finalised yet: a page that says so, with the way to the results (not an error page).
    if (isDomainError(error, "results_not_finalised")) {
      return data({ state: "notFinalised" as const, roundId, roundName: String(error.params?.round ?? "") }, { status: 409 });
    }
    throwHttpError(error);
  }
}

/** A refused POST: which form it belongs to, and Conform's reply or a message. */
interface ActionReply {
  form: string;
  result: SubmissionResult<string[]> | null;
  message: string | null;
}

const isMultipart = (request: Request) => (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canUseAdminArea(auth.roles)) throwForbidden();
  const { roundId } = parseParams(RoundIdParam, params, 404);
  const meta = requestMeta(request, context);
  const t = getT(await getLocale(request));
  const here = `/admin/rounds/${roundId}/recognition`;

  // Only one form of the page sends a file (the decision before issue, the scan after): a
  // refused upload (too large, not a PDF…) is reported on it.
  let formData: FormData;
  let document: UploadedDocument | null = null;
  if (isMultipart(request)) {
    try {
      const upload = await parseUploadForm(request, { maxFiles: 1, maxMb: DECISION_SCAN_MAX_MB });
      formData = upload.formData;
      const file = upload.files.find((f) => f.field === "document");
      document = file ? { bytes: file.bytes, fileName: file.fileName } : null;
    } catch (error) {
      const failure = formFailure(error);
      return data<ActionReply>({ form: "upload", result: null, message: t(failure.messageKey, failure.params) }, { status: failure.status });
    }
  } else {
    formData = await request.formData();
  }
  const intent = formData.get("intent");

  if (intent === "decision") {
    const submission = parseWithZod(formData, { schema: DecisionSchema });
    if (submission.status !== "success") return data<ActionReply>({ form: "decision", result: submission.reply(), message: null }, { status: 400 });
    try {
      const { intent: _intent, ...fields } = submission.value;
      const done = await recordDecision(auth, roundId, { ...fields, document }, meta);
      return redirectWithToast(here, { kind: "success", messageKey: done.created ? "certificates.decision.recorded" : "certificates.decision.updated" });
    } catch (error) {
      const reply = replyWithDomainError(error, submission, { t });
      return data<ActionReply>({ form: "decision", result: reply.data.result, message: null }, reply.init ?? undefined);
    }
  }

  // The two forms without fields: a refusal is one translated message on the form.
  const refused = (form: "document" | "issue", error: unknown) => {
    const failure = formFailure(error);
    return data<ActionReply>({ form, result: null, message: t(failure.messageKey, failure.params) }, { status: failure.status });
  };

  if (intent === "document") {
    try {
      await replaceDecisionDocument(auth, roundId, document, meta);
      return redirectWithToast(here, { kind: "success", messageKey: "certificates.document.replaced" });
    } catch (error) {
      return refused("document", error);
    }
  }

  if (intent === "issue") {
    try {
      const done = await issueCertificates(auth, roundId, meta);
      const first = done.issued[0];
      const last = done.issued.at(-1);
      return redirectWithToast(here, first && last
        ? { kind: "success", messageKey: "certificates.issue.done", params: { count: done.issued.length, first: first.serial, last: last.serial } }
        : { kind: "info", messageKey: "certificates.issue.nothing" });
    } catch (error) {
      return refused("issue", error);
    }
  }

  if (intent === "revoke") {
    const certificateId = String(formData.get("certificateId") ?? "");
    const form = `revoke-${certificateId}`;
    const submission = parseWithZod(formData, { schema: RevokeSchema });
    if (submission.status !== "success") return data<ActionReply>({ form, result: submission.reply(), message: null }, { status: 400 });
    try {
      const done = await revokeCertificate(auth, submission.value.certificateId, submission.value.reason, meta, { roundId });
      return redirectWithToast(here, { kind: "success", messageKey: "certificates.revoke.done", params: { serial: done.serial } });
    } catch (error) {
      const reply = replyWithDomainError(error, submission, { t });
      return data<ActionReply>({ form, result: reply.data.result, message: null }, reply.init ?? undefined);
    }
  }

  httpError(400, "error.400");
}

// ───────────── UI ─────────────

type Ready = Extract<Awaited<ReturnType<typeof loader>>, { state: "ready" }>;

export default function Recognition() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as ActionReply | undefined;
  if (loaded.state === "notFinalised") {
    return (
      <div className="stack">
        <p>
          <Link to={`/admin/rounds/${loaded.roundId}`}>← {loaded.roundName}</Link>
        </p>
        <h1>{t("certificates.page.title")}</h1>
        <div className="notice notice-info" role="status">
          <p>{t("certificates.error.notFinalised", { round: loaded.roundName })}</p>
          <p>
            <Link to={`/admin/rounds/${loaded.roundId}/results`}>{t("certificates.page.toResults")}</Link>
          </p>
        </div>
      </div>
    );
  }
  const page = loaded as unknown as Ready;
  const { round, decision, certificates } = page;
  const replyFor = (form: string) => (reply && (reply.form === form || (reply.form === "upload" && (form === "decision" || form === "document"))) ? reply : undefined);
  return (
    <div className="stack-lg">
      <div className="stack">
        <p>
          <Link to={`/admin/rounds/${round.id}`}>← {round.name}</Link>
        </p>
        <h1>{t("certificates.page.title")}</h1>
        <p className="muted">
          {t("certificates.page.intro", { jurisdiction: round.jurisdiction, year: round.year, date: formatDateTime(round.resultsFinalisedAt) })}
        </p>
      </div>

      <RecognisedList page={page} />
      <p>
        <Link to={`/admin/rounds/${round.id}/prizes`}>{t("prizes.page.link")}</Link>
      </p>

      <section className="card stack" aria-labelledby="decision-h">
        <h2 id="decision-h">{t("certificates.decision.title")}</h2>
        {decision ? <DecisionFacts page={page} /> : <p>{t("certificates.decision.none")}</p>}
        {page.decisionEditable ? (
          page.recognised.length ? (
            <DecisionForm page={page} reply={replyFor("decision")} />
          ) : (
            <p className="notice notice-info">{t("certificates.decision.noneRecognised")}</p>
          )
        ) : (
          <ReplaceDocumentForm page={page} reply={replyFor("document")} />
        )}
      </section>

      {decision ? (
        <section className="card stack" aria-labelledby="issue-h">
          <h2 id="issue-h">{t("certificates.issue.title")}</h2>
          <p>{t("certificates.issue.summary", { recognised: page.recognised.length, issued: certificates.length, pending: page.pending })}</p>
          <FormErrors errors={replyFor("issue")?.message ? [replyFor("issue")!.message!] : null} />
          {page.pending > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="issue" />
              <p className="hint">{t("certificates.issue.hint", { date: formatDate(decision.signedAt) })}</p>
              <ConfirmButton className="button" confirmText={t("certificates.issue.confirm", { count: page.pending })}>
                {t("certificates.issue.button")}
              </ConfirmButton>
            </Form>
          ) : (
            <p className="muted">{t("certificates.issue.allIssued")}</p>
          )}
        </section>
      ) : null}

      {certificates.length ? <CertificatesTable page={page} reply={reply} /> : null}
      {certificates.length ? <BulkSection page={page} /> : null}
    </div>
  );
}

function RecognisedList({ page }: { page: Ready }) {
  const t = useT();
  return (
    <section className="stack" aria-labelledby="recognised-h">
      <h2 id="recognised-h">{t("certificates.recognised.title", { count: page.recognised.length })}</h2>
      <p className="hint">{t("certificates.recognised.hint")}</p>
      {page.recognised.length === 0 ? (
        <p className="muted">{t("certificates.recognised.empty")}</p>
      ) : (
        <TableWrap label={t("certificates.recognised.title", { count: page.recognised.length })}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("certificates.col.no")}</th>
                <th scope="col">{t("certificates.col.code")}</th>
                <th scope="col">{t("certificates.col.product")}</th>
                <th scope="col">{t("certificates.col.establishment")}</th>
                <th scope="col">{t("certificates.col.group")}</th>
                <th scope="col" className="num">
                  {t("certificates.col.score")}
                </th>
                <th scope="col">{t("certificates.col.serial")}</th>
                <th scope="col">{t("prizes.award.prize")}</th>
              </tr>
            </thead>
            <tbody>
              {page.recognised.map((r, i) => (
                <tr key={r.entryId}>
                  <td className="num">{i + 1}</td>
                  <td>{r.entryCode ?? "—"}</td>
                  <td>{r.productName}</td>
                  <td>{r.establishmentName}</td>
                  <td>
                    <abbr title={t(`group.${r.group}` as MessageKey)}>{r.group}</abbr>
                  </td>
                  <td className="num">{r.finalScore === null ? "—" : r.finalScore.toLocaleString("vi-VN", { maximumFractionDigits: 2 })}</td>
                  <td>{r.serial ?? <span className="muted">{t("certificates.recognised.notIssued")}</span>}</td>
                  <td>{r.prize ? t(prizeLabelKey(r.prize)) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

function DecisionFacts({ page }: { page: Ready }) {
  const t = useT();
  const d = page.decision!;
  return (
    <div className="stack">
      <dl className="facts">
        <dt>{t("certificates.decision.number")}</dt>
        <dd>
          <strong>{d.number}</strong>
        </dd>
        <dt>{t("certificates.decision.signedAt")}</dt>
        <dd>{formatDate(d.signedAt)}</dd>
        <dt>{t("certificates.decision.authority")}</dt>
        <dd>{d.authority}</dd>
        <dt>{t("certificates.decision.signer")}</dt>
        <dd>
          {d.signerTitle} {d.signerName}
        </dd>
        <dt>{t("certificates.decision.document")}</dt>
        <dd>
          {d.documentSource ? (
            <>
              <a href={`/decisions/${d.id}.pdf`} target="_blank" rel="noreferrer">
                {d.documentName ?? t("certificates.decision.openPdf")}
              </a>{" "}
              <span className="badge">{t(d.documentSource === "UPLOADED" ? "certificates.decision.source.UPLOADED" : "certificates.decision.source.GENERATED")}</span>
            </>
          ) : (
            <span className="muted">{t("certificates.decision.noDocument")}</span>
          )}
        </dd>
      </dl>
      {page.decisionEditable ? (
        <p className="hint">{t("certificates.decision.editableHint")}</p>
      ) : (
        <p className="hint">{t("certificates.decision.publicHint", { url: `/decisions/${d.id}.pdf` })}</p>
      )}
    </div>
  );
}

function DecisionForm({ page, reply }: { page: Ready; reply?: ActionReply }) {
  const t = useT();
  const d = page.decision;
  const [form, fields] = useForm({
    id: "decision",
    lastResult: reply?.result ?? null,
    defaultValue: {
      number: d?.number ?? "",
      signedAt: d ? toVnDateInput(d.signedAt) : page.defaults.signedAt,
      authority: d?.authority ?? page.defaults.authority,
      signerName: d?.signerName ?? "",
      signerTitle: d?.signerTitle ?? "",
      documentSource: d?.documentSource === "UPLOADED" ? "UPLOADED" : "GENERATED",
    },
    constraint: getZodConstraint(DecisionSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DecisionSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const input = (name: "number" | "signedAt" | "authority" | "signerName" | "signerTitle", label: MessageKey, type: "text" | "date" = "text", hint?: MessageKey) => (
    <Field
      meta={fields[name]}
      label={label}
      type={type}
      hint={hint}
      required
      max={type === "date" ? page.defaults.signedAt : undefined}
      min={type === "date" ? toVnDateInput(page.round.resultsFinalisedAt) : undefined}
    />
  );
  const formErrors = [...(form.errors ?? []), ...(reply?.message ? [reply.message] : [])];
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="stack" aria-labelledby="decision-form-h">
      <h3 id="decision-form-h" className="h3">
        {t(d ? "certificates.decision.edit" : "certificates.decision.record")}
      </h3>
      <FormErrors id={form.errorId} errors={formErrors.length ? formErrors : null} />
      <input type="hidden" name="intent" value="decision" />
      <div className="grid-2">
        {input("number", "certificates.decision.number", "text", "certificates.decision.numberHint")}
        {input("signedAt", "certificates.decision.signedAt", "date", "certificates.decision.signedAtHint")}
      </div>
      {input("authority", "certificates.decision.authority", "text", "certificates.decision.authorityHint")}
      <div className="grid-2">
        {input("signerTitle", "certificates.decision.signerTitle", "text", "certificates.decision.signerTitleHint")}
        {input("signerName", "certificates.decision.signerName")}
      </div>
      <fieldset className="stack" aria-describedby={fields.documentSource.errorId}>
        <legend>{t("certificates.decision.documentSource")}</legend>
        {(["GENERATED", "UPLOADED"] as const).map((value) => {
          const props = getInputProps(fields.documentSource, { type: "radio", value });
          return (
            <label className="radio" key={value}>
              <input {...props} key={`${props.key}-${value}`} /> {t(`certificates.decision.sourceOption.${value}`)}
            </label>
          );
        })}
        <ErrorList id={fields.documentSource.errorId} errors={fields.documentSource.errors} />
        <div className="field">
          <label htmlFor="decision-document">{t("certificates.decision.scan")}</label>
          <p id="decision-document-hint" className="hint">
            {t(d?.documentSource === "UPLOADED" ? "certificates.decision.scanHintKeep" : "certificates.decision.scanHint", { max: page.scanMaxMb })}
          </p>
          <input id="decision-document" name="document" type="file" accept="application/pdf,.pdf" aria-describedby="decision-document-hint" />
        </div>
      </fieldset>
      <div>
        <button type="submit" className="button">
          {t(d ? "certificates.decision.save" : "certificates.decision.submit")}
        </button>
      </div>
    </Form>
  );
}

function ReplaceDocumentForm({ page, reply }: { page: Ready; reply?: ActionReply }) {
  const t = useT();
  return (
    <Form method="post" encType="multipart/form-data" className="stack" aria-labelledby="replace-h">
      <h3 id="replace-h" className="h3">
        {t("certificates.document.title")}
      </h3>
      <p className="hint">{t("certificates.document.hint")}</p>
      <FormErrors errors={reply?.message ? [reply.message] : null} />
      <input type="hidden" name="intent" value="document" />
      <div className="field">
        <label htmlFor="replace-document">
          {t("certificates.decision.scan")}
          <span className="required" aria-hidden="true">
            {" "}
            *
          </span>
        </label>
        <p id="replace-document-hint" className="hint">
          {t("certificates.decision.scanHint", { max: page.scanMaxMb })}
        </p>
        <input id="replace-document" name="document" type="file" accept="application/pdf,.pdf" required aria-describedby="replace-document-hint" />
      </div>
      <div>
        <button type="submit" className="button button-secondary">
          {t("certificates.document.submit")}
        </button>
      </div>
    </Form>
  );
}

function CertificatesTable({ page, reply }: { page: Ready; reply?: ActionReply }) {
  const t = useT();
  return (
    <section className="stack" aria-labelledby="certificates-h">
      <h2 id="certificates-h">{t("certificates.list.title", { count: page.certificates.length })}</h2>
      <TableWrap label={t("certificates.list.title", { count: page.certificates.length })}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("certificates.col.serial")}</th>
              <th scope="col">{t("certificates.col.product")}</th>
              <th scope="col">{t("certificates.col.establishment")}</th>
              <th scope="col">{t("certificates.col.validUntil")}</th>
              <th scope="col">{t("certificates.col.status")}</th>
              <th scope="col">{t("certificates.col.links")}</th>
              <th scope="col">{t("certificates.col.revoke")}</th>
            </tr>
          </thead>
          <tbody>
            {page.certificates.map((c) => (
              <tr key={c.id}>
                <td>
                  <strong>{c.serial}</strong>
                </td>
                <td>
                  {c.productName} <span className="muted">({c.productGroup})</span>
                </td>
                <td>{c.establishmentName}</td>
                <td>{formatDate(c.validUntil)}</td>
                <td>
                  <span className="badge">{t(`certificates.status.${c.status}`)}</span>
                  {c.revokedAt ? (
                    <div className="muted">
                      {t("certificates.list.revokedOn", { date: formatDate(c.revokedAt) })}: {c.revokedReason}
                    </div>
                  ) : null}
                </td>
                <td>
                  <a href={`/certificates/${c.id}.pdf`} target="_blank" rel="noreferrer">
                    {t("certificates.list.pdf")}
                  </a>
                  <br />
                  <a href={`/verify/${c.code}`} target="_blank" rel="noreferrer">
                    {t("certificates.list.verify", { code: formatVerificationCode(c.code) })}
                  </a>
                </td>
                <td>{c.revokedAt ? "—" : <RevokeForm id={c.id} serial={c.serial} reply={reply?.form === `revoke-${c.id}` ? reply : undefined} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

function RevokeForm({ id, serial, reply }: { id: string; serial: string; reply?: ActionReply }) {
  const t = useT();
  const [form, fields] = useForm({
    id: `revoke-${id}`,
    lastResult: reply?.result ?? null,
    constraint: getZodConstraint(RevokeSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RevokeSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const reason = getTextareaProps(fields.reason, { ariaDescribedBy: `${fields.reason.id}-hint` });
  return (
    <details open={reply ? true : undefined}>
      <summary>{t("certificates.revoke.open")}</summary>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="revoke" />
        <input type="hidden" name="certificateId" value={id} />
        <div className="field">
          <label htmlFor={fields.reason.id}>{t("certificates.revoke.reason", { serial })}</label>
          <p id={`${fields.reason.id}-hint`} className="hint">
            {t("certificates.revoke.hint", { min: REVOKE_REASON_MIN })}
          </p>
          <textarea {...reason} key={reason.key} rows={3} required minLength={REVOKE_REASON_MIN} />
          <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
        </div>
        <div>
          <ConfirmButton className="button button-danger button-small" confirmText={t("certificates.revoke.confirm", { serial })}>
            {t("certificates.revoke.submit")}
          </ConfirmButton>
        </div>
      </Form>
    </details>
  );
}

function BulkSection({ page }: { page: Ready }) {
  const t = useT();
  return (
    <section className="card stack" aria-labelledby="bulk-h">
      <h2 id="bulk-h">{t("certificates.bulk.title")}</h2>
      <p className="hint">{t("certificates.bulk.hint", { count: page.certificates.length })}</p>
      <Form method="post" action={`/admin/rounds/${page.round.id}/recognition/bulk`} className="stack">
        <fieldset className="stack">
          <legend>{t("certificates.bulk.format")}</legend>
          <label className="radio">
            <input type="radio" name="format" value="pdf" defaultChecked /> {t("certificates.bulk.format.pdf")}
          </label>
          <label className="radio">
            <input type="radio" name="format" value="zip" /> {t("certificates.bulk.format.zip")}
          </label>
        </fieldset>
        <div>
          <button type="submit" className="button button-secondary">
            {t("certificates.bulk.start")}
          </button>
        </div>
      </Form>
    </section>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
