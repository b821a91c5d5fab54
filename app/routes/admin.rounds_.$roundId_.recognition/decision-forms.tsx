// The recognition decision: its facts, the form that records or edits it (generated or uploaded
// PDF) while no certificate is issued, and afterwards the form that replaces its document.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { ErrorList, Field, FormErrors, RequiredMark } from "~/components/forms";
import { DecisionSchema } from "~/modules/certificates/schemas";
import { toVnDateInput } from "~/modules/rounds/round-fields";
import { formatDate } from "~/utils/dates";
import { useT, type MessageKey } from "~/utils/i18n";
import type { ActionReply, Ready } from "./types";

export function DecisionFacts({ page }: { page: Ready }) {
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
              <span className="badge">
                {t(
                  d.documentSource === "UPLOADED"
                    ? "certificates.decision.source.UPLOADED"
                    : "certificates.decision.source.GENERATED",
                )}
              </span>
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

export function DecisionForm({ page, reply }: { page: Ready; reply?: ActionReply }) {
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
  const input = (
    name: "number" | "signedAt" | "authority" | "signerName" | "signerTitle",
    label: MessageKey,
    type: "text" | "date" = "text",
    hint?: MessageKey,
  ) => (
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
    <Form
      method="post"
      encType="multipart/form-data"
      {...getFormProps(form)}
      className="stack"
      aria-labelledby="decision-form-h"
    >
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
            {t(
              d?.documentSource === "UPLOADED"
                ? "certificates.decision.scanHintKeep"
                : "certificates.decision.scanHint",
              { max: page.scanMaxMb },
            )}
          </p>
          <input
            id="decision-document"
            name="document"
            type="file"
            accept="application/pdf,.pdf"
            aria-describedby="decision-document-hint"
          />
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

export function ReplaceDocumentForm({ page, reply }: { page: Ready; reply?: ActionReply }) {
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
          <RequiredMark />
        </label>
        <p id="replace-document-hint" className="hint">
          {t("certificates.decision.scanHint", { max: page.scanMaxMb })}
        </p>
        <input
          id="replace-document"
          name="document"
          type="file"
          accept="application/pdf,.pdf"
          required
          aria-describedby="replace-document-hint"
        />
      </div>
      <div>
        <button type="submit" className="button button-secondary">
          {t("certificates.document.submit")}
        </button>
      </div>
    </Form>
  );
}
