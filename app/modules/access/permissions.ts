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

// ───────────── rounds (issue #3) ─────────────

const sameJurisdiction = (a: Scope, b: Scope) =>
  a.level === b.level &&
  (a.provinceId ?? null) === (b.provinceId ?? null) &&
  (a.regionId ?? null) === (b.regionId ?? null);

/**
 * The jurisdictions in which a person runs rounds; null means any (administrator). An organiser
 * runs the rounds of their own role's level and jurisdiction only: a province organiser their
 * province's provincial rounds, a region organiser their region's regional rounds, a national
 * organiser the national rounds.
 */
export function roundManagerScopes(roles: ScopedRole[]): Scope[] | null {
  if (isAdmin(roles)) return null;
  return roles
    .filter((r) => r.role === "ORGANISER" && isValidScope(r))
    .map((r) => ({ level: r.level, regionId: r.regionId ?? null, provinceId: r.provinceId ?? null }));
}

/** Whether a person sees the rounds area at all. */
export function canManageRounds(roles: ScopedRole[]): boolean {
  const scopes = roundManagerScopes(roles);
  return scopes === null || scopes.length > 0;
}

/** Create, edit and move the rounds of this jurisdiction (the round's scope: see roundScopeOf). */
export function canManageRoundsIn(roles: ScopedRole[], scope: Scope): boolean {
  if (!isValidScope(scope)) return false;
  const scopes = roundManagerScopes(roles);
  return scopes === null || scopes.some((s) => sameJurisdiction(s, scope));
}
