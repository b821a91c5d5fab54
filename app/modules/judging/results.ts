// The results (tổng hợp kết quả) of a round as pure functions of loaded rows: the ranked table
// per product group, the advice beside it (normalised scores, each judge's offset, the jury's
// agreement), the council's vote rules and what finalisation checks and freezes. The database
// layer (results.server.ts) only loads rows and stores decisions; the numbers come from
// scoring.ts, so the same sheets always give the same table.
//
// Rules encoded here:
//   - an entry's score is the mean of the SUBMITTED sheets of the pass, without the sheets of
//     judges now conflicted with it (a conflict recorded after submission removes the sheet);
//   - in a second pass (scoringPasses = 2, national practice) only the entries selected for it
//     are re-scored; the others keep their first-pass result and rank after them;
//   - once finalised, the official numbers are those frozen in EntryOutcome.final*;
//   - a council meeting has a quorum with 75 % of its members present including the chair, and
//     a majority when more than half of those present vote for (domain.md, "Scoring": the sibling
//     programme's rule, shown as information, not enforced).
import { CRITERION_KEYS, parseTieBreak } from "./jury-schemas";
import { subCriteriaFor } from "./rubric";
import {
  aggregateEntry,
  icc21,
  judgeBias,
  kendallW,
  normalisedScores,
  rankEntries,
  sheetTotals,
  type EntryResult,
  type ScoreMatrix,
  type SubmittedSheet,
} from "./scoring";
import { parseScores } from "./sheet-data";
import type { TFunction } from "~/utils/i18n";

export const RESULT_GROUPS = ["A", "B", "C", "D"] as const;
export type ResultGroup = (typeof RESULT_GROUPS)[number];

/** A judge whose mean sits this far from the panel's over the same entries stands out. */
export const BIAS_THRESHOLD = 5;

// ───────────── inputs ─────────────

export interface ResultsRound {
  level: string;
  status: string;
  passLine: number;
  spreadLimit: number | null;
  tieBreak: string;
  /** The round's product groups (groupList). */
  groups: readonly string[];
  scoringPasses: number;
  currentPass: number;
  resultsFinalisedAt: Date | null;
}

export interface ResultsEntry {
  id: string;
  code: string;
  productName: string;
  group: ResultGroup;
  establishmentId: string;
  establishmentName: string;
  provinceId: string;
}

export interface ResultsRubricItem {
  rubricId: string;
  code: string;
  criterion: number;
  group: string | null;
  max: number;
  sortOrder: number;
}

export interface ResultsSheet {
  entryId: string;
  juryMemberId: string;
  pass: number;
  rubricId: string;
  /**
   * The totals stored with the submission (sheet-data.ts#sheetTotalsFromColumns): sheetTotals of
   * these scores under this rubric and the entry's group. Absent or null: added up from `scores`.
   */
  totals?: { total: number; perCriterion: Record<string, number> } | null;
  /** The numbers by item code; read only when no totals were stored. */
  scores: unknown;
}

export interface ResultsMember {
  id: string;
  name: string;
  isJudge: boolean;
  councilRole: string | null;
  /** The groups of the member's panel; null = every group of the round. */
  panelGroups: readonly string[] | null;
  panelName: string | null;
  /**
   * Entries this member is conflicted with, decided by access.server.ts#isConflicted when the
   * rows are loaded (declared or recorded conflicts, and the home-province rule).
   */
  conflictedEntryIds: ReadonlySet<string>;
  overrides: ReadonlyArray<{ entryId: string; include: boolean }>;
}

export interface ResultsOutcome {
  entryId: string;
  secondPass: boolean;
  spreadDecision: string | null;
  spreadDecidedAt: Date | null;
  votesFor: number | null;
  votesAgainst: number | null;
  votesAbstain: number | null;
  membersPresent: number | null;
  membersTotal: number | null;
  chairPresent: boolean | null;
  recognised: boolean | null;
  voteNote: string | null;
  votedAt: Date | null;
  finalScore: number | null;
  finalSheets: number | null;
  finalRank: number | null;
  finalPassed: boolean | null;
  finalPass: number | null;
  /** The official result was changed by an upheld complaint decision (issue #5). */
  amendedByComplaint?: boolean;
}

