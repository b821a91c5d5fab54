// The PDFs drawn off the request's event loop (pdf-thread.server.ts), as plain data that can be
// posted to a worker thread: each task names what to draw and carries its input.
import { registerPdf, type ExportInfo, type ExportTable } from "~/modules/register/export.server";
import { getT, type Locale } from "~/utils/i18n";
import { renderResultsPdf, type ResultsPrint } from "./results-pdf.server";

export type PdfTask =
  | { kind: "register"; table: ExportTable; info: ExportInfo; locale: Locale }
  | { kind: "results"; input: ResultsPrint; locale?: Locale };

/** Draws the task's PDF as a stream (in whatever thread calls it). */
export function renderPdfTask(task: PdfTask): ReadableStream<Uint8Array> {
  if (task.kind === "register") return registerPdf(task.table, task.info, getT(task.locale));
  const input = task.input;
  const locale = task.locale;
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(new Uint8Array(await renderResultsPdf(input, { locale })));
      controller.close();
    },
  });
}
