import type { MessageKey } from "~/utils/i18n";

/** Every state of MailMessage.status, in the order of its lifecycle (docs/decisions/020). */
export const MAIL_STATUSES = ["STORED", "QUEUED", "SENDING", "SENT", "FAILED"] as const;
export type MailStatusName = (typeof MAIL_STATUSES)[number];

/** Label of a MailMessage.status (STORED = kept in the outbox only, no SMTP configured). */
export const mailStatusKey = (status: string): MessageKey =>
  `admin.outbox.status.${(MAIL_STATUSES as readonly string[]).includes(status) ? status : "STORED"}` as MessageKey;
