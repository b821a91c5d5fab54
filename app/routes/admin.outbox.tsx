import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Pagination } from "~/components/pagination";
import { canReadOutbox } from "~/modules/access/permissions";
import { listMails } from "~/modules/admin/outbox.server";
import { parsePage } from "~/utils/paging";
import { MAIL_STATUSES, mailStatusKey } from "~/modules/admin/mail-status";
import { requireAuth } from "~/modules/auth/auth.server";
import { formatDateTime } from "~/utils/dates";
import { throwForbidden } from "~/utils/http.server";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import { TableWrap } from "~/components/table-wrap";

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

export default function AdminOutbox() {
  const t = useT();
  const { list, to, status } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("admin.outbox.title")}</h1>
      <p className="muted">{t("admin.outbox.intro")}</p>
      <Form method="get" className="filters" role="search">
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
        <button type="submit" className="button button-secondary">
          {t("common.filter")}
        </button>
      </Form>
      {list.items.length === 0 ? (
        <p>{t("common.empty")}</p>
      ) : (
        <TableWrap label={t("admin.outbox.title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("admin.outbox.to")}</th>
                <th scope="col">{t("admin.outbox.subject")}</th>
                <th scope="col">{t("admin.outbox.status")}</th>
                <th scope="col">{t("admin.outbox.attempts")}</th>
                <th scope="col">{t("admin.outbox.error")}</th>
                <th scope="col">{t("admin.outbox.date")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((m) => (
                <tr key={m.id}>
                  <td>{m.to}</td>
                  <td>
                    <Link to={`/admin/outbox/${m.id}`}>{m.subject}</Link>
                  </td>
                  <td>
                    <span className="badge">{t(mailStatusKey(m.status))}</span>
                  </td>
                  <td>{m.attempts}</td>
                  <td className="mail-error">{m.lastError ? <code title={m.lastError}>{m.lastError.length > 120 ? `${m.lastError.slice(0, 120)}…` : m.lastError}</code> : null}</td>
                  <td>{formatDateTime(m.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pagination page={list.page} pages={list.pages} total={list.total} />
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
