// Papers of the physical samples (issue #14, decision 038). Drawing only: what is printed comes
// from app/modules/samples/samples.server.ts, as plain data that can be posted to the PDF thread.
//
//   - The label sheet: A4, 2 × 7 labels of 99 × 38 mm (the common 14-up sticker sheet), each
//     with the entry code, the product group and the QR code of the sample's record; the product
//     name only in a round that is not blind, never the producer (app/modules/judging/blind.ts).
//   - The serving order of a blind tasting: per panel and judge, turn → tasting number.
//   - A panel's plate labels at a blind tasting: the tasting number and the group only (decision 046).
import { formatDateTime } from "~/utils/dates";
import { getT, type TFunction } from "~/utils/i18n";
import {
  addPageNumbers,
  createPdf,
  drawTable,
  drawTextLine,
  ensureSpace,
  fitFontSize,
  lineHeight,
  MM,
  moveDown,
  newPage,
  nfc,
  paragraph,
  pdfBuffer,
  setFont,
  wrapText,
  type PdfDoc,
  type PrintOptions,
} from "./pdf.server";
import { drawQr } from "./qr.server";

export interface SampleLabel {
  code: string;
  group: string;
  /** Only in a round that is not blind. */
  productName: string | null;
  /** The sample's record (organisers signed in). */
  url: string;
}

export interface LabelsPrint {
  roundName: string;
  blind: boolean;
  labels: SampleLabel[];
}

/** A panel's plate labels at a blind tasting: the tasting number and the group, nothing else. */
export interface TastingLabelsPrint {
  roundName: string;
  panelName: string | null;
  labels: Array<{ number: number; group: string }>;
}

export interface TastingPrint {
  roundName: string;
  generatedAt: Date;
  panels: Array<{
    name: string | null;
    judges: Array<{
      name: string;
      title: string | null;
      slots: Array<{ position: number; number: number; group: string }>;
    }>;
  }>;
}

// The 14-up sheet: 99.1 × 38.1 mm labels, 2 columns with a 2.5 mm gap, 15.1 mm top margin.
const LABEL = {
  width: 99.1 * MM,
  height: 38.1 * MM,
  cols: 2,
  rows: 7,
  top: 15.1 * MM,
  left: 4.65 * MM,
  gapX: 2.5 * MM,
};
export const LABELS_PER_PAGE = LABEL.cols * LABEL.rows;

function drawLabel(doc: PdfDoc, t: TFunction, label: SampleLabel, x: number, y: number): void {
  const pad = 3 * MM;
  // A faint cut guide, for sheets printed on plain paper.
  doc
    .save()
    .lineWidth(0.3)
    .strokeColor("#bbbbbb")
    .roundedRect(x, y, LABEL.width, LABEL.height, 2 * MM)
    .stroke()
    .restore();
  const qr = LABEL.height - 2 * pad;
  drawQr(doc, label.url, x + pad, y + pad, qr);
  const tx = x + 2 * pad + qr;
  const tw = LABEL.width - (tx - x) - pad;
  let ty = y + pad;
  const size = fitFontSize(doc, "sans-bold", label.code, tw, 17, 9);
  setFont(doc, "sans-bold", size);
  drawTextLine(doc, nfc(label.code), tx, ty, tw);
  ty += lineHeight(doc) + 1;
  setFont(doc, "sans-regular", 11);
  drawTextLine(doc, nfc(t("samples.pdf.group", { group: label.group })), tx, ty, tw);
  ty += lineHeight(doc) + 1;
  if (label.productName) {
    setFont(doc, "sans-regular", 8.5);
    let lines = wrapText(doc, nfc(label.productName), tw);
    if (lines.length > 2) lines = [lines[0]!, `${lines[1]!}…`];
    for (const line of lines) {
      drawTextLine(doc, line, tx, ty, tw);
      ty += lineHeight(doc);
    }
  }
  setFont(doc, "sans-italic", 7);
  doc.fillColor("#444");
  drawTextLine(doc, nfc(t("samples.pdf.scan")), tx, y + LABEL.height - pad - lineHeight(doc), tw);
  doc.fillColor("black");
}

