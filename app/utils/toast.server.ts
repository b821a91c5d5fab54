// One-shot flash messages (post/redirect/get), kept in a signed cookie.
import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { getEnv } from "./env.server";
import type { MessageKey, TranslateParams } from "./i18n";

export interface Toast {
  kind: "success" | "info" | "error";
  messageKey: MessageKey;
  params?: TranslateParams;
}

type ToastData = { toast: Toast };
let storage: ReturnType<typeof createCookieSessionStorage<ToastData, ToastData>> | undefined;
function toastStorage() {
  return (storage ??= createCookieSessionStorage<ToastData, ToastData>({
    cookie: {
      name: "tb_toast",
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secrets: [getEnv().sessionSecret],
      secure: getEnv().appUrl.startsWith("https:"),
    },
  }));
}

export async function toastHeader(toast: Toast): Promise<string> {
  const session = await toastStorage().getSession();
  session.flash("toast", toast);
  return toastStorage().commitSession(session);
}

export async function redirectWithToast(url: string, toast: Toast, init?: ResponseInit) {
  const headers = new Headers(init?.headers);
  headers.append("Set-Cookie", await toastHeader(toast));
  return redirect(url, { ...init, headers });
}

export async function readToast(request: Request): Promise<{ toast: Toast | null; headers: Headers }> {
  const session = await toastStorage().getSession(request.headers.get("Cookie"));
  const toast = (session.get("toast") as Toast | undefined) ?? null;
  const headers = new Headers();
  if (toast) headers.append("Set-Cookie", await toastStorage().commitSession(session));
  return { toast, headers };
}
