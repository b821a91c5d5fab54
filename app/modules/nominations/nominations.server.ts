// Advancement up the tiers (liên thông, issue #5). From a finalised provincial round the
// province's organiser nominates recognised products into an open regional round that lists the
// province among its members (within the quota the call letter gives the province); from a finalised
// regional round the regional organiser nominates into the open national round. A nomination is
// an Entry of the higher round, SUBMITTED and waiting for that tier's screening, carrying the
// certificate it came with (nominatedFromId) and the lower tier's frozen dossier — the same
// files, never re-uploaded — plus the certificate and decision, in its version 1 snapshot.
// Which certificate may go where is the pure rule in ./rules.ts; this file loads, re-checks
// inside one transaction, writes, audits and mails.
import crypto from "node:crypto";
import type { Prisma } from "~/generated/sqlite/client.ts";
import type { LevelName } from "~/modules/access/permissions";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import type { Auth } from "~/modules/auth/auth.server";
import { bareName } from "~/modules/certificates/certificates.server";
import { certificateStatus, type CertificateStatus } from "~/modules/certificates/validity";
import { certificateFactsSelect } from "~/modules/certificates/select";
import { queueMails, type MailInput } from "~/modules/mail/outbox.server";
import { LEVEL_RULES, nextLevel } from "~/modules/rounds/round-levels";
import { managedRoundsWhere } from "~/modules/access/round-scope";
import { formatDate } from "~/utils/dates";
import { isUniqueViolation } from "~/utils/db-errors";
import { prisma, type Tx } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { DomainError } from "~/utils/errors";
import { getT, isLocale, translate, type Locale, type MessageKey, type TranslateParams } from "~/utils/i18n";
import { sheetName, type Sheet, type Table } from "~/utils/spreadsheet.server";
import { batchFitsQuota, nominationProblems, type NominationProblem } from "./rules";

// ───────────── what is loaded ─────────────

const sourceRoundSelect = {
  id: true,
  name: true,
  level: true,
  year: true,
  status: true,
  resultsFinalisedAt: true,
  province: {
    select: {
      id: true,
      name: true,
      regionId: true,
      region: { select: { nameVi: true } },
      successor: { select: { id: true } },
    },
  },
  region: { select: { id: true, nameVi: true } },
} satisfies Prisma.RoundSelect;

type SourceRound = Prisma.RoundGetPayload<{ select: typeof sourceRoundSelect }>;

const targetRoundSelect = {
  id: true,
  name: true,
  level: true,
  year: true,
  status: true,
  entriesOpenAt: true,
  entriesCloseAt: true,
  groups: true,
  regionId: true,
  region: { select: { nameVi: true } },
  quotas: { select: { provinceId: true, quota: true } },
  members: { select: { provinceId: true } },
} satisfies Prisma.RoundSelect;

type TargetRound = Prisma.RoundGetPayload<{ select: typeof targetRoundSelect }>;

const provinceSelect = { id: true, name: true, kind: true } satisfies Prisma.ProvinceSelect;

const certificateSelect = {
  ...certificateFactsSelect,
  productId: true,
  establishmentId: true,
  revokedReason: true,
  provinceId: true,
  regionId: true,
  entryId: true,
  province: { select: { ...provinceSelect, successor: { select: provinceSelect } } },
  region: { select: { nameVi: true } },
  decision: { select: { number: true, signedAt: true, authority: true, signerName: true, signerTitle: true } },
  entry: { select: { entryCode: true, group: true, commune: true, searchText: true, version: true } },
  establishment: { select: { owner: { select: { email: true, name: true, locale: true } } } },
  nominations: {
    select: {
      id: true,
      roundId: true,
      status: true,
      entryCode: true,
      receiptNumber: true,
      createdAt: true,
      round: { select: { id: true, name: true, level: true, year: true } },
      registeredBy: { select: { name: true } },
    },
    orderBy: { createdAt: "asc" },
  },
} satisfies Prisma.CertificateSelect;

type CertificateRow = Prisma.CertificateGetPayload<{ select: typeof certificateSelect }>;
type ProvinceRef = { id: string; name: string; kind: string };

/** Statuses at the higher tier that still hold the certificate's nomination (and a quota place). */
const LIVE_NOMINATION = (status: string) => status !== "WITHDRAWN" && status !== "REJECTED";

