// The certificate (giấy chứng nhận) as printed: one A4 landscape page per certificate with a
// decorative border, the issuing body and national motto, the title, the level and year, the
// product (set) in large type, its group, the establishment's name and address as at issue, the
// recognition decision it rests on, the serial number, issue date and validity end, the signer,
// and the QR code of its public verification page with the code printed under it for people who
// type it. A revoked certificate still prints (for the record) but carries "ĐÃ THU HỒI" across it.
// Drawing only: what is printed comes from CertificatePrint, built by certificates.server.ts.
import {
  contentBox,
  createPdf,
  dateLine,
  drawTextLine,
  fitFontSize,
  lineHeight,
  MM,
  newPage,
  nfc,
  officialHeader,
  pdfBuffer,
  setFont,
  watermark,
  wrapText,
  type FontName,
  type PdfDoc,
} from "~/modules/print/pdf.server";
import { drawQr } from "~/modules/print/qr.server";
import { formatDate } from "~/utils/dates";
import { getT, type MessageKey, type TFunction } from "~/utils/i18n";
import { credentialFileName, envelope } from "~/modules/credentials/credential";
import { formatVerificationCode } from "./codes";
import { issuerHeaderLines, signatureLines } from "./decision-texts";

export interface CertificatePrint {
  serial: string;
  /** The verification code (unformatted); printed as ABCDE-FGHJK. */
  code: string;
  /** The public page the QR code opens: <APP_URL>/verify/<code>. */
  verifyUrl: string;
  /** "cấp tỉnh Bắc Ninh", as it reads mid-sentence. */
  jurisdiction: string;
  year: number;
  productName: string;
  productGroup: "A" | "B" | "C" | "D";
  establishmentName: string;
  establishmentAddress: string;
  decisionNumber: string;
  decisionSignedAt: Date;
  /** "Ủy ban nhân dân tỉnh Bắc Ninh" */
  authority: string;
  signerName: string;
  signerTitle: string;
  /** The place of the date line ("Bắc Ninh, ngày …"). */
  place: string;
  issuedAt: Date;
  validUntil: Date;
  revokedAt: Date | null;
  /** The certificate's signed verifiable credential (VC-JWT), attached to the PDF as a JSON file (decision 036). */
  credential?: string | null;
}

const RED = "#8e1b1b";
const GOLD = "#b08a2e";
const INK = "#1a1a1a";

/** Room inside the border. The border itself sits in the margins. */
const MARGINS = { top: 17 * MM, bottom: 15 * MM, left: 24 * MM, right: 24 * MM };

const capitalise = (s: string) => (s ? s.charAt(0).toLocaleUpperCase("vi") + s.slice(1) : s);

/** A4 landscape with the certificate's margins; the caller draws each certificate on its own page. */
export function createCertificatesDoc(title: string): PdfDoc {
  const t = getT("vi");
  return createPdf({
    title,
    subject: t("certificates.pdf.subject"),
    author: t("print.author"),
    landscape: true,
    margins: MARGINS,
    family: "serif",
    fontSize: 12,
  });
}

interface Line {
  text: string;
  font: FontName;
  size: number;
  color?: string;
  maxLines?: number;
  /** Space above, in points (stretched with the free space of the page). */
  before?: number;
}

/** The wrapped lines of an item at its font and size (at most maxLines, the last one ending in "…"). */
function layout(doc: PdfDoc, item: Line, width: number): { lines: string[]; lh: number } {
  setFont(doc, item.font, item.size);
  let lines = wrapText(doc, item.text, width);
  if (item.maxLines && lines.length > item.maxLines) {
    lines = lines.slice(0, item.maxLines);
    lines[lines.length - 1] = `${lines[lines.length - 1]}…`;
  }
  return { lines, lh: lineHeight(doc) };
}

/**
 * Centred items between `top` and `bottom`: the gaps above items grow with the free space so the
 * block fills the page evenly, whatever the length of the names.
 */
function centredBlock(doc: PdfDoc, items: Line[], top: number, bottom: number): void {
  const box = contentBox(doc);
  const laid = items.map((item) => ({ item, ...layout(doc, item, box.width) }));
  const textHeight = laid.reduce((h, l) => h + l.lines.length * l.lh, 0);
  const gaps = laid.reduce((h, l) => h + (l.item.before ?? 0), 0);
  const free = bottom - top - textHeight;
  // Gaps scale up to 2.2× (never below their size, unless the page is really full).
  const scale = gaps > 0 ? Math.max(0.3, Math.min(2.2, free / gaps)) : 1;
  let y = top;
  for (const { item, lines, lh } of laid) {
    y += (item.before ?? 0) * scale;
    setFont(doc, item.font, item.size);
    doc.fillColor(item.color ?? INK);
    for (const line of lines) {
      drawTextLine(doc, line, box.left, y, box.width, "center");
      y += lh;
    }
  }
  doc.fillColor("black");
  doc.y = y;
}

