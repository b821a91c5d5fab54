// The mail outbox as administrators read it (every mail is stored before it is sent).
import type { Prisma } from "~/generated/sqlite/client.ts";
import { canReadOutbox } from "~/modules/access/permissions";
import type { Auth } from "~/modules/auth/auth.server";
import { prisma } from "~/utils/db.server";
import { forbidden, notFound } from "~/utils/errors";
import { paging } from "./paging";

export async function listMails(auth: Auth, opts: { page: number; to?: string }) {
  if (!canReadOutbox(auth.roles)) throw forbidden();
  const to = opts.to?.trim().toLowerCase();
  const where: Prisma.MailMessageWhereInput = to ? { to: { contains: to } } : {};
  const p = paging(opts.page, await prisma.mailMessage.count({ where }));
  const items = await prisma.mailMessage.findMany({
    where,
    select: { id: true, to: true, subject: true, status: true, createdAt: true },
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
    select: { id: true, to: true, subject: true, text: true, status: true, transport: true, error: true, sentAt: true, createdAt: true },
  });
  if (!mail) throw notFound();
  return mail;
}
