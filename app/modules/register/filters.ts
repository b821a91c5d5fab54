// The public register's filters (issue #5 "Public register"): one zod schema per search param,
// a lenient parser for the pages (a bad value is dropped and reported, never a 500) and a strict
// one for the open-data API (a bad value is a 400, so a client's typo never silently widens the
// result), and the canonical URL of any combination. Pure: shared by loaders, links and tests.
import { z } from "zod";
import { MAX_PAGE } from "~/utils/paging";
import { normalizeSearch } from "~/utils/text";

export const REGISTER_PAGE_SIZE = 24;
export const API_DEFAULT_PAGE_SIZE = 50;
export const API_MAX_PAGE_SIZE = 100;
/** Rows in one download (Excel, CSV, PDF); the file says so when the list is longer. */
export const EXPORT_CAP = 5000;
/** The search box keeps this many characters and words; more is cut, not refused. */
export const Q_MAX_LENGTH = 100;
export const Q_MAX_WORDS = 8;

export const SORTS = ["newest", "name", "province", "level"] as const;
export type RegisterSort = (typeof SORTS)[number];
export const DEFAULT_SORT: RegisterSort = "newest";

export const STATUSES = ["valid", "expired", "revoked"] as const;
export type RegisterStatus = (typeof STATUSES)[number];

/** Highest tier first: the order of the "level" sort and of the level filter's options. */
export const LEVELS = ["NATION", "REGION", "PROVINCE", "COMMUNE"] as const;
export type RegisterLevel = (typeof LEVELS)[number];

export const GROUPS = ["A", "B", "C", "D"] as const;
export type RegisterGroup = (typeof GROUPS)[number];

/** The prize filter (decision 029): any prize ("có giải") or one tier. */
export const PRIZE_FILTERS = ["any", "a", "b", "c", "encouragement"] as const;
export type RegisterPrize = (typeof PRIZE_FILTERS)[number];

export const REGION_CODES = ["NORTH", "CENTRAL", "SOUTH"] as const;
export type RegisterRegion = (typeof REGION_CODES)[number];

/** The certificates' first year on paper is far back; the bounds only keep nonsense out. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** Statistics: the key of the row counting certificates without a province or region. */
export const UNKNOWN_KEY = "-";

export const FILTER_KEYS = ["q", "province", "region", "group", "level", "year", "status", "prize"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const Q = () =>
  z
    .string()
    .transform((s) => s.replace(/\s+/g, " ").trim().slice(0, Q_MAX_LENGTH).trim())
    .pipe(z.string().min(1));
/** Province codes: current ones ("BN", "HCM") and former ones ("F-BG"). Existence is checked in the database. */
const Province = () =>
  z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(/^(F-)?[A-Z]{2,4}$/));
const Upper = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .pipe(z.enum(values));
const Lower = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .trim()
    .transform((s) => s.toLowerCase())
    .pipe(z.enum(values));
const IntString = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,9}$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** One schema per search param; a value that fails its schema is dropped (pages) or refused (API). */
const buildParamSchemas = () => ({
  q: Q(),
  province: Province(),
  region: Upper(REGION_CODES),
  group: Upper(GROUPS),
  level: Upper(LEVELS),
  year: IntString(MIN_YEAR, MAX_YEAR),
  status: Lower(STATUSES),
  prize: Lower(PRIZE_FILTERS),
  sort: Lower(SORTS),
  page: IntString(1, MAX_PAGE),
  pageSize: IntString(1, API_MAX_PAGE_SIZE),
});
type RegisterParamSchemas = ReturnType<typeof buildParamSchemas>;
// Built on first use, not at import: the pages' components import this module's constants and
// URL helpers, and schemas built at module level would pull zod into the browser (decision 015).
let paramSchemas: RegisterParamSchemas | undefined;

export interface RegisterFilters {
  q?: string;
  province?: string;
  region?: RegisterRegion;
  group?: RegisterGroup;
  level?: RegisterLevel;
  year?: number;
  status?: RegisterStatus;
  prize?: RegisterPrize;
  sort: RegisterSort;
  page: number;
}

export interface ParsedFilters {
  filters: RegisterFilters;
  /** Params that were present but not valid, in a fixed order (shown on the page, or the API's 400). */
  invalid: string[];
}

type ParamInput = URLSearchParams | Record<string, string | undefined>;

function paramGetter(input: ParamInput): (key: string) => string | undefined {
  if (input instanceof URLSearchParams) return (k) => input.get(k) ?? undefined;
  return (k) => input[k];
}

