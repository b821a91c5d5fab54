import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { ConfirmButton } from "~/components/confirm-button";
import { countActive, DataTable, FilterBar, type Column } from "~/components/data-table";
import { canManageUsers } from "~/modules/access/permissions";
import { parsePage } from "~/utils/paging";
import { scopeLabel } from "~/modules/access/scope-label";
import { listUsers, removeRole, setUserDisabled } from "~/modules/admin/users.server";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { formatDate } from "~/utils/dates";
import { isDomainError } from "~/utils/errors";
import { parseParams, safeRedirectPath, throwForbidden, throwHttpError } from "~/utils/http.server";
import { useLocale, useT, type MessageKey } from "~/utils/i18n";
import { redirectWithToast } from "~/utils/toast.server";
import { titleMeta } from "~/utils/meta";

const PATH = "/admin/users";
const id = z.string().trim().min(1).max(100);
const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("removeRole"), roleId: id }),
  z.object({ intent: z.literal("disable"), userId: id }),
  z.object({ intent: z.literal("enable"), userId: id }),
]);

export const meta = titleMeta("admin.users.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canManageUsers(auth.roles)) throwForbidden();
  const url = new URL(request.url);
  const q = url.searchParams.get("q")?.trim().slice(0, 100) ?? "";
  const list = await listUsers(auth, { page: parsePage(url.searchParams.get("page")), q });
  return { list, q, me: auth.user.id };
}

function backTo(formData: FormData) {
  const to = safeRedirectPath(formData.get("redirectTo"), PATH);
  return to === PATH || to.startsWith(`${PATH}?`) ? to : PATH;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canManageUsers(auth.roles)) throwForbidden();
  const formData = await request.formData();
  const input = parseParams(ActionSchema, {
    intent: formData.get("intent"),
    roleId: formData.get("roleId") ?? undefined,
    userId: formData.get("userId") ?? undefined,
  });
  const meta = requestMeta(request, context);
  let messageKey: MessageKey;
  try {
    switch (input.intent) {
      case "removeRole":
        await removeRole(auth, input.roleId, meta);
        messageKey = "admin.users.roleRemoved";
        break;
      case "disable":
        await setUserDisabled(auth, input.userId, true, meta);
        messageKey = "admin.users.disabled";
        break;
      case "enable":
        await setUserDisabled(auth, input.userId, false, meta);
        messageKey = "admin.users.enabled";
        break;
    }
  } catch (error) {
    // A refused step (own last ADMIN role, own account) is shown above the list, not as an error page.
    if (isDomainError(error, "conflict")) return data({ error: error.messageKey }, { status: 409 });
    throwHttpError(error);
  }
  return redirectWithToast(backTo(formData), { kind: "success", messageKey });
}

type Row = Awaited<ReturnType<typeof loader>>["list"]["items"][number];

export default function AdminUsers() {
  const t = useT();
  const locale = useLocale();
  const { list, q, me } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  const here = location.pathname + location.search;
  const columns: Column<Row>[] = [
    { key: "name", header: t("admin.users.name"), primary: true, rowHeader: true, cell: (u) => u.name },
    { key: "email", header: t("auth.email"), cell: (u) => u.email },
    {
      key: "state",
      header: t("admin.users.state"),
      half: true,
      cell: (u) => (
        <span className="badge">
          {t(
            u.disabledAt
              ? "admin.users.state.disabled"
              : u.emailVerifiedAt
                ? "admin.users.state.active"
                : "admin.users.state.unverified",
          )}
        </span>
      ),
    },
    { key: "since", header: t("admin.users.createdAt"), half: true, cell: (u) => formatDate(u.createdAt) },
    {
      key: "roles",
      header: t("admin.users.roles"),
      cell: (u) =>
        u.roles.length === 0 ? (
          <span className="muted">{t("account.noRoles")}</span>
        ) : (
          <ul>
            {u.roles.map((r) => (
              <li key={r.id}>
                {t(`role.${r.role}` as MessageKey)} — {scopeLabel(t, locale, r.scope)}{" "}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="removeRole" />
                  <input type="hidden" name="roleId" value={r.id} />
                  <input type="hidden" name="redirectTo" value={here} />
                  <ConfirmButton
                    confirmText={t("admin.users.removeRoleConfirm", { name: u.name })}
                    className="button button-small button-danger"
                  >
                    {t("admin.users.removeRole")}
                  </ConfirmButton>
                </Form>
              </li>
            ))}
          </ul>
        ),
    },
    {
      key: "actions",
      header: t("common.actions"),
      cell: (u) =>
        u.id === me ? null : (
          <Form method="post">
            <input type="hidden" name="intent" value={u.disabledAt ? "enable" : "disable"} />
            <input type="hidden" name="userId" value={u.id} />
            <input type="hidden" name="redirectTo" value={here} />
            {u.disabledAt ? (
              <button type="submit" className="button button-small button-secondary">
                {t("admin.users.enable")}
              </button>
            ) : (
              <ConfirmButton
                confirmText={t("admin.users.disableConfirm", { name: u.name })}
                className="button button-small button-danger"
              >
                {t("admin.users.disable")}
              </ConfirmButton>
            )}
          </Form>
        ),
    },
  ];
  return (
    <div className="stack">
      <h1>{t("admin.users.title")}</h1>
      {actionData?.error ? (
        <div className="notice notice-error" role="alert">
          <p>{t(actionData.error)}</p>
        </div>
      ) : null}
      <FilterBar label={t("admin.users.filters")} submit={t("common.search")} active={countActive({ q })}>
        <div className="field">
          <label htmlFor="user-q">{t("admin.users.search")}</label>
          <input id="user-q" type="search" name="q" defaultValue={q} maxLength={100} />
        </div>
      </FilterBar>
      <DataTable
        columns={columns}
        rows={list.items}
        rowKey={(u) => u.id}
        caption={t("admin.users.title")}
        hideCaption
        empty={t("common.empty")}
        paging={list}
      />
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
