// The jury and council of a round (issue #4): inviting people by email, their roles, panels
// (tiểu ban), the round's judging settings, conflicts of interest, the assignment matrix, a
// judge's home page and their conflict-of-interest declaration.
//
// Rules kept here (documented in app/locales/*/jury.ts for the pages):
//   - The jury changes (invite, edit, remove, panels, conflicts) while results are not finalised
//     and the round is not PUBLISHED/ARCHIVED. Judging settings follow the same window.
//   - Assignments change until judging closes (refused from RESULTS on).
//   - One CHAIR and one SECRETARY per round; vice-chairs and members may be several.
//   - A member with any score sheet is never removed (their sheets are the record) and stays a
//     judge; a panel with members is never deleted (its judges would silently start scoring
//     every group): move them first.
//   - A judge declares conflicts (DECLARED) and cannot remove one; organisers record (ORGANISER)
//     and remove only their own kind.
// Every write is one transaction with its audit entry; mail leaves after the commit.
import type { Prisma } from "~/generated/sqlite/client.ts";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import type { Auth } from "~/modules/auth/auth.server";
import { newToken, TOKEN_TTL_MS } from "~/modules/auth/tokens.server";
import { listCurrentProvinces } from "~/modules/geo/admin-units.server";
import { queueMail } from "~/modules/mail/outbox.server";
import { createGroups, groupList, normaliseGroups, replaceGroups } from "~/modules/rounds/groups";
import { isUniqueViolation } from "~/utils/db-errors";
import { prisma, type Tx } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { DomainError } from "~/utils/errors";
import { getT, isLocale, type Locale, type MessageKey, type TFunction } from "~/utils/i18n";
import { normalizeEmail } from "~/utils/text";
import {
  assignedEntriesWhere,
  isConflicted,
  isDefaultAssigned,
  juryMemberSelect,
  provinceConflictApplies,
  requireJuryMember,
  requireRoundOrganiser,
  type JuryRound,
} from "./access.server";
import { consumeRateLimit } from "~/utils/rate-limit.server";
import { syncTastingOrder } from "~/modules/samples/tasting-orders.server";
import { councilNameOf } from "./council";
import {
  cellKey,
  judgingSettingsProblems,
  formatTieBreak,
  parseTieBreak,
  SINGLE_COUNCIL_ROLES,
  type CouncilRoleName,
  type JudgingSettingsInput,
} from "./jury-schemas";

// ───────────── when things may change ─────────────

type RoundState = Pick<JuryRound, "status" | "resultsFinalisedAt">;
const CLOSED = ["PUBLISHED", "ARCHIVED"];

/** Members, panels, conflicts and settings: until the results are finalised. */
export const juryEditable = (round: RoundState) => !round.resultsFinalisedAt && !CLOSED.includes(round.status);
/** Judging settings follow the jury's window. */
export const settingsEditable = juryEditable;
/** Who scores what: until judging closes (JUDGING → RESULTS). */
export const assignmentsEditable = (round: RoundState) =>
  ["DRAFT", "OPEN", "SCREENING", "JUDGING"].includes(round.status) && !round.resultsFinalisedAt;
/** The declaration: once entries are being screened (the list exists) until finalisation. */
export const declarationOpen = (round: RoundState) =>
  ["SCREENING", "JUDGING", "RESULTS"].includes(round.status) && !round.resultsFinalisedAt;

function assertJuryEditable(round: RoundState) {
  if (!juryEditable(round)) throw new DomainError(409, "jury.error.closed");
}

const localeOf = (value: string | null | undefined): Locale => (isLocale(value) ? value : "vi");
const collator = new Intl.Collator("vi");
const link = (path: string) => `${getEnv().appUrl}${path}`;

async function assertPanelOfRound(db: Pick<Tx, "panel">, roundId: string, panelId: string | null | undefined) {
  if (!panelId) return;
  const found = await db.panel.count({ where: { id: panelId, roundId } });
  if (!found) throw new DomainError(400, "jury.member.panel.invalid", undefined, "panelId");
}

/** One chair and one secretary per round: refuse a second one. */
async function assertCouncilRoleFree(
  db: Pick<Tx, "juryMember">,
  roundId: string,
  role: CouncilRoleName | null | undefined,
  exceptMemberId: string | null,
) {
  if (!role || !SINGLE_COUNCIL_ROLES.includes(role)) return;
  const holder = await db.juryMember.findFirst({
    where: { roundId, councilRole: role, ...(exceptMemberId ? { id: { not: exceptMemberId } } : {}) },
    select: { user: { select: { name: true } } },
  });
  if (holder)
    throw new DomainError(
      409,
      `jury.member.councilRole.taken.${role}` as MessageKey,
      { name: holder.user.name },
      "councilRole",
    );
}

// ───────────── the jury page ─────────────

