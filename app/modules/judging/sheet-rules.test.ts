import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstRow } from "~/utils/arrays";
import { judgeDossier, judgeMaySeeFile } from "./blind";
import { defaultRubricItems } from "./rubric";
import {
  cellState,
  checkSheet,
  formatPoints,
  isSheetEditable,
  parseScoreText,
  queueProgress,
  queueTabOf,
  roundSheetsLock,
  sheetItemTotals,
  sheetItems,
  sheetLock,
} from "./sheet-rules";

const rubric = defaultRubricItems().map((i) => ({ ...i, guidance: i.guidance ?? null }));
const itemsB = sheetItems(rubric, "B");
const full = (value: (max: number) => number | string) => Object.fromEntries(itemsB.map((i) => [i.code, value(i.max)]));

describe("typed numbers", () => {
  it("reads blanks as not scored, accepts the Vietnamese decimal comma, refuses text", () => {
    expect(parseScoreText(undefined)).toBeNull();
    expect(parseScoreText("  ")).toBeNull();
    expect(parseScoreText("12,5")).toBe(12.5);
    expect(parseScoreText("12.5")).toBe(12.5);
    expect(parseScoreText("-1")).toBe(-1);
    expect(parseScoreText("abc")).toBeNaN();
    expect(parseScoreText("1e3")).toBeNaN();
    expect(parseScoreText("12,5,1")).toBeNaN();
  });
});

describe("checking a sheet against the rubric", () => {
  const item12 = itemsB.find((i) => i.code === "1.2")!; // max 10
  const item11 = itemsB.find((i) => i.code === "1.1")!; // max 15

  it("uses the group's own items where it has them", () => {
    expect(itemsB.map((i) => i.code)).toEqual([
      "1.1",
      "1.2",
      "1.3",
      "1.4",
      "2.1",
      "2.2",
      "2.3",
      "2.4",
      "3.1",
      "3.2",
      "4.1",
      "4.2",
    ]);
    expect(itemsB.filter((i) => i.criterion === 2).every((i) => i.group === "B")).toBe(true);
    expect(itemsB.reduce((a, i) => a + i.max, 0)).toBe(100);
  });

  it("refuses out-of-range, negative, non-half-step and non-numbers, item by item", () => {
    const check = checkSheet(
      itemsB,
      { scores: { "1.1": "16", "1.2": "-1", "1.3": "2.3", "1.4": "abc", "2.1": "7,5" } },
      { requireAll: false },
    );
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([
      { code: "1.1", problem: "overMax", max: 15 },
      { code: "1.2", problem: "negative", max: 10 },
      { code: "1.3", problem: "notHalfStep", max: 10 },
      { code: "1.4", problem: "notNumber", max: 5 },
    ]);
    expect(check.scores).toEqual({ "2.1": 7.5 });
  });

  it("lets a draft leave items blank but not a submission, and names what is missing", () => {
    const draft = checkSheet(itemsB, { scores: { "1.1": "15", "1.2": "" } }, { requireAll: false });
    expect(draft.ok).toBe(true);
    expect(draft.scores).toEqual({ "1.1": 15 });
    expect(draft.missing).toContain("1.2");
    const submit = checkSheet(itemsB, { scores: { ...full((m) => m), "3.2": "" } }, { requireAll: true });
    expect(submit.ok).toBe(false);
    expect(submit.problems).toEqual([{ code: "3.2", problem: "missing", max: 5 }]);
    expect(checkSheet(itemsB, { scores: full((m) => m) }, { requireAll: true }).ok).toBe(true);
  });

  it("stores only the codes of the sheet's items and non-empty notes", () => {
    const check = checkSheet(
      itemsB,
      { scores: { "1.1": "10", "9.9": "5", "2.5": "3" }, notes: { "1.1": " tốt ", "1.2": "  ", "9.9": "x" } },
      { requireAll: false },
    );
    expect(check.scores).toEqual({ "1.1": 10 });
    expect(check.notes).toEqual({ "1.1": "tốt" });
  });

  it("accepts every half point from 0 to the maximum and nothing above (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), (halves) => {
        const v = halves / 2;
        const ok = checkSheet([item11], { scores: { "1.1": String(v).replace(".", ",") } }, { requireAll: true }).ok;
        return ok === v <= item11.max;
      }),
    );
    expect(
      firstRow(checkSheet([item12], { scores: { "1.2": 10.5 } }, { requireAll: true }).problems, "problems").problem,
    ).toBe("overMax");
  });

  it("totals are computed with the whole rubric for the entry's group", () => {
    const totals = sheetItemTotals(rubric, "B", { "1.1": 15, "1.2": 7.5, "2.1": 10, "9.9": 50 });
    expect(totals.total).toBe(32.5);
    expect(totals.perCriterion).toMatchObject({ C1: 22.5, C2: 10, C3: 0, C4: 0 });
    expect(sheetItemTotals(rubric, "B", full((m) => m) as Record<string, number>).total).toBe(100);
  });
});

