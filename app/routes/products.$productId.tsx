// URL /products/:productId: the public page of a certified product (issue #5). No login. Only for
// products holding at least one certificate — any other id, existing or not, is the same 404, so
// the page never reveals an uncertified product. Shows the public photos, the description, the
// holder's contact (public for certified holders), every certificate with its status and a link to
// its verification page, and the product's history across tiers and years (final results only).
import { data, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { decideCache, PAGE_POLICY, pageHeaders } from "~/modules/register/cache.server";
import { prizeLabelKey } from "~/modules/certificates/prizes";
import { StatusBadge } from "~/modules/register/filter-select";
import { provinceText } from "~/modules/register/filters";
import { getPublicProduct, registerVersion } from "~/modules/register/register.server";
import { publicMonitoring } from "~/modules/monitoring/public.server";
import registerStyles from "~/styles/register.css?url";
import { formatDate } from "~/utils/dates";
import { getEnv } from "~/utils/env.server";
import { parseParams, throwNotFound } from "~/utils/http.server";
import { useLocale, useT, type I18nHandle } from "~/utils/i18n";
import { jurisdictionLabel } from "~/utils/official-names";
import { getLocale } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";
import { TableWrap } from "~/components/table-wrap";
import { BackLink } from "~/components/back-link";

/** Translations the page needs in the browser (decision 015). */
export const handle: I18nHandle = { i18n: ["register", "prizes", "monitoring"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: registerStyles }];

export const headers: HeadersFunction = pageHeaders;

export const meta = pageMeta<typeof loader>(({ data }) => ({
  title: [data?.product.name, data?.establishment.name],
  description: data?.product.description.slice(0, 200),
  canonical: data?.canonical,
}));

const Params = z.object({ productId: z.string().regex(/^[a-z0-9]{20,40}$/) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { productId } = parseParams(Params, params, 404);
  const locale = await getLocale(request);
  // Everything the page shows raises the register's version when it changes (version.server.ts),
  // so a revalidation costs one primary-key read. Only a page once answered has an ETag to match.
  const cache = await decideCache(request, PAGE_POLICY, async () => [locale, ...(await registerVersion())]);
  if (cache.notModified) throw cache.notModified;
  const found = (await getPublicProduct(productId)) ?? throwNotFound();
  const monitoring = await publicMonitoring(productId);
  return data(
    { ...found, monitoring, canonical: `${getEnv().appUrl}/products/${productId}` },
    { headers: cache.headers },
  );
}

export default function ProductPage() {
  const t = useT();
  const locale = useLocale();
  const { product, establishment, photos, certificates, history, monitoring } = useLoaderData<typeof loader>();
  const withPrizes = certificates.some((c) => c.prize);
  const address =
    establishment.addressLine ||
    [establishment.commune, establishment.province?.currentName].filter(Boolean).join(", ");
  return (
    <article className="stack-lg" aria-labelledby="product-title">
      <BackLink to="/products">{t("register.product.back")}</BackLink>
      <header className="stack">
        <h1 id="product-title">{product.name}</h1>
        <p className="muted">{t("register.groupValue", { group: product.group, name: t(`group.${product.group}`) })}</p>
        <p>{establishment.name}</p>
      </header>

      {photos.length ? (
        <section aria-labelledby="photos-title">
          <h2 id="photos-title">{t("register.product.photos")}</h2>
          <ul className="product-photos">
            {photos.map((p, i) => (
              <li key={p.id}>
                <img
                  src={`/files/${p.id}/thumb`}
                  width={p.width}
                  height={p.height}
                  loading={i < 2 ? "eager" : "lazy"}
                  decoding="async"
                  alt={t("register.product.photoAlt", { name: product.name, n: i + 1 })}
                />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="stack" aria-labelledby="about-title">
        <h2 id="about-title">{t("register.product.about")}</h2>
        <dl className="facts facts-inline">
          <dt>{t("register.product.description")}</dt>
          <dd className="pre-line">{product.description}</dd>
          {product.isSet && product.setItems ? (
            <>
              <dt>{t("register.product.set")}</dt>
              <dd>
                <ul>
                  {product.setItems
                    .split("\n")
                    .map((s) => s.trim())
                    .filter(Boolean)
                    .map((s, i) => (
                      <li key={i}>{s}</li>
                    ))}
                </ul>
              </dd>
            </>
          ) : null}
          {product.ocopStars ? (
            <>
              <dt>{t("register.product.ocop")}</dt>
              <dd>{t("register.product.ocopStars", { stars: product.ocopStars })}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <section className="stack" aria-labelledby="establishment-title">
        <h2 id="establishment-title">{t("register.product.establishment")}</h2>
        <dl className="facts facts-inline">
          <dt>{t("register.col.establishment")}</dt>
          <dd>{establishment.name}</dd>
          <dt>{t("register.product.legalForm")}</dt>
          <dd>{t(`legalForm.${establishment.legalForm}`)}</dd>
          {address ? (
            <>
              <dt>{t("register.product.address")}</dt>
              <dd>{address}</dd>
            </>
          ) : null}
          {establishment.province ? (
            <>
              <dt>{t("register.col.province")}</dt>
              <dd>{provinceText(establishment.province, t)}</dd>
            </>
          ) : null}
          {establishment.phone ? (
            <>
              <dt>{t("register.product.phone")}</dt>
              <dd>
                <a href={`tel:${establishment.phone.replace(/[^\d+]/g, "")}`}>{establishment.phone}</a>
              </dd>
            </>
          ) : null}
          {establishment.email ? (
            <>
              <dt>{t("register.product.email")}</dt>
              <dd>
                <a href={`mailto:${establishment.email}`}>{establishment.email}</a>
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      <section className="stack" aria-labelledby="certificates-title">
        <h2 id="certificates-title">{t("register.product.certificates")}</h2>
        <p className="muted">{t("register.product.certificatesIntro")}</p>
        <TableWrap label={t("register.product.certificates")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("register.col.serial")}</th>
                <th scope="col">{t("register.col.jurisdiction")}</th>
                <th scope="col">{t("register.col.year")}</th>
                {withPrizes ? <th scope="col">{t("prizes.register.label")}</th> : null}
                <th scope="col">{t("register.col.decision")}</th>
                <th scope="col">{t("register.col.issuedAt")}</th>
                <th scope="col">{t("register.col.validUntil")}</th>
                <th scope="col">{t("register.col.status")}</th>
                <th scope="col">{t("register.col.verify")}</th>
              </tr>
            </thead>
            <tbody>
              {certificates.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.serial}</th>
                  <td>
                    {jurisdictionLabel(c.jurisdiction, locale)}
                    {c.issuedBy ? (
                      <span className="muted" title={c.issuedBy.did}>
                        <br />
                        {t("register.issuedBy", { host: c.issuedBy.host })}
                      </span>
                    ) : null}
                  </td>
                  <td>{c.year}</td>
                  {withPrizes ? <td>{c.prize ? t(prizeLabelKey(c.prize)) : "—"}</td> : null}
                  <td>
                    {t("register.decisionValue", { number: c.decisionNumber, date: formatDate(c.decisionSignedAt) })}
                  </td>
                  <td>{formatDate(c.issuedAt)}</td>
                  <td>{formatDate(c.validUntil)}</td>
                  <td>
                    <StatusBadge status={c.status} />
                    {c.revokedAt ? <span className="muted"> {formatDate(c.revokedAt)}</span> : null}
                  </td>
                  <td>
                    {/* A plain link: /verify is a resource route (it negotiates HTML or JSON). */}
                    <a href={`/verify/${c.code}`} aria-label={`${t("register.product.verify")} ${c.serial}`}>
                      {t("register.product.verify")}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>

      <section className="stack" aria-labelledby="monitoring-title">
        <h2 id="monitoring-title">{t("monitoring.public.title")}</h2>
        <dl className="facts">
          <dt>{t("monitoring.public.lastConfirmed")}</dt>
          <dd>{monitoring.lastConfirmedAt ? formatDate(monitoring.lastConfirmedAt) : t("monitoring.public.never")}</dd>
          <dt>{t("monitoring.public.inspection")}</dt>
          <dd>
            {t(monitoring.inspectionOpen ? "monitoring.public.inspectionOpen" : "monitoring.public.inspectionNone")}
          </dd>
        </dl>
      </section>

      <section className="stack" aria-labelledby="history-title">
        <h2 id="history-title">{t("register.product.history")}</h2>
        {history.length === 0 ? (
          <p className="muted">{t("register.product.noHistory")}</p>
        ) : (
          <>
            <p className="muted">{t("register.product.historyIntro")}</p>
            <TableWrap label={t("register.product.history")}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("register.col.year")}</th>
                    <th scope="col">{t("register.col.level")}</th>
                    <th scope="col">{t("register.product.round")}</th>
                    <th scope="col">{t("register.product.result")}</th>
                  </tr>
                </thead>
                <tbody>
                  {history.map((h) => (
                    <tr key={h.roundId}>
                      <td>{h.year}</td>
                      <td>
                        {h.jurisdiction
                          ? jurisdictionLabel(h.jurisdiction, locale)
                          : [t(`level.${h.level}`), h.place].filter(Boolean).join(" ")}
                      </td>
                      <td>{h.roundName}</td>
                      <td>
                        {h.recognised ? (
                          <strong>{t("register.product.recognised")}</strong>
                        ) : (
                          t("register.product.notRecognised")
                        )}
                        {h.serial ? <span className="muted"> — {h.serial}</span> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </>
        )}
      </section>
    </article>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