/** Establishments with an accepted entry in the round, by name (Vietnamese order), once each. */
export async function participatingEstablishments(roundId: string) {
  const rows = await prisma.establishment.findMany({
    where: { entries: { some: { roundId, status: "ACCEPTED" } } },
    select: { id: true, name: true, provinceId: true },
  });
  return rows.sort((a, b) => collator.compare(a.name, b.name) || a.id.localeCompare(b.id));
}

const COUNCIL_ORDER: Record<CouncilRoleName, number> = { CHAIR: 0, VICE_CHAIR: 1, SECRETARY: 2, MEMBER: 3 };

export async function getJuryPage(auth: Pick<Auth, "roles">, roundId: string) {
  const round = await requireRoundOrganiser(auth, roundId);
  const [members, panels, conflicts, establishments, provinces] = await Promise.all([
    prisma.juryMember.findMany({
      where: { roundId },
      select: {
        ...juryMemberSelect,
        province: { select: { id: true, name: true } },
        _count: { select: { conflicts: true, sheets: true } },
      },
    }),
    prisma.panel.findMany({
      where: { roundId },
      select: { id: true, name: true, groups: true, _count: { select: { members: true } } },
      orderBy: { name: "asc" },
    }),
    prisma.conflict.findMany({
      where: { roundId },
      select: {
        id: true,
        source: true,
        note: true,
        createdAt: true,
        establishment: { select: { id: true, name: true } },
        juryMember: { select: { id: true, user: { select: { name: true, email: true } } } },
      },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    }),
    participatingEstablishments(roundId),
    listCurrentProvinces(prisma),
  ]);

  // The home-province rule (regional and national rounds): how many accepted entries it covers.
  const homeProvinces = [
    ...new Set(
      members.filter((m) => provinceConflictApplies(round.level, m.provinceId)).map((m) => m.provinceId as string),
    ),
  ];
  const perProvince = new Map<string, number>();
  if (homeProvinces.length) {
    const rows = await prisma.establishment.findMany({
      where: { provinceId: { in: homeProvinces }, entries: { some: { roundId, status: "ACCEPTED" } } },
      select: { provinceId: true, _count: { select: { entries: { where: { roundId, status: "ACCEPTED" } } } } },
    });
    for (const r of rows) perProvince.set(r.provinceId, (perProvince.get(r.provinceId) ?? 0) + r._count.entries);
  }

  const sorted = [...members].sort(
    (a, b) =>
      (a.councilRole ? COUNCIL_ORDER[a.councilRole] : 9) - (b.councilRole ? COUNCIL_ORDER[b.councilRole] : 9) ||
      collator.compare(a.user.name, b.user.name),
  );
  return {
    round: {
      ...round,
      tieBreakList: parseTieBreak(round.tieBreak),
      defaultCouncilName: councilNameOf({ ...round, councilName: null }),
    },
    groups: groupList(round.groups),
    members: sorted.map((m) => ({
      id: m.id,
      name: m.user.name,
      email: m.user.email,
      isJudge: m.isJudge,
      panel: m.panel,
      councilRole: m.councilRole,
      title: m.title,
      province: m.province,
      declaredAt: m.declaredAt,
      conflicts: m._count.conflicts,
      sheets: m._count.sheets,
      provinceConflict: provinceConflictApplies(round.level, m.provinceId)
        ? { provinceName: m.province?.name ?? "", entries: perProvince.get(m.provinceId as string) ?? 0 }
        : null,
    })),
    panels: panels.map((p) => ({ id: p.id, name: p.name, groups: groupList(p.groups), members: p._count.members })),
    conflicts,
    establishments: establishments.map((e) => ({ id: e.id, name: e.name })),
    provinces: provinces.map((p) => ({ id: p.id, name: p.name })),
    editable: { jury: juryEditable(round), settings: settingsEditable(round) },
  };
}

// ───────────── invitations ─────────────

export interface InviteInput {
  email: string;
  name: string;
  title?: string | null;
  panelId?: string | null;
  isJudge: boolean;
  councilRole?: CouncilRoleName | null;
}

/** "Ban giám khảo", "Hội đồng bình chọn (Thư ký)", or both, for the mail. */
function membershipText(t: TFunction, m: { isJudge: boolean; councilRole?: string | null }) {
  const parts: string[] = [];
  if (m.isJudge) parts.push(t("jury.mail.part.judge"));
  if (m.councilRole)
    parts.push(t("jury.mail.part.council", { role: t(`jury.councilRole.${m.councilRole}` as MessageKey) }));
  return parts.join(t("jury.mail.part.and"));
}

/** The invitation (with a set-password link) or the notice that an existing account was added. */
function invitationMail(
  auth: Auth,
  round: Parameters<typeof councilNameOf>[0] & { name: string },
  input: InviteInput,
  to: { email: string; userName: string; locale: Locale; token: string | null },
) {
  const t = getT(to.locale);
  const params = {
    name: to.userName,
    inviter: auth.user.name,
    inviterEmail: auth.user.email,
    as: membershipText(t, input),
    round: round.name,
    council: councilNameOf(round),
    email: to.email,
    judgeUrl: link("/judge"),
    url: to.token ? link(`/reset-password/${to.token}`) : "",
    days: TOKEN_TTL_MS.INVITATION / (24 * 60 * 60 * 1000),
  };
  return {
    to: to.email,
    subject: t(to.token ? "jury.mail.invite.subject" : "jury.mail.added.subject", params),
    text: t(to.token ? "jury.mail.invite.body" : "jury.mail.added.body", params),
    locale: to.locale,
  };
}

