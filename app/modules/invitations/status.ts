// An invitation's status is never stored: it follows from its dates, so an expiry needs no job.
export const INVITATION_STATUSES = ["pending", "accepted", "revoked", "expired"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export interface InvitationDates {
  acceptedAt: Date | string | null;
  revokedAt: Date | string | null;
  expiresAt: Date | string;
}

export function invitationStatus(inv: InvitationDates, now: Date = new Date()): InvitationStatus {
  if (inv.acceptedAt) return "accepted";
  if (inv.revokedAt) return "revoked";
  if (new Date(inv.expiresAt).getTime() <= now.getTime()) return "expired";
  return "pending";
}

/** The same rule as a Prisma where fragment, for filtering lists by status. */
export function invitationStatusWhere(status: InvitationStatus, now: Date = new Date()) {
  switch (status) {
    case "accepted":
      return { acceptedAt: { not: null } };
    case "revoked":
      return { acceptedAt: null, revokedAt: { not: null } };
    case "expired":
      return { acceptedAt: null, revokedAt: null, expiresAt: { lte: now } };
    case "pending":
      return { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } };
  }
}
