// URL /admin/outbox/:id. The "_" keeps this page out of the list route (admin.outbox.tsx has no
// <Outlet />) while it stays inside the admin layout.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { canReadOutbox } from "~/modules/access/permissions";
import { getMail } from "~/modules/admin/outbox.server";
import { mailStatusKey } from "~/modules/admin/mail-status";
import { requireAuth } from "~/modules/auth/auth.server";
import { formatDateTime } from "~/utils/dates";
import { mapDomainErrors, parseParams, throwForbidden } from "~/utils/http.server";
import { useT } from "~/utils/i18n";

const Params = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canReadOutbox(auth.roles)) throwForbidden();
  const { id } = parseParams(Params, params, 404);
  const mail = await mapDomainErrors(() => getMail(auth, id));
  return { mail };
}


export default function AdminOutboxMail() {
  const t = useT();
  const { mail } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <p>
        <Link to="/admin/outbox">← {t("admin.outbox.back")}</Link>
      </p>
      <h1>{mail.subject}</h1>
      <dl>
        <dt>{t("admin.outbox.to")}</dt>
        <dd>{mail.to}</dd>
        <dt>{t("admin.outbox.status")}</dt>
        <dd>
          <span className="badge">{t(mailStatusKey(mail.status))}</span> ({mail.transport})
        </dd>
        <dt>{t("admin.outbox.date")}</dt>
        <dd>{formatDateTime(mail.createdAt)}</dd>
        {mail.sentAt ? (
          <>
            <dt>{t("admin.outbox.sentAt")}</dt>
            <dd>{formatDateTime(mail.sentAt)}</dd>
          </>
        ) : null}
        {mail.error ? (
          <>
            <dt>{t("admin.outbox.error")}</dt>
            <dd>{mail.error}</dd>
          </>
        ) : null}
      </dl>
      <pre className="mail-body">{mail.text}</pre>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
