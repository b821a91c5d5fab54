// Overdue yearly confirmations as stored flags (issue #14, decision 040): the daily job
// ("monitoring.reminders") records a row per certificate and period when the period becomes
// overdue, mails the issuing organisers one digest per run listing the newly overdue
// certificates, and closes the flags of certificates that ended; the holder's confirmation closes
// the flags it answers (confirmations.server.ts). The organisers' page reads these rows, paged and
// scoped to their rounds, instead of computing obligations over every certificate per request.
//
// Idempotent under reruns and concurrent workers: the flag is unique per certificate and period
// (a second insert is a unique violation, ignored); the digest claims the unnotified open flags
// with one UPDATE … WHERE "notifiedAt" IS NULL stamped with the run's id, and queues the mails in
// the same transaction, so a flag is in exactly one digest (a failed run leaves it for the next).
import crypto from "node:crypto";
import type { Prisma } from "~/generated/sqlite/client.ts";
import type { Auth } from "~/modules/auth/auth.server";
import { managedRoundsWhere } from "~/modules/access/round-scope";
import { queueMails, type MailInput } from "~/modules/mail/outbox.server";
import { formatDate } from "~/utils/dates";
import { isUniqueViolation } from "~/utils/db-errors";
import { prisma, type Db, type Tx } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { getT, isLocale } from "~/utils/i18n";
import { paging, PAGE_SIZE } from "~/utils/paging";
import { overduePeriod, REMINDER_DAYS } from "./schedule";
import type { FlagState } from "./schemas";

type Actor = Pick<Auth, "user" | "roles">;
const DAY_MS = 24 * 60 * 60 * 1000;

export { FLAG_STATES, type FlagState } from "./schemas";

export interface FlagRunResult {
  flagged: number;
  closed: number;
  mailed: number;
}

/**
 * Certificates that could owe a confirmation at `now`: not revoked, still valid, and issued long
 * enough ago for a first window to have opened (the rest is decided in schedule.ts).
 */
export const mayOweWhere = (now: Date): Prisma.CertificateWhereInput => ({
  revokedAt: null,
  validUntil: { gte: now },
  issuedAt: { lte: new Date(now.getTime() - (365 - REMINDER_DAYS - 1) * DAY_MS) },
});

/** Records a flag for every certificate overdue at `now` that has none for that period yet. */
async function recordFlags(db: Db, now: Date, signal?: AbortSignal): Promise<number> {
  let flagged = 0;
  // A page of certificates at a time (keyset on id): the run holds a page, not the register.
  for (let after: string | null = null; ;) {
    const rows = await flagCandidates(db, now, after);
    flagged += await flagPage(db, rows, now, signal);
    const last = rows.at(-1);
    if (rows.length < FLAG_PAGE || !last) return flagged;
    after = last.id;
  }
}

/** How many certificates the flagging reads per query. */
const FLAG_PAGE = 250;

/** A page of the certificates that may owe a confirmation, in id order after `after`. */
const flagCandidates = (db: Db, now: Date, after: string | null) =>
  db.certificate.findMany({
    where: after ? { AND: [mayOweWhere(now), { id: { gt: after } }] } : mayOweWhere(now),
    select: {
      id: true,
      issuedAt: true,
      validUntil: true,
      revokedAt: true,
      confirmations: { select: { period: true } },
      overdueFlags: { select: { period: true } },
    },
    orderBy: { id: "asc" },
    take: FLAG_PAGE,
  });
type FlagRow = Awaited<ReturnType<typeof flagCandidates>>[number];

async function flagPage(db: Db, rows: FlagRow[], now: Date, signal?: AbortSignal): Promise<number> {
  let flagged = 0;
  for (const row of rows) {
    signal?.throwIfAborted();
    const period = overduePeriod(
      row,
      row.confirmations.map((c) => c.period),
      now,
    );
    if (!period || row.overdueFlags.some((f) => f.period === period.period)) continue;
    try {
      await db.overdueConfirmation.create({
        data: { certificateId: row.id, period: period.period, dueAt: period.dueAt, flaggedAt: now },
      });
      flagged++;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error; // another worker flagged it first
    }
  }
  return flagged;
}

