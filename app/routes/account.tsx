import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmButton } from "~/components/confirm-button";
import { Field, FormErrors, SelectField } from "~/components/forms";
import { requestMeta } from "~/modules/audit/audit.server";
import {
  changePassword,
  listSessions,
  logoutEverywhere,
  requireAuth,
  revokeSession,
  updateProfile,
} from "~/modules/auth/auth.server";
import { ChangePasswordSchema, ProfileSchema } from "~/modules/auth/schemas";
import { prisma } from "~/utils/db.server";
import { formatDate, formatDateTime } from "~/utils/dates";
import { invalid, replyWithDomainError } from "~/utils/forms.server";
import { httpError, mapDomainErrors } from "~/utils/http.server";
import { useLocale, useT, type MessageKey } from "~/utils/i18n";
import { redirectWithToast } from "~/utils/toast.server";
import { titleMeta } from "~/utils/meta";
import { TableWrap } from "~/components/table-wrap";

export const meta = titleMeta("account.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const [sessions, establishments] = await Promise.all([
    listSessions(auth.user.id),
    prisma.establishment.findMany({
      where: { ownerId: auth.user.id },
      select: { id: true, name: true, legalForm: true, registrationNumber: true, province: { select: { name: true } } },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  return {
    user: { name: auth.user.name, email: auth.user.email, locale: auth.user.locale === "en" ? "en" : "vi" },
    roles: auth.roles,
    currentSessionId: auth.session.id,
    sessions,
    establishments,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  const formData = await request.formData();
  const meta = requestMeta(request, context);
  const intent = formData.get("intent");
  switch (intent) {
    case "profile": {
      const submission = parseWithZod(formData, { schema: ProfileSchema });
      if (submission.status !== "success") return invalid(submission);
      await updateProfile(auth, submission.value, meta);
      return redirectWithToast("/account", { kind: "success", messageKey: "account.profile.saved" });
    }
    case "password": {
      const submission = parseWithZod(formData, { schema: ChangePasswordSchema });
      const secrets = ["currentPassword", "newPassword", "confirmPassword"];
      if (submission.status !== "success") return invalid(submission, secrets);
      try {
        await changePassword(auth, submission.value.currentPassword, submission.value.newPassword, meta);
      } catch (error) {
        return replyWithDomainError(error, submission, { hideFields: secrets });
      }
      return redirectWithToast("/account", { kind: "success", messageKey: "account.password.changed" });
    }
    case "revoke": {
      const id = formData.get("sessionId");
      if (typeof id !== "string" || id.length > 100) httpError(400, "error.400");
      await mapDomainErrors(() => revokeSession(auth, id, meta));
      return redirectWithToast("/account", { kind: "success", messageKey: "account.sessions.revoked" });
    }
    case "everywhere": {
      const cookie = await logoutEverywhere(auth, meta);
      return redirectWithToast(
        "/login",
        { kind: "info", messageKey: "account.sessions.everywhereDone" },
        { headers: { "Set-Cookie": cookie } },
      );
    }
    default:
      return data({ result: undefined }, { status: 400 });
  }
}

export default function AccountPage() {
  const t = useT();
  const locale = useLocale();
  const { user, roles, sessions, currentSessionId, establishments } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [profileForm, profileFields] = useForm({
    id: "profile",
    lastResult: actionData?.result,
    defaultValue: { name: user.name, locale: user.locale },
    constraint: getZodConstraint(ProfileSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }),
  });
  const [pwForm, pwFields] = useForm({
    id: "password",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ChangePasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
  });
  return (
    <div className="stack-lg">
      <h1>{t("account.title")}</h1>
      <p>{user.email}</p>

      <section aria-labelledby="roles-h" className="card">
        <h2 id="roles-h">{t("account.roles")}</h2>
        {roles.length === 0 ? (
          <p>{t("account.noRoles")}</p>
        ) : (
          <ul>
            {roles.map((r) => (
              <li key={r.id}>
                <strong>{t(`role.${r.role}` as MessageKey)}</strong> —{" "}
                {r.role === "PRODUCER"
                  ? t("account.establishments")
                  : r.level === "NATION"
                    ? t("scope.nation")
                    : r.level === "REGION"
                      ? t("scope.region", { name: (locale === "en" ? r.regionNameEn : r.regionName) ?? "" })
                      : t("scope.province", { name: r.provinceName ?? "" })}
              </li>
            ))}
          </ul>
        )}
      </section>

      {roles.some((r) => r.role === "PRODUCER") ? (
        <section aria-labelledby="est-h" className="card">
          <h2 id="est-h">{t("account.establishments")}</h2>
          {establishments.length === 0 ? (
            <>
              <p>{t("account.noEstablishment")}</p>
              <p>
                <Link to="/producer" className="button">
                  {t("account.startOnboarding")}
                </Link>
              </p>
            </>
          ) : (
            <ul>
              {establishments.map((e) => (
                <li key={e.id}>
                  <strong>{e.name}</strong> ({t(`legalForm.${e.legalForm}` as MessageKey)}, {e.province.name}) —{" "}
                  {e.registrationNumber}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      <section aria-labelledby="profile-h" className="card">
        <h2 id="profile-h">{t("account.profile")}</h2>
        <Form method="post" {...getFormProps(profileForm)} className="stack">
          <input type="hidden" name="intent" value="profile" />
          <Field label="auth.name" meta={profileFields.name} autoComplete="name" required />
          <SelectField label="account.language" meta={profileFields.locale}>
            <option value="vi">{t("lang.vi")}</option>
            <option value="en">{t("lang.en")}</option>
          </SelectField>
          <button type="submit" className="button">
            {t("common.save")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="pw-h" className="card">
        <h2 id="pw-h">{t("account.password.title")}</h2>
        <Form method="post" {...getFormProps(pwForm)} className="stack">
          <FormErrors id={pwForm.errorId} errors={pwForm.errors} />
          <input type="hidden" name="intent" value="password" />
          <Field
            label="account.password.current"
            meta={pwFields.currentPassword}
            type="password"
            autoComplete="current-password"
            required
          />
          <Field
            label="account.password.new"
            meta={pwFields.newPassword}
            type="password"
            autoComplete="new-password"
            hint="auth.password.hint"
            required
          />
          <Field
            label="auth.confirmPassword"
            meta={pwFields.confirmPassword}
            type="password"
            autoComplete="new-password"
            required
          />
          <button type="submit" className="button">
            {t("account.password.submit")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="sess-h" className="card">
        <h2 id="sess-h">{t("account.sessions.title")}</h2>
        <p>{t("account.sessions.intro")}</p>
        <TableWrap label={t("account.sessions.title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("account.sessions.device")}</th>
                <th scope="col">{t("account.sessions.address")}</th>
                <th scope="col">{t("account.sessions.started")}</th>
                <th scope="col">{t("account.sessions.expires")}</th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id}>
                  <td>{(s.userAgent ?? "—").slice(0, 80)}</td>
                  <td>{s.ipAddress ?? "—"}</td>
                  <td>{formatDateTime(s.createdAt)}</td>
                  <td>{formatDate(s.expiresAt)}</td>
                  <td>
                    {s.id === currentSessionId ? (
                      <em>{t("account.sessions.current")}</em>
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="sessionId" value={s.id} />
                        <button type="submit" className="link-button">
                          {t("account.sessions.revoke")}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        <Form method="post">
          <input type="hidden" name="intent" value="everywhere" />
          <ConfirmButton confirmText={t("account.sessions.everywhereConfirm")} className="button button-danger">
            {t("account.sessions.everywhere")}
          </ConfirmButton>
        </Form>
      </section>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
