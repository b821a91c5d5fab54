import { describe, expect, it } from "vitest";
import { vnDay, vnDayEnd, vnDayStart, vnStartOfToday } from "./date-range";

describe("Vietnamese day bounds", () => {
  it("starts a day at midnight UTC+7", () => {
    expect(vnDayStart("2026-01-31")?.toISOString()).toBe("2026-01-30T17:00:00.000Z");
    expect(vnDayEnd("2026-01-31")?.toISOString()).toBe("2026-01-31T17:00:00.000Z");
  });
  it("rejects malformed and impossible dates", () => {
    for (const bad of ["", "31/01/2026", "2026-1-5", "2026-02-31", "2026-13-01", "abcd-ef-gh"]) {
      expect(vnDayStart(bad)).toBeNull();
      expect(vnDayEnd(bad)).toBeNull();
    }
  });
  it("knows which day it is in Vietnam", () => {
    // 18:30 UTC on 31/12 is already 01:30 on 1/1 in Hà Nội.
    const instant = new Date("2025-12-31T18:30:00Z");
    expect(vnDay(instant)).toBe("2026-01-01");
    expect(vnStartOfToday(instant).toISOString()).toBe("2025-12-31T17:00:00.000Z");
  });
});
