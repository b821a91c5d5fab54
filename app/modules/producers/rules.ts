// Pure rules for what producers type about their establishment and products. Shared by the zod
// schemas (browser and server) and the domain services, which re-check before writing.
import type { MessageKey } from "~/utils/i18n";

export const LEGAL_FORMS = ["SME", "COOPERATIVE", "COOP_GROUP", "HOUSEHOLD"] as const;
export type LegalFormName = (typeof LEGAL_FORMS)[number];

export const PRODUCT_GROUPS = ["A", "B", "C", "D"] as const;
export type ProductGroupName = (typeof PRODUCT_GROUPS)[number];

// ───────────── registration number (số đăng ký kinh doanh) ─────────────
//
// People copy the number from a paper certificate, often with spaces or dots ("2400 123 456",
// "0101.234.567"): those are removed before checking and storing, and letters are upper-cased,
// so the same certificate is always stored the same way and the uniqueness per legal form holds.
//
// - Enterprises (SME) and cooperatives: the enterprise / cooperative code is the 10-digit tax
//   code (Law on Enterprises 2020 and Decree 01/2021/NĐ-CP; Law on Cooperatives 2023 and Decree
//   92/2024/NĐ-CP). A branch or representative office has the parent's 10 digits, a hyphen and a
//   3-digit suffix: "0101234567-001".
// - Household businesses (hộ kinh doanh) and cooperative groups (tổ hợp tác): their certificate
//   or cooperation-contract numbers follow no single national pattern (older household
//   certificates look like "27A8001234"; many cooperative groups only hold a contract noted by
//   the commune). Accepted:
//   6–20 letters (A–Z and Đ) and digits; "-" or "/" may separate parts inside the number, as
//   in contract numbers like "05/2020/HĐHT".
export const ENTERPRISE_CODE = /^\d{10}(-\d{3})?$/;
export const FREE_REGISTRATION = /^[A-ZĐ0-9](?:[A-ZĐ0-9/-]*[A-ZĐ0-9])?$/;

export function normalizeRegistrationNumber(input: string): string {
  return input.replace(/[\s.]/g, "").toUpperCase();
}

export const hasEnterpriseCode = (form: LegalFormName) => form === "SME" || form === "COOPERATIVE";

export type RegistrationProblem = "required" | "enterpriseCode" | "freeForm";

/** Why a registration number is not acceptable for this legal form; null when it is. */
export function registrationNumberProblem(form: LegalFormName, input: string): RegistrationProblem | null {
  const value = normalizeRegistrationNumber(input);
  if (!value) return "required";
  if (hasEnterpriseCode(form)) return ENTERPRISE_CODE.test(value) ? null : "enterpriseCode";
  return value.length >= 6 && value.length <= 20 && FREE_REGISTRATION.test(value) ? null : "freeForm";
}

// ───────────── phone ─────────────
//
// Vietnamese numbers as people write them: "0912 345 014", "0912.345.014", "+84 912 345 014".
// Mobiles have 10 digits from the leading 0; landlines have 11 (0 + area code 2xx + 7–8 digits,
// since the 2017 renumbering). The international form replaces the leading 0 with +84.
// Spaces, dots and hyphens between digit groups are ignored.
const PHONE = /^(?:0|\+84)(?:[1-9]\d{8}|2\d{9})$/;

export function compactPhone(input: string): string {
  return input.replace(/[\s.-]/g, "");
}

export function isValidPhone(input: string): boolean {
  return PHONE.test(compactPhone(input));
}

/** What is stored: the number as typed, with runs of spaces collapsed. */
export function tidyPhone(input: string): string {
  return input.trim().replace(/\s+/g, " ");
}

// ───────────── dates ─────────────

const VN_DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Ho_Chi_Minh",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Today's date in Vietnam as YYYY-MM-DD, whatever the server's time zone. */
export function todayInVietnam(now: Date = new Date()): string {
  return VN_DAY.format(now);
}

/** A Date as the YYYY-MM-DD of its day in Vietnam (for <input type="date"> default values). */
export function dateInputValue(date: Date | string | null | undefined): string {
  if (!date) return "";
  return VN_DAY.format(date instanceof Date ? date : new Date(date));
}

/**
 * A calendar date typed in a form: YYYY-MM-DD (what <input type="date"> sends) or DD/MM/YYYY
 * (what people type where the browser shows a plain text box). Returns YYYY-MM-DD, or null for
 * anything else or an impossible day (31/02).
 */
export function parseDateInput(input: string): string | null {
  const s = input.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  if (y < 1900 || m < 1 || m > 12 || d < 1) return null;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > daysInMonth) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

export type DateProblem = "invalid" | "future";

export function registrationDateProblem(input: string, now: Date = new Date()): DateProblem | null {
  const iso = parseDateInput(input);
  if (!iso) return "invalid";
  return iso > todayInVietnam(now) ? "future" : null;
}

/** The stored instant of a calendar date: midnight in Vietnam (as the seed does). */
export function dateFromInput(iso: string): Date {
  return new Date(`${iso}T00:00:00+07:00`);
}

// ───────────── product sets ─────────────

