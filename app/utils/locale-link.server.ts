import { redirect } from "@remix-run/node";
import type { Locale } from "./i18n";
import { safeRedirectPath } from "./http.server";
import { localeCookie } from "./locale.server";

/** /en and /vi: shareable links that choose the language (a preference, not a data change). */
export async function chooseLocale(request: Request, locale: Locale) {
  const to = safeRedirectPath(new URL(request.url).searchParams.get("to"), "/");
  return redirect(to, { headers: { "Set-Cookie": await localeCookie.serialize(locale) } });
}
