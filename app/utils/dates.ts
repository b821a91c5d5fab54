// Dates are shown as dd/mm/yyyy in Vietnam's time zone whatever the server's zone is.
export const APP_TIME_ZONE = "Asia/Ho_Chi_Minh";

// Built once: constructing an Intl.DateTimeFormat costs far more than formatting with one, and a
// register page formats hundreds of dates.
const FORMAT = new Intl.DateTimeFormat("en-GB", {
  timeZone: APP_TIME_ZONE,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function parts(date: Date | string | number) {
  const d = date instanceof Date ? date : new Date(date);
  const out: Record<string, string> = {};
  for (const p of FORMAT.formatToParts(d)) out[p.type] = p.value;
  return out;
}

/** 13/05/2024 */
export function formatDate(date: Date | string | number | null | undefined): string {
  if (date === null || date === undefined || date === "") return "";
  const p = parts(date);
  return `${p.day}/${p.month}/${p.year}`;
}

/** 13/05/2024 08:30 */
export function formatDateTime(date: Date | string | number | null | undefined): string {
  if (date === null || date === undefined || date === "") return "";
  const p = parts(date);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}
