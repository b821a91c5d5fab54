// The score sheet (phiếu chấm điểm) as printed: the layout of annex 4 of Circular 26/2014/TT-BCT —
// council and national motto, title, entry code, product, group, judge, the table of criteria
// (caps 40/40/10/10) with the council's sub-criteria, comments, date and the judge's signature.
// Blank (for a pen) or filled from a sheet. The second half loads what a judge or an organiser
// may print; it reaches entries only through the access rules of judging/access.server.ts.
import type { Auth } from "~/modules/auth/auth.server";
import {
  requireJudgeEntry,
  requireJuryMember,
  requireSecretaryOrOrganiser,
  type JuryRound,
} from "~/modules/judging/access.server";
import { councilNameOf } from "~/modules/judging/council";
import { CRITERIA, criterionKey, effectiveItems } from "~/modules/judging/rubric";
import { currentRubric } from "~/modules/judging/rubric.server";
import { sheetTotals } from "~/modules/judging/scoring";
import { parseNotes, parseScores } from "~/modules/judging/sheet-data";
import { groupList, type ProductGroupName } from "~/modules/rounds/groups";
import { blindTastingTurns } from "~/modules/samples/tasting-orders.server";
import { prisma } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { getT, type Locale, type MessageKey, type TFunction } from "~/utils/i18n";
import {
  addPageNumbers,
  contentBox,
  createPdf,
  dateLine,
  drawTable,
  drawTextLine,
  footerText,
  formatNumberVi,
  labelledValue,
  lineHeight,
  MM,
  moveDown,
  newPage,
  nfc,
  officialHeader,
  paragraph,
  pdfBuffer,
  setFont,
  signatureBlocks,
  stampPages,
  textBox,
  type PdfDoc,
  type PrintOptions,
  type TableRow,
} from "./pdf.server";

export interface ScoreSheetPrint {
  councilName: string;
  roundName: string;
  entryCode: string | null;
  productName: string | null;
  /** At a blind tasting (decision 046) the sample's number stands where the code and product were. */
  tastingNumber?: number | null;
  group: "A" | "B" | "C" | "D";
  judgeName: string | null;
  judgeTitle: string | null;
  items: Array<{
    code: string;
    criterion: number;
    title: string;
    max: number;
    score: number | null;
    note: string | null;
  }>;
  comment: string | null;
  submittedAt: Date | null;
  onPaper: boolean;
  enteredBy: string | null;
}

const FONT_SIZE = 12;

const groupName = (t: TFunction, group: string) => t(`group.${group}` as MessageKey);

function sheetRows(t: TFunction, sheet: ScoreSheetPrint): TableRow[] {
  const totals = sheetTotals(
    Object.fromEntries(sheet.items.map((i) => [i.code, i.score])),
    sheet.items.map((i) => ({ id: i.code, criterionId: criterionKey(i.criterion), max: i.max })),
  );
  const anyScore = sheet.items.some((i) => i.score !== null);
  const rows: TableRow[] = [];
  for (const c of CRITERIA) {
    const items = sheet.items.filter((i) => i.criterion === c.n);
    const scored = items.some((i) => i.score !== null);
    rows.push({
      font: "bold",
      fill: "#f3f3f3",
      keepWithNext: items.length > 0,
      cells: [
        { text: String(c.n), align: "center" },
        t(`print.sheet.criterion.${c.n}` as MessageKey),
        formatNumberVi(c.cap),
        scored ? formatNumberVi(totals.perCriterion[criterionKey(c.n)] ?? 0) : "",
        "",
      ],
    });
    for (const item of items) {
      rows.push({
        cells: [
          { text: item.code, align: "center" },
          item.title,
          formatNumberVi(item.max),
          formatNumberVi(item.score),
          item.note ?? "",
        ],
      });
    }
  }
  rows.push({
    font: "bold",
    fill: "#e8e8e8",
    cells: [
      "",
      { text: t("print.sheet.total"), align: "center" },
      formatNumberVi(CRITERIA.reduce((a, c) => a + c.cap, 0)),
      anyScore ? formatNumberVi(totals.total) : "",
      "",
    ],
  });
  return rows;
}

