import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { countActive, DataTable, FilterBar, type Column } from "~/components/data-table";
import { canUseAdminArea } from "~/modules/access/permissions";
import { parsePage } from "~/utils/paging";
import { requireAuth } from "~/modules/auth/auth.server";
import { listRoundEntries, SCREENING_PAGE_SIZE } from "~/modules/entries/entries.server";
import { groupList } from "~/modules/rounds/groups";
import { IdParam, ScreeningFiltersSchema } from "~/modules/entries/schemas";
import { formatDate, formatDateTime } from "~/utils/dates";
import { mapDomainErrors, parseParams, searchParamsObject, throwForbidden } from "~/utils/http.server";
import { useT, type MessageKey } from "~/utils/i18n";
import { pageMeta } from "~/utils/meta";
import { BackLink } from "~/components/back-link";

export const meta = pageMeta<typeof loader>(({ t, data }) => ({ title: [t("screening.title"), data?.round.name] }));

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

type Row = Awaited<ReturnType<typeof loader>>["rows"][number];

const STATUSES = ["SUBMITTED", "RETURNED", "ACCEPTED", "REJECTED", "WITHDRAWN"] as const;

export default function RoundEntries() {
  const t = useT();
  const { round, rows, total, communes, filters, page, pages } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const exportSearch = new URLSearchParams(searchParams);
  exportSearch.delete("page");
  const columns: Column<Row>[] = [
    // The code is given on acceptance (samples carry it); the receipt number on submission.
    { key: "code", header: t("entries.col.code"), half: true, cell: (r) => r.entryCode ?? "—" },
    { key: "receipt", header: t("entries.col.receipt"), half: true, cell: (r) => r.receiptNumber ?? "—" },
    {
      key: "product",
      header: t("entries.col.product"),
      primary: true,
      cell: (r) => (
        <>
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
        </>
      ),
    },
    { key: "establishment", header: t("entries.col.establishment"), cell: (r) => r.establishment.name },
    { key: "group", header: t("entries.col.group"), half: true, cell: (r) => r.group },
    { key: "commune", header: t("entries.col.commune"), half: true, cell: (r) => r.commune ?? "" },
    {
      key: "status",
      header: t("entries.col.status"),
      half: true,
      cell: (r) => <span className="badge">{t(`entries.status.${r.status}`)}</span>,
    },
    {
      key: "submittedAt",
      header: t("entries.col.submittedAt"),
      half: true,
      cell: (r) => formatDateTime(r.submittedAt),
    },
  ];
  return (
    <div className="stack">
      <BackLink to={`/admin/rounds/${round.id}`}>{round.name}</BackLink>
      <h1>{t("screening.title")}</h1>
      <FilterBar label={t("screening.filters")} active={countActive(filters)}>
        <div className="field">
          <label htmlFor="q">{t("screening.search")}</label>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ""} placeholder={t("screening.searchHint")} />
        </div>
        <div className="field">
          <label htmlFor="group">{t("screening.group")}</label>
          <select id="group" name="group" defaultValue={filters.group ?? ""}>
            <option value="">{t("screening.all")}</option>
            {groupList(round.groups).map((g) => (
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
      </FilterBar>
      <p className="actions">
        {round.level === "PROVINCE" && (round.status === "OPEN" || round.status === "SCREENING") ? (
          <>
            <Link className="button" to={`/admin/rounds/${round.id}/entries/new`}>
              {t("entries.onBehalf.title")}
            </Link>{" "}
          </>
        ) : null}
        <a
          className="button button-secondary"
          href={`/admin/rounds/${round.id}/entries/export?${new URLSearchParams([...exportSearch, ["format", "xlsx"]])}`}
        >
          {t("screening.exportXlsx")}
        </a>{" "}
        <a
          className="button button-secondary"
          href={`/admin/rounds/${round.id}/entries/export?${new URLSearchParams([...exportSearch, ["format", "csv"]])}`}
        >
          {t("screening.exportCsv")}
        </a>
      </p>
      <DataTable
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        caption={t("screening.title")}
        hideCaption
        empty={t("screening.empty")}
        paging={{ page, pages, total }}
      />
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
