import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { itemAt } from "~/utils/arrays";
import {
  aggregateEntry,
  checkScore,
  icc21,
  judgeBias,
  kendallW,
  normalisedScores,
  rankEntries,
  sheetTotals,
  type ScoreMatrix,
  type SubmittedSheet,
} from "./scoring";

const sheet = (judgeId: string, total: number, c1 = 0, c2 = 0): SubmittedSheet => ({
  judgeId,
  total,
  perCriterion: { C1: c1, C2: c2 },
});

describe("one score", () => {
  it("accepts 0..max in half points and says why otherwise", () => {
    expect(checkScore(7.5, 10)).toEqual({ ok: true });
    expect(checkScore(0, 10)).toEqual({ ok: true });
    expect(checkScore(10, 10)).toEqual({ ok: true });
    expect(checkScore(10.5, 10)).toEqual({ ok: false, problem: "overMax" });
    expect(checkScore(-1, 10)).toEqual({ ok: false, problem: "negative" });
    expect(checkScore(7.3, 10)).toEqual({ ok: false, problem: "notHalfStep" });
    expect(checkScore(undefined, 10)).toEqual({ ok: false, problem: "missing" });
    expect(checkScore(Number.NaN, 10)).toEqual({ ok: false, problem: "notNumber" });
  });

  it("sums a sheet per criterion", () => {
    const rubric = [
      { id: "s1", criterionId: "C1", max: 20 },
      { id: "s2", criterionId: "C1", max: 20 },
      { id: "s3", criterionId: "C2", max: 40 },
    ];
    expect(sheetTotals({ s1: 15.5, s2: 12, s3: 30.5 }, rubric)).toEqual({
      total: 58,
      perCriterion: { C1: 27.5, C2: 30.5 },
    });
  });
});

describe("an entry's result", () => {
  it("is the mean of the sheets that exist, with the count behind it", () => {
    const r = aggregateEntry([sheet("a", 72), sheet("b", 68), sheet("c", 75.5)], { passLine: 70 });
    expect(r).toMatchObject({
      sheets: 3,
      mean: 71.83,
      min: 68,
      max: 75.5,
      spread: 7.5,
      passed: true,
      spreadFlag: false,
    });
  });
  it("handles an empty jury, one judge, and all judges conflicted (no sheet)", () => {
    expect(aggregateEntry([], { passLine: 70 })).toMatchObject({ sheets: 0, mean: null, passed: false });
    expect(aggregateEntry([sheet("a", 70)], { passLine: 70 })).toMatchObject({
      sheets: 1,
      mean: 70,
      passed: true,
      spread: 0,
    });
  });
  it("flags a spread over the limit only when the rule is on", () => {
    const sheets = [sheet("a", 60), sheet("b", 71)];
    expect(aggregateEntry(sheets, { passLine: 70 }).spreadFlag).toBe(false);
    expect(aggregateEntry(sheets, { passLine: 70, spreadLimit: 10 }).spreadFlag).toBe(true);
    expect(aggregateEntry([sheet("a", 60), sheet("b", 70)], { passLine: 70, spreadLimit: 10 }).spreadFlag).toBe(false);
  });
  it("passes at exactly the pass line", () => {
    expect(aggregateEntry([sheet("a", 69.5), sheet("b", 70.5)], { passLine: 70 }).passed).toBe(true);
    expect(aggregateEntry([sheet("a", 69.5), sheet("b", 70)], { passLine: 70 }).passed).toBe(false);
  });
});

describe("properties", () => {
  const totals = fc.array(
    fc.integer({ min: 0, max: 200 }).map((n) => n / 2),
    { minLength: 1, maxLength: 12 },
  );
  it("the mean lies within [min, max]", () => {
    fc.assert(
      fc.property(totals, (ts) => {
        const r = aggregateEntry(
          ts.map((t, i) => sheet(`j${i}`, t)),
          { passLine: 70 },
        );
        return r.mean! >= r.min! - 0.005 && r.mean! <= r.max! + 0.005;
      }),
    );
  });
  it("the result does not depend on the order of the sheets", () => {
    fc.assert(
      fc.property(totals, fc.integer(), (ts, seed) => {
        const sheets = ts.map((t, i) => sheet(`j${i}`, t, t / 2, t / 4));
        const shuffled = [...sheets].sort((a, b) => ((a.total * 7919 + seed) % 13) - ((b.total * 7919 + seed) % 13));
        expect(aggregateEntry(shuffled, { passLine: 70 })).toEqual(aggregateEntry(sheets, { passLine: 70 }));
      }),
    );
  });
});

