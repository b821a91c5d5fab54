// Accounts end to end at the HTTP boundary: the route modules' loaders and actions are called
// with real `Request`s against this file's own migrated database (tests/setup), seeded with
// the demo accounts. Outcomes are checked in the database (users, tokens, sessions, mail
// outbox, login attempts, audit log), in statuses and in cookies.
import { beforeAll, describe, expect, onTestFinished, test, vi as vitest } from "vitest";
import { DEMO_PASSWORD, seed } from "../../prisma/seed";
import * as accountRoute from "~/routes/account";
import * as forgotRoute from "~/routes/forgot-password";
import * as loginRoute from "~/routes/login";
import * as resetRoute from "~/routes/reset-password.$token";
import * as signupRoute from "~/routes/signup";
import * as verifyRoute from "~/routes/verify-email.$token";
import { getAuth } from "~/modules/auth/auth.server";
import { firstRow } from "~/utils/arrays";
import { prisma } from "~/utils/db.server";
import { isMessageKey, translate, type MessageKey } from "~/utils/i18n";

const ORIGIN = "http://localhost:3000";
const DEMO_PRODUCER = "producer@tieubieu.test";
const GOOD_PASSWORD = "Lua-nep-cai-2026";

// ───────────── calling route modules ─────────────

type Context = { cspNonce: string; clientIp: string };
const ctx = (clientIp = "10.0.0.1"): Context => ({ cspNonce: "", clientIp });

type RouteFn = (args: { request: Request; params: Record<string, string | undefined>; context: Context }) => unknown;

/**
 * What a loader/action produced, returned or thrown. Under Remix 2.17 single fetch:
 *  - `redirect()` (and `Response.json`) give a real `Response`;
 *  - `data(value, init)` gives a `DataWithResponseInit` object `{ type: "DataWithResponseInit",
 *    data, init: { status?, headers? } | null }` (not a Response);
 *  - a plain object is a 200.
 * Thrown values (`throw redirect(...)`, `throw data(...)`) are caught and reported the same way.
 */
interface Outcome {
  thrown: boolean;
  status: number;
  headers: Headers;
  data: unknown;
}

function isDataWithResponseInit(
  value: unknown,
): value is { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null } {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";
}

async function outcomeOf(value: unknown, thrown: boolean): Promise<Outcome> {
  if (value instanceof Response) {
    const text = await value.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { thrown, status: value.status, headers: value.headers, data: body };
  }
  if (isDataWithResponseInit(value)) {
    return { thrown, status: value.init?.status ?? 200, headers: new Headers(value.init?.headers), data: value.data };
  }
  if (thrown) throw value; // a real error (a 500), not an HTTP answer
  return { thrown, status: 200, headers: new Headers(), data: value };
}

async function call(
  fn: RouteFn,
  request: Request,
  params: Record<string, string> = {},
  context = ctx(),
): Promise<Outcome> {
  let value: unknown;
  try {
    value = await fn({ request, params, context });
  } catch (error) {
    return outcomeOf(error, true);
  }
  return outcomeOf(value, false);
}

