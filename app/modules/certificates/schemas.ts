// Forms of the recognition page (issue #5): the decision, revoking and the bulk download (the
// signed-scan and issue forms carry nothing but their intent and the file). One zod schema per
// form, shared by Conform in the browser and the server.
// Messages are translation keys (app/locales/*/certificates.ts). The service re-checks every
// rule (dates against the finalisation day and today, lengths), so a form that skips the browser
// is refused the same way.
import { z } from "zod";
import { IdParam } from "~/modules/entries/schemas";

export const CertificateId = IdParam;

/** Limits shared by the form and the service. */
export const DECISION_LIMITS = { number: 50, authority: 200, signerName: 120, signerTitle: 120 } as const;
export const REVOKE_REASON_MIN = 10;
export const REVOKE_REASON_MAX = 1000;
/** A signed scan of a decision with its annex is larger than a photo: its own limit, in MB. */
export const DECISION_SCAN_MAX_MB = 20;

const text = (max: number, required: string, tooLong: string) =>
  z.string({ error: required }).trim().min(1, required).max(max, tooLong);

export const DOCUMENT_SOURCES = ["GENERATED", "UPLOADED"] as const;
export type DocumentSource = (typeof DOCUMENT_SOURCES)[number];

export const DecisionSchema = z.object({
  intent: z.literal("decision"),
  number: text(DECISION_LIMITS.number, "certificates.decision.number.required", "certificates.decision.number.tooLong"),
  // yyyy-mm-dd from <input type="date">; the day is checked against today and the finalisation day by the service.
  signedAt: z
    .string({ error: "certificates.decision.signedAt.required" })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "certificates.decision.signedAt.invalid"),
  authority: text(
    DECISION_LIMITS.authority,
    "certificates.decision.authority.required",
    "certificates.decision.tooLong",
  ),
  signerName: text(
    DECISION_LIMITS.signerName,
    "certificates.decision.signerName.required",
    "certificates.decision.tooLong",
  ),
  signerTitle: text(
    DECISION_LIMITS.signerTitle,
    "certificates.decision.signerTitle.required",
    "certificates.decision.tooLong",
  ),
  documentSource: z.enum(DOCUMENT_SOURCES, { error: "certificates.decision.documentSource.required" }),
});
export type DecisionForm = z.infer<typeof DecisionSchema>;

export const RevokeSchema = z.object({
  intent: z.literal("revoke"),
  certificateId: CertificateId,
  reason: z
    .string({ error: "certificates.revoke.reason.required" })
    .trim()
    .min(REVOKE_REASON_MIN, "certificates.revoke.reason.tooShort")
    .max(REVOKE_REASON_MAX, "certificates.revoke.reason.tooLong"),
});

export const BULK_FORMATS = ["pdf", "zip"] as const;
export type BulkFormat = (typeof BULK_FORMATS)[number];
export const BulkSchema = z.object({ format: z.enum(BULK_FORMATS, { error: "certificates.bulk.format.required" }) });

/** Bulk job ids: 22 characters of base64url (128 random bits), nothing that could name a path. */
export const JobId = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
