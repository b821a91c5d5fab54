// The rubric as pure data (rubric.ts): the default rubric, which items apply to a group, the
// problems that make a rubric invalid, item codes, and how scores follow edited items.
import { describe, expect, test } from "vitest";
import { PRODUCT_GROUPS } from "~/modules/rounds/round-fields";
import { firstRow, itemAt } from "~/utils/arrays";
import {
  assignCodes,
  codeMapping,
  CRITERIA,
  criterionSums,
  defaultRubricItems,
  effectiveItems,
  isIdentityMapping,
  isRubricEditable,
  remapKeys,
  rubricProblems,
  scopeSum,
  subCriteriaFor,
  type RubricItemInput,
} from "./rubric";
import {
  describeProblems,
  formValues,
  hasRowBeyondLimit,
  itemsFromRows,
  lenientItems,
  rawRows,
  RUBRIC_MAX_ROWS,
} from "./rubric-schemas";
import { sheetTotals } from "./scoring";

const ALL = [...PRODUCT_GROUPS];
const item = (
  criterion: number,
  max: number,
  group: RubricItemInput["group"] = null,
  title = `Tiêu chí ${criterion}`,
): RubricItemInput => ({ criterion, group, title, max });
/** A minimal valid rubric: one shared item per criterion at its cap. */
const minimal = (): RubricItemInput[] => CRITERIA.map((c) => item(c.n, c.cap));

describe("the default rubric", () => {
  test("has no problems for groups A–D, nor for any single group", () => {
    expect(rubricProblems(defaultRubricItems(), ALL)).toEqual([]);
    for (const g of ALL) expect(rubricProblems(defaultRubricItems([g]), [g])).toEqual([]);
  });

  test("gives every group 100 points, 40/40/10/10 per criterion", () => {
    for (const g of ALL) {
      const subs = subCriteriaFor(defaultRubricItems(), g);
      const full = Object.fromEntries(subs.map((s) => [s.id, s.max]));
      const totals = sheetTotals(full, subs);
      expect(totals.total).toBe(100);
      expect(totals.perCriterion).toEqual({ C1: 40, C2: 40, C3: 10, C4: 10 });
    }
  });

  test("reads differently for handicrafts (A) and food (B) in criterion 2, and group D uses the shared items", () => {
    const titles = (g: string, c: number) =>
      effectiveItems(defaultRubricItems(), g)
        .filter((i) => i.criterion === c)
        .map((i) => i.title);
    expect(titles("A", 2)).toContain("Kỹ thuật chế tác, độ tinh xảo của sản phẩm");
    expect(titles("B", 2)).toContain("An toàn thực phẩm và bảo vệ môi trường");
    expect(titles("D", 2)).toEqual(
      defaultRubricItems()
        .filter((i) => i.criterion === 2 && i.group === null)
        .map((i) => i.title),
    );
  });

  test("for some groups only leaves the others out without changing any code", () => {
    const full = defaultRubricItems();
    const onlyB = defaultRubricItems(["B", "D"]);
    expect(onlyB.some((i) => i.group === "A" || i.group === "C")).toBe(false);
    for (const i of onlyB)
      expect(full.find((f) => f.group === i.group && f.title === i.title && f.criterion === i.criterion)?.code).toBe(
        i.code,
      );
  });
});

describe("effectiveItems", () => {
  const items = assignCodes([
    item(1, 20, null, "S1"),
    item(1, 20, null, "S2"),
    item(2, 40, null, "S3"),
    item(1, 40, "A", "A1"),
    ...minimal().slice(2),
  ]);

  test("a group's own items replace the shared items of that criterion only", () => {
    const a = effectiveItems(items, "A");
    expect(a.filter((i) => i.criterion === 1).map((i) => i.title)).toEqual(["A1"]);
    expect(a.filter((i) => i.criterion === 2).map((i) => i.title)).toEqual(["S3"]);
    expect(a.map((i) => i.criterion)).toEqual([1, 2, 3, 4]);
  });

  test("other groups keep the shared items", () => {
    expect(
      effectiveItems(items, "B")
        .filter((i) => i.criterion === 1)
        .map((i) => i.title),
    ).toEqual(["S1", "S2"]);
  });

  test("follow sortOrder within a criterion", () => {
    const shuffled = [
      { criterion: 1, group: null, sortOrder: 5, t: "b" },
      { criterion: 1, group: null, sortOrder: 1, t: "a" },
    ];
    expect(effectiveItems(shuffled, "B").map((i) => i.t)).toEqual(["a", "b"]);
  });
});

