// The files made off the request's event loop (pdf-thread.server.ts, decisions 019 and 027), as
// plain data that can be posted to a worker thread: each task names what to make and carries its
// input — a register, results, sample-label or tasting-order PDF, or any of the app's Excel and CSV downloads.
import { registerPdf, type ExportInfo, type ExportTable } from "~/modules/register/export.server";
import { getT, type Locale } from "~/utils/i18n";
import {
  csvStream,
  xlsxStream,
  type Cell,
  type Sheet,
  type SheetRow,
  type WorkbookInfo,
} from "~/utils/spreadsheet.server";
import { renderResultsPdf, type ResultsPrint } from "./results-pdf.server";
import { renderLabelsPdf, renderTastingPdf, type LabelsPrint, type TastingPrint } from "./samples-pdf.server";

/** A sheet whose rows are an array (an iterable cannot be posted to a thread). */
export type PostedSheet = Omit<Sheet, "rows"> & { rows: SheetRow[] };

export type PdfTask =
  | { kind: "register"; table: ExportTable; info: ExportInfo; locale: Locale }
  | { kind: "results"; input: ResultsPrint; locale?: Locale }
  | { kind: "labels"; input: LabelsPrint; locale?: Locale }
  | { kind: "tasting"; input: TastingPrint; locale?: Locale }
  | { kind: "csv"; table: { header: string[]; rows: Cell[][] } }
  | { kind: "xlsx"; sheets: PostedSheet[]; info: WorkbookInfo };

/** Makes the task's file as a stream (in whatever thread calls it). */
export function renderPdfTask(task: PdfTask): ReadableStream<Uint8Array> {
  if (task.kind === "register") return registerPdf(task.table, task.info, getT(task.locale));
  if (task.kind === "csv") return csvStream(task.table);
  if (task.kind === "xlsx") return xlsxStream(task.sheets, task.info);
  const render =
    task.kind === "labels"
      ? () => renderLabelsPdf(task.input, { locale: task.locale })
      : task.kind === "tasting"
        ? () => renderTastingPdf(task.input, { locale: task.locale })
        : () => renderResultsPdf(task.input, { locale: task.locale });
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(new Uint8Array(await render()));
      controller.close();
    },
  });
}
