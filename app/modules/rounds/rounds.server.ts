// Rounds (đợt bình chọn): creation, settings, the status machine and the lists that organisers
// and producers see. transitionRound() is the ONLY place a round's status changes: it checks the
// organiser's jurisdiction and the state machine (round-state.ts), writes with an optimistic
// guard and appends the audit entry in one transaction. Jurisdiction is always part of the
// query's where clause, so a round outside it looks exactly like one that does not exist.
import type { Prisma } from "~/generated/sqlite/client.ts";
import {
  canManageRounds,
  canManageRoundsIn,
  isValidScope,
  roundManagerScopes,
  type LevelName,
  type Scope,
} from "~/modules/access/permissions";
import { managedRoundsWhere } from "~/modules/access/round-scope";
import { paging } from "~/utils/paging";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import type { Auth } from "~/modules/auth/auth.server";
import { listCurrentProvinces, listRegions } from "~/modules/geo/admin-units.server";
import { prisma, type Tx } from "~/utils/db.server";
import { DomainError, forbidden, notFound } from "~/utils/errors";
import type { MessageKey } from "~/utils/i18n";
import {
  DEFAULT_PASS_LINE,
  DEFAULT_ROUND_DOCUMENTS,
  createDocuments,
  documentList,
  normaliseDocuments,
  replaceDocuments,
  isValidPassLine,
  jurisdictionValue,
} from "./round-fields";
import { createGroups, groupList, isProductGroup, normaliseGroups, replaceGroups } from "./groups";
import { ensureDefaultRubric } from "~/modules/judging/default-rubric.server";
import { DIRECT_ENTRY_LEVELS, hasProvinceQuotas, LEVEL_RULES, ROUND_LEVELS } from "./round-levels";
import {
  acceptsEntries,
  checkTransition,
  isRoundEditable,
  roundScopeOf,
  roundTimelineProblems,
  type RoundStatusName,
} from "./round-state";

// ───────────── inputs ─────────────

/** The settings of a round that can be edited while it is DRAFT or OPEN. */
export interface RoundSettingsInput {
  name: string;
  groups: readonly string[];
  entriesOpenAt: Date;
  entriesCloseAt: Date;
  judgingStartAt?: Date | null;
  resultsAt?: Date | null;
  /** Default 70; 0–100 in steps of 0.5. */
  passLine?: number;
  /** FileKind values; PHOTO and BUSINESS_REGISTRATION are always added. A new round without it: DEFAULT_ROUND_DOCUMENTS. */
  requiredDocuments?: readonly string[];
  description?: string | null;
  /** provinceId → nomination quota (≥ 0), for regional and national rounds only. */
  quotas?: Record<string, number>;
}

export interface CreateRoundInput extends RoundSettingsInput {
  level: LevelName;
  provinceId?: string | null;
  regionId?: string | null;
  year: number;
}

const MAX_QUOTA = 10_000;

/** Validates and normalises the editable settings; throws a 400 DomainError naming the field. */
function normaliseSettings(input: RoundSettingsInput) {
  const name = input.name?.trim() ?? "";
  if (name.length < 5) throw new DomainError(400, "rounds.name.tooShort", undefined, "name");
  if (name.length > 300) throw new DomainError(400, "rounds.name.tooLong", undefined, "name");
  const groups = normaliseGroups(input.groups ?? []);
  if (!groups.length || (input.groups ?? []).some((g) => !isProductGroup(g))) {
    throw new DomainError(400, "rounds.groups.required", undefined, "groups");
  }
  const timeline = {
    entriesOpenAt: input.entriesOpenAt,
    entriesCloseAt: input.entriesCloseAt,
    judgingStartAt: input.judgingStartAt ?? null,
    resultsAt: input.resultsAt ?? null,
  };
  const problem = roundTimelineProblems(timeline)[0];
  if (problem) throw new DomainError(400, problem.messageKey, undefined, problem.field);
  const passLine = input.passLine ?? DEFAULT_PASS_LINE;
  if (!isValidPassLine(passLine)) throw new DomainError(400, "rounds.passLine.invalid", undefined, "passLine");
  const description = input.description?.trim() || null;
  if (description && description.length > 5000)
    throw new DomainError(400, "rounds.description.tooLong", undefined, "description");
  return {
    name,
    groups,
    ...timeline,
    passLine,
    requiredDocuments: normaliseDocuments(input.requiredDocuments ?? []),
    description,
  };
}

