import { describe, expect, it } from "vitest";
import { RoundStatus } from "~/generated/sqlite/enums.ts";
import {
  acceptsEntries,
  canTransition,
  checkTransition,
  isRoundEditable,
  isValidRoundTimeline,
  nextStatuses,
  requiresReason,
  ROUND_STATUSES,
  roundScopeOf,
  roundTimelineProblems,
  transitionKind,
  type RoundStatusName,
} from "./round-state";

// The whole table, written out by hand: every pair of statuses that may be moved between.
const ALLOWED: Record<string, "advance" | "reopen"> = {
  "DRAFT>OPEN": "advance",
  "OPEN>SCREENING": "advance",
  "SCREENING>JUDGING": "advance",
  "JUDGING>RESULTS": "advance",
  "RESULTS>PUBLISHED": "advance",
  "PUBLISHED>ARCHIVED": "advance",
  "SCREENING>OPEN": "reopen",
  "RESULTS>JUDGING": "reopen",
};

describe("round statuses", () => {
  it("are exactly the RoundStatus enum of the schema, in lifecycle order", () => {
    expect([...ROUND_STATUSES].sort()).toEqual(Object.values(RoundStatus).sort());
    expect(ROUND_STATUSES[0]).toBe("DRAFT");
    expect(ROUND_STATUSES.at(-1)).toBe("ARCHIVED");
  });
});

describe("transitions, every pair of statuses", () => {
  for (const from of ROUND_STATUSES) {
    for (const to of ROUND_STATUSES) {
      const expected = ALLOWED[`${from}>${to}`] ?? null;
      it(`${from} → ${to}: ${expected ?? "refused"}`, () => {
        expect(transitionKind(from, to)).toBe(expected);
        expect(canTransition(from, to)).toBe(expected !== null);
        expect(requiresReason(from, to)).toBe(expected === "reopen");
        const check = checkTransition(from, to, "Bổ sung thêm hồ sơ theo đề nghị của xã");
        if (from === to) expect(check).toEqual({ ok: false, problem: "same" });
        else if (expected) expect(check).toEqual({ ok: true, kind: expected });
        else expect(check).toEqual({ ok: false, problem: "notAllowed" });
      });
    }
  }

  it("lists the next statuses: the forward step first, then the reopen", () => {
    expect(nextStatuses("DRAFT")).toEqual(["OPEN"]);
    expect(nextStatuses("OPEN")).toEqual(["SCREENING"]);
    expect(nextStatuses("SCREENING")).toEqual(["JUDGING", "OPEN"]);
    expect(nextStatuses("JUDGING")).toEqual(["RESULTS"]);
    expect(nextStatuses("RESULTS")).toEqual(["PUBLISHED", "JUDGING"]);
    expect(nextStatuses("PUBLISHED")).toEqual(["ARCHIVED"]);
    expect(nextStatuses("ARCHIVED")).toEqual([]);
    for (const from of ROUND_STATUSES) {
      expect(nextStatuses(from).every((to) => canTransition(from, to))).toBe(true);
      expect(ROUND_STATUSES.filter((to) => canTransition(from, to)).length).toBe(nextStatuses(from).length);
    }
  });

  it("reopens entries only with a reason that is not blank", () => {
    expect(checkTransition("SCREENING", "OPEN")).toEqual({ ok: false, problem: "reasonRequired" });
    expect(checkTransition("SCREENING", "OPEN", "")).toEqual({ ok: false, problem: "reasonRequired" });
    expect(checkTransition("SCREENING", "OPEN", "   \n ")).toEqual({ ok: false, problem: "reasonRequired" });
    expect(checkTransition("SCREENING", "OPEN", null)).toEqual({ ok: false, problem: "reasonRequired" });
    expect(checkTransition("SCREENING", "OPEN", "Gia hạn theo công văn số 12")).toEqual({ ok: true, kind: "reopen" });
  });

  it("needs no reason for a forward step", () => {
    expect(checkTransition("DRAFT", "OPEN")).toEqual({ ok: true, kind: "advance" });
  });

  it("never reopens once judging has started", () => {
    for (const from of ["JUDGING", "RESULTS", "PUBLISHED", "ARCHIVED"] as RoundStatusName[]) {
      expect(checkTransition(from, "OPEN", "lý do")).toEqual({ ok: false, problem: "notAllowed" });
    }
  });

  it("refuses unknown statuses", () => {
    expect(transitionKind("DRAFT", "CLOSED" as RoundStatusName)).toBeNull();
    expect(transitionKind("BOGUS" as RoundStatusName, "OPEN")).toBeNull();
  });
});

describe("isRoundEditable", () => {
  it("is true for drafts and open rounds only", () => {
    expect(ROUND_STATUSES.filter(isRoundEditable)).toEqual(["DRAFT", "OPEN"]);
  });
});

