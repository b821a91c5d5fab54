// Organisers are invited, never self-registered (issue #2). An administrator or a province
// organiser sends an invitation for one scope; the emailed link (only its SHA-256 is stored)
// works once, for 7 days, and grants exactly that scope to the person who owns the address.
import type { Prisma } from "~/generated/sqlite/client.ts";
import { canInviteOrganiser, invitableProvinceIds, isValidScope, type ScopedRole } from "~/modules/access/permissions";
import { scopeLabel } from "~/modules/access/scope-label";
import { paging } from "~/utils/paging";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import type { Auth } from "~/modules/auth/auth.server";
import { hashPassword } from "~/modules/auth/password.server";
import { passwordProblem } from "~/modules/auth/password-policy";
import { hashToken, newToken, TOKEN_TTL_MS } from "~/modules/auth/tokens.server";
import { listCurrentProvinces, listRegions } from "~/modules/geo/admin-units.server";
import { queueMail } from "~/modules/mail/outbox.server";
import { formatDateTime } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { DomainError, forbidden, notFound } from "~/utils/errors";
import { getT, isLocale, type Locale } from "~/utils/i18n";
import { normalizeEmail } from "~/utils/text";
import { canManageInvitations, invitableLevels, type InviteLevel } from "./scope";
import { invitationStatus, invitationStatusWhere, type InvitationStatus } from "./status";
import { consumeRateLimit } from "~/utils/rate-limit.server";

export interface InvitationInput {
  email: string;
  level: InviteLevel;
  regionId?: string | null;
  provinceId?: string | null;
}

const INVITATION_DAYS = TOKEN_TTL_MS.INVITATION / (24 * 60 * 60 * 1000);

const localeOf = (value: string | null | undefined): Locale => (isLocale(value) ? value : "vi");

/** The invitations a person may see: all for administrators, their province(s) otherwise. */
function visibleInvitations(roles: ScopedRole[]): Prisma.InvitationWhereInput {
  const ids = invitableProvinceIds(roles);
  return ids === null ? {} : { provinceId: { in: ids } };
}

/** Checks that the scope's region or province exists (and the province is a current one). */
async function loadScopeNames(scope: { level: InviteLevel; regionId: string | null; provinceId: string | null }) {
  if (scope.level === "REGION") {
    const region = await prisma.region.findUnique({
      where: { id: scope.regionId! },
      select: { nameVi: true, nameEn: true },
    });
    if (!region) throw new DomainError(400, "admin.invite.region.unknown", undefined, "regionId");
    return { level: scope.level, regionName: region.nameVi, regionNameEn: region.nameEn };
  }
  if (scope.level === "PROVINCE") {
    const province = await prisma.province.findUnique({
      where: { id: scope.provinceId! },
      select: { name: true, validTo: true },
    });
    // Former provinces (merged on 12/6/2025) no longer run rounds, so nobody is invited into one.
    if (!province || province.validTo)
      throw new DomainError(400, "admin.invite.province.unknown", undefined, "provinceId");
    return { level: scope.level, provinceName: province.name };
  }
  return { level: scope.level };
}

export async function createInvitation(auth: Auth, input: InvitationInput, meta: RequestMeta) {
  await consumeRateLimit("invitation", auth.user.id);
  const email = normalizeEmail(input.email);
  const scope = { level: input.level, regionId: input.regionId || null, provinceId: input.provinceId || null };
  if (!isValidScope(scope)) throw new DomainError(400, "admin.invite.scope.invalid");
  if (!canInviteOrganiser(auth.roles, scope)) throw new DomainError(403, "admin.invite.forbidden");
  const names = await loadScopeNames(scope);

  const holder = await prisma.roleAssignment.findFirst({
    where: {
      role: "ORGANISER",
      level: scope.level,
      regionId: scope.regionId,
      provinceId: scope.provinceId,
      user: { email },
    },
    select: { id: true },
  });
  if (holder) throw new DomainError(409, "admin.invite.alreadyHolds", { email }, "email");

  const { token, tokenHash } = newToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + TOKEN_TTL_MS.INVITATION);
  // The invitation is written in the inviter's language (the invitee has no account yet).
  const locale = localeOf(auth.user.locale);
  const t = getT(locale);
  const scopeText = scopeLabel(t, locale, names);
  const invitation = await prisma.$transaction(async (tx) => {
    // A new invitation for the same person and scope replaces a still-pending one.
    const replaced = await tx.invitation.updateMany({
      where: {
        email,
        role: "ORGANISER",
        level: scope.level,
        regionId: scope.regionId,
        provinceId: scope.provinceId,
        acceptedAt: null,
        revokedAt: null,
        expiresAt: { gt: now },
      },
      data: { revokedAt: now },
    });
    const created = await tx.invitation.create({
      data: { email, role: "ORGANISER", ...scope, tokenHash, expiresAt, invitedById: auth.user.id },
      select: { id: true, email: true, expiresAt: true },
    });
    await audit(tx, {
      actorId: auth.user.id,
      action: "invitation.create",
      entityType: "Invitation",
      entityId: created.id,
      after: { email, role: "ORGANISER", ...scope, expiresAt, replaced: replaced.count },
      meta,
    });
    // In the same transaction: a mail never announces an invitation that was rolled back.
    await queueMail(tx, {
      to: email,
      subject: t("mail.invite.subject", { scope: scopeText }),
      text: t("mail.invite.body", {
        inviter: auth.user.name,
        inviterEmail: auth.user.email,
        role: t("role.ORGANISER"),
        scope: scopeText,
        url: `${getEnv().appUrl}/invite/${token}`,
        days: INVITATION_DAYS,
        expires: formatDateTime(expiresAt),
      }),
      locale,
    });
    return created;
  });

  return invitation;
}

