// Downloads of the register's current filtered list (/products/export): Excel, CSV and PDF with
// the same rows in the same order as the page. The Excel file has a second sheet saying where the
// list comes from, when it was made, with which filters, and whether it was cut at EXPORT_CAP.
import { drawTableInSlices, paragraph, renderNumberedPdfStream, type TableColumn } from "~/modules/print/pdf.server";
import { formatDate, formatDateTime } from "~/utils/dates";
import type { Locale, MessageKey, TFunction } from "~/utils/i18n";
import {
  csvStream,
  xlsxStream,
  type Cell,
  type Rows,
  type Sheet,
  type Table,
  type WorkbookInfo,
} from "~/utils/spreadsheet.server";
import { itemAt } from "~/utils/arrays";
import { capitalise, FILTER_KEYS, provinceText, type RegisterFilters } from "./filters";
import { provinceLabel, type Geo, type RegisterRow } from "./register.server";

export type ExportTable = Table;

/** Column titles and widths (Excel characters; PDF proportions). */
const COLUMNS: Array<[MessageKey, number]> = [
  ["register.col.serial", 20],
  ["register.col.product", 34],
  ["register.col.group", 8],
  ["register.col.establishment", 34],
  ["register.col.province", 26],
  ["register.col.level", 14],
  ["register.col.jurisdiction", 28],
  ["register.col.year", 7],
  ["register.col.issuedAt", 12],
  ["register.col.validUntil", 12],
  ["register.col.status", 14],
];

export function exportTable(rows: RegisterRow[], t: TFunction): ExportTable {
  return { header: exportHeader(t), rows: rows.map((r) => exportRow(r, t)) };
}

/** The columns' titles of the download. */
export const exportHeader = (t: TFunction): string[] => COLUMNS.map(([k]) => t(k));

/** One certificate as a row of the download. */
export function exportRow(r: RegisterRow, t: TFunction): Cell[] {
  return [
    r.serial,
    r.productName,
    r.productGroup,
    r.establishmentName,
    provinceText(r.province, t),
    t(`level.${r.level}`),
    capitalise(r.jurisdiction),
    r.year,
    r.issuedAt,
    r.validUntil,
    t(`register.status.${r.status}`),
  ];
}

/**
 * The download's rows read page by page as they are written (decision 051). A function, since the
 * PDF reads them twice (once to count its pages); each call reads them again.
 */
export type PagedRows = () => AsyncIterable<Cell[][]>;

/** "Tỉnh, thành phố: Bắc Ninh; Tình trạng: Còn hiệu lực" — the filters in words, for the file's notes. */
export function filterSummary(filters: RegisterFilters, geo: Geo, t: TFunction, locale: Locale): string {
  const parts: string[] = [];
  for (const key of FILTER_KEYS) {
    const v = filters[key];
    if (v === undefined) continue;
    let text = String(v);
    if (key === "province") {
      const p = geo.provinceByCode.get(String(v));
      text = p ? provinceText(provinceLabel(geo, p.id), t) : text;
    } else if (key === "region") {
      const r = geo.regionByCode.get(String(v));
      text = r ? (locale === "en" ? r.nameEn : r.nameVi) : text;
    } else if (key === "group")
      text = t("register.groupValue", { group: String(v), name: t(`group.${filters.group!}`) });
    else if (key === "level") text = t(`level.${filters.level!}`);
    else if (key === "status") text = t(`register.status.${filters.status!}`);
    parts.push(`${t(`register.${key === "q" ? "param.q" : key}` as MessageKey)}: ${text}`);
  }
  parts.push(`${t("register.sort")}: ${t(`register.sort.${filters.sort}`)}`);
  return parts.join("; ");
}

export interface ExportInfo {
  source: string;
  generatedAt: Date;
  filters: string;
  rows: number;
  total: number;
  cap: number;
  truncated: boolean;
}

function infoLines(info: ExportInfo, t: TFunction): Array<[string, string]> {
  const lines: Array<[string, string]> = [
    [t("register.export.source"), info.source],
    [t("register.export.generatedAt"), formatDateTime(info.generatedAt)],
    [t("register.export.filters"), info.filters || t("register.export.noFilters")],
    [t("register.export.rows"), t("register.export.rowsValue", { rows: info.rows, total: info.total })],
  ];
  if (info.truncated) lines.push(["", t("register.export.truncated", { total: info.total, cap: info.cap })]);
  lines.push(["", t("register.export.statusNote")]);
  return lines;
}

