// The base every printed document is built on (score sheets, the results minutes, certificates):
// an A4 pdfkit document with the DejaVu fonts embedded — they cover every Vietnamese letter with
// its diacritics, which pdfkit's built-in Helvetica/Times do not — and a few layout helpers that
// never let pdfkit wrap or break pages by itself: text is wrapped here (wrapText) and every
// helper checks the space left, so tables repeat their header row and long text flows on.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { once } from "node:events";
import { PassThrough, Readable } from "node:stream";
import type PDFDocument from "pdfkit";
import { contentDisposition } from "~/modules/files/headers";
import { APP_TIME_ZONE } from "~/utils/dates";
import { DomainError } from "~/utils/errors";
import type { ErrorPayload } from "~/utils/http.server";
import {
  isMessageKey,
  translate,
  type Locale,
  type MessageKey,
  type TFunction,
  type TranslateParams,
} from "~/utils/i18n";
import { lazyRequire } from "~/utils/lazy-require.server";
import { getLocale } from "~/utils/locale.server";
import { timeSlicer, type Pause } from "~/utils/time-slices.server";
import { itemAt } from "~/utils/arrays";

export type PdfDoc = PDFKit.PDFDocument;
export type Align = "left" | "center" | "right";

// ───────────── fonts ─────────────

export type FontStyle = "regular" | "bold" | "italic" | "boldItalic";
export type FontFamily = "serif" | "sans" | "serifCondensed" | "sansCondensed";
/** A registered font: a style of the document's family ("bold") or of a named one ("sans-bold"). */
export type FontName = FontStyle | `${FontFamily}-${FontStyle}`;

const FONT_FILES: Record<FontFamily, Record<FontStyle, string>> = {
  serif: {
    regular: "DejaVuSerif.ttf",
    bold: "DejaVuSerif-Bold.ttf",
    italic: "DejaVuSerif-Italic.ttf",
    boldItalic: "DejaVuSerif-BoldItalic.ttf",
  },
  sans: {
    regular: "DejaVuSans.ttf",
    bold: "DejaVuSans-Bold.ttf",
    italic: "DejaVuSans-Oblique.ttf",
    boldItalic: "DejaVuSans-BoldOblique.ttf",
  },
  serifCondensed: {
    regular: "DejaVuSerifCondensed.ttf",
    bold: "DejaVuSerifCondensed-Bold.ttf",
    italic: "DejaVuSerifCondensed-Italic.ttf",
    boldItalic: "DejaVuSerifCondensed-BoldItalic.ttf",
  },
  sansCondensed: {
    regular: "DejaVuSansCondensed.ttf",
    bold: "DejaVuSansCondensed-Bold.ttf",
    italic: "DejaVuSansCondensed-Oblique.ttf",
    boldItalic: "DejaVuSansCondensed-BoldOblique.ttf",
  },
};
const FAMILIES = Object.keys(FONT_FILES) as FontFamily[];
const STYLES: FontStyle[] = ["regular", "bold", "italic", "boldItalic"];

let fontDirCache: string | null = null;

/**
 * The dejavu-fonts-ttf package's ttf folder, found through Node's resolver from this module (works
 * from the sources under tsx/vitest and from the server bundle, which keeps node_modules
 * external), then from the working directory as a fallback.
 */
export function fontDirectory(): string {
  if (fontDirCache) return fontDirCache;
  const candidates: string[] = [];
  for (const base of [import.meta.url, path.join(process.cwd(), "package.json")]) {
    try {
      candidates.push(path.join(path.dirname(createRequire(base).resolve("dejavu-fonts-ttf/package.json")), "ttf"));
    } catch {
      // not resolvable from there; try the next base
    }
  }
  candidates.push(path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf"));
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, FONT_FILES.serif.regular)));
  if (!found)
    throw new Error(`DejaVu fonts not found (looked in ${candidates.join(", ")}); is dejavu-fonts-ttf installed?`);
  fontDirCache = found;
  return found;
}

const fontBytes = new Map<string, Buffer>();
/** A font file's bytes, read once per process. */
function fontData(file: string): Buffer {
  let bytes = fontBytes.get(file);
  if (!bytes) {
    bytes = fs.readFileSync(path.join(fontDirectory(), file));
    fontBytes.set(file, bytes);
  }
  return bytes;
}

const docFamily = new WeakMap<PdfDoc, FontFamily>();

/**
 * Registers every family/style once, by name ("sans-bold"). The plain styles ("bold") resolve to
 * the document's family in setFont, never by registering a second name for the same file: pdfkit
 * would then re-parse that font on every switch (its de-duplication by PostScript name does not
 * cache the second name).
 */
function registerFonts(doc: PdfDoc, family: FontFamily) {
  docFamily.set(doc, family);
  for (const f of FAMILIES) {
    for (const s of STYLES) {
      // pdfkit parses a registered font only when it is first used; Buffers skip the disk.
      doc.registerFont(`${f}-${s}`, fontData(FONT_FILES[f][s]) as unknown as string);
    }
  }
}

/** The registered name of a font: a plain style is one of the document's family. */
const registeredName = (doc: PdfDoc, font: FontName): string =>
  font.includes("-") ? font : `${docFamily.get(doc) ?? "serifCondensed"}-${font}`;