describe("ranking", () => {
  const entry = (id: string, mean: number | null, c1: number, c2: number) => ({
    id,
    code: `BN-2026-B-${id}`,
    result: {
      ...aggregateEntry([], { passLine: 70 }),
      mean,
      sheets: mean === null ? 0 : 3,
      criterionMeans: { C1: c1, C2: c2 },
    },
  });
  it("orders by mean, then criterion 1, then criterion 2, then code; equal entries share a rank", () => {
    const ranked = rankEntries([
      entry("004", 80, 30, 30),
      entry("001", 85, 35, 30),
      entry("002", 80, 32, 28),
      entry("003", 80, 32, 29),
      entry("005", null, 0, 0),
      entry("006", 80, 30, 30),
    ]);
    expect(ranked.map((e) => [e.id, e.rank])).toEqual([
      ["001", 1],
      ["003", 2],
      ["002", 3],
      ["004", 4],
      ["006", 4],
      ["005", 6],
    ]);
  });
  it("follows a configured tie-break order", () => {
    const ranked = rankEntries([entry("a", 80, 30, 35), entry("b", 80, 35, 30)], ["C2", "C1"]);
    expect(ranked.map((e) => e.id)).toEqual(["a", "b"]);
  });
});

describe("jury agreement", () => {
  // Shrout & Fleiss (1979), Table 2: 6 targets rated by 4 judges; ICC(2,1) = 0.29.
  const sf: ScoreMatrix = {
    t1: { a: 9, b: 2, c: 5, d: 8 },
    t2: { a: 6, b: 1, c: 3, d: 2 },
    t3: { a: 8, b: 4, c: 6, d: 8 },
    t4: { a: 7, b: 1, c: 2, d: 6 },
    t5: { a: 10, b: 5, c: 6, d: 9 },
    t6: { a: 6, b: 2, c: 4, d: 7 },
  };
  it("computes ICC(2,1) as published", () => {
    expect(icc21(sf, ["a", "b", "c", "d"])).toBe(0.29);
  });
  it("Kendall's W is 1 for identical rankings and 0 for opposite ones", () => {
    const same: ScoreMatrix = { x: { a: 60, b: 70 }, y: { a: 70, b: 80 }, z: { a: 80, b: 90 } };
    expect(kendallW(same, ["a", "b"])).toBe(1);
    const opposite: ScoreMatrix = {
      x: { a: 60, b: 90 },
      y: { a: 70, b: 80 },
      z: { a: 80, b: 70 },
      w: { a: 90, b: 60 },
    };
    expect(kendallW(opposite, ["a", "b"])).toBe(0);
    expect(kendallW(sf, ["a", "b", "c", "d"])).toBeGreaterThan(0.7);
  });
  it("needs at least two judges and two complete entries", () => {
    expect(kendallW({ x: { a: 1 } }, ["a"])).toBeNull();
    expect(icc21({ x: { a: 1, b: 2 } }, ["a", "b"])).toBeNull();
    // An entry a conflicted judge did not score (y) is left out of agreement statistics.
    expect(kendallW({ x: { a: 60, b: 70 }, y: { a: 95 }, z: { a: 80, b: 90 } }, ["a", "b"])).toBe(1);
    expect(kendallW({ x: { a: 60, b: 70 }, y: { a: 95 } }, ["a", "b"])).toBeNull();
  });
  it("shows harsh and lenient judges, and normalises per judge (advice)", () => {
    const m: ScoreMatrix = { x: { a: 60, b: 70, c: 80 }, y: { a: 70, b: 80, c: 90 } };
    const bias = judgeBias(m);
    expect(bias.a).toMatchObject({ offset: -10 });
    expect(bias.c).toMatchObject({ offset: 10 });
    expect(bias.b).toEqual({ sheets: 2, mean: 75, offset: 0 });
    const z = normalisedScores(m);
    expect(z.x).toBe(-1);
    expect(z.y).toBe(1);
  });
});

