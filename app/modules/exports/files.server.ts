// The export files themselves — the register's list (Excel, CSV, PDF) and a round's entry list
// (Excel, CSV) — made in one place for both ways they reach a person: streamed straight to the
// request (small exports) or written to the file store by a background job (large ones,
// docs/decisions/042-export-jobs.md). One function per export, so a job's file is the file the
// direct download would have been for the same filters at the same moment.
import { canManageRounds } from "~/modules/access/permissions";
import type { Auth } from "~/modules/auth/auth.server";
import { exportRoundEntries } from "~/modules/entries/entries.server";
import { entriesSheet, exportTable as entriesTable } from "~/modules/entries/export.server";
import type { ScreeningFilters } from "~/modules/entries/entries.server";
import { csvTask, pdfInThread, xlsxTask, type PdfTask } from "~/modules/print/pdf-thread.server";
import { todayInVietnam } from "~/modules/producers/rules";
import {
  exportHeader,
  exportRow,
  exportTable,
  filterSummary,
  registerPdf,
  registerWorkbook,
} from "~/modules/register/export.server";
import { registerSearch, withoutPage, type RegisterFilters } from "~/modules/register/filters";
import { exportRegister, exportRegisterPages, loadGeo } from "~/modules/register/register.server";
import { councilNameOf } from "~/modules/judging/council";
import { exportRows, resultsSheetTable } from "~/modules/judging/results";
import type { ResultsExportQuery } from "~/modules/judging/results-schemas";
import { cachedRoundResults, requireResultsViewer } from "~/modules/judging/results.server";
import { nominationList, nominationListSheet, nominationListTable } from "~/modules/nominations/nominations.server";
import { getEnv } from "~/utils/env.server";
import { DomainError } from "~/utils/errors";
import type { z } from "zod";
import { getT, type Locale } from "~/utils/i18n";
import {
  CSV_TYPE,
  csvStream,
  rowsOfPages,
  XLSX_TYPE,
  xlsxStream,
  type Cell,
  type Sheet,
} from "~/utils/spreadsheet.server";

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
  const body = render(
    format === "csv"
      ? csvTask(table)
      : workbook
        ? xlsxTask(workbook.sheets, workbook.info)
        : { kind: "register", table, info, locale },
  );
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

/**
 * registerExportFile's file with its rows read from the database as they are written, a page (one
 * query) at a time: whatever the list's length, no more than a page of rows is held (decision 051).
 * Written on the calling thread — the export job's child process, whose loop serves no request.
 * The same bytes as registerExportFile's for the same list at the same moment.
 */
