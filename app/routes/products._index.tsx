// URL /products: the public register of certified products (issue #5). No login. One card per
// certificate (see app/modules/register/register.server.ts for why), searchable without diacritics,
// filtered by province (current or former), region, group, level, year and status, sorted, paged;
// every combination is a plain GET URL, so the form works without JavaScript and can be shared.
// Bad params are ignored with a notice, never a 500. Anonymous visits are cacheable (ETag).
import { data, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/pagination";
import { decideCache, PAGE_POLICY, pageHeaders } from "~/modules/register/cache.server";
import { isLargeExport } from "~/modules/exports/export-jobs.server";
import { prizeLabelKey } from "~/modules/certificates/prizes";
import {
  FilterSelect,
  levelOptions,
  prizeOptions,
  StatusBadge,
  statusOptions,
  yearOptions,
} from "~/modules/register/filter-select";
import {
  EXPORT_CAP,
  GROUPS,
  hasFilters,
  parseRegisterFilters,
  provinceText,
  registerSearch,
  SORTS,
  withoutPage,
} from "~/modules/register/filters";
import {
  cachedGeo,
  cachedYears,
  listRegister,
  provinceLabel,
  publicPhotoWhere,
  type RegisterRow,
} from "~/modules/register/register.server";
import { readRegisterVersion, versionTag } from "~/modules/register/version.server";
import registerStyles from "~/styles/register.css?url";
import { getEnv } from "~/utils/env.server";
import { mapDomainErrors } from "~/utils/http.server";
import { useLocale, useT, type MessageKey, type I18nHandle } from "~/utils/i18n";
import { jurisdictionLabel } from "~/utils/official-names";
import { getLocale } from "~/utils/locale.server";
import { pageMeta } from "~/utils/meta";
import { consumeRateLimit } from "~/utils/rate-limit.server";

/** Translations the page needs in the browser (decision 015). */
export const handle: I18nHandle = { i18n: ["register", "prizes", "exportJobs"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: registerStyles }];

export const headers: HeadersFunction = pageHeaders;

export const meta = pageMeta<typeof loader>(({ t, data }) => ({
  title: t("register.title"),
  description: t("register.intro"),
  canonical: data?.canonical,
}));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  // Searching is what costs (full-text); browsing the register is not limited.
  if (url.searchParams.get("q")) await mapDomainErrors(() => consumeRateLimit("publicSearch", context.clientIp));
  const { filters, invalid } = parseRegisterFilters(url.searchParams);
  const locale = await getLocale(request);
  const version = await readRegisterVersion();
  const cache = await decideCache(request, PAGE_POLICY, () => [
    locale,
    versionTag(version),
    publicPhotoWhere() !== null,
  ]);
  if (cache.notModified) throw cache.notModified;

  const now = new Date();
  const geo = await cachedGeo(version);
  const [list, years] = await Promise.all([listRegister(filters, { geo, now }), cachedYears(version)]);
  // A filter naming nothing known (province=XX) was not applied: do not show it as chosen.
  for (const key of list.unknown) delete filters[key as "province" | "region"];
  const shown = { ...filters, page: list.page };
  return data(
    {
      filters: shown,
      invalid: [...invalid, ...list.unknown],
      rows: list.rows,
      total: list.total,
      page: list.page,
      pages: list.pages,
      filtered: hasFilters(filters),
      years,
      currentProvinces: geo.provinces.filter((p) => p.current).map((p) => ({ code: p.code, name: p.name })),
      formerProvinces: geo.provinces
        .filter((p) => !p.current)
        .map((p) => ({ code: p.code, name: p.name, nowPartOf: provinceLabel(geo, p.id)?.nowPartOf ?? null })),
      regions: geo.regions.map((r) => ({ code: r.code, name: locale === "en" ? r.nameEn : r.nameVi })),
      exportSearch: registerSearch(withoutPage(filters)).replace(/^\?/, ""),
      // A list this long is prepared by a background job (decision 042): its links lead to a
      // progress page, so they must not carry `download` (the browser would save that page).
      exportsAsJob: isLargeExport("register", Math.min(list.total, EXPORT_CAP)),
      canonical: `${getEnv().appUrl}/products${registerSearch(shown)}`,
    },
    { headers: cache.headers },
  );
}

