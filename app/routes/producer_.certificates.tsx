// URL /producer/certificates: the certificates of the establishments the signed-in producer owns
// (issue #5) — product, level and year, serial, the decision, validity and its status now
// (valid / expired / revoked, computed from the dates), the PDF to download and the public
// verification page a buyer reaches from the QR code.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listProducerCertificates } from "~/modules/certificates/certificates.server";
import { formatVerificationCode } from "~/modules/certificates/codes";
import { requireProducer } from "~/modules/producers/guard.server";
import { formatDate } from "~/utils/dates";
import { useLocale, useT } from "~/utils/i18n";
import { authorityLabel, jurisdictionLabel } from "~/utils/official-names";
import { titleMeta } from "~/utils/meta";

export const meta = titleMeta("certificates.producer.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireProducer(request);
  return { certificates: await listProducerCertificates(auth) };
}

export default function ProducerCertificates() {
  const t = useT();
  const locale = useLocale();
  const { certificates } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("certificates.producer.title")}</h1>
      <p className="muted">{t("certificates.producer.intro")}</p>
      <p>
        <Link to="/producer/monitoring">{t("monitoring.producer.link")}</Link>
      </p>
      {certificates.length === 0 ? (
        <div className="notice notice-info">
          <p>{t("certificates.producer.empty")}</p>
          <p>
            <Link to="/producer/entries">{t("certificates.producer.toEntries")}</Link>
          </p>
        </div>
      ) : (
        <ul className="card-list">
          {certificates.map((c) => (
            <li key={c.id} className="card stack">
              <h2>{c.productName}</h2>
              <p>
                <span className="badge">{t(`certificates.status.${c.status}`)}</span>{" "}
                {t("certificates.producer.level", {
                  jurisdiction: jurisdictionLabel(c.jurisdiction, locale),
                  year: c.year,
                })}
              </p>
              <dl className="facts">
                <dt>{t("certificates.col.serial")}</dt>
                <dd>
                  <strong>{c.serial}</strong>
                </dd>
                <dt>{t("certificates.col.establishment")}</dt>
                <dd>{c.establishmentName}</dd>
                <dt>{t("certificates.producer.decision")}</dt>
                <dd>
                  {t("certificates.producer.decisionValue", {
                    number: c.decision.number,
                    date: formatDate(c.decision.signedAt),
                    authority: authorityLabel(c.decision.authority, locale),
                  })}
                </dd>
                <dt>{t("certificates.producer.issuedAt")}</dt>
                <dd>{formatDate(c.issuedAt)}</dd>
                <dt>{t("certificates.col.validUntil")}</dt>
                <dd>{formatDate(c.validUntil)}</dd>
                <dt>{t("certificates.producer.code")}</dt>
                <dd>{formatVerificationCode(c.code)}</dd>
              </dl>
              {c.revokedAt ? (
                <p className="notice notice-error">
                  {t("certificates.producer.revoked", { date: formatDate(c.revokedAt), reason: c.revokedReason ?? "" })}
                </p>
              ) : c.status === "expired" ? (
                <p className="notice notice-info">
                  {t("certificates.producer.expired", { date: formatDate(c.validUntil) })}
                </p>
              ) : null}
              <p className="actions">
                <a className="button" href={`/certificates/${c.id}.pdf`} download>
                  {t("certificates.producer.download")}
                </a>{" "}
                <a className="button button-secondary" href={`/verify/${c.code}`}>
                  {t("certificates.producer.verify")}
                </a>
                {c.decision.hasDocument ? (
                  <>
                    {" "}
                    <a href={`/decisions/${c.decision.id}.pdf`}>{t("certificates.producer.decisionPdf")}</a>
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
