// The export files themselves — the register's list (Excel, CSV, PDF) and a round's entry list
// (Excel, CSV) — made in one place for both ways they reach a person: streamed straight to the
// request (small exports) or written to the file store by a background job (large ones,
// docs/decisions/042-export-jobs.md). One function per export, so a job's file is the file the
// direct download would have been for the same filters at the same moment.
import type { Auth } from "~/modules/auth/auth.server";
import { exportRoundEntries } from "~/modules/entries/entries.server";
import { entriesSheet, exportTable as entriesTable } from "~/modules/entries/export.server";
import type { ScreeningFilters } from "~/modules/entries/entries.server";
import { csvTask, pdfInThread, xlsxTask, type PdfTask } from "~/modules/print/pdf-thread.server";
import { todayInVietnam } from "~/modules/producers/rules";
import { exportTable, filterSummary, registerWorkbook } from "~/modules/register/export.server";
import { registerSearch, withoutPage, type RegisterFilters } from "~/modules/register/filters";
import { exportRegister, loadGeo } from "~/modules/register/register.server";
import { getEnv } from "~/utils/env.server";
import { getT, type Locale } from "~/utils/i18n";
import { CSV_TYPE, XLSX_TYPE } from "~/utils/spreadsheet.server";

export const REGISTER_FORMATS = {
  xlsx: { type: XLSX_TYPE, disposition: "attachment" },
  csv: { type: CSV_TYPE, disposition: "attachment" },
  pdf: { type: "application/pdf", disposition: "inline" },
} as const;
export type RegisterFormat = keyof typeof REGISTER_FORMATS;
export type EntriesFormat = "xlsx" | "csv";

/**
 * What writes a file: the export thread for a request's download (default), or the calling thread
 * itself where that thread is already off the web server's loop (the export job's child process,
 * export-process.server.ts).
 */
export type Render = (task: PdfTask) => ReadableStream<Uint8Array>;

/** A file being made: its body streams from the export thread as it is read. */
export interface ExportFile {
  body: ReadableStream<Uint8Array>;
  fileName: string;
  contentType: string;
  disposition: "inline" | "attachment";
  /** Rows in the file, and in the list before the cap (EXPORT_CAP) cut it. */
  rows: number;
  total: number;
  truncated: boolean;
}

/** The register's filtered list as a file (decisions 013, 019, 027: streamed, made in the export thread). */
export async function registerExportFile(
  input: RegisterFilters,
  format: RegisterFormat,
  locale: Locale,
  now: Date = new Date(),
  render: Render = pdfInThread,
): Promise<ExportFile> {
  const t = getT(locale);
  const filters = { ...input };
  const geo = await loadGeo();
  const result = await exportRegister(filters, { geo, now });
  for (const key of result.unknown) delete filters[key as "province" | "region"];
  const table = exportTable(result.rows, t);
  const info = {
    source: `${getEnv().appUrl}/products${registerSearch(withoutPage(filters))}`,
    generatedAt: now,
    filters: filterSummary(withoutPage(filters), geo, t, locale),
    rows: result.rows.length,
    total: result.total,
    cap: result.cap,
    truncated: result.truncated,
  };
  const workbook = format === "xlsx" ? registerWorkbook(table, info, t) : null;
  const body = render(format === "csv" ? csvTask(table) : workbook ? xlsxTask(workbook.sheets, workbook.info) : { kind: "register", table, info, locale });
  return {
    body,
    fileName: `${t("register.export.fileName")}-${todayInVietnam(now)}.${format}`,
    contentType: REGISTER_FORMATS[format].type,
    disposition: REGISTER_FORMATS[format].disposition,
    rows: result.rows.length,
    total: result.total,
    truncated: result.truncated,
  };
}

/** A round's entry list as a file, for an organiser of the round (404 for anyone else, from exportRoundEntries). */
export async function entriesExportFile(
  auth: Pick<Auth, "roles">,
  roundId: string,
  format: EntriesFormat,
  filters: Omit<ScreeningFilters, "page">,
  locale: Locale,
  render: Render = pdfInThread,
): Promise<ExportFile> {
  const data = await exportRoundEntries(auth, roundId, filters);
  const table = entriesTable(data, locale);
  const base = `ho-so-${data.round.year}-${roundId.slice(-6)}`;
  const body = render(format === "csv" ? csvTask(table) : xlsxTask([entriesSheet(table, data.round.name)], { creator: "Tiêu Biểu" }));
  return {
    body,
    fileName: `${base}.${format}`,
    contentType: format === "csv" ? CSV_TYPE : XLSX_TYPE,
    disposition: "attachment",
    rows: table.rows.length,
    total: table.rows.length,
    truncated: false,
  };
}
