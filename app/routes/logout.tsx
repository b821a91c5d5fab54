import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requestMeta } from "~/modules/audit/audit.server";
import { getAuth, logout } from "~/modules/auth/auth.server";
import { redirectWithToast } from "~/utils/toast.server";

// Logging out changes state, so it happens only by POST.
export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await getAuth(request);
  if (!auth) return redirect("/");
  const cookie = await logout(auth, requestMeta(request, context));
  return redirectWithToast("/", { kind: "info", messageKey: "auth.loggedOut" }, { headers: { "Set-Cookie": cookie } });
}
