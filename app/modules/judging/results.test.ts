import { describe, expect, it } from "vitest";
import { firstRow, itemAt } from "~/utils/arrays";
import {
  allRows,
  buildResults,
  finaliseProblems,
  frozenOutcomes,
  majorityFor,
  quorumMet,
  secondPassEntries,
  voteProblems,
  type ResultsEntry,
  type ResultsInput,
  type ResultsMember,
  type ResultsOutcome,
  type ResultsSheet,
  type VoteInput,
} from "./results";
import { formatTieBreak, parseTieBreak } from "./jury-schemas";

// A rubric with one sub-criterion per criterion (caps 40/40/10/10), shared by every group.
const items = [
  { rubricId: "r1", code: "1.1", criterion: 1, group: null, max: 40, sortOrder: 0 },
  { rubricId: "r1", code: "2.1", criterion: 2, group: null, max: 40, sortOrder: 1 },
  { rubricId: "r1", code: "3.1", criterion: 3, group: null, max: 10, sortOrder: 2 },
  { rubricId: "r1", code: "4.1", criterion: 4, group: null, max: 10, sortOrder: 3 },
];

const entry = (id: string, group: "A" | "B" = "B", establishmentId = `est-${id}`): ResultsEntry => ({
  id,
  code: `BN-2026-${group}-${id}`,
  productName: `Sản phẩm ${id}`,
  group,
  establishmentId,
  establishmentName: `Cơ sở ${id}`,
  provinceId: "bn",
});

const member = (id: string, extra: Partial<ResultsMember> = {}): ResultsMember => ({
  id,
  name: `Giám khảo ${id}`,
  isJudge: true,
  councilRole: null,
  panelGroups: null,
  panelName: null,
  conflictedEntryIds: new Set(),
  overrides: [],
  ...extra,
});

/** A sheet whose criteria are c1, c2, c3, c4 (total = their sum). */
const sheet = (entryId: string, juryMemberId: string, [c1, c2, c3, c4]: number[], pass = 1): ResultsSheet => ({
  entryId,
  juryMemberId,
  pass,
  rubricId: "r1",
  scores: { "1.1": c1, "2.1": c2, "3.1": c3, "4.1": c4 },
});

const outcome = (entryId: string, extra: Partial<ResultsOutcome> = {}): ResultsOutcome => ({
  entryId,
  secondPass: false,
  spreadDecision: null,
  spreadDecidedAt: null,
  votesFor: null,
  votesAgainst: null,
  votesAbstain: null,
  membersPresent: null,
  membersTotal: null,
  chairPresent: null,
  recognised: null,
  voteNote: null,
  votedAt: null,
  finalScore: null,
  finalSheets: null,
  finalRank: null,
  finalPassed: null,
  finalPass: null,
  ...extra,
});

function input(
  over: Omit<Partial<ResultsInput>, "round"> & { round?: Partial<ResultsInput["round"]> } = {},
): ResultsInput {
  return {
    pass: 1,
    entries: [],
    items,
    sheets: [],
    members: [],
    outcomes: [],
    ...over,
    round: {
      level: "PROVINCE",
      status: "RESULTS",
      passLine: 70,
      spreadLimit: null,
      tieBreak: "C1,C2",
      groups: ["A", "B"],
      scoringPasses: 1,
      currentPass: 1,
      resultsFinalisedAt: null,
      ...over.round,
    },
  };
}

const rowsOf = (i: ResultsInput, group = "B") => buildResults(i).groups.find((g) => g.group === group)!.rows;

