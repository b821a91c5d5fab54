// Forms 01 and 02 of the dossier as printed papers (decision 028): the registration form (Phiếu
// đăng ký) and the product description (Bản thuyết minh), drawn from what the producer typed.
// domain.md lists what these forms ask in practice; the order follows the paper forms provincial
// centres hand out. A blank value leaves dotted lines for a pen, so a half-filled product still
// prints a usable paper. Pure drawing: the data comes from entries/forms.server.ts.
import { getT, type Locale, type MessageKey, type TFunction } from "~/utils/i18n";
import type { DossierFormKind } from "~/modules/producers/forms";
import { FORM_NUMBER } from "~/modules/producers/forms";
import {
  addPageNumbers,
  createPdf,
  dateLine,
  footerText,
  formatNumberVi,
  labelledValue,
  moveDown,
  nfc,
  officialHeader,
  paragraph,
  pdfBuffer,
  signatureBlocks,
  stampPages,
  type PdfDoc,
} from "./pdf.server";

export interface DossierFormPrint {
  kind: DossierFormKind;
  round: { name: string; councilName: string | null };
  entry: { receiptNumber: string | null; entryCode: string | null; submittedAt: Date | null };
  /** The submitted version the paper is drawn from; null for the producer's working copy. */
  frozenVersion: number | null;
  establishment: {
    name: string;
    legalForm: string;
    registrationNumber: string;
    registrationDate: Date | null;
    registrationIssuer: string | null;
    provinceName: string;
    commune: string | null;
    addressLine: string | null;
    phone: string | null;
    email: string | null;
    legalRepresentative: string | null;
    workforce: number | null;
  };
  product: {
    name: string;
    group: string;
    isSet: boolean;
    setItems: string | null;
    description: string;
    rawMaterials: string | null;
    process: string | null;
    annualCapacity: string | null;
    markets: string | null;
    qualityCerts: string | null;
    foodSafetyCert: string | null;
    trademark: string | null;
    ocopStars: number | null;
    ocopCertNumber: string | null;
    awards: string | null;
    businessLines: string | null;
    workforce: number | null;
    revenue: number | null;
    revenueYear: number | null;
    exportShare: number | null;
  };
  /** Angles of the dossier's photos (null for a photo without one). */
  photoAngles: Array<string | null>;
  generatedAt: Date;
}

const SIZE = 12.5;

const vnDay = (d: Date) =>
  new Intl.DateTimeFormat("vi-VN", {
    timeZone: "Asia/Ho_Chi_Minh",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
  }).format(d);

/**
 * The address as one line: street, commune, province (the units the establishment has now). A
 * part already written in an earlier one ("Phường Chũ, tỉnh Bắc Ninh" then "Phường Chũ") is not
 * repeated.
 */
function addressOf(e: DossierFormPrint["establishment"]): string {
  const kept: string[] = [];
  for (const raw of [e.addressLine, e.commune, e.provinceName]) {
    const part = raw?.trim();
    if (part && !kept.some((k) => k.toLocaleLowerCase("vi").includes(part.toLocaleLowerCase("vi")))) kept.push(part);
  }
  return kept.join(", ");
}

// Money with Vietnamese digit grouping ("12.500,5"), as the figure is read on a paper form.
const money = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 3 });

const setItemsOf = (p: DossierFormPrint["product"]) =>
  p.isSet && p.setItems ? p.setItems.split("\n").filter(Boolean) : [];

function title(doc: PdfDoc, t: TFunction, print: DossierFormPrint) {
  paragraph(doc, t("forms.print.formNumber", { number: FORM_NUMBER[print.kind] }), {
    font: "italic",
    size: 10.5,
    align: "right",
  });
  officialHeader(doc, t, [print.establishment.name]);
  moveDown(doc, 14);
  paragraph(doc, t(`forms.print.${print.kind}.title` as MessageKey), { font: "bold", size: 14, align: "center" });
  paragraph(doc, t("forms.print.subtitle"), { font: "bold", size: SIZE, align: "center" });
  paragraph(doc, print.round.name, { font: "italic", size: SIZE, align: "center", spaceAfter: 8 });
  const council = print.round.councilName?.trim() || t("forms.print.defaultCouncil", { round: print.round.name });
  paragraph(doc, t("forms.print.to", { council }), { size: SIZE, align: "center", spaceAfter: 4 });
  const refs = [
    print.entry.receiptNumber ? t("forms.print.receipt", { receipt: print.entry.receiptNumber }) : null,
    print.entry.entryCode ? t("forms.print.entryCode", { code: print.entry.entryCode }) : null,
  ].filter(Boolean);
  if (refs.length) paragraph(doc, refs.join(" · "), { font: "italic", size: 10.5, align: "center" });
  moveDown(doc, 8);
}

