// Prizes among the recognised products (giải A, B, C, khuyến khích; issue #12 item 8, decision
// 029), as pure rules shared by the forms and the service: the tiers, the quotas a round sets,
// when those quotas may change, and what a prize vote of the council must satisfy.
import type { MessageKey } from "~/utils/i18n";

export const PRIZE_TIERS = ["A", "B", "C", "ENCOURAGEMENT"] as const;
export type PrizeTierName = (typeof PRIZE_TIERS)[number];
export const isPrizeTier = (v: unknown): v is PrizeTierName =>
  typeof v === "string" && (PRIZE_TIERS as readonly string[]).includes(v);

/** A quota above this is a typo, not a plan: provincial rounds recognise 10–70 products. */
export const PRIZE_QUOTA_MAX = 500;

export type PrizeQuotas = Record<PrizeTierName, number>;

export interface PrizeSettings {
  awardsPrizes: boolean;
  quotas: PrizeQuotas;
}

/** The quotas as stored on the round row. */
export function quotasOf(round: {
  prizeQuotaA: number;
  prizeQuotaB: number;
  prizeQuotaC: number;
  prizeQuotaEncouragement: number;
}): PrizeQuotas {
  return {
    A: round.prizeQuotaA,
    B: round.prizeQuotaB,
    C: round.prizeQuotaC,
    ENCOURAGEMENT: round.prizeQuotaEncouragement,
  };
}

export const quotaColumns = (q: PrizeQuotas) => ({
  prizeQuotaA: q.A,
  prizeQuotaB: q.B,
  prizeQuotaC: q.C,
  prizeQuotaEncouragement: q.ENCOURAGEMENT,
});

/**
 * The round statuses in which the prize settings may change: from the draft until judging ends.
 * The quotas belong to the round's plan; once the results are known (RESULTS and later) they are
 * fixed, so nobody can fit the number of prizes to the ranking afterwards.
 */
export const PRIZE_SETTINGS_STATUSES = ["DRAFT", "OPEN", "SCREENING", "JUDGING"] as const;
export const arePrizeSettingsEditable = (status: string): boolean =>
  (PRIZE_SETTINGS_STATUSES as readonly string[]).includes(status);

export interface SettingsProblem {
  field: "awardsPrizes" | `quota${PrizeTierName}`;
  messageKey: MessageKey;
}

const isCount = (n: number, max: number) => Number.isInteger(n) && n >= 0 && n <= max;

/** What is wrong with prize settings: whole-number quotas 0–500, and at least one prize when prizes are on. */
export function prizeSettingsProblems(s: PrizeSettings): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  for (const tier of PRIZE_TIERS) {
    if (!isCount(s.quotas[tier], PRIZE_QUOTA_MAX))
      problems.push({ field: `quota${tier}`, messageKey: "prizes.settings.error.quota" });
  }
  if (!problems.length && s.awardsPrizes && PRIZE_TIERS.every((t) => s.quotas[t] === 0)) {
    problems.push({ field: "awardsPrizes", messageKey: "prizes.settings.error.none" });
  }
  return problems;
}

export interface PrizeVote {
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
}

export interface PrizeVoteProblem {
  field: keyof PrizeVote;
  messageKey: MessageKey;
}

/**
 * What is wrong with the council's vote on a prize, given the members present at the meeting
 * that recognised the entry: whole counts, no more votes than members present, and more than
 * half of those present for (the majority rule the recognition vote reports).
 */
export function prizeVoteProblems(v: PrizeVote, membersPresent: number): PrizeVoteProblem[] {
  const problems: PrizeVoteProblem[] = [];
  for (const f of ["votesFor", "votesAgainst", "votesAbstain"] as const) {
    if (!isCount(v[f], 10_000)) problems.push({ field: f, messageKey: "prizes.vote.error.count" });
  }
  if (problems.length) return problems;
  if (v.votesFor + v.votesAgainst + v.votesAbstain > membersPresent)
    problems.push({ field: "votesFor", messageKey: "prizes.vote.error.overPresent" });
  else if (v.votesFor * 2 <= membersPresent)
    problems.push({ field: "votesFor", messageKey: "prizes.vote.error.noMajority" });
  return problems;
}

/** Prizes already given per tier. */
export function prizeCounts(prizes: ReadonlyArray<PrizeTierName | null | undefined>): PrizeQuotas {
  const counts: PrizeQuotas = { A: 0, B: 0, C: 0, ENCOURAGEMENT: 0 };
  for (const p of prizes) if (p) counts[p]++;
  return counts;
}

/** Whether one more prize of `tier` fits its quota, given the prizes of the other entries. */
export const fitsQuota = (tier: PrizeTierName, quotas: PrizeQuotas, othersAwarded: PrizeQuotas): boolean =>
  othersAwarded[tier] < quotas[tier];

/** Highest prize first: the order of the decision's article and annex. */
export const prizeRank = (p: PrizeTierName | null | undefined): number =>
  p ? PRIZE_TIERS.indexOf(p) : PRIZE_TIERS.length;

/** The message key of a tier's name ("Giải A", "Giải khuyến khích"). */
export const prizeLabelKey = (tier: PrizeTierName) => `prizes.tier.${tier}` as const;