function checkYear(year: number) {
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new DomainError(400, "rounds.year.invalid", undefined, "year");
}

/**
 * Provinces that may carry a nomination quota in a round of this scope (current provinces only).
 * A regional round's are its own member provinces (RoundMember, decision 025); while a round is
 * being created (no `roundId` yet) they are the region's provinces on the current map, which is
 * what the new round's list is copied from.
 */
function quotaProvinceWhere(scope: Scope, roundId?: string): Prisma.ProvinceWhereInput | null {
  if (!hasProvinceQuotas(scope.level)) return null;
  if (LEVEL_RULES[scope.level].jurisdiction !== "region") return { validTo: null };
  return roundId
    ? { validTo: null, roundMemberships: { some: { roundId } } }
    : { validTo: null, regionId: scope.regionId };
}

async function checkQuotas(scope: Scope, quotas: Record<string, number> | undefined, roundId?: string) {
  const entries = Object.entries(quotas ?? {});
  if (entries.length === 0) return [];
  const where = quotaProvinceWhere(scope, roundId);
  if (!where) throw new DomainError(400, "rounds.quotas.notForLevel", undefined, "quotas");
  for (const [, quota] of entries) {
    if (!Number.isInteger(quota) || quota < 0 || quota > MAX_QUOTA)
      throw new DomainError(400, "rounds.quota.invalid", undefined, "quotas");
  }
  const ids = entries.map(([id]) => id);
  const known = await prisma.province.count({ where: { AND: [where, { id: { in: ids } }] } });
  if (known !== ids.length) throw new DomainError(400, "rounds.quotas.unknownProvince", undefined, "quotas");
  return entries
    .map(([provinceId, quota]) => ({ provinceId, quota }))
    .sort((a, b) => a.provinceId.localeCompare(b.provinceId));
}

/** The province or region of a new round exists (and a province is a current one, not merged away). */
async function checkJurisdictionExists(scope: Scope) {
  const rule = LEVEL_RULES[scope.level].jurisdiction;
  if (rule === "province") {
    const p = await prisma.province.findUnique({ where: { id: scope.provinceId! }, select: { validTo: true } });
    if (!p || p.validTo) throw new DomainError(400, "rounds.jurisdiction.unknown", undefined, "jurisdiction");
  } else if (rule === "region") {
    const r = await prisma.region.findUnique({ where: { id: scope.regionId! }, select: { id: true } });
    if (!r) throw new DomainError(400, "rounds.jurisdiction.unknown", undefined, "jurisdiction");
  }
}

// ───────────── create and edit ─────────────

