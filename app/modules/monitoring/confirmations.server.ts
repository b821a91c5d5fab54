// Yearly confirmations of certified products (issue #14, docs/decisions/040): the holder confirms
// on /producer/monitoring that a product is still made as certified, or reports what changed; a
// daily job mails a reminder when a period's window opens and flags the overdue ones
// (overdue.server.ts); organisers see those flags and the reported changes of the certificates
// their scope issued (permissions in the queries).
import type { Prisma } from "~/generated/sqlite/client.ts";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import type { Auth } from "~/modules/auth/auth.server";
import { managedRoundsWhere } from "~/modules/access/round-scope";
import type { JobContext } from "~/modules/jobs/job-types";
import { queueMail } from "~/modules/mail/outbox.server";
import { formatDate } from "~/utils/dates";
import { isUniqueViolation } from "~/utils/db-errors";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { DomainError } from "~/utils/errors";
import { getT, isLocale } from "~/utils/i18n";
import { closeFlagsOnConfirmation, flagOverdueConfirmations, mayOweWhere } from "./overdue.server";
import { changesOf, changesText, confirmationPeriods, obligationAt, reminderDue, type ChangeKind } from "./schedule";

type Actor = Pick<Auth, "user" | "roles">;

const certificateSelect = {
  id: true,
  serial: true,
  code: true,
  productName: true,
  establishmentName: true,
  issuedAt: true,
  validUntil: true,
  revokedAt: true,
  confirmations: { select: { period: true, changes: true, note: true, createdAt: true }, orderBy: { period: "desc" } },
} satisfies Prisma.CertificateSelect;
type CertificateRow = Prisma.CertificateGetPayload<{ select: typeof certificateSelect }>;

function withObligation(row: CertificateRow, now: Date) {
  const obligation = obligationAt(
    row,
    row.confirmations.map((c) => c.period),
    now,
  );
  return {
    ...row,
    obligation,
    confirmations: row.confirmations.map((c) => ({ ...c, changes: changesOf(c.changes) })),
    lastConfirmedAt: row.confirmations.reduce<Date | null>(
      (last, c) => (!last || c.createdAt > last ? c.createdAt : last),
      null,
    ),
  };
}

// ───────────── the holder ─────────────

/** The certificates of the establishments a producer owns, with where each stands this year. */
export async function listProducerMonitoring(auth: Pick<Auth, "user">, now: Date = new Date()) {
  const rows = await prisma.certificate.findMany({
    where: { establishment: { ownerId: auth.user.id } },
    select: certificateSelect,
    orderBy: [{ issuedAt: "desc" }, { serial: "asc" }],
  });
  return rows.map((r) => withObligation(r, now));
}

export interface ConfirmInput {
  certificateId: string;
  changes: ChangeKind[];
  note?: string;
}

/**
 * Records the holder's confirmation of the current period. Only the owner of the certificate's
 * establishment (403 otherwise; 404 unknown); 409 when no window is open, the period is already
 * confirmed (also under a race: the unique row) or the certificate ended. Audited.
 */
