// The recognition decision (quyết định công nhận) as the platform drafts it, after Decree
// 30/2020/NĐ-CP on administrative documents: the issuing body (broken between units, never inside
// a name) and the national motto, number and date, "QUYẾT ĐỊNH Về việc công nhận sản phẩm công
// nghiệp nông thôn tiêu biểu cấp …", the authority line ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …",
// "BỘ TRƯỞNG BỘ CÔNG THƯƠNG"), the legal basis in force on the day of signature (legal-basis.ts),
// "Theo đề nghị của …", three articles with bold leads, the recipients (never the issuer) beside
// the signature block ("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "KT. BỘ TRƯỞNG /
// THỨ TRƯỞNG"), and the annex listing the recognised products. When the council awarded prizes
// (decision 029) an article after the first names them by tier and the annex gains a "Giải"
// column. A paper signed by hand replaces it with an uploaded scan (certificates.server.ts).
import {
  addPageNumbers,
  contentBox,
  ensureSpace,
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
import { vnDay } from "~/utils/date-range";
import { formatDate } from "~/utils/dates";
import { getT, type TFunction } from "~/utils/i18n";
import {
  authorityLine,
  issuerHeaderLines,
  issuerOf,
  provinceOfAuthority,
  recipientLines,
  signatureLines,
  twoDigits,
} from "./decision-texts";
import { legalBasis, ministryDepartmentHead, proposerOf } from "./legal-basis";
import { PRIZE_TIERS, prizeCounts, type PrizeTierName } from "./prizes";

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
  entries: Array<{
    productName: string;
    establishmentName: string;
    address: string;
    group: string;
    prize?: PrizeTierName | null;
  }>;
}

/**
 * The prize article's text, or null when no entry has a prize: "Tặng giải cho 04 sản phẩm tại
 * Điều 1 …: 01 giải A, 01 giải B, 02 giải khuyến khích (có danh sách kèm theo)."
 */
export function prizeArticle(t: TFunction, d: Pick<DecisionPrint, "entries" | "councilName">): string | null {
  const counts = prizeCounts(d.entries.map((e) => e.prize));
  const tiers = PRIZE_TIERS.filter((tier) => counts[tier] > 0);
  if (!tiers.length) return null;
  const list = tiers
    .map((tier) =>
      t("prizes.decisionPdf.count", { count: twoDigits(counts[tier]), tier: t(`prizes.decisionPdf.tier.${tier}`) }),
    )
    .join(", ");
  const total = tiers.reduce((n, tier) => n + counts[tier], 0);
  return t("prizes.decisionPdf.article", {
    count: twoDigits(total),
    council: d.councilName ?? t("certificates.decisionPdf.councilDefault"),
    list,
  });
}

const SIZE = 13;

function numberAndDate(doc: ReturnType<typeof createPdf>, t: TFunction, d: DecisionPrint): void {
  const box = contentBox(doc);
  const leftWidth = box.width * 0.44;
  const rightX = box.left + leftWidth + 6;
  const rightWidth = box.right - rightX;
  const top = doc.y + 4;
  setFont(doc, "regular", SIZE);
  drawTextLine(
    doc,
    nfc(t("certificates.decisionPdf.number", { number: d.number })),
    box.left,
    top,
    leftWidth,
    "center",
  );
  setFont(doc, "italic", SIZE);
  const lines = wrapText(doc, dateLine(t, d.signedAt, d.place), rightWidth);
  lines.forEach((line, i) => drawTextLine(doc, line, rightX, top + i * lineHeight(doc), rightWidth, "center"));
  doc.y = top + Math.max(1, lines.length) * lineHeight(doc);
}

/**
 * A paragraph whose first words are bold ("Điều 1.") and the rest regular, wrapped together:
 * the lead takes the start of the first line, the text flows after it.
 */
