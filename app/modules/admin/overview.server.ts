// Figures for the administration overview, each only for those allowed to see it.
import { isAdmin } from "~/modules/access/permissions";
import type { Auth } from "~/modules/auth/auth.server";
import { countPendingInvitations } from "~/modules/invitations/invitations.server";
import { prisma } from "~/utils/db.server";
import { vnStartOfToday } from "~/utils/date-range";

export async function adminOverview(auth: Auth) {
  const admin = isAdmin(auth.roles);
  const [pendingInvitations, users, mails, auditToday] = await Promise.all([
    countPendingInvitations(auth),
    admin ? prisma.user.count() : null,
    admin ? prisma.mailMessage.count() : null,
    admin ? prisma.auditLog.count({ where: { createdAt: { gte: vnStartOfToday() } } }) : null,
  ]);
  return { pendingInvitations, users, mails, auditToday };
}
