// Date filters of the lists (admin, rounds, complaints). <input type="date"> sends yyyy-mm-dd; a day means a day in
// Vietnam (UTC+7, no daylight saving), whatever the server's time zone is.
import { APP_TIME_ZONE } from "./dates";

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const VN_OFFSET = "+07:00";

/** Midnight in Vietnam at the start of a yyyy-mm-dd day; null if it is not a real date. */
export function vnDayStart(day: string): Date | null {
  const m = ISO_DAY.exec(day);
  if (!m) return null;
  const date = new Date(`${day}T00:00:00${VN_OFFSET}`);
  if (Number.isNaN(date.getTime())) return null;
  // Reject 2026-02-31 and the like, which Date would roll over into March.
  return vnDay(date) === day ? date : null;
}

/** Midnight in Vietnam at the end of a yyyy-mm-dd day (exclusive upper bound). */
export function vnDayEnd(day: string): Date | null {
  const start = vnDayStart(day);
  return start ? new Date(start.getTime() + 24 * 60 * 60 * 1000) : null;
}

/** The yyyy-mm-dd day in Vietnam of an instant. */
export function vnDay(date: Date): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: APP_TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(date);
}

/** Start of today in Vietnam. */
export function vnStartOfToday(now = new Date()): Date {
  return vnDayStart(vnDay(now))!;
}
