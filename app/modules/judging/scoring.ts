// Scoring of the programme, as pure functions of plain data (issue #4). The database layer only
// loads sheets and stores decisions; every number shown to organisers is computed here.
//
// Circular 26/2014 (as amended), annex 4: four criteria with caps 40/40/10/10 = 100; the product
// score is the arithmetic mean of the judges' totals; the pass line is a round setting (70 in
// practice). A judge who is conflicted or absent simply has no sheet: means are over the sheets
// that exist, and the number of sheets is always reported next to the mean.

export const SCORE_STEP = 0.5;

export interface SubCriterion {
  id: string;
  criterionId: string;
  max: number;
}

export type ScoreCheck =
  { ok: true } | { ok: false; problem: "missing" | "notNumber" | "negative" | "overMax" | "notHalfStep" };

/** One number typed by a judge: 0 ≤ v ≤ max, in steps of 0.5. */
export function checkScore(value: number | null | undefined, max: number): ScoreCheck {
  if (value === null || value === undefined) return { ok: false, problem: "missing" };
  if (!Number.isFinite(value)) return { ok: false, problem: "notNumber" };
  if (value < 0) return { ok: false, problem: "negative" };
  if (value > max) return { ok: false, problem: "overMax" };
  if (Math.round(value / SCORE_STEP) * SCORE_STEP !== value) return { ok: false, problem: "notHalfStep" };
  return { ok: true };
}

/** Sum of a sheet, and per criterion. Unknown sub-criteria are ignored; missing ones count 0. */
export function sheetTotals(scores: Record<string, number | null | undefined>, rubric: SubCriterion[]) {
  const perCriterion: Record<string, number> = {};
  let total = 0;
  for (const sub of rubric) {
    const v = scores[sub.id] ?? 0;
    perCriterion[sub.criterionId] = (perCriterion[sub.criterionId] ?? 0) + v;
    total += v;
  }
  return { total: roundHalf(total), perCriterion };
}

/** Totals are sums of half points; keep them exact in binary floating point. */
const roundHalf = (n: number) => Math.round(n * 2) / 2;
const round2 = (n: number) => Math.round(n * 100) / 100;

export interface SubmittedSheet {
  judgeId: string;
  total: number;
  perCriterion: Record<string, number>;
}

export interface EntryResult {
  sheets: number;
  mean: number | null; // null when no sheet exists
  min: number | null;
  max: number | null;
  spread: number | null;
  passed: boolean;
  /** The judges' totals differ by more than the round's spread limit (when the rule is on). */
  spreadFlag: boolean;
  criterionMeans: Record<string, number>;
}

export function aggregateEntry(
  sheets: SubmittedSheet[],
  opts: { passLine: number; spreadLimit?: number | null },
): EntryResult {
  if (sheets.length === 0) {
    return {
      sheets: 0,
      mean: null,
      min: null,
      max: null,
      spread: null,
      passed: false,
      spreadFlag: false,
      criterionMeans: {},
    };
  }
  const totals = sheets.map((s) => s.total);
  const sum = totals.reduce((a, b) => a + b, 0);
  const mean = round2(sum / totals.length);
  const min = Math.min(...totals);
  const max = Math.max(...totals);
  const criteria = new Set(sheets.flatMap((s) => Object.keys(s.perCriterion)));
  const criterionMeans: Record<string, number> = {};
  for (const c of [...criteria].sort()) {
    criterionMeans[c] = round2(sheets.reduce((a, s) => a + (s.perCriterion[c] ?? 0), 0) / sheets.length);
  }
  const spread = max - min;
  return {
    sheets: sheets.length,
    mean,
    min,
    max,
    spread,
    passed: mean >= opts.passLine,
    spreadFlag: opts.spreadLimit !== null && opts.spreadLimit !== undefined && spread > opts.spreadLimit,
    criterionMeans,
  };
}

export interface Rankable {
  id: string;
  code: string; // entry code: the last, stable tie-break
  result: EntryResult;
}

/**
 * Ranking by mean, highest first; ties broken by the criterion means in the round's order
 * (default: criterion 1, then 2), then by entry code so the order is total and reproducible.
 * Entries with no sheet come last. Equal on every key → same rank (1, 2, 2, 4).
 */
export function rankEntries<T extends Rankable>(
  entries: T[],
  tieBreak: string[] = ["C1", "C2"],
): Array<T & { rank: number }> {
  const key = (e: T) => [e.result.mean ?? -Infinity, ...tieBreak.map((c) => e.result.criterionMeans[c] ?? -Infinity)];
  const cmp = (a: T, b: T) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      const x = ka[i] ?? -Infinity;
      const y = kb[i] ?? -Infinity;
      if (x !== y) return y - x;
    }
    return 0;
  };
  const sorted = [...entries].sort((a, b) => cmp(a, b) || a.code.localeCompare(b.code));
  let rank = 0;
  let previous: T | undefined;
  return sorted.map((e, i) => {
    if (previous === undefined || cmp(previous, e) !== 0) rank = i + 1;
    previous = e;
    return { ...e, rank };
  });
}

/** Sheets as a matrix: entry → judge → total. */
export type ScoreMatrix = Record<string, Record<string, number>>;

/**
 * Advice only: each judge's totals as z-scores (how far above their own average, in their own
 * standard deviations), averaged per entry. A judge with one sheet or no variation contributes 0.
 */
