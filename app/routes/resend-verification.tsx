import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requestMeta } from "~/modules/audit/audit.server";
import { resendVerification } from "~/modules/auth/auth.server";
import { ResendVerificationSchema } from "~/modules/auth/schemas";
import { mapDomainErrors } from "~/utils/http.server";
import { getLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader() {
  return redirect("/login");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ResendVerificationSchema });
  if (submission.status === "success") {
    const locale = await getLocale(request);
    await mapDomainErrors(() => resendVerification(submission.value.email, locale, requestMeta(request, context)));
  }
  // The same answer whatever the address, so nobody learns which accounts exist.
  return redirectWithToast("/login", { kind: "info", messageKey: "auth.login.resent" });
}
