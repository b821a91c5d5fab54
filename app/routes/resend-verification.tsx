import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requestMeta } from "~/modules/audit/audit.server";
import { resendVerification } from "~/modules/auth/auth.server";
import { ResendVerificationSchema } from "~/modules/auth/schemas";
import { getLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader() {
  return redirect("/login");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ResendVerificationSchema });
  if (submission.status === "success") {
    await resendVerification(submission.value.email, await getLocale(request), requestMeta(request, context));
  }
  // The same answer whatever the address, so nobody learns which accounts exist.
  return redirectWithToast("/login", { kind: "info", messageKey: "auth.login.resent" });
}
