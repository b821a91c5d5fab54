// Issue #10 finding 5: the log-in throttle holds under concurrency and behind a NAT, and the
// rate limits (rate-limiter-flexible, counters in the database) answer 429 with Retry-After
// and a clear Vietnamese message, keeping what the user typed. Runs on SQLite and PostgreSQL.
import { beforeAll, describe, expect, test } from "vitest";
import { DEMO_PASSWORD, seed } from "../../prisma/seed";
import { login } from "~/modules/auth/auth.server";
import { FREE_FAILURES, IP_SLOW_AFTER } from "~/modules/auth/login-throttle";
import * as adminInvitationsRoute from "~/routes/admin.invitations";
import * as apiProductsRoute from "~/routes/api.products";
import * as forgotRoute from "~/routes/forgot-password";
import * as loginRoute from "~/routes/login";
import * as uploadRoute from "~/routes/producer.products.$id_.files";
import * as productsRoute from "~/routes/products._index";
import * as signupRoute from "~/routes/signup";
import { prisma } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { consumeRateLimit, RATE_LIMITS, type RateLimitName } from "~/utils/rate-limit.server";
import { call, cookieFor, ORIGIN, post, type RouteFn } from "../support/route-calls";

const VICTIM = "organiser.quocgia@tieubieu.test";
const as = (ip: string) => ({ cspNonce: "", clientIp: ip });

/** Calls a route as if from `ip` (route-calls' context is fixed to 127.0.0.1). */
async function callFrom(ip: string, fn: unknown, request: Request) {
  try {
    const value = await (fn as (a: object) => unknown)({ request, params: {}, context: as(ip) });
    return outcome(value);
  } catch (thrown) {
    const o = outcome(thrown);
    if (o.status === 0) throw thrown;
    return o;
  }
}

function outcome(value: unknown): { status: number; headers: Headers; data: unknown } {
  if (value instanceof Response) return { status: value.status, headers: value.headers, data: null };
  const d = value as { type?: string; data?: unknown; init?: ResponseInit | null };
  if (d && d.type === "DataWithResponseInit")
    return { status: d.init?.status ?? 200, headers: new Headers(d.init?.headers), data: d.data };
  return { status: value instanceof Error ? 0 : 200, headers: new Headers(), data: value };
}

/** Fills a limiter's counter for a key, as if `points` requests had just been made. */
async function exhaust(name: RateLimitName, key: string) {
  const { points, duration } = RATE_LIMITS[name];
  await prisma.rateLimit.upsert({
    where: { key: `${name}:${key}` },
    create: { key: `${name}:${key}`, points, expire: new Date(Date.now() + duration * 1000) },
    update: { points, expire: new Date(Date.now() + duration * 1000) },
  });
}

beforeAll(async () => {
  await seed(prisma, { demo: true });
});

describe("log-in throttle", () => {
  test("40 simultaneous wrong passwords for one account: at most FREE_FAILURES are checked and counted", async () => {
    const victim = await prisma.user.findUniqueOrThrow({ where: { email: VICTIM }, select: { id: true } });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        login({ email: VICTIM, password: `Sai-${i}`, meta: { ip: "198.51.100.40" } }).catch(
          (e: DomainError) => e.status,
        ),
      ),
    );
    const checked = results.filter((s) => s === 400).length;
    expect(checked).toBeLessThanOrEqual(FREE_FAILURES);
    expect(results.filter((s) => s === 429)).toHaveLength(40 - checked);
    expect(await prisma.loginAttempt.count({ where: { email: VICTIM, ipAddress: "198.51.100.40" } })).toBe(checked);
    expect(
      await prisma.auditLog.count({
        where: { action: "auth.login_failed", actorId: victim.id, ipAddress: "198.51.100.40" },
      }),
    ).toBe(checked);
  });

  test("an office behind one NAT: many failures from its address slow it down but do not lock out another account's right password", async () => {
    const nat = "203.0.113.50";
    await prisma.loginAttempt.createMany({
      data: Array.from({ length: IP_SLOW_AFTER + 5 }, (_, i) => ({
        email: `nhanvien${i}@congty.vn`,
        ipAddress: nat,
        success: false,
      })),
    });
    const res = await callFrom(
      nat,
      loginRoute.action,
      post("/login", { email: "producer@tieubieu.test", password: DEMO_PASSWORD }),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Set-Cookie")).toContain("tb_session=");
    // A wrong password of a new account from there gets one ordinary refusal, then waits.
    const first = await login({ email: "admin@tieubieu.test", password: "Sai-1", meta: { ip: nat } }).catch(
      (e: DomainError) => e.status,
    );
    const second = await login({ email: "admin@tieubieu.test", password: "Sai-2", meta: { ip: nat } }).catch(
      (e: DomainError) => e.status,
    );
    expect([first, second]).toEqual([400, 429]);
  });
});