const listSelect = {
  id: true,
  email: true,
  level: true,
  createdAt: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
  region: { select: { nameVi: true, nameEn: true } },
  province: { select: { name: true } },
  invitedBy: { select: { name: true, email: true } },
} satisfies Prisma.InvitationSelect;

export async function listInvitations(auth: Auth, opts: { page: number; status?: InvitationStatus }) {
  if (!canManageInvitations(auth.roles)) throw forbidden();
  const now = new Date();
  const where: Prisma.InvitationWhereInput = {
    AND: [visibleInvitations(auth.roles), opts.status ? invitationStatusWhere(opts.status, now) : {}],
  };
  const p = paging(opts.page, await prisma.invitation.count({ where }));
  const rows = await prisma.invitation.findMany({
    where,
    select: listSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: p.skip,
    take: p.take,
  });
  const items = rows.map((r) => ({
    id: r.id,
    email: r.email,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    status: invitationStatus(r, now),
    scope: {
      level: r.level,
      regionName: r.region?.nameVi,
      regionNameEn: r.region?.nameEn,
      provinceName: r.province?.name,
    },
    invitedBy: r.invitedBy,
  }));
  return { items, ...p };
}

export async function countPendingInvitations(auth: Auth) {
  if (!canManageInvitations(auth.roles)) return null;
  return prisma.invitation.count({
    where: { AND: [visibleInvitations(auth.roles), invitationStatusWhere("pending")] },
  });
}

/** The choices of the invitation form: only what this person may invite into. */
export async function invitationFormOptions(auth: Auth) {
  const levels = invitableLevels(auth.roles);
  const ids = invitableProvinceIds(auth.roles);
  const [regions, provinces] = await Promise.all([
    levels.includes("REGION") ? listRegions(prisma) : Promise.resolve([]),
    levels.includes("PROVINCE") ? listCurrentProvinces(prisma) : Promise.resolve([]),
  ]);
  return {
    levels,
    regions: regions.map((r) => ({ id: r.id, nameVi: r.nameVi, nameEn: r.nameEn })),
    provinces: provinces.filter((p) => ids === null || ids.includes(p.id)).map((p) => ({ id: p.id, name: p.name })),
  };
}

export async function revokeInvitation(auth: Auth, id: string, meta: RequestMeta) {
  if (!canManageInvitations(auth.roles)) throw forbidden();
  // Out of scope looks the same as unknown: no probing other provinces' invitations.
  const row = await prisma.invitation.findFirst({
    where: { AND: [{ id }, visibleInvitations(auth.roles)] },
    select: {
      id: true,
      email: true,
      level: true,
      regionId: true,
      provinceId: true,
      acceptedAt: true,
      revokedAt: true,
      expiresAt: true,
    },
  });
  if (!row) throw notFound();
  if (row.revokedAt) return; // revoking twice is harmless (a repeated no-JS submit)
  if (invitationStatus(row) !== "pending") throw new DomainError(409, "admin.invitations.revoke.notPending");
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count !== 1) throw new DomainError(409, "admin.invitations.revoke.notPending");
    await audit(tx, {
      actorId: auth.user.id,
      action: "invitation.revoke",
      entityType: "Invitation",
      entityId: id,
      before: {
        email: row.email,
        level: row.level,
        regionId: row.regionId,
        provinceId: row.provinceId,
        status: "pending",
      },
      after: { status: "revoked" },
      meta,
    });
  });
}