function parseField<K extends keyof RegisterParamSchemas>(key: K, raw: string | undefined, invalid: string[]) {
  // An empty field is what a GET form sends for "all": absent, not invalid.
  if (raw === undefined || raw.trim() === "") return undefined;
  const result = (paramSchemas ??= buildParamSchemas())[key].safeParse(raw);
  if (result.success) return result.data as z.output<RegisterParamSchemas[K]>;
  // A search box holding only blanks is not an error either.
  if (key !== "q") invalid.push(key);
  return undefined;
}

/**
 * The filters of a register URL. Lenient: invalid values (page=-3, level=FOO, year=abc) are
 * dropped and listed in `invalid`; the page then shows the unfiltered value and a notice.
 */
export function parseRegisterFilters(input: ParamInput): ParsedFilters {
  const get = paramGetter(input);
  const invalid: string[] = [];
  const filters: RegisterFilters = {
    q: parseField("q", get("q"), invalid),
    province: parseField("province", get("province"), invalid),
    region: parseField("region", get("region"), invalid),
    group: parseField("group", get("group"), invalid),
    level: parseField("level", get("level"), invalid),
    year: parseField("year", get("year"), invalid),
    status: parseField("status", get("status"), invalid),
    prize: parseField("prize", get("prize"), invalid),
    sort: parseField("sort", get("sort"), invalid) ?? DEFAULT_SORT,
    page: parseField("page", get("page"), invalid) ?? 1,
  };
  for (const k of Object.keys(filters) as Array<keyof RegisterFilters>) if (filters[k] === undefined) delete filters[k];
  return { filters, invalid };
}

export interface ApiParams extends ParsedFilters {
  pageSize: number;
}

/** The open-data API's params: the same filters plus pageSize; the caller answers 400 when `invalid` is not empty. */
export function parseApiParams(input: ParamInput): ApiParams {
  const parsed = parseRegisterFilters(input);
  const pageSize = parseField("pageSize", paramGetter(input)("pageSize"), parsed.invalid) ?? API_DEFAULT_PAGE_SIZE;
  return { ...parsed, pageSize };
}

/** The words a search must all contain, normalised like Certificate.searchText (no diacritics, lower case). */
export function searchWords(q: string | undefined): string[] {
  if (!q) return [];
  // Punctuation separates words ("vải-thiều", "Miền Trung – Tây Nguyên") and never reaches LIKE.
  const words = normalizeSearch(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return [...new Set(words)].slice(0, Q_MAX_WORDS);
}

/** A certificate's serial typed into the search box ("gcn-bn-2024-0007"), upper-cased; else null. */
export function serialQuery(q: string | undefined): string | null {
  const s = q?.trim().toUpperCase();
  return s && /^GCN-[A-Z0-9-]{3,40}$/.test(s) ? s : null;
}

/** True when any filter (not sort or page) is set. */
export function hasFilters(filters: Partial<RegisterFilters>): boolean {
  return FILTER_KEYS.some((k) => filters[k] !== undefined && filters[k] !== "");
}

/**
 * The canonical search string of a filter combination ("?q=…&province=BN&status=valid"), params
 * in a fixed order, defaults (sort=newest, page=1) left out; "" when nothing is set. Two people
 * sharing the same filters share the same URL (and the same cache entry).
 */
export function registerSearch(
  filters: Partial<RegisterFilters>,
  overrides: Partial<RegisterFilters> & { pageSize?: number } = {},
): string {
  const f: Partial<RegisterFilters> & { pageSize?: number } = { ...filters, ...overrides };
  const params = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = f[k];
    if (v !== undefined && v !== "") params.set(k, String(v));
  }
  if (f.sort && f.sort !== DEFAULT_SORT) params.set("sort", f.sort);
  if (f.page && f.page > 1) params.set("page", String(f.page));
  if (f.pageSize !== undefined) params.set("pageSize", String(f.pageSize));
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** The filters without paging: what an export or a "clear sort" link keeps. */
export function withoutPage(filters: RegisterFilters): RegisterFilters {
  return { ...filters, page: 1 };
}

// ───────────── labels shared by the pages and the downloads ─────────────

type Translate = (key: "register.province.nowPartOf", params: { name: string; current: string }) => string;

/** "Bắc Giang (nay là Bắc Ninh)" for a former province, the plain name otherwise; "" when unknown. */
export function provinceText(p: { name: string; nowPartOf: string | null } | null | undefined, t: Translate): string {
  if (!p) return "";
  return p.nowPartOf ? t("register.province.nowPartOf", { name: p.name, current: p.nowPartOf }) : p.name;
}

/** Jurisdiction texts are stored as they read mid-sentence ("cấp tỉnh Bắc Ninh"); a cell starts with a capital. */
export function capitalise(text: string): string {
  return text ? text.charAt(0).toLocaleUpperCase("vi") + text.slice(1) : text;
}