/** The items of a product set, one per line; list markers ("-", "•", "1.") are dropped. */
export function parseSetItems(input: string | null | undefined): string[] {
  return (input ?? "")
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:[-–•*+]|\d{1,2}[.)])\s*/, "").trim())
    .filter(Boolean);
}

export const SET_MIN_ITEMS = 2;
export const SET_MAX_ITEMS = 50;

// ───────────── numbers as Vietnamese people type them (forms 01 and 02) ─────────────
//
// Vietnamese writes a decimal comma and groups thousands with dots: "1.250,5" is 1250.5 and
// "1.500" is one thousand five hundred, not one and a half — a revenue read the English way
// would be a thousand times too small. A lone dot followed by anything but groups of three
// digits ("12.5") is taken as a decimal point, as browsers' number inputs send it.
const GROUPED = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;

/** A typed number as a JavaScript number string ("1.250,5" → "1250.5"); anything else unchanged. */
export function vietnameseNumberInput(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const s = value.trim().replace(/\s+/g, "");
  if (!s) return value;
  if (GROUPED.test(s)) return s.replace(/\./g, "").replace(",", ".");
  if (/^-?\d+,\d+$/.test(s)) return s.replace(",", ".");
  return s;
}

/** Revenue in million VND: up to 100 000 000 million (10^14 VND), ample for any establishment. */
export const MAX_REVENUE_MILLION = 100_000_000;
export const MIN_REVENUE_YEAR = 2000;

/** The year of a revenue figure: a past or the current year (in Vietnam). */
export function revenueYearProblem(year: number, now: Date = new Date()): "invalid" | "future" | null {
  if (!Number.isInteger(year) || year < MIN_REVENUE_YEAR) return "invalid";
  return year > Number(todayInVietnam(now).slice(0, 4)) ? "future" : null;
}

// ───────────── cross-field checks, shared by the forms and the services ─────────────

export interface Problem {
  field: string;
  key: MessageKey;
}

const REGISTRATION_MESSAGE: Record<RegistrationProblem, MessageKey> = {
  required: "producers.error.required",
  enterpriseCode: "producers.error.registrationNumber.enterpriseCode",
  freeForm: "producers.error.registrationNumber.freeForm",
};

/** Rules of an establishment that a plain field type cannot express. */
export function establishmentProblems(
  v: { legalForm?: string; registrationNumber?: string; registrationDate?: string; phone?: string },
  now: Date = new Date(),
): Problem[] {
  const out: Problem[] = [];
  if ((LEGAL_FORMS as readonly string[]).includes(v.legalForm ?? "") && typeof v.registrationNumber === "string") {
    const problem = registrationNumberProblem(v.legalForm as LegalFormName, v.registrationNumber);
    if (problem) out.push({ field: "registrationNumber", key: REGISTRATION_MESSAGE[problem] });
  }
  if (typeof v.registrationDate === "string") {
    const problem = registrationDateProblem(v.registrationDate, now);
    if (problem)
      out.push({
        field: "registrationDate",
        key: problem === "future" ? "producers.error.date.future" : "producers.error.date.invalid",
      });
  }
  if (typeof v.phone === "string" && !isValidPhone(v.phone)) out.push({ field: "phone", key: "producers.error.phone" });
  return out;
}

/**
 * A set lists at least two items; OCOP stars and their certificate number go together, and so do
 * a revenue and its year (a past or the current one).
 */
export function productProblems(
  v: {
    kind?: string;
    setItems?: string | null;
    ocopStars?: number | null;
    ocopCertNumber?: string | null;
    revenue?: number | null;
    revenueYear?: number | null;
  },
  now: Date = new Date(),
): Problem[] {
  const out: Problem[] = [];
  const hasRevenue = v.revenue !== undefined && v.revenue !== null;
  const hasYear = v.revenueYear !== undefined && v.revenueYear !== null;
  if (hasRevenue && !hasYear) out.push({ field: "revenueYear", key: "forms.error.revenueYearRequired" });
  if (!hasRevenue && hasYear) out.push({ field: "revenue", key: "forms.error.revenueRequired" });
  if (hasYear) {
    const problem = revenueYearProblem(v.revenueYear!, now);
    if (problem)
      out.push({
        field: "revenueYear",
        key: problem === "future" ? "forms.error.revenueYearFuture" : "forms.error.revenueYear",
      });
  }
  if (v.kind === "set") {
    const items = parseSetItems(v.setItems);
    if (items.length < SET_MIN_ITEMS) out.push({ field: "setItems", key: "producers.error.setItems" });
    else if (items.length > SET_MAX_ITEMS) out.push({ field: "setItems", key: "producers.error.setItemsTooMany" });
  }
  const hasStars = v.ocopStars !== undefined && v.ocopStars !== null;
  const hasNumber = !!v.ocopCertNumber?.trim();
  if (hasStars && !hasNumber) out.push({ field: "ocopCertNumber", key: "producers.error.ocopCertNumber" });
  if (!hasStars && hasNumber) out.push({ field: "ocopStars", key: "producers.error.ocopStars" });
  return out;
}
