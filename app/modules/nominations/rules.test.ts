import { describe, expect, test } from "vitest";
import { nominationProblems, type NominationInput } from "./rules";

const now = new Date("2026-11-22T03:00:00Z");
const base: NominationInput = {
  certificate: {
    level: "PROVINCE",
    provinceId: "bn",
    regionId: "north",
    validUntil: new Date("2027-12-31T16:59:59.999Z"),
    revokedAt: null,
  },
  target: { level: "REGION", regionId: "north", status: "OPEN", entriesCloseAt: new Date("2026-12-15T10:00:00Z") },
  quota: 3,
  used: 2,
  alreadyNominated: false,
  now,
};
const withCert = (c: Partial<NominationInput["certificate"]>) => ({
  ...base,
  certificate: { ...base.certificate, ...c },
});
const withTarget = (t: Partial<NominationInput["target"]>) => ({ ...base, target: { ...base.target, ...t } });

describe("nominationProblems", () => {
  test("a valid provincial certificate goes to an open round of its region within quota", () => {
    expect(nominationProblems(base)).toEqual([]);
    expect(nominationProblems({ ...base, quota: null, used: 40 })).toEqual([]);
  });

  test("refuses expired and revoked certificates", () => {
    expect(nominationProblems(withCert({ validUntil: new Date("2025-12-31T16:59:59.999Z") }))).toEqual(["expired"]);
    expect(nominationProblems(withCert({ revokedAt: new Date("2026-01-05") }))).toEqual(["revoked"]);
  });

  test("refuses another region's round, a skipped tier and a same-tier round", () => {
    expect(nominationProblems(withTarget({ regionId: "south" }))).toEqual(["wrongRegion"]);
    expect(nominationProblems(withCert({ regionId: null }))).toEqual(["wrongRegion"]);
    expect(nominationProblems(withTarget({ level: "NATION", regionId: null }))).toEqual(["wrongLevel"]);
    expect(nominationProblems(withTarget({ level: "PROVINCE" }))).toEqual(["wrongLevel"]);
  });

  test("a regional round's own province list decides, not the regions (decision 025)", () => {
    // Lâm Đồng's default region is Central, but the South round lists it (it absorbed Bình Thuận).
    const ld = withCert({ provinceId: "ld", regionId: "central" });
    expect(
      nominationProblems({ ...ld, target: { ...base.target, regionId: "south", members: ["hcm", "ld"] } }),
    ).toEqual([]);
    expect(
      nominationProblems({ ...ld, target: { ...base.target, regionId: "central", members: ["dl", "ld"] } }),
    ).toEqual([]);
    // Same region by default, but not on this round's list: refused.
    expect(nominationProblems(withTarget({ members: ["hn"] }))).toEqual(["wrongRegion"]);
    expect(nominationProblems(withTarget({ members: [] }))).toEqual(["wrongRegion"]);
    expect(
      nominationProblems({ ...withCert({ provinceId: null }), target: { ...base.target, members: ["bn"] } }),
    ).toEqual(["wrongRegion"]);
  });

  test("a regional certificate goes on to the national round, whatever the region", () => {
    expect(
      nominationProblems({
        ...base,
        certificate: { ...base.certificate, level: "REGION" },
        target: { ...base.target, level: "NATION", regionId: null },
      }),
    ).toEqual([]);
  });

  test("refuses over quota, closed rounds and a second nomination", () => {
    expect(nominationProblems({ ...base, used: 3 })).toEqual(["overQuota"]);
    expect(nominationProblems({ ...base, quota: 0, used: 0 })).toEqual(["overQuota"]);
    expect(nominationProblems(withTarget({ status: "SCREENING" }))).toEqual(["targetClosed"]);
    expect(nominationProblems(withTarget({ entriesCloseAt: new Date("2026-11-01") }))).toEqual(["targetClosed"]);
    expect(nominationProblems({ ...base, alreadyNominated: true })).toEqual(["alreadyNominated"]);
  });

  test("reports every problem at once", () => {
    expect(
      nominationProblems({
        ...withCert({ revokedAt: new Date("2026-01-05") }),
        target: { ...base.target, regionId: "south", status: "DRAFT" },
        used: 5,
      }),
    ).toEqual(["revoked", "wrongRegion", "targetClosed", "overQuota"]);
  });
});
