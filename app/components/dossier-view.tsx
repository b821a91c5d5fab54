// The dossier of an entry as organisers and producers read it: establishment, product, files
// and the timeline of status changes. Labels come from the translation files.
import { dossierFormSources, formUrl } from "~/modules/producers/forms";
import { formatDateTime } from "~/utils/dates";
import { useLocale, useT, type MessageKey } from "~/utils/i18n";

interface DossierFile {
  id: string;
  kind: string;
  angle: string | null;
  originalName: string;
  contentType: string;
  size: number;
}

interface DossierEntry {
  id: string;
  product: Record<string, unknown> & { name: string; group: string; isSet: boolean; setItems: string | null };
  establishment: Record<string, unknown> & {
    name: string;
    legalForm: string;
    registrationNumber: string;
    province: { name: string };
  };
  events: Array<{
    id: string;
    fromStatus: string | null;
    toStatus: string;
    reason: string | null;
    createdAt: string | Date;
    actor: { name: string } | null;
  }>;
}

const PRODUCT_FIELDS: Array<[string, MessageKey]> = [
  ["description", "dossier.description"],
  ["rawMaterials", "dossier.rawMaterials"],
  ["process", "dossier.process"],
  ["annualCapacity", "dossier.annualCapacity"],
  ["markets", "dossier.markets"],
  ["businessLines", "forms.dossier.businessLines"],
  ["workforce", "forms.dossier.workforce"],
  ["qualityCerts", "dossier.qualityCerts"],
  ["foodSafetyCert", "dossier.foodSafetyCert"],
  ["trademark", "dossier.trademark"],
  ["ocopStars", "dossier.ocopStars"],
  ["ocopCertNumber", "dossier.ocopCertNumber"],
  ["awards", "dossier.awards"],
];

const ESTABLISHMENT_FIELDS: Array<[string, MessageKey]> = [
  ["registrationNumber", "dossier.registrationNumber"],
  ["commune", "dossier.commune"],
  ["addressLine", "dossier.address"],
  ["phone", "dossier.phone"],
  ["email", "dossier.email"],
  ["legalRepresentative", "dossier.representative"],
];

const kb = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;

/** Revenue and export share, numbers written the reader's way. */
function FormNumbers({ product }: { product: DossierEntry["product"] }) {
  const t = useT();
  const num = new Intl.NumberFormat(useLocale() === "en" ? "en-GB" : "vi-VN", { maximumFractionDigits: 3 });
  const revenue = typeof product.revenue === "number" ? product.revenue : null;
  const share = typeof product.exportShare === "number" ? product.exportShare : null;
  return (
    <>
      {revenue !== null ? (
        <div>
          <dt>{t("forms.dossier.revenue")}</dt>
          <dd>
            {t("forms.dossier.revenueValue", { amount: num.format(revenue), year: String(product.revenueYear ?? "—") })}
          </dd>
        </div>
      ) : null}
      {share !== null ? (
        <div>
          <dt>{t("forms.dossier.exportShare")}</dt>
          <dd>{t("forms.dossier.percent", { value: num.format(share) })}</dd>
        </div>
      ) : null}
    </>
  );
}