export interface ResultsInput {
  round: ResultsRound;
  /** The pass shown (1 … round.currentPass). */
  pass: number;
  entries: readonly ResultsEntry[];
  items: readonly ResultsRubricItem[];
  /** SUBMITTED sheets of every pass up to `pass`. */
  sheets: readonly ResultsSheet[];
  members: readonly ResultsMember[];
  outcomes: readonly ResultsOutcome[];
}

// ───────────── outputs ─────────────

export interface VoteSummary {
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
  membersPresent: number;
  membersTotal: number;
  chairPresent: boolean;
  recognised: boolean | null;
  note: string | null;
  votedAt: Date | null;
  quorum: boolean;
  majority: boolean;
}

export interface ResultRow {
  entryId: string;
  code: string;
  productName: string;
  establishmentName: string;
  group: ResultGroup;
  /** The pass these numbers come from (in a second pass, entries not selected keep pass 1). */
  pass: number;
  /** False for an entry not selected for the pass shown (its numbers are from an earlier pass). */
  inPass: boolean;
  rank: number;
  sheets: number;
  /** Judges assigned to the entry in that pass, conflicted judges excluded. */
  assigned: number;
  /** Assigned judges without a submitted sheet. */
  missing: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  spread: number | null;
  spreadFlag: boolean;
  spreadDecision: string | null;
  criterionMeans: Record<string, number>;
  passed: boolean;
  /** Advice only: mean of the judges' z-scores, and its rank in the group. */
  normalised: number | null;
  normalisedRank: number | null;
  vote: VoteSummary | null;
  /** The official numbers come from the frozen EntryOutcome.final* columns. */
  frozen: boolean;
  /** Frozen, and the sheets as they are now would give another mean or count (never shown as official). */
  changedSinceFinal: boolean;
  /** The official result differs from the judges' because a complaint decision changed it. */
  amendedByComplaint: boolean;
}

export interface GroupAgreement {
  judges: number;
  /** Entries every one of those judges scored (the data the statistics use). */
  completeEntries: number;
  icc: number | null;
  kendallW: number | null;
}

export interface GroupResults {
  group: ResultGroup;
  rows: ResultRow[];
  agreement: GroupAgreement;
}

export interface JudgeRow {
  memberId: string;
  name: string;
  panelName: string | null;
  sheets: number;
  mean: number;
  offset: number;
  /** |offset| ≥ BIAS_THRESHOLD: systematically harsh (below the panel) or lenient (above). */
  tendency: "harsh" | "lenient" | null;
}

export interface ResultsTable {
  pass: number;
  /** Numbers are frozen (finalised round, its final pass shown). */
  official: boolean;
  tieBreak: string[];
  passLine: number;
  spreadLimit: number | null;
  groups: GroupResults[];
  judges: JudgeRow[];
  /** Number of jury members with a council role (the default "members total" of a vote). */
  councilSize: number;
}

// ───────────── the council's vote ─────────────

export interface VoteInput {
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
  membersPresent: number;
  membersTotal: number;
  chairPresent: boolean;
  recognised: boolean;
}

export type VoteField = keyof VoteInput;
export interface VoteProblem {
  field: VoteField;
  messageKey:
    | "results.vote.error.count"
    | "results.vote.error.presentOverTotal"
    | "results.vote.error.votesOverPresent"
    | "results.vote.error.totalZero"
    | "results.vote.error.notPassed";
}

const isCount = (n: number) => Number.isInteger(n) && n >= 0 && n <= 10_000;

/**
 * What is wrong with a vote: every count a whole number ≥ 0, at least one member in the council,
 * present ≤ total, for + against + abstain ≤ present, and only an entry that passed may be
 * recognised (the council chooses among the passing entries).
 */