/**
 * The province whose quota a certificate counts against: the province at issue, or the current
 * province that absorbed it (a 2024 Bắc Giang certificate counts for Bắc Ninh after the merger).
 */
const quotaProvinceOf = (c: CertificateRow): ProvinceRef | null => c.province?.successor ?? c.province ?? null;

/** The source round, if the caller organises it: 403 when it exists elsewhere, 404 when not. */
async function loadSourceRound(db: Tx, auth: Pick<Auth, "roles">, roundId: string): Promise<SourceRound> {
  const round = await db.round.findFirst({
    where: { AND: [{ id: roundId }, managedRoundsWhere(auth.roles)] },
    select: sourceRoundSelect,
  });
  if (!round) {
    const exists = await db.round.count({ where: { id: roundId } });
    throw new DomainError(exists ? 403 : 404, exists ? "error.403" : "error.404");
  }
  if (round.level !== "PROVINCE" && round.level !== "REGION")
    throw new DomainError(400, "nominations.error.noNextLevel");
  if (!round.resultsFinalisedAt) throw new DomainError(409, "nominations.error.notFinalised");
  return round;
}

/**
 * The rounds this round's winners may go to now: open rounds of the next tier. A provincial
 * round's go to the regional rounds whose own member list (decision 025) holds the province, or
 * the current province that absorbed it (a 2024 Bắc Giang round nominates for Bắc Ninh).
 */
function validTargetsWhere(source: SourceRound, now: Date): Prisma.RoundWhereInput {
  const level = nextLevel(source.level as LevelName);
  if (!level) return { id: { in: [] } };
  const base: Prisma.RoundWhereInput = { level, status: "OPEN", entriesCloseAt: { gte: now } };
  if (level !== "REGION") return base;
  const provinceId = source.province ? (source.province.successor?.id ?? source.province.id) : null;
  return provinceId ? { ...base, members: { some: { provinceId } } } : { id: { in: [] } };
}

interface EvaluationContext {
  source: SourceRound;
  now: Date;
  /** Live nominations per `${targetRoundId}:${quotaProvinceId}` (withdrawn ones excluded). */
  used: Map<string, number>;
  /** `${targetRoundId}:${productId}` of products already entered in a target round, and which round. */
  taken: Set<string>;
  /** Names of the quota provinces, for messages. */
  provinces: Map<string, ProvinceRef>;
}

const key = (a: string, b: string) => `${a}:${b}`;

/** Everything nominationProblems needs about these certificates and targets, in three queries. */
async function evaluationContext(
  db: Tx,
  source: SourceRound,
  targets: TargetRound[],
  certs: CertificateRow[],
  now: Date,
): Promise<EvaluationContext> {
  const targetIds = targets.map((t) => t.id);
  // Sequential on purpose: inside a transaction the queries share one connection.
  const live = targetIds.length
    ? await db.entry.findMany({
        where: { roundId: { in: targetIds }, nominatedFromId: { not: null }, status: { not: "WITHDRAWN" } },
        select: {
          roundId: true,
          nominatedFrom: { select: { provinceId: true, province: { select: { successorId: true } } } },
        },
      })
    : [];
  const taken =
    targetIds.length && certs.length
      ? await db.entry.findMany({
          where: { roundId: { in: targetIds }, productId: { in: certs.map((c) => c.productId) } },
          select: { roundId: true, productId: true },
        })
      : [];
  const used = new Map<string, number>();
  for (const e of live) {
    const pid = e.nominatedFrom?.province?.successorId ?? e.nominatedFrom?.provinceId;
    if (pid) used.set(key(e.roundId, pid), (used.get(key(e.roundId, pid)) ?? 0) + 1);
  }
  const provinces = new Map<string, ProvinceRef>();
  for (const c of certs) {
    const p = quotaProvinceOf(c);
    if (p) provinces.set(p.id, p);
  }
  return { source, now, used, taken: new Set(taken.map((t) => key(t.roundId, t.productId))), provinces };
}

const quotaOf = (target: TargetRound, provinceId: string | undefined) =>
  provinceId ? (target.quotas.find((q) => q.provinceId === provinceId)?.quota ?? null) : null;