describe("acceptsEntries", () => {
  const open = new Date("2026-03-01T01:00:00Z");
  const close = new Date("2026-04-30T10:00:00Z");
  const round = (status: string) => ({ status, entriesOpenAt: open, entriesCloseAt: close });
  it("is true while OPEN within [open, close], bounds included", () => {
    expect(acceptsEntries(round("OPEN"), open)).toBe(true);
    expect(acceptsEntries(round("OPEN"), close)).toBe(true);
    expect(acceptsEntries(round("OPEN"), new Date("2026-04-01T00:00:00Z"))).toBe(true);
  });
  it("is false before opening, after the deadline, and in every other status", () => {
    expect(acceptsEntries(round("OPEN"), new Date(open.getTime() - 1))).toBe(false);
    expect(acceptsEntries(round("OPEN"), new Date(close.getTime() + 1))).toBe(false);
    for (const s of ROUND_STATUSES.filter((s) => s !== "OPEN")) {
      expect(acceptsEntries(round(s), new Date("2026-04-01T00:00:00Z"))).toBe(false);
    }
  });
  it("accepts serialised dates", () => {
    expect(
      acceptsEntries({ status: "OPEN", entriesOpenAt: open.toISOString(), entriesCloseAt: close.toISOString() }, open),
    ).toBe(true);
  });
});

describe("roundScopeOf", () => {
  it("keeps only the jurisdiction column of the round's level", () => {
    expect(roundScopeOf({ level: "PROVINCE", provinceId: "p", regionId: "r" })).toEqual({
      level: "PROVINCE",
      provinceId: "p",
      regionId: null,
    });
    expect(roundScopeOf({ level: "REGION", provinceId: "p", regionId: "r" })).toEqual({
      level: "REGION",
      provinceId: null,
      regionId: "r",
    });
    expect(roundScopeOf({ level: "NATION", provinceId: "p", regionId: "r" })).toEqual({
      level: "NATION",
      provinceId: null,
      regionId: null,
    });
    expect(roundScopeOf({ level: "PROVINCE" })).toEqual({ level: "PROVINCE", provinceId: null, regionId: null });
  });
  it("gives commune rounds no jurisdiction yet (no commune id on Round)", () => {
    expect(roundScopeOf({ level: "COMMUNE", provinceId: "p" })).toEqual({
      level: "COMMUNE",
      provinceId: null,
      regionId: null,
    });
  });
});

describe("round timeline", () => {
  const d = (s: string) => new Date(s);
  const ok = {
    entriesOpenAt: d("2026-03-01T01:00:00Z"),
    entriesCloseAt: d("2026-04-30T10:00:00Z"),
    judgingStartAt: d("2026-05-10T17:00:00Z"),
    resultsAt: d("2026-06-01T17:00:00Z"),
  };
  it("accepts open < close ≤ judging ≤ results, and equal close/judging/results", () => {
    expect(isValidRoundTimeline(ok)).toBe(true);
    expect(isValidRoundTimeline({ ...ok, judgingStartAt: ok.entriesCloseAt, resultsAt: ok.entriesCloseAt })).toBe(true);
  });
  it("accepts a timeline without judging and results dates", () => {
    expect(isValidRoundTimeline({ entriesOpenAt: ok.entriesOpenAt, entriesCloseAt: ok.entriesCloseAt })).toBe(true);
    expect(isValidRoundTimeline({ ...ok, judgingStartAt: null })).toBe(true);
    expect(isValidRoundTimeline({ ...ok, resultsAt: null })).toBe(true);
  });
  it("refuses a deadline at or before the opening", () => {
    expect(roundTimelineProblems({ ...ok, entriesCloseAt: ok.entriesOpenAt })).toEqual([
      { field: "entriesCloseAt", messageKey: "rounds.timeline.closeBeforeOpen" },
    ]);
    expect(isValidRoundTimeline({ ...ok, entriesCloseAt: d("2026-02-01T00:00:00Z") })).toBe(false);
  });
  it("refuses judging before the deadline and results before judging or the deadline", () => {
    expect(roundTimelineProblems({ ...ok, judgingStartAt: d("2026-04-30T09:59:00Z") })).toEqual([
      { field: "judgingStartAt", messageKey: "rounds.timeline.judgingBeforeClose" },
    ]);
    expect(roundTimelineProblems({ ...ok, resultsAt: d("2026-05-09T00:00:00Z") })).toEqual([
      { field: "resultsAt", messageKey: "rounds.timeline.resultsBeforeJudging" },
    ]);
    expect(roundTimelineProblems({ ...ok, judgingStartAt: null, resultsAt: d("2026-04-01T00:00:00Z") })).toEqual([
      { field: "resultsAt", messageKey: "rounds.timeline.resultsBeforeClose" },
    ]);
  });
  it("reports invalid dates as such", () => {
    expect(roundTimelineProblems({ ...ok, entriesOpenAt: new Date(NaN) })).toEqual([
      { field: "entriesOpenAt", messageKey: "rounds.timeline.invalidDate" },
    ]);
    expect(isValidRoundTimeline({ ...ok, resultsAt: new Date("nope") })).toBe(false);
  });
});