/** Options every printed paper takes. */
export interface PrintOptions {
  /** The papers are official forms, signed in Vietnamese (the default); English is for reading only. */
  locale?: Locale;
}

/** Sets the current font (and size). */
export function setFont(doc: PdfDoc, font: FontName, size?: number): PdfDoc {
  doc.font(registeredName(doc, font));
  if (size !== undefined) doc.fontSize(size);
  return doc;
}

// ───────────── documents ─────────────

export interface Margins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** 1 mm in PDF points. */
export const MM = 72 / 25.4;

/** Vietnamese administrative documents: top/bottom 20 mm, left 30 mm, right 15–20 mm (Decree 30/2020). */
export const ADMIN_MARGINS: Margins = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 20 * MM };

export interface PdfOptions {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string;
  creationDate?: Date;
  landscape?: boolean;
  margins?: Partial<Margins>;
  /** Family of the plain style names ("regular", "bold", …). Default condensed serif: about as wide as the Times New Roman of official papers. */
  family?: FontFamily;
  /** Default font size, points. */
  fontSize?: number;
  /** Keep every page until the end (default), so that page numbers can be stamped afterwards. */
  bufferPages?: boolean;
}

// pdfkit is loaded by the first PDF, not at the server's start.
const loadPdfKit = lazyRequire<typeof PDFDocument>("pdfkit");

/** An A4 document with the fonts registered, pages buffered (for page numbers), metadata set. */
export function createPdf(opts: PdfOptions): PdfDoc {
  const family = opts.family ?? "serifCondensed";
  const PdfKit = loadPdfKit();
  const doc = new PdfKit({
    size: "A4",
    layout: opts.landscape ? "landscape" : "portrait",
    margins: { ...ADMIN_MARGINS, ...opts.margins },
    bufferPages: opts.bufferPages ?? true,
    pdfVersion: "1.7",
    lang: "vi-VN",
    displayTitle: true,
    // No default font (pdfkit would load Helvetica's metrics): setFont below picks a DejaVu one
    // before anything is written.
    font: null as unknown as string,
    // pdfkit hashes every info value into the file id: no undefined values.
    info: {
      Title: nfc(opts.title),
      Author: nfc(opts.author ?? "Tiêu Biểu"),
      ...(opts.subject ? { Subject: nfc(opts.subject) } : {}),
      ...(opts.keywords ? { Keywords: nfc(opts.keywords) } : {}),
      Creator: "Tiêu Biểu",
      CreationDate: opts.creationDate ?? new Date(),
    },
  });
  registerFonts(doc, family);
  setFont(doc, "regular", opts.fontSize ?? 12);
  return doc;
}

/** Ends the document and collects its bytes. */
export function pdfBuffer(doc: PdfDoc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.end();
  });
}

/** createPdf → draw → pdfBuffer. */
export async function renderPdf(opts: PdfOptions, draw: (doc: PdfDoc) => void): Promise<Buffer> {
  const doc = createPdf(opts);
  draw(doc);
  return pdfBuffer(doc);
}

/**
 * A document with "page x of y" on every page, streamed as it is drawn and never held whole, for
 * downloads of thousands of rows. pdfkit can number pages only by keeping them all to the end
 * (hundreds of megabytes, then seconds of writing in one go), so `draw` runs twice: once on a
 * document that is thrown away, to count its pages, then for real, each page getting its number
 * when it starts and leaving memory when the next one starts. Both runs pause (timeSlicer) so
 * other requests go on; the second also waits for a slow reader. A drawing error aborts the stream.
 */
export function renderNumberedPdfStream(
  opts: PdfOptions,
  draw: (doc: PdfDoc, pause: Pause) => Promise<void>,
  pageLabel: (page: number, pages: number) => string,
): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  void (async () => {
    const counter = createPdf({ ...opts, bufferPages: false });
    let pages = 1;
    counter.on("pageAdded", () => pages++);
    counter.resume(); // its bytes are not wanted
    await draw(counter, timeSlicer());
    counter.end();

    const doc = createPdf({ ...opts, bufferPages: false });
    let page = 1;
    const stamp = () => keepingPlace(doc, () => footerText(doc, pageLabel(page, pages), "right"));
    stamp();
    doc.on("pageAdded", () => {
      page++;
      stamp();
    });
    doc.pipe(out);
    const slice = timeSlicer();
    await draw(doc, () => {
      const wait = slice();
      if (!wait) return undefined;
      return wait.then(() => (out.writableNeedDrain ? once(out, "drain").then(() => undefined) : undefined));
    });
    doc.end();
  })().catch((error: Error) => out.destroy(error));
  return Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>;
}

/** Runs `fn` (which may change font, size and position) and puts them back as they were. */
function keepingPlace(doc: PdfDoc, fn: () => void): void {
  const state = doc as unknown as { _font: unknown; _fontSize: number };
  const { _font: font, _fontSize: size } = state;
  const { x, y } = doc;
  fn();
  state._font = font;
  state._fontSize = size;
  doc.x = x;
  doc.y = y;
}

