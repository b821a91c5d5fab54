import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormErrors } from "~/components/forms";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAnonymous, signup } from "~/modules/auth/auth.server";
import { passwordProblem } from "~/modules/auth/password-policy";
import { SignupSchema } from "~/modules/auth/schemas";
import { invalid, replyWithDomainError } from "~/utils/forms.server";
import { getT, useT, type I18nHandle } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";

/** Translations the page needs in the browser (decision 015). */
export const handle: I18nHandle = { i18n: ["auth"] };

// The sign-up schema plus the password policy, checked by the action (zod stays on the server,
// decision 015; the browser gets the schema's HTML constraints from the loader).
const SignupFormSchema = SignupSchema.superRefine((v, ctx) => {
  const problem = passwordProblem(v.password, v.email);
  if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
});

export const meta = titleMeta("auth.signup.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return { constraint: getZodConstraint(SignupSchema) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const submission = parseWithZod(await request.formData(), { schema: SignupFormSchema });
  const secrets = ["password", "confirmPassword"];
  if (submission.status !== "success") return invalid(submission, secrets);
  try {
    await signup({ ...submission.value, locale: await getLocale(request), meta: requestMeta(request, context) });
  } catch (error) {
    return replyWithDomainError(error, submission, { hideFields: secrets, t: getT(await getLocale(request)) });
  }
  return redirect(`/signup/sent?email=${encodeURIComponent(submission.value.email)}`);
}

export default function SignupPage() {
  const t = useT();
  const { constraint } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof SignupSchema>>({
    id: "signup",
    lastResult: actionData?.result,
    constraint,
    // Validation is the server's (zod stays there): only a submit asks it. Validating on blur or
    // input would post the form each time and the reply would clear the password fields.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onSubmit",
  });
  return (
    <div className="narrow">
      <h1>{t("auth.signup.title")}</h1>
      <p>{t("auth.signup.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label="auth.name" meta={fields.name} autoComplete="name" required />
        <Field label="auth.email" meta={fields.email} type="email" autoComplete="email" required inputMode="email" />
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
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("auth.signup.submit")}
        </button>
      </Form>
      <p>
        {t("auth.signup.haveAccount")} <Link to="/login">{t("nav.login")}</Link>
      </p>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