/** One sheet, starting at doc.y of the current page. */
function drawSheet(doc: PdfDoc, t: TFunction, sheet: ScoreSheetPrint): void {
  const box = contentBox(doc);
  officialHeader(doc, t, sheet.councilName);
  setFont(doc, "regular", FONT_SIZE);
  moveDown(doc, 12);
  paragraph(doc, t("print.sheet.title"), { font: "bold", size: 13, align: "center" });
  paragraph(doc, sheet.roundName, { font: "italic", size: 11.5, align: "center", spaceAfter: 2 });
  const anyScore = sheet.items.some((i) => i.score !== null);
  if (!sheet.submittedAt && anyScore)
    paragraph(doc, t("print.sheet.draft"), { font: "italic", size: 10, align: "center", color: "#a00000" });
  moveDown(doc, 10);

  const line = { size: FONT_SIZE };
  if (sheet.tastingNumber != null) {
    labelledValue(doc, t("print.sheet.tastingNumber"), String(sheet.tastingNumber), line);
  } else {
    labelledValue(doc, t("print.sheet.entryCode"), sheet.entryCode, line);
    labelledValue(doc, t("print.sheet.product"), sheet.productName, line);
  }
  labelledValue(
    doc,
    t("print.sheet.group"),
    t("print.sheet.groupValue", { group: sheet.group, name: groupName(t, sheet.group) }),
    line,
  );
  labelledValue(doc, t("print.sheet.judge"), sheet.judgeName, line);
  labelledValue(doc, t("print.sheet.judgeTitle"), sheet.judgeTitle, line);
  moveDown(doc, 8);

  drawTable(doc, {
    columns: [
      { header: t("print.sheet.col.no"), width: 7, align: "center" },
      { header: t("print.sheet.col.criterion"), width: 52 },
      { header: t("print.sheet.col.max"), width: 11, align: "center" },
      { header: t("print.sheet.col.score"), width: 11, align: "center" },
      { header: t("print.sheet.col.note"), width: 19 },
    ],
    rows: sheetRows(t, sheet),
    fontSize: 10,
    headerFontSize: 10,
    padding: 2.5,
  });
  moveDown(doc, 8);

  setFont(doc, "bold", FONT_SIZE);
  const lh = lineHeight(doc);
  if (doc.y + lh * 3 > box.bottom) newPage(doc);
  drawTextLine(doc, nfc(t("print.sheet.comment")), box.left, doc.y, box.width);
  doc.y += lh + 2;
  textBox(doc, sheet.comment, { blankLines: 4, size: 11.5 });
  moveDown(doc, 8);

  signatureBlocks(
    doc,
    [
      {
        above: dateLine(t, sheet.submittedAt),
        title: t("print.sheet.judgeSign"),
        hint: t("print.signHint"),
        name: sheet.judgeName,
      },
    ],
    { size: FONT_SIZE, space: 48 },
  );
}

/** The sheets, each from a new page (a long one continues on more), numbered per sheet. */
export async function renderScoreSheetsPdf(sheets: ScoreSheetPrint[], opts: PrintOptions = {}): Promise<Buffer> {
  const t = getT(opts.locale ?? "vi");
  const first = sheets[0];
  const name = sheets.length === 1 && first ? sheetName(t, first) : (first?.roundName ?? "");
  const doc = createPdf({
    title: t("print.sheet.docTitle", { name }),
    subject: t("print.sheet.subject"),
    author: first?.councilName ?? t("print.author"),
    // A form rather than a decree: narrower margins keep a usual rubric on one page.
    margins: { top: 15 * MM, bottom: 15 * MM, left: 25 * MM, right: 15 * MM },
    fontSize: FONT_SIZE,
  });
  const starts: number[] = [];
  sheets.forEach((sheet, i) => {
    if (i > 0) newPage(doc);
    starts.push(doc.bufferedPageRange().count - 1);
    drawSheet(doc, t, sheet);
  });
  addPageNumbers(doc, (page, pages) => t("print.page", { page, pages }), starts);
  // The paper-sheet note goes in the footer of each such sheet's last page.
  stampPages(
    doc,
    (p) => {
      const sheet = sheets[p.part];
      if (!sheet?.onPaper || p.number !== p.count) return;
      footerText(
        doc,
        sheet.enteredBy ? t("print.sheet.onPaper", { name: sheet.enteredBy }) : t("print.sheet.onPaper.unknown"),
        "left",
      );
    },
    starts,
  );
  return pdfBuffer(doc);
}