/** The answer of a route serving a generated PDF: shown in the browser, never cached. */
export function pdfResponse(
  bytes: Buffer | Uint8Array,
  fileName: string,
  disposition: "inline" | "attachment" = "inline",
): Response {
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": contentDisposition(disposition, fileName),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/**
 * A refused or malformed PDF request as a short message in the user's language. PDF links open
 * in a new tab or a download, where the app's error page cannot show; a DomainError or an
 * httpError (parseParams) becomes text with its status. Anything else is rethrown.
 */
export async function printErrorResponse(request: Request, error: unknown): Promise<Response> {
  let status: number | undefined;
  let key: MessageKey | undefined;
  let params: TranslateParams | undefined;
  if (error instanceof DomainError) {
    ({ status, messageKey: key, params } = error);
  } else if (
    typeof error === "object" &&
    error !== null &&
    (error as { type?: unknown }).type === "DataWithResponseInit"
  ) {
    const { data, init } = error as { data: Partial<ErrorPayload> | null; init: ResponseInit | null };
    if (isMessageKey(data?.messageKey)) {
      status = init?.status;
      key = data.messageKey;
      params = data.params;
    }
  }
  if (!status || !key) throw error;
  return new Response(`${translate(await getLocale(request), key, params)}\n`, {
    status,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

// ───────────── geometry ─────────────

export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
}

/** The writable area of the current page. */
export function contentBox(doc: PdfDoc): Box {
  const { width, height, margins } = doc.page;
  return {
    left: margins.left,
    right: width - margins.right,
    top: margins.top,
    bottom: height - margins.bottom,
    width: width - margins.left - margins.right,
  };
}

/** Starts a new page unless `height` points fit below doc.y. Returns whether a page was added. */
export function ensureSpace(doc: PdfDoc, height: number): boolean {
  const box = contentBox(doc);
  if (doc.y + height <= box.bottom || doc.y <= box.top + 0.5) return false;
  doc.addPage();
  doc.y = contentBox(doc).top;
  return true;
}

/** Starts a new page (x and y at the top-left of the content area). */
export function newPage(doc: PdfDoc): void {
  doc.addPage();
  const box = contentBox(doc);
  doc.x = box.left;
  doc.y = box.top;
}

/** Moves doc.y down (at most to the bottom of the page). */
export function moveDown(doc: PdfDoc, points: number): void {
  doc.y = Math.min(doc.y + points, contentBox(doc).bottom);
}

// ───────────── text ─────────────

// eslint-disable-next-line no-control-regex -- control characters except the newline are what it removes
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f]/g;

/** NFC (a Mac keyboard may send decomposed letters) without control characters except newlines. */
export function nfc(text: string): string {
  return text.normalize("NFC").replace(/\r\n?/g, "\n").replace(/\t/g, " ").replace(CONTROL_BUT_NEWLINE, "");
}

/** Height of one line in the current font and size, gap included. */
export const lineHeight = (doc: PdfDoc): number => doc.currentLineHeight(true);

/**
 * The lines `text` takes in `width` points with the current font: words are kept whole unless a
 * single word is wider than the line, newlines start new lines, blank lines are kept.
 */
export function wrapText(doc: PdfDoc, text: string, width: number): string[] {
  const lines: string[] = [];
  const space = doc.widthOfString(" ");
  for (const para of nfc(text).split("\n")) {
    const words = para.split(" ").filter(Boolean);
    if (!words.length) {
      lines.push("");
      continue;
    }
    let line = "";
    let lineWidth = 0;
    for (let word of words) {
      let w = doc.widthOfString(word);
      if (line && lineWidth + space + w <= width) {
        line += ` ${word}`;
        lineWidth += space + w;
        continue;
      }
      if (line) lines.push(line);
      while (w > width && word.length > 1) {
        const chars = Array.from(word);
        let n = 1;
        while (n < chars.length && doc.widthOfString(chars.slice(0, n + 1).join("")) <= width) n++;
        lines.push(chars.slice(0, n).join(""));
        word = chars.slice(n).join("");
        w = doc.widthOfString(word);
      }
      line = word;
      lineWidth = w;
    }
    lines.push(line);
  }
  return lines;
}

/** Writes one line without wrapping, aligned within [x, x + width]. Does not move doc.y. */
export function drawTextLine(
  doc: PdfDoc,
  text: string,
  x: number,
  y: number,
  width: number,
  align: Align = "left",
): void {
  if (!text) return;
  const w = doc.widthOfString(text);
  const dx = align === "center" ? (width - w) / 2 : align === "right" ? width - w : 0;
  const keepY = doc.y;
  doc.text(text, x + Math.max(dx, 0), y, { lineBreak: false });
  doc.y = keepY;
}

/** The largest size in [min, max] (half-point steps) at which `text` fits `width` on one line. */
export function fitFontSize(
  doc: PdfDoc,
  font: FontName,
  text: string,
  width: number,
  max: number,
  min: number,
): number {
  setFont(doc, font);
  for (let size = max; size > min; size -= 0.5) {
    doc.fontSize(size);
    if (doc.widthOfString(nfc(text)) <= width) return size;
  }
  doc.fontSize(min);
  return min;
}

export interface ParagraphOptions {
  font?: FontName;
  size?: number;
  align?: Align;
  x?: number;
  width?: number;
  color?: string;
  /** Extra points below the paragraph. */
  spaceAfter?: number;
  /** Extra points between lines. */
  lineGap?: number;
}

/** Writes wrapped text at doc.y, continuing on new pages as needed; leaves doc.y below it. */
export function paragraph(doc: PdfDoc, text: string, opts: ParagraphOptions = {}): void {
  if (opts.font) setFont(doc, opts.font);
  if (opts.size) doc.fontSize(opts.size);
  const box = contentBox(doc);
  const x = opts.x ?? box.left;
  const width = opts.width ?? box.right - x;
  const lh = lineHeight(doc) + (opts.lineGap ?? 0);
  doc.fillColor(opts.color ?? "black");
  for (const line of wrapText(doc, text, width)) {
    ensureSpace(doc, lh);
    drawTextLine(doc, line, x, doc.y, width, opts.align);
    doc.y += lh;
  }
  doc.fillColor("black");
  if (opts.spaceAfter) moveDown(doc, opts.spaceAfter);
}

/** A dotted rule from x1 to x2 on the text line whose top is `y` (where a hand fills in a value). */
function dottedRule(doc: PdfDoc, x1: number, x2: number, y: number): void {
  if (x2 - x1 < 4) return;
  const baseline = y + doc.currentLineHeight() * 0.82;
  doc
    .save()
    .lineWidth(0.6)
    .dash(0.6, { space: 2.4 })
    .strokeColor("#444")
    .moveTo(x1, baseline)
    .lineTo(x2, baseline)
    .stroke()
    .undash()
    .restore();
}

export interface LabelledValueOptions {
  size?: number;
  labelFont?: FontName;
  valueFont?: FontName;
  x?: number;
  width?: number;
  /** Dotted lines to leave when the value is blank (default 1). */
  blankLines?: number;
}

/**
 * "Label: value" on the form's lines: the value wraps under itself; a blank value is a dotted
 * line to the right edge (and more dotted lines when asked), for a pen.
 */
export function labelledValue(
  doc: PdfDoc,
  label: string,
  value: string | null | undefined,
  opts: LabelledValueOptions = {},
): void {
  const box = contentBox(doc);
  const x = opts.x ?? box.left;
  const right = x + (opts.width ?? box.right - x);
  setFont(doc, opts.labelFont ?? "regular", opts.size);
  const labelText = `${nfc(label)} `;
  const labelWidth = doc.widthOfString(labelText);
  const lh = lineHeight(doc) + 1;
  ensureSpace(doc, lh);
  drawTextLine(doc, labelText, x, doc.y, labelWidth);
  const clean = value == null ? "" : nfc(value).trim();
  if (!clean) {
    dottedRule(doc, x + labelWidth, right, doc.y);
    doc.y += lh;
    for (let i = 1; i < (opts.blankLines ?? 1); i++) {
      ensureSpace(doc, lh);
      dottedRule(doc, x, right, doc.y);
      doc.y += lh;
    }
    return;
  }
  setFont(doc, opts.valueFont ?? "bold");
  const valueWidth = Math.max(right - x - labelWidth, 40);
  wrapText(doc, clean, valueWidth).forEach((line, i) => {
    if (i > 0) ensureSpace(doc, lh);
    drawTextLine(doc, line, x + labelWidth, doc.y, valueWidth);
    doc.y += lh;
  });
  setFont(doc, opts.labelFont ?? "regular");
}

// ───────────── tables ─────────────

export interface TableColumn {
  header: string;
  /** Relative width; the columns share the table's width in these proportions. */
  width: number;
  align?: Align;
  headerAlign?: Align;
  /**
   * Cells never break (a serial, a date): a text wider than the column is drawn smaller to fit
   * on one line. Give `fits` to size the column for such a text in the first place.
   */
  noWrap?: boolean;
  /** A sample the column must hold on one line ("GCN-QG-2025-0001"); its width is taken from the wrapping columns. */
  fits?: string;
}

export interface TableCell {
  text: string;
  align?: Align;
  font?: FontName;
}

export interface TableRow {
  cells: Array<string | TableCell | null | undefined>;
  /** Font of the whole row (a cell's own font wins). */
  font?: FontName;
  /** Background colour. */
  fill?: string;
  /** Do not leave this row alone at the bottom of a page (a section's heading row). */
  keepWithNext?: boolean;
}

export interface TableOptions {
  columns: TableColumn[];
  rows: TableRow[];
  x?: number;
  width?: number;
  fontSize?: number;
  headerFontSize?: number;
  headerFont?: FontName;
  headerFill?: string;
  /** Inner padding of a cell, points. */
  padding?: number;
  lineWidth?: number;
  /** A heading above the table, kept on one page with the header row and the first row. */
  caption?: string;
  captionFont?: FontName;
  captionSize?: number;
}

interface LaidRow {
  lines: string[][];
  fonts: FontName[];
  /** A cell's own size (a no-wrap cell shrunk to fit); the row's otherwise. */
  sizes: Array<number | undefined>;
  aligns: Align[];
  fill?: string;
  keepWithNext: boolean;
}

/**
 * A ruled table at doc.y with wrapped cells. A row that does not fit the page goes to the next one,
 * under a repeated header row; a row taller than a whole page is split between pages line by line.
 * Leaves doc.y below the table.
 */
export function drawTable(doc: PdfDoc, opts: TableOptions): void {
  for (const step of tableRows(doc, opts, arrayRows(opts.rows))) void step;
}

/** The rows a table draws, asked for by index: the one being drawn and the next (to keep a heading with it). */
interface RowSource {
  at(index: number): TableRow | undefined;
}

const arrayRows = (rows: TableRow[]): RowSource => ({ at: (i) => rows[i] });

/** A table whose rows come page by page (an export read from the database as it is drawn). */
export type PagedTableOptions = Omit<TableOptions, "rows"> & { rows: AsyncIterable<TableRow[]> };

/**
 * drawTable for long tables (a download of thousands of rows): the same drawing, handing the
 * event loop back whenever `pause` says the slice is used up, so other requests are answered
 * in between.
 */
export async function drawTableInSlices(
  doc: PdfDoc,
  opts: Omit<TableOptions, "rows"> & { rows: TableRow[] | AsyncIterable<TableRow[]> },
  pause: Pause,
): Promise<void> {
  if (Array.isArray(opts.rows)) {
    for (const step of tableRows(doc, opts, arrayRows(opts.rows))) {
      void step;
      await pause();
    }
    return;
  }
  // Rows from pages: the next page is read only when the table reaches it, and a row is let go
  // once drawn, so no more than a page and a row are held (decision 051).
  const pages = opts.rows[Symbol.asyncIterator]();
  let base = 0;
  let held: TableRow[] = [];
  let done = false;
  const upTo = async (index: number) => {
    while (!done && index >= base + held.length) {
      const next = await pages.next();
      if (next.done) done = true;
      else {
        const drop = Math.max(0, Math.min(held.length, index - 1 - base));
        held = held.slice(drop).concat(next.value);
        base += drop;
      }
    }
  };
  const source: RowSource = { at: (i) => (i >= base ? held[i - base] : undefined) };
  try {
    await upTo(1);
    for (const next of tableRows(doc, opts, source)) {
      await upTo(next + 1);
      await pause();
    }
  } finally {
    if (!done) await pages.return?.();
  }
}

/**
 * The columns' widths in points: shares of the table by weight, then every column with a `fits`
 * sample widened to hold it on one line, the extra taken from the other columns by their weight.
 */
function columnWidths(
  doc: PdfDoc,
  columns: TableColumn[],
  tableWidth: number,
  totalWeight: number,
  pad: number,
  size: number,
): number[] {
  setFont(doc, "regular", size);
  const cols = columns.map((c) => {
    const width = (c.width / totalWeight) * tableWidth;
    const need = c.fits ? doc.widthOfString(nfc(c.fits)) + 2 * pad + 0.5 : 0;
    return { width, need, donates: !c.fits && width > need ? c.width : 0 };
  });
  const widths = cols.map((c) => c.width);
  const extra = cols.reduce((a, c) => a + Math.max(0, c.need - c.width), 0);
  if (extra <= 0) return widths;
  const donorWeight = cols.reduce((a, c) => a + c.donates, 0);
  if (!donorWeight) return widths;
  return cols.map((c) => (c.need > c.width ? c.need : c.width - (extra * c.donates) / donorWeight));
}

/** Draws the table, stopping after each row (a generator, so callers choose when to go on). */
function* tableRows(
  doc: PdfDoc,
  opts: Omit<TableOptions, "rows">,
  rows: RowSource,
): Generator<number, void, undefined> {
  const box = contentBox(doc);
  const x0 = opts.x ?? box.left;
  const tableWidth = opts.width ?? box.right - x0;
  const totalWeight = opts.columns.reduce((a, c) => a + c.width, 0);
  const pad = opts.padding ?? 4;
  const size = opts.fontSize ?? 10;
  const widths = columnWidths(doc, opts.columns, tableWidth, totalWeight, pad, size);
  const xs = widths.map((_, i) => x0 + widths.slice(0, i).reduce((a, w) => a + w, 0));
  const headerSize = opts.headerFontSize ?? size;
  const lw = opts.lineWidth ?? 0.6;

  const layRow = (row: TableRow, fontSize: number, header = false): LaidRow => {
    const fonts: FontName[] = [];
    const aligns: Align[] = [];
    const sizes: Array<number | undefined> = [];
    const lines = opts.columns.map((col, i) => {
      const raw = row.cells[i];
      const cell: TableCell = raw == null ? { text: "" } : typeof raw === "string" ? { text: raw } : raw;
      const font = cell.font ?? row.font ?? "regular";
      fonts.push(font);
      aligns.push(cell.align ?? col.align ?? "left");
      setFont(doc, font, fontSize);
      const inner = itemAt(widths, i, "column widths") - 2 * pad;
      if (
        col.noWrap &&
        !header &&
        cell.text &&
        !cell.text.includes("\n") &&
        doc.widthOfString(nfc(cell.text)) > inner
      ) {
        sizes.push(fitFontSize(doc, font, cell.text, inner, fontSize, 4));
        return [nfc(cell.text)];
      }
      sizes.push(undefined);
      return cell.text ? wrapText(doc, cell.text, inner) : [];
    });
    return { lines, fonts, sizes, aligns, fill: row.fill, keepWithNext: !!row.keepWithNext };
  };

  const header = layRow(
    {
      cells: opts.columns.map((c) => ({ text: c.header, align: c.headerAlign ?? "center" })),
      font: opts.headerFont ?? "bold",
      fill: opts.headerFill ?? "#e8e8e8",
    },
    headerSize,
    true,
  );
  setFont(doc, "regular", headerSize);
  const headerLh = lineHeight(doc);
  setFont(doc, "regular", size);
  const lh = lineHeight(doc);
  const rowLines = (r: LaidRow) => Math.max(1, ...r.lines.map((l) => l.length));
  const headerHeight = rowLines(header) * headerLh + 2 * pad;

  /** Draws lines [from, to) of each cell of a row at doc.y; returns the segment's height. */
  const drawSegment = (r: LaidRow, fontSize: number, lineH: number, from: number, to: number) => {
    const height = (to - from) * lineH + 2 * pad;
    const y = doc.y;
    if (r.fill) doc.save().rect(x0, y, tableWidth, height).fill(r.fill).restore();
    doc.fillColor("black");
    r.lines.forEach((cellLines, i) => {
      setFont(doc, itemAt(r.fonts, i, "cell fonts"), r.sizes[i] ?? fontSize);
      const x = itemAt(xs, i, "column positions") + pad;
      const width = itemAt(widths, i, "column widths") - 2 * pad;
      cellLines
        .slice(from, to)
        .forEach((line, k) => drawTextLine(doc, line, x, y + pad + k * lineH, width, r.aligns[i]));
    });
    doc.save().lineWidth(lw).strokeColor("black");
    doc.rect(x0, y, tableWidth, height).stroke();
    for (const x of xs.slice(1))
      doc
        .moveTo(x, y)
        .lineTo(x, y + height)
        .stroke();
    doc.restore();
    doc.y = y + height;
    return height;
  };
  const drawHeader = () => drawSegment(header, headerSize, headerLh, 0, rowLines(header));
  const pageBreak = () => {
    newPage(doc);
    drawHeader();
  };

  // Rows are laid out (wrapped) when they are drawn, not all at once: no long pause up front.
  const laid = new Map<number, LaidRow>();
  const rowAt = (i: number): LaidRow | undefined => {
    let row = laid.get(i);
    if (row) return row;
    const source = rows.at(i);
    if (!source) return undefined;
    laid.set(i, (row = layRow(source, size)));
    return row;
  };
  const rowHeight = (r: LaidRow) => rowLines(r) * lh + 2 * pad;
  let captionLines: string[] = [];
  let captionLh = 0;
  if (opts.caption) {
    setFont(doc, opts.captionFont ?? "bold", opts.captionSize ?? size + 1);
    captionLines = wrapText(doc, opts.caption, tableWidth);
    captionLh = lineHeight(doc);
  }
  const captionHeight = captionLines.length ? captionLines.length * captionLh + 3 : 0;
  const bodyHeight = box.bottom - box.top;
  const first = rowAt(0);
  const firstRow = first ? Math.min(rowHeight(first), bodyHeight / 3) : 0;
  ensureSpace(doc, Math.min(captionHeight + headerHeight + firstRow, bodyHeight));
  if (captionLines.length) {
    setFont(doc, opts.captionFont ?? "bold", opts.captionSize ?? size + 1);
    captionLines.forEach((line) => {
      drawTextLine(doc, line, x0, doc.y, tableWidth);
      doc.y += captionLh;
    });
    doc.y += 3;
  }
  doc.x = x0;
  drawHeader();
  for (let index = 0; rowAt(index); index++, yield index) {
    const r = rowAt(index)!;
    laid.delete(index - 1);
    const n = rowLines(r);
    const height = rowHeight(r);
    const next = rowAt(index + 1);
    const need = height + (r.keepWithNext && next ? Math.min(rowLines(next), 2) * lh + 2 * pad : 0);
    const fullPage = contentBox(doc).bottom - contentBox(doc).top - headerHeight;
    const space = contentBox(doc).bottom - doc.y;
    if (need <= space) {
      drawSegment(r, size, lh, 0, n);
      continue;
    }
    if (height <= fullPage) {
      pageBreak();
      drawSegment(r, size, lh, 0, n);
      continue;
    }
    // Taller than a page: as many lines as fit here, the rest on the following pages.
    let from = 0;
    while (from < n) {
      let fit = Math.floor((contentBox(doc).bottom - doc.y - 2 * pad) / lh);
      if (fit < 1) {
        pageBreak();
        fit = Math.floor((contentBox(doc).bottom - doc.y - 2 * pad) / lh);
      }
      const to = Math.min(n, from + Math.max(fit, 1));
      drawSegment(r, size, lh, from, to);
      from = to;
      if (from < n) pageBreak();
    }
  }
  doc.x = box.left;
  setFont(doc, "regular");
}

// ───────────── boxes of free text ─────────────

export interface TextBoxOptions {
  /** Dotted lines to draw when the text is blank. */
  blankLines: number;
  size?: number;
  font?: FontName;
  padding?: number;
}

/**
 * A ruled box holding free text (a comment), or dotted lines for a pen when there is none. Long
 * text flows on to the next pages, the box continuing there.
 */
export function textBox(doc: PdfDoc, text: string | null | undefined, opts: TextBoxOptions): void {
  const box = contentBox(doc);
  const pad = opts.padding ?? 6;
  setFont(doc, opts.font ?? "regular", opts.size);
  const lh = lineHeight(doc) + 3;
  const clean = text ? nfc(text).trim() : "";
  const lines = clean ? wrapText(doc, clean, box.width - 2 * pad) : Array.from({ length: opts.blankLines }, () => null);
  let i = 0;
  while (i < lines.length) {
    ensureSpace(doc, lh * Math.min(2, lines.length - i) + 2 * pad);
    const top = doc.y;
    const fit = Math.max(1, Math.floor((contentBox(doc).bottom - top - 2 * pad) / lh));
    const chunk = lines.slice(i, i + fit);
    chunk.forEach((line, k) => {
      const y = top + pad + k * lh;
      if (line === null) dottedRule(doc, box.left + pad, box.right - pad, y);
      else drawTextLine(doc, line, box.left + pad, y, box.width - 2 * pad);
    });
    const height = chunk.length * lh + 2 * pad;
    doc.save().lineWidth(0.6).strokeColor("black").rect(box.left, top, box.width, height).stroke().restore();
    doc.y = top + height;
    i += chunk.length;
    if (i < lines.length) newPage(doc);
  }
}

// ───────────── signatures ─────────────

export interface SignatureBlock {
  /** "GIÁM KHẢO"; "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG" (one bold line per line). */
  title: string;
  /** "(Ký, ghi rõ họ tên)" */
  hint?: string;
  /** Printed under the space for the signature; blank when unknown. */
  name?: string | null;
  /** A line above the title ("Bắc Ninh, ngày … tháng … năm …"). */
  above?: string;
}

/**
 * Signature blocks side by side across the page (one block sits on the right half, as on
 * administrative papers), kept together on one page.
 */
export function signatureBlocks(
  doc: PdfDoc,
  blocks: SignatureBlock[],
  opts: { size?: number; space?: number } = {},
): void {
  if (!blocks.length) return;
  const box = contentBox(doc);
  const size = opts.size ?? 12;
  const space = opts.space ?? 70;
  setFont(doc, "regular", size);
  const lh = lineHeight(doc);
  const slots = blocks.length === 1 ? 2 : blocks.length;
  const slotWidth = box.width / slots;
  const start = slots - blocks.length;
  const titleLines = (b: SignatureBlock) => b.title.split("\n");
  const linesOf = (b: SignatureBlock) => (b.above ? 1 : 0) + titleLines(b).length + (b.hint ? 1 : 0);
  const height = Math.max(...blocks.map(linesOf)) * lh + space + lh + 4;
  ensureSpace(doc, height);
  const top = doc.y;
  const aboveRows = blocks.some((b) => b.above) ? 1 : 0;
  blocks.forEach((b, k) => {
    const x = box.left + (start + k) * slotWidth;
    let y = top;
    if (b.above) {
      setFont(doc, "italic", size);
      drawTextLine(doc, nfc(b.above), x, y, slotWidth, "center");
    }
    y = top + aboveRows * lh;
    setFont(doc, "bold", size);
    for (const line of titleLines(b)) {
      drawTextLine(doc, nfc(line), x, y, slotWidth, "center");
      y += lh;
    }
    if (b.hint) {
      setFont(doc, "italic", size - 1);
      drawTextLine(doc, nfc(b.hint), x, y, slotWidth, "center");
    }
    if (b.name) {
      setFont(doc, "bold", size);
      drawTextLine(doc, nfc(b.name), x, top + height - lh - 4, slotWidth, "center");
    }
  });
  setFont(doc, "regular", size);
  doc.y = top + height;
}

// ───────────── administrative header ─────────────

/**
 * The header of an administrative paper: the issuing body on the left (upper case, a short rule
 * under it), the national name and motto on the right (the motto underlined). Leaves doc.y below.
 * An issuer given as lines (["ỦY BAN NHÂN DÂN", "TỈNH BẮC GIANG"]) keeps each line whole, in a
 * smaller size if it must: a name is never broken in the middle (Decree 30/2020/NĐ-CP, annex I).
 */
export function officialHeader(doc: PdfDoc, t: TFunction, issuer: string | string[]): void {
  const box = contentBox(doc);
  const top = doc.y;
  const leftWidth = box.width * 0.44;
  const rightX = box.left + leftWidth + 6;
  const rightWidth = box.right - rightX;

  // Left: the council, upper case, centred, with a short rule under it.
  setFont(doc, "bold", 10.5);
  const lhLeft = lineHeight(doc);
  const issuerLines = Array.isArray(issuer)
    ? issuer.map((line) => nfc(line.toLocaleUpperCase("vi")))
    : wrapText(doc, issuer.toLocaleUpperCase("vi"), leftWidth);
  issuerLines.forEach((line, i) => {
    if (Array.isArray(issuer)) fitFontSize(doc, "bold", line, leftWidth, 10.5, 7);
    drawTextLine(doc, line, box.left, top + i * lhLeft, leftWidth, "center");
  });
  setFont(doc, "bold", 10.5);
  const leftBottom = top + issuerLines.length * lhLeft;
  doc
    .save()
    .lineWidth(0.6)
    .moveTo(box.left + leftWidth / 3, leftBottom + 4)
    .lineTo(box.left + (2 * leftWidth) / 3, leftBottom + 4)
    .stroke()
    .restore();

  // Right: the national name and motto, the motto underlined across its width.
  const nation = t("print.nation");
  const nationSize = fitFontSize(doc, "bold", nation, rightWidth, 11.5, 8);
  drawTextLine(doc, nation, rightX, top, rightWidth, "center");
  const lhNation = lineHeight(doc);
  const motto = t("print.motto");
  fitFontSize(doc, "bold", motto, rightWidth, Math.min(nationSize + 1, 12.5), 8);
  const mottoY = top + lhNation;
  drawTextLine(doc, motto, rightX, mottoY, rightWidth, "center");
  const mottoWidth = doc.widthOfString(motto);
  const mottoBottom = mottoY + lineHeight(doc) + 1;
  const mx = rightX + (rightWidth - mottoWidth) / 2;
  doc
    .save()
    .lineWidth(0.6)
    .moveTo(mx, mottoBottom)
    .lineTo(mx + mottoWidth, mottoBottom)
    .stroke()
    .restore();

  doc.y = Math.max(leftBottom + 6, mottoBottom + 2);
}

// ───────────── every page, at the end ─────────────

export interface PageInfo {
  /** 0-based index in the document. */
  pageIndex: number;
  /** 1-based page number inside its part (a document may hold several papers, e.g. many sheets). */
  number: number;
  /** Pages of that part. */
  count: number;
  /** Index of the part. */
  part: number;
}

/**
 * Calls `draw` on every page once the content is complete. `partStarts` are the page indexes where
 * each paper of the document begins (default: the document is one paper).
 */
export function stampPages(doc: PdfDoc, draw: (info: PageInfo) => void, partStarts: number[] = [0]): void {
  const { start, count: total } = doc.bufferedPageRange();
  const starts = [...new Set(partStarts)].filter((p) => p >= 0 && p < total).sort((a, b) => a - b);
  if (!starts.length || starts[0] !== 0) starts.unshift(0);
  const keep = { x: doc.x, y: doc.y };
  for (let i = start; i < start + total; i++) {
    doc.switchToPage(i);
    // The part this page belongs to: the last start at or before it (starts[0] is 0).
    const part = starts.filter((s) => s <= i).length - 1;
    const first = starts[part] ?? 0;
    const end = starts[part + 1] ?? total;
    draw({ pageIndex: i, number: i - first + 1, count: end - first, part });
  }
  doc.x = keep.x;
  doc.y = keep.y;
}

/** Small text in the bottom margin of the current page (left, centre or right). */
export function footerText(doc: PdfDoc, text: string, align: Align, size = 8.5): void {
  const { width, height, margins } = doc.page;
  setFont(doc, "regular", size);
  doc.fillColor("#333");
  // lineBreak: false never adds a page, even below the bottom margin.
  drawTextLine(doc, nfc(text), margins.left, height - margins.bottom + 10, width - margins.left - margins.right, align);
  doc.fillColor("black");
}

/** "Trang x/y" (from `label`) in the footer of every page, numbered per paper. */
export function addPageNumbers(
  doc: PdfDoc,
  label: (number: number, count: number) => string,
  partStarts?: number[],
): void {
  stampPages(doc, (p) => footerText(doc, label(p.number, p.count), "right"), partStarts);
}

/** Large light diagonal text across the current page (e.g. "Tạm tính — chưa chốt"). */
export function watermark(doc: PdfDoc, text: string): void {
  const { width, height } = doc.page;
  const angle = (Math.atan2(height, width) * 180) / Math.PI;
  const clean = nfc(text);
  const size = fitFontSize(doc, "sans-bold", clean, Math.hypot(width, height) * 0.7, 72, 20);
  setFont(doc, "sans-bold", size);
  const w = doc.widthOfString(clean);
  const keepY = doc.y;
  doc.save();
  doc.fillColor("#b00000").fillOpacity(0.09);
  doc.rotate(-angle, { origin: [width / 2, height / 2] });
  doc.text(clean, width / 2 - w / 2, height / 2 - size / 2, { lineBreak: false });
  doc.restore();
  doc.fillColor("black").fillOpacity(1);
  doc.y = keepY;
}

// ───────────── Vietnamese formats ─────────────

const numberFormats = new Map<number, Intl.NumberFormat>();
/** 12,5 — Vietnamese decimal comma, at most `maxFraction` decimals; "" for null. */
export function formatNumberVi(value: number | null | undefined, maxFraction = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "";
  let f = numberFormats.get(maxFraction);
  if (!f) {
    f = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: maxFraction, useGrouping: false });
    numberFormats.set(maxFraction, f);
  }
  return f.format(value);
}

