import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { isLocale } from "~/utils/i18n";
import { safeRedirectPath } from "~/utils/http.server";
import { localeCookie } from "~/utils/locale.server";

export async function loader() {
  return redirect("/");
}

/** The language switch (a form, so it works without JavaScript); the choice is kept in a cookie. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const lang = form.get("lang");
  const to = safeRedirectPath(form.get("redirectTo"), "/");
  if (!isLocale(lang)) return redirect(to);
  return redirect(to, { headers: { "Set-Cookie": await localeCookie.serialize(lang) } });
}
