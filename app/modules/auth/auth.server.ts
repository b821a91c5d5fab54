// Accounts: log-in (throttled), sessions, sign-up with email verification, password reset.
// Services throw DomainError; routes turn results into cookies and redirects.
import { redirect } from "@remix-run/node";
import type { Session, User } from "lucia";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import { queueMail, type MailInput } from "~/modules/mail/outbox.server";
import type { ScopedRole } from "~/modules/access/permissions";
import { databaseProvider, directRows, prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { DomainError } from "~/utils/errors";
import { getT, isLocale, type Locale } from "~/utils/i18n";
import { consumeRateLimit } from "~/utils/rate-limit.server";
import { normalizeEmail } from "~/utils/text";
import { lucia } from "./lucia.server";
import { IN_FLIGHT_MS, throttleVerdict, WINDOW_MS } from "./login-throttle";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password.server";
import { passwordProblem } from "./password-policy";
import { hashToken, newToken, TOKEN_TTL_MS } from "./tokens.server";
import { getLogger } from "~/utils/logger.server";
import { firstRow } from "~/utils/arrays";

const log = getLogger("auth");

export interface AuthRole extends ScopedRole {
  id: string;
  regionName: string | null;
  regionNameEn: string | null;
  provinceName: string | null;
}

export interface Auth {
  user: User;
  session: Session;
  roles: AuthRole[];
}

const authCache = new WeakMap<Request, Promise<Auth | null>>();

/** The signed-in user of a request, with their scoped roles; null when anonymous. */
export function getAuth(request: Request): Promise<Auth | null> {
  let cached = authCache.get(request);
  if (!cached) {
    cached = loadAuth(request);
    authCache.set(request, cached);
  }
  return cached;
}

async function loadAuth(request: Request): Promise<Auth | null> {
  const sessionId = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (!sessionId) return null;
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session || !user || user.disabledAt) return null;
  const roles = await loadRoles(user.id);
  return { user, session, roles };
}

const ROLES_SQL = `SELECT "id", "role", "level", "regionId", "provinceId" FROM "RoleAssignment" WHERE "userId" = $1
  ORDER BY "createdAt" ASC, "id" ASC`;

export async function loadRoles(userId: string): Promise<AuthRole[]> {
  // Straight to the driver: every signed-in request reads this, and Prisma 6.19 plans each query anew.
  const rows = (await directRows(ROLES_SQL, [userId])).map(([id, role, level, regionId, provinceId]) => ({
    id: String(id),
    role: role as AuthRole["role"],
    level: level as AuthRole["level"],
    regionId: (regionId ?? null) as string | null,
    provinceId: (provinceId ?? null) as string | null,
  }));
  // Names only for the regions and provinces the roles name: every request of every signed-in
  // user passes here, and most (judges, producers) name none.
  const regionIds = [...new Set(rows.flatMap((r) => (r.regionId ? [r.regionId] : [])))];
  const provinceIds = [...new Set(rows.flatMap((r) => (r.provinceId ? [r.provinceId] : [])))];
  const [regions, provinces] = await Promise.all([
    regionIds.length
      ? prisma.region.findMany({ where: { id: { in: regionIds } }, select: { id: true, nameVi: true, nameEn: true } })
      : [],
    provinceIds.length
      ? prisma.province.findMany({ where: { id: { in: provinceIds } }, select: { id: true, name: true } })
      : [],
  ]);
  const region = new Map(regions.map((r) => [r.id, r]));
  const province = new Map(provinces.map((p) => [p.id, p.name]));
  return rows.map((r) => ({
    id: r.id,
    role: r.role,
    level: r.level,
    regionId: r.regionId,
    provinceId: r.provinceId,
    regionName: (r.regionId && region.get(r.regionId)?.nameVi) || null,
    regionNameEn: (r.regionId && region.get(r.regionId)?.nameEn) || null,
    provinceName: (r.provinceId && province.get(r.provinceId)) || null,
  }));
}