const FILTERS_BEHIND_BUTTON = ["province", "region", "group", "level", "year", "status", "prize"] as const;

function withFormat(format: string, search: string) {
  return `/products/export?format=${format}${search ? `&${search}` : ""}`;
}

export default function Products() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const f = d.filters;
  // Filters applied beyond the search words (and a sort other than the default), shown on the button.
  const active =
    FILTERS_BEHIND_BUTTON.filter((k) => f[k] !== undefined && f[k] !== "").length + (f.sort !== "newest" ? 1 : 0);
  return (
    <div className="stack">
      <div className="stack">
        <h1>{t("register.title")}</h1>
        <p className="muted">{t("register.intro")}</p>
      </div>

      {/* The search box, then the seven filters behind one button (a <details>: no JavaScript),
          so on a phone the first result shows on the first screen (issue #13). */}
      <Form
        method="get"
        action="/products"
        className="register-search"
        role="search"
        aria-label={t("register.filters")}
      >
        <div className="register-search-row">
          <div className="field field-q">
            <label htmlFor="q">{t("register.q")}</label>
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={f.q ?? ""}
              maxLength={100}
              aria-describedby="q-hint"
              autoComplete="off"
            />
            <p id="q-hint" className="hint">
              {t("register.qHint")}
            </p>
          </div>
          <div className="filter-actions">
            <button type="submit" className="button">
              {t("register.apply")}
            </button>
            {d.filtered || f.sort !== "newest" ? <Link to="/products">{t("register.clear")}</Link> : null}
          </div>
        </div>
        <details className="register-more">
          <summary className="button button-secondary">
            {t("register.filters.toggle")}
            {active ? <span className="badge">{t("register.filters.active", { count: active })}</span> : null}
          </summary>
          <div className="register-filters">
            <FilterSelect name="province" label="register.province" value={f.province ?? ""}>
              <optgroup label={t("register.province.current")}>
                {d.currentProvinces.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.name}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t("register.province.former")}>
                {d.formerProvinces.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.nowPartOf ? provinceText(p, t) : t("register.province.formerSame", { name: p.name })}
                  </option>
                ))}
              </optgroup>
            </FilterSelect>
            <FilterSelect
              name="region"
              label="register.region"
              value={f.region ?? ""}
              options={d.regions.map((r) => ({ value: r.code, label: r.name }))}
            />
            <FilterSelect
              name="group"
              label="register.group"
              value={f.group ?? ""}
              options={GROUPS.map((g) => ({
                value: g,
                label: t("register.groupValue", { group: g, name: t(`group.${g}`) }),
              }))}
            />
            <FilterSelect name="level" label="register.level" value={f.level ?? ""} options={levelOptions(t)} />
            <FilterSelect
              name="year"
              label="register.year"
              value={f.year ? String(f.year) : ""}
              options={yearOptions(d.years, f.year)}
            />
            <FilterSelect name="status" label="register.status" value={f.status ?? ""} options={statusOptions(t)} />
            <FilterSelect name="prize" label="prizes.register.filter" value={f.prize ?? ""} options={prizeOptions(t)} />
            <FilterSelect
              name="sort"
              label="register.sort"
              value={f.sort}
              all={null}
              options={SORTS.map((s) => ({ value: s, label: t(`register.sort.${s}`) }))}
            />
            <div className="filter-actions">
              <button type="submit" className="button">
                {t("register.filters.apply")}
              </button>
            </div>
          </div>
        </details>
      </Form>

      {d.invalid.length ? (
        <p className="notice notice-info" role="status">
          {t("register.ignored", { params: d.invalid.map((k) => t(`register.param.${k}` as MessageKey)).join(", ") })}
        </p>
      ) : null}

      <section className="stack" aria-labelledby="results-title">
        <h2 id="results-title" className="sr-only">
          {t("register.results")}
        </h2>
        <p className="register-count" role="status">
          {d.filtered ? t("register.countFiltered", { count: d.total }) : t("register.count", { count: d.total })}
        </p>
        {d.rows.length === 0 ? (
          <div className="notice notice-info">
            <p>{d.filtered ? t("register.empty") : t("register.none")}</p>
            {d.filtered ? (
              <p>
                {t("register.emptyHint")} <Link to="/products">{t("register.clear")}</Link>
              </p>
            ) : null}
          </div>
        ) : (
          <ul className="register-list">
            {d.rows.map((r) => (
              <RegisterCard key={r.id} row={r} />
            ))}
          </ul>
        )}
        {d.pages > 1 ? <Pagination page={d.page} pages={d.pages} total={d.total} /> : null}
        {/* After the list: on a phone the first result comes before the downloads (issue #13). */}
        {d.total > 0 ? (
          <p className="download-links">
            <span>{t("register.download")}:</span>
            <a href={withFormat("xlsx", d.exportSearch)} download={d.exportsAsJob ? undefined : true}>
              {t("register.download.xlsx")}
            </a>
            <a href={withFormat("csv", d.exportSearch)} download={d.exportsAsJob ? undefined : true}>
              {t("register.download.csv")}
            </a>
            <a href={withFormat("pdf", d.exportSearch)}>{t("register.download.pdf")}</a>
            <span className="muted">{t("register.download.note", { cap: EXPORT_CAP })}</span>
            {d.exportsAsJob ? <span className="muted">{t("exports.note.background")}</span> : null}
          </p>
        ) : null}
        <p className="inline-list">
          <Link to="/statistics">{t("register.statsLink")}</Link>
          <a href={`/api/products${d.exportSearch ? `?${d.exportSearch}` : ""}`}>{t("register.openData")}</a>
        </p>
      </section>
    </div>
  );
}

