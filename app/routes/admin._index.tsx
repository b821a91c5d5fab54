import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { canUseAdminArea } from "~/modules/access/permissions";
import { adminOverview } from "~/modules/admin/overview.server";
import { scopeLabel } from "~/modules/access/scope-label";
import { requireAuth } from "~/modules/auth/auth.server";
import { throwForbidden } from "~/utils/http.server";
import { useLocale, useT, type MessageKey } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";

export const meta = titleMeta("admin.overview.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canUseAdminArea(auth.roles)) throwForbidden();
  const counts = await adminOverview(auth);
  return {
    name: auth.user.name,
    roles: auth.roles
      .filter((r) => r.role !== "PRODUCER")
      .map((r) => ({
        id: r.id,
        role: r.role,
        scope: { level: r.level, regionName: r.regionName, regionNameEn: r.regionNameEn, provinceName: r.provinceName },
      })),
    counts,
  };
}

export default function AdminOverview() {
  const t = useT();
  const locale = useLocale();
  const { name, roles, counts } = useLoaderData<typeof loader>();
  const figures: { label: MessageKey; value: number | null; to: string }[] = [
    {
      label: "admin.overview.pendingInvitations",
      value: counts.pendingInvitations,
      to: "/admin/invitations?status=pending",
    },
    { label: "admin.overview.users", value: counts.users, to: "/admin/users" },
    { label: "admin.overview.mails", value: counts.mails, to: "/admin/outbox" },
    { label: "admin.overview.auditToday", value: counts.auditToday, to: "/admin/audit" },
  ];
  return (
    <div className="stack-lg">
      <h1>{t("admin.title")}</h1>
      <section className="card" aria-labelledby="scopes-h">
        <h2 id="scopes-h">{t("admin.overview.scopes", { name })}</h2>
        <ul>
          {roles.map((r) => (
            <li key={r.id}>
              <strong>{t(`role.${r.role}` as MessageKey)}</strong> — {scopeLabel(t, locale, r.scope)}
            </li>
          ))}
        </ul>
      </section>
      {figures.some((f) => f.value !== null) ? (
        <section aria-labelledby="figures-h">
          <h2 id="figures-h">{t("admin.overview.figures")}</h2>
          <div className="grid-2">
            {figures
              .filter((f) => f.value !== null)
              .map((f) => (
                <p key={f.label} className="card">
                  <Link to={f.to}>{t(f.label)}</Link>: <strong>{f.value}</strong>
                </p>
              ))}
          </div>
        </section>
      ) : null}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
