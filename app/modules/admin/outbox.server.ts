// The mail outbox as administrators read it (every mail is stored before it is sent), and the
// one thing they may do there: send a FAILED mail again (docs/decisions/020-mail-outbox-worker.md).
import type { MailStatus, Prisma } from "~/generated/sqlite/client.ts";
import { canReadOutbox } from "~/modules/access/permissions";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import type { Auth } from "~/modules/auth/auth.server";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { DomainError, forbidden, notFound } from "~/utils/errors";
import { paging } from "~/utils/paging";

export async function listMails(auth: Auth, opts: { page: number; to?: string; status?: MailStatus }) {
  if (!canReadOutbox(auth.roles)) throw forbidden();
  const to = opts.to?.trim().toLowerCase();
  const where: Prisma.MailMessageWhereInput = {
    ...(to ? { to: { contains: to } } : {}),
    ...(opts.status ? { status: opts.status } : {}),
  };
  const p = paging(opts.page, await prisma.mailMessage.count({ where }));
  const items = await prisma.mailMessage.findMany({
    where,
    select: { id: true, to: true, subject: true, status: true, attempts: true, lastError: true, createdAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: p.skip,
    take: p.take,
  });
  return { items, ...p };
}

export async function getMail(auth: Auth, id: string) {
  if (!canReadOutbox(auth.roles)) throw forbidden();
  const mail = await prisma.mailMessage.findUnique({
    where: { id },
    select: {
      id: true,
      to: true,
      subject: true,
      text: true,
      status: true,
      transport: true,
      attempts: true,
      nextAttemptAt: true,
      lastAttemptAt: true,
      lastError: true,
      sentAt: true,
      createdAt: true,
    },
  });
  if (!mail) throw notFound();
  return { ...mail, canRetry: mail.status === "FAILED" };
}

/**
 * Queues a FAILED mail again for the worker, with a fresh count of tries: administrators only,
 * only a FAILED mail (409 otherwise, so a double click queues it once), only when a mail server
 * is configured. Audited as mail.retry with the last error it had.
 */
export async function retryMail(auth: Auth, id: string, meta: RequestMeta) {
  if (!canReadOutbox(auth.roles)) throw forbidden();
  const mail = await prisma.mailMessage.findUnique({
    where: { id },
    select: { id: true, to: true, status: true, attempts: true, lastError: true },
  });
  if (!mail) throw notFound();
  if (!getEnv().SMTP_URL) throw new DomainError(409, "admin.outbox.retry.noSmtp");
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.mailMessage.updateMany({
      where: { id, status: "FAILED" },
      data: {
        status: "QUEUED",
        transport: "smtp",
        attempts: 0,
        nextAttemptAt: new Date(),
        lockedBy: null,
        lockedUntil: null,
      },
    });
    if (count !== 1) throw new DomainError(409, "admin.outbox.retry.notFailed");
    await audit(tx, {
      actorId: auth.user.id,
      action: "mail.retry",
      entityType: "MailMessage",
      entityId: id,
      before: { status: mail.status, attempts: mail.attempts, lastError: mail.lastError },
      after: { status: "QUEUED", to: mail.to },
      meta,
    });
  });
}
