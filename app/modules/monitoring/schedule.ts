// The yearly confirmation of a certified product (issue #14, docs/decisions/040): pure rules of
// dates, tested in schedule.test.ts. A certificate is valid from issue to 31/12 of the fourth year
// (validity.ts); during that time the holder confirms once a year, on each anniversary of issue
// that falls within validity, that the product is still made as certified (or reports what
// changed). The window of a period opens REMINDER_DAYS before its anniversary (the reminder mail
// goes out then); a period with no confirmation once its anniversary day is over is overdue.
import { vnDate } from "~/modules/rounds/round-fields";
import { vnDay } from "~/utils/date-range";

export const REMINDER_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What a holder may report as changed since certification. */
export const CHANGE_KINDS = ["RECIPE", "PACKAGING", "ADDRESS", "OWNERSHIP"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface Period {
  /** 1 = first anniversary of issue. */
  period: number;
  /** The window opens (and the reminder goes out). */
  opensAt: Date;
  /** Midnight (Vietnam) starting the anniversary day; overdue from the next midnight. */
  dueAt: Date;
  overdueAt: Date;
}

/** The anniversary `years` after a Vietnam day "yyyy-mm-dd" (29/2 falls on 28/2 in other years). */
function anniversary(day: string, years: number): Date {
  const [y, m, d] = day.split("-");
  const year = Number(y) + years;
  return vnDate(`${year}-${m}-${d}`) ?? (vnDate(`${year}-${m}-28`) as Date);
}

/** The confirmation periods of a certificate: each anniversary of issue within its validity. */
export function confirmationPeriods(cert: { issuedAt: Date; validUntil: Date }): Period[] {
  const issueDay = vnDay(cert.issuedAt);
  const periods: Period[] = [];
  for (let k = 1; ; k++) {
    const dueAt = anniversary(issueDay, k);
    if (dueAt.getTime() > cert.validUntil.getTime()) break;
    periods.push({
      period: k,
      opensAt: new Date(dueAt.getTime() - REMINDER_DAYS * DAY_MS),
      dueAt,
      overdueAt: new Date(dueAt.getTime() + DAY_MS),
    });
  }
  return periods;
}

export type ObligationState =
  /** Revoked or expired: nothing more to confirm. */
  | "ended"
  /** No window open now; `next` says when the next one opens (null: none left). */
  | "notDue"
  /** The current period is confirmed. */
  | "confirmed"
  /** Open, not yet confirmed, not yet overdue. */
  | "open"
  /** Not confirmed and its anniversary is past. */
  | "overdue";

export interface Obligation {
  state: ObligationState;
  /** The period a confirmation made now would answer (open or overdue), else the last one opened. */
  current: Period | null;
  next: Period | null;
}

/**
 * Where a certificate stands at `now`: the latest period whose window has opened is the one that
 * counts (a missed earlier year is answered by confirming the current one, and until then the
 * certificate counts as overdue).
 */
export function obligationAt(
  cert: { issuedAt: Date; validUntil: Date; revokedAt: Date | null },
  confirmedPeriods: readonly number[],
  now: Date,
): Obligation {
  const periods = confirmationPeriods(cert);
  const t = now.getTime();
  const opened = periods.filter((p) => p.opensAt.getTime() <= t);
  const current = opened.at(-1) ?? null;
  const next = periods.find((p) => p.opensAt.getTime() > t) ?? null;
  if (cert.revokedAt || cert.validUntil.getTime() < t) return { state: "ended", current, next: null };
  if (!current) return { state: "notDue", current: null, next };
  if (confirmedPeriods.includes(current.period)) return { state: "confirmed", current, next };
  // A year missed before stays overdue while the next window is open: the holder has not
  // confirmed for more than a year.
  const missedBefore = opened.slice(0, -1).some((p) => !confirmedPeriods.includes(p.period));
  return { state: missedBefore || t >= current.overdueAt.getTime() ? "overdue" : "open", current, next };
}

/** Whether the reminder of the current period is due now (open or overdue, none sent yet). */
export function reminderDue(obligation: Obligation, remindedPeriods: readonly number[]): number | null {
  if (obligation.state !== "open" && obligation.state !== "overdue") return null;
  const period = obligation.current!.period;
  return remindedPeriods.includes(period) ? null : period;
}

/** Stored form of the reported changes: "" when unchanged, else a sorted comma list. */
export const changesText = (changes: readonly ChangeKind[]) =>
  CHANGE_KINDS.filter((c) => changes.includes(c)).join(",");
export const changesOf = (text: string): ChangeKind[] => CHANGE_KINDS.filter((c) => text.split(",").includes(c));

/**
 * The period a certificate is overdue on at `now`, the one the daily job flags (decision 040):
 * when the obligation is overdue, the latest period up to the current one whose anniversary is
 * past and that is not confirmed. Null when nothing is overdue.
 */
export function overduePeriod(
  cert: { issuedAt: Date; validUntil: Date; revokedAt: Date | null },
  confirmedPeriods: readonly number[],
  now: Date,
): Period | null {
  const obligation = obligationAt(cert, confirmedPeriods, now);
  if (obligation.state !== "overdue") return null;
  const t = now.getTime();
  const last = obligation.current!.period;
  return (
    confirmationPeriods(cert)
      .filter((p) => p.period <= last && p.overdueAt.getTime() <= t && !confirmedPeriods.includes(p.period))
      .at(-1) ?? null
  );
}