describe("rubricProblems", () => {
  test("a minimal rubric is valid", () => {
    expect(rubricProblems(minimal(), ALL)).toEqual([]);
  });

  test("reports a sum that misses the cap, for each group using those items", () => {
    const items = [item(1, 20), item(1, 15), ...minimal().slice(1)];
    const problems = rubricProblems(items, ["A", "B"]);
    expect(problems).toEqual([
      { kind: "sum", criterion: 1, group: "A", sum: 35, cap: 40 },
      { kind: "sum", criterion: 1, group: "B", sum: 35, cap: 40 },
    ]);
  });

  test("reports a group's own items that miss the cap while the shared ones are right", () => {
    const items = [...minimal(), item(2, 30, "B"), item(2, 5, "B")];
    expect(rubricProblems(items, ALL)).toEqual([{ kind: "sum", criterion: 2, group: "B", sum: 35, cap: 40 }]);
  });

  test("reports a criterion with no items for a group", () => {
    const items = [item(1, 40), item(2, 40), item(4, 10), item(3, 10, "A")];
    expect(rubricProblems(items, ["A", "B"])).toEqual([{ kind: "empty", criterion: 3, group: "B" }]);
  });

  test.each([0, -5, 0.3, 7.25, 41, Number.NaN, Number.POSITIVE_INFINITY])("reports a bad maximum (%s)", (max) => {
    const items = [item(1, max), ...minimal()];
    expect(rubricProblems(items, ["A"])).toContainEqual({ kind: "max", index: 0 });
  });

  test("accepts maxima in steps of 0.5 up to the cap", () => {
    const items = [item(1, 0.5), item(1, 39.5), ...minimal().slice(1)];
    expect(rubricProblems(items, ["A"])).toEqual([]);
  });

  test("a maximum over the cap of a 10-point criterion is refused even if it would fit a 40-point one", () => {
    const items = [...minimal(), item(3, 12, "A")];
    expect(rubricProblems(items, ["A"])).toContainEqual({ kind: "max", index: 4 });
  });

  test("reports a group not taking part in the round", () => {
    const items = [...minimal(), item(2, 40, "C")];
    expect(rubricProblems(items, ["A", "B"])).toEqual([{ kind: "group", index: 4, group: "C" }]);
  });

  test("reports a missing title, blank or spaces", () => {
    const items = [item(1, 20, null, ""), item(1, 20, null, "   "), ...minimal().slice(1)];
    const problems = rubricProblems(items, ["A"]);
    expect(problems).toContainEqual({ kind: "title", index: 0 });
    expect(problems).toContainEqual({ kind: "title", index: 1 });
  });

  test("reports a criterion outside 1–4", () => {
    expect(rubricProblems([...minimal(), item(5, 10)], ["A"])).toContainEqual({ kind: "criterion", index: 4 });
  });
});