/** Where the certificate's product already is at the target's tier, if anywhere. */
function alreadyIn(c: CertificateRow, target: TargetRound, ctx: EvaluationContext): string | null {
  if (ctx.taken.has(key(target.id, c.productId))) return target.name;
  return c.nominations.find((n) => n.round.level === target.level && LIVE_NOMINATION(n.status))?.round.name ?? null;
}

function problemsFor(c: CertificateRow, target: TargetRound, ctx: EvaluationContext): NominationProblem[] {
  const qp = quotaProvinceOf(c)?.id;
  return nominationProblems({
    certificate: {
      level: c.level as LevelName,
      provinceId: qp ?? null,
      regionId: c.regionId,
      validUntil: c.validUntil,
      revokedAt: c.revokedAt,
      group: c.productGroup,
    },
    target: {
      level: target.level as LevelName,
      regionId: target.regionId,
      members: target.members.map((m) => m.provinceId),
      status: target.status,
      entriesCloseAt: target.entriesCloseAt,
      groups: target.groups,
    },
    quota: quotaOf(target, qp),
    used: qp ? (ctx.used.get(key(target.id, qp)) ?? 0) : 0,
    alreadyNominated: alreadyIn(c, target, ctx) !== null,
    now: ctx.now,
  });
}

export interface NominationRefusal {
  problem: NominationProblem | "noDossier" | "overQuotaBatch";
  certificateIds: string[];
  messageKey: MessageKey;
  params: TranslateParams;
}

const kindKey = (p: ProvinceRef) => (p.kind === "CITY" ? "CITY" : "PROVINCE");

function refusalFor(
  problem: NominationProblem | "noDossier",
  c: CertificateRow,
  target: TargetRound,
  ctx: EvaluationContext,
): NominationRefusal {
  const base = { problem, certificateIds: [c.id] };
  const serial = c.serial;
  switch (problem) {
    case "revoked":
      return { ...base, messageKey: "nominations.problem.revoked", params: { serial, date: formatDate(c.revokedAt) } };
    case "expired":
      return { ...base, messageKey: "nominations.problem.expired", params: { serial, date: formatDate(c.validUntil) } };
    case "wrongLevel":
      return { ...base, messageKey: "nominations.problem.wrongLevel", params: { serial, round: target.name } };
    case "wrongRegion":
      return {
        ...base,
        messageKey: "nominations.problem.wrongRegion",
        params: {
          serial,
          round: target.name,
          targetRegion: target.region?.nameVi ?? "—",
          province: quotaProvinceOf(c)?.name ?? "—",
        },
      };
    case "groupNotInRound":
      return {
        ...base,
        messageKey: "nominations.problem.groupNotInRound",
        params: { serial, round: target.name, group: c.productGroup },
      };
    case "targetClosed":
      return {
        ...base,
        messageKey: "nominations.problem.targetClosed",
        params: { round: target.name, date: formatDate(target.entriesCloseAt) },
      };
    case "alreadyNominated":
      return {
        ...base,
        messageKey: "nominations.problem.alreadyNominated",
        params: { serial, round: alreadyIn(c, target, ctx) ?? target.name },
      };
    case "noDossier":
      return { ...base, messageKey: "nominations.problem.noDossier", params: { serial } };
    case "overQuota": {
      const p = quotaProvinceOf(c)!;
      return {
        ...base,
        messageKey: `nominations.problem.overQuota.${kindKey(p)}`,
        params: { province: bareName(p), quota: quotaOf(target, p.id) ?? 0, round: target.name },
      };
    }
  }
}

// ───────────── the nominations page ─────────────

export interface NominationOption {
  targetId: string;
  problems: NominationProblem[];
  reasons: Array<{ messageKey: MessageKey; params: TranslateParams }>;
}

/**
 * A finalised round's certificates and where each may go: the open rounds of the next tier (of
 * the province's region), the province's quota and places used there, and per certificate and
 * target the problems, if any. Also what has been nominated already, where and by whom.
 */
