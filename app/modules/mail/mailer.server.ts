// All mail leaves through sendMail(). Every message is first stored in the outbox table (so the
// demo works with no mail server and administrators can read what was sent); when SMTP_URL is
// set it is also delivered by SMTP (nodemailer) and marked SENT or FAILED.
import { getEnv } from "~/utils/env.server";
import type { Db } from "~/utils/db.server";
import { getLogger } from "~/utils/logger.server";

const log = getLogger("mail");

export interface MailInput {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

type Transport = { sendMail(m: { from: string; to: string; subject: string; text: string; html?: string }): Promise<unknown> };
let transport: Transport | null | undefined;

async function smtpTransport(): Promise<Transport | null> {
  if (transport !== undefined) return transport;
  const url = getEnv().SMTP_URL;
  // nodemailer is loaded only where SMTP is configured, on the first mail (not at the server's start).
  transport = url ? ((await import("nodemailer")).default.createTransport(url) as Transport) : null;
  return transport;
}

/** Test hook: use another transport (e.g. a local SMTP stand-in) or none. */
export function setMailTransportForTests(t: Transport | null | undefined) {
  transport = t;
}

export async function sendMail(db: Db, mail: MailInput) {
  const smtp = await smtpTransport();
  const message = await db.mailMessage.create({
    data: { to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, transport: smtp ? "smtp" : "outbox", status: "STORED" },
  });
  if (!smtp) return message;
  try {
    await smtp.sendMail({ from: getEnv().MAIL_FROM, ...mail });
    return db.mailMessage.update({ where: { id: message.id }, data: { status: "SENT", sentAt: new Date() } });
  } catch (error) {
    log.error({ err: error, messageId: message.id }, "mail delivery failed");
    return db.mailMessage.update({
      where: { id: message.id },
      data: { status: "FAILED", error: String(error instanceof Error ? error.message : error).slice(0, 1000) },
    });
  }
}