export async function registerExportFileInPages(
  input: RegisterFilters,
  format: RegisterFormat,
  locale: Locale,
  now: Date = new Date(),
  pageSize?: number,
): Promise<ExportFile> {
  const t = getT(locale);
  const filters = { ...input };
  const geo = await loadGeo();
  const list = await exportRegisterPages(filters, { geo, now, pageSize });
  for (const key of list.unknown) delete filters[key as "province" | "region"];
  const header = exportHeader(t);
  const pages = async function* () {
    for await (const page of list.pages()) yield page.map((r) => exportRow(r, t));
  };
  const info = {
    source: `${getEnv().appUrl}/products${registerSearch(withoutPage(filters))}`,
    generatedAt: now,
    filters: filterSummary(withoutPage(filters), geo, t, locale),
    rows: list.rows,
    total: list.total,
    cap: list.cap,
    truncated: list.truncated,
  };
  let body: ReadableStream<Uint8Array>;
  if (format === "csv") body = csvStream({ header, rows: rowsOfPages(pages()) });
  else if (format === "xlsx") {
    const workbook = registerWorkbook({ header, rows: rowsOfPages(pages()) }, info, t);
    body = xlsxStream(workbook.sheets, workbook.info);
  } else body = registerPdf({ header, rows: pages }, info, t);
  return {
    body,
    fileName: `${t("register.export.fileName")}-${todayInVietnam(now)}.${format}`,
    contentType: REGISTER_FORMATS[format].type,
    disposition: REGISTER_FORMATS[format].disposition,
    rows: list.rows,
    total: list.total,
    truncated: list.truncated,
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
  return listFile(
    table,
    format,
    `ho-so-${data.round.year}-${roundId.slice(-6)}`,
    () => entriesSheet(table, data.round.name),
    render,
  );
}

/** An organiser's list as an attachment: CSV, or an Excel workbook of the one sheet `sheet` makes. */
function listFile(
  table: { header: string[]; rows: Cell[][] },
  format: EntriesFormat,
  base: string,
  sheet: () => Sheet,
  render: Render,
): ExportFile {
  return {
    body: render(format === "csv" ? csvTask(table) : xlsxTask([sheet()], { creator: "Tiêu Biểu" })),
    fileName: `${base}.${format}`,
    contentType: format === "csv" ? CSV_TYPE : XLSX_TYPE,
    disposition: "attachment",
    rows: table.rows.length,
    total: table.rows.length,
    truncated: false,
  };
}

/** Column widths of the results sheet (characters), in resultsSheetTable's order. */
const RESULTS_WIDTHS = [6, 14, 36, 36, 7, 8, 9, 9, 9, 14, 14, 14, 14, 10, 10, 10, 10, 12];
const RESULTS_TYPES = { xlsx: XLSX_TYPE, csv: CSV_TYPE, pdf: "application/pdf" } as const;

export type ResultsQuery = z.output<typeof ResultsExportQuery>;

/** How many rows a round's results download has: its scope check (requireResultsViewer) and the count. */
export async function resultsExportCount(
  auth: Pick<Auth, "user" | "roles">,
  roundId: string,
  query: ResultsQuery,
): Promise<number> {
  await requireResultsViewer(auth, roundId);
  const { table } = await cachedRoundResults(roundId, query.pass);
  return exportRows(table, query.group).length;
}

/**
 * A round's ranked results as Excel or CSV, or the minutes' table as PDF, for whoever may see the
 * results page (requireResultsViewer: 403/404/409 otherwise). With the pass and whether the
 * results are official, for the audit.
 */
export async function resultsExportFile(
  auth: Pick<Auth, "user" | "roles">,
  roundId: string,
  query: ResultsQuery,
  locale: Locale,
  render: Render = pdfInThread,
): Promise<ExportFile & { pass: number; official: boolean }> {
  await requireResultsViewer(auth, roundId);
  const { round, table } = await cachedRoundResults(roundId, query.pass);
  const t = getT(locale);
  const rows = exportRows(table, query.group);
  let body: ReadableStream<Uint8Array>;
  if (query.format === "pdf") {
    const groups = table.groups.filter((g) => (query.group === "all" || g.group === query.group) && g.rows.length);
    body = render({
      kind: "results",
      input: {
        councilName: councilNameOf(round),
        roundName: round.name,
        passLine: round.passLine,
        pass: table.pass,
        generatedAt: new Date(),
        finalisedAt: table.official ? round.resultsFinalisedAt : null,
        groups: groups.map((g) => ({
          group: g.group,
          rows: g.rows.map((r) => ({
            rank: r.rank,
            code: r.code,
            productName: r.productName,
            establishmentName: r.establishmentName,
            sheets: r.sheets,
            mean: r.mean,
            min: r.min,
            max: r.max,
            passed: r.passed,
            votesFor: r.vote?.votesFor ?? null,
            votesAgainst: r.vote?.votesAgainst ?? null,
            votesAbstain: r.vote?.votesAbstain ?? null,
            recognised: r.vote?.recognised ?? null,
          })),
        })),
      },
    });
  } else {
    const sheet = resultsSheetTable(rows, t);
    body = render(
      query.format === "csv"
        ? csvTask(sheet)
        : xlsxTask(
            [
              {
                name: t("results.export.sheetName"),
                widths: RESULTS_WIDTHS,
                header: sheet.header,
                autoFilter: true,
                rows: sheet.rows,
              },
            ],
            { creator: "Tiêu Biểu" },
          ),
    );
  }
  return {
    body,
    fileName: `${t("results.export.fileName", { year: round.year })}${query.group === "all" ? "" : ` - ${t("results.col.group")} ${query.group}`}.${query.format}`,
    contentType: RESULTS_TYPES[query.format],
    disposition: "attachment",
    rows: rows.length,
    total: rows.length,
    truncated: false,
    pass: table.pass,
    official: table.official,
  };
}

/** The rows of a round's nomination list (its scope check: nominationList's 403/404/409). */
export async function nominationsExportCount(
  auth: Pick<Auth, "roles">,
  roundId: string,
  to: string | undefined,
): Promise<number> {
  if (!canManageRounds(auth.roles)) throw new DomainError(403, "error.403");
  return (await nominationList(auth, roundId, to)).rows.length;
}

/** The nomination list (danh sách trích ngang) a province sends with its nominations, as Excel or CSV. */
export async function nominationsExportFile(
  auth: Pick<Auth, "roles">,
  roundId: string,
  format: EntriesFormat,
  to: string | undefined,
  locale: Locale,
  render: Render = pdfInThread,
): Promise<ExportFile> {
  if (!canManageRounds(auth.roles)) throw new DomainError(403, "error.403");
  const list = await nominationList(auth, roundId, to);
  const table = nominationListTable(list, locale);
  const base = `trich-ngang-${list.round.year}-${roundId.slice(-6)}${list.target ? `-${list.target.id.slice(-6)}` : ""}`;
  return listFile(table, format, base, () => nominationListSheet(table, list.target?.name ?? list.round.name), render);
}