describe("when a sheet may change", () => {
  const judging = { status: "JUDGING", resultsFinalisedAt: null, currentPass: 1 };
  it("is editable only as a draft of the current pass while judging and not finalised", () => {
    expect(isSheetEditable(judging, null)).toBe(true);
    expect(isSheetEditable(judging, { pass: 1, status: "DRAFT" })).toBe(true);
    expect(sheetLock(judging, { pass: 1, status: "SUBMITTED" })).toBe("submitted");
    expect(sheetLock({ ...judging, currentPass: 2 }, { pass: 1, status: "DRAFT" })).toBe("otherPass");
    expect(sheetLock({ ...judging, status: "RESULTS" }, { pass: 1, status: "DRAFT" })).toBe("ended");
    expect(sheetLock({ ...judging, status: "SCREENING" }, null)).toBe("notStarted");
    expect(sheetLock({ ...judging, resultsFinalisedAt: new Date() }, null)).toBe("finalised");
    expect(roundSheetsLock({ status: "PUBLISHED", resultsFinalisedAt: new Date() })).toBe("finalised");
    expect(roundSheetsLock({ status: "JUDGING", resultsFinalisedAt: null })).toBeNull();
  });
});

describe("a judge's queue", () => {
  it("puts each assigned entry in one tab and ignores sheets of entries no longer assigned", () => {
    expect(queueTabOf(undefined)).toBe("todo");
    expect(queueTabOf({ status: "DRAFT" })).toBe("draft");
    expect(queueTabOf({ status: "SUBMITTED" })).toBe("submitted");
    const p = queueProgress(
      ["a", "b", "c", "d"],
      [
        { entryId: "a", status: "SUBMITTED" },
        { entryId: "b", status: "DRAFT" },
        { entryId: "x", status: "SUBMITTED" },
      ],
    );
    expect(p).toEqual({ assigned: 4, todo: 2, draft: 1, submitted: 1, percent: 25 });
    expect(queueProgress([], []).percent).toBe(0);
  });
});

describe("the organisers' matrix", () => {
  it("says conflicted over any sheet, shows sheets of entries no longer assigned, dashes the rest", () => {
    const submitted = { id: "s", status: "SUBMITTED", onPaper: true, total: 78.5 };
    expect(cellState({ assigned: true, conflicted: true }, submitted)).toEqual({ kind: "conflicted" });
    expect(cellState({ assigned: false, conflicted: true }, null)).toEqual({ kind: "unassigned" });
    expect(cellState({ assigned: true, conflicted: false }, submitted)).toEqual({
      kind: "submitted",
      sheetId: "s",
      total: 78.5,
      onPaper: true,
    });
    expect(cellState({ assigned: false, conflicted: false }, { ...submitted, status: "DRAFT" })).toEqual({
      kind: "draft",
      sheetId: "s",
    });
    expect(cellState({ assigned: true, conflicted: false }, null)).toEqual({ kind: "todo" });
    expect(cellState({ assigned: false, conflicted: false }, null)).toEqual({ kind: "unassigned" });
  });

  it("writes points the Vietnamese way", () => {
    expect(formatPoints(78.5)).toBe("78,5");
    expect(formatPoints(78.5, "en")).toBe("78.5");
    expect(formatPoints(80)).toBe("80");
  });
});

