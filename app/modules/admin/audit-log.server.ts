// Reading the audit trail (written only by ~/modules/audit/audit.server).
import type { Prisma } from "~/generated/sqlite/client.ts";
import { canReadAuditLog } from "~/modules/access/permissions";
import type { Auth } from "~/modules/auth/auth.server";
import { prisma } from "~/utils/db.server";
import { forbidden } from "~/utils/errors";
import { paging } from "~/utils/paging";

export interface AuditFilter {
  action?: string;
  actor?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

export function auditWhere(f: AuditFilter): Prisma.AuditLogWhereInput {
  const where: Prisma.AuditLogWhereInput = {};
  if (f.action) where.action = { startsWith: f.action.trim() };
  if (f.actor) where.actor = { email: { contains: f.actor.trim().toLowerCase() } };
  if (f.from || f.to) where.createdAt = { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) };
  return where;
}

export async function listAuditEntries(auth: Auth, opts: { page: number } & AuditFilter) {
  if (!canReadAuditLog(auth.roles)) throw forbidden();
  const where = auditWhere(opts);
  const p = paging(opts.page, await prisma.auditLog.count({ where }));
  const items = await prisma.auditLog.findMany({
    where,
    select: {
      id: true,
      action: true,
      entityType: true,
      entityId: true,
      ipAddress: true,
      before: true,
      after: true,
      createdAt: true,
      actor: { select: { name: true, email: true } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: p.skip,
    take: p.take,
  });
  return { items, ...p };
}