export async function nominationCandidates(auth: Auth, roundId: string, now: Date = new Date()) {
  const source = await loadSourceRound(prisma, auth, roundId);
  const level = nextLevel(source.level as LevelName)!;
  const [targets, certificates] = await Promise.all([
    prisma.round.findMany({
      where: validTargetsWhere(source, now),
      select: targetRoundSelect,
      orderBy: [{ entriesCloseAt: "asc" }, { name: "asc" }],
    }),
    prisma.certificate.findMany({
      where: { roundId: source.id },
      select: certificateSelect,
      orderBy: { serial: "asc" },
    }),
  ]);
  const ctx = await evaluationContext(prisma, source, targets, certificates, now);

  // Quota lines: the provinces this round's certificates count for (for a provincial round, the
  // province itself even before any certificate is issued).
  const quotaProvinces = new Map(ctx.provinces);
  if (source.level === "PROVINCE" && source.province && quotaProvinces.size === 0) {
    const p = await prisma.province.findUnique({
      where: { id: source.province.id },
      select: { ...provinceSelect, successor: { select: provinceSelect } },
    });
    if (p) quotaProvinces.set((p.successor ?? p).id, p.successor ?? p);
  }

  return {
    round: {
      id: source.id,
      name: source.name,
      level: source.level,
      year: source.year,
      resultsFinalisedAt: source.resultsFinalisedAt,
    },
    nextLevel: level,
    targets: targets.map((t) => ({
      id: t.id,
      name: t.name,
      level: t.level,
      year: t.year,
      entriesCloseAt: t.entriesCloseAt,
      region: t.region?.nameVi ?? null,
      quotas: [...quotaProvinces.values()]
        .sort((a, b) => a.name.localeCompare(b.name, "vi"))
        .map((p) => {
          const quota = quotaOf(t, p.id);
          const used = ctx.used.get(key(t.id, p.id)) ?? 0;
          return {
            provinceId: p.id,
            province: p.name,
            quota,
            used,
            left: quota === null ? null : Math.max(0, quota - used),
          };
        }),
    })),
    certificates: certificates.map((c) => ({
      id: c.id,
      serial: c.serial,
      productName: c.productName,
      productGroup: c.productGroup,
      establishmentName: c.establishmentName,
      establishmentAddress: c.establishmentAddress,
      entryCode: c.entry.entryCode,
      jurisdiction: c.jurisdiction,
      year: c.year,
      issuedAt: c.issuedAt,
      validUntil: c.validUntil,
      revokedAt: c.revokedAt,
      status: certificateStatus(c, now),
      decision: { number: c.decision.number, signedAt: c.decision.signedAt },
      options: targets.map((t): NominationOption => {
        const problems = problemsFor(c, t, ctx);
        return {
          targetId: t.id,
          problems,
          reasons: problems
            .map((p) => refusalFor(p, c, t, ctx))
            .map(({ messageKey, params }) => ({ messageKey, params })),
        };
      }),
    })),
    nominated: certificates
      .flatMap((c) =>
        c.nominations.map((n) => ({
          entryId: n.id,
          certificateId: c.id,
          serial: c.serial,
          productName: c.productName,
          round: n.round,
          status: n.status,
          entryCode: n.entryCode,
          nominatedAt: n.createdAt,
          by: n.registeredBy?.name ?? null,
        })),
      )
      .sort((a, b) => b.nominatedAt.getTime() - a.nominatedAt.getTime()),
  };
}

// ───────────── nominating ─────────────

/** A refused nomination list: nothing was written; `refusals` says which and why. */
export class NominationRefusedError extends DomainError {
  constructor(public readonly refusals: NominationRefusal[]) {
    const only = refusals.length === 1 ? refusals[0] : null;
    const inputOnly = refusals.every(
      (r) => r.problem === "wrongLevel" || r.problem === "wrongRegion" || r.problem === "groupNotInRound",
    );
    super(
      inputOnly ? 400 : 409,
      only ? only.messageKey : "nominations.refused",
      only ? only.params : undefined,
      "certificateIds",
    );
    this.name = "NominationRefusedError";
  }
}

function receiptNumber(year: number) {
  return `TB${year}-${crypto.randomBytes(4).toString("hex").toUpperCase()}`;
}