/**
 * Closes open flags that no longer stand: the certificate ended (revoked or expired), or a
 * confirmation of that period or a later one exists (a confirmation made while the job was
 * flagging: the confirmation closes flags itself, this catches the race).
 */
async function closeStaleFlags(db: Db, now: Date): Promise<number> {
  const ended = await db.overdueConfirmation.updateMany({
    where: { closedAt: null, certificate: { OR: [{ revokedAt: { not: null } }, { validUntil: { lt: now } }] } },
    data: { closedAt: now, closedReason: "ENDED" },
  });
  const open = await db.overdueConfirmation.findMany({
    where: { closedAt: null, certificate: { confirmations: { some: {} } } },
    select: { id: true, period: true, certificate: { select: { confirmations: { select: { period: true } } } } },
  });
  const answered = open.filter((f) => f.certificate.confirmations.some((c) => c.period >= f.period)).map((f) => f.id);
  const confirmed = answered.length
    ? await db.overdueConfirmation.updateMany({
        where: { id: { in: answered }, closedAt: null },
        data: { closedAt: now, closedReason: "CONFIRMED" },
      })
    : { count: 0 };
  return ended.count + confirmed.count;
}

interface RoundScope {
  id: string;
  level: string;
  provinceId: string | null;
  regionId: string | null;
}

/**
 * The organisers who answer for a round's certificates: those of its jurisdiction, and for a
 * former province merged into another (decision 025) those of the province that absorbed it.
 */
async function issuingOrganisers(tx: Tx, round: RoundScope, now: Date) {
  let role: Prisma.RoleAssignmentWhereInput;
  if (round.level === "PROVINCE") {
    const province = round.provinceId
      ? await tx.province.findUnique({
          where: { id: round.provinceId },
          select: { id: true, successorId: true, validTo: true },
        })
      : null;
    const ids = province ? [province.id] : [];
    if (province?.successorId && province.validTo && province.validTo <= now) ids.push(province.successorId);
    role = { role: "ORGANISER", level: round.level, provinceId: { in: ids } };
  } else if (round.level === "REGION") role = { role: "ORGANISER", level: "REGION", regionId: round.regionId };
  else if (round.level === "NATION") role = { role: "ORGANISER", level: "NATION" };
  else role = { id: { in: [] } };
  return tx.user.findMany({
    where: { disabledAt: null, roles: { some: role } },
    select: { email: true, name: true, locale: true },
  });
}

/**
 * Claims the open flags no digest has listed yet and queues one digest per organiser listing
 * those of their rounds, in one transaction. Returns how many mails were queued.
 */
