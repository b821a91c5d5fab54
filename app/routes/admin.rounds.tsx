// URL /admin/rounds: the rounds of the organiser's jurisdiction (administrators: all), with
// filters and paging. The list query itself carries the jurisdiction (rounds.server.ts).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/pagination";
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
import { TableWrap } from "~/components/table-wrap";

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

export default function AdminRounds() {
  const t = useT();
  const locale = useLocale();
  const { list, filters } = useLoaderData<typeof loader>();
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
        <Form method="get" className="filters" role="search" aria-label={t("rounds.admin.filters")}>
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
          <button type="submit" className="button button-secondary">
            {t("common.filter")}
          </button>
        </Form>

        {list.items.length === 0 ? (
          <p>{t("rounds.admin.empty")}</p>
        ) : (
          <TableWrap label={t("rounds.admin.title")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("rounds.col.name")}</th>
                  <th scope="col">{t("rounds.col.jurisdiction")}</th>
                  <th scope="col">{t("rounds.col.year")}</th>
                  <th scope="col">{t("rounds.col.entriesPeriod")}</th>
                  <th scope="col">{t("rounds.col.status")}</th>
                  <th scope="col">{t("rounds.col.entries")}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/admin/rounds/${r.id}`}>{r.name}</Link>
                    </td>
                    <td>
                      {t(`level.${r.level}`)} — {scopeLabel(t, locale, r.scope)}
                    </td>
                    <td>{r.year}</td>
                    <td>
                      {formatDateTime(r.entriesOpenAt)} – {formatDateTime(r.entriesCloseAt)}
                    </td>
                    <td>
                      <span className="badge">{t(`rounds.status.${r.status}`)}</span>
                    </td>
                    <td>{r.entries}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        <Pagination page={list.page} pages={list.pages} total={list.total} />
      </section>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
