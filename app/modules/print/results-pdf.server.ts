// The results minutes (biên bản tổng hợp kết quả chấm điểm) as printed: A4 landscape, one ranked
// table per product group with the means, the pass flag, the council's vote and its decision,
// a summary, and the signatures of the council's secretary and chair. Until the organiser
// finalises the results every page says "Tạm tính — chưa chốt" (provisional).
import { formatDateTime } from "~/utils/dates";
import { getT, type MessageKey, type TFunction } from "~/utils/i18n";
import {
  addPageNumbers,
  contentBox,
  createPdf,
  dateLine,
  drawTable,
  ensureSpace,
  formatNumberVi,
  lineHeight,
  MM,
  moveDown,
  officialHeader,
  paragraph,
  pdfBuffer,
  setFont,
  signatureBlocks,
  stampPages,
  watermark,
  type PdfDoc,
  type PrintOptions,
  type TableRow,
} from "./pdf.server";

export interface ResultsPrint {
  councilName: string;
  roundName: string;
  passLine: number;
  pass: number;
  generatedAt: Date;
  finalisedAt: Date | null;
  groups: Array<{
    group: "A" | "B" | "C" | "D";
    rows: Array<{
      rank: number;
      code: string;
      productName: string;
      establishmentName: string;
      sheets: number;
      mean: number | null;
      min: number | null;
      max: number | null;
      passed: boolean;
      votesFor: number | null;
      votesAgainst: number | null;
      votesAbstain: number | null;
      recognised: boolean | null;
    }>;
  }>;
}

type ResultRow = ResultsPrint["groups"][number]["rows"][number];

const FONT_SIZE = 11;
const TABLE_SIZE = 9.5;

const groupName = (t: TFunction, group: string) => t(`group.${group}` as MessageKey);

function votes(t: TFunction, r: ResultRow): string {
  if (r.votesFor === null && r.votesAgainst === null && r.votesAbstain === null) return t("print.results.none");
  return `${r.votesFor ?? 0} / ${r.votesAgainst ?? 0} / ${r.votesAbstain ?? 0}`;
}

function resultRow(t: TFunction, r: ResultRow): TableRow {
  const num = (v: number | null) => (v === null ? t("print.results.none") : formatNumberVi(v, 2));
  return {
    cells: [
      String(r.rank),
      r.code,
      r.productName,
      r.establishmentName,
      String(r.sheets),
      num(r.mean),
      num(r.min),
      num(r.max),
      r.passed ? t("print.results.passedYes") : t("print.results.passedNo"),
      votes(t, r),
      r.recognised === null ? t("print.results.none") : r.recognised ? t("print.results.yes") : t("print.results.no"),
    ],
  };
}

function counts(rows: ResultRow[]) {
  return {
    entries: rows.length,
    passed: rows.filter((r) => r.passed).length,
    recognised: rows.filter((r) => r.recognised === true).length,
  };
}

function drawGroup(doc: PdfDoc, t: TFunction, group: ResultsPrint["groups"][number]): void {
  const caption = t("print.results.group", { group: group.group, name: groupName(t, group.group) });
  if (!group.rows.length) {
    setFont(doc, "bold", FONT_SIZE + 0.5);
    ensureSpace(doc, lineHeight(doc) * 3);
    paragraph(doc, caption, { font: "bold", size: FONT_SIZE + 0.5, spaceAfter: 3 });
    paragraph(doc, t("print.results.empty"), { font: "italic", size: FONT_SIZE, spaceAfter: 10 });
    return;
  }
  drawTable(doc, {
    // The heading stays with the table's header row and first row.
    caption,
    captionSize: FONT_SIZE + 0.5,
    columns: [
      { header: t("print.results.col.rank"), width: 5, align: "center" },
      { header: t("print.results.col.code"), width: 12 },
      { header: t("print.results.col.product"), width: 20 },
      { header: t("print.results.col.establishment"), width: 18 },
      { header: t("print.results.col.sheets"), width: 6, align: "center" },
      { header: t("print.results.col.mean"), width: 7, align: "center" },
      { header: t("print.results.col.min"), width: 7, align: "center" },
      { header: t("print.results.col.max"), width: 7, align: "center" },
      { header: t("print.results.col.passed"), width: 9, align: "center" },
      { header: t("print.results.col.votes"), width: 12, align: "center" },
      { header: t("print.results.col.recognised"), width: 8, align: "center" },
    ],
    rows: group.rows.map((r) => resultRow(t, r)),
    fontSize: TABLE_SIZE,
    headerFontSize: TABLE_SIZE,
    padding: 3.5,
  });
  moveDown(doc, 3);
  paragraph(doc, t("print.results.groupSummary", counts(group.rows)), {
    font: "italic",
    size: FONT_SIZE - 0.5,
    spaceAfter: 12,
  });
}