export function normalisedScores(matrix: ScoreMatrix): Record<string, number | null> {
  const byJudge: Record<string, number[]> = {};
  for (const row of Object.values(matrix)) for (const [j, v] of Object.entries(row)) (byJudge[j] ??= []).push(v);
  const stats: Record<string, { mean: number; sd: number }> = {};
  for (const [j, vs] of Object.entries(byJudge)) {
    const m = vs.reduce((a, b) => a + b, 0) / vs.length;
    const sd = Math.sqrt(vs.reduce((a, v) => a + (v - m) ** 2, 0) / vs.length);
    stats[j] = { mean: m, sd };
  }
  const out: Record<string, number | null> = {};
  for (const [entry, row] of Object.entries(matrix)) {
    const zs = Object.entries(row).map(([j, v]) => {
      const s = stats[j]; // every judge in the matrix has stats, computed from the same rows above
      return s && s.sd > 0 ? (v - s.mean) / s.sd : 0;
    });
    out[entry] = zs.length ? round2(zs.reduce((a, b) => a + b, 0) / zs.length) : null;
  }
  return out;
}

/** How far each judge's mean sits from the panel's mean over the same entries (harsh < 0 < lenient). */
export function judgeBias(matrix: ScoreMatrix): Record<string, { sheets: number; mean: number; offset: number }> {
  const out: Record<string, { sheets: number; sum: number; offsetSum: number }> = {};
  for (const row of Object.values(matrix)) {
    const vals = Object.values(row);
    if (!vals.length) continue;
    const panel = vals.reduce((a, b) => a + b, 0) / vals.length;
    for (const [j, v] of Object.entries(row)) {
      const o = (out[j] ??= { sheets: 0, sum: 0, offsetSum: 0 });
      o.sheets++;
      o.sum += v;
      o.offsetSum += v - panel;
    }
  }
  return Object.fromEntries(
    Object.entries(out).map(([j, o]) => [
      j,
      { sheets: o.sheets, mean: round2(o.sum / o.sheets), offset: round2(o.offsetSum / o.sheets) },
    ]),
  );
}

/** Entries every listed judge scored (agreement statistics need complete data). */
function completeRows(matrix: ScoreMatrix, judges: string[]): number[][] {
  const rows: number[][] = [];
  for (const row of Object.values(matrix)) {
    const values = judges.map((j) => row[j]);
    if (values.every((v): v is number => v !== undefined)) rows.push(values);
  }
  return rows;
}

/** Average ranks (1 = lowest) with ties sharing the mean rank. */
function ranksOf(values: number[]): number[] {
  const idx = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(values.length).fill(0);
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1]?.v === idx[i]?.v) j++;
    const r = (i + j) / 2 + 1;
    for (const x of idx.slice(i, j + 1)) ranks[x.i] = r;
    i = j + 1;
  }
  return ranks;
}

/**
 * Kendall's W (coefficient of concordance) of the judges' rankings of the entries they all
 * scored, with the correction for ties. 1 = identical rankings, 0 = no agreement.
 * null when fewer than 2 judges or 2 complete entries.
 */
export function kendallW(matrix: ScoreMatrix, judges: string[]): number | null {
  const rows = completeRows(matrix, judges);
  const m = judges.length;
  const n = rows.length;
  if (m < 2 || n < 2) return null;
  const rankSums = new Array<number>(n).fill(0);
  let tieCorrection = 0;
  for (let c = 0; c < m; c++) {
    const values = rows.map((r) => r[c] ?? 0);
    ranksOf(values).forEach((r, i) => (rankSums[i] = (rankSums[i] ?? 0) + r));
    const counts = new Map<number, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    for (const t of counts.values()) tieCorrection += t ** 3 - t;
  }
  const meanRankSum = (m * (n + 1)) / 2;
  const s = rankSums.reduce((a, r) => a + (r - meanRankSum) ** 2, 0);
  const denom = m * m * (n ** 3 - n) - m * tieCorrection;
  if (denom <= 0) return null;
  return round2((12 * s) / denom);
}

/**
 * Intraclass correlation ICC(2,1): two-way random effects, absolute agreement, single rater,
 * over the entries all listed judges scored. null when it cannot be computed.
 */
export function icc21(matrix: ScoreMatrix, judges: string[]): number | null {
  const rows = completeRows(matrix, judges);
  const n = rows.length;
  const k = judges.length;
  if (n < 2 || k < 2) return null;
  const grand = rows.flat().reduce((a, b) => a + b, 0) / (n * k);
  const rowMeans = rows.map((r) => r.reduce((a, b) => a + b, 0) / k);
  const colMeans = judges.map((_, c) => rows.reduce((a, r) => a + (r[c] ?? 0), 0) / n);
  const ssRows = k * rowMeans.reduce((a, m) => a + (m - grand) ** 2, 0);
  const ssCols = n * colMeans.reduce((a, m) => a + (m - grand) ** 2, 0);
  const ssTotal = rows.flat().reduce((a, v) => a + (v - grand) ** 2, 0);
  const ssErr = ssTotal - ssRows - ssCols;
  const msr = ssRows / (n - 1);
  const msc = ssCols / (k - 1);
  const mse = ssErr / ((n - 1) * (k - 1));
  const denom = msr + (k - 1) * mse + (k * (msc - mse)) / n;
  if (denom <= 0) return null;
  return round2((msr - mse) / denom);
}