export function voteProblems(v: VoteInput, passed: boolean): VoteProblem[] {
  const problems: VoteProblem[] = [];
  const counts: VoteField[] = ["votesFor", "votesAgainst", "votesAbstain", "membersPresent", "membersTotal"];
  for (const f of counts)
    if (!isCount(v[f] as number)) problems.push({ field: f, messageKey: "results.vote.error.count" });
  if (problems.length) return problems;
  if (v.membersTotal === 0) problems.push({ field: "membersTotal", messageKey: "results.vote.error.totalZero" });
  if (v.membersPresent > v.membersTotal)
    problems.push({ field: "membersPresent", messageKey: "results.vote.error.presentOverTotal" });
  if (v.votesFor + v.votesAgainst + v.votesAbstain > v.membersPresent) {
    problems.push({ field: "votesFor", messageKey: "results.vote.error.votesOverPresent" });
  }
  if (v.recognised && !passed) problems.push({ field: "recognised", messageKey: "results.vote.error.notPassed" });
  return problems;
}

/** 75 % of the members present, the chair among them (informative). */
export const quorumMet = (v: { membersPresent: number; membersTotal: number; chairPresent: boolean }): boolean =>
  v.membersTotal > 0 && v.membersPresent * 4 >= v.membersTotal * 3 && v.chairPresent;

/** More than half of the members present voted for. */
export const majorityFor = (v: { votesFor: number; membersPresent: number }): boolean =>
  v.membersPresent > 0 && v.votesFor * 2 > v.membersPresent;

function voteOf(o: ResultsOutcome | undefined): VoteSummary | null {
  if (!o || o.votedAt === null || o.votesFor === null || o.membersPresent === null || o.membersTotal === null)
    return null;
  const v = {
    votesFor: o.votesFor,
    votesAgainst: o.votesAgainst ?? 0,
    votesAbstain: o.votesAbstain ?? 0,
    membersPresent: o.membersPresent,
    membersTotal: o.membersTotal,
    chairPresent: o.chairPresent ?? false,
  };
  return {
    ...v,
    recognised: o.recognised,
    note: o.voteNote,
    votedAt: o.votedAt,
    quorum: quorumMet(v),
    majority: majorityFor(v),
  };
}

// ───────────── the table ─────────────

/** Whether the member scores the entry in this pass (access.server.ts#assignedEntriesWhere, in memory). */
function isAssigned(
  member: ResultsMember,
  entry: ResultsEntry,
  roundGroups: readonly string[],
  inPass: boolean,
): boolean {
  if (!member.isJudge || !inPass) return false;
  const override = member.overrides.find((o) => o.entryId === entry.id);
  const byPanel = (member.panelGroups ?? roundGroups).includes(entry.group);
  const assigned = override ? override.include : byPanel;
  return assigned && !member.conflictedEntryIds.has(entry.id);
}

interface Computed {
  entry: ResultsEntry;
  result: EntryResult;
  sheets: SubmittedSheet[];
  assigned: number;
  missing: number;
}