describe("blind judging", () => {
  const productFile = { productId: "p", hiddenFromJudges: false };
  it("hides marked files, and in blind rounds the documents naming the producer and the establishment's own", () => {
    expect(judgeMaySeeFile({ kind: "PHOTO", ...productFile }, { blindJudging: true })).toBe(true);
    expect(judgeMaySeeFile({ kind: "PHOTO", ...productFile, hiddenFromJudges: true }, { blindJudging: false })).toBe(
      false,
    );
    expect(
      judgeMaySeeFile(
        { kind: "BUSINESS_REGISTRATION", productId: null, hiddenFromJudges: false },
        { blindJudging: true },
      ),
    ).toBe(false);
    expect(
      judgeMaySeeFile(
        { kind: "BUSINESS_REGISTRATION", productId: null, hiddenFromJudges: false },
        { blindJudging: false },
      ),
    ).toBe(true);
    expect(judgeMaySeeFile({ kind: "REGISTRATION_FORM", ...productFile }, { blindJudging: true })).toBe(false);
    expect(
      judgeMaySeeFile({ kind: "QUALITY_CERT", productId: null, hiddenFromJudges: false }, { blindJudging: true }),
    ).toBe(false);
    expect(judgeMaySeeFile({ kind: "FOOD_SAFETY_CERT", ...productFile }, { blindJudging: true })).toBe(true);
  });

  const snapshot = {
    product: {
      name: "Mỳ gạo",
      group: "B",
      isSet: false,
      setItems: null,
      description: "Sợi dai",
      trademark: "Mỳ Chũ Nguyễn Văn A",
      foodSafetyCert: "123/ATTP",
      awards: "OCOP 4 sao",
    },
    establishment: {
      name: "HTX Mỳ Chũ",
      legalForm: "COOPERATIVE",
      commune: "Chũ",
      registrationNumber: "24G8000123",
      legalRepresentative: "Nguyễn Văn A",
      province: { name: "Bắc Ninh" },
    },
    files: [
      { id: "f1", kind: "PHOTO", angle: "FRONT", originalName: "anh-htx-my-chu.jpg" },
      { id: "f2", kind: "BUSINESS_REGISTRATION", originalName: "dkkd-htx.pdf" },
      { id: "f3", kind: "FOOD_SAFETY_CERT", originalName: "attp-nguyen-van-a.pdf" },
      { id: "f4", kind: "OTHER", originalName: "gioi-thieu.pdf" },
      { id: "f5", kind: "PHOTO", angle: "SIDE", originalName: "x.jpg" },
    ],
  };
  const facts = new Map([
    ["f1", { productId: "p", hiddenFromJudges: false }],
    ["f2", { productId: null, hiddenFromJudges: false }],
    ["f3", { productId: "p", hiddenFromJudges: false }],
    ["f4", { productId: "p", hiddenFromJudges: true }],
    // f5 has no facts (file row gone): left out
  ]);

  it("a blind dossier carries nothing about the producer", () => {
    const d = judgeDossier(snapshot, { blindJudging: true }, facts);
    const json = JSON.stringify(d);
    for (const secret of ["HTX Mỳ Chũ", "Nguyễn Văn A", "24G8000123", "anh-htx-my-chu", "dkkd", "123/ATTP", "Bắc Ninh"])
      expect(json).not.toContain(secret);
    expect(d.establishment).toBeNull();
    expect(d.photos).toEqual([{ id: "f1", angle: "FRONT" }]);
    // no original name; the number is what the neutral download name uses (decision 018)
    expect(d.documents).toEqual([{ id: "f3", kind: "FOOD_SAFETY_CERT", name: null, number: 1 }]);
    expect(d.product.fields.map((f) => f.key)).toEqual(["description", "awards"]);
  });

  it("an open round shows the establishment and every file not hidden", () => {
    const d = judgeDossier(snapshot, { blindJudging: false }, facts);
    expect(d.establishment).toEqual({
      name: "HTX Mỳ Chũ",
      legalForm: "COOPERATIVE",
      commune: "Chũ",
      province: "Bắc Ninh",
    });
    expect(d.documents.map((x) => x.id)).toEqual(["f2", "f3"]);
    expect(JSON.stringify(d)).not.toContain("24G8000123");
  });
});
