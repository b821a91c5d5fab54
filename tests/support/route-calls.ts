// Calling Remix route modules from integration tests with real Request objects.
import { DEMO_PASSWORD } from "../../prisma/seed";
import { login } from "~/modules/auth/auth.server";

export const ORIGIN = "http://localhost";
export const context = { cspNonce: "", clientIp: "127.0.0.1" };
type Args = { request: Request; params: Record<string, string | undefined>; context: typeof context };
export type RouteFn = (args: Args) => unknown;

export interface Outcome {
  status: number;
  headers: Headers;
  data: unknown;
  response: Response | null;
}

/** Remix single fetch: redirects are Responses; `data(value, init)` is a DataWithResponseInit. */
function outcomeOf(value: unknown, thrown: boolean): Outcome {
  if (value instanceof Response) return { status: value.status, headers: value.headers, data: null, response: value };
  if (typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit") {
    const d = value as { data: unknown; init: ResponseInit | null };
    return { status: d.init?.status ?? 200, headers: new Headers(d.init?.headers), data: d.data, response: null };
  }
  if (thrown) throw value; // a real error would be a 500: let the test fail with it
  return { status: 200, headers: new Headers(), data: value, response: null };
}

export async function call(fn: RouteFn, request: Request, params: Record<string, string> = {}): Promise<Outcome> {
  try {
    return outcomeOf(await fn({ request, params, context }), false);
  } catch (error) {
    return outcomeOf(error, true);
  }
}

export const get = (path: string, cookie?: string) =>
  new Request(`${ORIGIN}${path}`, { headers: cookie ? { Cookie: cookie } : {} });

export function post(path: string, fields: Record<string, string>, cookie?: string) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return new Request(`${ORIGIN}${path}`, { method: "POST", body, headers: cookie ? { Cookie: cookie } : {} });
}

/** A session cookie (name=value) for a demo account, through the real log-in. */
export async function cookieFor(email: string, password = DEMO_PASSWORD) {
  const { cookie } = await login({ email, password, meta: { ip: "127.0.0.1" } });
  const [nameValue] = cookie.split(";");
  if (!nameValue) throw new Error(`the log-in of ${email} set no session cookie`);
  return nameValue;
}

/** cookieFor, logging each account in once per test file. */
export function cachedCookies() {
  const cookies = new Map<string, string>();
  return async (email: string) => {
    if (!cookies.has(email)) cookies.set(email, await cookieFor(email));
    return cookies.get(email)!;
  };
}
