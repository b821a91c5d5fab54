// The tiers of the programme as data. Since 1/7/2025 the tiers are commune → province → region →
// nation (Circular 26/2014/TT-BCT as amended by 38/2025/TT-BCT). Commune rounds are not run on
// the platform yet: enabling them is a change here (plus a commune id on Round), not a rewrite.
import type { LevelName } from "~/modules/access/permissions";

export interface LevelRules {
  /** Order of the tiers, lowest first; nominations go to the next rank up. */
  rank: number;
  /** Which column of Round names the jurisdiction of a round at this level. */
  jurisdiction: "commune" | "province" | "region" | "nation";
  /** Rounds at this level can be created on the platform. */
  enabled: boolean;
  /** Producers enter directly (the provincial round); higher tiers take nominations only. */
  producersEnterDirectly: boolean;
  /** The call letter may set a nomination quota per province (regional and national rounds). */
  hasProvinceQuotas: boolean;
}

export const LEVEL_RULES: Record<LevelName, LevelRules> = {
  COMMUNE: {
    rank: 0,
    jurisdiction: "commune",
    enabled: false,
    producersEnterDirectly: false,
    hasProvinceQuotas: false,
  },
  PROVINCE: {
    rank: 1,
    jurisdiction: "province",
    enabled: true,
    producersEnterDirectly: true,
    hasProvinceQuotas: false,
  },
  REGION: { rank: 2, jurisdiction: "region", enabled: true, producersEnterDirectly: false, hasProvinceQuotas: true },
  NATION: { rank: 3, jurisdiction: "nation", enabled: true, producersEnterDirectly: false, hasProvinceQuotas: true },
};

/** All levels, lowest first. */
export const LEVELS_BY_RANK: LevelName[] = (Object.keys(LEVEL_RULES) as LevelName[]).sort(
  (a, b) => LEVEL_RULES[a].rank - LEVEL_RULES[b].rank,
);

/** Levels at which rounds can be created now. */
export const ROUND_LEVELS: LevelName[] = LEVELS_BY_RANK.filter((l) => LEVEL_RULES[l].enabled);

/** Levels whose rounds producers enter themselves (the others take entries by nomination). */
export const DIRECT_ENTRY_LEVELS: LevelName[] = LEVELS_BY_RANK.filter((l) => LEVEL_RULES[l].producersEnterDirectly);

export const hasProvinceQuotas = (level: LevelName) => LEVEL_RULES[level].hasProvinceQuotas;

/** The tier a round's winners are nominated to, if any. */
export function nextLevel(level: LevelName): LevelName | null {
  const rank = LEVEL_RULES[level].rank;
  return LEVELS_BY_RANK.find((l) => LEVEL_RULES[l].rank === rank + 1) ?? null;
}
