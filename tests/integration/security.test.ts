// Request-level security rules (app/utils/security.server.ts) and the boot-time environment
// check (app/utils/env.server.ts readEnv), tested directly with plain inputs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { EnvError, readEnv } from "~/utils/env.server";
import { clientIpFrom, isForeignOriginRequest, trustedProxies } from "~/utils/security.server";

const HOST = "localhost:3000";
const SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef";

describe("isForeignOriginRequest", () => {
  test("a same-origin POST is allowed", () => {
    expect(isForeignOriginRequest({ method: "POST", origin: "http://localhost:3000", host: HOST })).toBe(false);
    expect(
      isForeignOriginRequest({
        method: "post",
        origin: "http://localhost:3000",
        host: HOST,
        secFetchSite: "same-origin",
      }),
    ).toBe(false);
  });

  test("a POST (or other state-changing method) from another origin is refused", () => {
    expect(isForeignOriginRequest({ method: "POST", origin: "https://evil.example", host: HOST })).toBe(true);
    // Same host name, other port: another origin.
    expect(isForeignOriginRequest({ method: "POST", origin: "http://localhost:4000", host: HOST })).toBe(true);
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      expect(isForeignOriginRequest({ method, origin: "https://evil.example", host: HOST })).toBe(true);
    }
    // The Origin header wins over a Sec-Fetch-Site that claims otherwise.
    expect(
      isForeignOriginRequest({
        method: "POST",
        origin: "https://evil.example",
        host: HOST,
        secFetchSite: "same-origin",
      }),
    ).toBe(true);
  });

  test("safe methods are always allowed, whatever the origin", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) {
      expect(
        isForeignOriginRequest({ method, origin: "https://evil.example", host: HOST, secFetchSite: "cross-site" }),
      ).toBe(false);
      expect(isForeignOriginRequest({ method, origin: "null", host: HOST })).toBe(false);
    }
  });

  test('an opaque "null" origin is refused on POST', () => {
    expect(isForeignOriginRequest({ method: "POST", origin: "null", host: HOST })).toBe(true);
    expect(isForeignOriginRequest({ method: "POST", origin: "null", host: HOST, secFetchSite: "same-origin" })).toBe(
      true,
    );
  });

  test("an unparsable Origin is refused", () => {
    expect(isForeignOriginRequest({ method: "POST", origin: "not a url", host: HOST })).toBe(true);
  });

  test("without Origin, Sec-Fetch-Site decides: cross-site is refused, the rest (and non-browser clients) pass", () => {
    expect(isForeignOriginRequest({ method: "POST", origin: null, host: HOST, secFetchSite: "cross-site" })).toBe(true);
    expect(isForeignOriginRequest({ method: "POST", host: HOST, secFetchSite: "cross-site" })).toBe(true);
    expect(isForeignOriginRequest({ method: "POST", host: HOST, secFetchSite: "same-origin" })).toBe(false);
    expect(isForeignOriginRequest({ method: "POST", host: HOST, secFetchSite: "none" })).toBe(false);
    expect(isForeignOriginRequest({ method: "POST", host: HOST })).toBe(false);
  });

  test("the public APP_URL origin is allowed even when the proxy passes another Host", () => {
    const behindProxy = { method: "POST", origin: "https://tieubieu.gov.vn", host: "127.0.0.1:3000" };
    expect(isForeignOriginRequest(behindProxy)).toBe(true);
    expect(isForeignOriginRequest({ ...behindProxy, allowedOrigins: ["https://tieubieu.gov.vn"] })).toBe(false);
    // Only that exact origin: a look-alike is still foreign.
    expect(
      isForeignOriginRequest({
        ...behindProxy,
        origin: "https://tieubieu.gov.vn.evil.example",
        allowedOrigins: ["https://tieubieu.gov.vn"],
      }),
    ).toBe(true);
    expect(
      isForeignOriginRequest({
        ...behindProxy,
        origin: "http://tieubieu.gov.vn",
        allowedOrigins: ["https://tieubieu.gov.vn"],
      }),
    ).toBe(true);
  });
});

