// URL /admin/outbox/:id. The "_" keeps this page out of the list route (admin.outbox.tsx has no
// <Outlet />) while it stays inside the admin layout.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ConfirmButton } from "~/components/confirm-button";
import { LinkedText } from "~/components/linked-text";
import { canReadOutbox } from "~/modules/access/permissions";
import { getMail, retryMail } from "~/modules/admin/outbox.server";
import { mailStatusKey } from "~/modules/admin/mail-status";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { formatDateTime } from "~/utils/dates";
import { mapDomainErrors, parseParams, throwForbidden } from "~/utils/http.server";
import { useT } from "~/utils/i18n";
import { redirectWithToast } from "~/utils/toast.server";
import { pageMeta } from "~/utils/meta";
import { BackLink } from "~/components/back-link";

const Params = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/) });
const RetryForm = z.object({ intent: z.literal("retry") });

export const meta = pageMeta<typeof loader>(({ t, data }) => ({
  title: [data?.mail.subject, t("admin.outbox.title")],
}));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canReadOutbox(auth.roles)) throwForbidden();
  const { id } = parseParams(Params, params, 404);
  const mail = await mapDomainErrors(() => getMail(auth, id));
  return { mail };
}

/** "Gửi lại": a FAILED mail goes back in the queue (administrators only, audited). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canReadOutbox(auth.roles)) throwForbidden();
  const { id } = parseParams(Params, params, 404);
  parseParams(RetryForm, Object.fromEntries(await request.formData()));
  await mapDomainErrors(() => retryMail(auth, id, requestMeta(request, context)));
  return redirectWithToast(`/admin/outbox/${id}`, { kind: "success", messageKey: "admin.outbox.retry.done" });
}

export default function AdminOutboxMail() {
  const t = useT();
  const { mail } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <BackLink to="/admin/outbox">{t("admin.outbox.back")}</BackLink>
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
        <dt>{t("admin.outbox.attempts")}</dt>
        <dd>{mail.attempts}</dd>
        {mail.lastAttemptAt ? (
          <>
            <dt>{t("admin.outbox.lastAttemptAt")}</dt>
            <dd>{formatDateTime(mail.lastAttemptAt)}</dd>
          </>
        ) : null}
        {mail.status === "QUEUED" && mail.nextAttemptAt ? (
          <>
            <dt>{t("admin.outbox.nextAttemptAt")}</dt>
            <dd>{formatDateTime(mail.nextAttemptAt)}</dd>
          </>
        ) : null}
        {mail.sentAt ? (
          <>
            <dt>{t("admin.outbox.sentAt")}</dt>
            <dd>{formatDateTime(mail.sentAt)}</dd>
          </>
        ) : null}
        {mail.lastError ? (
          <>
            <dt>{t("admin.outbox.error")}</dt>
            <dd>
              <code>{mail.lastError}</code>
            </dd>
          </>
        ) : null}
      </dl>
      {mail.canRetry ? (
        <Form method="post">
          <ConfirmButton name="intent" value="retry" className="button" confirmText={t("admin.outbox.retry.confirm")}>
            {t("admin.outbox.retry")}
          </ConfirmButton>
        </Form>
      ) : null}
      <h2>{t("admin.outbox.body")}</h2>
      <LinkedText className="mail-body" text={mail.text} />
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
