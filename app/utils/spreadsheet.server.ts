// Spreadsheet downloads (Excel and CSV) for every export of the app: the register's list, a
// round's entries, its results and its nominations. Both writers stream: a file of 5,000 rows is
// sent as it is made, in slices that give the event loop back every few milliseconds, so other
// requests never wait behind an export and memory stays at a few megabytes whatever the size
// (docs/decisions/013-streaming-exports.md).
//
// Cells are typed so people can compute with the files (#12 item 7, docs/decisions/026): a number
// is a number cell in Excel and an unformatted number in CSV ("85.5"); a Date is a calendar day
// in Vietnam, an Excel date shown dd/mm/yyyy and "13/05/2024" in CSV; dateTime(d) is a moment,
// dd/mm/yyyy hh:mm in both. Text stays text.
//
// CSV goes through csv-stringify with its formula escaping (OWASP's rule: a text cell starting
// with =, +, -, @, tab or CR gets a leading apostrophe), so a product named =HYPERLINK(…) reaches
// a spreadsheet as text. Excel text cells are always plain strings: exceljs writes them as inline
// strings, never formulas.
import { once } from "node:events";
import { PassThrough, Readable, type Writable } from "node:stream";
import type { stringify as stringifyType } from "csv-stringify";
import type ExcelJSType from "exceljs";
import { lazyRequire } from "./lazy-require.server";
import { timeSlicer } from "./time-slices.server";

// Loaded by the first export, not at the server's start (exceljs alone pulls in archiver, jszip
// and unzipper: docs/decisions/014).
const loadCsv = lazyRequire<{ stringify: typeof stringifyType }>("csv-stringify");
const loadExcel = lazyRequire<typeof ExcelJSType>("exceljs");

/**
 * A moment (date and time, Vietnam), as opposed to a Date cell, which is a calendar day. A plain
 * object, so a table survives the copy to the export thread (decision 027).
 */
export interface DateTimeCell {
  readonly at: Date;
}
export const dateTime = (at: Date | null | undefined): DateTimeCell | null => (at ? { at } : null);
const isMoment = (cell: Cell): cell is DateTimeCell =>
  typeof cell === "object" && cell !== null && !(cell instanceof Date) && cell.at instanceof Date;

/** One cell: text, a number, a calendar day (Date), a moment (dateTime) or empty. */
export type Cell = string | number | Date | DateTimeCell | null | undefined;

/** A header row and its rows. */
export interface Table {
  header: string[];
  rows: Cell[][];
}

/** A row of an Excel sheet; `bold` rows are headings. */
export type SheetRow = Cell[] | { cells: Cell[]; bold: true };

export interface Sheet {
  /** Cut to Excel's 31 characters, without the characters Excel refuses. */
  name: string;
  /** Width of each column, in characters. */
  widths: readonly number[];
  /** A bold header row, frozen at the top. */
  header?: string[];
  /** Filter buttons on the header row. */
  autoFilter?: boolean;
  /** An array, or rows read as they are written (an async source: a database read page by page, decision 051). */
  rows: Rows<SheetRow>;
}

/** Rows a writer takes one by one: never copied into an array by the writer. */
export type Rows<T> = Iterable<T> | AsyncIterable<T>;

