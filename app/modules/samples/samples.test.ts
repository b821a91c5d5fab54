import { describe, expect, test } from "vitest";
import {
  drawTastingNumbers,
  endOpen,
  receiptOpen,
  sampleItemDone,
  sampleSettingsEditable,
  sampleStatus,
  seededRandomInt,
  tastingOrder,
  tastingRange,
  williamsCycle,
  williamsRow,
} from "./samples";

const seeded = seededRandomInt;
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

describe("williamsRow", () => {
  test("n = 0 and n = 1", () => {
    expect(williamsRow(0, 3)).toEqual([]);
    expect(williamsRow(1, 0)).toEqual([0]);
    expect(williamsRow(1, 5)).toEqual([0]);
  });

  test("the textbook square for four samples", () => {
    expect([0, 1, 2, 3].map((r) => williamsRow(4, r))).toEqual([
      [0, 1, 3, 2],
      [1, 2, 0, 3],
      [2, 3, 1, 0],
      [3, 0, 2, 1],
    ]);
  });

  for (let n = 2; n <= 11; n++) {
    test(`n = ${n}: every row a permutation; positions and carry-over balanced over the cycle`, () => {
      const rows = Array.from({ length: williamsCycle(n) }, (_, r) => williamsRow(n, r));
      const times = n % 2 === 0 ? 1 : 2;
      for (const row of rows) expect(sorted(row)).toEqual(Array.from({ length: n }, (_, i) => i));
      for (let pos = 0; pos < n; pos++) {
        const counts = new Array<number>(n).fill(0);
        for (const row of rows) counts[row[pos]!]!++;
        expect(counts).toEqual(new Array<number>(n).fill(times));
      }
      const pairs = new Map<string, number>();
      for (const row of rows)
        for (let k = 1; k < n; k++)
          pairs.set(`${row[k - 1]}>${row[k]}`, (pairs.get(`${row[k - 1]}>${row[k]}`) ?? 0) + 1);
      expect(pairs.size).toBe(n * (n - 1));
      for (const c of pairs.values()) expect(c).toBe(times);
    });
  }

  test("rows repeat after the cycle, negative rows wrap", () => {
    expect(williamsRow(5, 10)).toEqual(williamsRow(5, 0));
    expect(williamsRow(6, 7)).toEqual(williamsRow(6, 1));
    expect(williamsRow(6, -1)).toEqual(williamsRow(6, 5));
  });
});

describe("tastingOrder", () => {
  test("with two or more judges, no sample is first for everyone", () => {
    const samples = ["412", "538", "177", "903", "260"];
    const firsts = new Set([0, 1, 2].map((j) => tastingOrder(samples, j)[0]));
    expect(firsts.size).toBe(3);
  });

  test("leaves out samples the judge does not score, keeping the design's order", () => {
    const samples = [101, 202, 303, 404];
    expect(tastingOrder(samples, 1)).toEqual([202, 303, 101, 404]);
    expect(tastingOrder(samples, 1, (s) => s !== 303)).toEqual([202, 101, 404]);
  });
});

describe("drawTastingNumbers", () => {
  test("distinct numbers in the three-digit range, repeatable with a seed", () => {
    const a = drawTastingNumbers(300, seeded(7));
    expect(new Set(a).size).toBe(300);
    for (const x of a) expect(x >= 101 && x <= 999).toBe(true);
    expect(drawTastingNumbers(300, seeded(7))).toEqual(a);
    expect(drawTastingNumbers(300, seeded(8))).not.toEqual(a);
  });

  test("the whole range can be drawn; beyond half of it the numbers get four digits", () => {
    expect(tastingRange(449)).toEqual({ min: 101, max: 999 });
    expect(tastingRange(450)).toEqual({ min: 1001, max: 9999 });
    const all = drawTastingNumbers(450, seeded(1));
    expect(new Set(all).size).toBe(450);
    for (const x of all) expect(x >= 1001 && x <= 9999).toBe(true);
    const last = drawTastingNumbers(3, () => 0);
    expect(last).toEqual([101, 102, 103]);
  });

  test("is not the identity for a real random source", () => {
    const a = drawTastingNumbers(10, seeded(3));
    expect(a).not.toEqual(sorted(a));
  });
});

describe("sample status and states", () => {
  test("status words", () => {
    expect(sampleStatus({ required: false, receipt: null })).toBe("notRequired");
    expect(sampleStatus({ required: true, receipt: null })).toBe("awaiting");
    expect(sampleStatus({ required: true, receipt: { condition: "GOOD", endAction: null } })).toBe("received");
    expect(sampleStatus({ required: true, receipt: { condition: "DAMAGED", endAction: "RETURNED" } })).toBe("returned");
    expect(sampleStatus({ required: true, receipt: { condition: "GOOD", endAction: "DISPOSED" } })).toBe("disposed");
    expect(sampleItemDone("awaiting")).toBe(false);
    expect(sampleItemDone("received")).toBe(true);
  });

  test("which round and entry states allow what", () => {
    expect(sampleSettingsEditable("JUDGING")).toBe(true);
    expect(sampleSettingsEditable("RESULTS")).toBe(false);
    expect(receiptOpen("JUDGING", "ACCEPTED")).toBe(true);
    expect(receiptOpen("DRAFT", "SUBMITTED")).toBe(false);
    expect(receiptOpen("JUDGING", "REJECTED")).toBe(false);
    expect(endOpen("JUDGING", "ACCEPTED")).toBe(false);
    expect(endOpen("RESULTS", "ACCEPTED")).toBe(true);
    expect(endOpen("SCREENING", "WITHDRAWN")).toBe(true);
  });
});
