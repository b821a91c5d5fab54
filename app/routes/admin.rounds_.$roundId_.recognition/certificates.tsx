// The lists of the recognition page: the entries the council recognised, the issued certificates
// with a revoke form each, and the bulk download.
import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { ConfirmButton } from "~/components/confirm-button";
import { ErrorList, FormErrors } from "~/components/forms";
import { TableWrap } from "~/components/table-wrap";
import { formatVerificationCode } from "~/modules/certificates/codes";
import { prizeLabelKey } from "~/modules/certificates/prizes";
import { REVOKE_REASON_MIN, RevokeSchema } from "~/modules/certificates/schemas";
import { formatDate } from "~/utils/dates";
import { useT, type MessageKey } from "~/utils/i18n";
import type { ActionReply, Ready } from "./types";

export function RecognisedList({ page }: { page: Ready }) {
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
                  <td className="num">
                    {r.finalScore === null ? "—" : r.finalScore.toLocaleString("vi-VN", { maximumFractionDigits: 2 })}
                  </td>
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

export function CertificatesTable({ page, reply }: { page: Ready; reply?: ActionReply }) {
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
                <td>
                  {c.revokedAt ? (
                    "—"
                  ) : (
                    <RevokeForm
                      id={c.id}
                      serial={c.serial}
                      reply={reply?.form === `revoke-${c.id}` ? reply : undefined}
                    />
                  )}
                </td>
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
          <ConfirmButton
            className="button button-danger button-small"
            confirmText={t("certificates.revoke.confirm", { serial })}
          >
            {t("certificates.revoke.submit")}
          </ConfirmButton>
        </div>
      </Form>
    </details>
  );
}

/** The bulk download's one choice, one PDF or a ZIP of PDFs (here and on the download's own page). */
export function BulkFormatChoice() {
  const t = useT();
  return (
    <fieldset className="stack">
      <legend>{t("certificates.bulk.format")}</legend>
      <label className="radio">
        <input type="radio" name="format" value="pdf" defaultChecked /> {t("certificates.bulk.format.pdf")}
      </label>
      <label className="radio">
        <input type="radio" name="format" value="zip" /> {t("certificates.bulk.format.zip")}
      </label>
    </fieldset>
  );
}

export function BulkSection({ page }: { page: Ready }) {
  const t = useT();
  return (
    <section className="card stack" aria-labelledby="bulk-h">
      <h2 id="bulk-h">{t("certificates.bulk.title")}</h2>
      <p className="hint">{t("certificates.bulk.hint", { count: page.certificates.length })}</p>
      <Form method="post" action={`/admin/rounds/${page.round.id}/recognition/bulk`} className="stack">
        <BulkFormatChoice />
        <div>
          <button type="submit" className="button button-secondary">
            {t("certificates.bulk.start")}
          </button>
        </div>
      </Form>
    </section>
  );
}
