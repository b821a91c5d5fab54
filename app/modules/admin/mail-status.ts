import type { MessageKey } from "~/utils/i18n";

/** Label of a MailMessage.status (STORED = kept in the outbox only, no SMTP configured). */
export const mailStatusKey = (status: string): MessageKey =>
  status === "SENT" ? "admin.outbox.status.SENT" : status === "FAILED" ? "admin.outbox.status.FAILED" : "admin.outbox.status.STORED";
