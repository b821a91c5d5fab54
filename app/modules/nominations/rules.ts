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
}

export interface NominationTarget {
  level: LevelName;
  regionId: string | null;
  status: string;
  entriesCloseAt: Date | string;
}

export type NominationProblem = "revoked" | "expired" | "wrongLevel" | "wrongRegion" | "targetClosed" | "overQuota" | "alreadyNominated";

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
  if (t.status !== "OPEN" || new Date(t.entriesCloseAt).getTime() < now.getTime()) problems.push("targetClosed");
  if (input.alreadyNominated) problems.push("alreadyNominated");
  else if (input.quota !== null && input.used >= input.quota) problems.push("overQuota");
  return problems;
}
