// HTTP caching of the public register (issue #5: "public pages are fast … cacheable"). A page's
// validator is a weak ETag hashed from what the page is made of — e.g. the number of certificates,
// the newest Certificate.updatedAt, the query string, the language and today's date in Vietnam
// (a certificate's status flips from valid to expired at midnight there, with no write) — so a
// repeat visit or a CDN revalidation costs one aggregate query and answers 304 Not Modified.
//
// Only anonymous requests are cacheable by shared caches: when a session (or a one-off toast)
// cookie is sent, the layout shows the person's name, so the answer is private and not validated.
import crypto from "node:crypto";
import { todayInVietnam } from "~/modules/producers/rules";

/** Cookies that make a page personal: the lucia session and the one-off toast message. */
const PERSONAL_COOKIES = ["tb_session", "tb_toast"];

/**
 * Changes on every start, so a deploy (new asset file names in the HTML) never answers 304 with a
 * page that points at the old build's scripts.
 */
const BOOT = Date.now().toString(36);

export interface CachePolicy {
  /** Seconds a cache may use the answer without asking. */
  maxAge: number;
  /** Seconds a cache may keep serving it while it revalidates in the background. */
  staleWhileRevalidate?: number;
  /** Request headers the answer depends on (beyond the URL). */
  vary?: string[];
  /** Answer `public` even when personal cookies are sent (resources that never use them: JSON). */
  ignoreCookies?: boolean;
  /** A Remix page with nonce-carrying scripts: see DOCUMENT_REVALIDATION. */
  remixDocument?: boolean;
}

/** A browser navigation asks for HTML; Remix's .data fetches (client-side navigation) do not. */
export function isDocumentRequest(request: Request): boolean {
  return (request.headers.get("Accept") ?? "").includes("text/html");
}

/**
 * Whether Remix HTML documents (not only their .data requests) get an ETag and 304s. Each
 * response carries a fresh script nonce; a browser applies a 304's headers to the body it kept,
 * so server/app.ts sends no Content-Security-Policy on 304s (the kept CSP then matches the kept
 * body's nonces). Turn this off if that ever changes.
 */
export const DOCUMENT_REVALIDATION = true;

export const PAGE_POLICY: CachePolicy = {
  maxAge: 60,
  staleWhileRevalidate: 300,
  vary: ["Cookie"],
  remixDocument: true,
};

/** True when the request carries a cookie that personalises the page. */
export function hasPersonalCookie(request: Request): boolean {
  const header = request.headers.get("Cookie");
  if (!header) return false;
  return header.split(";").some((part) => {
    const name = part.split("=")[0]?.trim();
    return !!name && PERSONAL_COOKIES.includes(name) && part.slice(part.indexOf("=") + 1).trim() !== "";
  });
}

/** A weak ETag (W/"…") of the given parts; dates are taken by their time. */
export function weakEtag(parts: unknown[]): string {
  const json = JSON.stringify([BOOT, ...parts], (_k, v: unknown) => (v instanceof Date ? v.getTime() : v));
  return `W/"${crypto.createHash("sha256").update(json).digest("base64url").slice(0, 27)}"`;
}

/** RFC 9110 §13.1.2: If-None-Match uses the weak comparison; "*" matches any current representation. */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, "");
  const want = strip(etag);
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || strip(tag) === want);
}

export function cacheControl(policy: CachePolicy): string {
  const swr = policy.staleWhileRevalidate ? `, stale-while-revalidate=${policy.staleWhileRevalidate}` : "";
  return `public, max-age=${policy.maxAge}${swr}`;
}

export interface CacheDecision {
  /** Headers for the answer (Cache-Control, Vary and, when public, ETag). */
  headers: Headers;
  /** Set when the client already has this version: send it as is (a loader throws it). */
  notModified: Response | null;
  /** Whether the answer may be stored by shared caches. */
  public: boolean;
}

/**
 * The caching headers of a public resource and, when the request's If-None-Match matches, the 304
 * to answer instead. The ETag covers the URL, today's date in Vietnam and `parts`, which is called only for cacheable requests, so a personal request costs no
 * validator query. Personal requests get `private, no-cache` and no ETag.
 */
export async function decideCache(
  request: Request,
  policy: CachePolicy,
  parts: () => Promise<unknown[]> | unknown[],
): Promise<CacheDecision> {
  const headers = new Headers();
  if (policy.vary?.length) headers.set("Vary", policy.vary.join(", "));
  if (!policy.ignoreCookies && hasPersonalCookie(request)) {
    headers.set("Cache-Control", "private, no-cache");
    return { headers, notModified: null, public: false };
  }
  headers.set("Cache-Control", cacheControl(policy));
  if (policy.remixDocument && !DOCUMENT_REVALIDATION && isDocumentRequest(request))
    return { headers, notModified: null, public: true };
  const url = new URL(request.url);
  // Today's date in Vietnam: statuses flip from valid to expired at midnight there, with no write.
  const etag = weakEtag([url.pathname, url.search, todayInVietnam(), ...(await parts())]);
  headers.set("ETag", etag);
  const notModified = etagMatches(request.headers.get("If-None-Match"), etag)
    ? new Response(null, { status: 304, headers })
    : null;
  return { headers, notModified, public: true };
}

/**
 * The `headers` export of a cached page route: a document answer takes the loader's caching
 * headers, and a 304 (thrown by the loader) its own.
 */
export function pageHeaders({
  loaderHeaders,
  errorHeaders,
}: {
  loaderHeaders: Headers;
  errorHeaders?: Headers;
}): Headers {
  const source = errorHeaders ?? loaderHeaders;
  const out = new Headers();
  for (const name of ["Cache-Control", "ETag", "Vary", "Retry-After"]) {
    const value = source.get(name);
    if (value) out.set(name, value);
  }
  return out;
}
