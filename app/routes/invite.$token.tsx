import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import { z } from "zod";
import { Field, FormErrors } from "~/components/forms";
import { scopeLabel } from "~/modules/access/scope-label";
import { requestMeta } from "~/modules/audit/audit.server";
import { getAuth, logout } from "~/modules/auth/auth.server";
import { lucia } from "~/modules/auth/lucia.server";
import { acceptInvitation, peekInvitation } from "~/modules/invitations/invitations.server";
import { AcceptInvitationSchema, acceptInvitationFormSchema } from "~/modules/invitations/schemas";
import { formatDateTime } from "~/utils/dates";
import { invalid, replyWithDomainError } from "~/utils/forms.server";
import { mapDomainErrors, parseParams } from "~/utils/http.server";
import { getT, useLocale, useT, type MessageKey } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { titleMeta } from "~/utils/meta";

export const meta = titleMeta("invite.title");

const Params = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });

const loginUrl = (token: string) => `/login?redirectTo=${encodeURIComponent(`/invite/${token}`)}`;

// Opening the emailed link only shows the invitation; accepting is a POST, so mail scanners
// that follow links cannot use it up.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { token } = parseParams(Params, params, 404);
  const [inv, auth] = await Promise.all([mapDomainErrors(() => peekInvitation(token)), getAuth(request)]);
  return {
    email: inv.email,
    role: inv.role,
    scope: inv.scope,
    inviter: inv.invitedBy.name,
    expiresAt: inv.expiresAt,
    accountExists: inv.accountId !== null,
    viewer: auth ? { email: auth.user.email, isInvitee: auth.user.id === inv.accountId } : null,
    loginUrl: loginUrl(token),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { token } = parseParams(Params, params, 404);
  const auth = await getAuth(request);
  const formData = await request.formData();
  const meta = requestMeta(request, context);
  const locale = await getLocale(request);
  const t = getT(locale);
  const intent = formData.get("intent");

  if (intent === "switch") {
    // Logged in as someone else: log out, then log in as the invitee and come back here.
    if (!auth) return redirect(loginUrl(token));
    const cookie = await logout(auth, meta);
    return redirect(loginUrl(token), { headers: { "Set-Cookie": cookie } });
  }

  if (intent === "accept") {
    if (!auth) return redirect(loginUrl(token));
    const result = await mapDomainErrors(() => acceptInvitation(token, { auth }, meta));
    return redirectWithToast("/admin", {
      kind: "success",
      messageKey: "invite.accepted",
      params: { role: t(`role.${result.role}` as MessageKey), scope: scopeLabel(t, locale, result.scope) },
    });
  }

  const submission = parseWithZod(formData, { schema: AcceptInvitationSchema });
  const secrets = ["password", "confirmPassword"];
  if (submission.status !== "success") return invalid(submission, secrets);
  let result;
  try {
    result = await acceptInvitation(
      token,
      { auth, name: submission.value.name, password: submission.value.password, locale },
      meta,
    );
  } catch (error) {
    return replyWithDomainError(error, submission, { hideFields: secrets, t });
  }
  const headers = new Headers();
  if (result.newAccount) {
    // The new account is logged in at once; a different account open in this browser is logged out.
    if (auth) await lucia.invalidateSession(auth.session.id);
    const session = await lucia.createSession(result.userId, {
      ipAddress: meta.ip?.slice(0, 100) ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      createdAt: new Date(),
    });
    headers.append("Set-Cookie", lucia.createSessionCookie(session.id).serialize());
  }
  return redirectWithToast(
    "/admin",
    {
      kind: "success",
      messageKey: "invite.accepted",
      params: { role: t(`role.${result.role}` as MessageKey), scope: scopeLabel(t, locale, result.scope) },
    },
    { headers },
  );
}

export default function InvitationPage() {
  const t = useT();
  const locale = useLocale();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const schema = useMemo(() => acceptInvitationFormSchema(data.email), [data.email]);
  const [form, fields] = useForm({
    id: "accept-invitation",
    lastResult: actionData?.result,
    constraint: getZodConstraint(AcceptInvitationSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const busy = navigation.state === "submitting";
  return (
    <div className="narrow stack">
      <h1>{t("invite.title")}</h1>
      <p>
        {t("invite.intro", {
          inviter: data.inviter,
          email: data.email,
          role: t(`role.${data.role}` as MessageKey),
          scope: scopeLabel(t, locale, data.scope),
        })}
      </p>
      <p className="muted">{t("invite.expires", { date: formatDateTime(data.expiresAt) })}</p>

      {!data.accountExists ? (
        <section className="card stack" aria-labelledby="create-h">
          <h2 id="create-h">{t("invite.create.title")}</h2>
          <p>{t("invite.create.intro", { email: data.email })}</p>
          {data.viewer ? (
            <div className="notice notice-info">
              <p>{t("invite.create.otherSession", { email: data.viewer.email })}</p>
            </div>
          ) : null}
          <Form method="post" {...getFormProps(form)} className="stack">
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="intent" value="create" />
            <Field label="auth.name" meta={fields.name} autoComplete="name" required />
            <Field
              label="auth.password"
              meta={fields.password}
              type="password"
              autoComplete="new-password"
              hint="auth.password.hint"
              required
            />
            <Field
              label="auth.confirmPassword"
              meta={fields.confirmPassword}
              type="password"
              autoComplete="new-password"
              required
            />
            <button type="submit" className="button" disabled={busy}>
              {t("invite.create.submit")}
            </button>
          </Form>
        </section>
      ) : data.viewer?.isInvitee ? (
        <Form method="post" className="stack">
          <FormErrors errors={form.errors} />
          <input type="hidden" name="intent" value="accept" />
          <button type="submit" className="button" disabled={busy}>
            {t("invite.accept.submit")}
          </button>
        </Form>
      ) : data.viewer ? (
        <div className="notice notice-info stack">
          <p>{t("invite.accept.otherAccount", { viewer: data.viewer.email, email: data.email })}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="switch" />
            <button type="submit" className="button button-secondary">
              {t("invite.accept.switch", { email: data.email })}
            </button>
          </Form>
        </div>
      ) : (
        <div className="stack">
          <p>{t("invite.accept.loginFirst", { email: data.email })}</p>
          <p>
            <Link to={data.loginUrl} className="button">
              {t("invite.accept.login")}
            </Link>
          </p>
        </div>
      )}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
