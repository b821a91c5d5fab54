import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { countActive, DataTable, FilterBar, type Column } from "~/components/data-table";
import { canReadAuditLog } from "~/modules/access/permissions";
import { listAuditEntries } from "~/modules/admin/audit-log.server";
import { vnDayEnd, vnDayStart } from "~/utils/date-range";
import { parsePage } from "~/utils/paging";
import { requireAuth } from "~/modules/auth/auth.server";
import { formatDate, formatDateTime } from "~/utils/dates";
import { parseParams, throwForbidden } from "~/utils/http.server";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";

const day = z.string().refine((d) => vnDayStart(d) !== null);
const Filters = z.object({
  action: z.string().trim().max(100).optional(),
  actor: z.string().trim().max(254).optional(),
  from: day.optional(),
  to: day.optional(),
});

export const meta = titleMeta("admin.audit.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canReadAuditLog(auth.roles)) throwForbidden();
  const url = new URL(request.url);
  const given = Object.fromEntries(
    ["action", "actor", "from", "to"].flatMap((k) => {
      const v = url.searchParams.get(k)?.trim();
      return v ? [[k, v]] : [];
    }),
  );
  // A malformed date in a hand-edited URL is a 400, not a crash.
  const filters = parseParams(Filters, given);
  const list = await listAuditEntries(auth, {
    page: parsePage(url.searchParams.get("page")),
    action: filters.action,
    actor: filters.actor,
    from: filters.from ? (vnDayStart(filters.from) ?? undefined) : undefined,
    to: filters.to ? (vnDayEnd(filters.to) ?? undefined) : undefined,
  });
  return {
    list,
    filters: {
      action: filters.action ?? "",
      actor: filters.actor ?? "",
      from: filters.from ?? "",
      to: filters.to ?? "",
    },
  };
}

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  return <pre className="mail-body">{JSON.stringify(value, null, 2)}</pre>;
}

type Row = Awaited<ReturnType<typeof loader>>["list"]["items"][number];

export default function AdminAudit() {
  const t = useT();
  const { list, filters } = useLoaderData<typeof loader>();
  const filtered = filters.action || filters.actor || filters.from || filters.to;
  const columns: Column<Row>[] = [
    { key: "time", header: t("admin.audit.time"), half: true, cell: (e) => formatDateTime(e.createdAt) },
    {
      key: "actor",
      header: t("admin.audit.actor"),
      cell: (e) =>
        e.actor ? (
          <>
            {e.actor.name}
            <br />
            <small>{e.actor.email}</small>
          </>
        ) : (
          <span className="muted">{t("admin.audit.system")}</span>
        ),
    },
    { key: "action", header: t("admin.audit.actionColumn"), primary: true, cell: (e) => <code>{e.action}</code> },
    {
      key: "entity",
      header: t("admin.audit.entity"),
      cell: (e) => (
        <>
          {e.entityType ?? "—"}
          {e.entityId ? (
            <>
              <br />
              <small>{e.entityId}</small>
            </>
          ) : null}
        </>
      ),
    },
    { key: "ip", header: t("admin.audit.ip"), half: true, cell: (e) => e.ipAddress ?? "—" },
    {
      key: "details",
      header: t("admin.audit.details"),
      cell: (e) =>
        e.before !== null || e.after !== null ? (
          <details>
            <summary>{t("admin.audit.changes")}</summary>
            <p>{t("admin.audit.before")}</p>
            <Json value={e.before} />
            <p>{t("admin.audit.after")}</p>
            <Json value={e.after} />
          </details>
        ) : (
          <span className="muted">—</span>
        ),
    },
  ];
  return (
    <div className="stack">
      <h1>{t("admin.audit.title")}</h1>
      <FilterBar label={t("admin.audit.filters")} active={countActive(filters)}>
        <div className="field">
          <label htmlFor="audit-action">{t("admin.audit.action")}</label>
          <input
            id="audit-action"
            name="action"
            defaultValue={filters.action}
            maxLength={100}
            placeholder="invitation."
          />
        </div>
        <div className="field">
          <label htmlFor="audit-actor">{t("admin.audit.actorEmail")}</label>
          <input
            id="audit-actor"
            type="search"
            name="actor"
            defaultValue={filters.actor}
            maxLength={254}
            inputMode="email"
          />
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t("admin.audit.from")}</label>
          <input id="audit-from" type="date" name="from" defaultValue={filters.from} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t("admin.audit.to")}</label>
          <input id="audit-to" type="date" name="to" defaultValue={filters.to} />
        </div>
      </FilterBar>
      {filtered ? (
        <p className="muted">
          {t("admin.audit.filtered", {
            from: filters.from ? formatDate(vnDayStart(filters.from)) : "…",
            to: filters.to ? formatDate(vnDayStart(filters.to)) : "…",
          })}{" "}
          <Link to="/admin/audit">{t("admin.audit.clear")}</Link>
        </p>
      ) : null}
      <DataTable
        columns={columns}
        rows={list.items}
        rowKey={(e) => e.id}
        caption={t("admin.audit.title")}
        hideCaption
        empty={t("common.empty")}
        paging={list}
      />
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