describe("more properties (results, issue #4)", () => {
  const halfPoints = fc.integer({ min: 0, max: 200 }).map((n) => n / 2);
  /** A list and an arbitrary reordering of it. */
  const withPermutation = <T>(arb: fc.Arbitrary<T[]>) =>
    arb.chain((xs) =>
      fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }).map((ys) => [xs, ys] as const),
    );

  it("the mean lies within [min, max] and every criterion mean within its sheets' values", () => {
    const sheets = fc.array(fc.tuple(halfPoints, halfPoints), { minLength: 1, maxLength: 15 });
    fc.assert(
      fc.property(sheets, (pairs) => {
        const r = aggregateEntry(
          pairs.map(([c1, c2], i) => ({ judgeId: `j${i}`, total: c1 + c2, perCriterion: { C1: c1, C2: c2 } })),
          { passLine: 70 },
        );
        const c1s = pairs.map(([c1]) => c1);
        expect(r.mean!).toBeGreaterThanOrEqual(r.min! - 0.005);
        expect(r.mean!).toBeLessThanOrEqual(r.max! + 0.005);
        expect(r.criterionMeans.C1).toBeGreaterThanOrEqual(Math.min(...c1s) - 0.005);
        expect(r.criterionMeans.C1).toBeLessThanOrEqual(Math.max(...c1s) + 0.005);
        expect(r.spread).toBe(r.max! - r.min!);
      }),
    );
  });

  it("an entry's result is invariant under any permutation of its sheets", () => {
    const sheets = fc
      .array(fc.tuple(halfPoints, halfPoints), { minLength: 0, maxLength: 12 })
      .map((pairs) =>
        pairs.map(([c1, c2], i) => ({ judgeId: `j${i}`, total: c1 + c2, perCriterion: { C1: c1, C2: c2 } })),
      );
    fc.assert(
      fc.property(withPermutation(sheets), fc.option(fc.integer({ min: 0, max: 50 })), ([a, b], limit) => {
        expect(aggregateEntry(b, { passLine: 70, spreadLimit: limit })).toEqual(
          aggregateEntry(a, { passLine: 70, spreadLimit: limit }),
        );
      }),
    );
  });

  it("the ranking does not depend on the order entries come in, and ranks are 1-based and non-decreasing", () => {
    const entries = fc.uniqueArray(fc.integer({ min: 1, max: 999 }), { minLength: 0, maxLength: 12 }).chain((codes) =>
      fc
        .tuple(
          ...codes.map(() =>
            fc.tuple(fc.option(fc.integer({ min: 0, max: 20 }).map((n) => 60 + n / 2)), fc.integer({ min: 0, max: 4 })),
          ),
        )
        .map((vals) =>
          vals.map(([mean, c1], i) => ({
            id: String(codes[i]),
            code: `BN-2026-B-${String(codes[i]).padStart(3, "0")}`,
            result: {
              ...aggregateEntry([], { passLine: 70 }),
              mean,
              sheets: mean === null ? 0 : 2,
              criterionMeans: { C1: c1, C2: 0 },
            },
          })),
        ),
    );
    fc.assert(
      fc.property(withPermutation(entries), ([a, b]) => {
        const ra = rankEntries(a);
        const rb = rankEntries(b);
        expect(rb.map((e) => [e.id, e.rank])).toEqual(ra.map((e) => [e.id, e.rank]));
        ra.forEach((e, i) => {
          if (i === 0) {
            expect(e.rank).toBe(1);
            return;
          }
          const before = itemAt(ra, i - 1, "ranked entries");
          expect(e.rank).toBeGreaterThanOrEqual(before.rank);
          if (e.result.mean !== null && before.result.mean !== null)
            expect(e.result.mean).toBeLessThanOrEqual(before.result.mean);
        });
        // entries without a score come after every scored one
        const firstUnscored = ra.findIndex((e) => e.result.mean === null);
        if (firstUnscored >= 0) expect(ra.slice(firstUnscored).every((e) => e.result.mean === null)).toBe(true);
      }),
    );
  });

  it("an empty jury gives no advice and no agreement", () => {
    expect(normalisedScores({})).toEqual({});
    expect(judgeBias({})).toEqual({});
    expect(kendallW({}, [])).toBeNull();
    expect(icc21({}, [])).toBeNull();
    expect(normalisedScores({ x: {} })).toEqual({ x: null });
  });

  it("one judge: no offset, neutral z-scores, no agreement statistic", () => {
    const m: ScoreMatrix = { x: { a: 60 }, y: { a: 80 } };
    expect(judgeBias(m)).toEqual({ a: { sheets: 2, mean: 70, offset: 0 } });
    expect(normalisedScores(m)).toEqual({ x: -1, y: 1 });
    expect(normalisedScores({ x: { a: 75 } })).toEqual({ x: 0 });
    expect(kendallW(m, ["a"])).toBeNull();
    expect(icc21(m, ["a"])).toBeNull();
  });
});
