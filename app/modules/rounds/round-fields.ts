// Pure helpers for a round's settings: product groups, required documents, pass line, the
// jurisdiction value of the form, and Vietnam-time date inputs. Shared by server and browser.
import type { LevelName, Scope } from "~/modules/access/permissions";
import { vnDay, vnDayStart } from "~/utils/date-range";
import { APP_TIME_ZONE } from "~/utils/dates";
import { LEVEL_RULES } from "./round-levels";
import { FILE_KINDS, type FileKindName } from "~/modules/producers/dossier";

// ───────────── product groups: app/modules/rounds/groups.ts (decision 049) ─────────────

export { PRODUCT_GROUPS, type ProductGroupName } from "./groups";

// ───────────── required documents ─────────────

// The FileKind values of prisma/schema.prisma live in one list, next to the dossier rules.
export { FILE_KINDS, type FileKindName };

/**
 * Every dossier has at least 3 product photos and a copy of the business registration
 * (Circular 26/2014/TT-BCT, dossier items 1–2), whatever the round asks for besides.
 */
export const ALWAYS_REQUIRED_DOCUMENTS: readonly FileKindName[] = ["PHOTO", "BUSINESS_REGISTRATION"];

/** The documents a round may additionally require ("other" is never a requirement). */
export const OPTIONAL_DOCUMENTS: readonly FileKindName[] = FILE_KINDS.filter(
  (k) => !ALWAYS_REQUIRED_DOCUMENTS.includes(k) && k !== "OTHER",
);

/**
 * Chosen for a new round unless the organiser unticks them: the registration form (01) and the
 * product description (02), generated from the producer's data or uploaded signed (decision 028).
 */
export const DEFAULT_ROUND_DOCUMENTS: readonly FileKindName[] = ["REGISTRATION_FORM", "DESCRIPTION_FORM"];

/** A round's required documents: the always-required ones plus the chosen ones, canonical order. */
export function normaliseDocuments(chosen: readonly string[]): FileKindName[] {
  const set = new Set<string>([...ALWAYS_REQUIRED_DOCUMENTS, ...chosen]);
  return FILE_KINDS.filter((k) => set.has(k) && k !== "OTHER");
}

/** The kinds a round stores as RoundDocument rows: the chosen optional ones (decision 052). */
function chosenDocuments(docs: readonly string[]): FileKindName[] {
  return normaliseDocuments(docs).filter((k) => OPTIONAL_DOCUMENTS.includes(k));
}

/** A round's RoundDocument rows as its full list of required documents, canonical order. */
export const documentList = (rows: ReadonlyArray<{ kind: string }>): FileKindName[] =>
  normaliseDocuments(rows.map((r) => r.kind));

/** Nested create of a new round's RoundDocument rows (always-required kinds are implied, not stored). */
export const createDocuments = (docs: readonly string[]) => ({
  create: chosenDocuments(docs).map((kind) => ({ kind })),
});

/** Nested write replacing a round's RoundDocument rows. */
export const replaceDocuments = (docs: readonly string[]) => ({ deleteMany: {}, ...createDocuments(docs) });

// ───────────── pass line ─────────────

export const DEFAULT_PASS_LINE = 70;

/** 0–100 in steps of 0.5 (the mean of judges' totals is compared with it). */
export const isValidPassLine = (v: number): boolean =>
  Number.isFinite(v) && v >= 0 && v <= 100 && Number.isInteger(v * 2);

// ───────────── jurisdiction as one form value ─────────────
// One select carries level and jurisdiction together ("PROVINCE:<id>", "REGION:<id>", "NATION"),
// so the form cannot name a level with another level's jurisdiction, with or without JavaScript.

export function jurisdictionValue(scope: Scope): string {
  switch (LEVEL_RULES[scope.level].jurisdiction) {
    case "province":
      return `${scope.level}:${scope.provinceId ?? ""}`;
    case "region":
      return `${scope.level}:${scope.regionId ?? ""}`;
    default:
      return scope.level;
  }
}

const JURISDICTION = /^([A-Z]+)(?::([A-Za-z0-9_-]{1,100}))?$/;

/** The scope a jurisdiction value names; null if it is malformed. */
export function parseJurisdiction(value: string): (Scope & { level: LevelName }) | null {
  const m = JURISDICTION.exec(value);
  if (!m?.[1] || !(m[1] in LEVEL_RULES)) return null;
  const level = m[1] as LevelName;
  const id = m[2] ?? null;
  switch (LEVEL_RULES[level].jurisdiction) {
    case "province":
      return id ? { level, provinceId: id, regionId: null } : null;
    case "region":
      return id ? { level, regionId: id, provinceId: null } : null;
    case "nation":
      return id ? null : { level, provinceId: null, regionId: null };
    default:
      return null;
  }
}

// ───────────── dates in Vietnam time ─────────────
// <input type="datetime-local"> sends "yyyy-mm-ddTHH:mm" without a zone: it is Vietnam time
// (UTC+7, no daylight saving) whatever the server's or the browser's zone is.

const LOCAL_DATETIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The instant of a Vietnam wall-clock "yyyy-mm-ddTHH:mm"; null if it is not a real time. */
export function vnDateTime(value: string): Date | null {
  const m = LOCAL_DATETIME.exec(value.trim());
  if (!m) return null;
  const date = new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4] ?? "00"}+07:00`);
  if (Number.isNaN(date.getTime())) return null;
  // Reject 2026-02-31T10:00 and 24:30, which Date would roll over.
  return toVnDateTimeInput(date) === `${m[1]}T${m[2]}:${m[3]}` ? date : null;
}

/** "yyyy-mm-ddTHH:mm" in Vietnam time, the value of a datetime-local input. */
export function toVnDateTimeInput(date: Date | string | null | undefined): string {
  if (!date) return "";
  const d = new Date(date);
  if (Number.isNaN(d.getTime())) return "";
  const time = new Intl.DateTimeFormat("en-GB", {
    timeZone: APP_TIME_ZONE,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(d);
  return `${vnDay(d)}T${time}`;
}

/** "yyyy-mm-dd" in Vietnam time, the value of a date input. */
export function toVnDateInput(date: Date | string | null | undefined): string {
  if (!date) return "";
  const d = new Date(date);
  return Number.isNaN(d.getTime()) ? "" : vnDay(d);
}

/** Midnight in Vietnam at the start of a "yyyy-mm-dd" day; null if it is not a real date. */
export const vnDate = (value: string): Date | null => vnDayStart(value.trim());

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Calendar days in Vietnam from today to the deadline's day: 0 = the deadline is today,
 * 1 = tomorrow, negative = passed. What a producer reads as "còn N ngày".
 */
export function vnDaysLeft(deadline: Date | string, now: Date = new Date()): number {
  const end = vnDayStart(vnDay(new Date(deadline)))!;
  const today = vnDayStart(vnDay(now))!;
  return Math.round((end.getTime() - today.getTime()) / DAY_MS);
}

/** The current year in Vietnam (the default year of a new round). */
export const vnYear = (now: Date = new Date()): number => Number(vnDay(now).slice(0, 4));
