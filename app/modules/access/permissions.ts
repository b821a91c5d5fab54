// Who may do what: pure predicates over a user's scoped roles (data), used by loaders/actions
// and by the queries that list things. A UI check only hides a button; the server re-checks.
export type RoleName = "ADMIN" | "ORGANISER" | "PRODUCER";
export type LevelName = "COMMUNE" | "PROVINCE" | "REGION" | "NATION";

export interface ScopedRole {
  role: RoleName;
  level: LevelName;
  regionId: string | null;
  provinceId: string | null;
}

export interface Scope {
  level: LevelName;
  regionId?: string | null;
  provinceId?: string | null;
}

export const isAdmin = (roles: ScopedRole[]) => roles.some((r) => r.role === "ADMIN");
export const isOrganiser = (roles: ScopedRole[]) => roles.some((r) => r.role === "ORGANISER");
export const isProducer = (roles: ScopedRole[]) => roles.some((r) => r.role === "PRODUCER");
export const canUseAdminArea = (roles: ScopedRole[]) => isAdmin(roles) || isOrganiser(roles);
export const canReadOutbox = isAdmin;
export const canReadAuditLog = isAdmin;
export const canManageUsers = isAdmin;

/**
 * Organisers' invitations (issue #2): administrators may invite an organiser of any scope;
 * an organiser of a province may invite organisers of that same province only.
 */
export function canInviteOrganiser(roles: ScopedRole[], target: Scope): boolean {
  if (!isValidScope(target)) return false;
  if (isAdmin(roles)) return true;
  return (
    target.level === "PROVINCE" &&
    roles.some((r) => r.role === "ORGANISER" && r.level === "PROVINCE" && r.provinceId === target.provinceId)
  );
}

/** A scope names exactly the jurisdiction its level needs. */
export function isValidScope(s: Scope): boolean {
  switch (s.level) {
    case "NATION":
      return !s.regionId && !s.provinceId;
    case "REGION":
      return !!s.regionId && !s.provinceId;
    case "PROVINCE":
      return !!s.provinceId && !s.regionId;
    default:
      return false; // commune rounds are not run on the platform yet
  }
}

/** Provinces an organiser may invite into; null means any (administrator). */
export function invitableProvinceIds(roles: ScopedRole[]): string[] | null {
  if (isAdmin(roles)) return null;
  return roles
    .filter((r) => r.role === "ORGANISER" && r.level === "PROVINCE" && r.provinceId)
    .map((r) => r.provinceId as string);
}