function leadParagraph(
  doc: ReturnType<typeof createPdf>,
  lead: string,
  text: string,
  size: number,
  lineGap: number,
): void {
  const box = contentBox(doc);
  setFont(doc, "bold", size);
  const leadText = nfc(lead);
  const leadWidth = doc.widthOfString(`${leadText} `);
  setFont(doc, "regular", size);
  const lh = lineHeight(doc) + lineGap;
  const words = nfc(text).split(" ").filter(Boolean);
  // The first line has less room (the lead takes its start); wrap it alone, then the rest.
  const first = wrapText(doc, words.join(" "), box.width - leadWidth)[0] ?? "";
  const rest = words.slice(first.split(" ").filter(Boolean).length).join(" ");
  ensureSpace(doc, lh);
  setFont(doc, "bold", size);
  drawTextLine(doc, leadText, box.left, doc.y, leadWidth);
  setFont(doc, "regular", size);
  drawTextLine(doc, first, box.left + leadWidth, doc.y, box.width - leadWidth);
  doc.y += lh;
  for (const line of rest ? wrapText(doc, rest, box.width) : []) {
    ensureSpace(doc, lh);
    drawTextLine(doc, line, box.left, doc.y, box.width);
    doc.y += lh;
  }
  moveDown(doc, 4);
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
  const day = vnDay(d.signedAt);
  const issuer = issuerOf(d.authority);
  officialHeader(doc, t, issuerHeaderLines(d.authority));
  numberAndDate(doc, t, d);
  moveDown(doc, 18);

  paragraph(doc, t("certificates.decisionPdf.title"), { font: "bold", size: 14, align: "center" });
  paragraph(doc, t("certificates.decisionPdf.about", { jurisdiction: d.jurisdiction, year: d.year }), {
    font: "bold",
    size: SIZE,
    align: "center",
    spaceAfter: 14,
  });
  paragraph(doc, authorityLine(d.authority), { font: "bold", size: SIZE, align: "center", spaceAfter: 10 });

  const body = { font: "regular" as const, size: SIZE, lineGap: 2, spaceAfter: 4 };
  for (const ground of legalBasis(day, issuer)) paragraph(doc, ground, { ...body, font: "italic" });
  paragraph(
    doc,
    t("certificates.decisionPdf.ground.results", {
      council: d.councilName ?? t("certificates.decisionPdf.councilDefault"),
      round: d.roundName,
    }),
    {
      ...body,
      font: "italic",
    },
  );
  paragraph(doc, proposerOf(day, issuer), { ...body, font: "italic" });
  moveDown(doc, 8);
  paragraph(doc, t("certificates.decisionPdf.decides"), {
    font: "bold",
    size: SIZE + 1,
    align: "center",
    spaceAfter: 8,
  });
  // Articles are numbered as they come: the prize article, when there is one, is the second.
  let article = 0;
  const lead = () => t("certificates.decisionPdf.articleLead", { n: ++article });
  leadParagraph(
    doc,
    lead(),
    t("certificates.decisionPdf.article1", {
      count: twoDigits(d.entries.length),
      jurisdiction: d.jurisdiction,
      year: d.year,
    }),
    SIZE,
    2,
  );
  const prizes = prizeArticle(t, d);
  if (prizes) leadParagraph(doc, lead(), prizes, SIZE, 2);
  leadParagraph(doc, lead(), t("certificates.decisionPdf.article2", { date: formatDate(d.validUntil) }), SIZE, 2);
  const article3 =
    issuer === "PROVINCE"
      ? t("certificates.decisionPdf.article3.province", { province: provinceOfAuthority(d.authority) ?? "" })
      : t("certificates.decisionPdf.article3.ministry", { department: ministryDepartmentHead(day) });
  leadParagraph(doc, lead(), article3, SIZE, 2);
  moveDown(doc, 8);

  // "Nơi nhận" on the left, the signer on the right, on the same lines.
  const recipients = recipientLines(d.authority, article);
  const signature = signatureLines(d.authority, d.signerTitle);
  const space = 56;
  setFont(doc, "regular", SIZE);
  const signatureHeight = (signature.length + 1) * lineHeight(doc) + space + 4;
  setFont(doc, "boldItalic", 11);
  const lh = lineHeight(doc);
  // Recipients and signature on one page (signatureBlocks would otherwise move on alone).
  ensureSpace(doc, Math.max((recipients.length + 1) * lh, signatureHeight));
  const top = doc.y;
  drawTextLine(doc, nfc(t("certificates.decisionPdf.recipients")), box.left, top, box.width / 2);
  setFont(doc, "regular", 10.5);
  recipients.forEach((line, i) => drawTextLine(doc, nfc(line), box.left, top + lh * (i + 1), box.width / 2));
  doc.y = top;
  signatureBlocks(doc, [{ title: signature.join("\n"), name: d.signerName }], { size: SIZE, space });

  // The annex.
  newPage(doc);
  paragraph(
    doc,
    t("certificates.decisionPdf.annexTitle", { jurisdiction: d.jurisdiction.toLocaleUpperCase("vi"), year: d.year }),
    {
      font: "bold",
      size: SIZE,
      align: "center",
    },
  );
  paragraph(
    doc,
    t("certificates.decisionPdf.annexRef", { number: d.number, date: formatDate(d.signedAt), authority: d.authority }),
    {
      font: "italic",
      size: 12,
      align: "center",
      spaceAfter: 10,
    },
  );
  const withPrizes = prizes !== null;
  const rows: TableRow[] = d.entries.map((e, i) => ({
    cells: [
      { text: String(i + 1), align: "center" },
      e.productName,
      e.establishmentName,
      e.address,
      { text: e.group, align: "center" },
      ...(withPrizes
        ? [{ text: e.prize ? t(`prizes.decisionPdf.cell.${e.prize}`) : "", align: "center" as const }]
        : []),
    ],
  }));
  if (!rows.length) rows.push({ cells: ["", t("certificates.decisionPdf.annexEmpty"), "", "", ""] });
  drawTable(doc, {
    columns: [
      { header: t("certificates.decisionPdf.col.no"), width: 6, align: "center" },
      { header: t("certificates.decisionPdf.col.product"), width: withPrizes ? 23 : 28 },
      { header: t("certificates.decisionPdf.col.establishment"), width: withPrizes ? 22 : 26 },
      { header: t("certificates.decisionPdf.col.address"), width: withPrizes ? 23 : 28 },
      { header: t("certificates.decisionPdf.col.group"), width: 10, align: "center" },
      ...(withPrizes
        ? [
            {
              header: t("prizes.decisionPdf.col"),
              width: 16,
              align: "center" as const,
              noWrap: true,
              fits: t("prizes.decisionPdf.cell.ENCOURAGEMENT"),
            },
          ]
        : []),
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
