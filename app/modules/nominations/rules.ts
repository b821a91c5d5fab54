// Advancement up the tiers (liên thông, issue #5) as a pure rule: which certificate may be
// nominated into which round. A province's recognised product goes to an open regional round
// whose member provinces include the province (the round's own list, decision 025), within the quota the call letter gives the province; a regional one goes
// on to the open national round. Only a still-valid (not expired, not revoked) certificate of the
// level just below counts.
import type { LevelName } from "~/modules/access/permissions";
import { certificateStatus } from "~/modules/certificates/validity";
import { hasGroup, type GroupRows } from "~/modules/rounds/groups";
import { nextLevel } from "~/modules/rounds/round-levels";

export interface NominationCertificate {
  level: LevelName;
  /** The province the certificate counts for: at issue, or the current one that absorbed it. */
  provinceId: string | null;
  regionId: string | null; // the region that province belongs to (or the regional round's region)
  validUntil: Date | string;
  revokedAt: Date | string | null;
  /** The product group (A–D); checked against the target's groups when both are given. */
  group?: string;
}

export interface NominationTarget {
  level: LevelName;
  regionId: string | null;
  /** A regional round's member provinces; when given, they decide instead of the regions. */
  members?: readonly string[];
  status: string;
  entriesCloseAt: Date | string;
  /** The product groups the round takes (its RoundGroup rows); omitted = all. */
  groups?: GroupRows;
}

export type NominationProblem =
  | "revoked"
  | "expired"
  | "wrongLevel"
  | "wrongRegion"
  | "groupNotInRound"
  | "targetClosed"
  | "overQuota"
  | "alreadyNominated";

export interface NominationInput {
  certificate: NominationCertificate;
  target: NominationTarget;
  /** The province's quota in the target round; null = no quota set (no limit). */
  quota: number | null;
  /** Nominations of the province already in the target round (withdrawn ones excluded). */
  used: number;
  alreadyNominated: boolean;
  now?: Date;
}

/** A certificate's province takes part in a regional round: by the round's own list when it has one. */
function inRegionalRound(c: NominationCertificate, t: NominationTarget): boolean {
  if (t.members) return !!c.provinceId && t.members.includes(c.provinceId);
  return !!c.regionId && c.regionId === t.regionId;
}

/** Problems in the order a person would want to hear them; empty = allowed. */
export function nominationProblems(input: NominationInput): NominationProblem[] {
  const { certificate: c, target: t } = input;
  const now = input.now ?? new Date();
  const problems: NominationProblem[] = [];
  const status = certificateStatus(c, now);
  if (status === "revoked") problems.push("revoked");
  if (status === "expired") problems.push("expired");
  if (nextLevel(c.level) !== t.level) problems.push("wrongLevel");
  else if (t.level === "REGION" && !inRegionalRound(c, t)) problems.push("wrongRegion");
  if (c.group && t.groups && !hasGroup(t.groups, c.group)) problems.push("groupNotInRound");
  if (t.status !== "OPEN" || new Date(t.entriesCloseAt).getTime() < now.getTime()) problems.push("targetClosed");
  if (input.alreadyNominated) problems.push("alreadyNominated");
  else if (input.quota !== null && input.used >= input.quota) problems.push("overQuota");
  return problems;
}

/**
 * A batch against a quota: `count` nominations of one province where `quota` places exist and
 * `used` are taken. Returns the places left, and whether the whole batch fits (a batch that does
 * not fit is refused as a whole, so an organiser never ends up with an arbitrary part of it).
 */
export function batchFitsQuota(
  quota: number | null,
  used: number,
  count: number,
): { fits: boolean; left: number | null } {
  if (quota === null) return { fits: true, left: null };
  const left = Math.max(0, quota - used);
  return { fits: count <= left, left };
}
