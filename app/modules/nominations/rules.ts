// Advancement up the tiers (liên thông, issue #5) as a pure rule: which certificate may be
// nominated into which round. A province's recognised product goes to an open regional round of
// the province's region, within the quota the call letter gives the province; a regional one goes
// on to the open national round. Only a still-valid (not expired, not revoked) certificate of the
// level just below counts.
import type { LevelName } from "~/modules/access/permissions";
import { certificateStatus } from "~/modules/certificates/validity";
import { nextLevel } from "~/modules/rounds/round-levels";

export interface NominationCertificate {
  level: LevelName;
  provinceId: string | null; // the establishment's province at issue
  regionId: string | null; // the region that province belongs to (or the regional round's region)
  validUntil: Date | string;
  revokedAt: Date | string | null;
  /** The product group (A–D); checked against the target's groups when both are given. */
  group?: string;
}

export interface NominationTarget {
  level: LevelName;
  regionId: string | null;
  status: string;
  entriesCloseAt: Date | string;
  /** The product groups the round takes, "A,B,C,D"; omitted = all. */
  groups?: string;
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

/** Problems in the order a person would want to hear them; empty = allowed. */
export function nominationProblems(input: NominationInput): NominationProblem[] {
  const { certificate: c, target: t } = input;
  const now = input.now ?? new Date();
  const problems: NominationProblem[] = [];
  const status = certificateStatus(c, now);
  if (status === "revoked") problems.push("revoked");
  if (status === "expired") problems.push("expired");
  if (nextLevel(c.level) !== t.level) problems.push("wrongLevel");
  else if (t.level === "REGION" && (!c.regionId || c.regionId !== t.regionId)) problems.push("wrongRegion");
  if (c.group && t.groups && !t.groups.split(",").includes(c.group)) problems.push("groupNotInRound");
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
export function batchFitsQuota(quota: number | null, used: number, count: number): { fits: boolean; left: number | null } {
  if (quota === null) return { fits: true, left: null };
  const left = Math.max(0, quota - used);
  return { fits: count <= left, left };
}
