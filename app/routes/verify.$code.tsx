// URL /verify/:code: is this certificate genuine and valid? The page a shopper reaches by scanning
// a certificate's QR code, so it must be readable at a glance on a cheap phone: one big verdict
// (HỢP LỆ / ĐÃ HẾT HIỆU LỰC / ĐÃ BỊ THU HỒI) and the facts printed on the paper to compare with.
// The same URL answers JSON to `Accept: application/json` (or ?format=json) for apps and
// inspectors. An unknown or malformed code is a 404 that says only that — nothing about what
// exists.
//
// Why a resource route rendering its own small HTML page, not a Remix UI route: a UI route always
// answers HTML to a browser-style GET, so it cannot negotiate JSON on the same URL. The page needs
// no JavaScript anyway; it carries the site's stylesheet, name and footer so it is recognisably the
// official site. Links to it must be plain <a href> (a full page load), not client-side <Link>.
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { formatVerificationCode, normaliseVerificationCode } from "~/modules/certificates/codes";
import { prizeLabelKey } from "~/modules/certificates/prizes";
import { decideCache, type CachePolicy } from "~/modules/register/cache.server";
import { provinceText } from "~/modules/register/filters";
import { findCertificateByCode, type VerifiedCertificate } from "~/modules/register/register.server";
import { ReportProblem } from "~/modules/monitoring/report-form";
import appStyles from "~/styles/app.css?url";
import registerStyles from "~/styles/register.css?url";
import { formatDate, formatDateTime } from "~/utils/dates";
import { getEnv } from "~/utils/env.server";
import { getT, type Locale, type TFunction } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { authorityLabel, jurisdictionLabel } from "~/utils/official-names";
import { BrandName } from "~/components/brand";

/** Status may change at any time (a revocation): five minutes at most in any cache. */
const FOUND_POLICY: CachePolicy = { maxAge: 300, vary: ["Accept", "Cookie"], ignoreCookies: true };
const NOT_FOUND_CACHE = "public, max-age=60";
/** What a 404 may echo of the input: enough to spot a typo, never a wall of text. */
const MAX_ECHO = 32;

/** JSON when the client asks for it more than for HTML (a browser's Accept lists text/html first). */
function prefersJson(request: Request): boolean {
  if (new URL(request.url).searchParams.get("format") === "json") return true;
  const accept = request.headers.get("Accept") ?? "";
  let json = -1;
  let html = -1;
  for (const part of accept.split(",")) {
    const [type, ...rest] = part.trim().toLowerCase().split(";");
    const qParam = rest.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q)) continue;
    if (type === "application/json") json = Math.max(json, q);
    else if (type === "text/html" || type === "application/xhtml+xml") html = Math.max(html, q);
  }
  return json > 0 && json >= html;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const raw = (params.code ?? "").trim();
  const json = prefersJson(request);
  const locale = await getLocale(request);
  const t = getT(locale);
  const code = raw.length <= 40 ? normaliseVerificationCode(raw) : null;
  const cert = code ? await findCertificateByCode(code) : null;

  if (!cert) {
    const echo = Array.from(raw).slice(0, MAX_ECHO).join("") + (Array.from(raw).length > MAX_ECHO ? "…" : "");
    const message = t("register.verify.notFound", { code: echo });
    const headers = { "Cache-Control": NOT_FOUND_CACHE, Vary: "Accept, Cookie", "X-Content-Type-Options": "nosniff" };
    if (json) return Response.json({ error: message }, { status: 404, headers });
    return html(
      renderPage(locale, t, t("register.verify.notFoundTitle"), <NotFound t={t} message={message} />),
      404,
      headers,
    );
  }

  const appUrl = getEnv().appUrl;
  const cache = await decideCache(request, FOUND_POLICY, () => [json ? "json" : locale, cert]);
  cache.headers.set("X-Content-Type-Options", "nosniff");
  if (cache.notModified) return cache.notModified;
  if (json) return Response.json(verificationJson(cert, appUrl), { headers: cache.headers });
  const title = verdictTitle(cert, t);
  return html(
    renderPage(locale, t, title, <Found t={t} locale={locale} cert={cert} title={title} />),
    200,
    cache.headers,
  );
}