/** A "label: value" line; null/blank values leave dotted lines. */
function line(doc: PdfDoc, label: string, value: string | null | undefined, blankLines = 1) {
  labelledValue(doc, label, value, { size: SIZE, blankLines });
}

/** A heading ("I. …") and then a long text under it (wrapped, flowing onto new pages). */
function block(doc: PdfDoc, label: string, text: string | null | undefined, blankLines = 2) {
  if (!text?.trim()) return line(doc, label, null, blankLines);
  paragraph(doc, label, { size: SIZE });
  for (const para of text.trim().split(/\r?\n/))
    paragraph(doc, para, { font: "bold", size: SIZE, x: doc.page.margins.left + 14 });
}

function revenueLine(t: TFunction, p: DossierFormPrint["product"], withYear: MessageKey, withoutYear: MessageKey) {
  const label = p.revenueYear ? t(withYear, { year: p.revenueYear }) : t(withoutYear);
  const value = p.revenue === null ? null : t("forms.print.revenueValue", { amount: money.format(p.revenue) });
  return [label, value] as const;
}

function signature(doc: PdfDoc, t: TFunction, print: DossierFormPrint) {
  moveDown(doc, 12);
  signatureBlocks(
    doc,
    [
      {
        above: dateLine(t, print.entry.submittedAt, print.establishment.provinceName),
        title: t("forms.print.signer"),
        hint: t("forms.print.signHint"),
        name: print.establishment.legalRepresentative,
      },
    ],
    { size: SIZE },
  );
}

function drawRegistration(doc: PdfDoc, t: TFunction, print: DossierFormPrint) {
  const e = print.establishment;
  const p = print.product;
  paragraph(doc, t("forms.print.part.establishment"), { font: "bold", size: SIZE, spaceAfter: 2 });
  line(doc, t("forms.print.establishmentName"), e.name);
  line(doc, t("forms.print.legalForm"), t(`legalForm.${e.legalForm}` as MessageKey));
  line(doc, t("forms.print.address"), addressOf(e));
  line(doc, t("forms.print.contact"), [e.phone, e.email].filter(Boolean).join(" / ") || null);
  line(doc, t("forms.print.representative"), e.legalRepresentative);
  line(doc, t("forms.print.registration"), e.registrationNumber);
  paragraph(
    doc,
    t("forms.print.registrationIssued", {
      date: e.registrationDate ? vnDay(e.registrationDate) : "……………",
      issuer: e.registrationIssuer?.trim() || "……………………………",
    }),
    {
      size: SIZE,
      x: doc.page.margins.left + 14,
    },
  );
  block(doc, t("forms.print.businessLines"), p.businessLines);
  line(
    doc,
    t("forms.print.workforce"),
    e.workforce === null && p.workforce === null
      ? null
      : t("forms.print.workforceValue", { total: e.workforce ?? "……", product: p.workforce ?? "……" }),
  );
  line(doc, ...revenueLine(t, p, "forms.print.revenue", "forms.print.revenueNoYear"));
  moveDown(doc, 6);
  paragraph(doc, t("forms.print.part.product"), { font: "bold", size: SIZE, spaceAfter: 2 });
  line(doc, t("forms.print.productName"), p.name);
  line(
    doc,
    t("forms.print.group"),
    t("forms.print.groupValue", { group: p.group, label: t(`group.${p.group}` as MessageKey) }),
  );
  const items = setItemsOf(p);
  if (items.length) block(doc, t("forms.print.setItems"), items.map((item, i) => `${i + 1}. ${item}`).join("\n"));
  moveDown(doc, 6);
  paragraph(doc, t("forms.print.part.pledge"), { font: "bold", size: SIZE, spaceAfter: 2 });
  paragraph(doc, t("forms.print.pledge"), { size: SIZE });
  signature(doc, t, print);
}

