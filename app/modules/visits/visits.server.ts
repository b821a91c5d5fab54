// Site visits for the second scoring pass (issue #14, decision 039). National rounds re-score
// the entries that passed the first pass after jury members have visited the producer: the
// round's organisers schedule a visit (date, members, address), record its report (findings,
// who was present, photos), and the second pass's sheets link to it.
//
// Who may do what, enforced in the queries:
//   - write (schedule, move, cancel, report): the round's organisers (managedRoundsWhere), while the
//     round is in its second pass (visit-rules.ts isVisitRoundOpen);
//   - read a visit (page, photos, calendar file): the round's organisers; a jury member of the
//     round who is a member of the visit, or whose second-pass queue holds the entry
//     (assignedEntriesWhere, so never a conflicted judge) once the declaration is confirmed;
//   - the producer: only the date of the visit of their own entry (producerVisitDate), nothing
//     else of it.
// An entry may have several visits (postponed, cancelled, a second visit): at most one SCHEDULED
// at a time; cancelled ones stay, with their reason (visit-rules.ts has the lifecycle).
// Scheduling writes the visit, its members, the mail to each member (transactional outbox) and
// the audit entry in one transaction; a report writes its photos' bytes first, then the rows in
// one transaction, and removes the bytes if that fails.
import type { Prisma } from "~/generated/sqlite/client.ts";
import { canManageRounds } from "~/modules/access/permissions";
import { managedRoundsWhere } from "~/modules/access/round-scope";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import type { Auth } from "~/modules/auth/auth.server";
import type { ServedFile } from "~/modules/files/access.server";
import { PHOTO_TYPES } from "~/modules/files/sniff";
import {
  checkUploadedBytes,
  discardWrittenBytes,
  writeUploadedBytes,
  type WrittenBytes,
} from "~/modules/files/upload.server";
import { assignedEntriesWhere, conflictFreeEntriesWhere } from "~/modules/judging/access.server";
import { queueMails } from "~/modules/mail/outbox.server";
import { vnDateTime } from "~/modules/rounds/round-fields";
import { formatDateTime } from "~/utils/dates";
import { isUniqueViolation } from "~/utils/db-errors";
import { getEnv } from "~/utils/env.server";
import { prisma, type Tx } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { getT, isLocale, type Locale } from "~/utils/i18n";
import {
  isVisitRoundOpen,
  isWithinVisitWindow,
  presenceProblem,
  visitState,
  visitTransitionAllowed,
  visitWindow,
  VISIT_PHOTOS_MAX,
  type VisitState,
} from "./visit-rules";

type Actor = Pick<Auth, "user" | "roles">;

const roundSelect = {
  id: true,
  name: true,
  level: true,
  year: true,
  status: true,
  groups: true,
  scoringPasses: true,
  currentPass: true,
  entriesCloseAt: true,
  judgingStartAt: true,
  resultsAt: true,
} satisfies Prisma.RoundSelect;
type VisitRound = Prisma.RoundGetPayload<{ select: typeof roundSelect }>;

async function managedRound(auth: Actor, roundId: string, db: Tx = prisma): Promise<VisitRound> {
  const round = await db.round.findFirst({
    where: { AND: [{ id: roundId }, managedRoundsWhere(auth.roles)] },
    select: roundSelect,
  });
  if (!round) throw new DomainError(404, "error.404");
  return round;
}

function requireOpen(round: VisitRound) {
  if (round.scoringPasses < 2) throw new DomainError(409, "visits.error.noSecondPass");
  if (!isVisitRoundOpen(round)) throw new DomainError(409, "visits.error.notOpen");
}

// ───────────── who reads a visit ─────────────

/**
 * The visits this person may read, as a where clause (null: none). Organisers by their rounds;
 * jury members by their memberships (one query): the visits they are sent on, and the visits of
 * the entries of their second-pass queue.
 */