/** Signed-in user or a redirect to the log-in page that comes back here afterwards. */
export async function requireAuth(request: Request): Promise<Auth> {
  const auth = await getAuth(request);
  if (auth) return auth;
  const url = new URL(request.url);
  throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

export async function requireAnonymous(request: Request) {
  if (await getAuth(request)) throw redirect("/account");
}

// ───────────── log-in / log-out ─────────────

/**
 * Checks the throttle and, if the try may go ahead, records it as a failure, in one transaction
 * serialised per account and address (a PostgreSQL advisory lock; SQLite writes one transaction
 * at a time): of 40 simultaneous tries, the ones after the free failures see the reserved rows
 * and are refused before any password is checked. The row is dated IN_FLIGHT_MS ahead until the
 * check is over (settleLoginAttempt), so the next try waits for the check, however slow it is.
 */
async function reserveLoginAttempt(email: string, ip: string) {
  return prisma.$transaction(
    async (tx) => {
      if (databaseProvider() === "postgresql") {
        // Another try of this account and address is being reserved right now: this one waits its turn.
        const { locked } = firstRow(
          await tx.$queryRaw<
            { locked: boolean }[]
          >`SELECT pg_try_advisory_xact_lock(hashtext(${`login:${email}:${ip}`})) AS locked`,
          "pg_try_advisory_xact_lock",
        );
        if (!locked) return { allowed: false as const, retryAfterSeconds: 1 };
      }
      const attempts = await tx.loginAttempt.findMany({
        where: { createdAt: { gte: new Date(Date.now() - WINDOW_MS) }, OR: [{ email }, { ipAddress: ip }] },
        select: { email: true, ipAddress: true, success: true, createdAt: true },
        orderBy: { createdAt: "desc" },
        take: 500,
      });
      const verdict = throttleVerdict({ email, ip, now: new Date(), attempts });
      if (!verdict.allowed) return verdict;
      const row = await tx.loginAttempt.create({
        data: { email, ipAddress: ip, success: false, createdAt: new Date(Date.now() + IN_FLIGHT_MS) },
        select: { id: true },
      });
      return { ...verdict, attemptId: row.id };
    },
    { maxWait: 10_000 },
  );
}

/** The reserved attempt, dated now: a failure (the throttle's waits count from here) or a success. */
function settleLoginAttempt(id: string, success: boolean) {
  return prisma.loginAttempt.update({ where: { id }, data: { success, createdAt: new Date() } });
}

export async function login(input: { email: string; password: string; meta: RequestMeta }) {
  const email = normalizeEmail(input.email);
  const ip = input.meta.ip ?? "unknown";
  const verdict = await reserveLoginAttempt(email, ip);
  if (!verdict.allowed) {
    await audit(prisma, { action: "auth.login_throttled", entityType: "User", after: { email }, meta: input.meta });
    throw new DomainError(429, "error.429", { seconds: verdict.retryAfterSeconds });
  }
  // An address failing across many accounts is slowed down, not locked out (login-throttle.ts).
  if (verdict.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, verdict.delayMs));

  const user = await prisma.user.findUnique({ where: { email } });
  const ok = user ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstDummy(input.password);
  if (!user || !ok || user.disabledAt) {
    await settleLoginAttempt(verdict.attemptId, false);
    await audit(prisma, {
      actorId: user?.id,
      action: "auth.login_failed",
      entityType: "User",
      entityId: user?.id,
      after: { email },
      meta: input.meta,
    });
    // Who and from where is in the audit log (auth.login_failed); the log line carries the request id.
    log.warn("login failed");
    throw new DomainError(400, "auth.login.invalid");
  }
  // The right password ends the run of failures, verified address or not.
  if (!user.emailVerifiedAt) {
    // Not a log-in: the reserved attempt is withdrawn (nothing is recorded, as before).
    await prisma.loginAttempt.delete({ where: { id: verdict.attemptId } });
    throw new DomainError(403, "auth.login.unverified");
  }
  await settleLoginAttempt(verdict.attemptId, true);
  await audit(prisma, {
    actorId: user.id,
    action: "auth.login",
    entityType: "User",
    entityId: user.id,
    meta: input.meta,
  });
  const session = await lucia.createSession(user.id, {
    ipAddress: input.meta.ip?.slice(0, 100) ?? null,
    userAgent: input.meta.userAgent?.slice(0, 300) ?? null,
    createdAt: new Date(),
  });
  return { user, cookie: lucia.createSessionCookie(session.id).serialize() };
}

export async function logout(auth: Auth, meta: RequestMeta) {
  await lucia.invalidateSession(auth.session.id);
  await audit(prisma, {
    actorId: auth.user.id,
    action: "auth.logout",
    entityType: "User",
    entityId: auth.user.id,
    meta,
  });
  return lucia.createBlankSessionCookie().serialize();
}

export async function logoutEverywhere(auth: Auth, meta: RequestMeta) {
  const count = await prisma.session.count({ where: { userId: auth.user.id } });
  await lucia.invalidateUserSessions(auth.user.id);
  await audit(prisma, {
    actorId: auth.user.id,
    action: "auth.logout_everywhere",
    entityType: "User",
    entityId: auth.user.id,
    after: { sessions: count },
    meta,
  });
  return lucia.createBlankSessionCookie().serialize();
}