describe("assignCodes", () => {
  test("numbers items per criterion within each scope", () => {
    const rows = assignCodes([item(1, 20), item(2, 40), item(1, 10, "A"), item(1, 20), item(1, 30, "A")]);
    expect(rows.map((r) => `${r.group ?? "*"}:${r.code}`)).toEqual(["*:1.1", "*:2.1", "A:1.1", "*:1.2", "A:1.2"]);
    expect(rows.map((r) => r.sortOrder)).toEqual([0, 1, 2, 3, 4]);
  });

  test("is stable: the same items get the same codes, and recoding its own output changes nothing", () => {
    const input = defaultRubricItems();
    expect(assignCodes(input).map((r) => r.code)).toEqual(input.map((r) => r.code));
    expect(assignCodes(assignCodes(input))).toEqual(assignCodes(input));
  });

  test("a scope's codes do not depend on other scopes' items", () => {
    const shared = [item(1, 20), item(1, 20)];
    const a = assignCodes([...shared, item(1, 40, "A")]);
    const b = assignCodes([item(1, 40, "B"), item(1, 5, "B"), ...shared]);
    expect(a.filter((r) => r.group === null).map((r) => r.code)).toEqual(
      b.filter((r) => r.group === null).map((r) => r.code),
    );
  });

  test("trims the title and empties blank guidance", () => {
    const row = firstRow(assignCodes([{ ...item(1, 40, null, "  Thị trường  "), guidance: "   " }]), "coded items");
    expect(row.title).toBe("Thị trường");
    expect(row.guidance).toBeNull();
  });

  test("keeps extra properties of the items (e.g. the id they were edited from)", () => {
    const row = firstRow(assignCodes([{ ...item(1, 40), id: "abc" }]), "coded items");
    expect(row.id).toBe("abc");
  });
});

describe("sums for the editor", () => {
  test("criterionSums says which items a group uses and whether they reach the cap", () => {
    const items = [item(1, 40), item(1, 30, "A"), item(2, 40), item(3, 10), item(4, 10)];
    const sums = criterionSums(items, ["A", "B"]);
    expect(sums.find((s) => s.criterion === 1 && s.group === "A")).toEqual({
      criterion: 1,
      group: "A",
      cap: 40,
      sum: 30,
      source: "group",
      ok: false,
    });
    expect(sums.find((s) => s.criterion === 1 && s.group === "B")).toMatchObject({
      sum: 40,
      source: "shared",
      ok: true,
    });
    expect(criterionSums([item(1, 40)], ["A"]).find((s) => s.criterion === 2)).toMatchObject({
      sum: 0,
      source: "none",
      ok: false,
    });
  });

  test("scopeSum adds one scope of one criterion", () => {
    expect(scopeSum([item(1, 12.5), item(1, 10), item(1, 40, "A"), item(2, 40)], 1, null)).toBe(22.5);
    expect(scopeSum([item(1, 12.5), item(1, 40, "A")], 1, "A")).toBe(40);
  });
});

describe("scores follow edited items", () => {
  const old = assignCodes([
    item(1, 10, null, "a"),
    item(1, 10, null, "b"),
    item(1, 20, null, "c"),
    item(2, 40, null, "d"),
  ]).map((r, k) => ({ ...r, id: `old${k}` }));

  test("removing an item moves the later items' scores to their new codes and drops the removed one", () => {
    // "a" removed, "b" becomes 1.1 and "c" 1.2
    const next = assignCodes([item(1, 20, null, "b"), item(1, 20, null, "c"), item(2, 40, null, "d")]).map((r, k) => ({
      ...r,
      sourceId: ["old1", "old2", "old3"][k],
    }));
    const map = codeMapping(old, next, "B");
    expect(Object.fromEntries(map)).toEqual({ "1.2": "1.1", "1.3": "1.2", "2.1": "2.1" });
    expect(isIdentityMapping(map, ["1.1", "1.2", "1.3", "2.1"])).toBe(false);
    expect(remapKeys({ "1.1": 8, "1.2": 9, "1.3": 15, "2.1": 30 }, map)).toEqual({ "1.1": 9, "1.2": 15, "2.1": 30 });
  });

  test("an edit that keeps every item in place is the identity", () => {
    const next = old.map((o) => ({ ...o, title: `${o.title}!`, sourceId: o.id }));
    const map = codeMapping(old, next, "A");
    expect(isIdentityMapping(map, ["1.1", "1.2", "1.3", "2.1"])).toBe(true);
  });

  test("a group's own new items do not inherit the shared items' scores", () => {
    const next = [
      ...old.map((o) => ({ ...o, sourceId: o.id })),
      ...assignCodes([item(1, 40, "A", "own")]).map((r) => ({ ...r, sourceId: null })),
    ];
    expect(Object.fromEntries(codeMapping(old, next, "A"))).toEqual({ "2.1": "2.1" });
    expect(isIdentityMapping(codeMapping(old, next, "B"), ["1.1", "1.2", "1.3", "2.1"])).toBe(true);
  });

  test("an item moved to another criterion does not carry its score", () => {
    const next = [{ ...itemAt(old, 0, "old items"), criterion: 2, code: "2.2", sourceId: "old0" }];
    expect(codeMapping(old, next, "A").has("1.1")).toBe(false);
  });
});