function get(path: string, cookie?: string) {
  return new Request(`${ORIGIN}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

function post(path: string, form: Record<string, string>, cookie?: string) {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN };
  if (cookie) headers.Cookie = cookie;
  return new Request(`${ORIGIN}${path}`, { method: "POST", headers, body: new URLSearchParams(form) });
}

/** The `name=value` part of the Set-Cookie for `name`, if any. */
function cookieFrom(headers: Headers, name: string): string | undefined {
  const line = headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  return line?.split(";")[0];
}

type Reply = {
  result: {
    status?: string;
    initialValue: Record<string, unknown> | null;
    error?: Record<string, string[] | null>;
  };
};

const vi = (key: MessageKey, params?: Record<string, string | number>) => translate("vi", key, params);

/** Conform error texts come back as message keys (translated in the page) or, with parameters, as text. */
function errorTexts(reply: Reply, field = ""): string[] {
  const raw = reply.result.error?.[field] ?? [];
  return raw.map((e) => (isMessageKey(e) ? vi(e) : e));
}

// ───────────── scenario helpers ─────────────

let seq = 0;
function uniqueEmail(tag: string) {
  seq += 1;
  return `${tag}.${Date.now().toString(36)}${seq}@example.vn`;
}

function signupForm(over: Partial<Record<"name" | "email" | "password" | "confirmPassword", string>> = {}) {
  return {
    name: "Phạm Thị Lan",
    email: uniqueEmail("lan"),
    password: GOOD_PASSWORD,
    confirmPassword: GOOD_PASSWORD,
    ...over,
  };
}

async function lastMailTo(email: string, subjectKey?: MessageKey) {
  const subject = subjectKey ? vi(subjectKey) : undefined;
  return prisma.mailMessage.findFirst({ where: { to: email, subject }, orderBy: { createdAt: "desc" } });
}

function tokenFromMail(text: string, kind: "verify-email" | "reset-password"): string {
  const match = new RegExp(`/${kind}/([A-Za-z0-9_-]+)`).exec(text);
  const token = match?.[1];
  if (!token) throw new Error(`no /${kind}/<token> link in mail:\n${text}`);
  return token;
}

async function signupUser(form = signupForm()) {
  const out = await call(signupRoute.action as RouteFn, post("/signup", form));
  expect(out.status).toBe(302);
  const mail = await lastMailTo(form.email.trim().toLowerCase(), "mail.verify.subject");
  return { form, token: tokenFromMail(mail!.text, "verify-email") };
}

async function verifiedUser() {
  const { form, token } = await signupUser();
  const out = await call(verifyRoute.action as RouteFn, post(`/verify-email/${token}`, {}), { token });
  expect(out.status).toBe(302);
  return form;
}

async function login(email: string, password: string, clientIp = "10.0.0.1") {
  return call(loginRoute.action as RouteFn, post("/login", { email, password }), {}, ctx(clientIp));
}

async function loginCookie(email: string, password: string, clientIp = "10.0.0.1") {
  const out = await login(email, password, clientIp);
  expect(out.status).toBe(302);
  const cookie = cookieFrom(out.headers, "tb_session");
  expect(cookie).toBeTruthy();
  return cookie!;
}

beforeAll(async () => {
  await seed(prisma, { demo: true });
});

// ───────────── sign-up ─────────────

describe("sign-up", () => {
  test("an invalid email answers 400 with the Vietnamese message, keeps the name and never echoes passwords", async () => {
    const form = signupForm({ name: "Đỗ Văn Hùng", email: "khong-phai-email" });
    const out = await call(signupRoute.action as RouteFn, post("/signup", form));
    expect(out.thrown).toBe(false);
    expect(out.status).toBe(400);
    const reply = out.data as Reply;
    expect(reply.result.error?.email).toEqual(["auth.email.invalid"]);
    expect(errorTexts(reply, "email")[0]).toMatch(/^Địa chỉ email không hợp lệ/);
    expect(reply.result.initialValue).toMatchObject({ name: "Đỗ Văn Hùng", email: "khong-phai-email" });
    expect(reply.result.initialValue).not.toHaveProperty("password");
    expect(reply.result.initialValue).not.toHaveProperty("confirmPassword");
    expect(JSON.stringify(out.data)).not.toContain(GOOD_PASSWORD);
    expect(await prisma.user.count({ where: { name: "Đỗ Văn Hùng" } })).toBe(0);
  });

  test("a weak password answers 400 with the password policy message", async () => {
    const short = signupForm({ password: "ngan12", confirmPassword: "ngan12" });
    const out = await call(signupRoute.action as RouteFn, post("/signup", short));
    expect(out.status).toBe(400);
    expect((out.data as Reply).result.error?.password).toEqual(["auth.password.tooShort"]);
    expect(errorTexts(out.data as Reply, "password")).toEqual(["Mật khẩu phải có ít nhất 10 ký tự."]);
    expect(JSON.stringify(out.data)).not.toContain("ngan12");

    const common = signupForm({ password: "password123", confirmPassword: "password123" });
    const out2 = await call(signupRoute.action as RouteFn, post("/signup", common));
    expect(out2.status).toBe(400);
    expect(errorTexts(out2.data as Reply, "password")).toEqual([vi("auth.password.common")]);
    expect(await prisma.user.count({ where: { email: { in: [short.email, common.email] } } })).toBe(0);
  });

  test("a valid sign-up redirects to /signup/sent, creates an unverified producer and mails a verification link", async () => {
    const form = signupForm({ name: "  Phạm Thị Lan  " });
    const mailsBefore = await prisma.mailMessage.count();
    const out = await call(signupRoute.action as RouteFn, post("/signup", form));
    expect(out.status).toBe(302);
    expect(out.headers.get("Location")).toBe(`/signup/sent?email=${encodeURIComponent(form.email)}`);

    const user = await prisma.user.findUniqueOrThrow({
      where: { email: form.email },
      select: {
        id: true,
        name: true,
        emailVerifiedAt: true,
        locale: true,
        passwordHash: true,
        roles: { select: { role: true } },
      },
    });
    expect(user.name).toBe("Phạm Thị Lan");
    expect(user.emailVerifiedAt).toBeNull();
    expect(user.locale).toBe("vi");
    expect(user.passwordHash).not.toContain(GOOD_PASSWORD);
    expect(user.roles.map((r) => r.role)).toEqual(["PRODUCER"]);

    const tokens = await prisma.userToken.findMany({ where: { userId: user.id } });
    expect(tokens).toHaveLength(1);
    const verifyToken = firstRow(tokens, "the new user's tokens");
    expect(verifyToken).toMatchObject({ purpose: "VERIFY_EMAIL", usedAt: null });

    expect(await prisma.mailMessage.count()).toBe(mailsBefore + 1);
    const mails = await prisma.mailMessage.findMany({ where: { to: form.email } });
    expect(mails).toHaveLength(1);
    const mail = firstRow(mails, "mails to the new user");
    expect(mail.subject).toBe(vi("mail.verify.subject"));
    const token = tokenFromMail(mail.text, "verify-email");
    expect(mail.text).toContain(`/verify-email/${token}`);
    // Only the hash of the token is stored.
    expect(verifyToken.tokenHash).not.toBe(token);
    expect(await prisma.auditLog.count({ where: { action: "auth.signup", entityId: user.id } })).toBe(1);
  });

  test("a second sign-up with the same email (other case) answers the same, creates nothing and tells the owner", async () => {
    const { form } = await signupUser();
    const upper = form.email.toUpperCase();
    const again = await call(
      signupRoute.action as RouteFn,
      post("/signup", signupForm({ name: "Kẻ Giả Mạo", email: upper })),
    );
    expect(again.status).toBe(302);
    expect(again.headers.get("Location")).toBe(`/signup/sent?email=${encodeURIComponent(upper)}`);

    const users = await prisma.user.findMany({ where: { email: form.email } });
    expect(users).toHaveLength(1);
    const owner = firstRow(users, "users with the e-mail");
    expect(owner.name).toBe(form.name);
    expect(await prisma.user.count({ where: { name: "Kẻ Giả Mạo" } })).toBe(0);
    expect(await prisma.userToken.count({ where: { userId: owner.id } })).toBe(1);

    const mails = await prisma.mailMessage.findMany({ where: { to: form.email } });
    expect(mails.map((m) => m.subject).sort()).toEqual(
      [vi("mail.verify.subject"), vi("mail.signupExisting.subject")].sort(),
    );
    const notice = mails.find((m) => m.subject === vi("mail.signupExisting.subject"))!;
    expect(notice.text).toContain(form.name);
    expect(notice.text).toContain("/forgot-password");
    expect(notice.text).not.toMatch(/\/verify-email\//);
    expect(await prisma.mailMessage.count({ where: { to: upper } })).toBe(0);
  });
});

// ───────────── email verification ─────────────

describe("email verification", () => {
  test("log-in is refused until the email is verified; the link works once, then log-in sets tb_session", async () => {
    const { form, token } = await signupUser();

    const early = await login(form.email, form.password);
    expect(early.thrown).toBe(false);
    expect(early.status).toBe(403);
    expect((early.data as Reply).result.error?.[""]).toEqual(["auth.login.unverified"]);
    expect(vi("auth.login.unverified")).toMatch(/chưa được xác nhận email/);
    expect(cookieFrom(early.headers, "tb_session")).toBeUndefined();
    expect(JSON.stringify(early.data)).not.toContain(form.password);

    const page = await call(verifyRoute.loader as RouteFn, get(`/verify-email/${token}`), { token });
    expect(page.status).toBe(200);
    expect(page.data).toEqual({ email: form.email, name: form.name });
    // Opening the page does not use the token (mail scanners follow links).
    expect(await prisma.user.findUnique({ where: { email: form.email }, select: { emailVerifiedAt: true } })).toEqual({
      emailVerifiedAt: null,
    });

    const verified = await call(verifyRoute.action as RouteFn, post(`/verify-email/${token}`, {}), { token });
    expect(verified.status).toBe(302);
    expect(verified.headers.get("Location")).toBe("/login");
    expect(cookieFrom(verified.headers, "tb_toast")).toBeTruthy();
    const user = await prisma.user.findUniqueOrThrow({ where: { email: form.email } });
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);
    const row = await prisma.userToken.findFirstOrThrow({ where: { userId: user.id, purpose: "VERIFY_EMAIL" } });
    expect(row.usedAt).toBeInstanceOf(Date);

    const twice = await call(verifyRoute.action as RouteFn, post(`/verify-email/${token}`, {}), { token });
    expect(twice.thrown).toBe(true);
    expect(twice.status).toBe(410);
    expect(twice.data).toMatchObject({ messageKey: "auth.token.used" });
    expect(vi("auth.token.used")).toContain("đã được sử dụng");
    const pageAgain = await call(verifyRoute.loader as RouteFn, get(`/verify-email/${token}`), { token });
    expect(pageAgain.status).toBe(410);

    const ok = await login(form.email.toUpperCase(), form.password);
    expect(ok.status).toBe(302);
    // A new producer lands on their first steps (decision 031).
    expect(ok.headers.get("Location")).toBe("/producer");
    const session = cookieFrom(ok.headers, "tb_session");
    expect(session).toMatch(/^tb_session=.+/);
    const auth = await getAuth(get("/account", session));
    expect(auth?.user.email).toBe(form.email);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
    expect(await prisma.loginAttempt.count({ where: { email: form.email, success: true } })).toBe(1);
  });

  test("an expired link is refused with 410 and verifies nothing", async () => {
    const { form, token } = await signupUser();
    const user = await prisma.user.findUniqueOrThrow({ where: { email: form.email } });
    await prisma.userToken.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 60_000) },
    });

    const page = await call(verifyRoute.loader as RouteFn, get(`/verify-email/${token}`), { token });
    expect(page).toMatchObject({ thrown: true, status: 410, data: { messageKey: "auth.token.expired" } });
    const act = await call(verifyRoute.action as RouteFn, post(`/verify-email/${token}`, {}), { token });
    expect(act.status).toBe(410);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeNull();
  });

  test("an unknown or malformed token is a 404", async () => {
    const unknown = "A".repeat(43);
    expect(
      (await call(verifyRoute.loader as RouteFn, get(`/verify-email/${unknown}`), { token: unknown })).status,
    ).toBe(404);
    expect((await call(verifyRoute.action as RouteFn, post("/verify-email/x", {}), { token: "x" })).status).toBe(404);
  });
});

// ───────────── log-in throttling ─────────────

describe("log-in throttling", () => {
  test("20 wrong passwords from one address get 429 after the free tries; the right password from elsewhere still works", async () => {
    const victim = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_PRODUCER } });
    // The clock stands still for this test: on a busy machine one password check can take longer
    // than the throttle's first waits (1 s, 2 s, …), and a try that lands after its wait counts as
    // a failure again. Only Date is frozen; timers and I/O run as usual.
    vitest.useFakeTimers({ toFake: ["Date"], now: new Date() });
    onTestFinished(() => void vitest.useRealTimers());
    const statuses: number[] = [];
    let last: Outcome | undefined;
    for (let i = 0; i < 20; i++) {
      last = await login(DEMO_PRODUCER, `Sai-mat-khau-${i}`, "10.0.0.66");
      statuses.push(last.status);
    }
    // FREE_FAILURES (5) ordinary refusals, then a wait of 1 s after the last failure: with the
    // clock standing still every later try falls inside it.
    expect(statuses).toEqual([...Array<number>(5).fill(400), ...Array<number>(15).fill(429)]);
    const refused = 5;
    const throttled = 15;
    const texts = errorTexts(last!.data as Reply);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatch(/^Bạn đã thử quá nhiều lần\. Vui lòng đợi \d+ giây rồi thử lại\.$/);
    expect(cookieFrom(last!.headers, "tb_session")).toBeUndefined();

    const attempts = await prisma.loginAttempt.findMany({ where: { email: DEMO_PRODUCER, ipAddress: "10.0.0.66" } });
    // Every refused try is recorded; throttled tries are audited but are not new failures.
    expect(attempts).toHaveLength(refused);
    expect(attempts.every((a) => !a.success)).toBe(true);
    expect(
      await prisma.auditLog.count({
        where: { action: "auth.login_failed", actorId: victim.id, ipAddress: "10.0.0.66" },
      }),
    ).toBe(refused);
    expect(await prisma.auditLog.count({ where: { action: "auth.login_throttled", ipAddress: "10.0.0.66" } })).toBe(
      throttled,
    );
    // The audit trail never stores the tried passwords.
    const trail = await prisma.auditLog.findMany({ where: { ipAddress: "10.0.0.66" } });
    expect(JSON.stringify(trail)).not.toContain("Sai-mat-khau");

    // Even the right password is held back from the throttled address …
    expect((await login(DEMO_PRODUCER, DEMO_PASSWORD, "10.0.0.66")).status).toBe(429);
    // … but the account is not locked for everyone.
    const elsewhere = await login(DEMO_PRODUCER, DEMO_PASSWORD, "10.0.0.77");
    expect(elsewhere.status).toBe(302);
    expect(cookieFrom(elsewhere.headers, "tb_session")).toBeTruthy();
    expect(
      await prisma.loginAttempt.count({ where: { email: DEMO_PRODUCER, ipAddress: "10.0.0.77", success: true } }),
    ).toBe(1);
  });

  test("a wrong password is an ordinary 400 with a generic message, the same as an unknown account", async () => {
    const form = await verifiedUser();
    const wrong = await login(form.email, "Khong-dung-2026");
    const unknown = await login(uniqueEmail("nobody"), "Khong-dung-2026");
    for (const out of [wrong, unknown]) {
      expect(out.status).toBe(400);
      expect((out.data as Reply).result.error?.[""]).toEqual(["auth.login.invalid"]);
      expect(cookieFrom(out.headers, "tb_session")).toBeUndefined();
    }
  });
});

// ───────────── password reset ─────────────

describe("password reset", () => {
  test("the answer is the same for known and unknown emails; only the known one gets mail", async () => {
    const form = await verifiedUser();
    const stranger = uniqueEmail("stranger");
    const known = await call(forgotRoute.action as RouteFn, post("/forgot-password", { email: form.email }));
    const unknown = await call(forgotRoute.action as RouteFn, post("/forgot-password", { email: stranger }));
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(known.data).toEqual(unknown.data);
    expect(known.data).toMatchObject({ sent: true });

    expect(await prisma.mailMessage.count({ where: { to: stranger } })).toBe(0);
    const mail = await lastMailTo(form.email, "mail.reset.subject");
    expect(await prisma.mailMessage.count({ where: { to: form.email, subject: vi("mail.reset.subject") } })).toBe(1);
    expect(mail?.text).toMatch(/\/reset-password\/[A-Za-z0-9_-]{20,}/);
  });

  test("the reset link sets a new password, ends every session, and cannot be reused", async () => {
    const form = await verifiedUser();
    const user = await prisma.user.findUniqueOrThrow({ where: { email: form.email } });
    const before1 = await loginCookie(form.email, form.password);
    const before2 = await loginCookie(form.email, form.password, "10.0.0.2");
    expect((await getAuth(get("/account", before1)))?.user.id).toBe(user.id);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(2);

    await call(forgotRoute.action as RouteFn, post("/forgot-password", { email: form.email }));
    const token = tokenFromMail((await lastMailTo(form.email, "mail.reset.subject"))!.text, "reset-password");

    const page = await call(resetRoute.loader as RouteFn, get(`/reset-password/${token}`), { token });
    expect(page).toMatchObject({ status: 200, data: { email: form.email } });

    const weak = await call(
      resetRoute.action as RouteFn,
      post(`/reset-password/${token}`, { password: "ngan12", confirmPassword: "ngan12" }),
      { token },
    );
    expect(weak.status).toBe(400);
    expect((weak.data as Reply).result.error?.password).toEqual(["auth.password.tooShort"]);

    const newPassword = "Banh-chung-Tet-2027";
    const done = await call(
      resetRoute.action as RouteFn,
      post(`/reset-password/${token}`, { password: newPassword, confirmPassword: newPassword }),
      { token },
    );
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/login");

    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await getAuth(get("/account", before1))).toBeNull();
    expect(await getAuth(get("/account", before2))).toBeNull();

    const reused = await call(
      resetRoute.action as RouteFn,
      post(`/reset-password/${token}`, { password: "Mot-mat-khau-khac-9", confirmPassword: "Mot-mat-khau-khac-9" }),
      { token },
    );
    expect(reused.status).toBe(410);
    expect(errorTexts(reused.data as Reply)).toEqual([vi("auth.token.used")]);
    expect((await call(resetRoute.loader as RouteFn, get(`/reset-password/${token}`), { token })).status).toBe(410);

    expect((await login(form.email, form.password)).status).toBe(400);
    const fresh = await loginCookie(form.email, newPassword);
    expect((await getAuth(get("/account", fresh)))?.user.id).toBe(user.id);
    expect(await prisma.auditLog.count({ where: { action: "auth.password_reset", entityId: user.id } })).toBe(1);
  });

  test("a verify-email token is not accepted as a reset token", async () => {
    const { token } = await signupUser();
    expect((await call(resetRoute.loader as RouteFn, get(`/reset-password/${token}`), { token })).status).toBe(404);
  });
});

// ───────────── sessions and the account page ─────────────

describe("sessions", () => {
  test("log out everywhere deletes all of the user's sessions", async () => {
    const form = await verifiedUser();
    const user = await prisma.user.findUniqueOrThrow({ where: { email: form.email } });
    const phone = await loginCookie(form.email, form.password, "10.0.0.3");
    const laptop = await loginCookie(form.email, form.password, "10.0.0.4");
    const other = await loginCookie(DEMO_PRODUCER, DEMO_PASSWORD, "10.0.0.5");
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(2);

    const out = await call(accountRoute.action as RouteFn, post("/account", { intent: "everywhere" }, phone));
    expect(out.status).toBe(302);
    expect(out.headers.get("Location")).toBe("/login");
    expect(out.headers.getSetCookie().find((c) => c.startsWith("tb_session="))).toMatch(/^tb_session=;.*Max-Age=0/i);

    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await getAuth(get("/account", laptop))).toBeNull();
    // Other people's sessions are untouched.
    expect((await getAuth(get("/account", other)))?.user.email).toBe(DEMO_PRODUCER);
    expect(await prisma.auditLog.count({ where: { action: "auth.logout_everywhere", actorId: user.id } })).toBe(1);
  });

  test("the account page sends anonymous visitors to log in and back", async () => {
    const out = await call(accountRoute.loader as RouteFn, get("/account"));
    expect(out.thrown).toBe(true);
    expect(out.status).toBe(302);
    expect(out.headers.get("Location")).toBe("/login?redirectTo=%2Faccount");

    const stale = await call(accountRoute.loader as RouteFn, get("/account", "tb_session=not-a-real-session"));
    expect(stale.headers.get("Location")).toBe("/login?redirectTo=%2Faccount");
  });

  test("the account page shows a signed-in user their own data", async () => {
    const form = await verifiedUser();
    const cookie = await loginCookie(form.email, form.password);
    const out = await call(accountRoute.loader as RouteFn, get("/account", cookie));
    expect(out.status).toBe(200);
    expect(out.data).toMatchObject({
      user: { name: form.name, email: form.email, locale: "vi" },
      roles: [{ role: "PRODUCER" }],
    });
    expect((out.data as { sessions: unknown[] }).sessions).toHaveLength(1);
  });
});
