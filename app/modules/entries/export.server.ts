// A round's entry list as a table for the Excel and CSV downloads (written by
// ~/utils/spreadsheet.server). Columns follow the screening list organisers keep on paper.
import { getT, type Locale, type MessageKey } from "~/utils/i18n";
import { dateTime, sheetName, type Sheet, type Table } from "~/utils/spreadsheet.server";
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

export function exportTable(data: ExportData, locale: Locale): Table {
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
      dateTime(r.submittedAt),
      r.onBehalf ? t("common.yes") : "",
    ]),
  };
}

/** The entry list as the workbook's one sheet, with the screening list's column widths. */
export function entriesSheet(table: Table, roundName: string): Sheet {
  return {
    name: sheetName(roundName, "DS"),
    widths: COLUMNS.map(([, width]) => width),
    header: table.header,
    autoFilter: true,
    rows: table.rows,
  };
}
