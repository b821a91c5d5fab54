// Prizes among the recognised products (issue #12 item 8, decision 029): the round's prize
// settings (whether it awards prizes, how many of each tier) and the council's prize for each
// recognised entry with its vote. Only the round's organisers (managedRoundsWhere, in the query);
// every write takes the round row first (a guarded update that checks the state and serialises
// concurrent writes, so two organisers cannot both fill the last place of a tier) and appends
// its audit entry in the same transaction.
import type { Prisma } from "~/generated/sqlite/client.ts";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import type { Auth } from "~/modules/auth/auth.server";
import { managedRoundsWhere } from "~/modules/access/round-scope";
import { prisma, type Tx } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { getT } from "~/utils/i18n";
import { refreshGeneratedDecision } from "./certificates.server";
import {
  arePrizeSettingsEditable,
  fitsQuota,
  PRIZE_SETTINGS_STATUSES,
  prizeCounts,
  prizeLabelKey,
  prizeSettingsProblems,
  prizeVoteProblems,
  quotaColumns,
  quotasOf,
  type PrizeQuotas,
  type PrizeSettings,
  type PrizeTierName,
  type PrizeVote,
} from "./prizes";

type Actor = Pick<Auth, "user" | "roles">;
/** Error texts name the tier in Vietnamese, as every domain message does; the page translates the key. */
const vi = getT("vi");

const roundSelect = {
  id: true,
  name: true,
  status: true,
  resultsFinalisedAt: true,
  awardsPrizes: true,
  prizeQuotaA: true,
  prizeQuotaB: true,
  prizeQuotaC: true,
  prizeQuotaEncouragement: true,
  _count: { select: { certificates: true } },
} satisfies Prisma.RoundSelect;

async function managedRound(auth: Actor, roundId: string, db: Tx = prisma) {
  const round = await db.round.findFirst({
    where: { AND: [{ id: roundId }, managedRoundsWhere(auth.roles)] },
    select: roundSelect,
  });
  if (!round) throw new DomainError(404, "error.404");
  return round;
}

export interface PrizeEntry {
  entryId: string;
  entryCode: string | null;
  productName: string;
  group: string;
  finalScore: number | null;
  /** Members present at the vote that recognised the entry: the bound of a prize vote. */
  membersPresent: number;
  prize: PrizeTierName | null;
  prizeVote: PrizeVote | null;
}

export interface PrizePage {
  round: { id: string; name: string; status: string; finalised: boolean };
  settings: PrizeSettings;
  settingsEditable: boolean;
  /** Prizes may be recorded now: results final, prizes on, no certificate issued yet. */
  canAward: boolean;
  /** Certificates issued: prizes are part of them and no longer change. */
  locked: boolean;
  awarded: PrizeQuotas;
  entries: PrizeEntry[];
}

/** The prizes page of a round, for its organisers (404 for anyone else). */
export async function getPrizePage(auth: Actor, roundId: string): Promise<PrizePage> {
  const round = await managedRound(auth, roundId);
  const finalised = !!round.resultsFinalisedAt;
  const outcomes = finalised
    ? await prisma.entryOutcome.findMany({
        where: { roundId, recognised: true },
        select: {
          finalScore: true,
          membersPresent: true,
          prize: true,
          prizeVotesFor: true,
          prizeVotesAgainst: true,
          prizeVotesAbstain: true,
          entry: { select: { id: true, entryCode: true, group: true, product: { select: { name: true } } } },
        },
      })
    : [];
  const entries = outcomes
    .map((o): PrizeEntry => ({
      entryId: o.entry.id,
      entryCode: o.entry.entryCode,
      productName: o.entry.product.name,
      group: o.entry.group,
      finalScore: o.finalScore,
      membersPresent: o.membersPresent ?? 0,
      prize: o.prize,
      prizeVote: o.prize
        ? {
            votesFor: o.prizeVotesFor ?? 0,
            votesAgainst: o.prizeVotesAgainst ?? 0,
            votesAbstain: o.prizeVotesAbstain ?? 0,
          }
        : null,
    }))
    .sort((a, b) => (a.entryCode ?? "\uffff").localeCompare(b.entryCode ?? "\uffff"));
  const locked = round._count.certificates > 0;
  return {
    round: { id: round.id, name: round.name, status: round.status, finalised },
    settings: { awardsPrizes: round.awardsPrizes, quotas: quotasOf(round) },
    settingsEditable: arePrizeSettingsEditable(round.status) && !finalised,
    canAward: finalised && round.awardsPrizes && !locked,
    locked,
    awarded: prizeCounts(entries.map((e) => e.prize)),
    entries,
  };
}

/**
 * Sets whether the round awards prizes and how many of each tier, from the draft until judging
 * ends (PRIZE_SETTINGS_STATUSES). Turning prizes off keeps the quotas typed (they are simply not
 * offered). Audited as round.prizes.
 */