/** What names one sheet (document title, file name): the tasting number at a blind tasting, else the entry code. */
export function sheetName(t: TFunction, sheet: ScoreSheetPrint): string {
  if (sheet.tastingNumber != null) return t("print.sheet.tastingName", { number: sheet.tastingNumber });
  return sheet.entryCode ?? sheet.productName ?? sheet.roundName;
}

/** "phieu-cham-diem-BN-2026-B-014.pdf" */
export function scoreSheetFileName(name: string, locale: Locale = "vi"): string {
  return getT(locale)("print.sheet.fileName", { name: name.replace(/[^\p{L}\p{N}._-]+/gu, "-") });
}

// ───────────── what may be printed, from the database ─────────────

type RubricItemRow = {
  code: string;
  criterion: number;
  group: string | null;
  title: string;
  max: number;
  sortOrder: number;
};
const itemSelect = { code: true, criterion: true, group: true, title: true, max: true, sortOrder: true } as const;

function itemsFor(
  rubricItems: readonly RubricItemRow[],
  group: string,
  scores: Record<string, number> = {},
  notes: Record<string, string> = {},
) {
  return effectiveItems(rubricItems, group).map((i) => ({
    code: i.code,
    criterion: i.criterion,
    title: i.title,
    max: i.max,
    score: scores[i.code] ?? null,
    note: notes[i.code] ?? null,
  }));
}

function roundLabel(t: TFunction, round: Pick<JuryRound, "name" | "scoringPasses">, pass: number): string {
  return round.scoringPasses > 1 ? `${round.name} — ${t("print.pass", { pass })}` : round.name;
}

const entrySelect = { id: true, entryCode: true, group: true, product: { select: { name: true } } } as const;
type EntryRow = { id: string; entryCode: string | null; group: ProductGroupName; product: { name: string } };

const sheetSelect = {
  scores: true,
  notes: true,
  comment: true,
  submittedAt: true,
  onPaper: true,
  enteredById: true,
  rubric: { select: { items: { select: itemSelect, orderBy: { sortOrder: "asc" } } } },
} as const;
type SheetRow = {
  scores: unknown;
  notes: unknown;
  comment: string | null;
  submittedAt: Date | null;
  onPaper: boolean;
  enteredById: string | null;
  rubric: { items: RubricItemRow[] };
};

async function userName(id: string | null): Promise<string | null> {
  if (!id) return null;
  return (await prisma.user.findUnique({ where: { id }, select: { name: true } }))?.name ?? null;
}

async function filledOrBlank(
  t: TFunction,
  round: JuryRound,
  pass: number,
  entry: EntryRow,
  judge: { name: string | null; title: string | null },
  sheet: SheetRow | null,
  fallbackItems: () => Promise<RubricItemRow[]>,
  tastingNumber: number | null = null,
): Promise<ScoreSheetPrint> {
  const items = sheet
    ? itemsFor(sheet.rubric.items, entry.group, parseScores(sheet.scores), parseNotes(sheet.notes))
    : itemsFor(await fallbackItems(), entry.group);
  return {
    councilName: councilNameOf(round),
    roundName: roundLabel(t, round, pass),
    entryCode: tastingNumber === null ? entry.entryCode : null,
    productName: tastingNumber === null ? entry.product.name : null,
    tastingNumber,
    group: entry.group,
    judgeName: judge.name,
    judgeTitle: judge.title,
    items,
    comment: sheet?.comment ?? null,
    submittedAt: sheet?.submittedAt ?? null,
    onPaper: sheet?.onPaper ?? false,
    enteredBy: sheet?.onPaper ? await userName(sheet.enteredById) : null,
  };
}

const currentItems = async (roundId: string): Promise<RubricItemRow[]> =>
  (await currentRubric(prisma, roundId))?.items ?? [];

/**
 * A judge's own sheet for an entry of their queue in the current pass, filled as far as it is, or
 * blank (entry code and product only) when they have not started it. Conflicted or unassigned
 * entries are refused by requireJudgeEntry (403). The sheet carries no producer's name; at a
 * blind tasting (blindTastingTurns) neither the entry code nor the product: the tasting number.
 */
