import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field, FormErrors } from "~/components/forms";
import { hasJuryMemberships } from "~/modules/judging/access.server";
import { requestMeta } from "~/modules/audit/audit.server";
import { landingPath } from "~/modules/access/landing";
import { loadRoles, login, requireAnonymous } from "~/modules/auth/auth.server";
import { LoginSchema } from "~/modules/auth/schemas";
import { invalid, replyWithDomainError } from "~/utils/forms.server";
import { safeRedirectPath } from "~/utils/http.server";
import { getT, useT, type I18nHandle } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { titleMeta } from "~/utils/meta";

/** Translations the page needs in the browser (decision 015). */
export const handle: I18nHandle = { i18n: ["auth"] };

export const meta = titleMeta("auth.login.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  // The form's HTML constraints (required, maxlength) come from the schema here, so zod stays
  // on the server; the schema's messages come back from the action (decision 015).
  return { constraint: getZodConstraint(LoginSchema) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") return invalid(submission, ["password"]);
  const t = getT(await getLocale(request));
  try {
    const { user, cookie } = await login({ ...submission.value, meta: requestMeta(request, context) });
    const headers = new Headers({ "Set-Cookie": cookie });
    // Each role lands where its work is (a safe ?redirectTo still wins): decision 031.
    const [roles, juror] = await Promise.all([loadRoles(user.id), hasJuryMemberships(user.id)]);
    const home = landingPath(roles, juror);
    return redirectWithToast(
      safeRedirectPath(submission.value.redirectTo, home),
      { kind: "success", messageKey: "auth.loggedIn", params: { name: user.name } },
      { headers },
    );
  } catch (error) {
    return replyWithDomainError(error, submission, { hideFields: ["password"], t });
  }
}

export default function LoginPage() {
  const t = useT();
  const { constraint } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof LoginSchema>>({
    id: "login",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    constraint,
    // Validation is the server's (zod stays there): only a submit asks it. Validating on blur or
    // input would post the form each time and the reply would clear the password fields.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onSubmit",
  });
  const unverified = form.errors?.includes("auth.login.unverified");
  return (
    <div className="narrow">
      <h1>{t("auth.login.title")}</h1>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field label="auth.email" meta={fields.email} type="email" autoComplete="email" required inputMode="email" />
        <Field label="auth.password" meta={fields.password} type="password" autoComplete="current-password" required />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("auth.login.submit")}
        </button>
      </Form>
      {unverified ? (
        <Form method="post" action="/resend-verification" className="stack">
          <input type="hidden" name="email" value={String(fields.email.value ?? fields.email.initialValue ?? "")} />
          <button type="submit" className="button button-secondary">
            {t("auth.login.resend")}
          </button>
        </Form>
      ) : null}
      <p>
        <Link to="/forgot-password">{t("auth.login.forgot")}</Link>
      </p>
      <p>
        {t("auth.login.noAccount")} <Link to="/signup">{t("nav.signup")}</Link>
      </p>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
