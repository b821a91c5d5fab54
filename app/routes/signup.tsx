import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { Field, FormErrors } from "~/components/forms";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAnonymous, signup } from "~/modules/auth/auth.server";
import { passwordProblem } from "~/modules/auth/password-policy";
import { SignupSchema } from "~/modules/auth/schemas";
import { invalid, replyWithDomainError } from "~/utils/forms.server";
import { getT, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";

// The password policy is checked in the browser too, so JS users see it before submitting.
const SignupFormSchema = SignupSchema.superRefine((v, ctx) => {
  const problem = passwordProblem(v.password, v.email);
  if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
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
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "signup",
    lastResult: actionData?.result,
    constraint: getZodConstraint(SignupSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignupFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="narrow">
      <h1>{t("auth.signup.title")}</h1>
      <p>{t("auth.signup.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label="auth.name" meta={fields.name} autoComplete="name" required />
        <Field label="auth.email" meta={fields.email} type="email" autoComplete="email" required inputMode="email" />
        <Field label="auth.password" meta={fields.password} type="password" autoComplete="new-password" hint="auth.password.hint" required />
        <Field label="auth.confirmPassword" meta={fields.confirmPassword} type="password" autoComplete="new-password" required />
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