test("the rubric can change until judging closes or results are finalised", () => {
  for (const status of ["DRAFT", "OPEN", "SCREENING", "JUDGING"])
    expect(isRubricEditable({ status, resultsFinalisedAt: null })).toBe(true);
  for (const status of ["RESULTS", "PUBLISHED", "ARCHIVED"])
    expect(isRubricEditable({ status, resultsFinalisedAt: null })).toBe(false);
  expect(isRubricEditable({ status: "JUDGING", resultsFinalisedAt: new Date() })).toBe(false);
});

// The editor's pure helpers (rubric-schemas.ts): rows to items, typed values, problem sentences.
describe("the editor's rows", () => {
  const vi = (key: string, params?: Record<string, string | number>) => `${key}${params ? JSON.stringify(params) : ""}`;

  test("blank and removed rows are ignored; the shared scope is null; each item knows its row", () => {
    const { items, rowOf } = itemsFromRows([
      { criterion: 1, title: "Thị trường", max: 40 },
      { criterion: 1 },
      { criterion: 2, group: "B", title: "Riêng B", max: 40, id: "x1" },
      { criterion: 3, title: "Bỏ", max: 10, remove: true },
      undefined,
      { criterion: 4, title: "Thiếu điểm" },
    ]);
    expect(items).toEqual([
      { id: null, criterion: 1, group: null, title: "Thị trường", max: 40, guidance: null },
      { id: "x1", criterion: 2, group: "B", title: "Riêng B", max: 40, guidance: null },
      { id: null, criterion: 4, group: null, title: "Thiếu điểm", max: Number.NaN, guidance: null },
    ]);
    expect(rowOf).toEqual([0, 2, 5]);
  });

  test("typed values are read back leniently for the sums, whatever was typed", () => {
    const fd = new FormData();
    fd.append("items[0].criterion", "1");
    fd.append("items[0].title", "A");
    fd.append("items[0].max", "12,5");
    fd.append("items[1].criterion", "1");
    fd.append("items[1].max", "abc");
    fd.append("items[1].title", "B");
    fd.append("items[2].criterion", "1");
    fd.append("items[2].title", "C");
    fd.append("items[2].max", "20");
    fd.append("items[2].remove", "on");
    fd.append("items[3].criterion", "7");
    fd.append("items[3].title", "D");
    fd.append("items[999].title", "too far");
    const rows = rawRows(formValues(fd));
    expect(rows.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(lenientItems(rows)).toEqual([
      { criterion: 1, group: null, title: "A", max: 12.5 },
      { criterion: 1, group: null, title: "B", max: 0 },
    ]);
  });

  test("a row index beyond the limit is detected before parsing", () => {
    const fd = new FormData();
    fd.append("items[3].title", "x");
    expect(hasRowBeyondLimit(fd)).toBe(false);
    fd.append(`items[${RUBRIC_MAX_ROWS}].title`, "x");
    expect(hasRowBeyondLimit(fd)).toBe(true);
  });

  test("sum problems of several groups with the same sum make one sentence", () => {
    const items = [item(1, 35), item(2, 40), item(3, 10), item(4, 10), item(2, 30, "B")];
    const problems = rubricProblems(items, ["A", "B"]);
    const d = describeProblems(vi, problems, items, () => 1, String);
    expect(d.summary).toEqual([
      `rubric.problem.sum${JSON.stringify({ criterion: 1, groups: `rubric.groups${JSON.stringify({ groups: "A, B" })}`, cap: "40", sum: "35" })}`,
      `rubric.problem.sum${JSON.stringify({ criterion: 2, groups: `rubric.groups${JSON.stringify({ groups: "B" })}`, cap: "40", sum: "30" })}`,
    ]);
    expect(Object.keys(d.byCriterion)).toEqual(["1", "2"]);
  });
});
