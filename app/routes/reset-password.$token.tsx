import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormErrors } from "~/components/forms";
import { requestMeta } from "~/modules/audit/audit.server";
import { peekToken, resetPassword } from "~/modules/auth/auth.server";
import { ResetPasswordSchema } from "~/modules/auth/schemas";
import { invalid, replyWithDomainError } from "~/utils/forms.server";
import { mapDomainErrors, parseParams } from "~/utils/http.server";
import { useT } from "~/utils/i18n";
import { redirectWithToast } from "~/utils/toast.server";
import { titleMeta } from "~/utils/meta";

const Params = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });

export const meta = titleMeta("auth.reset.title");

export async function loader({ params }: LoaderFunctionArgs) {
  const { token } = parseParams(Params, params, 404);
  const row = await mapDomainErrors(() => peekToken(token, "RESET_PASSWORD"));
  return { email: row.user.email };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { token } = parseParams(Params, params, 404);
  const submission = parseWithZod(await request.formData(), { schema: ResetPasswordSchema });
  const secrets = ["password", "confirmPassword"];
  if (submission.status !== "success") return invalid(submission, secrets);
  try {
    await resetPassword(token, submission.value.password, requestMeta(request, context));
  } catch (error) {
    return replyWithDomainError(error, submission, { hideFields: secrets });
  }
  return redirectWithToast("/login", { kind: "success", messageKey: "auth.reset.done" });
}

export default function ResetPassword() {
  const t = useT();
  const { email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "reset",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ResetPasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="narrow">
      <h1>{t("auth.reset.title")}</h1>
      <p>{t("auth.reset.intro", { email })}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          label="auth.reset.newPassword"
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
        <button type="submit" className="button">
          {t("auth.reset.submit")}
        </button>
      </Form>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