export async function createRound(auth: Auth, input: CreateRoundInput, meta: RequestMeta) {
  const scope = roundScopeOf({ level: input.level, provinceId: input.provinceId, regionId: input.regionId });
  if (!LEVEL_RULES[scope.level]?.enabled || !isValidScope(scope)) {
    throw new DomainError(400, "rounds.jurisdiction.required", undefined, "jurisdiction");
  }
  if (!canManageRoundsIn(auth.roles, scope))
    throw new DomainError(403, "rounds.create.forbidden", undefined, "jurisdiction");
  checkYear(input.year);
  // Forms 01 and 02 are required items of a new round unless the organiser says otherwise (decision 028).
  const settings = normaliseSettings({
    ...input,
    requiredDocuments: input.requiredDocuments ?? DEFAULT_ROUND_DOCUMENTS,
  });
  await checkJurisdictionExists(scope);
  const quotas = await checkQuotas(scope, input.quotas);

  return prisma.$transaction(async (tx) => {
    const { requiredDocuments, ...columns } = settings;
    const round = await tx.round.create({
      data: {
        ...columns,
        groups: createGroups(settings.groups),
        documents: createDocuments(requiredDocuments),
        level: scope.level,
        provinceId: scope.provinceId ?? null,
        regionId: scope.regionId ?? null,
        year: input.year,
        status: "DRAFT",
        createdById: auth.user.id,
      },
      select: { id: true, name: true },
    });
    if (quotas.length) await tx.roundQuota.createMany({ data: quotas.map((q) => ({ roundId: round.id, ...q })) });
    const members = await copyRegionMembers(tx, round.id, scope);
    await ensureDefaultRubric(tx, round.id, auth.user.id, settings.groups);
    await audit(tx, {
      actorId: auth.user.id,
      action: "round.create",
      entityType: "Round",
      entityId: round.id,
      after: {
        ...settings,
        level: scope.level,
        provinceId: scope.provinceId,
        regionId: scope.regionId,
        year: input.year,
        status: "DRAFT",
        quotas,
        ...(members ? { members } : {}),
      },
      meta,
    });
    return round;
  });
}

const editSelect = {
  id: true,
  name: true,
  level: true,
  provinceId: true,
  regionId: true,
  status: true,
  groups: true,
  entriesOpenAt: true,
  entriesCloseAt: true,
  judgingStartAt: true,
  resultsAt: true,
  passLine: true,
  documents: { select: { kind: true } },
  description: true,
  quotas: { select: { provinceId: true, quota: true } },
} satisfies Prisma.RoundSelect;

const comparable = (v: unknown) => (v instanceof Date ? v.getTime() : JSON.stringify(v ?? null));

/**
 * Changes a round's settings while it is DRAFT or OPEN (level, jurisdiction and year are fixed
 * once created: entry codes and scopes depend on them). Audited with the changed fields only.
 */
export async function updateRound(auth: Auth, roundId: string, input: RoundSettingsInput, meta: RequestMeta) {
  const round = await prisma.round.findFirst({
    where: { AND: [{ id: roundId }, managedRoundsWhere(auth.roles)] },
    select: editSelect,
  });
  if (!round) throw notFound();
  if (!isRoundEditable(round.status)) throw new DomainError(409, "rounds.update.notEditable");
  const settings = normaliseSettings(input);
  const scope = roundScopeOf(round);
  const quotas = await checkQuotas(scope, input.quotas, round.id);

  // A group cannot be dropped once producers have entered products of it.
  const dropped = groupList(round.groups).filter((g) => !settings.groups.includes(g));
  if (dropped.length) {
    const used = await prisma.entry.findFirst({ where: { roundId, group: { in: dropped } }, select: { group: true } });
    if (used) throw new DomainError(409, "rounds.update.groupHasEntries", { group: used.group }, "groups");
  }

  const stored = { ...round, groups: groupList(round.groups), requiredDocuments: documentList(round.documents) };
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const key of Object.keys(settings) as (keyof typeof settings)[]) {
    if (comparable(stored[key]) !== comparable(settings[key])) {
      before[key] = stored[key];
      after[key] = settings[key];
    }
  }
  const current = [...round.quotas].sort((a, b) => a.provinceId.localeCompare(b.provinceId));
  const quotasChanged = comparable(current) !== comparable(quotas);
  if (quotasChanged) {
    before.quotas = current;
    after.quotas = quotas;
  }
  if (Object.keys(after).length === 0) return { changed: false };

  await prisma.$transaction(async (tx) => {
    // Optimistic guard: a status change in between (e.g. entries closed) makes this edit fail.
    const { groups, requiredDocuments, ...columns } = settings;
    const { count } = await tx.round.updateMany({ where: { id: roundId, status: round.status }, data: columns });
    if (count !== 1) throw new DomainError(409, "rounds.changedMeanwhile");
    if ("groups" in after)
      await tx.round.update({ where: { id: roundId }, data: { groups: replaceGroups(groups) }, select: { id: true } });
    if ("requiredDocuments" in after)
      await tx.round.update({
        where: { id: roundId },
        data: { documents: replaceDocuments(requiredDocuments) },
        select: { id: true },
      });
    if (quotasChanged) {
      await tx.roundQuota.deleteMany({ where: { roundId } });
      if (quotas.length) await tx.roundQuota.createMany({ data: quotas.map((q) => ({ roundId, ...q })) });
    }
    await audit(tx, {
      actorId: auth.user.id,
      action: "round.update",
      entityType: "Round",
      entityId: roundId,
      before,
      after,
      meta,
    });
  });
  return { changed: true };
}