export async function updatePrizeSettings(auth: Actor, roundId: string, input: PrizeSettings, meta: RequestMeta) {
  const round = await managedRound(auth, roundId);
  const problem = prizeSettingsProblems(input)[0];
  if (problem) throw new DomainError(400, problem.messageKey, undefined, problem.field);
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.round.updateMany({
      where: { id: roundId, status: { in: [...PRIZE_SETTINGS_STATUSES] }, resultsFinalisedAt: null },
      data: { awardsPrizes: input.awardsPrizes, ...quotaColumns(input.quotas) },
    });
    if (count !== 1) throw new DomainError(409, "prizes.settings.error.locked");
    await audit(tx, {
      actorId: auth.user.id,
      action: "round.prizes",
      entityType: "Round",
      entityId: roundId,
      before: { awardsPrizes: round.awardsPrizes, quotas: quotasOf(round) },
      after: { awardsPrizes: input.awardsPrizes, quotas: input.quotas },
      meta,
    });
    return { awardsPrizes: input.awardsPrizes, quotas: input.quotas };
  });
}

export interface PrizeAward extends PrizeVote {
  entryId: string;
  /** null: the entry gets no prize (a prize recorded earlier is removed, with its vote). */
  prize: PrizeTierName | null;
}

/**
 * Records the council's prize for a recognised entry with its vote (for, against, abstaining:
 * no more than the members present at the recognition vote, more than half of them for), or
 * removes it. Only once the results are final, in a round that awards prizes, before any
 * certificate is issued (a certificate carries its prize). The tier's quota is checked inside
 * the transaction, after the round row is taken. Audited as prize.award or prize.clear; a
 * generated decision is then rendered again so it prints the prizes as they are.
 */
export async function recordPrize(auth: Actor, roundId: string, input: PrizeAward, meta: RequestMeta) {
  await managedRound(auth, roundId);
  const result = await prisma.$transaction(async (tx) => {
    const now = new Date();
    // Takes the row (and its write lock) only in the state that allows prizes.
    const { count } = await tx.round.updateMany({
      where: { id: roundId, resultsFinalisedAt: { not: null }, awardsPrizes: true, certificates: { none: {} } },
      data: { updatedAt: now },
    });
    const round = await managedRound(auth, roundId, tx);
    if (count !== 1) {
      if (!round.resultsFinalisedAt)
        throw new DomainError(409, "certificates.error.notFinalised", { round: round.name });
      if (!round.awardsPrizes) throw new DomainError(409, "prizes.error.notAwarding");
      throw new DomainError(409, "prizes.error.locked");
    }
    const outcome = await tx.entryOutcome.findFirst({
      where: { entryId: input.entryId, roundId },
      select: {
        recognised: true,
        membersPresent: true,
        prize: true,
        prizeVotesFor: true,
        prizeVotesAgainst: true,
        prizeVotesAbstain: true,
        entry: { select: { entryCode: true } },
      },
    });
    if (!outcome) throw new DomainError(404, "error.404");
    if (outcome.recognised !== true) throw new DomainError(409, "prizes.error.notRecognised");
    const code = outcome.entry.entryCode ?? input.entryId;
    const before = outcome.prize
      ? {
          prize: outcome.prize,
          votesFor: outcome.prizeVotesFor,
          votesAgainst: outcome.prizeVotesAgainst,
          votesAbstain: outcome.prizeVotesAbstain,
        }
      : null;

    if (input.prize === null) {
      if (!outcome.prize) return { code, prize: null, changed: false };
      await tx.entryOutcome.update({
        where: { entryId: input.entryId },
        data: {
          prize: null,
          prizeVotesFor: null,
          prizeVotesAgainst: null,
          prizeVotesAbstain: null,
          prizeVotedAt: now,
          prizeVotedById: auth.user.id,
        },
      });
      await audit(tx, {
        actorId: auth.user.id,
        action: "prize.clear",
        entityType: "Entry",
        entityId: input.entryId,
        before,
        after: { code, prize: null, roundId },
        meta,
      });
      return { code, prize: null, changed: true };
    }

    const tier = input.prize;
    const quotas = quotasOf(round);
    const tierName = vi(prizeLabelKey(tier));
    if (quotas[tier] === 0) throw new DomainError(400, "prizes.error.tierNotOffered", { tier: tierName }, "prize");
    const vote = { votesFor: input.votesFor, votesAgainst: input.votesAgainst, votesAbstain: input.votesAbstain };
    const problem = prizeVoteProblems(vote, outcome.membersPresent ?? 0)[0];
    if (problem) throw new DomainError(400, problem.messageKey, undefined, problem.field);
    const others = await tx.entryOutcome.findMany({
      where: { roundId, prize: { not: null }, entryId: { not: input.entryId } },
      select: { prize: true },
    });
    if (!fitsQuota(tier, quotas, prizeCounts(others.map((o) => o.prize)))) {
      throw new DomainError(409, "prizes.error.quotaFull", { quota: quotas[tier], tier: tierName }, "prize");
    }
    await tx.entryOutcome.update({
      where: { entryId: input.entryId },
      data: {
        prize: tier,
        prizeVotesFor: vote.votesFor,
        prizeVotesAgainst: vote.votesAgainst,
        prizeVotesAbstain: vote.votesAbstain,
        prizeVotedAt: now,
        prizeVotedById: auth.user.id,
      },
    });
    await audit(tx, {
      actorId: auth.user.id,
      action: "prize.award",
      entityType: "Entry",
      entityId: input.entryId,
      before,
      after: { code, prize: tier, ...vote, membersPresent: outcome.membersPresent, roundId },
      meta,
    });
    return { code, prize: tier, changed: true };
  });
  if (result.changed) await refreshGeneratedDecision(auth, roundId, meta, "regenerated after a prize changed");
  return result;
}
