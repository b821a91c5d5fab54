import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { Field, FormErrors } from "~/components/forms";
import { requestMeta } from "~/modules/audit/audit.server";
import { requestPasswordReset } from "~/modules/auth/auth.server";
import { ForgotPasswordSchema } from "~/modules/auth/schemas";
import { invalid, replyWithDomainError } from "~/utils/forms.server";
import { getT, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ForgotPasswordSchema });
  if (submission.status !== "success") return invalid(submission);
  try {
    await requestPasswordReset(submission.value.email, requestMeta(request, context));
  } catch (error) {
    // Too many requests (429, with Retry-After): the form keeps the address.
    return replyWithDomainError(error, submission, { t: getT(await getLocale(request)) });
  }
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export const meta = titleMeta("auth.forgot.title");

export default function ForgotPassword() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "forgot",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ForgotPasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="narrow">
      <h1>{t("auth.forgot.title")}</h1>
      {actionData && "sent" in actionData ? (
        <p className="notice notice-success" role="status">
          {t("auth.forgot.sent")}
        </p>
      ) : null}
      <p>{t("auth.forgot.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label="auth.email" meta={fields.email} type="email" autoComplete="email" required inputMode="email" />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("auth.forgot.submit")}
        </button>
      </Form>
    </div>
  );
}