describe("the council's vote", () => {
  const vote: VoteInput = {
    votesFor: 6,
    votesAgainst: 1,
    votesAbstain: 1,
    membersPresent: 8,
    membersTotal: 9,
    chairPresent: true,
    recognised: true,
  };

  it("accepts a consistent vote", () => {
    expect(voteProblems(vote, true)).toEqual([]);
    expect(
      voteProblems(
        { ...vote, votesFor: 0, votesAgainst: 0, votesAbstain: 0, membersPresent: 0, recognised: false },
        false,
      ),
    ).toEqual([]);
  });
  it("refuses negative or fractional counts", () => {
    expect(voteProblems({ ...vote, votesFor: -1 }, true)).toEqual([
      { field: "votesFor", messageKey: "results.vote.error.count" },
    ]);
    expect(voteProblems({ ...vote, membersTotal: 8.5 }, true)).toEqual([
      { field: "membersTotal", messageKey: "results.vote.error.count" },
    ]);
    expect(firstRow(voteProblems({ ...vote, votesAbstain: Number.NaN }, true), "problems").field).toBe("votesAbstain");
  });
  it("refuses more present than members, more votes than present, an empty council", () => {
    expect(voteProblems({ ...vote, membersPresent: 10 }, true).map((p) => p.messageKey)).toContain(
      "results.vote.error.presentOverTotal",
    );
    expect(voteProblems({ ...vote, votesFor: 7 }, true)).toEqual([
      { field: "votesFor", messageKey: "results.vote.error.votesOverPresent" },
    ]);
    expect(
      voteProblems(
        { ...vote, votesFor: 0, votesAgainst: 0, votesAbstain: 0, membersPresent: 0, membersTotal: 0 },
        true,
      ),
    ).toEqual([{ field: "membersTotal", messageKey: "results.vote.error.totalZero" }]);
  });
  it("recognises only an entry that passed", () => {
    expect(voteProblems(vote, false)).toEqual([{ field: "recognised", messageKey: "results.vote.error.notPassed" }]);
    expect(voteProblems({ ...vote, recognised: false }, false)).toEqual([]);
  });
  it("has a quorum with 75 % present including the chair", () => {
    expect(quorumMet({ membersPresent: 6, membersTotal: 8, chairPresent: true })).toBe(true);
    expect(quorumMet({ membersPresent: 5, membersTotal: 8, chairPresent: true })).toBe(false);
    expect(quorumMet({ membersPresent: 8, membersTotal: 8, chairPresent: false })).toBe(false);
    expect(quorumMet({ membersPresent: 7, membersTotal: 9, chairPresent: true })).toBe(true); // 77.8 %
    expect(quorumMet({ membersPresent: 6, membersTotal: 9, chairPresent: true })).toBe(false); // 66.7 %
    expect(quorumMet({ membersPresent: 0, membersTotal: 0, chairPresent: true })).toBe(false);
  });
  it("has a majority when more than half of those present vote for", () => {
    expect(majorityFor({ votesFor: 5, membersPresent: 8 })).toBe(true);
    expect(majorityFor({ votesFor: 4, membersPresent: 8 })).toBe(false);
    expect(majorityFor({ votesFor: 4, membersPresent: 7 })).toBe(true);
    expect(majorityFor({ votesFor: 0, membersPresent: 0 })).toBe(false);
  });
});

describe("the tie-break order", () => {
  it("reads the round's setting and falls back to C1, C2", () => {
    expect(parseTieBreak("C2,C1,C3")).toEqual(["C2", "C1", "C3"]);
    expect(parseTieBreak(" C3 , C3, X9")).toEqual(["C3"]);
    expect(parseTieBreak("")).toEqual(["C1", "C2"]);
    expect(parseTieBreak(null)).toEqual(["C1", "C2"]);
    expect(parseTieBreak(formatTieBreak(["C4", "C2"]))).toEqual(["C4", "C2"]);
  });
});