// ───────────── region membership per round (decision 025) ─────────────

/**
 * A new regional round's member provinces: the current provinces of its region on today's map
 * (Province.regionId). Returns their ids (for the audit), or null for other levels.
 */
export async function copyRegionMembers(tx: Tx, roundId: string, scope: Scope): Promise<string[] | null> {
  if (LEVEL_RULES[scope.level].jurisdiction !== "region" || !scope.regionId) return null;
  const provinces = await tx.province.findMany({
    where: { validTo: null, regionId: scope.regionId },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  if (provinces.length)
    await tx.roundMember.createMany({ data: provinces.map((p) => ({ roundId, provinceId: p.id })) });
  return provinces.map((p) => p.id);
}

/** Whether a round's member list may still change: a regional round until nominations open. */
export const areMembersEditable = (round: { level: string; status: string }) =>
  LEVEL_RULES[round.level as LevelName]?.jurisdiction === "region" && round.status === "DRAFT";

/**
 * Sets a regional round's member provinces (any current provinces, e.g. Lâm Đồng in the South
 * round because it absorbed Bình Thuận). Only the round's organisers, only while the round is a
 * draft: once nominations open the list is frozen, since quotas and nominations rest on it.
 * Quotas of provinces taken off the list go with them. Audited with what was added and removed.
 */
export async function updateRoundMembers(
  auth: Auth,
  roundId: string,
  provinceIds: readonly string[],
  meta: RequestMeta,
) {
  const round = await prisma.round.findFirst({
    where: { AND: [{ id: roundId }, managedRoundsWhere(auth.roles)] },
    select: { id: true, level: true, status: true, members: { select: { provinceId: true } } },
  });
  if (!round) throw notFound();
  if (LEVEL_RULES[round.level as LevelName]?.jurisdiction !== "region")
    throw new DomainError(400, "rounds.members.notForLevel", undefined, "members");
  if (!areMembersEditable(round)) throw new DomainError(409, "rounds.members.frozen", undefined, "members");
  const wanted = [...new Set(provinceIds)].sort();
  if (wanted.length === 0) throw new DomainError(400, "rounds.members.required", undefined, "members");
  const known = await prisma.province.count({ where: { id: { in: wanted }, validTo: null } });
  if (known !== wanted.length) throw new DomainError(400, "rounds.members.unknownProvince", undefined, "members");
  const current = new Set(round.members.map((m) => m.provinceId));
  const added = wanted.filter((id) => !current.has(id));
  const removed = [...current].filter((id) => !wanted.includes(id)).sort();
  if (!added.length && !removed.length) return { changed: false };
  await prisma.$transaction(async (tx) => {
    // Optimistic guard: the round must still be a draft when the list is written.
    const { count } = await tx.round.updateMany({
      where: { id: roundId, status: "DRAFT" },
      data: { updatedAt: new Date() },
    });
    if (count !== 1) throw new DomainError(409, "rounds.members.frozen", undefined, "members");
    if (removed.length) {
      await tx.roundMember.deleteMany({ where: { roundId, provinceId: { in: removed } } });
      await tx.roundQuota.deleteMany({ where: { roundId, provinceId: { in: removed } } });
    }
    if (added.length) await tx.roundMember.createMany({ data: added.map((provinceId) => ({ roundId, provinceId })) });
    await audit(tx, {
      actorId: auth.user.id,
      action: "round.members",
      entityType: "Round",
      entityId: roundId,
      before: { members: [...current].sort() },
      after: { added, removed },
      meta,
    });
  });
  return { changed: true };
}

/** A regional round's member provinces (Vietnamese order) and the current provinces it could add. */
async function roundMembersView(round: { id: string; level: string; status: string }) {
  if (LEVEL_RULES[round.level as LevelName]?.jurisdiction !== "region") return null;
  const [all, members] = await Promise.all([
    listCurrentProvinces(prisma),
    prisma.roundMember.findMany({ where: { roundId: round.id }, select: { provinceId: true } }),
  ]);
  const ids = new Set(members.map((m) => m.provinceId));
  return {
    editable: areMembersEditable(round),
    provinces: all.map((p) => ({
      id: p.id,
      name: p.name,
      member: ids.has(p.id),
      defaultRegion: p.region?.code ?? null,
    })),
  };
}

// ───────────── the status machine ─────────────

const TRANSITION_ERROR: Record<"same" | "notAllowed" | "reasonRequired", { status: 400 | 409; key: MessageKey }> = {
  same: { status: 409, key: "rounds.transition.same" },
  notAllowed: { status: 409, key: "rounds.transition.notAllowed" },
  reasonRequired: { status: 400, key: "rounds.reopen.reasonRequired" },
};

/**
 * Moves a round to `to`. Only the round's organisers (or an administrator) may; only the moves
 * of round-state.ts are allowed; reopening entries needs a reason. Two concurrent clicks cannot
 * both apply: the write only happens while the status is still the one that was checked.
 */
export async function transitionRound(
  auth: Auth,
  roundId: string,
  to: RoundStatusName,
  reason: string | null | undefined,
  meta: RequestMeta,
  now: Date = new Date(),
) {
  const round = await prisma.round.findFirst({
    where: { AND: [{ id: roundId }, managedRoundsWhere(auth.roles)] },
    select: { id: true, status: true, entriesCloseAt: true, resultsFinalisedAt: true, groups: true },
  });
  if (!round) throw notFound();
  const from = round.status as RoundStatusName;
  const check = checkTransition(from, to, reason);
  if (!check.ok) {
    const e = TRANSITION_ERROR[check.problem];
    const code = check.problem === "notAllowed" ? "transition_not_allowed" : undefined;
    throw new DomainError(
      e.status,
      e.key,
      { from, to },
      check.problem === "reasonRequired" ? "reason" : undefined,
      code,
    );
  }
  // Opening a draft whose deadline has passed would publish a round nobody can enter: fix the
  // dates first (a draft is editable). Reopening is allowed anyway: an OPEN round is editable,
  // so the organiser extends the deadline right after.
  if (from === "DRAFT" && to === "OPEN" && round.entriesCloseAt.getTime() <= now.getTime()) {
    throw new DomainError(409, "rounds.transition.deadlinePassed");
  }
  // Judging starts only once every submitted dossier has been screened (accepted, returned or
  // rejected): judges score accepted entries, and a dossier left waiting would be lost.
  if (to === "JUDGING") {
    const pending = await prisma.entry.count({ where: { roundId, status: "SUBMITTED" } });
    if (pending > 0) throw new DomainError(409, "rounds.transition.pendingEntries", { count: pending });
  }
  // Once the results are finalised nothing reopens judging (only a recorded complaint decision
  // may change a result), and results are published only once finalised.
  if (from === "RESULTS" && to === "JUDGING" && round.resultsFinalisedAt)
    throw new DomainError(409, "results.finalised.locked");
  if (to === "PUBLISHED" && !round.resultsFinalisedAt) throw new DomainError(409, "results.finalise.required");
  const cleanReason = reason?.trim() || null;
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.round.updateMany({ where: { id: roundId, status: from }, data: { status: to } });
    // Scores need a rubric: a round created before rubrics existed gets the default one.
    if (to === "JUDGING") await ensureDefaultRubric(tx, roundId, auth.user.id, groupList(round.groups));
    if (count !== 1) throw new DomainError(409, "rounds.changedMeanwhile");
    await audit(tx, {
      actorId: auth.user.id,
      action: "round.transition",
      entityType: "Round",
      entityId: roundId,
      before: { status: from },
      after: { status: to, from, to, kind: check.kind, reason: cleanReason },
      meta,
    });
  });
  return { from, to, kind: check.kind };
}

