// The recognition decision (quyết định công nhận) as the platform drafts it: the issuing body and
// national motto, number and date, "QUYẾT ĐỊNH Về việc công nhận sản phẩm công nghiệp nông thôn
// tiêu biểu cấp …", the grounds, three articles, the signer, and the annex listing the recognised
// products (STT / product / establishment / address / group). The layout follows Decree
// 30/2020/NĐ-CP on administrative documents as far as print.server.ts' helpers go. A paper signed
// by hand replaces it with an uploaded scan (certificates.server.ts).
import {
  addPageNumbers,
  contentBox,
  createPdf,
  dateLine,
  drawTable,
  drawTextLine,
  lineHeight,
  moveDown,
  newPage,
  nfc,
  officialHeader,
  paragraph,
  pdfBuffer,
  setFont,
  signatureBlocks,
  wrapText,
  type TableRow,
} from "~/modules/print/pdf.server";
import { formatDate } from "~/utils/dates";
import { getT, type TFunction } from "~/utils/i18n";

export interface DecisionPrint {
  number: string;
  signedAt: Date;
  /** "Ủy ban nhân dân tỉnh Bắc Ninh" */
  authority: string;
  signerName: string;
  signerTitle: string;
  /** The place of the date line ("Bắc Ninh"). */
  place: string;
  /** "cấp tỉnh Bắc Ninh" */
  jurisdiction: string;
  year: number;
  roundName: string;
  councilName: string | null;
  /** Validity end of certificates issued under this decision. */
  validUntil: Date;
  entries: Array<{ productName: string; establishmentName: string; address: string; group: string }>;
}

const SIZE = 13;

function numberAndDate(doc: ReturnType<typeof createPdf>, t: TFunction, d: DecisionPrint): void {
  const box = contentBox(doc);
  const leftWidth = box.width * 0.44;
  const rightX = box.left + leftWidth + 6;
  const rightWidth = box.right - rightX;
  const top = doc.y + 4;
  setFont(doc, "regular", SIZE);
  drawTextLine(doc, nfc(t("certificates.decisionPdf.number", { number: d.number })), box.left, top, leftWidth, "center");
  setFont(doc, "italic", SIZE);
  const lines = wrapText(doc, dateLine(t, d.signedAt, d.place), rightWidth);
  lines.forEach((line, i) => drawTextLine(doc, line, rightX, top + i * lineHeight(doc), rightWidth, "center"));
  doc.y = top + Math.max(1, lines.length) * lineHeight(doc);
}

/** The decision and its annex, A4 portrait, pages numbered. */
export async function renderDecisionPdf(d: DecisionPrint): Promise<Buffer> {
  const t = getT("vi");
  const doc = createPdf({
    title: t("certificates.decisionPdf.docTitle", { number: d.number }),
    subject: t("certificates.decisionPdf.subject", { jurisdiction: d.jurisdiction, year: d.year }),
    author: d.authority,
    creationDate: d.signedAt,
    fontSize: SIZE,
  });
  const box = contentBox(doc);
  officialHeader(doc, t, d.authority);
  numberAndDate(doc, t, d);
  moveDown(doc, 18);

  paragraph(doc, t("certificates.decisionPdf.title"), { font: "bold", size: 14, align: "center" });
  paragraph(doc, t("certificates.decisionPdf.about", { jurisdiction: d.jurisdiction, year: d.year }), { font: "bold", size: SIZE, align: "center", spaceAfter: 14 });
  paragraph(doc, d.authority.toLocaleUpperCase("vi"), { font: "bold", size: SIZE, align: "center", spaceAfter: 10 });

  const body = { font: "regular" as const, size: SIZE, lineGap: 2, spaceAfter: 4 };
  paragraph(doc, t("certificates.decisionPdf.ground.circular"), { ...body, font: "italic" });
  paragraph(doc, t("certificates.decisionPdf.ground.results", { council: d.councilName ?? t("certificates.decisionPdf.councilDefault"), round: d.roundName }), {
    ...body,
    font: "italic",
  });
  moveDown(doc, 8);
  paragraph(doc, t("certificates.decisionPdf.decides"), { font: "bold", size: SIZE + 1, align: "center", spaceAfter: 8 });
  paragraph(doc, t("certificates.decisionPdf.article1", { count: d.entries.length, jurisdiction: d.jurisdiction, year: d.year }), body);
  paragraph(doc, t("certificates.decisionPdf.article2", { date: formatDate(d.validUntil) }), body);
  paragraph(doc, t("certificates.decisionPdf.article3"), body);
  moveDown(doc, 12);

  // "Nơi nhận" on the left, the signer on the right, on the same lines.
  const top = doc.y;
  setFont(doc, "boldItalic", 11);
  const lh = lineHeight(doc);
  if (top + 5 * lh < box.bottom) {
    drawTextLine(doc, nfc(t("certificates.decisionPdf.recipients")), box.left, top, box.width / 2);
    setFont(doc, "regular", 10.5);
    t("certificates.decisionPdf.recipientsList")
      .split("\n")
      .forEach((line, i) => drawTextLine(doc, nfc(line), box.left, top + lh * (i + 1), box.width / 2));
    doc.y = top;
  }
  signatureBlocks(doc, [{ title: d.signerTitle.toLocaleUpperCase("vi"), name: d.signerName }], { size: SIZE, space: 64 });

  // The annex.
  newPage(doc);
  paragraph(doc, t("certificates.decisionPdf.annexTitle", { jurisdiction: d.jurisdiction.toLocaleUpperCase("vi"), year: d.year }), {
    font: "bold",
    size: SIZE,
    align: "center",
  });
  paragraph(doc, t("certificates.decisionPdf.annexRef", { number: d.number, date: formatDate(d.signedAt), authority: d.authority }), {
    font: "italic",
    size: 12,
    align: "center",
    spaceAfter: 10,
  });
  const rows: TableRow[] = d.entries.map((e, i) => ({
    cells: [{ text: String(i + 1), align: "center" }, e.productName, e.establishmentName, e.address, { text: e.group, align: "center" }],
  }));
  if (!rows.length) rows.push({ cells: ["", t("certificates.decisionPdf.annexEmpty"), "", "", ""] });
  drawTable(doc, {
    columns: [
      { header: t("certificates.decisionPdf.col.no"), width: 6, align: "center" },
      { header: t("certificates.decisionPdf.col.product"), width: 28 },
      { header: t("certificates.decisionPdf.col.establishment"), width: 26 },
      { header: t("certificates.decisionPdf.col.address"), width: 28 },
      { header: t("certificates.decisionPdf.col.group"), width: 10, align: "center" },
    ],
    rows,
    fontSize: 10.5,
    headerFontSize: 10.5,
    padding: 3,
  });
  addPageNumbers(doc, (page, pages) => t("print.page", { page, pages }));
  return pdfBuffer(doc);
}

/** "quyet-dinh-44-QD-UBND.pdf" (the number's slashes become dashes). */
export function decisionFileName(number: string): string {
  const ascii = number
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return getT("vi")("certificates.decisionPdf.fileName", { number: ascii || "quyet-dinh" });
}
