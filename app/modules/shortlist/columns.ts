// The short list (danh sách trích ngang) as a table: which column is which, and the checks a row
// passes before the database is asked (issue #15, decision 044, docs/short-list.md). Pure: the
// same rules run on the preview and on the confirmation, whatever file the rows came from.
import { z } from "zod";
import type { MessageKey, TranslateParams } from "~/utils/i18n";
import { normalizeSearch } from "~/utils/text";

/** The columns the importer knows; the export writes all but `province` (nominations.server.ts). */
export const COLUMN_KEYS = [
  "no",
  "code",
  "product",
  "group",
  "establishment",
  "address",
  "serial",
  "issuedAt",
  "decision",
  "province",
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

/** Without these two a row cannot be matched to a certificate and checked. */
export const REQUIRED_COLUMNS: readonly ColumnKey[] = ["serial", "product"];

/** How each column is labelled in messages (the export's own header words). */
export const COLUMN_LABEL: Record<ColumnKey, MessageKey> = {
  no: "nominations.export.col.no",
  code: "nominations.export.col.code",
  product: "nominations.export.col.product",
  group: "nominations.export.col.group",
  establishment: "nominations.export.col.establishment",
  address: "nominations.export.col.address",
  serial: "nominations.export.col.serial",
  issuedAt: "nominations.export.col.issuedAt",
  decision: "nominations.export.col.decision",
  province: "nominations.shortlist.col.province",
};

/**
 * Header words, compared without accents, case, punctuation or spaces: the export's Vietnamese
 * and English headers and the wordings provinces' own spreadsheets use.
 */
const HEADER_ALIASES: Record<ColumnKey, string[]> = {
  no: ["stt", "tt", "no", "so thu tu"],
  code: ["ma so", "ma so binh chon", "ma ho so", "code", "entry code"],
  product: ["ten san pham", "san pham", "product", "product name"],
  group: ["nhom", "nhom san pham", "group", "product group"],
  establishment: ["co so", "ten co so", "chu the", "co so san xuat", "ten co so san xuat", "establishment", "producer"],
  address: ["dia chi", "address"],
  serial: ["so gcn", "so giay chung nhan", "so hieu gcn", "gcn", "certificate no", "certificate number", "certificate"],
  issuedAt: ["ngay cap", "ngay cap gcn", "issued on", "issued", "date issued"],
  decision: ["qd cong nhan", "quyet dinh cong nhan", "so quyet dinh", "recognition decision", "decision"],
  province: ["tinh", "tinh thanh pho", "tinh tp", "tinh/thanh pho", "province", "province city"],
};

const squash = (text: string) => normalizeSearch(text.replace(/^\uFEFF/, "")).replace(/[^a-z0-9]+/g, "");
const ALIAS_TO_KEY = new Map<string, ColumnKey>(
  COLUMN_KEYS.flatMap((k) => HEADER_ALIASES[k].map((a): [string, ColumnKey] => [squash(a), k])),
);

/** Column index → key for a header row, or null when the row lacks a required column. */
export function matchHeader(cells: readonly string[]): Map<number, ColumnKey> | null {
  const columns = new Map<number, ColumnKey>();
  const seen = new Set<ColumnKey>();
  cells.forEach((cell, i) => {
    const key = ALIAS_TO_KEY.get(squash(cell));
    if (key && !seen.has(key)) {
      columns.set(i, key);
      seen.add(key);
    }
  });
  return REQUIRED_COLUMNS.every((k) => seen.has(k)) ? columns : null;
}

/** One data line of the file: its row number there and its cells, as text. */
export interface ShortListRow {
  row: number;
  cells: Partial<Record<ColumnKey, string>>;
}

/** The upload limit (the route's multipart parser counts it while the file arrives). */
export const SHORTLIST_MAX_MB = 2;

/** At most this many data rows in one list (a national list is a few hundred). */
export const MAX_ROWS = 1000;
const MAX_CELL = 500;

/** The rows as the preview hands them to the confirmation (a hidden field), checked again there. */
export const ShortListRowsSchema = z
  .array(
    z.object({
      row: z.number().int().min(1).max(1_000_000),
      cells: z.partialRecord(z.enum(COLUMN_KEYS), z.string().max(MAX_CELL)),
    }),
  )
  .min(1)
  .max(MAX_ROWS);

/** A row of a table read from a file: its number and raw cells in column order. */
export interface TableLine {
  row: number;
  cells: string[];
}

export type TableReading =
  { ok: true; rows: ShortListRow[] } | { ok: false; messageKey: MessageKey; params?: TranslateParams };

/**
 * The data rows under the first header row found in the first ten lines (a province's file often
 * has a title above the table). Blank lines are skipped; row numbers stay those of the file.
 */
export function rowsFromTable(lines: readonly TableLine[]): TableReading {
  const headerAt = lines.slice(0, 10).findIndex((l) => matchHeader(l.cells) !== null);
  if (headerAt < 0) return { ok: false, messageKey: "nominations.shortlist.error.noHeader" };
  const columns = matchHeader(lines[headerAt]!.cells)!;
  const rows: ShortListRow[] = [];
  for (const line of lines.slice(headerAt + 1)) {
    const cells: ShortListRow["cells"] = {};
    for (const [i, key] of columns) {
      const value = (line.cells[i] ?? "").replace(/\s+/g, " ").trim();
      if (value) cells[key] = value.slice(0, MAX_CELL);
    }
    // A line with only its number (STT) filled in is a blank line of a template.
    if (Object.keys(cells).some((k) => k !== "no")) rows.push({ row: line.row, cells });
  }
  if (!rows.length) return { ok: false, messageKey: "nominations.shortlist.error.noRows" };
  if (rows.length > MAX_ROWS)
    return { ok: false, messageKey: "nominations.shortlist.error.tooManyRows", params: { max: MAX_ROWS } };
  return { ok: true, rows };
}

/** A problem with one row: where (row, column) and what, as a message key. */
export interface RowError {
  row: number;
  column: ColumnKey | null;
  messageKey: MessageKey;
  params?: TranslateParams;
}

/** "13/05/2024", "13-5-2024", "2024-05-13" or an Excel day number → "2024-05-13"; null when none. */
export function parseDay(text: string): string | null {
  const pad = (n: number) => String(n).padStart(2, "0");
  const valid = (y: number, m: number, d: number) => {
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
      ? `${y}-${pad(m)}-${pad(d)}`
      : null;
  };
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (m) return valid(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  // A day number (days since 30/12/1899) when a sheet lost the cell's date format.
  if (/^\d{5}$/.test(text)) {
    const date = new Date(Date.UTC(1899, 11, 30) + Number(text) * 86_400_000);
    return valid(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
  }
  return null;
}

/** Certificate serials and verification codes are compared without case or spaces. */
export const serialKey = (text: string) => text.replace(/\s+/g, "").toUpperCase();

/** Names are compared as the register searches them: without accents, case or extra spaces. */
export const sameName = (a: string, b: string) =>
  normalizeSearch(a)
    .replace(/[^a-z0-9]+/g, " ")
    .trim() ===
  normalizeSearch(b)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/**
 * What can be said of the rows without the database: a required cell left empty, a group that is
 * not A–D, a date that is not one, and the same certificate on two rows.
 */
export function rowShapeErrors(rows: readonly ShortListRow[]): RowError[] {
  const errors: RowError[] = [];
  const firstRowOf = new Map<string, number>();
  for (const r of rows) {
    for (const column of REQUIRED_COLUMNS) {
      if (!r.cells[column]) errors.push({ row: r.row, column, messageKey: "nominations.shortlist.error.required" });
    }
    const group = r.cells.group;
    if (group && !/^[A-D]$/i.test(group))
      errors.push({
        row: r.row,
        column: "group",
        messageKey: "nominations.shortlist.error.badGroup",
        params: { value: group },
      });
    const day = r.cells.issuedAt;
    if (day && !parseDay(day))
      errors.push({
        row: r.row,
        column: "issuedAt",
        messageKey: "nominations.shortlist.error.badDate",
        params: { value: day },
      });
    const serial = r.cells.serial ? serialKey(r.cells.serial) : "";
    if (!serial) continue;
    const first = firstRowOf.get(serial);
    if (first === undefined) firstRowOf.set(serial, r.row);
    else
      errors.push({
        row: r.row,
        column: "serial",
        messageKey: "nominations.shortlist.error.duplicate",
        params: { serial: r.cells.serial ?? "", first },
      });
  }
  return errors;
}

/** Errors in the order of the file: by row, then by column order. */
export function sortErrors(errors: RowError[]): RowError[] {
  const col = (c: ColumnKey | null) => (c === null ? -1 : COLUMN_KEYS.indexOf(c));
  return [...errors].sort((a, b) => a.row - b.row || col(a.column) - col(b.column));
}