export interface WorkbookInfo {
  creator: string;
  created?: Date;
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const CSV_TYPE = "text/csv; charset=utf-8";

const SHEET_NAME_MAX = 31;

/**
 * Excel's rules for a sheet name: at most 31 characters, none of \\ / * ? : [ ]. A longer name is
 * cut at the last whole word that fits ("Đợt bình chọn cấp tỉnh Bắc Ninh", never "… Bắc Ni").
 */
export function sheetName(name: string, fallback = "Sheet1"): string {
  const clean = name
    .normalize("NFC")
    .replace(/[\\/*?:[\]]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (Array.from(clean).length <= SHEET_NAME_MAX) return clean || fallback;
  const chars = Array.from(clean);
  const cut = chars.slice(0, SHEET_NAME_MAX + 1).join("");
  const space = cut.lastIndexOf(" ");
  const words = space > 0 ? cut.slice(0, space) : chars.slice(0, SHEET_NAME_MAX).join("");
  return words.replace(/[\s,;.–-]+$/u, "").trim() || fallback;
}

/** Vietnam keeps UTC+7 all year: its wall clock is UTC shifted by seven hours. */
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const wallClock = (d: Date) => new Date(d.getTime() + VN_OFFSET_MS);
const pad2 = (n: number) => String(n).padStart(2, "0");

/** 13/05/2024 (the day in Vietnam). */
function dayText(d: Date): string {
  const w = wallClock(d);
  return `${pad2(w.getUTCDate())}/${pad2(w.getUTCMonth() + 1)}/${w.getUTCFullYear()}`;
}

/** The cell as CSV writes it: numbers unformatted, days dd/mm/yyyy, moments dd/mm/yyyy hh:mm. */
function csvValue(cell: Cell): string | number {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : "";
  if (cell instanceof Date) return dayText(cell);
  if (isMoment(cell)) {
    const w = wallClock(cell.at);
    return `${dayText(cell.at)} ${pad2(w.getUTCHours())}:${pad2(w.getUTCMinutes())}`;
  }
  return isPlainNumber(cell) ? Number(cell) : cell;
}

const DAY_FORMAT = "dd/mm/yyyy";
const DATE_TIME_FORMAT = "dd/mm/yyyy hh:mm";

/**
 * The cell as Excel stores it. Excel dates carry no time zone: a day is written as that day's
 * midnight, a moment as Vietnam's wall clock, each with its display format.
 */
function excelValue(cell: Cell): { value: string | number | Date | null; numFmt?: string } {
  if (cell === null || cell === undefined) return { value: null };
  if (typeof cell === "number") return { value: Number.isFinite(cell) ? cell : null };
  if (cell instanceof Date) {
    const w = wallClock(cell);
    return { value: new Date(Date.UTC(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate())), numFmt: DAY_FORMAT };
  }
  if (isMoment(cell)) {
    const w = wallClock(cell.at);
    return { value: new Date(Math.floor(w.getTime() / 60000) * 60000), numFmt: DATE_TIME_FORMAT };
  }
  return { value: cell };
}

/**
 * Plain numbers written as JavaScript writes them ("-2", "85.5") are numbers, left as they are;
 * csv-stringify escapes a leading "-" only in text. "-2+3", "-0", "+1" or "1e3" stay text.
 */
const isPlainNumber = (cell: string) => /^-?\d+(\.\d+)?$/.test(cell) && String(Number(cell)) === cell;

/** `first`, then the rows, read one by one as they are written (never copied into an array). */
async function* withFirst<T>(first: T, rows: Rows<T>): AsyncGenerator<T> {
  yield first;
  yield* rows;
}

/** The rows of a source read a page (an array) at a time, one by one. */
export async function* rowsOfPages<T>(pages: AsyncIterable<T[]>): AsyncGenerator<T> {
  for await (const page of pages) yield* page;
}

/** A web stream of a Node stream that may end early: a consumer that goes away stops it. */
function toWeb(stream: Readable): ReadableStream<Uint8Array> {
  return Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>;
}

/** Until the stream's reader has caught up, or has gone. */
const drained = (stream: Writable) => Promise.race([once(stream, "drain"), once(stream, "close")]);

/** Writes to a stream, waiting while its reader is behind. False once the reader has gone. */
async function write(stream: Writable, chunk: unknown): Promise<boolean> {
  if (stream.destroyed) return false;
  if (!stream.write(chunk)) await drained(stream);
  return !stream.destroyed;
}

/**
 * The table as CSV: UTF-8 with a byte-order mark (Excel then reads Vietnamese right), CRLF line
 * ends, cells with a comma, semicolon, quote or line break quoted, formulas neutralised.
 */
export function csvStream(table: { header: string[]; rows: Rows<Cell[]> }): ReadableStream<Uint8Array> {
  const csv = loadCsv().stringify({
    bom: true,
    record_delimiter: "\r\n",
    escape_formulas: true,
    quoted_match: /[;\r\n]/,
  });
  const pause = timeSlicer();
  void (async () => {
    for await (const row of withFirst<Cell[]>(table.header, table.rows)) {
      if (!(await write(csv, row.map(csvValue)))) return;
      await pause();
    }
    csv.end();
  })().catch((error: Error) => csv.destroy(error));
  return toWeb(csv);
}

/**
 * The sheets as an .xlsx workbook, written row by row with exceljs' streaming writer (rows are
 * committed as they are added and never kept), zipped as it goes.
 */
export function xlsxStream(sheets: Sheet[], info: WorkbookInfo): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const workbook = new (loadExcel().stream.xlsx.WorkbookWriter)({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = info.creator;
  if (info.created) workbook.created = info.created;
  // exceljs leaves its zip's errors unheard: one would crash the process instead of the download.
  (workbook as unknown as { zip: NodeJS.EventEmitter }).zip.on("error", (error: Error) => out.destroy(error));
  const pause = timeSlicer();
  void (async () => {
    for (const spec of sheets) {
      const sheet = workbook.addWorksheet(sheetName(spec.name), {
        views: spec.header ? [{ state: "frozen", ySplit: 1 }] : [],
        ...(spec.header && spec.autoFilter
          ? { autoFilter: { from: { row: 1, column: 1 }, to: { row: 1, column: spec.header.length } } }
          : {}),
      });
      sheet.columns = spec.widths.map((width) => ({ width }));
      const rows: Rows<SheetRow> = spec.header ? withFirst({ cells: spec.header, bold: true }, spec.rows) : spec.rows;
      for await (const row of rows) {
        const cells = (Array.isArray(row) ? row : row.cells).map(excelValue);
        const added = sheet.addRow(cells.map((c) => c.value));
        cells.forEach((c, i) => {
          if (c.numFmt) added.getCell(i + 1).numFmt = c.numFmt;
        });
        if (!Array.isArray(row)) added.font = { bold: true };
        added.commit();
        await pause();
        if (out.writableNeedDrain) await drained(out);
        if (out.destroyed) return;
      }
      sheet.commit();
    }
    await workbook.commit();
  })().catch((error: Error) => out.destroy(error));
  return toWeb(out);
}

/** Headers of a spreadsheet download that is never cached (everything but the public register). */
export function privateDownloadHeaders(type: string, disposition: string): Record<string, string> {
  return {
    "Content-Type": type,
    "Content-Disposition": disposition,
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  };
}