/** The latest frozen dossier of each source entry (one query). */
async function latestSnapshots(db: Tx, entryIds: string[]) {
  const versions = await db.entryVersion.findMany({
    where: { entryId: { in: entryIds } },
    select: { entryId: true, version: true, snapshot: true },
    orderBy: { version: "desc" },
  });
  const latest = new Map<string, Prisma.JsonValue>();
  for (const v of versions) if (!latest.has(v.entryId)) latest.set(v.entryId, v.snapshot);
  return latest;
}

export interface NominationResult {
  target: { id: string; name: string; level: string };
  entries: Array<{ id: string; certificateId: string; serial: string; receiptNumber: string }>;
}

/**
 * Nominates the certificates of a finalised round into a round of the next tier. Everything is
 * re-checked inside the transaction (validity, tier, region, open round, not yet nominated, the
 * province's quota counting the ones being added); any problem refuses the whole list and writes
 * nothing. Each nomination becomes a SUBMITTED entry of the target round with version 1 = the
 * source entry's frozen dossier (same file ids) plus the certificate, decision and source round.
 */
export async function nominate(
  auth: Auth,
  sourceRoundId: string,
  targetRoundId: string,
  certificateIds: string[],
  meta: RequestMeta,
): Promise<NominationResult> {
  const ids = [...new Set(certificateIds)];
  if (!ids.length) throw new DomainError(400, "nominations.error.noneSelected", undefined, "certificateIds");
  try {
    return await prisma.$transaction(async (tx) => {
      const source = await loadSourceRound(tx, auth, sourceRoundId);
      return nominateWithin(tx, auth.user.id, source.id, targetRoundId, ids, meta);
    });
  } catch (error) {
    // Two lists racing for the same product: the (round, product) unique key lets one through.
    if (isUniqueViolation(error)) throw new DomainError(409, "nominations.error.changedMeanwhile");
    throw error;
  }
}

/**
 * The checks and writes of a nomination inside the caller's transaction, for a source round the
 * caller has already authorised: `nominate` above, and a package received from another
 * installation (modules/exchange), whose certificates are first mirrored into a local archived
 * round. `actorId` is recorded as who registered the nominations.
 */
