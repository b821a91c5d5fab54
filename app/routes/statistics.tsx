// URL /statistics: certificates of the register by province, region, product group, level and
// year, as server-rendered bar charts with their data tables (no client JavaScript needed),
// split into valid / expired / revoked, optionally narrowed to one status, level or year.
// Counts are certificates, like the list (see app/modules/register/register.server.ts), plus the
// number of distinct products. Anonymous visits are cacheable (ETag).
import { data, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { BarChart, type BarRow, type BarSegment } from "~/components/bar-chart";
import { decideCache, PAGE_POLICY, pageHeaders } from "~/modules/register/cache.server";
import { FilterSelect, levelOptions, statusOptions, yearOptions } from "~/modules/register/filter-select";
import {
  parseRegisterFilters,
  registerSearch,
  STATUSES,
  UNKNOWN_KEY,
  type RegisterFilters,
  type RegisterStatus,
} from "~/modules/register/filters";
import { cachedGeo, cachedYears } from "~/modules/register/register.server";
import { cachedStats, type StatsRow } from "~/modules/register/stats.server";
import { readRegisterVersion, versionTag } from "~/modules/register/version.server";
import registerStyles from "~/styles/register.css?url";
import { useT, type MessageKey, type TFunction, type I18nHandle } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";

/** Translations the page needs in the browser (decision 015). */
export const handle: I18nHandle = { i18n: ["register", "prizes"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: registerStyles }];

export const headers: HeadersFunction = pageHeaders;

export const meta = titleMeta("register.stats.title", "register.stats.intro");

export async function loader({ request }: LoaderFunctionArgs) {
  const { filters: parsed } = parseRegisterFilters(new URL(request.url).searchParams);
  const filters = { status: parsed.status, level: parsed.level, year: parsed.year };
  const locale = await getLocale(request);
  const version = await readRegisterVersion();
  const cache = await decideCache(request, PAGE_POLICY, () => [locale, versionTag(version)]);
  if (cache.notModified) throw cache.notModified;

  const geo = await cachedGeo(version);
  const [stats, years] = await Promise.all([cachedStats(version, filters, geo), cachedYears(version)]);
  // Region names in the reader's language (the tallies carry the Vietnamese name).
  const byRegion = stats.byRegion.map((r) => {
    const region = geo.regionByCode.get(r.key);
    return region ? { ...r, label: locale === "en" ? region.nameEn : region.nameVi } : r;
  });
  return data({ filters, stats: { ...stats, byRegion }, years }, { headers: cache.headers });
}

const SEGMENT_CLASS: Record<RegisterStatus, string> = {
  valid: "bar-valid",
  expired: "bar-expired",
  revoked: "bar-revoked",
};

export default function Statistics() {
  const t = useT();
  const { filters, stats, years } = useLoaderData<typeof loader>();
  const shown: RegisterStatus[] = filters.status ? [filters.status] : [...STATUSES];
  const segments: BarSegment[] = shown.map((s) => ({ label: t(`register.status.${s}`), className: SEGMENT_CLASS[s] }));
  // Links from a table row to the list with the same scope.
  const listLink = (extra: Partial<RegisterFilters>) =>
    `/products${registerSearch({ ...filters, sort: "newest", page: 1, ...extra })}`;
  const toBars = (
    rows: StatsRow[],
    label: (r: StatsRow) => string,
    link?: (r: StatsRow) => Partial<RegisterFilters> | null,
    unknown: MessageKey = "register.stats.unknown",
  ): BarRow[] =>
    rows.map((r) => {
      const extra = link && r.key !== UNKNOWN_KEY ? link(r) : null;
      return {
        key: r.key,
        label: r.key === UNKNOWN_KEY ? t(unknown) : label(r),
        values: shown.map((s) => r[s]),
        href: extra ? listLink(extra) : undefined,
      };
    });
  const chart = (title: MessageKey, labelHeader: MessageKey, rows: BarRow[], note?: string) => (
    <BarChart
      title={t(title)}
      labelHeader={t(labelHeader)}
      totalHeader={t("register.stats.total")}
      segments={segments}
      rows={rows}
      tableCaption={t("register.stats.table", { title: t(title) })}
      legendLabel={t("register.stats.legend")}
      note={note}
    />
  );
  return (
    <div className="stack-lg">
      <div className="stack">
        <h1>{t("register.stats.title")}</h1>
        <p className="muted">{t("register.stats.intro")}</p>
        <p>
          <Link to="/products">{t("register.stats.list")}</Link>
        </p>
      </div>

      <Form method="get" action="/statistics" className="filters" aria-label={t("register.stats.filter")}>
        <FilterSelect
          name="status"
          label="register.stats.status"
          value={filters.status ?? ""}
          all="register.stats.status.all"
          options={statusOptions(t)}
        />
        <FilterSelect name="level" label="register.level" value={filters.level ?? ""} options={levelOptions(t)} />
        <FilterSelect
          name="year"
          label="register.year"
          value={filters.year ? String(filters.year) : ""}
          options={yearOptions(years, filters.year)}
        />
        <button type="submit" className="button">
          {t("register.stats.apply")}
        </button>
      </Form>

      <Totals t={t} stats={stats} shown={shown} />

      {stats.totals.total === 0 ? (
        <p className="notice notice-info">{t("register.stats.empty")}</p>
      ) : (
        <>
          {chart(
            "register.stats.byProvince",
            "register.col.province",
            toBars(
              stats.byProvince,
              (r) => r.label,
              (r) => ({ province: r.key }),
            ),
            t("register.stats.provinceNote"),
          )}
          {chart(
            "register.stats.byRegion",
            "register.col.region",
            toBars(
              stats.byRegion,
              (r) => r.label,
              (r) => ({ region: r.key as RegisterFilters["region"] }),
              "register.stats.noRegion",
            ),
          )}
          {chart(
            "register.stats.byGroup",
            "register.col.group",
            toBars(
              stats.byGroup,
              (r) => t("register.groupValue", { group: r.key, name: t(`group.${r.key}` as MessageKey) }),
              (r) => ({ group: r.key as RegisterFilters["group"] }),
            ),
          )}
          {chart(
            "register.stats.byLevel",
            "register.col.level",
            toBars(
              stats.byLevel,
              (r) => t(`level.${r.key}` as MessageKey),
              (r) => ({ level: r.key as RegisterFilters["level"] }),
            ),
          )}
          {chart(
            "register.stats.byYear",
            "register.col.year",
            toBars(
              stats.byYear,
              (r) => r.label,
              (r) => ({ year: Number(r.key) }),
            ),
          )}
        </>
      )}
    </div>
  );
}

const fmt = new Intl.NumberFormat("vi-VN");

function Totals({
  t,
  stats,
  shown,
}: {
  t: TFunction;
  stats: { totals: Record<RegisterStatus | "total" | "products", number> };
  shown: RegisterStatus[];
}) {
  return (
    <ul className="stats-totals">
      <li>
        <strong>{fmt.format(stats.totals.total)}</strong> {t("register.stats.certificates")}
      </li>
      {shown.length > 1
        ? shown.map((s) => (
            <li key={s}>
              <strong>{fmt.format(stats.totals[s])}</strong> {t(`register.status.${s}`)}
            </li>
          ))
        : null}
      <li>
        <strong>{fmt.format(stats.totals.products)}</strong> {t("register.stats.products")}
      </li>
    </ul>
  );
}