export async function revokeSession(auth: Auth, sessionId: string, meta: RequestMeta) {
  const owned = await prisma.session.findFirst({
    where: { id: sessionId, userId: auth.user.id },
    select: { id: true },
  });
  if (!owned) throw new DomainError(404, "error.404");
  await lucia.invalidateSession(sessionId);
  await audit(prisma, {
    actorId: auth.user.id,
    action: "auth.session_revoked",
    entityType: "Session",
    entityId: sessionId.slice(0, 8),
    meta,
  });
}

// ───────────── sign-up and email verification ─────────────

function link(path: string) {
  return `${getEnv().appUrl}${path}`;
}

function localeOf(value: string | null | undefined): Locale {
  return isLocale(value) ? value : "vi";
}

export async function signup(input: {
  name: string;
  email: string;
  password: string;
  locale: Locale;
  meta: RequestMeta;
}) {
  await consumeRateLimit("signup", input.meta.ip);
  const email = normalizeEmail(input.email);
  const problem = passwordProblem(input.password, email);
  if (problem) throw new DomainError(400, problem, undefined, "password");
  const t = getT(input.locale);
  const existing = await prisma.user.findUnique({ where: { email }, select: { id: true, name: true, locale: true } });
  if (existing) {
    // Say the same thing as for a new address (no account enumeration); tell the owner by mail.
    const locale = localeOf(existing.locale);
    const tt = getT(locale);
    await prisma.$transaction(async (tx) => {
      await queueMail(tx, {
        to: email,
        subject: tt("mail.signupExisting.subject"),
        text: tt("mail.signupExisting.body", {
          name: existing.name,
          loginUrl: link("/login"),
          resetUrl: link("/forgot-password"),
        }),
        locale,
      });
      await audit(tx, {
        action: "auth.signup_existing_email",
        entityType: "User",
        entityId: existing.id,
        meta: input.meta,
      });
    });
    return;
  }
  const passwordHash = await hashPassword(input.password);
  const { token, tokenHash } = newToken();
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email, name: input.name.trim(), passwordHash, locale: input.locale },
    });
    await tx.roleAssignment.create({ data: { userId: user.id, role: "PRODUCER", level: "PROVINCE" } });
    await tx.userToken.create({
      data: {
        userId: user.id,
        purpose: "VERIFY_EMAIL",
        tokenHash,
        expiresAt: new Date(Date.now() + TOKEN_TTL_MS.VERIFY_EMAIL),
      },
    });
    await audit(tx, {
      actorId: user.id,
      action: "auth.signup",
      entityType: "User",
      entityId: user.id,
      after: { email, name: user.name },
      meta: input.meta,
    });
    await queueMail(tx, {
      to: email,
      subject: t("mail.verify.subject"),
      text: t("mail.verify.body", { name: input.name.trim(), url: link(`/verify-email/${token}`), hours: 24 }),
      locale: input.locale,
    });
  });
}

/** Looks a token up without using it (for the confirmation page behind an emailed link). */
export async function peekToken(token: string, purpose: "VERIFY_EMAIL" | "RESET_PASSWORD") {
  const row = await prisma.userToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      purpose: true,
      usedAt: true,
      expiresAt: true,
      user: { select: { id: true, email: true, name: true } },
    },
  });
  if (!row || row.purpose !== purpose) throw new DomainError(404, "auth.token.invalid");
  if (row.usedAt) throw new DomainError(410, "auth.token.used");
  if (row.expiresAt.getTime() < Date.now()) throw new DomainError(410, "auth.token.expired");
  return row;
}

/** Marks the token used, atomically: a second use of the same link fails. */
async function consumeToken(tx: Parameters<Parameters<typeof prisma.$transaction>[0]>[0], id: string) {
  const { count } = await tx.userToken.updateMany({
    where: { id, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  if (count !== 1) throw new DomainError(410, "auth.token.used");
}

export async function verifyEmail(token: string, meta: RequestMeta) {
  const row = await peekToken(token, "VERIFY_EMAIL");
  await prisma.$transaction(async (tx) => {
    await consumeToken(tx, row.id);
    await tx.user.update({ where: { id: row.user.id }, data: { emailVerifiedAt: new Date() } });
    await audit(tx, {
      actorId: row.user.id,
      action: "auth.email_verified",
      entityType: "User",
      entityId: row.user.id,
      meta,
    });
  });
  return row.user;
}

/** Each mail an anonymous visitor can make us send counts against its address and the recipient's. */
async function limitAccountMail(email: string, meta: RequestMeta) {
  await consumeRateLimit("accountMail", meta.ip);
  await consumeRateLimit("accountMailTo", email);
}

export async function resendVerification(emailInput: string, locale: Locale, meta: RequestMeta) {
  const email = normalizeEmail(emailInput);
  await limitAccountMail(email, meta);
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, name: true, emailVerifiedAt: true },
  });
  if (!user || user.emailVerifiedAt) return; // same answer either way
  const recent = await prisma.userToken.count({
    where: { userId: user.id, purpose: "VERIFY_EMAIL", createdAt: { gt: new Date(Date.now() - 60_000) } },
  });
  if (recent > 0) return; // at most one mail a minute
  const t = getT(locale);
  await mailTokenLink(user.id, "VERIFY_EMAIL", "auth.verification_resent", meta, (token) => ({
    to: email,
    subject: t("mail.verify.subject"),
    text: t("mail.verify.body", { name: user.name, url: link(`/verify-email/${token}`), hours: 24 }),
    locale,
  }));
}