/**
 * Adds a person to the round's jury/council. An address with no account gets one (no password,
 * not verified) and a set-password link valid 7 days: setting the password proves the address
 * (reset-password verifies it). An existing account is told by mail; if it never set a password
 * (e.g. invited before and never came), it gets the set-password link too.
 */
export async function inviteJuryMember(auth: Auth, roundId: string, input: InviteInput, meta: RequestMeta) {
  const round = await requireRoundOrganiser(auth, roundId);
  await consumeRateLimit("invitation", auth.user.id);
  assertJuryEditable(round);
  const email = normalizeEmail(input.email);
  const name = input.name.trim();
  const expiresAt = new Date(Date.now() + TOKEN_TTL_MS.INVITATION);

  let result;
  try {
    result = await prisma.$transaction(async (tx) => {
      await assertPanelOfRound(tx, roundId, input.panelId);
      await assertCouncilRoleFree(tx, roundId, input.councilRole, null);
      let user = await tx.user.findUnique({
        where: { email },
        select: { id: true, name: true, locale: true, passwordHash: true, disabledAt: true },
      });
      if (user?.disabledAt) throw new DomainError(409, "jury.invite.disabled", { email }, "email");
      if (user) {
        const already = await tx.juryMember.count({ where: { roundId, userId: user.id } });
        if (already) throw new DomainError(409, "jury.invite.duplicate", { email }, "email");
      }
      const newAccount = !user;
      if (!user) {
        user = await tx.user.create({
          data: { email, name, passwordHash: null, emailVerifiedAt: null, locale: "vi" },
          select: { id: true, name: true, locale: true, passwordHash: true, disabledAt: true },
        });
      }
      let token: string | null = null;
      if (!user.passwordHash) {
        const fresh = newToken();
        token = fresh.token;
        await tx.userToken.create({
          data: { userId: user.id, purpose: "RESET_PASSWORD", tokenHash: fresh.tokenHash, expiresAt },
        });
      }
      const member = await tx.juryMember.create({
        data: {
          roundId,
          userId: user.id,
          isJudge: input.isJudge,
          panelId: input.panelId || null,
          councilRole: input.councilRole || null,
          title: input.title?.trim() || null,
        },
        select: { id: true },
      });
      await audit(tx, {
        actorId: auth.user.id,
        action: "jury.invite",
        entityType: "JuryMember",
        entityId: member.id,
        after: {
          roundId,
          email,
          userId: user.id,
          newAccount,
          setPasswordLink: !!token,
          isJudge: input.isJudge,
          panelId: input.panelId || null,
          councilRole: input.councilRole || null,
          title: input.title?.trim() || null,
        },
        meta,
      });
      // Joining after the blind tasting was drawn: an order of their own, nobody else's moves (decision 046).
      await syncTastingOrder(tx, roundId, member.id, auth.user.id, meta);
      // In the same transaction: a mail never announces a membership that was rolled back.
      await queueMail(
        tx,
        invitationMail(auth, round, input, { email, userName: user.name, locale: localeOf(user.locale), token }),
      );
      return { memberId: member.id, userId: user.id, newAccount };
    });
  } catch (error) {
    // Two organisers inviting the same address at once: the unique keys settle it.
    if (isUniqueViolation(error)) throw new DomainError(409, "jury.invite.duplicate", { email }, "email");
    throw error;
  }
  return { memberId: result.memberId, userId: result.userId, newAccount: result.newAccount };
}

// ───────────── members ─────────────

export interface MemberInput {
  title?: string | null;
  panelId?: string | null;
  isJudge: boolean;
  councilRole?: CouncilRoleName | null;
  provinceId?: string | null;
}