function drawSummary(doc: PdfDoc, t: TFunction, input: ResultsPrint): void {
  const all = input.groups.flatMap((g) => g.rows);
  const total = counts(all);
  const box = contentBox(doc);
  drawTable(doc, {
    caption: t("print.results.summary"),
    captionSize: FONT_SIZE + 0.5,
    width: Math.min(box.width, 560),
    columns: [
      { header: t("print.results.summary.group"), width: 52 },
      { header: t("print.results.summary.entries"), width: 14, align: "center" },
      { header: t("print.results.summary.passed"), width: 16, align: "center" },
      { header: t("print.results.summary.recognised"), width: 18, align: "center" },
    ],
    rows: [
      ...input.groups.map((g) => {
        const c = counts(g.rows);
        return {
          cells: [
            t("print.results.group", { group: g.group, name: groupName(t, g.group) }),
            String(c.entries),
            String(c.passed),
            String(c.recognised),
          ],
        };
      }),
      {
        font: "bold" as const,
        fill: "#e8e8e8",
        cells: [
          t("print.results.summary.total"),
          String(total.entries),
          String(total.passed),
          String(total.recognised),
        ],
      },
    ],
    fontSize: TABLE_SIZE,
    headerFontSize: TABLE_SIZE,
    padding: 3.5,
  });
  moveDown(doc, 12);
}

/** The minutes' table of a round's results (all groups given, or one group for a per-group export). */
export async function renderResultsPdf(input: ResultsPrint, opts: PrintOptions = {}): Promise<Buffer> {
  const t = getT(opts.locale ?? "vi");
  const doc = createPdf({
    title: t("print.results.docTitle", { round: input.roundName }),
    subject: t("print.results.title"),
    author: input.councilName,
    creationDate: input.generatedAt,
    landscape: true,
    margins: { top: 15 * MM, bottom: 15 * MM, left: 20 * MM, right: 15 * MM },
    fontSize: FONT_SIZE,
  });

  officialHeader(doc, t, input.councilName);
  moveDown(doc, 14);
  paragraph(doc, t("print.results.title"), { font: "bold", size: 14, align: "center" });
  paragraph(doc, input.roundName, { font: "italic", size: FONT_SIZE + 0.5, align: "center", spaceAfter: 4 });
  if (!input.finalisedAt) {
    paragraph(doc, t("print.results.provisionalNotice"), {
      font: "bold",
      size: FONT_SIZE,
      align: "center",
      color: "#a00000",
      spaceAfter: 4,
    });
  }
  moveDown(doc, 4);
  const facts = [
    t("print.results.passLine", { passLine: formatNumberVi(input.passLine, 1) }),
    t("print.results.passNumber", { pass: input.pass }),
    t("print.results.generatedAt", { time: formatDateTime(input.generatedAt) }),
    ...(input.finalisedAt ? [t("print.results.finalisedAt", { time: formatDateTime(input.finalisedAt) })] : []),
  ];
  for (const fact of facts) paragraph(doc, fact, { font: "regular", size: FONT_SIZE });
  moveDown(doc, 10);

  for (const group of input.groups) drawGroup(doc, t, group);
  if (input.groups.length > 1) drawSummary(doc, t, input);

  signatureBlocks(
    doc,
    [
      { title: t("print.results.secretary"), hint: t("print.signHint") },
      { above: dateLine(t, input.finalisedAt), title: t("print.results.chair"), hint: t("print.signHint") },
    ],
    { size: FONT_SIZE + 1, space: 70 },
  );

  if (!input.finalisedAt) stampPages(doc, () => watermark(doc, t("print.results.provisional")));
  addPageNumbers(doc, (page, pages) => t("print.page", { page, pages }));
  return pdfBuffer(doc);
}

/** "bien-ban-ket-qua-<name>.pdf" */
export function resultsFileName(name: string, locale: PrintOptions["locale"] = "vi"): string {
  return getT(locale ?? "vi")("print.results.fileName", { name: name.replace(/[^\p{L}\p{N}._-]+/gu, "-") });
}
