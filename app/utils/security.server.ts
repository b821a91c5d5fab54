// Request-level security rules used by the HTTP server (server/app.ts) and tested directly.
import crypto from "node:crypto";
import proxyaddr from "proxy-addr";

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
 * TRUST_PROXY → the addresses whose X-Forwarded-For is believed (proxy-addr's trust list, the
 * one Express uses): unset, "0" or "false" none; "1" or "true" the loopback addresses (a proxy
 * on the same machine, as before); otherwise a comma-separated list of addresses, subnets
 * (CIDR) and proxy-addr's names "loopback", "linklocal", "uniquelocal".
 */
export function trustedProxies(value: string | undefined): string[] {
  const v = (value ?? "").trim();
  if (v === "" || v === "0" || v === "false") return [];
  if (v === "1" || v === "true") return ["loopback"];
  return v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** For the start-up check of TRUST_PROXY (env.server.ts). */
export function isTrustProxySetting(value: string): boolean {
  try {
    proxyaddr.compile(trustedProxies(value));
    return true;
  } catch {
    return false;
  }
}

/**
 * The client address for throttling, rate limits and the audit log: the socket's peer, unless
 * that peer is a trusted proxy; then, walking X-Forwarded-For from the right, the first address
 * not itself a trusted proxy. A client that reaches the app port directly cannot pick its
 * address by sending the header, since its own address is not trusted.
 */
export function clientIpFrom(
  remoteAddress: string | undefined,
  forwardedFor: string | undefined,
  trusted: string[],
): string {
  const trust = proxyaddr.compile(trusted);
  const req = {
    headers: { "x-forwarded-for": forwardedFor },
    socket: { remoteAddress },
    connection: { remoteAddress },
  };
  const address = remoteAddress ? proxyaddr(req as unknown as Parameters<typeof proxyaddr>[0], trust) : undefined;
  return (address ?? "unknown").replace(/^::ffff:/, "");
}
