// Export of a round's entry list to Excel (.xlsx, exceljs) and CSV (UTF-8 with BOM so Excel
// opens Vietnamese correctly). Columns follow the screening list organisers keep on paper.
import ExcelJS from "exceljs";
import { formatDateTime } from "~/utils/dates";
import { getT, type Locale, type MessageKey } from "~/utils/i18n";
import type { exportRoundEntries } from "./entries.server";

type ExportData = Awaited<ReturnType<typeof exportRoundEntries>>;

const COLUMNS: Array<[MessageKey, number]> = [
  ["entries.col.code", 16],
  ["entries.col.receipt", 16],
  ["entries.col.group", 8],
  ["entries.col.product", 36],
  ["entries.col.establishment", 36],
  ["entries.col.legalForm", 20],
  ["entries.col.registration", 16],
  ["entries.col.commune", 20],
  ["entries.col.address", 40],
  ["entries.col.representative", 24],
  ["entries.col.phone", 16],
  ["entries.col.email", 28],
  ["entries.col.status", 22],
  ["entries.col.submittedAt", 18],
  ["entries.col.onBehalf", 12],
];

export function exportTable(data: ExportData, locale: Locale): { header: string[]; rows: string[][] } {
  const t = getT(locale);
  return {
    header: COLUMNS.map(([k]) => t(k)),
    rows: data.rows.map((r) => [
      r.entryCode ?? "",
      r.receiptNumber ?? "",
      r.group,
      r.product.name,
      r.establishment.name,
      t(`legalForm.${r.establishment.legalForm}` as MessageKey),
      r.establishment.registrationNumber,
      r.commune ?? "",
      r.establishment.addressLine ?? "",
      r.establishment.legalRepresentative ?? "",
      r.establishment.phone ?? "",
      r.establishment.email ?? "",
      t(`entries.status.${r.status}` as MessageKey),
      formatDateTime(r.submittedAt),
      r.onBehalf ? t("common.yes") : "",
    ]),
  };
}

const csvCell = (v: string) => (/[",\n\r;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function toCsv(table: { header: string[]; rows: string[][] }): string {
  return "\uFEFF" + [table.header, ...table.rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export async function toXlsx(table: { header: string[]; rows: string[][] }, sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Tiêu Biểu";
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31).replace(/[\\/*?:[\]]/g, " "));
  sheet.columns = table.header.map((h, i) => ({ header: h, key: `c${i}`, width: COLUMNS[i]?.[1] ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  for (const row of table.rows) sheet.addRow(row);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.header.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