describe("clientIpFrom", () => {
  const none = trustedProxies(undefined);
  const local = trustedProxies("1");
  test("without trusted proxies the socket address is used and X-Forwarded-For is ignored", () => {
    expect(clientIpFrom("203.0.113.7", "198.51.100.1", none)).toBe("203.0.113.7");
    expect(clientIpFrom("::ffff:192.0.2.10", "198.51.100.1", none)).toBe("192.0.2.10");
    expect(clientIpFrom("2001:db8::1", undefined, none)).toBe("2001:db8::1");
    expect(clientIpFrom(undefined, undefined, none)).toBe("unknown");
    expect(trustedProxies("0")).toEqual([]);
    expect(trustedProxies("false")).toEqual([]);
  });

  test("TRUST_PROXY=1 trusts a proxy on this machine: the address it appended (the last one) is used", () => {
    expect(clientIpFrom("127.0.0.1", "198.51.100.1", local)).toBe("198.51.100.1");
    // A client-forged first entry must not change the address we throttle on.
    expect(clientIpFrom("127.0.0.1", " 6.6.6.6 , 198.51.100.1", local)).toBe("198.51.100.1");
    expect(clientIpFrom("::ffff:127.0.0.1", undefined, local)).toBe("127.0.0.1");
    expect(clientIpFrom("127.0.0.1", "", local)).toBe("127.0.0.1");
    expect(clientIpFrom(undefined, undefined, local)).toBe("unknown");
  });

  test("a forged X-Forwarded-For from an address that is not a configured proxy is ignored (#10 finding 5)", () => {
    const proxies = trustedProxies("10.0.0.5, 10.1.0.0/16");
    // The client reaches the app port directly and names a new address on each try.
    for (const forged of ["1.2.3.4", "5.6.7.8", "10.0.0.5"]) {
      expect(clientIpFrom("203.0.113.9", forged, proxies)).toBe("203.0.113.9");
      expect(clientIpFrom("203.0.113.9", forged, local)).toBe("203.0.113.9");
    }
    // Through the proxy: its appended entry, past any other trusted hop, never a forged one.
    expect(clientIpFrom("10.0.0.5", "6.6.6.6, 198.51.100.1", proxies)).toBe("198.51.100.1");
    expect(clientIpFrom("10.0.0.5", "6.6.6.6, 198.51.100.1, 10.1.2.3", proxies)).toBe("198.51.100.1");
  });

  test("TRUST_PROXY is checked at start: a list of addresses/subnets, or 0/1", () => {
    const base = { SESSION_SECRET: SECRET };
    for (const ok of [
      "0",
      "1",
      "true",
      "false",
      "10.0.0.5",
      "10.0.0.0/8, 192.168.1.1",
      "loopback,uniquelocal",
      "::1, fd00::/8",
    ]) {
      expect(() => readEnv({ ...base, TRUST_PROXY: ok }), ok).not.toThrow();
    }
    for (const bad of ["yes", "10.0.0.300", "10.0.0.0/40", "proxy.example"]) {
      expect(() => readEnv({ ...base, TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY must be/);
    }
  });
});

describe("readEnv", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tieubieu-env-"));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test("production without SESSION_SECRET fails with a clear message", () => {
    const dir = path.join(tmp, "prod");
    expect(() => readEnv({ NODE_ENV: "production", DATA_DIR: dir })).toThrow(EnvError);
    expect(() => readEnv({ NODE_ENV: "production", DATA_DIR: dir })).toThrow(
      /SESSION_SECRET is required when NODE_ENV=production/,
    );
    // An empty value counts as missing.
    expect(() => readEnv({ NODE_ENV: "production", DATA_DIR: dir, SESSION_SECRET: "" })).toThrow(
      /SESSION_SECRET is required/,
    );
    // No secret file is made up for production.
    expect(fs.existsSync(path.join(dir, "session-secret"))).toBe(false);
  });

  test("a too-short SESSION_SECRET is refused", () => {
    expect(() => readEnv({ NODE_ENV: "production", SESSION_SECRET: "short" })).toThrow(
      /SESSION_SECRET must be at least 32 characters/,
    );
  });

  test("production with a secret uses it", () => {
    const env = readEnv({
      NODE_ENV: "production",
      SESSION_SECRET: SECRET,
      APP_URL: "https://tieubieu.gov.vn/",
      SEED_DEMO: "0",
      DATABASE_URL: "postgresql://app@db.internal:5432/tieubieu",
      DATA_DIR: path.join(tmp, "prod-data"),
    });
    expect(env.isProduction).toBe(true);
    expect(env.sessionSecret).toBe(SECRET);
    expect(env.appUrl).toBe("https://tieubieu.gov.vn");
  });

  test("development without a secret generates one in DATA_DIR and reuses it", () => {
    const dir = path.join(tmp, "dev");
    const first = readEnv({ NODE_ENV: "development", DATA_DIR: dir });
    const file = path.join(dir, "session-secret");
    expect(fs.existsSync(file)).toBe(true);
    expect(first.sessionSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.readFileSync(file, "utf8").trim()).toBe(first.sessionSecret);
    if (process.platform !== "win32") expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first.isProduction).toBe(false);
    expect(first.dataDir).toBe(path.resolve(dir));

    const second = readEnv({ DATA_DIR: dir });
    expect(second.sessionSecret).toBe(first.sessionSecret);

    // Another data folder gets its own secret.
    const other = readEnv({ DATA_DIR: path.join(tmp, "dev2") });
    expect(other.sessionSecret).not.toBe(first.sessionSecret);
  });

  test("a secret file too short to be safe is replaced", () => {
    const dir = path.join(tmp, "weak");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "session-secret"), "tooshort\n");
    const env = readEnv({ DATA_DIR: dir });
    expect(env.sessionSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.readFileSync(path.join(dir, "session-secret"), "utf8").trim()).toBe(env.sessionSecret);
  });

  test("an unsupported DATABASE_URL scheme fails and names the accepted ones", () => {
    const base = { SESSION_SECRET: SECRET };
    expect(() => readEnv({ ...base, DATABASE_URL: "mysql://root@localhost/tieubieu" })).toThrow(
      /DATABASE_URL must start with file: \(SQLite\) or postgres:\/\/ \/ postgresql:\/\/ \(PostgreSQL\); got "mysql:…"/,
    );
    expect(() => readEnv({ ...base, DATABASE_URL: "data/tieubieu.db" })).toThrow(/DATABASE_URL must start with file:/);
    expect(() => readEnv({ ...base, DATABASE_URL: "file:./data/x.db" })).not.toThrow();
    expect(() => readEnv({ ...base, DATABASE_URL: "postgresql://app@127.0.0.1:5432/tieubieu" })).not.toThrow();
    expect(() => readEnv({ ...base, DATABASE_URL: "postgres://app@127.0.0.1:5432/tieubieu" })).not.toThrow();
  });

  test("PORT defaults to 3000 and can be overridden; a bad PORT is refused", () => {
    const plain = readEnv({ SESSION_SECRET: SECRET });
    expect(plain.PORT).toBe(3000);
    expect(plain.appUrl).toBe("http://localhost:3000");

    const custom = readEnv({ SESSION_SECRET: SECRET, PORT: "8080" });
    expect(custom.PORT).toBe(8080);
    expect(custom.appUrl).toBe("http://localhost:8080");

    expect(readEnv({ SESSION_SECRET: SECRET, PORT: "" }).PORT).toBe(3000);
    expect(() => readEnv({ SESSION_SECRET: SECRET, PORT: "70000" })).toThrow(EnvError);
    expect(() => readEnv({ SESSION_SECRET: SECRET, PORT: "abc" })).toThrow(/PORT/);
  });

  test("other invalid values are reported by name", () => {
    expect(() => readEnv({ SESSION_SECRET: SECRET, SMTP_URL: "http://mail" })).toThrow(
      /SMTP_URL must start with smtp:\/\/ or smtps:\/\//,
    );
    expect(() => readEnv({ SESSION_SECRET: SECRET, APP_URL: "not a url" })).toThrow(/APP_URL/);
  });
});
