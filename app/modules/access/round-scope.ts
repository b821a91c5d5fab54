// The rounds of a jurisdiction, as a where clause: the one rule that the rounds, entries,
// certificates, nominations, judging and files queries share (permissions in the queries).
//
// A merged province owns its predecessors' records (decision 025): since the reorganisation of
// 12/6/2025 (Resolution 202/2025/QH15) a current province's organiser reads and acts on the
// provincial rounds of the former provinces it absorbed (Province.successorId, the former row's
// validTo = the merger date), with the same rules as on its own. An organiser of another
// province still sees none of them.
import type { Prisma } from "~/generated/sqlite/client.ts";
import { roundManagerScopes, type Scope, type ScopedRole } from "./permissions";
import { LEVEL_RULES } from "~/modules/rounds/round-levels";

/** Provincial rounds of `provinceId` and of the former provinces merged into it by `now`. */
export function provinceRoundsWhere(
  level: Scope["level"],
  provinceId: string | null | undefined,
  now: Date = new Date(),
): Prisma.RoundWhereInput {
  if (!provinceId) return { id: { in: [] } };
  return { level, OR: [{ provinceId }, { province: { successorId: provinceId, validTo: { lte: now } } }] };
}

/** The rounds one scope (a role's jurisdiction) covers. */
export function scopeRoundsWhere(scope: Scope, now: Date = new Date()): Prisma.RoundWhereInput {
  switch (LEVEL_RULES[scope.level]?.jurisdiction) {
    case "province":
      return provinceRoundsWhere(scope.level, scope.provinceId, now);
    case "region":
      return scope.regionId ? { level: scope.level, regionId: scope.regionId } : { id: { in: [] } };
    case "nation":
      return { level: scope.level };
    default:
      return { id: { in: [] } };
  }
}

/**
 * The rounds a person manages, as a where clause (administrators: all; nobody else: none). A
 * province's organiser also manages the rounds of the former provinces merged into it. The one
 * source of "which rounds an organiser covers" for rounds, entries, judging, certificates,
 * nominations and files.
 */
export function managedRoundsWhere(roles: ScopedRole[]): Prisma.RoundWhereInput {
  const scopes = roundManagerScopes(roles);
  if (scopes === null) return {};
  return scopes.length ? { OR: scopes.map((s) => scopeRoundsWhere(s)) } : { id: { in: [] } };
}