describe("rate limits (counted in the database)", () => {
  test("the counter is atomic: 40 simultaneous requests against a limit of 5 let exactly 5 through", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, () => consumeRateLimit("accountMailTo", "race@example.vn")),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(RATE_LIMITS.accountMailTo.points);
    for (const r of results)
      if (r.status === "rejected") expect(r.reason).toMatchObject({ status: 429, messageKey: "error.rateLimited" });
  });

  test("sign-up: 429 with Retry-After and a Vietnamese message; the form keeps what was typed (but not the password)", async () => {
    const ip = "198.51.100.71";
    const fields = (i: number) => ({
      name: "Trần Thị Lan",
      email: `lan${i}@htx.vn`,
      password: "Lua-nep-cai-2026",
      confirmPassword: "Lua-nep-cai-2026",
    });
    for (let i = 0; i < RATE_LIMITS.signup.points; i++) {
      expect((await callFrom(ip, signupRoute.action, post("/signup", fields(i)))).status).toBe(302);
    }
    const res = await callFrom(ip, signupRoute.action, post("/signup", fields(99)));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    const result = (
      res.data as { result: { initialValue?: Record<string, unknown>; error?: Record<string, string[]> } }
    ).result;
    expect(result.initialValue).toMatchObject({ name: "Trần Thị Lan", email: "lan99@htx.vn" });
    expect(result.initialValue?.password).toBeUndefined();
    expect(JSON.stringify(result.error)).toMatch(
      /Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn\. Vui lòng đợi \d+ giây rồi thử lại\./,
    );
    expect(await prisma.user.count({ where: { email: "lan99@htx.vn" } })).toBe(0);
  });

  test("password reset: per recipient, whatever the sender's address", async () => {
    await exhaust("accountMailTo", "producer@tieubieu.test");
    const res = await callFrom(
      "198.51.100.72",
      forgotRoute.action,
      post("/forgot-password", { email: "producer@tieubieu.test" }),
    );
    expect(res.status).toBe(429);
    expect(res.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect((res.data as { result: { initialValue?: Record<string, unknown> } }).result.initialValue).toMatchObject({
      email: "producer@tieubieu.test",
    });
  });

  test("invitations by one administrator", async () => {
    const cookie = await cookieFor("admin@tieubieu.test");
    const admin = await prisma.user.findUniqueOrThrow({
      where: { email: "admin@tieubieu.test" },
      select: { id: true },
    });
    await exhaust("invitation", admin.id);
    const res = await call(
      adminInvitationsRoute.action as RouteFn,
      post("/admin/invitations", { email: "moi@sct.gov.vn", level: "NATION" }, cookie),
    );
    expect(res.status).toBe(429);
    expect(res.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(await prisma.invitation.count({ where: { email: "moi@sct.gov.vn" } })).toBe(0);
  });

  test("uploads by one producer: 429 with Retry-After before the body is read, nothing stored", async () => {
    const cookie = await cookieFor("producer@tieubieu.test");
    const producer = await prisma.user.findUniqueOrThrow({
      where: { email: "producer@tieubieu.test" },
      select: { id: true },
    });
    // The limit is counted before the product is looked up or the body read, so any product id will do.
    const product = { id: "cmaaaaaaaaaaaaaaaaaaaaaaa" };
    const before = await prisma.storedFile.count();
    const upload = () => {
      const form = new FormData();
      form.set("kind", "BUSINESS_REGISTRATION");
      form.set(
        "file",
        new File([new Uint8Array(Buffer.from("%PDF-1.4\n%%EOF\n"))], "dkkd.pdf", { type: "application/pdf" }),
      );
      return new Request(`${ORIGIN}/producer/products/${product.id}/files`, {
        method: "POST",
        headers: { Cookie: cookie, Origin: ORIGIN, Accept: "application/json" },
        body: form,
      });
    };
    await exhaust("upload", producer.id);
    const res = await callFrom(
      "127.0.0.1",
      (a: { request: Request; context: object }) => uploadRoute.action({ ...a, params: { id: product.id } } as never),
      upload(),
    );
    expect(res.status).toBe(429);
    expect(res.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(await prisma.storedFile.count()).toBe(before);
  });

  test("the public search and the open-data API, per address", async () => {
    const ip = "198.51.100.73";
    expect((await callFrom(ip, productsRoute.loader, new Request(`${ORIGIN}/products?q=my`))).status).toBe(200);
    expect((await callFrom(ip, apiProductsRoute.loader, new Request(`${ORIGIN}/api/products`))).status).toBe(200);
    await exhaust("publicSearch", ip);
    const page = await callFrom(ip, productsRoute.loader, new Request(`${ORIGIN}/products?q=my`));
    expect(page.status).toBe(429);
    expect(page.headers.get("Retry-After")).toMatch(/^\d+$/);
    // Browsing without a search is not limited.
    expect((await callFrom(ip, productsRoute.loader, new Request(`${ORIGIN}/products`))).status).toBe(200);
    const api = await callFrom(ip, apiProductsRoute.loader, new Request(`${ORIGIN}/api/products`));
    expect(api.status).toBe(429);
    expect(api.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(api.headers.get("Access-Control-Allow-Origin")).toBe("*");
    // Another address is not affected.
    expect(
      (await callFrom("198.51.100.74", apiProductsRoute.loader, new Request(`${ORIGIN}/api/products`))).status,
    ).toBe(200);
  });
});