/** The product name as large as it fits: one line down to 18 pt, else two lines at 18 pt. */
function productLine(doc: PdfDoc, name: string): Line {
  const box = contentBox(doc);
  const clean = nfc(name);
  const size = fitFontSize(doc, "bold", clean, box.width, 26, 18);
  setFont(doc, "bold", size);
  return doc.widthOfString(clean) <= box.width
    ? { text: clean, font: "bold", size, color: RED, before: 4 }
    : { text: clean, font: "bold", size: 18, color: RED, maxLines: 2, before: 4 };
}

function drawBorder(doc: PdfDoc): void {
  const { width, height } = doc.page;
  const outer = 8 * MM;
  doc.save();
  doc
    .lineWidth(3.2)
    .strokeColor(RED)
    .rect(outer, outer, width - 2 * outer, height - 2 * outer)
    .stroke();
  const mid = outer + 5;
  doc
    .lineWidth(1)
    .strokeColor(GOLD)
    .rect(mid, mid, width - 2 * mid, height - 2 * mid)
    .stroke();
  const inner = outer + 8;
  doc
    .lineWidth(0.4)
    .strokeColor(GOLD)
    .rect(inner, inner, width - 2 * inner, height - 2 * inner)
    .stroke();
  // A small diamond in each corner, and one in the middle of each side.
  const points: Array<[number, number]> = [
    [mid, mid],
    [width - mid, mid],
    [mid, height - mid],
    [width - mid, height - mid],
    [width / 2, mid],
    [width / 2, height - mid],
    [mid, height / 2],
    [width - mid, height / 2],
  ];
  for (const [x, y] of points) {
    const r = 6;
    doc.polygon([x, y - r], [x + r, y], [x, y + r], [x - r, y]).fillAndStroke(GOLD, RED);
  }
  doc.restore();
  doc.lineWidth(1).strokeColor("black").fillColor("black");
}