export async function readableVisitsWhere(auth: Actor): Promise<Prisma.SiteVisitWhereInput | null> {
  const or: Prisma.SiteVisitWhereInput[] = [];
  if (canManageRounds(auth.roles)) or.push({ round: managedRoundsWhere(auth.roles) });
  const memberships = await prisma.juryMember.findMany({
    where: { userId: auth.user.id },
    select: {
      id: true,
      isJudge: true,
      provinceId: true,
      declaredAt: true,
      panel: { select: { groups: true } },
      round: { select: { id: true, level: true, groups: true, currentPass: true } },
    },
  });
  for (const m of memberships) {
    or.push({ roundId: m.round.id, members: { some: { juryMemberId: m.id } } });
    if (m.declaredAt) or.push({ roundId: m.round.id, entry: assignedEntriesWhere(m, m.round, 2) });
  }
  return or.length ? { OR: or } : null;
}

async function readableVisit<S extends Prisma.SiteVisitSelect>(auth: Actor, visitId: string, select: S) {
  const where = await readableVisitsWhere(auth);
  const visit = where ? await prisma.siteVisit.findFirst({ where: { AND: [{ id: visitId }, where] }, select }) : null;
  if (visit) return visit;
  if (!(await prisma.siteVisit.count({ where: { id: visitId } }))) throw new DomainError(404, "error.404");
  throw new DomainError(403, "error.403");
}

// ───────────── the organisers' list ─────────────

const memberSelect = {
  id: true,
  title: true,
  councilRole: true,
  user: { select: { name: true, email: true } },
} satisfies Prisma.JuryMemberSelect;

export interface VisitRow {
  id: string;
  entryId: string;
  entryCode: string | null;
  productName: string;
  establishmentName: string;
  scheduledAt: Date;
  address: string;
  state: VisitState;
  cancelReason: string | null;
  members: string[];
}

/** The visits page of a round, for its organisers (404 for anyone else). */
/**
 * Whether a round's page links to its site visits (decision 046): rounds with a second scoring
 * pass, or any round that already has visits. The caller has checked that the user manages it.
 */
export async function showsVisitsLink(round: { id: string }): Promise<boolean> {
  const found = await prisma.round.findUnique({
    where: { id: round.id },
    select: { scoringPasses: true, _count: { select: { siteVisits: true } } },
  });
  return !!found && (found.scoringPasses > 1 || found._count.siteVisits > 0);
}

