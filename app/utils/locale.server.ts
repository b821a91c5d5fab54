import { createCookie } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./i18n";

export const localeCookie = createCookie("tb_lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

/** Vietnamese unless the visitor chose English (cookie set by the language switch). */
export async function getLocale(request: Request): Promise<Locale> {
  const value = await localeCookie.parse(request.headers.get("Cookie"));
  return isLocale(value) ? value : DEFAULT_LOCALE;
}