/** The JSON answer: what the paper says, the status now, and where to see it. */
function verificationJson(cert: VerifiedCertificate, appUrl: string) {
  return {
    code: cert.code,
    serial: cert.serial,
    status: cert.status,
    valid: cert.status === "valid",
    productName: cert.productName,
    productGroup: cert.productGroup,
    establishmentName: cert.establishmentName,
    province: cert.province?.name ?? null,
    provinceNow: cert.province?.nowPartOf ?? cert.province?.name ?? null,
    level: cert.level,
    jurisdiction: cert.jurisdiction,
    year: cert.year,
    prize: cert.prize,
    issuedAt: cert.issuedAt.toISOString(),
    validUntil: cert.validUntil.toISOString(),
    revokedAt: cert.revokedAt?.toISOString() ?? null,
    revokedReason: cert.revokedAt ? (cert.revokedReason ?? null) : null,
    decision: {
      number: cert.decision.number,
      signedAt: cert.decision.signedAt.toISOString(),
      authority: cert.decision.authority,
    },
    verifyUrl: `${appUrl}/verify/${cert.code}`,
    credentialUrl: `${cert.issuedBy?.url ?? appUrl}/verify/${cert.code}/credential.json`,
    issuedBy: cert.issuedBy
      ? { did: cert.issuedBy.did, host: cert.issuedBy.host, verifyUrl: `${cert.issuedBy.url}/verify/${cert.code}` }
      : null,
    productUrl: `${appUrl}/products/${cert.productId}`,
  };
}

function verdictTitle(cert: VerifiedCertificate, t: TFunction): string {
  if (cert.status === "revoked") return t("register.verify.revoked", { date: formatDate(cert.revokedAt) });
  // Valid through 31/12 23:59:59.999; expired from the next day.
  if (cert.status === "expired")
    return t("register.verify.expired", { date: formatDate(new Date(cert.validUntil.getTime() + 1)) });
  return t("register.verify.valid");
}

function html(body: string, status: number, headers: HeadersInit): Response {
  const h = new Headers(headers);
  h.set("Content-Type", "text/html; charset=utf-8");
  return new Response(`<!DOCTYPE html>${body}`, { status, headers: h });
}

function renderPage(locale: Locale, t: TFunction, title: string, main: ReactNode): string {
  return renderToStaticMarkup(
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <meta name="robots" content="noindex" />
        <title>{`${title} — ${t("register.verify.title")} — ${t("app.name")}`}</title>
        <link rel="stylesheet" href={appStyles} />
        <link rel="stylesheet" href={registerStyles} />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <header className="site-header">
          <div className="container header-row">
            <a href="/" className="brand">
              <BrandName t={t} />
            </a>
          </div>
        </header>
        <main id="main" className="container narrow">
          {main}
        </main>
        <footer className="site-footer">
          <div className="container">
            <p>{t("footer.legal")}</p>
          </div>
        </footer>
      </body>
    </html>,
  );
}

function NotFound({ t, message }: { t: TFunction; message: string }) {
  return (
    <div className="stack">
      <section className="verdict verdict-unknown" aria-labelledby="verdict">
        <span className="verdict-mark" aria-hidden="true">
          ?
        </span>
        <h1 id="verdict">{t("register.verify.notFoundTitle")}</h1>
        <p>{message}</p>
      </section>
      <p>{t("register.verify.notFoundHint")}</p>
      <p>
        <a href="/products">{t("register.product.back")}</a>
      </p>
    </div>
  );
}