export async function getRoundVisits(auth: Actor, roundId: string) {
  const round = await managedRound(auth, roundId);
  const visits = await prisma.siteVisit.findMany({
    where: { roundId },
    orderBy: [{ scheduledAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      entryId: true,
      scheduledAt: true,
      address: true,
      status: true,
      cancelReason: true,
      entry: {
        select: { entryCode: true, product: { select: { name: true } }, establishment: { select: { name: true } } },
      },
      members: {
        select: { juryMember: { select: { user: { select: { name: true } } } } },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  const rows: VisitRow[] = visits.map((v) => ({
    id: v.id,
    entryId: v.entryId,
    entryCode: v.entry.entryCode,
    productName: v.entry.product.name,
    establishmentName: v.entry.establishment.name,
    scheduledAt: v.scheduledAt,
    address: v.address,
    state: visitState(v),
    cancelReason: v.cancelReason,
    members: v.members.map((m) => m.juryMember.user.name),
  }));
  const open = round.scoringPasses > 1 && isVisitRoundOpen(round);
  // Entries of the second pass with no visit pending (none yet, or only done or cancelled ones:
  // a second visit), with an address to start from.
  const candidates = open
    ? await prisma.entry.findMany({
        where: { roundId, outcome: { is: { secondPass: true } }, siteVisits: { none: { status: "SCHEDULED" } } },
        orderBy: { entryCode: "asc" },
        select: {
          id: true,
          entryCode: true,
          product: { select: { name: true } },
          establishment: {
            select: { name: true, addressLine: true, commune: true, province: { select: { name: true } } },
          },
        },
      })
    : [];
  const jury = await prisma.juryMember.findMany({
    where: { roundId },
    select: memberSelect,
    orderBy: { createdAt: "asc" },
  });
  const window = visitWindow(round);
  return {
    round: {
      id: round.id,
      name: round.name,
      scoringPasses: round.scoringPasses,
      currentPass: round.currentPass,
      status: round.status,
    },
    open,
    window,
    visits: rows,
    candidates: candidates.map((e) => ({
      id: e.id,
      code: e.entryCode,
      productName: e.product.name,
      establishmentName: e.establishment.name,
      address: [e.establishment.addressLine, e.establishment.commune, e.establishment.province.name]
        .filter(Boolean)
        .join(", "),
    })),
    jury: jury.map((m) => ({ id: m.id, name: m.user.name, title: m.title })),
  };
}

// ───────────── scheduling ─────────────

export interface ScheduleVisitInput {
  entryId: string;
  /** The datetime-local value, Vietnam time. */
  scheduledAt: string;
  durationMinutes: number;
  address: string;
  note?: string | null;
  memberIds: string[];
}

const localeOf = (value: string | null | undefined): Locale => (isLocale(value) ? value : "vi");

/**
 * The checks of a visit's plan, shared by scheduling and moving: the entry selected for the
 * second pass, the date inside the round, every member in the round's jury and not conflicted
 * with the entry. Refusals name the field.
 */
async function checkPlan(tx: Tx, round: VisitRound, entryId: string, at: Date, memberIds: string[]) {
  const entry = await tx.entry.findFirst({
    where: { id: entryId, roundId: round.id, outcome: { is: { secondPass: true } } },
    select: { id: true, entryCode: true, product: { select: { name: true } } },
  });
  if (!entry) throw new DomainError(400, "visits.error.entryNotSelected", undefined, "entryId");
  if (!isWithinVisitWindow(round, at)) {
    const w = visitWindow(round);
    throw new DomainError(
      400,
      "visits.error.dateOutside",
      { from: formatDateTime(w.from), to: formatDateTime(w.to) },
      "scheduledAt",
    );
  }
  const members = await tx.juryMember.findMany({
    where: { id: { in: memberIds }, roundId: round.id },
    select: {
      id: true,
      isJudge: true,
      provinceId: true,
      panel: { select: { groups: true } },
      user: { select: { name: true, email: true, locale: true } },
    },
  });
  if (members.length !== memberIds.length)
    throw new DomainError(400, "visits.error.memberNotInJury", undefined, "memberIds");
  for (const m of members) {
    const free = await tx.entry.count({ where: { AND: [{ id: entry.id }, conflictFreeEntriesWhere(m, round)] } });
    if (!free) throw new DomainError(400, "visits.error.memberConflicted", { name: m.user.name }, "memberIds");
  }
  return { entry, members };
}

type MailKind = "scheduled" | "moved" | "cancelled";

/** One mail per member (outbox, in the caller's transaction), in the member's language. */
async function mailMembers(
  tx: Tx,
  kind: MailKind,
  members: { user: { name: string; email: string; locale: string | null } }[],
  visit: { id: string; code: string; roundName: string; at: Date; address: string; reason?: string },
) {
  const origin = getEnv().appUrl;
  await queueMails(
    tx,
    members.map((m) => {
      const locale = localeOf(m.user.locale);
      const t = getT(locale);
      const params = {
        code: visit.code,
        round: visit.roundName,
        date: formatDateTime(visit.at),
        address: visit.address,
        name: m.user.name,
        reason: visit.reason ?? "",
        link: `${origin}/visits/${visit.id}`,
        ics: `${origin}/visits/${visit.id}/calendar.ics`,
      };
      return {
        to: m.user.email,
        subject: t(`visits.mail.${kind}.subject`, params),
        text: t(kind === "cancelled" ? "visits.mail.cancelledBody" : "visits.mail.body", params),
        locale,
      };
    }),
  );
}

/**
 * Schedules a visit of an entry selected for the second pass: a new visit, also when the entry
 * already had one done or cancelled (a second visit, a visit rescheduled after a cancellation).
 * An entry has at most one SCHEDULED visit: a pending one is moved or cancelled first (409). A
 * partial unique index holds the rule when two organisers schedule the same entry at once.
 * Each member gets a mail in the same transaction.
 */
export async function scheduleVisit(auth: Actor, roundId: string, input: ScheduleVisitInput, meta: RequestMeta) {
  const at = vnDateTime(input.scheduledAt);
  if (!at) throw new DomainError(400, "visits.date.invalid", undefined, "scheduledAt");
  const memberIds = [...new Set(input.memberIds)];
  try {
    return await scheduleInTransaction(auth, roundId, input, at, memberIds, meta);
  } catch (error) {
    // Another organiser's visit of the same entry committed between our check and our insert:
    // the partial unique index (one SCHEDULED visit per entry) refused ours. Say so, as the check would.
    if (!isUniqueViolation(error)) throw error;
    const pending = await prisma.siteVisit.findFirst({
      where: { entryId: input.entryId, status: "SCHEDULED" },
      select: { scheduledAt: true },
    });
    if (!pending) throw error;
    throw new DomainError(409, "visits.error.pending", { date: formatDateTime(pending.scheduledAt) }, "entryId");
  }
}

function scheduleInTransaction(
  auth: Actor,
  roundId: string,
  input: ScheduleVisitInput,
  at: Date,
  memberIds: string[],
  meta: RequestMeta,
) {
  return prisma.$transaction(async (tx) => {
    const round = await managedRound(auth, roundId, tx);
    requireOpen(round);
    const { entry, members } = await checkPlan(tx, round, input.entryId, at, memberIds);
    const pending = await tx.siteVisit.findFirst({
      where: { entryId: entry.id, status: "SCHEDULED" },
      select: { scheduledAt: true },
    });
    if (pending)
      throw new DomainError(409, "visits.error.pending", { date: formatDateTime(pending.scheduledAt) }, "entryId");
    const visit = await tx.siteVisit.create({
      data: {
        roundId,
        entryId: entry.id,
        status: "SCHEDULED",
        scheduledAt: at,
        durationMinutes: input.durationMinutes,
        address: input.address,
        note: input.note || null,
        createdById: auth.user.id,
        members: { create: members.map((m) => ({ juryMemberId: m.id })) },
      },
      select: { id: true },
    });
    const code = entry.entryCode ?? "";
    await mailMembers(tx, "scheduled", members, {
      id: visit.id,
      code,
      roundName: round.name,
      at,
      address: input.address,
    });
    await audit(tx, {
      actorId: auth.user.id,
      action: "visit.schedule",
      entityType: "SiteVisit",
      entityId: visit.id,
      after: {
        roundId,
        entryId: entry.id,
        code,
        scheduledAt: at.toISOString(),
        address: input.address,
        members: members.map((m) => m.id),
      },
      meta,
    });
    return { id: visit.id, code };
  });
}

/** The visit a write acts on: of a round the organiser manages (404 otherwise), pass open (409). */
async function managedVisit(auth: Actor, visitId: string, tx: Tx) {
  const visit = await tx.siteVisit.findFirst({
    where: { id: visitId, round: managedRoundsWhere(auth.roles) },
    select: {
      id: true,
      roundId: true,
      entryId: true,
      status: true,
      sequence: true,
      scheduledAt: true,
      address: true,
      round: { select: roundSelect },
      entry: { select: { entryCode: true } },
      members: {
        select: { juryMember: { select: { id: true, user: { select: { name: true, email: true, locale: true } } } } },
      },
    },
  });
  if (!visit) throw new DomainError(404, "error.404");
  requireOpen(visit.round);
  return visit;
}

/** Refuses a transition the lifecycle does not allow, saying why. */
function requireTransition(from: string, to: VisitState) {
  if (visitTransitionAllowed(from, to)) return;
  throw new DomainError(409, from === "CANCELLED" ? "visits.error.cancelled" : "visits.error.alreadyReported");
}

/**
 * Moves a SCHEDULED visit (date, members, address): its calendar SEQUENCE goes up, so members'
 * calendars update the event, and the members are mailed again. A visit done or cancelled is not
 * moved (409): a new visit is scheduled instead.
 */
export async function moveVisit(
  auth: Actor,
  visitId: string,
  input: Omit<ScheduleVisitInput, "entryId">,
  meta: RequestMeta,
) {
  const at = vnDateTime(input.scheduledAt);
  if (!at) throw new DomainError(400, "visits.date.invalid", undefined, "scheduledAt");
  const memberIds = [...new Set(input.memberIds)];
  return prisma.$transaction(async (tx) => {
    const visit = await managedVisit(auth, visitId, tx);
    requireTransition(visit.status, "SCHEDULED");
    const { entry, members } = await checkPlan(tx, visit.round, visit.entryId, at, memberIds);
    // Guarded on the status and sequence read above: a concurrent cancel or move wins, this one is refused.
    const moved = await tx.siteVisit.updateMany({
      where: { id: visit.id, status: "SCHEDULED", sequence: visit.sequence },
      data: {
        scheduledAt: at,
        durationMinutes: input.durationMinutes,
        address: input.address,
        note: input.note || null,
        sequence: visit.sequence + 1,
      },
    });
    if (!moved.count) throw new DomainError(409, "visits.error.changed");
    await tx.siteVisitMember.deleteMany({ where: { visitId: visit.id } });
    await tx.siteVisitMember.createMany({ data: members.map((m) => ({ visitId: visit.id, juryMemberId: m.id })) });
    const code = entry.entryCode ?? "";
    await mailMembers(tx, "moved", members, {
      id: visit.id,
      code,
      roundName: visit.round.name,
      at,
      address: input.address,
    });
    await audit(tx, {
      actorId: auth.user.id,
      action: "visit.reschedule",
      entityType: "SiteVisit",
      entityId: visit.id,
      before: { scheduledAt: visit.scheduledAt.toISOString(), address: visit.address },
      after: { scheduledAt: at.toISOString(), address: input.address, members: members.map((m) => m.id) },
      meta,
    });
    return { id: visit.id, code };
  });
}

/**
 * Cancels a SCHEDULED visit with a reason. The visit stays (the entry's history shows it with its
 * reason); its SEQUENCE goes up and its calendar event becomes STATUS:CANCELLED, so a member who
 * imports the file again sees it dropped; the members are mailed.
 */
export async function cancelVisit(auth: Actor, visitId: string, reason: string, meta: RequestMeta, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const visit = await managedVisit(auth, visitId, tx);
    requireTransition(visit.status, "CANCELLED");
    const done = await tx.siteVisit.updateMany({
      where: { id: visit.id, status: "SCHEDULED", sequence: visit.sequence },
      data: {
        status: "CANCELLED",
        cancelledAt: now,
        cancelReason: reason,
        cancelledById: auth.user.id,
        sequence: visit.sequence + 1,
      },
    });
    if (!done.count) throw new DomainError(409, "visits.error.changed");
    const code = visit.entry.entryCode ?? "";
    await mailMembers(
      tx,
      "cancelled",
      visit.members.map((m) => m.juryMember),
      { id: visit.id, code, roundName: visit.round.name, at: visit.scheduledAt, address: visit.address, reason },
    );
    await audit(tx, {
      actorId: auth.user.id,
      action: "visit.cancel",
      entityType: "SiteVisit",
      entityId: visit.id,
      before: { status: visit.status },
      after: { status: "CANCELLED", reason },
      meta,
    });
    return { id: visit.id, code };
  });
}

// ───────────── one visit ─────────────

const visitSelect = {
  id: true,
  roundId: true,
  entryId: true,
  scheduledAt: true,
  durationMinutes: true,
  address: true,
  note: true,
  sequence: true,
  status: true,
  findings: true,
  reportedAt: true,
  cancelledAt: true,
  cancelReason: true,
  updatedAt: true,
  round: { select: { ...roundSelect } },
  entry: {
    select: {
      entryCode: true,
      group: true,
      product: { select: { name: true } },
      establishment: { select: { name: true } },
    },
  },
  members: {
    orderBy: { createdAt: "asc" },
    select: {
      juryMemberId: true,
      present: true,
      juryMember: { select: { userId: true, title: true, user: { select: { name: true, email: true } } } },
    },
  },
  photos: {
    orderBy: { createdAt: "asc" },
    select: { id: true, originalName: true, width: true, height: true, thumbnailKey: true },
  },
} satisfies Prisma.SiteVisitSelect;

/** A visit as its reader sees it; `canRecord` for the round's organisers while the pass is open. */
export async function getVisit(auth: Actor, visitId: string) {
  const v = await readableVisit(auth, visitId, visitSelect);
  const manages =
    canManageRounds(auth.roles) &&
    (await prisma.round.count({ where: { AND: [{ id: v.roundId }, managedRoundsWhere(auth.roles)] } })) > 0;
  const judgeOfEntry = await prisma.juryMember.findFirst({
    where: { roundId: v.roundId, userId: auth.user.id },
    select: { id: true },
  });
  // The jury to choose from when the visit is moved: organisers only.
  const jury = manages
    ? await prisma.juryMember.findMany({
        where: { roundId: v.roundId },
        select: memberSelect,
        orderBy: { createdAt: "asc" },
      })
    : [];
  // The entry's other visits this reader may read (cancelled ones included): its history.
  const readable = await readableVisitsWhere(auth);
  const history = readable
    ? await prisma.siteVisit.findMany({
        where: { AND: [{ entryId: v.entryId, id: { not: v.id } }, readable] },
        orderBy: [{ scheduledAt: "desc" }, { id: "asc" }],
        select: { id: true, scheduledAt: true, status: true, cancelReason: true },
      })
    : [];
  return {
    id: v.id,
    round: { id: v.round.id, name: v.round.name },
    entry: {
      id: v.entryId,
      code: v.entry.entryCode,
      group: v.entry.group,
      productName: v.entry.product.name,
      establishmentName: v.entry.establishment.name,
    },
    scheduledAt: v.scheduledAt,
    durationMinutes: v.durationMinutes,
    address: v.address,
    note: v.note,
    findings: v.findings,
    reportedAt: v.reportedAt,
    cancelledAt: v.cancelledAt,
    cancelReason: v.cancelReason,
    state: visitState(v),
    history: history.map((h) => ({
      id: h.id,
      scheduledAt: h.scheduledAt,
      state: visitState(h),
      cancelReason: h.cancelReason,
    })),
    members: v.members.map((m) => ({
      id: m.juryMemberId,
      name: m.juryMember.user.name,
      title: m.juryMember.title,
      present: m.present,
      isMe: m.juryMember.userId === auth.user.id,
    })),
    photos: v.photos.map((p) => ({
      id: p.id,
      name: p.originalName,
      width: p.width,
      height: p.height,
      hasThumbnail: !!p.thumbnailKey,
    })),
    canRecord: manages && isVisitRoundOpen(v.round) && visitState(v) !== "CANCELLED",
    jury: jury.map((m) => ({ id: m.id, name: m.user.name, title: m.title })),
    /** Where the reader goes back to: the organisers' list, or the judge's round. */
    back: manages ? `/admin/rounds/${v.roundId}/visits` : judgeOfEntry ? `/judge/rounds/${v.roundId}` : "/",
  };
}

// ───────────── the report ─────────────

export interface VisitReportInput {
  findings: string;
  presentIds: string[];
}

export interface VisitPhotoUpload {
  fileName: string;
  bytes: Buffer;
}

/**
 * Records (or completes) the report of a visit that has taken place: findings, the members
 * present, and photos (JPEG, PNG or WebP; re-encoded without metadata into the file storage).
 * A post may add photos to an earlier report; up to VISIT_PHOTOS_MAX in all.
 */
export async function recordVisitReport(
  auth: Actor,
  visitId: string,
  input: VisitReportInput,
  photos: VisitPhotoUpload[],
  meta: RequestMeta,
  now = new Date(),
) {
  const visit = await prisma.siteVisit.findFirst({
    where: { id: visitId, round: managedRoundsWhere(auth.roles) },
    select: {
      id: true,
      roundId: true,
      status: true,
      scheduledAt: true,
      round: { select: roundSelect },
      members: { select: { juryMemberId: true } },
      _count: { select: { photos: true } },
    },
  });
  if (!visit) throw new DomainError(404, "error.404");
  requireOpen(visit.round);
  requireTransition(visit.status, "DONE");
  if (visit.scheduledAt.getTime() > now.getTime())
    throw new DomainError(409, "visits.error.notYet", { date: formatDateTime(visit.scheduledAt) });
  const memberIds = visit.members.map((m) => m.juryMemberId);
  const presentIds = [...new Set(input.presentIds)];
  const problem = presenceProblem(memberIds, presentIds);
  if (problem) throw new DomainError(400, `visits.error.${problem}`, undefined, "presentIds");
  if (visit._count.photos + photos.length > VISIT_PHOTOS_MAX)
    throw new DomainError(400, "visits.error.tooManyPhotos", { max: VISIT_PHOTOS_MAX });
  // Every photo is checked before any is written: one bad file refuses the post and writes nothing.
  const types = photos.map((p) => checkUploadedBytes(p.fileName, p.bytes, PHOTO_TYPES));

  const written: WrittenBytes[] = [];
  try {
    for (const [i, p] of photos.entries()) written.push(await writeUploadedBytes(p.fileName, p.bytes, types[i]!));
    return await prisma.$transaction(async (tx) => {
      // Guarded on the round's state again: the pass may have closed since the check above.
      const open = await tx.round.count({ where: { id: visit.roundId, status: "JUDGING", currentPass: { gt: 1 } } });
      if (!open) throw new DomainError(409, "visits.error.notOpen");
      // Guarded on the status too: a visit cancelled meanwhile gets no report.
      const done = await tx.siteVisit.updateMany({
        where: { id: visit.id, status: { in: ["SCHEDULED", "DONE"] } },
        data: { status: "DONE", findings: input.findings, reportedAt: now, reportedById: auth.user.id },
      });
      if (!done.count) throw new DomainError(409, "visits.error.cancelled");
      for (const id of memberIds)
        await tx.siteVisitMember.updateMany({
          where: { visitId: visit.id, juryMemberId: id },
          data: { present: presentIds.includes(id) },
        });
      if (written.length)
        await tx.siteVisitPhoto.createMany({
          data: written.map((w) => ({ visitId: visit.id, uploadedById: auth.user.id, ...w.columns })),
        });
      await audit(tx, {
        actorId: auth.user.id,
        action: "visit.report",
        entityType: "SiteVisit",
        entityId: visit.id,
        after: {
          present: presentIds,
          findingsLength: input.findings.length,
          photosAdded: written.map((w) => w.columns.originalName),
        },
        meta,
      });
      return { id: visit.id, photosAdded: written.length };
    });
  } catch (error) {
    await Promise.all(written.map(discardWrittenBytes));
    throw error;
  }
}

// ───────────── photos, calendar, links ─────────────

/** A visit's photo, for its readers, in the shape the file server sends (serve.server.ts). */
export async function visitPhotoFile(auth: Actor, visitId: string, photoId: string): Promise<ServedFile> {
  await readableVisit(auth, visitId, { id: true });
  const p = await prisma.siteVisitPhoto.findFirst({
    where: { id: photoId, visitId },
    select: {
      id: true,
      storage: true,
      storageKey: true,
      thumbnailKey: true,
      originalName: true,
      contentType: true,
      size: true,
      sha256: true,
    },
  });
  if (!p) throw new DomainError(404, "files.error.notFound");
  return {
    ...p,
    kind: "PHOTO",
    establishmentId: "",
    productId: null,
    hiddenFromJudges: false,
    deletedAt: null,
    judgeView: null,
  };
}

const calendarSelect = {
  id: true,
  sequence: true,
  status: true,
  scheduledAt: true,
  durationMinutes: true,
  address: true,
  note: true,
  updatedAt: true,
  round: { select: { name: true } },
  entry: { select: { entryCode: true, product: { select: { name: true } } } },
  members: {
    orderBy: { createdAt: "asc" },
    select: { juryMember: { select: { user: { select: { name: true, email: true } } } } },
  },
} satisfies Prisma.SiteVisitSelect;

function calendarEvent(v: Prisma.SiteVisitGetPayload<{ select: typeof calendarSelect }>) {
  return {
    id: v.id,
    sequence: v.sequence,
    start: v.scheduledAt,
    durationMinutes: v.durationMinutes,
    address: v.address,
    note: v.note,
    code: v.entry.entryCode ?? "",
    productName: v.entry.product.name,
    roundName: v.round.name,
    updatedAt: v.updatedAt,
    cancelled: visitState(v) === "CANCELLED",
    members: v.members.map((m) => ({ name: m.juryMember.user.name, email: m.juryMember.user.email })),
  };
}
export type CalendarEvent = ReturnType<typeof calendarEvent>;

/** What the calendar file of a visit is made of (ics.server.ts writes it). */
export async function visitCalendarData(auth: Actor, visitId: string): Promise<CalendarEvent> {
  return calendarEvent(await readableVisit(auth, visitId, calendarSelect));
}

/**
 * The calendar of a round's visits for this reader: the visits of the round they may read, each
 * with its own UID (cancelled ones as STATUS:CANCELLED, so a calendar subscribed to the file
 * drops them). 404 when the round has none they may read.
 */
export async function roundCalendarData(auth: Actor, roundId: string) {
  const where = await readableVisitsWhere(auth);
  const visits = where
    ? await prisma.siteVisit.findMany({
        where: { AND: [{ roundId }, where] },
        orderBy: [{ scheduledAt: "asc" }, { id: "asc" }],
        select: calendarSelect,
      })
    : [];
  if (!visits.length) throw new DomainError(404, "error.404");
  return { roundName: visits[0]!.round.name, events: visits.map(calendarEvent) };
}

/**
 * The reported visits of an entry, latest first, for the links on a second-pass score sheet: only
 * those the reader may read (readableVisitsWhere). The sheet's own access check comes first.
 */
export async function reportedVisitsOfEntry(auth: Actor, entryId: string) {
  const where = await readableVisitsWhere(auth);
  if (!where) return [];
  const visits = await prisma.siteVisit.findMany({
    where: { AND: [{ entryId, status: "DONE" }, where] },
    orderBy: [{ scheduledAt: "desc" }, { id: "asc" }],
    select: { id: true, scheduledAt: true, status: true },
  });
  return visits.map((v) => ({ id: v.id, scheduledAt: v.scheduledAt, state: visitState(v) }));
}

/**
 * The producer's view of the visits of their own entry: the date of the latest one not cancelled,
 * and nothing else.
 */
export async function producerVisitDate(auth: Actor, entryId: string): Promise<Date | null> {
  const v = await prisma.siteVisit.findFirst({
    where: { entryId, status: { not: "CANCELLED" }, entry: { establishment: { ownerId: auth.user.id } } },
    orderBy: { scheduledAt: "desc" },
    select: { scheduledAt: true },
  });
  return v?.scheduledAt ?? null;
}