/** Forms 01 and 02: the signed scan when one was uploaded (it replaces the generated paper), else the generated one. */
function DossierForms({ entryId, files }: { entryId: string; files: DossierFile[] }) {
  const t = useT();
  return (
    <section className="card stack" aria-labelledby="dossier-forms">
      <h2 id="dossier-forms">{t("forms.dossier.title")}</h2>
      <p className="hint">{t("forms.dossier.hint")}</p>
      <ul>
        {dossierFormSources(files).map(({ kind, scan }) => (
          <li key={kind}>
            <strong>{t(`dossier.kind.${kind}` as MessageKey)}</strong>:{" "}
            {scan ? (
              <>
                <a href={`/files/${scan.id}`}>{t("forms.dossier.scan", { name: scan.originalName })}</a>{" "}
                <span className="muted">
                  (<a href={formUrl(entryId, kind)}>{t("forms.dossier.generatedAlso")}</a>)
                </span>
              </>
            ) : (
              <a href={formUrl(entryId, kind)}>{t("forms.dossier.generated")}</a>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function DossierView({ entry, files }: { entry: DossierEntry; files: DossierFile[] }) {
  const t = useT();
  const photos = files.filter((f) => f.kind === "PHOTO");
  const documents = files.filter((f) => f.kind !== "PHOTO");
  return (
    <div className="stack">
      <section className="card" aria-labelledby="dossier-product">
        <h2 id="dossier-product">
          {entry.product.name} <span className="badge">{t("dossier.group", { group: entry.product.group })}</span>
        </h2>
        <dl className="facts">
          {entry.product.isSet && entry.product.setItems ? (
            <>
              <dt>{t("dossier.setItems")}</dt>
              <dd>
                <ul>
                  {entry.product.setItems
                    .split("\n")
                    .filter(Boolean)
                    .map((item) => (
                      <li key={item}>{item}</li>
                    ))}
                </ul>
              </dd>
            </>
          ) : null}
          {PRODUCT_FIELDS.map(([key, label]) =>
            entry.product[key] !== null && entry.product[key] !== undefined && entry.product[key] !== "" ? (
              <div key={key}>
                <dt>{t(label)}</dt>
                <dd className="pre-line">{String(entry.product[key])}</dd>
              </div>
            ) : null,
          )}
          <FormNumbers product={entry.product} />
        </dl>
      </section>

      <DossierForms entryId={entry.id} files={files} />

      <section className="card" aria-labelledby="dossier-est">
        <h2 id="dossier-est">{entry.establishment.name}</h2>
        <p>
          {t(`legalForm.${entry.establishment.legalForm}` as MessageKey)} — {entry.establishment.province.name}
        </p>
        <dl className="facts">
          {ESTABLISHMENT_FIELDS.map(([key, label]) =>
            entry.establishment[key] ? (
              <div key={key}>
                <dt>{t(label)}</dt>
                <dd>{String(entry.establishment[key])}</dd>
              </div>
            ) : null,
          )}
        </dl>
      </section>

      <section className="card" aria-labelledby="dossier-files">
        <h2 id="dossier-files">{t("screening.files")}</h2>
        {files.length === 0 ? <p className="muted">{t("screening.noFiles")}</p> : null}
        {photos.length ? (
          <ul className="photo-grid">
            {photos.map((p) => (
              <li key={p.id}>
                <a href={`/files/${p.id}`}>
                  <img
                    src={`/files/${p.id}/thumb`}
                    alt={`${entry.product.name} — ${p.angle ? t(`dossier.angle.${p.angle}` as MessageKey) : p.originalName}`}
                    loading="lazy"
                    width={160}
                    height={120}
                  />
                </a>
                <span>{p.angle ? t(`dossier.angle.${p.angle}` as MessageKey) : ""}</span>
              </li>
            ))}
          </ul>
        ) : null}
        {documents.length ? (
          <ul>
            {documents.map((d) => (
              <li key={d.id}>
                <a href={`/files/${d.id}`}>{d.originalName}</a> — {t(`dossier.kind.${d.kind}` as MessageKey)} (
                {kb(d.size)})
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <section className="card" aria-labelledby="dossier-timeline">
        <h2 id="dossier-timeline">{t("screening.timeline")}</h2>
        <ol className="timeline">
          {entry.events.map((e) => (
            <li key={e.id}>
              <time dateTime={new Date(e.createdAt).toISOString()}>{formatDateTime(e.createdAt)}</time>{" "}
              <strong>{t(`entries.status.${e.toStatus}` as MessageKey)}</strong>
              {e.actor ? <span className="muted"> — {e.actor.name}</span> : null}
              {e.reason ? <p className="pre-line">{e.reason}</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
