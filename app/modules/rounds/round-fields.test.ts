import { describe, expect, it } from "vitest";
import { FileKind, Level, ProductGroup } from "~/generated/sqlite/enums.ts";
import {
  FILE_KINDS,
  createDocuments,
  documentList,
  isValidPassLine,
  jurisdictionValue,
  normaliseDocuments,
  parseJurisdiction,
  PRODUCT_GROUPS,
  toVnDateInput,
  toVnDateTimeInput,
  vnDate,
  vnDateTime,
  vnDaysLeft,
  vnYear,
} from "./round-fields";
import { createGroups, groupList, hasGroup, normaliseGroups, replaceGroups } from "./groups";
import { DIRECT_ENTRY_LEVELS, LEVEL_RULES, LEVELS_BY_RANK, nextLevel, ROUND_LEVELS } from "./round-levels";

describe("enums kept in step with the schema", () => {
  it("matches FileKind, ProductGroup and Level", () => {
    expect([...FILE_KINDS].sort()).toEqual(Object.values(FileKind).sort());
    expect([...PRODUCT_GROUPS]).toEqual(Object.values(ProductGroup));
    expect(Object.keys(LEVEL_RULES).sort()).toEqual(Object.values(Level).sort());
  });
});

describe("levels as data", () => {
  it("orders commune → province → region → nation and nominates upward", () => {
    expect(LEVELS_BY_RANK).toEqual(["COMMUNE", "PROVINCE", "REGION", "NATION"]);
    expect(nextLevel("PROVINCE")).toBe("REGION");
    expect(nextLevel("REGION")).toBe("NATION");
    expect(nextLevel("NATION")).toBeNull();
  });
  it("runs province, region and nation rounds; producers enter provincial rounds only", () => {
    expect(ROUND_LEVELS).toEqual(["PROVINCE", "REGION", "NATION"]);
    expect(DIRECT_ENTRY_LEVELS).toEqual(["PROVINCE"]);
  });
});

describe("groups and documents", () => {
  it("reads and writes groups canonically and drops unknown letters", () => {
    expect(normaliseGroups(["D", "A", "B", "A", "X"])).toEqual(["A", "B", "D"]);
    expect(groupList([{ group: "C" }, { group: "A" }])).toEqual(["A", "C"]);
    expect(groupList(null)).toEqual([]);
    expect(hasGroup([{ group: "B" }], "B")).toBe(true);
    expect(hasGroup([{ group: "B" }], "A")).toBe(false);
    expect(createGroups(["C", "A", "Z"])).toEqual({ create: [{ group: "A" }, { group: "C" }] });
    expect(replaceGroups(["B"])).toEqual({ deleteMany: {}, create: [{ group: "B" }] });
  });
  it("always requires photos and the business registration, never 'other'", () => {
    expect(normaliseDocuments([])).toEqual(["PHOTO", "BUSINESS_REGISTRATION"]);
    // Stored: only the chosen optional kinds; read back: the implied ones first, canonical order.
    expect(createDocuments(["FOOD_SAFETY_CERT", "OTHER", "NOPE", "PHOTO"])).toEqual({
      create: [{ kind: "FOOD_SAFETY_CERT" }],
    });
    expect(documentList([{ kind: "FOOD_SAFETY_CERT" }])).toEqual([
      "PHOTO",
      "BUSINESS_REGISTRATION",
      "FOOD_SAFETY_CERT",
    ]);
    expect(documentList([])).toEqual(["PHOTO", "BUSINESS_REGISTRATION"]);
  });
  it("checks the pass line: 0–100 in steps of 0.5", () => {
    for (const v of [0, 0.5, 70, 70.5, 99.5, 100]) expect(isValidPassLine(v)).toBe(true);
    for (const v of [-0.5, 100.5, 70.25, NaN, Infinity]) expect(isValidPassLine(v)).toBe(false);
  });
});

describe("jurisdiction values", () => {
  it("round-trip through the form value", () => {
    for (const s of [
      { level: "PROVINCE" as const, provinceId: "cprov1", regionId: null },
      { level: "REGION" as const, regionId: "creg1", provinceId: null },
      { level: "NATION" as const, provinceId: null, regionId: null },
    ]) {
      expect(parseJurisdiction(jurisdictionValue(s))).toEqual(s);
    }
  });
  it("refuses malformed values", () => {
    for (const v of [
      "",
      "PROVINCE",
      "PROVINCE:",
      "REGION",
      "NATION:x",
      "CITY:x",
      "PROVINCE:a b",
      "COMMUNE:x",
      "province:x",
    ]) {
      expect(parseJurisdiction(v)).toBeNull();
    }
  });
});

describe("Vietnam-time inputs", () => {
  it("reads datetime-local values as UTC+7", () => {
    expect(vnDateTime("2026-03-01T08:00")?.toISOString()).toBe("2026-03-01T01:00:00.000Z");
    expect(vnDateTime("2026-03-01T00:30")?.toISOString()).toBe("2026-02-28T17:30:00.000Z");
    expect(vnDateTime("2026-03-01T08:00:00")?.toISOString()).toBe("2026-03-01T01:00:00.000Z");
  });
  it("refuses impossible or malformed times", () => {
    for (const v of ["2026-02-31T08:00", "2026-03-01T24:30", "2026-03-01", "01/03/2026 08:00", "2026-03-01T8:00", ""]) {
      expect(vnDateTime(v)).toBeNull();
    }
    expect(vnDate("2026-02-30")).toBeNull();
    expect(vnDate("2026-05-10")?.toISOString()).toBe("2026-05-09T17:00:00.000Z");
  });
  it("writes instants back as Vietnam wall-clock input values", () => {
    expect(toVnDateTimeInput(new Date("2026-02-28T17:30:00Z"))).toBe("2026-03-01T00:30");
    expect(toVnDateTimeInput("2026-04-30T16:59:00.000Z")).toBe("2026-04-30T23:59");
    expect(toVnDateInput(new Date("2026-05-09T17:00:00Z"))).toBe("2026-05-10");
    expect(toVnDateTimeInput(null)).toBe("");
    expect(toVnDateInput(undefined)).toBe("");
  });
  it("counts days left by Vietnam calendar days", () => {
    const deadline = new Date("2026-04-30T10:00:00Z"); // 30/04 17:00 in Vietnam
    expect(vnDaysLeft(deadline, new Date("2026-04-30T02:00:00Z"))).toBe(0);
    expect(vnDaysLeft(deadline, new Date("2026-04-29T16:59:00Z"))).toBe(1); // 29/04 23:59 VN
    expect(vnDaysLeft(deadline, new Date("2026-04-29T17:00:00Z"))).toBe(0); // 30/04 00:00 VN
    expect(vnDaysLeft(deadline, new Date("2026-04-20T10:00:00Z"))).toBe(10);
    expect(vnDaysLeft(deadline, new Date("2026-05-01T10:00:00Z"))).toBe(-1);
  });
  it("takes the year in Vietnam", () => {
    expect(vnYear(new Date("2025-12-31T17:30:00Z"))).toBe(2026);
  });
});
