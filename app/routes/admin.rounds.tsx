// URL /admin/rounds: the rounds of the organiser's jurisdiction (administrators: all), with
// filters and paging. The list query itself carries the jurisdiction (rounds.server.ts).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { countActive, DataTable, FilterBar, type Column } from "~/components/data-table";
import { canManageRounds } from "~/modules/access/permissions";
import { parsePage } from "~/utils/paging";
import { scopeLabel } from "~/modules/access/scope-label";
import { requireAuth } from "~/modules/auth/auth.server";
import { ROUND_STATUSES } from "~/modules/rounds/round-state";
import { listRoundsForManager } from "~/modules/rounds/rounds.server";
import { RoundListFilters } from "~/modules/rounds/schemas";
import { formatDateTime } from "~/utils/dates";
import { mapDomainErrors, searchParamsObject, throwForbidden } from "~/utils/http.server";
import { useLocale, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";

export const meta = titleMeta("rounds.admin.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canManageRounds(auth.roles)) throwForbidden();
  const search = searchParamsObject(request);
  const page = parsePage(search.page);
  const filters = RoundListFilters.parse({ status: search.status || undefined, year: search.year || undefined });
  const list = await mapDomainErrors(() => listRoundsForManager(auth, { page, ...filters }));
  return { list, filters: { status: filters.status ?? "", year: filters.year ? String(filters.year) : "" } };
}

type Row = Awaited<ReturnType<typeof loader>>["list"]["items"][number];

export default function AdminRounds() {
  const t = useT();
  const locale = useLocale();
  const { list, filters } = useLoaderData<typeof loader>();
  const columns: Column<Row>[] = [
    {
      key: "name",
      header: t("rounds.col.name"),
      primary: true,
      cell: (r) => <Link to={`/admin/rounds/${r.id}`}>{r.name}</Link>,
    },
    {
      key: "jurisdiction",
      header: t("rounds.col.jurisdiction"),
      cell: (r) => `${t(`level.${r.level}`)} — ${scopeLabel(t, locale, r.scope)}`,
    },
    { key: "year", header: t("rounds.col.year"), half: true, cell: (r) => r.year },
    {
      key: "period",
      header: t("rounds.col.entriesPeriod"),
      cell: (r) => `${formatDateTime(r.entriesOpenAt)} – ${formatDateTime(r.entriesCloseAt)}`,
    },
    {
      key: "status",
      header: t("rounds.col.status"),
      half: true,
      cell: (r) => <span className="badge">{t(`rounds.status.${r.status}`)}</span>,
    },
    { key: "entries", header: t("rounds.col.entries"), num: true, cell: (r) => r.entries },
  ];
  return (
    <div className="stack-lg">
      <div className="stack">
        <h1>{t("rounds.admin.title")}</h1>
        <p className="muted">{t("rounds.admin.intro")}</p>
        <p>
          <Link to="/admin/rounds/new" className="button">
            {t("rounds.admin.create")}
          </Link>
        </p>
      </div>

      <section className="stack" aria-label={t("rounds.admin.title")}>
        <FilterBar label={t("rounds.admin.filters")} active={countActive(filters)}>
          <div className="field">
            <label htmlFor="status-filter">{t("rounds.admin.filter.status")}</label>
            <select id="status-filter" name="status" defaultValue={filters.status}>
              <option value="">{t("rounds.admin.filter.all")}</option>
              {ROUND_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`rounds.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="year-filter">{t("rounds.admin.filter.year")}</label>
            <select id="year-filter" name="year" defaultValue={filters.year}>
              <option value="">{t("rounds.admin.filter.all")}</option>
              {list.years.map((y) => (
                <option key={y} value={String(y)}>
                  {y}
                </option>
              ))}
            </select>
          </div>
        </FilterBar>
        <DataTable
          columns={columns}
          rows={list.items}
          rowKey={(r) => r.id}
          caption={t("rounds.admin.title")}
          hideCaption
          empty={t("rounds.admin.empty")}
          paging={list}
        />
      </section>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