export async function nominateWithin(
  tx: Tx,
  actorId: string,
  sourceRoundId: string,
  targetRoundId: string,
  ids: string[],
  meta: RequestMeta,
  now: Date = new Date(),
): Promise<NominationResult> {
  const source = await tx.round.findUniqueOrThrow({ where: { id: sourceRoundId }, select: sourceRoundSelect });
  const target = await tx.round.findUnique({ where: { id: targetRoundId }, select: targetRoundSelect });
  if (!target || target.id === source.id)
    throw new DomainError(400, "nominations.error.targetNotFound", undefined, "targetRoundId");
  const certs = await tx.certificate.findMany({
    where: { id: { in: ids }, roundId: source.id },
    select: certificateSelect,
    orderBy: { serial: "asc" },
  });
  if (certs.length !== ids.length)
    throw new DomainError(400, "nominations.error.notInRound", undefined, "certificateIds");

  // Two organisers nominating at once must not overrun a quota: touching the quota rows first
  // takes their row locks (PostgreSQL), so the count below sees the other's committed rows.
  const quotaProvinceIds = [
    ...new Set(certs.map((c) => quotaProvinceOf(c)?.id).filter((id): id is string => !!id)),
  ].sort();
  if (quotaProvinceIds.length) {
    await tx.roundQuota.updateMany({
      where: { roundId: target.id, provinceId: { in: quotaProvinceIds } },
      data: { quota: { increment: 0 } },
    });
  }
  const ctx = await evaluationContext(tx, source, [target], certs, now);
  const snapshots = await latestSnapshots(
    tx,
    certs.map((c) => c.entryId),
  );

  const refusals: NominationRefusal[] = [];
  const byProvince = new Map<string, CertificateRow[]>();
  for (const c of certs) {
    const problems: Array<NominationProblem | "noDossier"> = problemsFor(c, target, ctx).filter(
      (p) => p !== "overQuota",
    );
    if (!snapshots.has(c.entryId)) problems.push("noDossier");
    refusals.push(...problems.map((p) => refusalFor(p, c, target, ctx)));
    const qp = quotaProvinceOf(c);
    if (!problems.length && qp) byProvince.set(qp.id, [...(byProvince.get(qp.id) ?? []), c]);
  }
  // The quota is checked on the whole list: 3 nominations with 2 places left are refused together.
  for (const [provinceId, group] of byProvince) {
    const quota = quotaOf(target, provinceId);
    const { fits, left } = batchFitsQuota(quota, ctx.used.get(key(target.id, provinceId)) ?? 0, group.length);
    if (fits) continue;
    const p = ctx.provinces.get(provinceId)!;
    refusals.push(
      group.length === 1 && group[0]
        ? refusalFor("overQuota", group[0], target, ctx)
        : {
            problem: "overQuotaBatch",
            certificateIds: group.map((c) => c.id),
            messageKey: `nominations.problem.overQuotaBatch.${kindKey(p)}` as MessageKey,
            params: {
              province: bareName(p),
              left: left ?? 0,
              round: target.name,
              count: group.length,
              serials: group.map((c) => c.serial).join(", "),
            },
          },
    );
  }
  if (refusals.length) throw new NominationRefusedError(refusals);

  const entries: NominationResult["entries"] = [];
  for (const c of certs) {
    const receipt = receiptNumber(target.year);
    const entry = await tx.entry.create({
      data: {
        roundId: target.id,
        productId: c.productId,
        establishmentId: c.establishmentId,
        group: c.entry.group,
        status: "SUBMITTED",
        submittedAt: now,
        version: 1,
        receiptNumber: receipt,
        nominatedFromId: c.id,
        commune: c.entry.commune,
        searchText: c.entry.searchText,
        registeredById: actorId,
      },
      select: { id: true },
    });
    const nomination = {
      certificate: {
        id: c.id,
        serial: c.serial,
        code: c.code,
        level: c.level,
        jurisdiction: c.jurisdiction,
        year: c.year,
        issuedAt: c.issuedAt,
        validUntil: c.validUntil,
      },
      decision: {
        number: c.decision.number,
        signedAt: c.decision.signedAt,
        authority: c.decision.authority,
        signer: `${c.decision.signerTitle} ${c.decision.signerName}`.trim(),
      },
      fromRound: {
        id: source.id,
        name: source.name,
        level: source.level,
        year: source.year,
        entryCode: c.entry.entryCode,
      },
    };
    const snapshot = snapshots.get(c.entryId) as Record<string, unknown>;
    await tx.entryVersion.create({
      data: {
        entryId: entry.id,
        version: 1,
        snapshot: JSON.parse(JSON.stringify({ ...snapshot, nomination })),
        createdById: actorId,
      },
    });
    await tx.entryEvent.create({
      data: {
        entryId: entry.id,
        fromStatus: null,
        toStatus: "SUBMITTED",
        reason: translate("vi", "nominations.eventReason", fromParams(c)),
        actorId: actorId,
      },
    });
    await audit(tx, {
      actorId: actorId,
      action: "nomination.create",
      entityType: "Entry",
      entityId: entry.id,
      after: {
        sourceRoundId: source.id,
        targetRoundId: target.id,
        certificateId: c.id,
        serial: c.serial,
        productId: c.productId,
        receiptNumber: receipt,
      },
      meta,
    });
    entries.push({ id: entry.id, certificateId: c.id, serial: c.serial, receiptNumber: receipt });
  }
  const result = { target: { id: target.id, name: target.name, level: target.level }, entries };
  // In the same transaction: a nomination that rolls back announces nothing.
  await queueMails(tx, await nominationMails(tx, source, target, certs, result));
  return result;
}

/** "GCN-BN-2024-0003, cấp tỉnh Bắc Ninh 2024, QĐ 44/QĐ-UBND ngày 13/05/2024" as params. */
function fromParams(c: {
  serial: string;
  jurisdiction: string;
  year: number;
  decision: { number: string; signedAt: Date };
}): TranslateParams {
  return {
    serial: c.serial,
    jurisdiction: c.jurisdiction,
    year: c.year,
    decision: c.decision.number,
    date: formatDate(c.decision.signedAt),
  };
}

