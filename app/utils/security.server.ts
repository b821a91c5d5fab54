// Request-level security rules used by the HTTP server (server/app.ts) and tested directly.
import crypto from "node:crypto";

export function createNonce(): string {
  return crypto.randomBytes(16).toString("base64");
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence in depth (cookies are also SameSite=Lax): a state-changing request whose Origin
 * (or, failing that, Sec-Fetch-Site) shows another site is refused.
 */
export function isForeignOriginRequest(input: {
  method: string;
  origin?: string | null;
  host?: string | null;
  secFetchSite?: string | null;
  allowedOrigins?: string[];
}): boolean {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return false;
  const origin = input.origin;
  if (origin && origin !== "null") {
    if (input.allowedOrigins?.includes(origin)) return false;
    try {
      return new URL(origin).host !== input.host;
    } catch {
      return true;
    }
  }
  if (origin === "null") return true;
  // No Origin header: old browsers and non-browser clients. Trust Sec-Fetch-Site when present.
  return input.secFetchSite === "cross-site";
}

/**
 * The client address for throttling and the audit log. Behind one trusted reverse proxy
 * (TRUST_PROXY=1) it is the LAST X-Forwarded-For entry, the one the proxy itself appended: the
 * entries before it come from the client and could be forged to dodge per-address limits.
 */
export function clientIpFrom(remoteAddress: string | undefined, forwardedFor: string | undefined, trustProxy: boolean): string {
  if (trustProxy && forwardedFor) {
    const last = forwardedFor.split(",").map((s) => s.trim()).filter(Boolean).pop();
    if (last) return last.replace(/^::ffff:/, "");
  }
  return (remoteAddress ?? "unknown").replace(/^::ffff:/, "");
}