export async function confirmCertificate(auth: Actor, input: ConfirmInput, meta: RequestMeta, now: Date = new Date()) {
  const row = await prisma.certificate.findUnique({
    where: { id: input.certificateId },
    select: { ...certificateSelect, establishment: { select: { ownerId: true } } },
  });
  if (!row) throw new DomainError(404, "error.404");
  if (row.establishment.ownerId !== auth.user.id) throw new DomainError(403, "error.403");
  const { obligation } = withObligation(row, now);
  if (obligation.state === "ended")
    throw new DomainError(409, "monitoring.confirm.error.ended", { serial: row.serial });
  if (obligation.state === "notDue")
    throw new DomainError(409, "monitoring.confirm.error.notDue", {
      date: formatDate(obligation.next?.opensAt ?? null),
    });
  if (obligation.state === "confirmed")
    throw new DomainError(409, "monitoring.confirm.error.already", { serial: row.serial });
  const period = obligation.current!.period;
  const changes = changesText(input.changes);
  try {
    await prisma.$transaction(async (tx) => {
      const created = await tx.certificateConfirmation.create({
        data: { certificateId: row.id, period, changes, note: input.note || null, confirmedById: auth.user.id },
        select: { id: true },
      });
      await audit(tx, {
        actorId: auth.user.id,
        action: "certificate.confirm",
        entityType: "Certificate",
        entityId: row.id,
        after: { confirmationId: created.id, serial: row.serial, period, changes, note: input.note || null },
        meta,
      });
      // The overdue flags this confirmation answers are closed with it (the organiser's list).
      await closeFlagsOnConfirmation(tx, row.id, period, now);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new DomainError(409, "monitoring.confirm.error.already", { serial: row.serial });
    throw error;
  }
  return { serial: row.serial, period, changed: changes !== "" };
}

// ───────────── the organiser ─────────────

/** The latest confirmations that reported changes, in the organiser's scope. */
export async function listReportedChanges(auth: Actor, take = 20) {
  const rows = await prisma.certificateConfirmation.findMany({
    where: { changes: { not: "" }, certificate: { round: managedRoundsWhere(auth.roles) } },
    select: {
      id: true,
      period: true,
      changes: true,
      note: true,
      createdAt: true,
      certificate: { select: { id: true, serial: true, productName: true, establishmentName: true } },
    },
    orderBy: { createdAt: "desc" },
    take,
  });
  return rows.map((r) => ({ ...r, changes: changesOf(r.changes) }));
}

// ───────────── the daily reminder job ─────────────

/** How many certificates the reminder job reads per query: it holds one page, not the register. */
const REMINDER_PAGE = 250;

/** A page of the certificates that may owe a confirmation, in id order after `after` (keyset). */
const owingPage = (now: Date, after: string | null) =>
  prisma.certificate.findMany({
    where: after ? { AND: [mayOweWhere(now), { id: { gt: after } }] } : mayOweWhere(now),
    select: {
      ...certificateSelect,
      confirmationReminders: { select: { period: true } },
      establishment: { select: { owner: { select: { email: true, name: true, locale: true } } } },
    },
    orderBy: { id: "asc" },
    take: REMINDER_PAGE,
  });

/** The certificates that may owe a confirmation, read a page at a time. */
async function* owingCertificates(now: Date) {
  for (let after: string | null = null; ;) {
    const page = await owingPage(now, after);
    yield* page;
    const last = page.at(-1);
    if (page.length < REMINDER_PAGE || !last) return;
    after = last.id;
  }
}

/**
 * Mails the owner of every certificate whose current period's window is open (or overdue) and
 * that has had no reminder for that period yet. The reminder row (unique per certificate and
 * period) and the mail are written in one transaction: a second run, or two workers at once,
 * send nothing twice. Returns how many mails were queued.
 */
export async function sendConfirmationReminders(now: Date = new Date(), signal?: AbortSignal): Promise<number> {
  const appUrl = getEnv().appUrl;
  let sent = 0;
  for await (const row of owingCertificates(now)) {
    signal?.throwIfAborted();
    const obligation = obligationAt(
      row,
      row.confirmations.map((c) => c.period),
      now,
    );
    const period = reminderDue(
      obligation,
      row.confirmationReminders.map((r) => r.period),
    );
    if (period === null) continue;
    const owner = row.establishment.owner;
    const locale = isLocale(owner.locale) ? owner.locale : "vi";
    const t = getT(locale);
    const due = confirmationPeriods(row).find((p) => p.period === period)!;
    const params = {
      name: owner.name,
      serial: row.serial,
      product: row.productName,
      date: formatDate(due.dueAt),
      url: `${appUrl}/producer/monitoring`,
    };
    try {
      await prisma.$transaction(async (tx) => {
        await tx.confirmationReminder.create({ data: { certificateId: row.id, period, sentTo: owner.email } });
        await queueMail(tx, {
          to: owner.email,
          subject: t("monitoring.mail.reminder.subject", params),
          text: t("monitoring.mail.reminder.body", params),
          locale,
        });
      });
      sent++;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error; // another run sent it first
    }
  }
  return sent;
}

/**
 * The job handler of "monitoring.reminders" (scheduled daily: app/modules/jobs/daily.server.ts):
 * the holders' reminders, then the overdue flags and the organisers' digest.
 */
export async function runReminderJob(ctx: JobContext): Promise<void> {
  const now = new Date();
  await sendConfirmationReminders(now, ctx.signal);
  await flagOverdueConfirmations(now, ctx.signal);
}