async function mailDigests(db: Db, now: Date): Promise<number> {
  const run = crypto.randomUUID();
  return db.$transaction(async (tx) => {
    const claimed = await tx.overdueConfirmation.updateMany({
      where: { notifiedAt: null, closedAt: null },
      data: { notifiedAt: now, notifyRun: run },
    });
    if (!claimed.count) return 0;
    const flags = await tx.overdueConfirmation.findMany({
      where: { notifyRun: run },
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      select: {
        period: true,
        dueAt: true,
        certificate: {
          select: {
            serial: true,
            productName: true,
            establishmentName: true,
            round: { select: { id: true, level: true, provinceId: true, regionId: true } },
          },
        },
      },
    });
    // One digest per recipient, whatever number of rounds their flags come from.
    const byRecipient = new Map<string, { name: string; locale: string; flags: typeof flags }>();
    const organisersOf = new Map<string, Awaited<ReturnType<typeof issuingOrganisers>>>();
    for (const flag of flags) {
      const round = flag.certificate.round;
      if (!organisersOf.has(round.id)) organisersOf.set(round.id, await issuingOrganisers(tx, round, now));
      for (const o of organisersOf.get(round.id)!) {
        const entry = byRecipient.get(o.email) ?? { name: o.name, locale: o.locale, flags: [] };
        entry.flags.push(flag);
        byRecipient.set(o.email, entry);
      }
    }
    const url = `${getEnv().appUrl}/admin/monitoring?overdue=open`;
    const mails: MailInput[] = [...byRecipient].map(([email, r]) => {
      const locale = isLocale(r.locale) ? r.locale : "vi";
      const t = getT(locale);
      const lines = r.flags
        .map((f) =>
          t("monitoring.mail.overdue.line", {
            serial: f.certificate.serial,
            product: f.certificate.productName,
            establishment: f.certificate.establishmentName,
            period: f.period,
            date: formatDate(f.dueAt),
          }),
        )
        .join("\n");
      return {
        to: email,
        subject: t("monitoring.mail.overdue.subject", { count: r.flags.length }),
        text: t("monitoring.mail.overdue.body", { name: r.name, count: r.flags.length, lines, url }),
        locale,
      };
    });
    return queueMails(tx, mails);
  });
}

/**
 * The daily run: flags what became overdue, closes what no longer stands, mails the digests.
 * Any number of runs, one after another or at once, flag and mail each (certificate, period) once.
 */
export async function flagOverdueConfirmations(
  now: Date = new Date(),
  signal?: AbortSignal,
  db: Db = prisma,
): Promise<FlagRunResult> {
  const flagged = await recordFlags(db, now, signal);
  const closed = await closeStaleFlags(db, now);
  signal?.throwIfAborted();
  const mailed = await mailDigests(db, now);
  return { flagged, closed, mailed };
}

/** Closes the open flags a confirmation of `period` answers (that period and earlier ones). */
export async function closeFlagsOnConfirmation(tx: Tx, certificateId: string, period: number, now: Date) {
  await tx.overdueConfirmation.updateMany({
    where: { certificateId, closedAt: null, period: { lte: period } },
    data: { closedAt: now, closedReason: "CONFIRMED" },
  });
}

/** The flags of the certificates the organiser's rounds issued (administrators: all), paged. */
export async function listOverdueFlags(auth: Actor, query: { state: FlagState; page: number }) {
  const where: Prisma.OverdueConfirmationWhereInput = {
    closedAt: query.state === "open" ? null : { not: null },
    certificate: { round: managedRoundsWhere(auth.roles) },
  };
  const total = await prisma.overdueConfirmation.count({ where });
  const page = paging(query.page, total, PAGE_SIZE);
  const rows = await prisma.overdueConfirmation.findMany({
    where,
    orderBy: query.state === "open" ? [{ dueAt: "asc" }, { id: "asc" }] : [{ closedAt: "desc" }, { id: "asc" }],
    skip: page.skip,
    take: page.take,
    select: {
      id: true,
      period: true,
      dueAt: true,
      flaggedAt: true,
      notifiedAt: true,
      closedAt: true,
      closedReason: true,
      certificate: {
        select: {
          id: true,
          serial: true,
          productName: true,
          establishmentName: true,
          confirmationReminders: { select: { period: true, createdAt: true } },
        },
      },
    },
  });
  return {
    paging: { page: page.page, pages: page.pages, total: page.total },
    items: rows.map((r) => ({
      id: r.id,
      period: r.period,
      dueAt: r.dueAt,
      flaggedAt: r.flaggedAt,
      notifiedAt: r.notifiedAt,
      closedAt: r.closedAt,
      closedReason: r.closedReason as "CONFIRMED" | "ENDED" | null,
      remindedAt: r.certificate.confirmationReminders.find((m) => m.period === r.period)?.createdAt ?? null,
      certificate: {
        id: r.certificate.id,
        serial: r.certificate.serial,
        productName: r.certificate.productName,
        establishmentName: r.certificate.establishmentName,
      },
    })),
  };
}