function RegisterCard({
  row,
}: {
  row: Pick<
    RegisterRow,
    | "productId"
    | "productName"
    | "productGroup"
    | "establishmentName"
    | "province"
    | "jurisdiction"
    | "year"
    | "status"
    | "serial"
    | "photo"
    | "level"
    | "prize"
    | "issuedBy"
  >;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <li className="register-card">
      {row.photo ? (
        <img
          className="register-thumb"
          src={`/files/${row.photo.id}/thumb`}
          width={row.photo.width}
          height={row.photo.height}
          loading="lazy"
          decoding="async"
          alt={row.productName}
        />
      ) : (
        <span className="register-thumb register-thumb-empty">{t("register.noPhoto")}</span>
      )}
      <div>
        <h2>
          <Link to={`/products/${row.productId}`}>{row.productName}</Link>
        </h2>
        <p>{row.establishmentName}</p>
        {row.province ? <p>{provinceText(row.province, t)}</p> : null}
        <p>
          <strong>
            {t("register.recognition", { jurisdiction: jurisdictionLabel(row.jurisdiction, locale), year: row.year })}
          </strong>
        </p>
        <p className="muted">
          {t("register.groupValue", { group: row.productGroup, name: t(`group.${row.productGroup}`) })}
        </p>
        {row.prize ? (
          <p>
            <strong>{t(prizeLabelKey(row.prize))}</strong>
          </p>
        ) : null}
        <p>
          <StatusBadge status={row.status} /> <span className="muted">{row.serial}</span>
        </p>
        {row.issuedBy ? (
          <p className="muted" title={row.issuedBy.did}>
            {t("register.issuedBy", { host: row.issuedBy.host })}
          </p>
        ) : null}
      </div>
    </li>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
