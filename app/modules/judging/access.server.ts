// Who may see and do what in judging, enforced in the queries (issue #4).
//
//   - A jury member (JuryMember row of the round) sees only the round's pages meant for them.
//   - A judge's queue = accepted entries of the groups of their panel (every group of the round
//     when they have no panel), plus entries an organiser included, minus entries an organiser
//     excluded, minus every entry they are conflicted with, and in a second scoring pass only the
//     entries selected for it. That where clause (assignedEntriesWhere) is the ONLY way a judge
//     reaches an entry, its dossier, its files or its sheets.
//   - Conflicts: a declared or recorded Conflict with the entry's establishment, and at regional
//     and national level the judge's home province (JuryMember.provinceId) by default.
//   - Organisers of the round (managedRoundsWhere) manage the jury, rubric, sheets and results;
//     the council secretary may enter paper sheets and record the council's vote.
import type { Prisma } from "~/generated/sqlite/client.ts";
import type { Auth } from "~/modules/auth/auth.server";
import { managedRoundsWhere } from "~/modules/access/round-scope";
import { groupList, type GroupRows } from "~/modules/rounds/groups";
import { prisma } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";

export const juryRoundSelect = {
  id: true,
  name: true,
  level: true,
  year: true,
  status: true,
  groups: true,
  passLine: true,
  blindJudging: true,
  spreadLimit: true,
  scoringPasses: true,
  currentPass: true,
  tieBreak: true,
  councilName: true,
  resultsFinalisedAt: true,
  provinceId: true,
  regionId: true,
  province: { select: { name: true, code: true } },
  region: { select: { nameVi: true, nameEn: true, code: true } },
} satisfies Prisma.RoundSelect;
export type JuryRound = Prisma.RoundGetPayload<{ select: typeof juryRoundSelect }>;

export const juryMemberSelect = {
  id: true,
  roundId: true,
  userId: true,
  isJudge: true,
  panelId: true,
  councilRole: true,
  title: true,
  provinceId: true,
  declaredAt: true,
  panel: { select: { id: true, name: true, groups: true } },
  user: { select: { id: true, name: true, email: true } },
} satisfies Prisma.JuryMemberSelect;
export type JuryMemberInfo = Prisma.JuryMemberGetPayload<{ select: typeof juryMemberSelect }>;

type MemberForWhere = Pick<JuryMemberInfo, "id" | "isJudge" | "provinceId"> & { panel: { groups: GroupRows } | null };
type RoundForWhere = Pick<JuryRound, "id" | "level" | "currentPass"> & { groups: GroupRows };

/** At regional and national level a judge is, by default, conflicted with their home province. */
export const provinceConflictApplies = (
  level: string,
  memberProvinceId: string | null | undefined,
): memberProvinceId is string => (level === "REGION" || level === "NATION") && !!memberProvinceId;

/** Entries of the round this member is NOT conflicted with. */
export function conflictFreeEntriesWhere(
  member: MemberForWhere,
  round: Pick<RoundForWhere, "level">,
): Prisma.EntryWhereInput {
  return {
    establishment: {
      conflicts: { none: { juryMemberId: member.id } },
      ...(provinceConflictApplies(round.level, member.provinceId) ? { provinceId: { not: member.provinceId } } : {}),
    },
  };
}

/** The groups a member's panel scores (every group of the round when they have no panel). */
export const memberGroups = (member: MemberForWhere, round: Pick<RoundForWhere, "groups">) =>
  groupList(member.panel ? member.panel.groups : round.groups);

/** The entries a judge scores in a pass, conflicts excluded. See the header of this file. */
export function assignedEntriesWhere(
  member: MemberForWhere,
  round: RoundForWhere,
  pass: number = round.currentPass,
): Prisma.EntryWhereInput {
  if (!member.isJudge) return { id: { in: [] } };
  return {
    AND: [
      { roundId: round.id, status: "ACCEPTED" },
      {
        OR: [
          {
            group: { in: memberGroups(member, round) },
            assignmentOverrides: { none: { juryMemberId: member.id, include: false } },
          },
          { assignmentOverrides: { some: { juryMemberId: member.id, include: true } } },
        ],
      },
      conflictFreeEntriesWhere(member, round),
      ...(pass > 1 ? [{ outcome: { is: { secondPass: true } } }] : []),
    ],
  };
}