// ───────────── the invitee's side ─────────────

/** Looks an invitation up by its emailed token without using it. */
export async function peekInvitation(token: string) {
  const row = await prisma.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      email: true,
      role: true,
      level: true,
      regionId: true,
      provinceId: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      invitedById: true,
      region: { select: { nameVi: true, nameEn: true } },
      province: { select: { name: true } },
      invitedBy: { select: { name: true } },
    },
  });
  if (!row) throw new DomainError(404, "invite.token.invalid");
  const status = invitationStatus(row);
  if (status === "accepted") throw new DomainError(410, "invite.token.used");
  if (status === "revoked") throw new DomainError(410, "invite.token.revoked");
  if (status === "expired") throw new DomainError(410, "invite.token.expired");
  const account = await prisma.user.findUnique({ where: { email: row.email }, select: { id: true } });
  return {
    ...row,
    scope: {
      level: row.level,
      regionName: row.region?.nameVi,
      regionNameEn: row.region?.nameEn,
      provinceName: row.province?.name,
    },
    accountId: account?.id ?? null,
  };
}

export interface AcceptInput {
  auth: Auth | null;
  /** Only for a new account. */
  name?: string;
  password?: string;
  locale?: Locale;
}

/**
 * Grants the invitation's role. The owner of an existing account must be logged in as that
 * account; otherwise a new account is created (the link proves the address, so it counts as
 * verified). The route logs a new account in.
 */
export async function acceptInvitation(token: string, input: AcceptInput, meta: RequestMeta) {
  const inv = await peekInvitation(token);
  const existing = inv.accountId;
  let newAccount: { name: string; passwordHash: string } | null = null;
  if (existing) {
    if (!input.auth) throw new DomainError(401, "invite.accept.loginFirst", { email: inv.email });
    if (input.auth.user.id !== existing) throw new DomainError(403, "invite.accept.wrongAccount", { email: inv.email });
  } else {
    const name = input.name?.trim() ?? "";
    if (name.length < 2) throw new DomainError(400, "auth.name.tooShort", undefined, "name");
    if (name.length > 120) throw new DomainError(400, "auth.name.tooLong", undefined, "name");
    const problem = passwordProblem(input.password ?? "", inv.email);
    if (problem) throw new DomainError(400, problem, undefined, "password");
    newAccount = { name, passwordHash: await hashPassword(input.password!) };
  }

  const now = new Date();
  return prisma.$transaction(async (tx) => {
    // First, atomically: of two clicks on the same link only one gets past this line.
    const { count } = await tx.invitation.updateMany({
      where: { id: inv.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (count !== 1) throw new DomainError(410, "invite.token.used");

    let userId = existing;
    if (!userId) {
      // Someone signed up with this address since the page was opened: they must log in.
      const raced = await tx.user.findUnique({ where: { email: inv.email }, select: { id: true } });
      if (raced) throw new DomainError(409, "invite.accept.loginFirst", { email: inv.email });
      const user = await tx.user.create({
        data: {
          email: inv.email,
          name: newAccount!.name,
          passwordHash: newAccount!.passwordHash,
          emailVerifiedAt: now,
          locale: input.locale ?? "vi",
        },
        select: { id: true },
      });
      userId = user.id;
    }
    await tx.invitation.update({ where: { id: inv.id }, data: { acceptedById: userId } });

    // NULLs are distinct in unique indexes, so the unique constraint alone cannot make this
    // idempotent for scopes with a null region or province: look first.
    const scope = { role: inv.role, level: inv.level, regionId: inv.regionId, provinceId: inv.provinceId };
    const held = await tx.roleAssignment.findFirst({ where: { userId, ...scope }, select: { id: true } });
    if (!held) await tx.roleAssignment.create({ data: { userId, ...scope, grantedById: inv.invitedById } });

    await audit(tx, {
      actorId: userId,
      action: "invitation.accept",
      entityType: "Invitation",
      entityId: inv.id,
      after: { email: inv.email, ...scope, newAccount: !existing, roleAdded: !held },
      meta,
    });
    return { userId, email: inv.email, role: inv.role, scope: inv.scope, newAccount: !existing, roleAdded: !held };
  });
}