/** Aggregates one pass for the given entries; conflicted judges' sheets are left out. */
function computePass(
  input: ResultsInput,
  pass: number,
  entries: readonly ResultsEntry[],
  inPass: (e: ResultsEntry) => boolean,
) {
  const { round } = input;
  const roundGroups = round.groups;
  const members = new Map(input.members.map((m) => [m.id, m]));
  const itemsByRubric = new Map<string, ResultsRubricItem[]>();
  for (const i of input.items)
    (itemsByRubric.get(i.rubricId) ?? itemsByRubric.set(i.rubricId, []).get(i.rubricId)!).push(i);
  const sheetsByEntry = new Map<string, ResultsSheet[]>();
  for (const s of input.sheets)
    if (s.pass === pass) (sheetsByEntry.get(s.entryId) ?? sheetsByEntry.set(s.entryId, []).get(s.entryId)!).push(s);
  // Sub-criteria per (rubric, group), worked out once: a national round has ~15,000 sheets and a handful of rubrics.
  const subCriteria = new Map<string, ReturnType<typeof subCriteriaFor>>();
  const subCriteriaOf = (rubricId: string, group: string) => {
    const k = `${rubricId}:${group}`;
    let v = subCriteria.get(k);
    if (!v) subCriteria.set(k, (v = subCriteriaFor(itemsByRubric.get(rubricId) ?? [], group)));
    return v;
  };

  const matrix: ScoreMatrix = {};
  const computed = new Map<string, Computed>();
  for (const entry of entries) {
    const submitted: SubmittedSheet[] = [];
    for (const s of sheetsByEntry.get(entry.id) ?? []) {
      const member = members.get(s.juryMemberId);
      if (member?.conflictedEntryIds.has(entry.id)) continue;
      const { total, perCriterion } =
        s.totals ?? sheetTotals(parseScores(s.scores), subCriteriaOf(s.rubricId, entry.group));
      submitted.push({ judgeId: s.juryMemberId, total, perCriterion });
      (matrix[entry.id] ??= {})[s.juryMemberId] = total;
    }
    const scored = new Set(submitted.map((s) => s.judgeId));
    const assignedMembers = input.members.filter((m) => isAssigned(m, entry, roundGroups, inPass(entry)));
    computed.set(entry.id, {
      entry,
      result: aggregateEntry(submitted, { passLine: round.passLine, spreadLimit: round.spreadLimit }),
      sheets: submitted,
      assigned: assignedMembers.length,
      missing: assignedMembers.filter((m) => !scored.has(m.id)).length,
    });
  }
  return { computed, matrix };
}

/** Ranks a list of values, highest first; equal values share a rank; null comes last unranked. */
function rankValues(ids: string[], values: Record<string, number | null>): Record<string, number | null> {
  const scored = ids
    .filter((id) => values[id] !== null && values[id] !== undefined)
    .sort((a, b) => values[b]! - values[a]!);
  const out: Record<string, number | null> = Object.fromEntries(ids.map((id) => [id, null]));
  let previous: string | undefined;
  scored.forEach((id, i) => {
    out[id] = previous !== undefined && values[previous] === values[id] ? (out[previous] ?? null) : i + 1;
    previous = id;
  });
  return out;
}

/**
 * The results of a round for one pass. In pass 2 the entries selected for it are ranked on
 * their pass-2 sheets first, then the others on their pass-1 sheets. When the round is finalised
 * and its final pass is shown, rank, mean, sheets and pass come from the frozen outcomes.
 */