export async function updateJuryMember(
  auth: Auth,
  roundId: string,
  memberId: string,
  input: MemberInput,
  meta: RequestMeta,
) {
  const round = await requireRoundOrganiser(auth, roundId);
  assertJuryEditable(round);
  await prisma.$transaction(async (tx) => {
    const before = await tx.juryMember.findFirst({
      where: { id: memberId, roundId },
      select: {
        isJudge: true,
        panelId: true,
        councilRole: true,
        title: true,
        provinceId: true,
        _count: { select: { sheets: true } },
      },
    });
    if (!before) throw new DomainError(404, "error.404");
    await assertPanelOfRound(tx, roundId, input.panelId);
    if (input.provinceId) {
      const province = await tx.province.findFirst({
        where: { id: input.provinceId, validTo: null },
        select: { id: true },
      });
      if (!province) throw new DomainError(400, "jury.member.province.invalid", undefined, "provinceId");
    }
    // Their sheets are part of the results: a judge who scored stays a judge.
    if (before.isJudge && !input.isJudge && before._count.sheets > 0)
      throw new DomainError(409, "jury.member.hasSheets.judge", undefined, "isJudge");
    await assertCouncilRoleFree(tx, roundId, input.councilRole, memberId);
    const after = {
      isJudge: input.isJudge,
      panelId: input.panelId || null,
      councilRole: input.councilRole || null,
      title: input.title?.trim() || null,
      provinceId: input.provinceId || null,
    };
    await tx.juryMember.update({ where: { id: memberId }, data: after });
    const { _count, ...was } = before;
    void _count;
    await audit(tx, {
      actorId: auth.user.id,
      action: "jury.member.update",
      entityType: "JuryMember",
      entityId: memberId,
      before: was,
      after,
      meta,
    });
    await syncTastingOrder(tx, roundId, memberId, auth.user.id, meta);
  });
}

export async function removeJuryMember(auth: Auth, roundId: string, memberId: string, meta: RequestMeta) {
  const round = await requireRoundOrganiser(auth, roundId);
  assertJuryEditable(round);
  await prisma.$transaction(async (tx) => {
    const member = await tx.juryMember.findFirst({
      where: { id: memberId, roundId },
      select: {
        id: true,
        userId: true,
        isJudge: true,
        councilRole: true,
        panelId: true,
        user: { select: { email: true } },
        _count: { select: { sheets: true } },
      },
    });
    if (!member) throw new DomainError(404, "error.404");
    if (member._count.sheets > 0) throw new DomainError(409, "jury.member.hasSheets", { count: member._count.sheets });
    // Guarded: a sheet saved meanwhile keeps the member (sheets cascade from members).
    const { count } = await tx.juryMember.deleteMany({ where: { id: memberId, roundId, sheets: { none: {} } } });
    if (count !== 1) throw new DomainError(409, "jury.member.hasSheets", { count: 1 });
    await audit(tx, {
      actorId: auth.user.id,
      action: "jury.member.remove",
      entityType: "JuryMember",
      entityId: memberId,
      before: {
        roundId,
        userId: member.userId,
        email: member.user.email,
        isJudge: member.isJudge,
        councilRole: member.councilRole,
        panelId: member.panelId,
      },
      meta,
    });
  });
}

// ───────────── panels ─────────────

export interface PanelInput {
  name: string;
  groups: string[];
}

function panelGroups(round: Pick<JuryRound, "groups">, groups: string[]) {
  const roundGroups = groupList(round.groups) as string[];
  const chosen = normaliseGroups(groups);
  if (chosen.length === 0) throw new DomainError(400, "jury.panel.groups.required", undefined, "groups");
  if (chosen.length !== new Set(groups).size || chosen.some((g) => !roundGroups.includes(g))) {
    throw new DomainError(400, "jury.panel.groups.notInRound", undefined, "groups");
  }
  return chosen;
}