/** The host and path people can type: "tieubieu.vn/verify/ABCDE12345" (no scheme). */
export function shortVerifyUrl(verifyUrl: string): string {
  return verifyUrl.replace(/^https?:\/\//, "");
}

/** Draws one certificate on the current page (which must be fresh). */
export function drawCertificate(doc: PdfDoc, cert: CertificatePrint, t: TFunction = getT("vi")): void {
  const box = contentBox(doc);
  drawBorder(doc);
  doc.x = box.left;
  doc.y = box.top;

  officialHeader(doc, t, issuerHeaderLines(cert.authority));
  const headerBottom = doc.y;

  // The bottom band is placed from the bottom: QR and numbers on the left, the signer on the right.
  const qrSize = 84;
  const bandTop = box.bottom - qrSize - 26;
  const signTop = bandTop - 22;

  const items: Line[] = [
    { text: t("certificates.pdf.title"), font: "bold", size: 30, color: RED, before: 10 },
    { text: t("certificates.pdf.subtitle"), font: "bold", size: 16.5 },
    {
      text: t("certificates.pdf.levelLine", { jurisdiction: capitalise(cert.jurisdiction), year: cert.year }),
      font: "boldItalic",
      size: 14,
      before: 2,
    },
    { text: t("certificates.pdf.certifies"), font: "italic", size: 12, before: 12 },
    productLine(doc, cert.productName),
    {
      text: t("certificates.pdf.group", {
        group: cert.productGroup,
        name: t(`group.${cert.productGroup}` as MessageKey),
      }),
      font: "regular",
      size: 12,
      before: 3,
    },
    {
      text: t("certificates.pdf.establishment", { name: cert.establishmentName }),
      font: "bold",
      size: 13,
      maxLines: 2,
      before: 8,
    },
    ...(cert.establishmentAddress
      ? [
          {
            text: t("certificates.pdf.address", { address: cert.establishmentAddress }),
            font: "regular" as const,
            size: 12,
            maxLines: 2,
            before: 2,
          },
        ]
      : []),
    {
      text: t("certificates.pdf.decision", {
        number: cert.decisionNumber,
        date: formatDate(cert.decisionSignedAt),
        authority: cert.authority,
      }),
      font: "italic",
      size: 12,
      maxLines: 2,
      before: 8,
    },
  ];
  centredBlock(doc, items, headerBottom, signTop - 10);

  const qrX = box.left;
  drawQr(doc, cert.verifyUrl, qrX, bandTop, qrSize);
  setFont(doc, "sans-bold", 9.5);
  const codeText = t("certificates.pdf.code", { code: formatVerificationCode(cert.code) });
  const labelWidth = Math.max(qrSize + 60, doc.widthOfString(codeText) + 4);
  drawTextLine(doc, codeText, qrX, bandTop + qrSize + 3, labelWidth);
  setFont(doc, "sans-regular", 7.5);
  drawTextLine(doc, shortVerifyUrl(cert.verifyUrl), qrX, bandTop + qrSize + 15, labelWidth + 80);

  const numbersX = qrX + qrSize + 14;
  const numbersWidth = box.width * 0.5 - qrSize - 14;
  let y = bandTop + 8;
  setFont(doc, "bold", 12.5);
  doc.fillColor(RED);
  drawTextLine(doc, t("certificates.pdf.serial", { serial: cert.serial }), numbersX, y, numbersWidth);
  doc.fillColor(INK);
  y += lineHeight(doc) + 3;
  setFont(doc, "regular", 11.5);
  drawTextLine(doc, t("certificates.pdf.issuedAt", { date: formatDate(cert.issuedAt) }), numbersX, y, numbersWidth);
  y += lineHeight(doc) + 2;
  setFont(doc, "bold", 11.5);
  drawTextLine(doc, t("certificates.pdf.validUntil", { date: formatDate(cert.validUntil) }), numbersX, y, numbersWidth);
  y += lineHeight(doc) + 2;
  if (cert.revokedAt) {
    setFont(doc, "sans-bold", 10.5);
    doc.fillColor("#b00000");
    drawTextLine(doc, t("certificates.pdf.revokedOn", { date: formatDate(cert.revokedAt) }), numbersX, y, numbersWidth);
    doc.fillColor(INK);
  } else {
    setFont(doc, "italic", 9.5);
    for (const line of wrapText(doc, t("certificates.pdf.verifyHint"), numbersWidth)) {
      drawTextLine(doc, line, numbersX, y, numbersWidth);
      y += lineHeight(doc);
    }
  }

  const signX = box.left + box.width * 0.52;
  const signWidth = box.right - signX;
  let sy = signTop;
  setFont(doc, "italic", 12);
  drawTextLine(doc, nfc(dateLine(t, cert.issuedAt, cert.place)), signX, sy, signWidth, "center");
  sy += lineHeight(doc) + 1;
  setFont(doc, "bold", 12);
  for (const line of signatureLines(cert.authority, cert.signerTitle).flatMap((l) => wrapText(doc, l, signWidth))) {
    drawTextLine(doc, line, signX, sy, signWidth, "center");
    sy += lineHeight(doc);
  }
  setFont(doc, "bold", 13);
  drawTextLine(doc, nfc(cert.signerName), signX, box.bottom - lineHeight(doc), signWidth, "center");

  if (cert.revokedAt) watermark(doc, t("certificates.pdf.revoked"));
  doc.fillColor("black");
  if (cert.credential) attachCredential(doc, cert.serial, cert.credential, t);
}

/**
 * The signed credential as a file inside the PDF (an embedded file, listed by PDF readers as an
 * attachment): whoever holds the PDF holds the credential, verifiable offline with
 * `npm run verify-credential <file>`.
 */
function attachCredential(doc: PdfDoc, serial: string, jwt: string, t: TFunction): void {
  doc.file(Buffer.from(JSON.stringify(envelope(jwt), null, 2)), {
    name: credentialFileName(serial),
    type: "application/json",
    description: t("certificates.pdf.credentialFile", { serial }),
  });
}

/** The certificates, one A4 landscape page each, in the order given. */
export async function renderCertificatesPdf(certs: CertificatePrint[]): Promise<Buffer> {
  const t = getT("vi");
  const title =
    certs.length === 1 && certs[0]
      ? t("certificates.pdf.docTitle", { serial: certs[0].serial })
      : t("certificates.pdf.docTitleMany", { count: certs.length });
  const doc = createCertificatesDoc(title);
  certs.forEach((cert, i) => {
    if (i > 0) newPage(doc);
    drawCertificate(doc, cert, t);
  });
  return pdfBuffer(doc);
}

/** "giay-chung-nhan-GCN-BN-2026-0001.pdf" */
export function certificateFileName(serial: string): string {
  return getT("vi")("certificates.pdf.fileName", { serial: serial.replace(/[^\p{L}\p{N}._-]+/gu, "-") });
}