export function buildResults(input: ResultsInput): ResultsTable {
  const { round, pass } = input;
  const tieBreak: string[] = parseTieBreak(round.tieBreak);
  const outcomes = new Map(input.outcomes.map((o) => [o.entryId, o]));
  const selected = (e: ResultsEntry) => pass === 1 || outcomes.get(e.id)?.secondPass === true;
  const official = round.resultsFinalisedAt !== null && pass === round.currentPass;

  const current = computePass(input, pass, input.entries.filter(selected), () => true);
  const earlier =
    pass > 1
      ? computePass(
          input,
          1,
          input.entries.filter((e) => !selected(e)),
          () => false,
        )
      : null;
  const normalised = normalisedScores(current.matrix);

  const groups: GroupResults[] = [];
  for (const group of RESULT_GROUPS) {
    const inGroup = input.entries.filter((e) => e.group === group);
    if (!inGroup.length && !round.groups.includes(group)) continue;
    const rankOf = (computed: Map<string, Computed>) =>
      rankEntries(
        inGroup
          .filter((e) => computed.has(e.id))
          .map((e) => ({ id: e.id, code: e.code, result: computed.get(e.id)!.result })),
        tieBreak,
      );
    const main = rankOf(current.computed);
    const rest = earlier ? rankOf(earlier.computed).map((r) => ({ ...r, rank: r.rank + main.length })) : [];
    const normRanks = rankValues(
      main.map((r) => r.id),
      Object.fromEntries(main.map((r) => [r.id, normalised[r.id] ?? null])),
    );

    const rows: ResultRow[] = [
      ...main.map((r) => ({ r, c: current.computed.get(r.id)!, inPass: true })),
      ...rest.map((r) => ({ r, c: earlier!.computed.get(r.id)!, inPass: false })),
    ].map(({ r, c, inPass }) => {
      const o = outcomes.get(r.id);
      const row: ResultRow = {
        entryId: r.id,
        code: r.code,
        productName: c.entry.productName,
        establishmentName: c.entry.establishmentName,
        group,
        pass: inPass ? pass : 1,
        inPass,
        rank: r.rank,
        sheets: c.result.sheets,
        assigned: c.assigned,
        missing: c.missing,
        mean: c.result.mean,
        min: c.result.min,
        max: c.result.max,
        spread: c.result.spread,
        spreadFlag: c.result.spreadFlag,
        spreadDecision: o?.spreadDecision ?? null,
        criterionMeans: c.result.criterionMeans,
        passed: c.result.passed,
        normalised: inPass ? (normalised[r.id] ?? null) : null,
        normalisedRank: inPass ? (normRanks[r.id] ?? null) : null,
        vote: voteOf(o),
        frozen: false,
        changedSinceFinal: false,
        amendedByComplaint: false,
      };
      if (official && o && o.finalRank !== null && o.finalPassed !== null) {
        row.amendedByComplaint = !!o.amendedByComplaint;
        row.changedSinceFinal =
          !row.amendedByComplaint && (o.finalScore !== row.mean || (o.finalSheets ?? 0) !== row.sheets);
        row.mean = o.finalScore;
        row.sheets = o.finalSheets ?? 0;
        row.rank = o.finalRank;
        row.passed = o.finalPassed;
        row.frozen = true;
      }
      return row;
    });
    if (official) rows.sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code));

    // Agreement over the judges who scored in this group, on the entries all of them scored.
    const groupMatrix: ScoreMatrix = {};
    for (const r of main) {
      const scores = current.matrix[r.id];
      if (scores) groupMatrix[r.id] = scores;
    }
    const judges = [...new Set(Object.values(groupMatrix).flatMap((row) => Object.keys(row)))].sort();
    const completeEntries = Object.values(groupMatrix).filter((row) =>
      judges.every((j) => row[j] !== undefined),
    ).length;
    groups.push({
      group,
      rows,
      agreement: {
        judges: judges.length,
        completeEntries,
        icc: icc21(groupMatrix, judges),
        kendallW: kendallW(groupMatrix, judges),
      },
    });
  }

  const bias = judgeBias(current.matrix);
  const judges: JudgeRow[] = input.members
    .flatMap((m) => {
      const b = bias[m.id];
      if (!b) return [];
      return {
        memberId: m.id,
        name: m.name,
        panelName: m.panelName,
        sheets: b.sheets,
        mean: b.mean,
        offset: b.offset,
        tendency:
          b.offset <= -BIAS_THRESHOLD ? ("harsh" as const) : b.offset >= BIAS_THRESHOLD ? ("lenient" as const) : null,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, "vi"));

  return {
    pass,
    official,
    tieBreak,
    passLine: round.passLine,
    spreadLimit: round.spreadLimit,
    groups,
    judges,
    councilSize: input.members.filter((m) => m.councilRole !== null).length,
  };
}

// ───────────── finalisation ─────────────

export const allRows = (table: ResultsTable): ResultRow[] => table.groups.flatMap((g) => g.rows);

export interface FinaliseProblems {
  /** Flagged by the spread rule with no recorded decision. */
  unresolvedSpread: string[];
  /** Passed, but the council's vote is not recorded. */
  missingVotes: string[];
  /** Recognised by a vote, but no longer passing (sheets changed after the vote). */
  recognisedNotPassed: string[];
}

/** What stops the organiser from finalising this table (codes per reason). */
export function finaliseProblems(table: ResultsTable): FinaliseProblems {
  const rows = allRows(table).filter((r) => r.inPass);
  return {
    unresolvedSpread: rows.filter((r) => r.spreadFlag && !r.spreadDecision?.trim()).map((r) => r.code),
    missingVotes: rows.filter((r) => r.passed && r.vote?.recognised == null).map((r) => r.code),
    recognisedNotPassed: rows.filter((r) => !r.passed && r.vote?.recognised === true).map((r) => r.code),
  };
}