function drawDescription(doc: PdfDoc, t: TFunction, print: DossierFormPrint) {
  const e = print.establishment;
  const p = print.product;
  line(doc, t("forms.print.d.name"), p.name);
  line(
    doc,
    t("forms.print.d.group"),
    t("forms.print.groupValue", { group: p.group, label: t(`group.${p.group}` as MessageKey) }),
  );
  line(doc, t("forms.print.d.producer"), `${e.name} — ${addressOf(e)}`);
  block(doc, t("forms.print.d.description"), p.description, 4);
  const items = setItemsOf(p);
  if (items.length) block(doc, t("forms.print.d.setItems"), items.map((item, i) => `${i + 1}. ${item}`).join("\n"));
  block(doc, t("forms.print.d.rawMaterials"), p.rawMaterials);
  block(doc, t("forms.print.d.process"), p.process, 3);
  line(doc, t("forms.print.d.capacity"), p.annualCapacity);
  line(
    doc,
    t("forms.print.d.workforce"),
    p.workforce === null ? null : t("forms.print.d.workforceValue", { count: p.workforce }),
  );
  line(doc, ...revenueLine(t, p, "forms.print.d.revenue", "forms.print.d.revenueNoYear"));
  block(
    doc,
    t("forms.print.d.markets"),
    [
      p.markets,
      p.exportShare === null ? null : t("forms.print.d.exportShare", { value: formatNumberVi(p.exportShare, 1) }),
    ]
      .filter(Boolean)
      .join("\n") || null,
  );
  const certs = [
    p.qualityCerts,
    p.foodSafetyCert ? t("forms.print.d.foodSafety", { number: p.foodSafetyCert }) : null,
    p.trademark ? t("forms.print.d.trademark", { value: p.trademark }) : null,
    p.ocopStars ? t("forms.print.d.ocop", { stars: p.ocopStars, number: p.ocopCertNumber ?? "" }) : null,
  ].filter(Boolean);
  block(doc, t("forms.print.d.certs"), certs.length ? certs.join("\n") : t("forms.print.none"));
  block(doc, t("forms.print.d.awards"), p.awards?.trim() ? p.awards : t("forms.print.none"));
  const angles = print.photoAngles.filter((a): a is string => !!a);
  const angleNames = [...new Set(angles)].map((a) => t(`dossier.angle.${a}` as MessageKey).toLocaleLowerCase("vi"));
  line(
    doc,
    t("forms.print.d.photos"),
    print.photoAngles.length
      ? t("forms.print.d.photosValue", { count: print.photoAngles.length, angles: angleNames.join(", ") })
      : null,
  );
  signature(doc, t, print);
}

/** The file name of a form: "mau-01-my-gao-chu.pdf". */
export function dossierFormFileName(
  print: Pick<DossierFormPrint, "kind" | "product">,
  t: TFunction = getT("vi"),
): string {
  const slug = nfc(print.product.name)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
  return t("forms.print.fileName", { number: FORM_NUMBER[print.kind], name: slug || "san-pham" });
}

/** Form 01 or 02 as a PDF. The paper is signed in Vietnamese; `locale: "en"` is for reading only. */
export async function renderDossierFormPdf(print: DossierFormPrint, opts: { locale?: Locale } = {}): Promise<Buffer> {
  const t = getT(opts.locale ?? "vi");
  const doc = createPdf({
    title: t("forms.print.documentTitle", {
      title: t(`forms.print.${print.kind}.title` as MessageKey),
      product: print.product.name,
    }),
    author: print.establishment.name,
    subject: print.round.name,
    creationDate: print.generatedAt,
    fontSize: SIZE,
  });
  title(doc, t, print);
  if (print.kind === "REGISTRATION_FORM") drawRegistration(doc, t, print);
  else drawDescription(doc, t, print);
  const footer =
    print.frozenVersion !== null
      ? t("forms.print.footerFrozen", { version: print.frozenVersion, date: vnDay(print.generatedAt) })
      : t("forms.print.footer", { date: vnDay(print.generatedAt) });
  stampPages(doc, () => footerText(doc, footer, "left"));
  addPageNumbers(doc, (page, pages) => t("print.page", { page, pages }));
  return pdfBuffer(doc);
}