async function writePanel(auth: Auth, roundId: string, panelId: string | null, input: PanelInput, meta: RequestMeta) {
  const round = await requireRoundOrganiser(auth, roundId);
  assertJuryEditable(round);
  const groups = panelGroups(round, input.groups);
  const name = input.name.trim();
  if (!name) throw new DomainError(400, "jury.panel.name.required", undefined, "name");
  try {
    return await prisma.$transaction(async (tx) => {
      const taken = await tx.panel.count({ where: { roundId, name, ...(panelId ? { id: { not: panelId } } : {}) } });
      if (taken) throw new DomainError(409, "jury.panel.name.taken", { name }, "name");
      if (!panelId) {
        const panel = await tx.panel.create({
          data: { roundId, name, groups: createGroups(groups) },
          select: { id: true },
        });
        await audit(tx, {
          actorId: auth.user.id,
          action: "jury.panel.create",
          entityType: "Panel",
          entityId: panel.id,
          after: { roundId, name, groups },
          meta,
        });
        return panel;
      }
      const before = await tx.panel.findFirst({
        where: { id: panelId, roundId },
        select: { id: true, name: true, groups: true },
      });
      if (!before) throw new DomainError(404, "error.404");
      await tx.panel.update({ where: { id: panelId }, data: { name, groups: replaceGroups(groups) } });
      await audit(tx, {
        actorId: auth.user.id,
        action: "jury.panel.update",
        entityType: "Panel",
        entityId: panelId,
        before: { name: before.name, groups: groupList(before.groups) },
        after: { name, groups },
        meta,
      });
      return { id: panelId };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError(409, "jury.panel.name.taken", { name }, "name");
    throw error;
  }
}

export const createPanel = (auth: Auth, roundId: string, input: PanelInput, meta: RequestMeta) =>
  writePanel(auth, roundId, null, input, meta);
export const updatePanel = (auth: Auth, roundId: string, panelId: string, input: PanelInput, meta: RequestMeta) =>
  writePanel(auth, roundId, panelId, input, meta);

/** Refused while the panel has members: moving them is a decision the organiser makes first. */
export async function deletePanel(auth: Auth, roundId: string, panelId: string, meta: RequestMeta) {
  const round = await requireRoundOrganiser(auth, roundId);
  assertJuryEditable(round);
  await prisma.$transaction(async (tx) => {
    const panel = await tx.panel.findFirst({
      where: { id: panelId, roundId },
      select: { id: true, name: true, groups: true, _count: { select: { members: true } } },
    });
    if (!panel) throw new DomainError(404, "error.404");
    if (panel._count.members > 0) throw new DomainError(409, "jury.panel.hasMembers", { count: panel._count.members });
    const { count } = await tx.panel.deleteMany({ where: { id: panelId, members: { none: {} } } });
    if (count !== 1) throw new DomainError(409, "jury.panel.hasMembers", { count: 1 });
    await audit(tx, {
      actorId: auth.user.id,
      action: "jury.panel.delete",
      entityType: "Panel",
      entityId: panelId,
      before: { roundId, name: panel.name, groups: groupList(panel.groups) },
      meta,
    });
  });
}

// ───────────── judging settings ─────────────

export async function updateJudgingSettings(
  auth: Auth,
  roundId: string,
  input: JudgingSettingsInput,
  meta: RequestMeta,
) {
  const round = await requireRoundOrganiser(auth, roundId);
  const problem = judgingSettingsProblems(input)[0];
  if (problem) throw new DomainError(400, problem.messageKey as MessageKey, undefined, problem.field);
  if (!settingsEditable(round)) throw new DomainError(409, "jury.settings.locked");
  // The second pass has started: its sheets exist and results use them.
  if (input.scoringPasses === 1 && round.currentPass > 1)
    throw new DomainError(409, "jury.settings.scoringPasses.backToOne", undefined, "scoringPasses");
  const after = {
    blindJudging: input.blindJudging,
    spreadLimit: input.spreadLimit,
    scoringPasses: input.scoringPasses,
    tieBreak: formatTieBreak(input.tieBreak),
    councilName: input.councilName?.trim() || null,
  };
  await prisma.$transaction(async (tx) => {
    // Guarded: finalising or starting the second pass meanwhile wins.
    const { count } = await tx.round.updateMany({
      where: {
        id: roundId,
        resultsFinalisedAt: null,
        status: { notIn: ["PUBLISHED", "ARCHIVED"] },
        ...(input.scoringPasses === 1 ? { currentPass: 1 } : {}),
      },
      data: after,
    });
    if (count !== 1) throw new DomainError(409, "jury.error.changedMeanwhile");
    await audit(tx, {
      actorId: auth.user.id,
      action: "jury.settings.update",
      entityType: "Round",
      entityId: roundId,
      before: {
        blindJudging: round.blindJudging,
        spreadLimit: round.spreadLimit,
        scoringPasses: round.scoringPasses,
        tieBreak: round.tieBreak,
        councilName: round.councilName,
      },
      after,
      meta,
    });
  });
}

// ───────────── conflicts (organisers) ─────────────

export interface ConflictInput {
  memberId: string;
  establishmentId: string;
  note?: string | null;
}

export async function recordConflict(auth: Auth, roundId: string, input: ConflictInput, meta: RequestMeta) {
  const round = await requireRoundOrganiser(auth, roundId);
  assertJuryEditable(round);
  try {
    return await prisma.$transaction(async (tx) => {
      const member = await tx.juryMember.count({ where: { id: input.memberId, roundId } });
      if (!member) throw new DomainError(400, "jury.conflict.member.required", undefined, "memberId");
      const participates = await tx.entry.count({
        where: { roundId, establishmentId: input.establishmentId, status: "ACCEPTED" },
      });
      if (!participates)
        throw new DomainError(400, "jury.conflict.establishment.required", undefined, "establishmentId");
      const existing = await tx.conflict.count({
        where: { juryMemberId: input.memberId, establishmentId: input.establishmentId },
      });
      if (existing) throw new DomainError(409, "jury.conflict.duplicate", undefined, "establishmentId");
      const conflict = await tx.conflict.create({
        data: {
          roundId,
          juryMemberId: input.memberId,
          establishmentId: input.establishmentId,
          source: "ORGANISER",
          note: input.note?.trim() || null,
          createdById: auth.user.id,
        },
        select: { id: true },
      });
      await audit(tx, {
        actorId: auth.user.id,
        action: "jury.conflict.record",
        entityType: "Conflict",
        entityId: conflict.id,
        after: {
          roundId,
          juryMemberId: input.memberId,
          establishmentId: input.establishmentId,
          source: "ORGANISER",
          note: input.note?.trim() || null,
        },
        meta,
      });
      return conflict;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError(409, "jury.conflict.duplicate", undefined, "establishmentId");
    throw error;
  }
}

/** Organisers remove the conflicts they recorded; a judge's own declaration stands. */
export async function removeConflict(auth: Auth, roundId: string, conflictId: string, meta: RequestMeta) {
  const round = await requireRoundOrganiser(auth, roundId);
  assertJuryEditable(round);
  await prisma.$transaction(async (tx) => {
    const conflict = await tx.conflict.findFirst({
      where: { id: conflictId, roundId },
      select: { id: true, source: true, juryMemberId: true, establishmentId: true, note: true },
    });
    if (!conflict) throw new DomainError(404, "error.404");
    if (conflict.source !== "ORGANISER") throw new DomainError(409, "jury.conflict.declaredStays");
    await tx.conflict.delete({ where: { id: conflictId } });
    await audit(tx, {
      actorId: auth.user.id,
      action: "jury.conflict.remove",
      entityType: "Conflict",
      entityId: conflictId,
      before: { roundId, ...conflict },
      meta,
    });
  });
}

// ───────────── assignments ─────────────

const matrixEntrySelect = {
  id: true,
  entryCode: true,
  group: true,
  establishmentId: true,
  establishment: { select: { provinceId: true } },
  product: { select: { name: true } },
} satisfies Prisma.EntrySelect;

const matrixMemberSelect = {
  id: true,
  isJudge: true,
  provinceId: true,
  panel: { select: { id: true, name: true, groups: true } },
  user: { select: { name: true } },
} satisfies Prisma.JuryMemberSelect;

type MatrixEntry = Prisma.EntryGetPayload<{ select: typeof matrixEntrySelect }>;
type MatrixMember = Prisma.JuryMemberGetPayload<{ select: typeof matrixMemberSelect }>;

/** Four queries, whatever the size: entries, judges, overrides, conflicts. */
async function loadMatrix(
  db: Pick<Tx, "entry" | "juryMember" | "assignmentOverride" | "conflict">,
  roundId: string,
  only?: { entryIds: string[]; memberIds: string[] },
) {
  const [entries, members, overrides, conflicts] = await Promise.all([
    db.entry.findMany({
      where: { roundId, status: "ACCEPTED", ...(only ? { id: { in: only.entryIds } } : {}) },
      select: matrixEntrySelect,
      orderBy: [{ entryCode: "asc" }, { id: "asc" }],
    }),
    db.juryMember.findMany({
      where: { roundId, isJudge: true, ...(only ? { id: { in: only.memberIds } } : {}) },
      select: matrixMemberSelect,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
    db.assignmentOverride.findMany({
      where: { roundId },
      select: { id: true, entryId: true, juryMemberId: true, include: true },
    }),
    db.conflict.findMany({ where: { roundId }, select: { juryMemberId: true, establishmentId: true } }),
  ]);
  const conflictsOf = new Map<string, Set<string>>();
  for (const c of conflicts) {
    if (!conflictsOf.has(c.juryMemberId)) conflictsOf.set(c.juryMemberId, new Set());
    conflictsOf.get(c.juryMemberId)!.add(c.establishmentId);
  }
  const overrideOf = new Map(overrides.map((o) => [cellKey(o.entryId, o.juryMemberId), o]));
  return { entries, members, overrideOf, conflictsOf };
}

function cellState(
  round: Pick<JuryRound, "level" | "groups">,
  entry: MatrixEntry,
  member: MatrixMember,
  overrideOf: Map<string, { include: boolean }>,
  conflictsOf: Map<string, Set<string>>,
) {
  const conflicted = isConflicted(
    { provinceId: member.provinceId, conflictEstablishmentIds: conflictsOf.get(member.id) ?? new Set<string>() },
    round,
    { establishmentId: entry.establishmentId, provinceId: entry.establishment.provinceId },
  );
  const byDefault = isDefaultAssigned(member, round, entry.group);
  const override = overrideOf.get(cellKey(entry.id, member.id));
  return {
    conflicted,
    byDefault,
    overridden: !!override && override.include !== byDefault,
    assigned: !conflicted && (override ? override.include : byDefault),
  };
}

export async function getAssignmentMatrix(
  auth: Pick<Auth, "roles">,
  roundId: string,
  filters: { group?: string } = {},
) {
  const round = await requireRoundOrganiser(auth, roundId);
  const { entries, members, overrideOf, conflictsOf } = await loadMatrix(prisma, roundId);
  const perMember = new Map(members.map((m) => [m.id, 0]));
  const rows = entries.map((entry) => {
    const cells = members.map((member) => {
      const s = cellState(round, entry, member, overrideOf, conflictsOf);
      if (s.assigned) perMember.set(member.id, (perMember.get(member.id) ?? 0) + 1);
      return { memberId: member.id, ...s };
    });
    return {
      id: entry.id,
      code: entry.entryCode ?? "",
      group: entry.group,
      productName: entry.product.name,
      judges: cells.filter((c) => c.assigned).length,
      cells,
    };
  });
  return {
    round: {
      id: round.id,
      name: round.name,
      status: round.status,
      currentPass: round.currentPass,
      scoringPasses: round.scoringPasses,
    },
    groups: groupList(round.groups),
    group: filters.group ?? null,
    judges: members.map((m) => ({
      id: m.id,
      name: m.user.name,
      panel: m.panel ? { id: m.panel.id, name: m.panel.name } : null,
      entries: perMember.get(m.id) ?? 0,
    })),
    rows: filters.group ? rows.filter((r) => r.group === filters.group) : rows,
    totals: { entries: entries.length, unassigned: rows.filter((r) => r.judges === 0).length },
    editable: assignmentsEditable(round),
  };
}

export interface AssignmentsInput {
  /** The entries (rows) and judges (columns) the page showed. */
  entryIds: string[];
  memberIds: string[];
  /** The checked cells, as cellKey(entryId, memberId). */
  checked: string[];
}

/**
 * Saves the matrix as the overrides it needs against the default (a judge of a panel scores every
 * accepted entry of its groups): include = true for a checked cell that is not a default,
 * include = false for an unchecked default, and no row where the cell equals the default.
 * A conflicted cell is never assignable: whatever the form says about it is ignored (and counted).
 */
export async function saveAssignments(auth: Auth, roundId: string, input: AssignmentsInput, meta: RequestMeta) {
  const round = await requireRoundOrganiser(auth, roundId);
  if (!assignmentsEditable(round)) throw new DomainError(409, "jury.assign.locked");
  const checked = new Set(input.checked);
  return prisma.$transaction(async (tx) => {
    const { entries, members, overrideOf, conflictsOf } = await loadMatrix(tx, roundId, {
      entryIds: input.entryIds,
      memberIds: input.memberIds,
    });
    const toCreate: Prisma.AssignmentOverrideCreateManyInput[] = [];
    const toFlip: { id: string; include: boolean }[] = [];
    const toDelete: string[] = [];
    let ignoredConflicts = 0;
    for (const entry of entries) {
      for (const member of members) {
        const key = cellKey(entry.id, member.id);
        const s = cellState(round, entry, member, overrideOf, conflictsOf);
        if (s.conflicted) {
          if (checked.has(key)) ignoredConflicts++;
          continue;
        }
        const wanted = checked.has(key);
        const existing = overrideOf.get(key);
        if (wanted === s.byDefault) {
          if (existing) toDelete.push(existing.id);
        } else if (!existing) {
          toCreate.push({
            roundId,
            entryId: entry.id,
            juryMemberId: member.id,
            include: wanted,
            createdById: auth.user.id,
          });
        } else if (existing.include !== wanted) {
          toFlip.push({ id: existing.id, include: wanted });
        }
      }
    }
    const counts = { created: toCreate.length, updated: toFlip.length, deleted: toDelete.length, ignoredConflicts };
    if (!toCreate.length && !toFlip.length && !toDelete.length) return { ...counts, changed: false };
    if (toDelete.length) await tx.assignmentOverride.deleteMany({ where: { id: { in: toDelete }, roundId } });
    if (toCreate.length) await tx.assignmentOverride.createMany({ data: toCreate });
    for (const include of [true, false]) {
      const ids = toFlip.filter((f) => f.include === include).map((f) => f.id);
      if (ids.length)
        await tx.assignmentOverride.updateMany({
          where: { id: { in: ids }, roundId },
          data: { include, createdById: auth.user.id },
        });
    }
    await audit(tx, {
      actorId: auth.user.id,
      action: "jury.assignments.save",
      entityType: "Round",
      entityId: roundId,
      after: { ...counts, entries: entries.length, judges: members.length },
      meta,
    });
    return { ...counts, changed: true };
  });
}

// ───────────── a judge's home page ─────────────

const WITH_PROGRESS = ["JUDGING", "RESULTS"];

/** The caller's juries and councils, newest round first, with their scoring progress. */
export async function listMyJuryRounds(auth: Pick<Auth, "user">) {
  const memberships = await prisma.juryMember.findMany({
    where: { userId: auth.user.id },
    select: {
      ...juryMemberSelect,
      round: {
        select: {
          id: true,
          name: true,
          level: true,
          year: true,
          status: true,
          groups: true,
          currentPass: true,
          scoringPasses: true,
          resultsFinalisedAt: true,
          province: { select: { name: true } },
          region: { select: { nameVi: true, nameEn: true } },
          createdAt: true,
        },
      },
    },
  });
  memberships.sort(
    (a, b) => b.round.createdAt.getTime() - a.round.createdAt.getTime() || a.round.name.localeCompare(b.round.name),
  );
  // One membership per round the person sits in: a handful of queries per row, not per entry.
  return Promise.all(
    memberships.map(async (m) => {
      const { round } = m;
      let progress: { assigned: number; draft: number; submitted: number; toScore: number } | null = null;
      if (m.isJudge && WITH_PROGRESS.includes(round.status)) {
        const queue = assignedEntriesWhere(m, round);
        const [assigned, byStatus] = await Promise.all([
          prisma.entry.count({ where: queue }),
          prisma.scoreSheet.groupBy({
            by: ["status"],
            where: { juryMemberId: m.id, pass: round.currentPass, entry: queue },
            _count: { _all: true },
          }),
        ]);
        const draft = byStatus.find((s) => s.status === "DRAFT")?._count._all ?? 0;
        const submitted = byStatus.find((s) => s.status === "SUBMITTED")?._count._all ?? 0;
        progress = { assigned, draft, submitted, toScore: Math.max(0, assigned - draft - submitted) };
      }
      return {
        memberId: m.id,
        round: {
          id: round.id,
          name: round.name,
          level: round.level,
          year: round.year,
          status: round.status,
          currentPass: round.currentPass,
          scoringPasses: round.scoringPasses,
          provinceName: round.province?.name ?? null,
          regionName: round.region?.nameVi ?? null,
          regionNameEn: round.region?.nameEn ?? null,
        },
        isJudge: m.isJudge,
        councilRole: m.councilRole,
        panel: m.panel ? { name: m.panel.name } : null,
        declaredAt: m.declaredAt,
        declarationOpen: declarationOpen(round),
        progress,
        secretary: m.councilRole === "SECRETARY",
      };
    }),
  );
}

// ───────────── the declaration ─────────────

export async function getDeclaration(auth: Pick<Auth, "user">, roundId: string) {
  const { member, round } = await requireJuryMember(auth, roundId);
  const [establishments, conflicts, province] = await Promise.all([
    participatingEstablishments(roundId),
    prisma.conflict.findMany({
      where: { juryMemberId: member.id },
      select: { establishmentId: true, source: true, createdAt: true },
    }),
    provinceConflictApplies(round.level, member.provinceId)
      ? prisma.province.findUnique({ where: { id: member.provinceId as string }, select: { name: true } })
      : Promise.resolve(null),
  ]);
  return {
    round: { id: round.id, name: round.name, status: round.status, level: round.level },
    member: { id: member.id, isJudge: member.isJudge, declaredAt: member.declaredAt },
    open: declarationOpen(round),
    // Names only: no product, no entry code, no address (the list is about people, not dossiers).
    establishments: establishments.map((e) => ({ id: e.id, name: e.name })),
    conflicts: conflicts.map((c) => ({ establishmentId: c.establishmentId, source: c.source, createdAt: c.createdAt })),
    homeProvince: province?.name ?? null,
  };
}

export interface DeclarationInput {
  establishmentIds: string[];
  note?: string | null;
  confirmed: boolean;
}

/**
 * The judge confirms their declaration: a DECLARED conflict for each establishment ticked that is
 * not already recorded, and declaredAt the first time. Conflicts already recorded stay (only
 * organisers remove conflicts, and only the ones they recorded).
 */
export async function submitDeclaration(
  auth: Pick<Auth, "user">,
  roundId: string,
  input: DeclarationInput,
  meta: RequestMeta,
) {
  const { member, round } = await requireJuryMember(auth, roundId);
  if (!input.confirmed) throw new DomainError(400, "jury.declaration.confirm.required", undefined, "confirm");
  if (!declarationOpen(round)) throw new DomainError(409, "jury.declaration.closed");
  const wanted = [...new Set(input.establishmentIds)];
  const note = input.note?.trim() || null;
  return prisma.$transaction(async (tx) => {
    const valid = wanted.length
      ? await tx.establishment.findMany({
          where: { id: { in: wanted }, entries: { some: { roundId, status: "ACCEPTED" } } },
          select: { id: true },
        })
      : [];
    if (valid.length !== wanted.length)
      throw new DomainError(400, "jury.declaration.unknownEstablishment", undefined, "establishmentId");
    const existing = new Set(
      (
        await tx.conflict.findMany({
          where: { juryMemberId: member.id, establishmentId: { in: wanted } },
          select: { establishmentId: true },
        })
      ).map((c) => c.establishmentId),
    );
    const added = wanted.filter((id) => !existing.has(id));
    if (added.length) {
      await tx.conflict.createMany({
        data: added.map((establishmentId) => ({
          roundId,
          juryMemberId: member.id,
          establishmentId,
          source: "DECLARED",
          note,
          createdById: auth.user.id,
        })),
      });
    }
    const now = new Date();
    const first = await tx.juryMember.updateMany({
      where: { id: member.id, declaredAt: null },
      data: { declaredAt: now },
    });
    await audit(tx, {
      actorId: auth.user.id,
      action: "jury.declare",
      entityType: "JuryMember",
      entityId: member.id,
      before: { declaredAt: member.declaredAt },
      after: {
        roundId,
        firstDeclaration: first.count === 1,
        declaredAt: first.count === 1 ? now : member.declaredAt,
        added,
        alreadyRecorded: wanted.length - added.length,
        note,
      },
      meta,
    });
    return { added: added.length, firstDeclaration: first.count === 1, isJudge: member.isJudge };
  });
}