export interface FrozenOutcome {
  entryId: string;
  code: string;
  group: ResultGroup;
  finalScore: number | null;
  finalSheets: number;
  finalRank: number;
  finalPassed: boolean;
  finalPass: number;
  min: number | null;
  max: number | null;
  recognised: boolean | null;
}

/** The values finalisation writes for every accepted entry (and the audit keeps). */
export function frozenOutcomes(table: ResultsTable): FrozenOutcome[] {
  return allRows(table).map((r) => ({
    entryId: r.entryId,
    code: r.code,
    group: r.group,
    finalScore: r.mean,
    finalSheets: r.sheets,
    finalRank: r.rank,
    finalPassed: r.passed,
    finalPass: r.pass,
    min: r.min,
    max: r.max,
    recognised: r.vote?.recognised ?? null,
  }));
}

/** Entries that go to the second pass: those that passed the first. */
export const secondPassEntries = (table: ResultsTable): ResultRow[] =>
  allRows(table).filter((r) => r.inPass && r.passed);

// ───────────── reading and exporting ─────────────

export type AgreementLevel = "high" | "moderate" | "low";

/**
 * A plain reading of an agreement statistic. ICC(2,1): ≥ 0.75 good, ≥ 0.5 moderate, below poor
 * (Koo & Li, 2016). Kendall's W: ≥ 0.7 strong, ≥ 0.4 moderate, below weak.
 */
export function agreementLevel(kind: "icc" | "kendallW", value: number | null): AgreementLevel | null {
  if (value === null) return null;
  const [high, moderate] = kind === "icc" ? [0.75, 0.5] : [0.7, 0.4];
  return value >= high ? "high" : value >= moderate ? "moderate" : "low";
}

/** The rows an export holds, group by group in rank order ("all" = every group). */
export function exportRows(table: ResultsTable, group: ResultGroup | "all"): ResultRow[] {
  return table.groups.filter((g) => group === "all" || g.group === group).flatMap((g) => g.rows);
}

/** A number cell (null when there is none: an empty cell, not "0"). */
const plain = (n: number | null | undefined): number | null => (n === null || n === undefined ? null : n);

/**
 * The ranked table as spreadsheet cells (Excel and CSV): rank, code, product, establishment,
 * group, sheets, mean, min, max, the four criterion means, passed, the votes and the decision.
 * Numbers are written with a dot, as spreadsheets read them.
 */
export function resultsSheetTable(
  rows: readonly ResultRow[],
  t: TFunction,
): { header: string[]; rows: Array<Array<string | number | null>> } {
  const yesNo = (v: boolean | null | undefined) => (v === true ? t("common.yes") : v === false ? t("common.no") : "");
  return {
    header: [
      t("results.col.rank"),
      t("results.col.code"),
      t("results.col.product"),
      t("results.col.establishment"),
      t("results.col.group"),
      t("results.col.sheets"),
      t("results.col.mean"),
      t("results.col.min"),
      t("results.col.max"),
      ...CRITERION_KEYS.map((c) => t("results.col.criterionLong", { n: c.slice(1) })),
      t("results.col.passed"),
      t("results.col.votesFor"),
      t("results.col.votesAgainst"),
      t("results.col.votesAbstain"),
      t("results.col.recognised"),
    ],
    rows: rows.map((r) => [
      r.rank,
      r.code,
      r.productName,
      r.establishmentName,
      r.group,
      r.sheets,
      plain(r.mean),
      plain(r.min),
      plain(r.max),
      ...CRITERION_KEYS.map((c) => plain(r.criterionMeans[c])),
      r.mean === null ? "" : yesNo(r.passed),
      plain(r.vote?.votesFor),
      plain(r.vote?.votesAgainst),
      plain(r.vote?.votesAbstain),
      yesNo(r.vote?.recognised),
    ]),
  };
}