describe("the results table", () => {
  it("means, ranks, sheets and pass flags per group", () => {
    const i = input({
      entries: [entry("001"), entry("002"), entry("003", "A")],
      members: [member("j1"), member("j2")],
      sheets: [
        sheet("001", "j1", [30, 30, 8, 8]), // 76
        sheet("001", "j2", [28, 30, 6, 6]), // 70
        sheet("002", "j1", [35, 35, 9, 9]), // 88
        sheet("002", "j2", [33, 33, 8, 8]), // 82
        sheet("003", "j1", [20, 20, 5, 5]), // 50
      ],
    });
    const b = rowsOf(i);
    expect(b.map((r) => [r.code, r.rank, r.mean, r.sheets, r.min, r.max, r.spread, r.passed])).toEqual([
      ["BN-2026-B-002", 1, 85, 2, 82, 88, 6, true],
      ["BN-2026-B-001", 2, 73, 2, 70, 76, 6, true],
    ]);
    expect(itemAt(b, 0, "group B rows").criterionMeans).toEqual({ C1: 34, C2: 34, C3: 8.5, C4: 8.5 });
    const a = rowsOf(i, "A");
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ rank: 1, mean: 50, passed: false, sheets: 1, assigned: 2, missing: 1 });
  });

  it("leaves out the sheet of a judge conflicted with the entry", () => {
    const base = {
      entries: [entry("001"), entry("002")],
      sheets: [
        sheet("001", "j1", [30, 30, 8, 8]),
        sheet("001", "j2", [10, 10, 2, 2]),
        sheet("002", "j2", [30, 30, 5, 5]),
      ],
    };
    const before = rowsOf(input({ ...base, members: [member("j1"), member("j2")] }));
    expect(before.find((r) => r.entryId === "001")).toMatchObject({ mean: 50, sheets: 2 });
    const after = rowsOf(
      input({ ...base, members: [member("j1"), member("j2", { conflictedEntryIds: new Set(["001"]) })] }),
    );
    const row = after.find((r) => r.entryId === "001")!;
    expect(row).toMatchObject({ mean: 76, sheets: 1, assigned: 1, missing: 0, passed: true });
    // the conflicted judge still counts on the entry they are free to score
    expect(after.find((r) => r.entryId === "002")).toMatchObject({ mean: 70, sheets: 1 });
    // and is out of the advice for the conflicted entry too
    expect(
      buildResults(
        input({ ...base, members: [member("j1"), member("j2", { conflictedEntryIds: new Set(["001"]) })] }),
      ).judges.find((j) => j.memberId === "j2")!.sheets,
    ).toBe(1);
  });

  it("gives no score when every judge is conflicted, and ranks the entry last", () => {
    const conflicted = new Set(["001"]);
    const rows = rowsOf(
      input({
        entries: [entry("001"), entry("002")],
        members: [member("j1", { conflictedEntryIds: conflicted }), member("j2", { conflictedEntryIds: conflicted })],
        sheets: [
          sheet("001", "j1", [40, 40, 10, 10]),
          sheet("001", "j2", [40, 40, 10, 10]),
          sheet("002", "j1", [10, 10, 1, 1]),
        ],
      }),
    );
    expect(rows.map((r) => r.entryId)).toEqual(["002", "001"]);
    expect(rows[1]).toMatchObject({ mean: null, min: null, max: null, sheets: 0, assigned: 0, passed: false, rank: 2 });
  });

  it("works with one judge, and with an empty jury", () => {
    const one = buildResults(
      input({
        entries: [entry("001"), entry("002")],
        members: [member("j1")],
        sheets: [sheet("001", "j1", [30, 30, 8, 8]), sheet("002", "j1", [20, 20, 5, 5])],
      }),
    );
    const rows = one.groups.find((g) => g.group === "B")!;
    expect(rows.rows.map((r) => [r.mean, r.spread, r.rank])).toEqual([
      [76, 0, 1],
      [50, 0, 2],
    ]);
    // agreement needs two judges
    expect(rows.agreement).toMatchObject({ judges: 1, icc: null, kendallW: null });
    expect(one.judges).toEqual([
      { memberId: "j1", name: "Giám khảo j1", panelName: null, sheets: 2, mean: 63, offset: 0, tendency: null },
    ]);

    const empty = buildResults(input({ entries: [entry("001")] }));
    expect(empty.groups.find((g) => g.group === "B")!.rows[0]).toMatchObject({
      sheets: 0,
      assigned: 0,
      missing: 0,
      mean: null,
      passed: false,
      normalised: null,
    });
    expect(empty.judges).toEqual([]);
  });

  it("breaks ties by criterion 1, then criterion 2, then entry code", () => {
    const rows = rowsOf(
      input({
        entries: [entry("004"), entry("003"), entry("002"), entry("001")],
        members: [member("j1")],
        sheets: [
          sheet("001", "j1", [30, 30, 10, 10]), // 80, C1 30, C2 30
          sheet("002", "j1", [32, 28, 10, 10]), // 80, C1 32
          sheet("003", "j1", [30, 31, 9, 10]), // 80, C1 30, C2 31
          sheet("004", "j1", [30, 30, 10, 10]), // same as 001
        ],
      }),
    );
    expect(rows.map((r) => [r.entryId, r.rank])).toEqual([
      ["002", 1],
      ["003", 2],
      ["001", 3],
      ["004", 3],
    ]);
    const c2First = rowsOf(
      input({
        round: { tieBreak: "C2,C1" },
        entries: [entry("002"), entry("003")],
        members: [member("j1")],
        sheets: [sheet("002", "j1", [32, 28, 10, 10]), sheet("003", "j1", [30, 31, 9, 10])],
      }),
    );
    expect(c2First.map((r) => r.entryId)).toEqual(["003", "002"]);
  });

  it("counts assigned judges by panel and overrides, and the sheets still missing", () => {
    const rows = rowsOf(
      input({
        entries: [entry("001"), entry("002")],
        members: [
          member("j1", { panelGroups: ["B"] }),
          member("j2", { panelGroups: ["A"] }),
          member("j3", { panelGroups: ["A"], overrides: [{ entryId: "002", include: true }] }),
          member("j4", { panelGroups: ["B"], overrides: [{ entryId: "001", include: false }] }),
          member("c1", { isJudge: false, councilRole: "CHAIR" }),
        ],
        sheets: [sheet("001", "j1", [30, 30, 8, 8]), sheet("002", "j3", [30, 30, 8, 8])],
      }),
    );
    expect(rows.find((r) => r.entryId === "001")).toMatchObject({ assigned: 1, missing: 0, sheets: 1 });
    expect(rows.find((r) => r.entryId === "002")).toMatchObject({ assigned: 3, missing: 2, sheets: 1 });
  });

  it("flags a spread over the round's limit and shows the decision", () => {
    const base = {
      round: { spreadLimit: 10 },
      entries: [entry("001"), entry("002")],
      members: [member("j1"), member("j2")],
      sheets: [
        sheet("001", "j1", [35, 35, 9, 9]),
        sheet("001", "j2", [28, 28, 7, 6]),
        sheet("002", "j1", [30, 30, 8, 8]),
        sheet("002", "j2", [30, 30, 8, 8]),
      ],
    };
    const t = buildResults(input(base));
    const flagged = allRows(t).find((r) => r.entryId === "001")!;
    expect(flagged).toMatchObject({ spread: 19, spreadFlag: true, spreadDecision: null });
    expect(finaliseProblems(t).unresolvedSpread).toEqual(["BN-2026-B-001"]);
    const decided = buildResults(
      input({ ...base, outcomes: [outcome("001", { spreadDecision: "Hội đồng giữ nguyên điểm." })] }),
    );
    expect(finaliseProblems(decided).unresolvedSpread).toEqual([]);
  });

  it("gives the advice: normalised scores and rank, judges' offsets, agreement", () => {
    const t = buildResults(
      input({
        entries: [entry("001"), entry("002"), entry("003")],
        members: [member("j1"), member("j2"), member("j3")],
        sheets: [
          sheet("001", "j1", [25, 25, 5, 5]), // 60
          sheet("002", "j1", [30, 30, 5, 5]), // 70
          sheet("003", "j1", [35, 35, 5, 5]), // 80
          sheet("001", "j2", [30, 30, 5, 5]), // 70
          sheet("002", "j2", [35, 35, 5, 5]), // 80
          sheet("003", "j2", [40, 40, 5, 5]), // 90
          sheet("001", "j3", [35, 35, 5, 5]), // 80
          sheet("002", "j3", [40, 40, 5, 5]), // 90
          sheet("003", "j3", [40, 40, 10, 10]), // 100
        ],
      }),
    );
    const b = t.groups.find((g) => g.group === "B")!;
    expect(b.rows.map((r) => [r.entryId, r.normalisedRank])).toEqual([
      ["003", 1],
      ["002", 2],
      ["001", 3],
    ]);
    expect(itemAt(b.rows, 0, "group B rows").normalised).toBeGreaterThan(0);
    expect(b.agreement).toMatchObject({ judges: 3, completeEntries: 3, kendallW: 1 });
    expect(b.agreement.icc).not.toBeNull();
    expect(t.judges.map((j) => [j.memberId, j.offset, j.tendency])).toEqual([
      ["j1", -10, "harsh"],
      ["j2", 0, null],
      ["j3", 10, "lenient"],
    ]);
  });

  it("shows the frozen numbers once finalised, even if a sheet changes afterwards", () => {
    const base = {
      entries: [entry("001"), entry("002")],
      members: [member("j1")],
      sheets: [sheet("001", "j1", [30, 30, 8, 8]), sheet("002", "j1", [35, 35, 9, 9])],
    };
    const live = buildResults(input(base));
    const frozen = frozenOutcomes(live);
    expect(frozen.map((f) => [f.code, f.finalScore, f.finalRank, f.finalPassed, f.finalPass, f.finalSheets])).toEqual([
      ["BN-2026-B-002", 88, 1, true, 1, 1],
      ["BN-2026-B-001", 76, 2, true, 1, 1],
    ]);
    const outcomes = frozen.map((f) => outcome(f.entryId, { ...f }));
    const changed = { ...base, sheets: [sheet("001", "j1", [40, 40, 10, 10]), itemAt(base.sheets, 1, "sheets")] };
    const after = buildResults(input({ ...changed, outcomes, round: { resultsFinalisedAt: new Date() } }));
    expect(after.official).toBe(true);
    const rows = after.groups.find((g) => g.group === "B")!.rows;
    expect(rows.map((r) => [r.code, r.mean, r.rank, r.frozen, r.changedSinceFinal])).toEqual([
      ["BN-2026-B-002", 88, 1, true, false],
      ["BN-2026-B-001", 76, 2, true, true],
    ]);
  });

  it("needs a vote for every passing entry and no recognised entry that fails", () => {
    const base = {
      entries: [entry("001"), entry("002")],
      members: [member("j1")],
      sheets: [sheet("001", "j1", [30, 30, 8, 8]), sheet("002", "j1", [20, 20, 5, 5])],
    };
    expect(finaliseProblems(buildResults(input(base)))).toEqual({
      unresolvedSpread: [],
      missingVotes: ["BN-2026-B-001"],
      recognisedNotPassed: [],
    });
    const voted = (id: string, recognised: boolean) =>
      outcome(id, {
        votesFor: 5,
        votesAgainst: 0,
        votesAbstain: 0,
        membersPresent: 5,
        membersTotal: 6,
        chairPresent: true,
        recognised,
        votedAt: new Date(),
      });
    const ok = buildResults(input({ ...base, outcomes: [voted("001", false)] }));
    expect(finaliseProblems(ok)).toEqual({ unresolvedSpread: [], missingVotes: [], recognisedNotPassed: [] });
    expect(allRows(ok).find((r) => r.entryId === "001")!.vote).toMatchObject({
      quorum: true,
      majority: true,
      recognised: false,
    });
    const wrong = buildResults(input({ ...base, outcomes: [voted("001", true), voted("002", true)] }));
    expect(finaliseProblems(wrong).recognisedNotPassed).toEqual(["BN-2026-B-002"]);
  });

  it("in a second pass ranks the selected entries on their new sheets, then the others on pass 1", () => {
    const i = input({
      pass: 2,
      round: { scoringPasses: 2, currentPass: 2 },
      entries: [entry("001"), entry("002"), entry("003")],
      members: [member("j1")],
      outcomes: [outcome("001", { secondPass: true }), outcome("002", { secondPass: true })],
      sheets: [
        sheet("001", "j1", [35, 35, 9, 9], 1), // 88 in pass 1
        sheet("002", "j1", [30, 30, 8, 8], 1), // 76
        sheet("003", "j1", [20, 20, 5, 5], 1), // 50
        sheet("001", "j1", [28, 28, 7, 7], 2), // 70 in pass 2
        sheet("002", "j1", [33, 33, 8, 8], 2), // 82
      ],
    });
    const rows = rowsOf(i);
    expect(rows.map((r) => [r.entryId, r.rank, r.mean, r.pass, r.inPass])).toEqual([
      ["002", 1, 82, 2, true],
      ["001", 2, 70, 2, true],
      ["003", 3, 50, 1, false],
    ]);
    // pass 1 of the same round: everyone on their first sheets
    expect(rowsOf({ ...i, pass: 1 }).map((r) => [r.entryId, r.mean])).toEqual([
      ["001", 88],
      ["002", 76],
      ["003", 50],
    ]);
    expect(secondPassEntries(buildResults({ ...i, pass: 1 })).map((r) => r.entryId)).toEqual(["001", "002"]);
    // a missing pass-2 sheet is counted against the selected entries only
    expect(rows.find((r) => r.entryId === "003")).toMatchObject({ assigned: 0, missing: 0 });
  });

  it("counts the council for the default number of members", () => {
    const t = buildResults(
      input({
        members: [
          member("a", { councilRole: "CHAIR" }),
          member("b", { councilRole: "SECRETARY", isJudge: false }),
          member("c"),
        ],
      }),
    );
    expect(t.councilSize).toBe(2);
  });
});
