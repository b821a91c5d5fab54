import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Pagination } from "~/components/pagination";
import { canUseAdminArea } from "~/modules/access/permissions";
import { parsePage } from "~/modules/admin/paging";
import { requireAuth } from "~/modules/auth/auth.server";
import { listRoundEntries, SCREENING_PAGE_SIZE } from "~/modules/entries/entries.server";
import { IdParam, ScreeningFiltersSchema } from "~/modules/entries/schemas";
import { formatDate, formatDateTime } from "~/utils/dates";
import { mapDomainErrors, parseParams, searchParamsObject, throwForbidden } from "~/utils/http.server";
import { useT, type MessageKey } from "~/utils/i18n";
import { TableWrap } from "~/components/table-wrap";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canUseAdminArea(auth.roles)) throwForbidden();
  const { roundId } = parseParams(z.object({ roundId: IdParam }), params, 404);
  const search = searchParamsObject(request);
  const filters = ScreeningFiltersSchema.parse(search);
  const page = parsePage(search.page);
  const list = await mapDomainErrors(() => listRoundEntries(auth, roundId, { ...filters, page }));
  return { ...list, filters, page, pages: Math.max(1, Math.ceil(list.total / SCREENING_PAGE_SIZE)) };
}

const STATUSES = ["SUBMITTED", "RETURNED", "ACCEPTED", "REJECTED", "WITHDRAWN"] as const;

export default function RoundEntries() {
  const t = useT();
  const { round, rows, total, communes, filters, page, pages } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const exportSearch = new URLSearchParams(searchParams);
  exportSearch.delete("page");
  return (
    <div className="stack">
      <p>
        <Link to={`/admin/rounds/${round.id}`}>← {round.name}</Link>
      </p>
      <h1>{t("screening.title")}</h1>
      <Form method="get" className="filters" role="search" aria-label={t("screening.filters")}>
        <div className="field">
          <label htmlFor="q">{t("screening.search")}</label>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ""} placeholder={t("screening.searchHint")} />
        </div>
        <div className="field">
          <label htmlFor="group">{t("screening.group")}</label>
          <select id="group" name="group" defaultValue={filters.group ?? ""}>
            <option value="">{t("screening.all")}</option>
            {round.groups.split(",").map((g) => (
              <option key={g} value={g}>
                {g} — {t(`group.${g}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="status">{t("screening.status")}</label>
          <select id="status" name="status" defaultValue={filters.status ?? ""}>
            <option value="">{t("screening.allSubmitted")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`entries.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="commune">{t("screening.commune")}</label>
          <select id="commune" name="commune" defaultValue={filters.commune ?? ""}>
            <option value="">{t("screening.all")}</option>
            {communes.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("common.filter")}
        </button>
      </Form>
      <p className="actions">
        {round.level === "PROVINCE" && (round.status === "OPEN" || round.status === "SCREENING") ? (
          <>
            <Link className="button" to={`/admin/rounds/${round.id}/entries/new`}>
              {t("entries.onBehalf.title")}
            </Link>{" "}
          </>
        ) : null}
        <a className="button button-secondary" href={`/admin/rounds/${round.id}/entries/export?${new URLSearchParams([...exportSearch, ["format", "xlsx"]])}`}>
          {t("screening.exportXlsx")}
        </a>{" "}
        <a className="button button-secondary" href={`/admin/rounds/${round.id}/entries/export?${new URLSearchParams([...exportSearch, ["format", "csv"]])}`}>
          {t("screening.exportCsv")}
        </a>
      </p>
      {rows.length === 0 ? (
        <p className="muted">{t("screening.empty")}</p>
      ) : (
        <TableWrap label={t("screening.title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("entries.col.code")}</th>
                <th scope="col">{t("entries.col.receipt")}</th>
                <th scope="col">{t("entries.col.product")}</th>
                <th scope="col">{t("entries.col.establishment")}</th>
                <th scope="col">{t("entries.col.group")}</th>
                <th scope="col">{t("entries.col.commune")}</th>
                <th scope="col">{t("entries.col.status")}</th>
                <th scope="col">{t("entries.col.submittedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  {/* The code is given on acceptance (samples carry it); the receipt number on submission. */}
                  <td>{r.entryCode ?? "—"}</td>
                  <td>{r.receiptNumber ?? "—"}</td>
                  <td>
                    <Link to={`/admin/rounds/${round.id}/entries/${r.id}`}>{r.product.name}</Link>
                    {r.onBehalf ? <span className="badge">{t("screening.onBehalf")}</span> : null}
                    {r.nominatedFrom ? (
                      <>
                        {" "}
                        <span className="badge">{t("nominations.fromBadge")}</span>
                        <br />
                        <span className="muted">
                          {t("nominations.from", {
                            serial: r.nominatedFrom.serial,
                            jurisdiction: r.nominatedFrom.jurisdiction,
                            year: r.nominatedFrom.year,
                            decision: r.nominatedFrom.decision.number,
                            date: formatDate(r.nominatedFrom.decision.signedAt),
                          })}
                        </span>
                      </>
                    ) : null}
                  </td>
                  <td>{r.establishment.name}</td>
                  <td>{r.group}</td>
                  <td>{r.commune ?? ""}</td>
                  <td>
                    <span className="badge">{t(`entries.status.${r.status}`)}</span>
                  </td>
                  <td>{formatDateTime(r.submittedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pagination page={page} pages={pages} total={total} />
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