/** A one-time link by mail: the token, its mail and the audit entry commit together or not at all. */
async function mailTokenLink(
  userId: string,
  purpose: "VERIFY_EMAIL" | "RESET_PASSWORD",
  action: string,
  meta: RequestMeta,
  mail: (token: string) => MailInput,
) {
  const { token, tokenHash } = newToken();
  await prisma.$transaction(async (tx) => {
    await tx.userToken.create({
      data: { userId, purpose, tokenHash, expiresAt: new Date(Date.now() + TOKEN_TTL_MS[purpose]) },
    });
    await queueMail(tx, mail(token));
    await audit(tx, { actorId: userId, action, entityType: "User", entityId: userId, meta });
  });
}

// ───────────── password reset ─────────────

export async function requestPasswordReset(emailInput: string, meta: RequestMeta) {
  const email = normalizeEmail(emailInput);
  await limitAccountMail(email, meta);
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, name: true, locale: true, disabledAt: true },
  });
  if (!user || user.disabledAt) return; // the page says the same thing either way
  const recent = await prisma.userToken.count({
    where: { userId: user.id, purpose: "RESET_PASSWORD", createdAt: { gt: new Date(Date.now() - 60_000) } },
  });
  if (recent > 0) return;
  const locale = localeOf(user.locale);
  const t = getT(locale);
  await mailTokenLink(user.id, "RESET_PASSWORD", "auth.password_reset_requested", meta, (token) => ({
    to: email,
    subject: t("mail.reset.subject"),
    text: t("mail.reset.body", { name: user.name, url: link(`/reset-password/${token}`), minutes: 60 }),
    locale,
  }));
}

export async function resetPassword(token: string, password: string, meta: RequestMeta) {
  const row = await peekToken(token, "RESET_PASSWORD");
  const problem = passwordProblem(password, row.user.email);
  if (problem) throw new DomainError(400, problem, undefined, "password");
  const passwordHash = await hashPassword(password);
  await prisma.$transaction(async (tx) => {
    await consumeToken(tx, row.id);
    // The link proves the address, so the email counts as verified too.
    await tx.user.update({ where: { id: row.user.id }, data: { passwordHash, emailVerifiedAt: new Date() } });
    await tx.session.deleteMany({ where: { userId: row.user.id } });
    await audit(tx, {
      actorId: row.user.id,
      action: "auth.password_reset",
      entityType: "User",
      entityId: row.user.id,
      meta,
    });
  });
}

export async function changePassword(auth: Auth, current: string, next: string, meta: RequestMeta) {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: auth.user.id },
    select: { passwordHash: true, email: true },
  });
  if (!(await verifyPassword(user.passwordHash, current)))
    throw new DomainError(400, "account.password.wrongCurrent", undefined, "currentPassword");
  const problem = passwordProblem(next, user.email);
  if (problem) throw new DomainError(400, problem, undefined, "newPassword");
  const passwordHash = await hashPassword(next);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: auth.user.id }, data: { passwordHash } });
    // Other devices must log in again with the new password.
    await tx.session.deleteMany({ where: { userId: auth.user.id, id: { not: auth.session.id } } });
    await audit(tx, {
      actorId: auth.user.id,
      action: "auth.password_changed",
      entityType: "User",
      entityId: auth.user.id,
      meta,
    });
  });
}

export async function updateProfile(auth: Auth, input: { name: string; locale: Locale }, meta: RequestMeta) {
  const before = await prisma.user.findUniqueOrThrow({
    where: { id: auth.user.id },
    select: { name: true, locale: true },
  });
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: auth.user.id }, data: { name: input.name.trim(), locale: input.locale } });
    await audit(tx, {
      actorId: auth.user.id,
      action: "account.profile_updated",
      entityType: "User",
      entityId: auth.user.id,
      before,
      after: input,
      meta,
    });
  });
}

export async function listSessions(userId: string) {
  return prisma.session.findMany({
    where: { userId, expiresAt: { gt: new Date() } },
    select: { id: true, ipAddress: true, userAgent: true, createdAt: true, expiresAt: true },
    orderBy: { createdAt: "desc" },
  });
}