/** What isEntryAssigned needs to know of one entry (read in one statement by the autosave path). */
export interface EntryAssignmentFacts {
  roundId: string;
  status: string;
  group: string;
  /** The establishment's province. */
  provinceId: string;
  /** An organiser's override for this judge: true included, false excluded, null none. */
  override: boolean | null;
  /** A declared or recorded Conflict of this judge with the entry's establishment. */
  conflictDeclared: boolean;
  /** EntryOutcome.secondPass (null: no outcome row). */
  secondPass: boolean | null;
}

/**
 * assignedEntriesWhere for one entry whose facts are already loaded: the same rule, clause by
 * clause (tests/integration/judging-access.test.ts compares the two). Used where reading the
 * facts in one raw statement is cheaper than letting Prisma build the where (the autosave).
 */
export function isEntryAssigned(
  member: MemberForWhere,
  round: RoundForWhere,
  entry: EntryAssignmentFacts,
  pass: number = round.currentPass,
): boolean {
  if (!member.isJudge) return false;
  if (entry.roundId !== round.id || entry.status !== "ACCEPTED") return false;
  const byGroup = (memberGroups(member, round) as string[]).includes(entry.group) && entry.override !== false;
  if (!byGroup && entry.override !== true) return false;
  if (entry.conflictDeclared) return false;
  if (provinceConflictApplies(round.level, member.provinceId) && entry.provinceId === member.provinceId) return false;
  if (pass > 1 && entry.secondPass !== true) return false;
  return true;
}

/** Whether the member would score this entry if it were not for conflicts (for organisers' views). */
export function isDefaultAssigned(
  member: MemberForWhere,
  round: Pick<RoundForWhere, "groups">,
  entryGroup: string,
): boolean {
  return member.isJudge && (memberGroups(member, round) as string[]).includes(entryGroup);
}

/** Pure version of the conflict rule, for lists that already hold the data. */
export function isConflicted(
  member: { provinceId: string | null; conflictEstablishmentIds: ReadonlySet<string> | readonly string[] },
  round: { level: string },
  entry: { establishmentId: string; provinceId: string },
): boolean {
  const ids = member.conflictEstablishmentIds;
  const declared = Array.isArray(ids)
    ? ids.includes(entry.establishmentId)
    : (ids as ReadonlySet<string>).has(entry.establishmentId);
  return (
    declared || (provinceConflictApplies(round.level, member.provinceId) && member.provinceId === entry.provinceId)
  );
}

/** 404 when the round does not exist, 403 when it does (the caller is not in its jury). */
export async function notAMember(roundId: string): Promise<never> {
  const exists = await prisma.round.count({ where: { id: roundId } });
  throw new DomainError(exists ? 403 : 404, exists ? "error.403" : "error.404");
}

/** The caller's membership of the round's jury/council, with the round. 404 no round, 403 not a member. */
export async function requireJuryMember(
  auth: Pick<Auth, "user">,
  roundId: string,
): Promise<{ member: JuryMemberInfo; round: JuryRound }> {
  const member = await prisma.juryMember.findUnique({
    where: { roundId_userId: { roundId, userId: auth.user.id } },
    select: { ...juryMemberSelect, round: { select: juryRoundSelect } },
  });
  if (!member) return notAMember(roundId);
  const { round, ...rest } = member;
  return { member: rest, round };
}

/** A judge who has not confirmed the conflict-of-interest declaration sees nothing else yet. */
export const declarationRequired = () =>
  new DomainError(409, "jury.declaration.required", undefined, undefined, "declaration_required");

/**
 * The judge's entry for the current pass, or why not: the entry must be in the round (404), the
 * judge must have confirmed their declaration (409), and it must be in their queue — a
 * conflicted or unassigned entry answers 403, whatever the URL. One query when all is well (the
 * assignment where clause also fetches the entry); the reason is looked up only on refusal.
 */