/** The label sheet(s): 14 labels a page, in the order given. */
export async function renderLabelsPdf(input: LabelsPrint, opts: PrintOptions = {}): Promise<Buffer> {
  const t = getT(opts.locale ?? "vi");
  const doc = createPdf({
    title: t("samples.pdf.labelsTitle", { round: input.roundName }),
    author: t("print.author"),
    margins: { top: LABEL.top, bottom: 5 * MM, left: LABEL.left, right: LABEL.left },
    family: "sans",
    bufferPages: false,
  });
  input.labels.forEach((label, i) => {
    const slot = i % LABELS_PER_PAGE;
    if (i > 0 && slot === 0) newPage(doc);
    const col = slot % LABEL.cols;
    const row = Math.floor(slot / LABEL.cols);
    drawLabel(doc, t, label, LABEL.left + col * (LABEL.width + LABEL.gapX), LABEL.top + row * LABEL.height);
  });
  if (!input.labels.length) paragraph(doc, t("samples.labels.none"));
  return pdfBuffer(doc);
}

function drawTastingLabel(
  doc: PdfDoc,
  t: TFunction,
  label: TastingLabelsPrint["labels"][number],
  panelName: string | null,
  x: number,
  y: number,
): void {
  const pad = 3 * MM;
  doc
    .save()
    .lineWidth(0.3)
    .strokeColor("#bbbbbb")
    .roundedRect(x, y, LABEL.width, LABEL.height, 2 * MM)
    .stroke()
    .restore();
  const w = LABEL.width - 2 * pad;
  let ty = y + pad;
  setFont(doc, "sans-regular", 9);
  drawTextLine(doc, nfc(t("samples.pdf.tastingLabel")), x + pad, ty, w);
  ty += lineHeight(doc);
  setFont(doc, "sans-bold", 30);
  drawTextLine(doc, String(label.number), x + pad, ty, w);
  ty += lineHeight(doc);
  setFont(doc, "sans-regular", 10);
  const panel = panelName ? ` · ${t("samples.pdf.panel", { name: panelName })}` : "";
  drawTextLine(doc, nfc(`${t("samples.pdf.group", { group: label.group })}${panel}`), x + pad, ty, w);
}

/** A panel's tasting-number labels, for the plates served to its judges: 14 a page, by number. */
export async function renderTastingLabelsPdf(input: TastingLabelsPrint, opts: PrintOptions = {}): Promise<Buffer> {
  const t = getT(opts.locale ?? "vi");
  const doc = createPdf({
    title: t("samples.pdf.tastingLabelsTitle", { round: input.roundName }),
    author: t("print.author"),
    margins: { top: LABEL.top, bottom: 5 * MM, left: LABEL.left, right: LABEL.left },
    family: "sans",
    bufferPages: false,
  });
  input.labels.forEach((label, i) => {
    const slot = i % LABELS_PER_PAGE;
    if (i > 0 && slot === 0) newPage(doc);
    drawTastingLabel(
      doc,
      t,
      label,
      input.panelName,
      LABEL.left + (slot % LABEL.cols) * (LABEL.width + LABEL.gapX),
      LABEL.top + Math.floor(slot / LABEL.cols) * LABEL.height,
    );
  });
  return pdfBuffer(doc);
}

/** The serving order of every judge, panel by panel; each judge's list starts on a fresh block. */
export async function renderTastingPdf(input: TastingPrint, opts: PrintOptions = {}): Promise<Buffer> {
  const t = getT(opts.locale ?? "vi");
  const title = t("samples.pdf.tastingTitle", { round: input.roundName });
  const doc = createPdf({ title, author: t("print.author"), family: "serif", fontSize: 12 });
  paragraph(doc, title, { font: "bold", size: 14, align: "center", spaceAfter: 4 });
  paragraph(doc, t("samples.pdf.generated", { date: formatDateTime(input.generatedAt) }), {
    font: "italic",
    size: 10,
    align: "center",
    spaceAfter: 10,
  });
  if (!input.panels.length) paragraph(doc, t("samples.pdf.empty"));
  for (const panel of input.panels) {
    if (panel.name) {
      ensureSpace(doc, 60);
      paragraph(doc, t("samples.pdf.panel", { name: panel.name }), { font: "bold", size: 12.5, spaceAfter: 4 });
    }
    for (const judge of panel.judges) {
      drawTable(doc, {
        caption: t("samples.pdf.judge", { name: judge.title ? `${judge.name} — ${judge.title}` : judge.name }),
        captionFont: "bold",
        captionSize: 11.5,
        fontSize: 11,
        columns: [
          { header: t("samples.pdf.position"), width: 1, align: "center" },
          { header: t("samples.pdf.number"), width: 2, align: "center", noWrap: true },
          { header: t("samples.pdf.groupCol"), width: 1, align: "center" },
        ],
        rows: judge.slots.map((s) => ({
          cells: [String(s.position), { text: String(s.number), font: "bold" }, s.group],
        })),
      });
      moveDown(doc, 10);
    }
  }
  addPageNumbers(doc, (page, pages) => t("print.page", { page, pages }));
  return pdfBuffer(doc);
}