export const registerCsv = (table: ExportTable): ReadableStream<Uint8Array> => csvStream(table);

/** The workbook: the list, then a sheet saying where it comes from. */
export function registerWorkbook(
  table: { header: string[]; rows: Rows<Cell[]> },
  info: ExportInfo,
  t: TFunction,
): { sheets: Sheet[]; info: WorkbookInfo } {
  return {
    sheets: [
      {
        name: t("register.export.sheet"),
        widths: COLUMNS.map(([, width]) => width),
        header: table.header,
        autoFilter: true,
        rows: table.rows,
      },
      {
        name: t("register.export.infoSheet"),
        widths: [22, 100],
        rows: [{ cells: [t("register.export.title")], bold: true }, ...infoLines(info, t)],
      },
    ],
    info: { creator: t("app.name"), created: info.generatedAt },
  };
}

/** The workbook, streamed (in the calling thread; the route posts registerWorkbook to the export thread). */
export function registerXlsx(table: ExportTable, info: ExportInfo, t: TFunction): ReadableStream<Uint8Array> {
  const workbook = registerWorkbook(table, info, t);
  return xlsxStream(workbook.sheets, workbook.info);
}

/** The register's columns in the PDF: the level is left out (the jurisdiction already says it). */
const PDF_LEVEL_COLUMN = COLUMNS.findIndex(([k]) => k === "register.col.level");
const PDF_WIDTHS = [13, 20, 5, 20, 15, 9, 16, 5, 8, 8, 9];
/** Columns whose cells never break: the serial, the year and the two dates. */
const PDF_NO_WRAP: Partial<Record<MessageKey, string>> = {
  "register.col.serial": "GCN-QG-2025-0000",
  "register.col.year": "2025",
  "register.col.issuedAt": "20/11/2025",
  "register.col.validUntil": "31/12/2028",
};

/** A cell as the PDF prints it: days dd/mm/yyyy, numbers as written. */
const pdfText = (cell: Cell): string =>
  cell instanceof Date
    ? formatDate(cell)
    : cell == null
      ? ""
      : typeof cell === "object"
        ? formatDateTime(cell.at)
        : String(cell);

/**
 * A4 landscape, the list as a ruled table repeating its header on every page, page numbers.
 * Streamed and drawn in time slices: a list of EXPORT_CAP rows takes seconds to lay out. A serial
 * or a date is never broken inside its cell ("GCN-QG-2025-000|1" was): those columns are sized to
 * hold one on a line, and a longer one is drawn smaller.
 */
export function registerPdf(
  table: { header: string[]; rows: Cell[][] | PagedRows },
  info: ExportInfo,
  t: TFunction,
): ReadableStream<Uint8Array> {
  const keep = (_: unknown, i: number) => i !== PDF_LEVEL_COLUMN;
  const columns: TableColumn[] = COLUMNS.map(([key], i) => ({
    header: itemAt(table.header, i, "register export header"),
    width: itemAt(PDF_WIDTHS, i, "register PDF widths"),
    align: key === "register.col.year" ? ("center" as const) : ("left" as const),
    noWrap: key in PDF_NO_WRAP,
    fits: PDF_NO_WRAP[key],
  })).filter(keep);
  const pdfRow = (cells: Cell[]) => ({ cells: cells.filter(keep).map(pdfText) });
  const source = table.rows;
  // Paged: each drawing (the page count, then the file) reads the rows again, a page at a time.
  const rows = Array.isArray(source)
    ? () => source.map(pdfRow)
    : async function* () {
        for await (const page of source()) yield page.map(pdfRow);
      };
  return renderNumberedPdfStream(
    {
      title: t("register.export.docTitle"),
      subject: info.filters,
      landscape: true,
      family: "sans",
      fontSize: 9,
      margins: { left: 28, right: 28, top: 32, bottom: 36 },
    },
    async (doc, pause) => {
      paragraph(doc, t("register.export.title"), { font: "bold", size: 13, align: "center", spaceAfter: 6 });
      for (const [label, value] of infoLines(info, t))
        paragraph(doc, label ? `${label}: ${value}` : value, { font: "regular", size: 8.5 });
      doc.y += 6;
      await drawTableInSlices(doc, { columns, rows: rows(), fontSize: 7.5, headerFontSize: 7.5, padding: 3 }, pause);
    },
    (page, pages) => t("print.page", { page, pages }),
  );
}