export async function judgeSheetPrint(
  auth: Pick<Auth, "user">,
  roundId: string,
  entryId: string,
  locale: Locale = "vi",
): Promise<ScoreSheetPrint> {
  const { member, round } = await requireJudgeEntry(auth, roundId, entryId);
  const t = getT(locale);
  const [entry, sheet, turns] = await Promise.all([
    prisma.entry.findUniqueOrThrow({ where: { id: entryId }, select: entrySelect }),
    prisma.scoreSheet.findUnique({
      where: { entryId_juryMemberId_pass: { entryId, juryMemberId: member.id, pass: round.currentPass } },
      select: sheetSelect,
    }),
    blindTastingTurns(round, member),
  ]);
  return filledOrBlank(
    t,
    round,
    round.currentPass,
    entry,
    { name: member.user.name, title: member.title },
    sheet,
    () => currentItems(round.id),
    turns?.get(entryId)?.number ?? null,
  );
}

/** A blank sheet of one group of the round, without an entry, for a jury member. 400 for a group the round has not. */
export async function judgeBlankSheetPrint(
  auth: Pick<Auth, "user">,
  roundId: string,
  group: ProductGroupName,
  locale: Locale = "vi",
): Promise<ScoreSheetPrint> {
  const { member, round } = await requireJuryMember(auth, roundId);
  if (!groupList(round.groups).includes(group)) throw new DomainError(400, "error.400");
  return blankSheet(getT(locale), round, group, await currentItems(round.id), {
    name: member.user.name,
    title: member.title,
  });
}

function blankSheet(
  t: TFunction,
  round: JuryRound,
  group: ProductGroupName,
  items: RubricItemRow[],
  judge?: { name: string | null; title: string | null },
  entry?: EntryRow,
): ScoreSheetPrint {
  return {
    councilName: councilNameOf(round),
    roundName: roundLabel(t, round, round.currentPass),
    entryCode: entry?.entryCode ?? null,
    productName: entry?.product.name ?? null,
    group,
    judgeName: judge?.name ?? null,
    judgeTitle: judge?.title ?? null,
    items: itemsFor(items, group),
    comment: null,
    submittedAt: null,
    onPaper: false,
    enteredBy: null,
  };
}

export type AdminSheetsQuery =
  | { kind: "group"; group: ProductGroupName }
  | { kind: "entry"; entryId: string }
  | { kind: "sheet"; entryId: string; memberId: string; pass?: number };

/**
 * For the round's organisers and council secretary: blank sheets for every accepted entry of a
 * group (one per entry, the judge left blank; one sheet without entry when the group has none),
 * a blank sheet for one entry, or one judge's existing sheet filled in. Out of the round → 404.
 */
export async function adminSheetsPrint(
  auth: Pick<Auth, "user" | "roles">,
  roundId: string,
  query: AdminSheetsQuery,
  locale: Locale = "vi",
): Promise<{ sheets: ScoreSheetPrint[]; name: string }> {
  const { round } = await requireSecretaryOrOrganiser(auth, roundId);
  const t = getT(locale);
  if (query.kind === "group") {
    if (!groupList(round.groups).includes(query.group)) throw new DomainError(400, "error.400");
    const [entries, items] = await Promise.all([
      prisma.entry.findMany({
        where: { roundId, status: "ACCEPTED", group: query.group },
        select: entrySelect,
        orderBy: [{ entryCode: "asc" }, { id: "asc" }],
      }),
      currentItems(roundId),
    ]);
    const sheets = entries.length
      ? entries.map((e) => blankSheet(t, round, query.group, items, undefined, e))
      : [blankSheet(t, round, query.group, items)];
    return { sheets, name: t("print.sheet.blankName", { group: query.group }) };
  }
  const entry = await prisma.entry.findFirst({
    where: { id: query.entryId, roundId, status: "ACCEPTED" },
    select: entrySelect,
  });
  if (!entry) throw new DomainError(404, "error.404");
  if (query.kind === "entry") {
    return {
      sheets: [blankSheet(t, round, entry.group, await currentItems(roundId), undefined, entry)],
      name: entry.entryCode ?? entry.id,
    };
  }
  const pass = query.pass ?? round.currentPass;
  const sheet = await prisma.scoreSheet.findFirst({
    where: { roundId, entryId: entry.id, juryMemberId: query.memberId, pass },
    select: { ...sheetSelect, juryMember: { select: { title: true, user: { select: { name: true } } } } },
  });
  if (!sheet) throw new DomainError(404, "error.404");
  const printed = await filledOrBlank(
    t,
    round,
    pass,
    entry,
    { name: sheet.juryMember.user.name, title: sheet.juryMember.title },
    sheet,
    () => currentItems(roundId),
  );
  return { sheets: [printed], name: `${entry.entryCode ?? entry.id}-${sheet.juryMember.user.name}` };
}
