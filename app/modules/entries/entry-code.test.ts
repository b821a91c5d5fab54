import { describe, expect, it } from "vitest";
import { formatEntryCode, jurisdictionPrefix, nextSequence } from "./entry-code";

describe("entry codes", () => {
  it("formats like BN-2026-B-014", () => {
    expect(formatEntryCode("BN", 2026, "B", 14)).toBe("BN-2026-B-014");
    expect(formatEntryCode("HCM", 2026, "A", 1234)).toBe("HCM-2026-A-1234");
  });
  it("prefixes by jurisdiction", () => {
    expect(jurisdictionPrefix({ level: "PROVINCE", provinceCode: "BN" })).toBe("BN");
    expect(jurisdictionPrefix({ level: "REGION", regionCode: "NORTH" })).toBe("MB");
    expect(jurisdictionPrefix({ level: "NATION" })).toBe("QG");
  });
  it("numbers after the highest code, leaving no duplicate after gaps", () => {
    expect(nextSequence([])).toBe(1);
    expect(nextSequence(["BN-2026-B-001", "BN-2026-B-007", "BN-2026-B-003"])).toBe(8);
  });
});
