import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import {
  canManageRounds,
  canManageUsers,
  canReadAuditLog,
  canReadOutbox,
  canUseAdminArea,
  isAdmin,
} from "~/modules/access/permissions";
import { requireAuth } from "~/modules/auth/auth.server";
import { isCouncilSecretary } from "~/modules/judging/access.server";
import { canManageInvitations } from "~/modules/invitations/scope";
import { throwForbidden } from "~/utils/http.server";
import { useT, type MessageKey } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";

export const meta = titleMeta("admin.title");

// The layout only decides which links to show; every child loader/action checks again.
export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  // Council secretaries who are not organisers come in for their round's sheets and votes only;
  // those pages check requireSecretaryOrOrganiser themselves.
  if (!canUseAdminArea(auth.roles) && !(await isCouncilSecretary(auth.user.id))) throwForbidden();
  return {
    nav: {
      invitations: canManageInvitations(auth.roles),
      users: canManageUsers(auth.roles),
      outbox: canReadOutbox(auth.roles),
      audit: canReadAuditLog(auth.roles),
      provinces: isAdmin(auth.roles),
    },
    rounds: canManageRounds(auth.roles),
  };
}

const LINKS: {
  key: keyof Awaited<ReturnType<typeof loader>>["nav"] | "overview" | "rounds";
  to: string;
  label: MessageKey;
}[] = [
  { key: "overview", to: "/admin", label: "admin.nav.overview" },
  { key: "rounds", to: "/admin/rounds", label: "rounds.nav.admin" },
  { key: "rounds", to: "/admin/monitoring", label: "monitoring.admin.nav" },
  { key: "invitations", to: "/admin/invitations", label: "admin.nav.invitations" },
  { key: "users", to: "/admin/users", label: "admin.nav.users" },
  { key: "outbox", to: "/admin/outbox", label: "admin.nav.outbox" },
  { key: "audit", to: "/admin/audit", label: "admin.nav.audit" },
  { key: "provinces", to: "/admin/provinces", label: "admin.nav.provinces" },
];

export default function AdminLayout() {
  const t = useT();
  const { nav, rounds } = useLoaderData<typeof loader>();
  return (
    <div>
      <nav className="subnav" aria-label={t("admin.nav.label")}>
        {LINKS.filter((l) => l.key === "overview" || (l.key === "rounds" ? rounds : nav[l.key])).map((l) => (
          <NavLink key={l.to} to={l.to} end={l.key === "overview"}>
            {t(l.label)}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