/** The target round's organisers get one summary, each producer a notice. */
async function nominationMails(
  tx: Tx,
  source: SourceRound,
  target: TargetRound,
  certs: CertificateRow[],
  result: NominationResult,
): Promise<MailInput[]> {
  const appUrl = getEnv().appUrl;
  const organisers = await tx.user.findMany({
    where: {
      disabledAt: null,
      roles: {
        some: {
          role: "ORGANISER",
          level: target.level,
          ...(target.level === "REGION" ? { regionId: target.regionId } : {}),
        },
      },
    },
    select: { email: true, name: true, locale: true },
  });
  const from = source.province ? source.province.name : (source.region?.nameVi ?? source.name);
  const list = certs.map((c) => `- ${c.serial}: ${c.productName} (${c.establishmentName})`).join("\n");
  const mails: MailInput[] = [];
  for (const o of organisers) {
    const locale = localeOf(o.locale);
    const t = getT(locale);
    const params = {
      name: o.name,
      from,
      count: certs.length,
      round: target.name,
      list,
      url: `${appUrl}/admin/rounds/${target.id}/entries?status=SUBMITTED`,
    };
    mails.push({
      to: o.email,
      subject: t("nominations.mail.organiser.subject", params),
      text: t("nominations.mail.organiser.body", params),
      locale,
    });
  }
  for (const c of certs) {
    const owner = c.establishment.owner;
    const entry = result.entries.find((e) => e.certificateId === c.id);
    const locale = localeOf(owner.locale);
    const t = getT(locale);
    const params = {
      name: owner.name,
      product: c.productName,
      serial: c.serial,
      round: target.name,
      url: `${appUrl}/producer/entries/${entry?.id ?? ""}`,
    };
    mails.push({
      to: owner.email,
      subject: t("nominations.mail.producer.subject", params),
      text: t("nominations.mail.producer.body", params),
      locale,
    });
  }
  return mails;
}

const localeOf = (value: string): Locale => (isLocale(value) ? value : "vi");

// ───────────── the nomination list (danh sách trích ngang) ─────────────

/**
 * The nominations sent from a round (to one target round, or all), for the list the province
 * sends with them: per product its code in the source round, names and address as on the
 * certificate, the certificate's serial and date, and the recognition decision.
 */
export async function nominationList(auth: Pick<Auth, "roles">, sourceRoundId: string, targetRoundId?: string) {
  const source = await loadSourceRound(prisma, auth, sourceRoundId);
  const target = targetRoundId
    ? await prisma.round.findUnique({ where: { id: targetRoundId }, select: { id: true, name: true, year: true } })
    : null;
  if (targetRoundId && !target) throw new DomainError(404, "nominations.error.targetNotFound");
  const rows = await prisma.entry.findMany({
    where: {
      nominatedFrom: { roundId: source.id },
      status: { not: "WITHDRAWN" },
      ...(target ? { roundId: target.id } : {}),
    },
    select: {
      id: true,
      group: true,
      round: { select: { name: true } },
      nominatedFrom: {
        select: {
          serial: true,
          productName: true,
          productGroup: true,
          establishmentName: true,
          establishmentAddress: true,
          issuedAt: true,
          entry: { select: { entryCode: true } },
          decision: { select: { number: true, signedAt: true } },
        },
      },
    },
    orderBy: [{ roundId: "asc" }, { group: "asc" }, { createdAt: "asc" }],
  });
  return {
    round: { id: source.id, name: source.name, year: source.year },
    target,
    rows: rows
      .filter((r) => r.nominatedFrom)
      .map((r) => ({ ...r.nominatedFrom!, group: r.group, targetRound: r.round.name }))
      .sort(
        (a, b) =>
          a.group.localeCompare(b.group) ||
          (a.entry.entryCode ?? a.serial).localeCompare(b.entry.entryCode ?? b.serial),
      ),
  };
}

const LIST_COLUMNS: Array<[MessageKey, number]> = [
  ["nominations.export.col.no", 6],
  ["nominations.export.col.code", 16],
  ["nominations.export.col.product", 36],
  ["nominations.export.col.group", 8],
  ["nominations.export.col.establishment", 36],
  ["nominations.export.col.address", 44],
  ["nominations.export.col.serial", 20],
  ["nominations.export.col.issuedAt", 12],
  ["nominations.export.col.decision", 30],
];