// ───────────── organisers' lists and pages ─────────────

const listSelect = {
  id: true,
  name: true,
  level: true,
  year: true,
  status: true,
  entriesOpenAt: true,
  entriesCloseAt: true,
  province: { select: { name: true } },
  region: { select: { nameVi: true, nameEn: true } },
  _count: { select: { entries: true } },
} satisfies Prisma.RoundSelect;

export interface RoundListOptions {
  page: number;
  status?: RoundStatusName;
  year?: number;
}

export async function listRoundsForManager(auth: Auth, opts: RoundListOptions) {
  if (!canManageRounds(auth.roles)) throw forbidden();
  const scope = managedRoundsWhere(auth.roles);
  const where: Prisma.RoundWhereInput = {
    AND: [scope, opts.status ? { status: opts.status } : {}, opts.year ? { year: opts.year } : {}],
  };
  const [total, years] = await Promise.all([
    prisma.round.count({ where }),
    prisma.round.findMany({ where: scope, select: { year: true }, distinct: ["year"], orderBy: { year: "desc" } }),
  ]);
  const p = paging(opts.page, total);
  const rows = await prisma.round.findMany({
    where,
    select: listSelect,
    orderBy: [{ year: "desc" }, { entriesOpenAt: "desc" }, { id: "desc" }],
    skip: p.skip,
    take: p.take,
  });
  const items = rows.map(({ _count, province, region, ...r }) => ({
    ...r,
    status: r.status as RoundStatusName,
    entries: _count.entries,
    scope: { level: r.level, provinceName: province?.name, regionName: region?.nameVi, regionNameEn: region?.nameEn },
  }));
  return { items, years: years.map((y) => y.year), ...p };
}