function Found({ t, locale, cert, title }: { t: TFunction; locale: Locale; cert: VerifiedCertificate; title: string }) {
  const mark = cert.status === "valid" ? "✓" : cert.status === "revoked" ? "✕" : "!";
  return (
    <div className="stack">
      <section className={`verdict verdict-${cert.status}`} aria-labelledby="verdict">
        <span className="verdict-mark" aria-hidden="true">
          {mark}
        </span>
        <h1 id="verdict">{title}</h1>
        {cert.status === "valid" ? (
          <p>{t("register.verify.validUntil", { date: formatDate(cert.validUntil) })}</p>
        ) : null}
        {cert.status === "expired" ? <p>{t("register.verify.expiredNote")}</p> : null}
        {cert.status === "revoked" ? (
          <>
            {cert.revokedReason ? <p>{t("register.verify.reason", { reason: cert.revokedReason })}</p> : null}
            <p>{t("register.verify.revokedNote")}</p>
          </>
        ) : null}
      </section>
      <dl className="facts facts-inline verify-facts">
        <dt>{t("register.verify.product")}</dt>
        <dd>{cert.productName}</dd>
        <dt>{t("register.verify.establishment")}</dt>
        <dd>{cert.establishmentName}</dd>
        {cert.province ? (
          <>
            <dt>{t("register.verify.province")}</dt>
            <dd>{provinceText(cert.province, t)}</dd>
          </>
        ) : null}
        <dt>{t("register.verify.level")}</dt>
        <dd>{jurisdictionLabel(cert.jurisdiction, locale)}</dd>
        <dt>{t("register.verify.year")}</dt>
        <dd>{cert.year}</dd>
        {cert.prize ? (
          <>
            <dt>{t("prizes.register.label")}</dt>
            <dd>{t(prizeLabelKey(cert.prize))}</dd>
          </>
        ) : null}
        <dt>{t("register.verify.serial")}</dt>
        <dd>{cert.serial}</dd>
        {cert.issuedBy ? (
          <>
            <dt>{t("register.verify.issuedBy")}</dt>
            <dd>
              {t("register.issuedBy", { host: cert.issuedBy.host })} ({cert.issuedBy.did}) —{" "}
              <a href={`${cert.issuedBy.url}/verify/${cert.code}`}>{t("register.verify.issuerPage")}</a>
            </dd>
          </>
        ) : null}
        <dt>{t("register.verify.decision")}</dt>
        <dd>
          {t("register.decisionValue", { number: cert.decision.number, date: formatDate(cert.decision.signedAt) })} —{" "}
          {authorityLabel(cert.decision.authority, locale)}
        </dd>
        <dt>{t("register.verify.issuedAt")}</dt>
        <dd>{formatDate(cert.issuedAt)}</dd>
        <dt>{t("register.verify.validUntilLabel")}</dt>
        <dd>{formatDate(cert.validUntil)}</dd>
        <dt>{t("register.verify.code")}</dt>
        <dd>{formatVerificationCode(cert.code)}</dd>
      </dl>
      <p>
        <a className="button" href={`/products/${cert.productId}`}>
          {t("register.verify.productPage")}
        </a>
      </p>
      <section className="stack" aria-labelledby="credential">
        <h2 id="credential">{t("credentials.verify.heading")}</h2>
        <p>{t("credentials.verify.intro")}</p>
        {cert.issuedBy ? (
          // Signed by the issuing installation, not by this one: its own page offers it.
          <p>
            <a href={`${cert.issuedBy.url}/verify/${cert.code}/credential.json`}>{t("credentials.verify.download")}</a>{" "}
            · <a href={`${cert.issuedBy.url}/.well-known/did.json`}>{t("credentials.verify.issuer")}</a>
          </p>
        ) : (
          <p>
            <a href={`/verify/${cert.code}/credential.json`} download>
              {t("credentials.verify.download")}
            </a>{" "}
            · <a href="/.well-known/did.json">{t("credentials.verify.issuer")}</a>
          </p>
        )}
      </section>
      <p className="muted">{t("register.verify.checkedAt", { time: formatDateTime(new Date()) })}</p>
      <ReportProblem t={t} code={cert.code} />
    </div>
  );
}
