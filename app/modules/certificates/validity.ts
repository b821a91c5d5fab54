// A certificate's validity (issue #5, domain.md "Decisions and certificates"): valid from issue
// until 31 December of the fourth year, counting the issue year as the first (issued 2024 → valid
// to 31/12/2027), in Vietnam's time zone. Its status is computed from the dates at read time —
// never stored as a flag that would rot: valid, expired (past the end date) or revoked.
import { vnYear } from "~/modules/rounds/round-fields";

export const VALIDITY_YEARS = 4;

/** The last instant of validity: 31/12 of issue year + 3, 23:59:59.999 in Asia/Ho_Chi_Minh. */
export function validUntilFor(issuedAt: Date): Date {
  const lastYear = vnYear(issuedAt) + VALIDITY_YEARS - 1;
  return new Date(`${lastYear}-12-31T23:59:59.999+07:00`);
}

export type CertificateStatus = "valid" | "expired" | "revoked";

export function certificateStatus(
  cert: { validUntil: Date | string; revokedAt?: Date | string | null },
  now: Date = new Date(),
): CertificateStatus {
  if (cert.revokedAt) return "revoked";
  return new Date(cert.validUntil).getTime() < now.getTime() ? "expired" : "valid";
}

/** Where clauses for each status at `now`, so lists filter in the database, not in memory. */
export function statusWhere(status: CertificateStatus, now: Date = new Date()) {
  if (status === "revoked") return { revokedAt: { not: null } };
  if (status === "expired") return { revokedAt: null, validUntil: { lt: now } };
  return { revokedAt: null, validUntil: { gte: now } };
}
