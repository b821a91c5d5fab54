// Reading an uploaded short list: an Excel workbook (.xlsx) or a CSV file, told apart by their
// bytes, not by the name or the type the browser claims. Both go through exceljs, so a cell reads
// the same from either: text as text, an Excel date as its calendar day (dd/mm/yyyy).
import { Readable } from "node:stream";
import type ExcelJSType from "exceljs";
import JSZip from "jszip";
import { declaredSize } from "~/modules/exchange/package-import.server";
import { lazyRequire } from "~/utils/lazy-require.server";
import { rowsFromTable, type TableLine, type TableReading } from "./columns";

const loadExcel = lazyRequire<typeof ExcelJSType>("exceljs");

/** An .xlsx is a ZIP: its parts together may not unpack to more than this (a ZIP bomb is refused unread). */
const UNPACKED_MAX_BYTES = 40 * 1024 * 1024;

export type FileKind = "xlsx" | "csv" | "xls" | null;

/** What the bytes are: a ZIP (xlsx), an old binary workbook (xls, refused with advice), UTF-8 text (CSV). */
export function sniffListFile(bytes: Buffer): FileKind {
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304) return "xlsx";
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])))
    return "xls";
  if (bytes.includes(0)) return null;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return "csv";
  } catch {
    return null;
  }
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** A cell as text. Excel stores a date without a time zone, as that day's midnight UTC: its UTC day is the day written. */
function cellText(value: ExcelJSType.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date)
    return `${pad2(value.getUTCDate())}/${pad2(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  if ("richText" in value) return value.richText.map((t) => t.text).join("");
  if ("result" in value) return cellText((value.result ?? null) as ExcelJSType.CellValue);
  if ("text" in value && typeof value.text === "string") return value.text;
  return "";
}

function linesOf(sheet: ExcelJSType.Worksheet): TableLine[] {
  const lines: TableLine[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    lines.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? "") });
  });
  return lines;
}

/** The separator a CSV file uses: Vietnamese Excel writes ";" (the comma is its decimal mark). */
function delimiterOf(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? "";
  const count = (ch: string) => first.split(ch).length - 1;
  return [";", "\t"].find((d) => count(d) > count(",")) ?? ",";
}

async function readXlsx(bytes: Buffer): Promise<TableLine[][] | null> {
  try {
    const zip = await JSZip.loadAsync(bytes);
    let total = 0;
    zip.forEach((_path, file) => {
      total += declaredSize(file) ?? 0;
    });
    if (total > UNPACKED_MAX_BYTES) return null;
    const workbook = new (loadExcel().Workbook)();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    return workbook.worksheets.map(linesOf);
  } catch {
    return null;
  }
}

async function readCsv(bytes: Buffer): Promise<TableLine[][] | null> {
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  try {
    const workbook = new (loadExcel().Workbook)();
    // Every cell as the text it is: no guessing of numbers or dates (a code "0012" stays "0012").
    const sheet = await workbook.csv.read(Readable.from([text]), {
      map: (datum: string) => datum,
      parserOptions: { delimiter: delimiterOf(text) },
    } as never);
    return [linesOf(sheet)];
  } catch {
    return null;
  }
}

/** The file's rows, or why there are none (not a spreadsheet, no header, no rows, too many). */
export async function readShortList(bytes: Buffer): Promise<TableReading> {
  const kind = sniffListFile(bytes);
  if (kind === "xls") return { ok: false, messageKey: "nominations.shortlist.error.oldExcel" };
  const sheets = kind === "xlsx" ? await readXlsx(bytes) : kind === "csv" ? await readCsv(bytes) : null;
  if (!sheets) return { ok: false, messageKey: "nominations.shortlist.error.notSpreadsheet" };
  // The first sheet that holds the list (a workbook may carry a cover or notes sheet first).
  let first: TableReading | null = null;
  for (const lines of sheets) {
    const reading = rowsFromTable(lines);
    if (reading.ok) return reading;
    first ??= reading;
  }
  return first ?? { ok: false, messageKey: "nominations.shortlist.error.noHeader" };
}