async function requireAssignedEntry(
  member: MemberForWhere & { declaredAt: Date | null },
  round: RoundForWhere,
  entryId: string,
) {
  if (!member.isJudge) throw new DomainError(403, "error.403");
  const entry = await prisma.entry.findFirst({
    where: { AND: [{ id: entryId }, assignedEntriesWhere(member, round)] },
    select: { id: true, group: true, entryCode: true },
  });
  if (!entry) {
    const exists = await prisma.entry.count({ where: { id: entryId, roundId: round.id, status: "ACCEPTED" } });
    if (!exists) throw new DomainError(404, "error.404");
  }
  if (!member.declaredAt) throw declarationRequired();
  if (!entry) throw new DomainError(403, "error.403");
  return entry;
}

/**
 * A judge opening one entry: the entry must be in the round (404 otherwise), the judge must have
 * confirmed their declaration (409), and the entry must be in their queue for the current pass —
 * a conflicted or unassigned entry answers 403, whatever the URL.
 */
export async function requireJudgeEntry(auth: Pick<Auth, "user">, roundId: string, entryId: string) {
  const { member, round } = await requireJuryMember(auth, roundId);
  const entry = await requireAssignedEntry(member, round, entryId);
  return { member, round, entry };
}

/** What a save of a sheet needs of the round: the assignment rule and whether it takes sheets. */
const writerRoundSelect = {
  id: true,
  level: true,
  groups: true,
  currentPass: true,
  status: true,
  resultsFinalisedAt: true,
} satisfies Prisma.RoundSelect;
export type WriterRound = Prisma.RoundGetPayload<{ select: typeof writerRoundSelect }>;

/**
 * requireJudgeEntry for a judge's save (the autosave path, every few seconds): the same checks
 * and answers, reading only the columns they need (no names, no province or region).
 */
export async function requireJudgeEntryForSave(auth: Pick<Auth, "user">, roundId: string, entryId: string) {
  const row = await prisma.juryMember.findUnique({
    where: { roundId_userId: { roundId, userId: auth.user.id } },
    select: {
      id: true,
      isJudge: true,
      provinceId: true,
      declaredAt: true,
      panel: { select: { groups: true } },
      round: { select: writerRoundSelect },
    },
  });
  if (!row) return notAMember(roundId);
  const { round, ...member } = row;
  const entry = await requireAssignedEntry(member, round, entryId);
  return { member, round, entry };
}

/** The round, if the caller organises it (admins included). 404 when it does not exist or is out of scope. */
export async function requireRoundOrganiser(auth: Pick<Auth, "roles">, roundId: string): Promise<JuryRound> {
  const round = await prisma.round.findFirst({
    where: { AND: [{ id: roundId }, managedRoundsWhere(auth.roles)] },
    select: juryRoundSelect,
  });
  if (round) return round;
  const exists = await prisma.round.count({ where: { id: roundId } });
  throw new DomainError(exists ? 403 : 404, exists ? "error.403" : "error.404");
}

/**
 * Organisers of the round, or its council secretary: they may type paper sheets and record the
 * council's vote. Returns the round and, for a secretary, their membership.
 */
export async function requireSecretaryOrOrganiser(auth: Pick<Auth, "user" | "roles">, roundId: string) {
  const organised = await prisma.round.findFirst({
    where: { AND: [{ id: roundId }, managedRoundsWhere(auth.roles)] },
    select: juryRoundSelect,
  });
  if (organised) return { round: organised, asOrganiser: true as const, member: null };
  const { member, round } = await requireJuryMember(auth, roundId);
  if (member.councilRole !== "SECRETARY") throw new DomainError(403, "error.403");
  return { round, asOrganiser: false as const, member };
}

/** Whether this user is the council secretary of any round (for the admin area's gate). */
export async function isCouncilSecretary(userId: string): Promise<boolean> {
  return (await prisma.juryMember.count({ where: { userId, councilRole: "SECRETARY" } })) > 0;
}

/** Whether this user sits in any jury or council (for the navigation). */
export async function hasJuryMemberships(userId: string): Promise<boolean> {
  return (await prisma.juryMember.count({ where: { userId } })) > 0;
}
