// Administrators' view of accounts: search, roles, removing a role, disabling an account.
import type { Prisma } from "~/generated/sqlite/client.ts";
import { canManageUsers } from "~/modules/access/permissions";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import type { Auth } from "~/modules/auth/auth.server";
import { prisma } from "~/utils/db.server";
import { DomainError, forbidden, notFound } from "~/utils/errors";
import { paging } from "~/utils/paging";

function requireManager(auth: Auth) {
  if (!canManageUsers(auth.roles)) throw forbidden();
}

/** "nguyễn văn" → "Nguyễn Văn": names are usually written in title case. */
function titleCase(s: string) {
  return s.replace(/(^|\s)(\p{L})/gu, (_, space: string, letter: string) => space + letter.toLocaleUpperCase("vi"));
}

/**
 * Case-insensitive on SQLite and PostgreSQL alike without provider-specific modes: emails are
 * stored lower-case, and a name is matched as typed, lower-cased and in title case.
 */
export function userSearchWhere(query: string | undefined): Prisma.UserWhereInput {
  const q = query?.trim();
  if (!q) return {};
  const lower = q.toLocaleLowerCase("vi");
  const variants = [...new Set([q, lower, titleCase(lower)])];
  return { OR: [{ email: { contains: lower } }, ...variants.map((v) => ({ name: { contains: v } }))] };
}

export async function listUsers(auth: Auth, opts: { page: number; q?: string }) {
  requireManager(auth);
  const where = userSearchWhere(opts.q);
  const p = paging(opts.page, await prisma.user.count({ where }));
  const users = await prisma.user.findMany({
    where,
    select: {
      id: true,
      email: true,
      name: true,
      emailVerifiedAt: true,
      disabledAt: true,
      createdAt: true,
      roles: {
        select: {
          id: true,
          role: true,
          level: true,
          region: { select: { nameVi: true, nameEn: true } },
          province: { select: { name: true } },
        },
        orderBy: { createdAt: "asc" },
      },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: p.skip,
    take: p.take,
  });
  const items = users.map((u) => ({
    ...u,
    roles: u.roles.map((r) => ({
      id: r.id,
      role: r.role,
      scope: {
        level: r.level,
        regionName: r.region?.nameVi,
        regionNameEn: r.region?.nameEn,
        provinceName: r.province?.name,
      },
    })),
  }));
  return { items, ...p };
}

export async function removeRole(auth: Auth, roleId: string, meta: RequestMeta) {
  requireManager(auth);
  const role = await prisma.roleAssignment.findUnique({
    where: { id: roleId },
    select: {
      id: true,
      userId: true,
      role: true,
      level: true,
      regionId: true,
      provinceId: true,
      user: { select: { email: true } },
    },
  });
  if (!role) throw notFound();
  await prisma.$transaction(async (tx) => {
    if (role.userId === auth.user.id && role.role === "ADMIN") {
      // Nobody locks themselves out of administration by mistake.
      const mine = await tx.roleAssignment.count({ where: { userId: auth.user.id, role: "ADMIN" } });
      if (mine <= 1) throw new DomainError(409, "admin.users.lastAdminRole");
    }
    await tx.roleAssignment.delete({ where: { id: role.id } });
    await audit(tx, {
      actorId: auth.user.id,
      action: "user.role_removed",
      entityType: "User",
      entityId: role.userId,
      before: {
        roleId: role.id,
        email: role.user.email,
        role: role.role,
        level: role.level,
        regionId: role.regionId,
        provinceId: role.provinceId,
      },
      meta,
    });
  });
}

export async function setUserDisabled(auth: Auth, userId: string, disabled: boolean, meta: RequestMeta) {
  requireManager(auth);
  if (disabled && userId === auth.user.id) throw new DomainError(409, "admin.users.cannotDisableSelf");
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, disabledAt: true },
  });
  if (!user) throw notFound();
  if (!!user.disabledAt === disabled) return; // already so: repeating the click changes nothing
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { disabledAt: disabled ? new Date() : null } });
    // A disabled account is logged out everywhere at once.
    const sessions = disabled ? (await tx.session.deleteMany({ where: { userId } })).count : 0;
    await audit(tx, {
      actorId: auth.user.id,
      action: disabled ? "user.disabled" : "user.enabled",
      entityType: "User",
      entityId: userId,
      before: { email: user.email, disabled: !disabled },
      after: { disabled, sessionsEnded: sessions },
      meta,
    });
  });
}
