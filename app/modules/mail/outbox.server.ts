// The transactional mail outbox (docs/decisions/020-mail-outbox-worker.md). Writing a mail is
// inserting a MailMessage row with the caller's transaction client, in the same transaction as
// the change that causes it: a rolled-back change leaves no mail, a committed one always has its
// mail. No request talks to SMTP; the worker (worker.server.ts) sends QUEUED rows later.
// Without SMTP_URL a mail is only STORED, for administrators to read at /admin/outbox.
import { getEnv } from "~/utils/env.server";
import type { Db, Tx } from "~/utils/db.server";
import { brandSubject, renderMailHtml } from "./mail-format";

export interface MailInput {
  to: string;
  subject: string;
  /** The plain-text part; the HTML part is made from it. */
  text: string;
  /** The recipient's language, for the HTML part's lang attribute. */
  locale?: string;
}

function row(mail: MailInput, smtp: boolean, now: Date) {
  const subject = brandSubject(mail.subject);
  return {
    to: mail.to,
    subject,
    text: mail.text,
    html: renderMailHtml({ subject, text: mail.text, locale: mail.locale }),
    transport: smtp ? "smtp" : "outbox",
    status: smtp ? ("QUEUED" as const) : ("STORED" as const),
    nextAttemptAt: smtp ? now : null,
  };
}

/** Writes one mail into the outbox, inside `db` (pass the transaction client of the change). */
export async function queueMail(db: Db | Tx, mail: MailInput) {
  return db.mailMessage.create({
    data: row(mail, !!getEnv().SMTP_URL, new Date()),
    select: { id: true, status: true },
  });
}

/** Writes several mails in one statement (e.g. one per producer when certificates are issued). */
export async function queueMails(db: Db | Tx, mails: MailInput[]): Promise<number> {
  if (!mails.length) return 0;
  const smtp = !!getEnv().SMTP_URL;
  const now = new Date();
  const { count } = await db.mailMessage.createMany({ data: mails.map((m) => row(m, smtp, now)) });
  return count;
}
