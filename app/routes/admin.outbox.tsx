import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { countActive, DataTable, FilterBar, type Column } from "~/components/data-table";
import { canReadOutbox } from "~/modules/access/permissions";
import { listMails } from "~/modules/admin/outbox.server";
import { parsePage } from "~/utils/paging";
import { MAIL_STATUSES, mailStatusKey } from "~/modules/admin/mail-status";
import { requireAuth } from "~/modules/auth/auth.server";
import { formatDateTime } from "~/utils/dates";
import { throwForbidden } from "~/utils/http.server";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";

// An unknown status in a hand-edited URL shows every mail rather than an error page.
const StatusParam = z.enum(MAIL_STATUSES).optional().catch(undefined);

export const meta = titleMeta("admin.outbox.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canReadOutbox(auth.roles)) throwForbidden();
  const url = new URL(request.url);
  const to = url.searchParams.get("to")?.trim().slice(0, 254) ?? "";
  const status = StatusParam.parse(url.searchParams.get("status") || undefined);
  const list = await listMails(auth, { page: parsePage(url.searchParams.get("page")), to, status });
  return { list, to, status: status ?? "" };
}

type Row = Awaited<ReturnType<typeof loader>>["list"]["items"][number];

export default function AdminOutbox() {
  const t = useT();
  const { list, to, status } = useLoaderData<typeof loader>();
  const columns: Column<Row>[] = [
    { key: "to", header: t("admin.outbox.to"), cell: (m) => m.to },
    {
      key: "subject",
      header: t("admin.outbox.subject"),
      primary: true,
      cell: (m) => <Link to={`/admin/outbox/${m.id}`}>{m.subject}</Link>,
    },
    {
      key: "status",
      header: t("admin.outbox.status"),
      half: true,
      cell: (m) => <span className="badge">{t(mailStatusKey(m.status))}</span>,
    },
    { key: "attempts", header: t("admin.outbox.attempts"), num: true, cell: (m) => m.attempts },
    {
      key: "error",
      header: t("admin.outbox.error"),
      className: "mail-error",
      cell: (m) =>
        m.lastError ? (
          <code title={m.lastError}>{m.lastError.length > 120 ? `${m.lastError.slice(0, 120)}…` : m.lastError}</code>
        ) : null,
    },
    { key: "date", header: t("admin.outbox.date"), half: true, cell: (m) => formatDateTime(m.createdAt) },
  ];
  return (
    <div className="stack">
      <h1>{t("admin.outbox.title")}</h1>
      <p className="muted">{t("admin.outbox.intro")}</p>
      <FilterBar label={t("admin.outbox.filters")} active={countActive({ to, status })}>
        <div className="field">
          <label htmlFor="outbox-to">{t("admin.outbox.to")}</label>
          <input id="outbox-to" type="search" name="to" defaultValue={to} maxLength={254} inputMode="email" />
        </div>
        <div className="field">
          <label htmlFor="outbox-status">{t("admin.outbox.statusFilter")}</label>
          <select id="outbox-status" name="status" defaultValue={status}>
            <option value="">{t("admin.outbox.statusAll")}</option>
            {MAIL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(mailStatusKey(s))}
              </option>
            ))}
          </select>
        </div>
      </FilterBar>
      <DataTable
        columns={columns}
        rows={list.items}
        rowKey={(m) => m.id}
        caption={t("admin.outbox.title")}
        hideCaption
        empty={t("common.empty")}
        paging={list}
      />
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