/** Day, month and year of a moment in Vietnam's time zone. */
function vnDateParts(date: Date): { day: number; month: number; year: number; hour: number; minute: number } {
  const parts: Record<string, string> = {};
  const fmt = new Intl.DateTimeFormat("en-GB", {
    timeZone: APP_TIME_ZONE,
    day: "numeric",
    month: "numeric",
    year: "numeric",
    hour: "numeric",
    minute: "numeric",
    hourCycle: "h23",
  });
  for (const p of fmt.formatToParts(date)) parts[p.type] = p.value;
  return {
    day: Number(parts.day),
    month: Number(parts.month),
    year: Number(parts.year),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

/**
 * The place-and-date line of an administrative paper: "……, ngày 05 tháng 02 năm 2026". Days below
 * 10 and months 1–2 take a leading zero (Decree 30/2020/NĐ-CP, annex I). A blank date leaves dots.
 */
export function dateLine(t: TFunction, date: Date | null | undefined, place?: string | null): string {
  const where = place?.trim() || "……………";
  if (!date) return t("print.dateLine.blank", { place: where });
  const { day, month, year } = vnDateParts(date);
  return t("print.dateLine", {
    place: where,
    day: day < 10 ? `0${day}` : day,
    month: month < 3 ? `0${month}` : month,
    year,
  });
}