const detailSelect = {
  resultsFinalisedAt: true,
  ...editSelect,
  year: true,
  createdAt: true,
  updatedAt: true,
  province: { select: { name: true, code: true } },
  region: { select: { nameVi: true, nameEn: true, code: true } },
  createdBy: { select: { name: true } },
  quotas: { select: { provinceId: true, quota: true, province: { select: { name: true } } } },
} satisfies Prisma.RoundSelect;

const viCollator = new Intl.Collator("vi");

/** A round for its organisers' page; 404 when it is outside their jurisdiction (no probing). */
export async function getRoundForManager(auth: Auth, roundId: string, now: Date = new Date()) {
  const round = await prisma.round.findFirst({
    where: { AND: [{ id: roundId }, managedRoundsWhere(auth.roles)] },
    select: detailSelect,
  });
  if (!round) throw notFound();
  const [byStatus, history, quotaProvinces, members] = await Promise.all([
    prisma.entry.groupBy({ by: ["status"], where: { roundId }, _count: { _all: true } }),
    prisma.auditLog.findMany({
      where: { entityType: "Round", entityId: roundId, action: { startsWith: "round." } },
      select: { id: true, action: true, createdAt: true, after: true, actor: { select: { name: true } } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: 200,
    }),
    listQuotaProvinces(roundScopeOf(round), round.id),
    roundMembersView(round),
  ]);
  const status = round.status as RoundStatusName;
  return {
    ...round,
    status,
    quotas: [...round.quotas].sort((a, b) => viCollator.compare(a.province.name, b.province.name)),
    groupList: groupList(round.groups),
    documentList: documentList(round.documents),
    scope: {
      level: round.level,
      provinceName: round.province?.name,
      regionName: round.region?.nameVi,
      regionNameEn: round.region?.nameEn,
    },
    acceptingNow: acceptsEntries(round, now),
    editable: isRoundEditable(status),
    entryCounts: Object.fromEntries(byStatus.map((g) => [g.status, g._count._all])) as Record<string, number>,
    entriesTotal: byStatus.reduce((n, g) => n + g._count._all, 0),
    quotaProvinces,
    members,
    history: history.map((h) => ({
      id: h.id,
      action: h.action,
      createdAt: h.createdAt,
      actor: h.actor?.name ?? null,
      ...transitionOf(h.after),
    })),
  };
}

function transitionOf(after: unknown): {
  from: RoundStatusName | null;
  to: RoundStatusName | null;
  reason: string | null;
} {
  const a = (after && typeof after === "object" ? after : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v : null);
  return {
    from: str(a.from) as RoundStatusName | null,
    to: str(a.to) as RoundStatusName | null,
    reason: str(a.reason),
  };
}

/** The provinces that may carry a nomination quota in a round of this scope, by name. */
async function listQuotaProvinces(scope: Scope, roundId: string) {
  const where = quotaProvinceWhere(scope, roundId);
  if (!where) return [];
  const all = await listCurrentProvinces(prisma);
  const ids = new Set((await prisma.province.findMany({ where, select: { id: true } })).map((p) => p.id));
  return all.filter((p) => ids.has(p.id)).map((p) => ({ id: p.id, name: p.name }));
}

/** The jurisdictions the "new round" form offers: only what this person may manage. */
export async function roundFormOptions(auth: Auth) {
  const scopes = roundManagerScopes(auth.roles);
  const [regions, provinces] = await Promise.all([listRegions(prisma), listCurrentProvinces(prisma)]);
  const options: { value: string; level: LevelName; name: string | null; nameEn: string | null }[] = [];
  const allowed = (s: Scope) => scopes === null || canManageRoundsIn(auth.roles, s);
  for (const level of ROUND_LEVELS) {
    const rule = LEVEL_RULES[level].jurisdiction;
    if (rule === "nation") {
      const s = { level, provinceId: null, regionId: null };
      if (allowed(s)) options.push({ value: jurisdictionValue(s), level, name: null, nameEn: null });
    } else if (rule === "region") {
      for (const r of regions) {
        const s = { level, regionId: r.id, provinceId: null };
        if (allowed(s)) options.push({ value: jurisdictionValue(s), level, name: r.nameVi, nameEn: r.nameEn });
      }
    } else if (rule === "province") {
      for (const p of provinces) {
        const s = { level, provinceId: p.id, regionId: null };
        if (allowed(s)) options.push({ value: jurisdictionValue(s), level, name: p.name, nameEn: p.name });
      }
    }
  }
  return { jurisdictions: options };
}

// ───────────── producers ─────────────

/** The provinces of a producer's establishments (where they may enter provincial rounds). */
export async function producerProvinceIds(userId: string): Promise<string[]> {
  const rows = await prisma.establishment.findMany({
    where: { ownerId: userId },
    select: { provinceId: true },
    distinct: ["provinceId"],
  });
  return rows.map((r) => r.provinceId);
}

/**
 * The rounds a producer can enter: rounds of a direct-entry level (provincial) that are OPEN,
 * whose deadline has not passed, in one of the given provinces. Regional and national rounds
 * take entries only by nomination, so they never appear here.
 */
export async function listOpenRoundsForProducer(provinceIds: string[], now: Date = new Date()) {
  if (provinceIds.length === 0) return [];
  const rows = await prisma.round.findMany({
    where: {
      level: { in: DIRECT_ENTRY_LEVELS },
      status: "OPEN",
      provinceId: { in: provinceIds },
      entriesCloseAt: { gte: now },
    },
    select: {
      id: true,
      name: true,
      year: true,
      status: true,
      groups: true,
      documents: { select: { kind: true } },
      description: true,
      entriesOpenAt: true,
      entriesCloseAt: true,
      province: { select: { id: true, name: true } },
    },
    orderBy: [{ entriesCloseAt: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => ({
    ...r,
    groups: groupList(r.groups),
    requiredDocuments: documentList(r.documents),
    acceptingNow: acceptsEntries(r, now),
  }));
}