export function nominationListTable(list: Awaited<ReturnType<typeof nominationList>>, locale: Locale): Table {
  const t = getT(locale);
  return {
    header: LIST_COLUMNS.map(([k]) => t(k)),
    rows: list.rows.map((r, i) => [
      i + 1,
      r.entry.entryCode ?? "",
      r.productName,
      r.productGroup,
      r.establishmentName,
      r.establishmentAddress,
      r.serial,
      r.issuedAt,
      t("nominations.export.decision", { number: r.decision.number, date: formatDate(r.decision.signedAt) }),
    ]),
  };
}

/** The list as the workbook's one sheet, named after the target round (or the source round). */
export function nominationListSheet(table: Table, title: string): Sheet {
  return {
    name: sheetName(title, "DS"),
    widths: LIST_COLUMNS.map(([, width]) => width),
    header: table.header,
    rows: table.rows,
  };
}

// ───────────── a product's history across tiers ─────────────

export interface ProductHistoryRow {
  entryId: string;
  round: { id: string; name: string; level: string; year: number };
  status: string;
  entryCode: string | null;
  nominatedFrom: { serial: string; level: string } | null;
  result: { recognised: boolean | null; passed: boolean | null; score: number | null; rank: number | null } | null;
  certificate: {
    serial: string;
    code: string;
    level: string;
    jurisdiction: string;
    issuedAt: Date;
    validUntil: Date;
    status: CertificateStatus;
  } | null;
}

/** Oldest year first; within a year the lower tier first (province before region before nation). */
export function orderHistory<T extends { round: { level: string; year: number } }>(rows: T[]): T[] {
  const rank = (l: string) => LEVEL_RULES[l as LevelName]?.rank ?? 99;
  return [...rows].sort((a, b) => a.round.year - b.round.year || rank(a.round.level) - rank(b.round.level));
}

const PUBLIC_ROUND_STATUSES: Array<"PUBLISHED" | "ARCHIVED"> = ["PUBLISHED", "ARCHIVED"];

/**
 * A product's entries across rounds and tiers, for the product page and the producer: round,
 * status, the final result once finalised, and the certificate with its status now. For the
 * public (`publicOnly`), only entries that were accepted and either led to a certificate or sit
 * in a round whose results are published; scores only from published rounds.
 */
export async function productHistory(
  productId: string,
  opts: { publicOnly?: boolean; now?: Date } = {},
  db: Tx = prisma,
): Promise<ProductHistoryRow[]> {
  const now = opts.now ?? new Date();
  const entries = await db.entry.findMany({
    where: opts.publicOnly
      ? {
          productId,
          status: "ACCEPTED",
          OR: [{ certificate: { isNot: null } }, { round: { status: { in: PUBLIC_ROUND_STATUSES } } }],
        }
      : { productId, status: { not: "DRAFT" } },
    select: {
      id: true,
      status: true,
      entryCode: true,
      round: { select: { id: true, name: true, level: true, year: true, status: true, resultsFinalisedAt: true } },
      outcome: { select: { recognised: true, finalPassed: true, finalScore: true, finalRank: true } },
      certificate: {
        select: {
          serial: true,
          code: true,
          level: true,
          jurisdiction: true,
          issuedAt: true,
          validUntil: true,
          revokedAt: true,
        },
      },
      nominatedFrom: { select: { serial: true, level: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  return orderHistory(
    entries.map((e) => {
      const published = (PUBLIC_ROUND_STATUSES as string[]).includes(e.round.status);
      const showScore = !opts.publicOnly || published;
      return {
        entryId: e.id,
        round: { id: e.round.id, name: e.round.name, level: e.round.level, year: e.round.year },
        status: e.status,
        entryCode: e.entryCode,
        nominatedFrom: e.nominatedFrom,
        result:
          e.round.resultsFinalisedAt && e.outcome
            ? {
                recognised: e.outcome.recognised,
                passed: e.outcome.finalPassed,
                score: showScore ? e.outcome.finalScore : null,
                rank: showScore ? e.outcome.finalRank : null,
              }
            : null,
        certificate: e.certificate
          ? {
              serial: e.certificate.serial,
              code: e.certificate.code,
              level: e.certificate.level,
              jurisdiction: e.certificate.jurisdiction,
              issuedAt: e.certificate.issuedAt,
              validUntil: e.certificate.validUntil,
              status: certificateStatus(e.certificate, now),
            }
          : null,
      };
    }),
  );
}
