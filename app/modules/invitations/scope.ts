// Who may see and send organisers' invitations (issue #2), as pure predicates next to
// canInviteOrganiser in ~/modules/access/permissions. The list query applies the same rule
// in its where clause (see invitations.server.ts).
import { invitableProvinceIds, isAdmin, type LevelName, type ScopedRole } from "~/modules/access/permissions";

export const INVITE_LEVELS = ["NATION", "REGION", "PROVINCE"] as const satisfies readonly LevelName[];
export type InviteLevel = (typeof INVITE_LEVELS)[number];

/** Administrators and province organisers; regional and national organisers cannot invite. */
export function canManageInvitations(roles: ScopedRole[]): boolean {
  const ids = invitableProvinceIds(roles);
  return ids === null || ids.length > 0;
}

/** The levels the invitation form offers to this person. */
export function invitableLevels(roles: ScopedRole[]): InviteLevel[] {
  if (isAdmin(roles)) return [...INVITE_LEVELS];
  return canManageInvitations(roles) ? ["PROVINCE"] : [];
}
