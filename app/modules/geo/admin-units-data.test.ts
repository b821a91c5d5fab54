import { describe, expect, it } from "vitest";
import {
  CURRENT_PROVINCES,
  FORMER_CODE_PREFIX,
  FORMER_PROVINCES,
  FORMER_VALID_FROM,
  MERGER_DATE,
  REGIONS,
  predecessorCodes,
  type RegionCode,
} from "./admin-units-data";

function countByRegion(rows: readonly { region: RegionCode }[]) {
  const counts: Record<RegionCode, number> = { NORTH: 0, CENTRAL: 0, SOUTH: 0 };
  for (const r of rows) counts[r.region]++;
  return counts;
}

const currentByName = new Map(CURRENT_PROVINCES.map((p) => [p.name, p]));
const formerByName = new Map(FORMER_PROVINCES.map((p) => [p.name, p]));

describe("regions", () => {
  it("has exactly the three regions of the regional tier", () => {
    expect(REGIONS.map((r) => [r.code, r.nameVi, r.nameEn])).toEqual([
      ["NORTH", "Phía Bắc", "North"],
      ["CENTRAL", "Miền Trung – Tây Nguyên", "Central & Highlands"],
      ["SOUTH", "Phía Nam", "South"],
    ]);
  });
});

describe("current provinces (from 12/6/2025)", () => {
  it("are 34: 28 provinces and 6 centrally-run cities", () => {
    expect(CURRENT_PROVINCES).toHaveLength(34);
    const cities = CURRENT_PROVINCES.filter((p) => p.kind === "CITY").map((p) => p.name);
    expect(cities.sort()).toEqual(["Cần Thơ", "Hà Nội", "Hải Phòng", "Huế", "TP Hồ Chí Minh", "Đà Nẵng"].sort());
    expect(CURRENT_PROVINCES.filter((p) => p.kind === "PROVINCE")).toHaveLength(28);
  });

  it("split 18 / 8 / 8 between North, Central & Highlands and South", () => {
    expect(countByRegion(CURRENT_PROVINCES)).toEqual({ NORTH: 18, CENTRAL: 8, SOUTH: 8 });
  });

  it("have 2–3 letter upper-case codes usable in entry codes", () => {
    for (const p of CURRENT_PROVINCES) expect(p.code).toMatch(/^[A-Z]{2,3}$/);
    expect(currentByName.get("Bắc Ninh")?.code).toBe("BN");
    expect(currentByName.get("Hà Nội")?.code).toBe("HN");
    expect(currentByName.get("TP Hồ Chí Minh")?.code).toBe("HCM");
  });

  it("each have at least one predecessor", () => {
    for (const p of CURRENT_PROVINCES) expect(predecessorCodes(p.code).length, p.code).toBeGreaterThan(0);
  });

  it("Lâm Đồng absorbed Đắk Nông and Bình Thuận, straddling two old regions", () => {
    const names = predecessorCodes("LD").map((c) => FORMER_PROVINCES.find((f) => f.code === c)!.name);
    expect(names.sort()).toEqual(["Bình Thuận", "Lâm Đồng", "Đắk Nông"].sort());
    const regions = new Set(FORMER_PROVINCES.filter((f) => f.successor === "LD").map((f) => f.region));
    expect([...regions].sort()).toEqual(["CENTRAL", "SOUTH"]);
  });
});

describe("former provinces (to 12/6/2025)", () => {
  it("are 63", () => {
    expect(FORMER_PROVINCES).toHaveLength(63);
  });

  it("split 28 / 15 / 20 between North, Central & Highlands and South", () => {
    expect(countByRegion(FORMER_PROVINCES)).toEqual({ NORTH: 28, CENTRAL: 15, SOUTH: 20 });
  });

  it("each have a successor that is a current province", () => {
    const current = new Set(CURRENT_PROVINCES.map((p) => p.code));
    for (const f of FORMER_PROVINCES) expect(current.has(f.successor), f.code).toBe(true);
  });

  it("map to the merged provinces listed in the reorganisation", () => {
    const merged: Record<string, string[]> = {
      "Tuyên Quang": ["Hà Giang"],
      "Lào Cai": ["Yên Bái"],
      "Thái Nguyên": ["Bắc Kạn"],
      "Phú Thọ": ["Vĩnh Phúc", "Hòa Bình"],
      "Bắc Ninh": ["Bắc Giang"],
      "Hưng Yên": ["Thái Bình"],
      "Hải Phòng": ["Hải Dương"],
      "Ninh Bình": ["Hà Nam", "Nam Định"],
      "Quảng Trị": ["Quảng Bình"],
      "Đà Nẵng": ["Quảng Nam"],
      "Quảng Ngãi": ["Kon Tum"],
      "Gia Lai": ["Bình Định"],
      "Đắk Lắk": ["Phú Yên"],
      "Khánh Hòa": ["Ninh Thuận"],
      "Lâm Đồng": ["Đắk Nông", "Bình Thuận"],
      "TP Hồ Chí Minh": ["Bình Dương", "Bà Rịa – Vũng Tàu"],
      "Đồng Nai": ["Bình Phước"],
      "Tây Ninh": ["Long An"],
      "Cần Thơ": ["Sóc Trăng", "Hậu Giang"],
      "Vĩnh Long": ["Bến Tre", "Trà Vinh"],
      "Đồng Tháp": ["Tiền Giang"],
      "Cà Mau": ["Bạc Liêu"],
      "An Giang": ["Kiên Giang"],
    };
    const unchanged = [
      "Hà Nội",
      "Lai Châu",
      "Điện Biên",
      "Sơn La",
      "Lạng Sơn",
      "Quảng Ninh",
      "Thanh Hóa",
      "Nghệ An",
      "Hà Tĩnh",
      "Cao Bằng",
    ];
    for (const [current, absorbed] of Object.entries(merged)) {
      const code = currentByName.get(current)?.code;
      expect(code, current).toBeDefined();
      const names = FORMER_PROVINCES.filter((f) => f.successor === code).map((f) => f.name);
      expect(names.sort(), current).toEqual([current, ...absorbed].sort());
    }
    for (const name of unchanged) {
      const code = currentByName.get(name)!.code;
      expect(predecessorCodes(code).map((c) => FORMER_PROVINCES.find((f) => f.code === c)!.name)).toEqual([name]);
    }
    // Huế kept its territory; the former row keeps its pre-2025 name.
    expect(formerByName.get("Thừa Thiên Huế")?.successor).toBe(currentByName.get("Huế")?.code);
    expect(Object.keys(merged).length + unchanged.length + 1).toBe(34);
  });

  it("have prefixed codes that never collide with current codes", () => {
    for (const f of FORMER_PROVINCES) expect(f.code).toMatch(/^F-[A-Z]{2,4}$/);
    expect(FORMER_CODE_PREFIX).toBe("F-");
  });

  it("use the pre-2025 regional split", () => {
    expect(formerByName.get("Hà Tĩnh")?.region).toBe("NORTH");
    expect(formerByName.get("Quảng Bình")?.region).toBe("CENTRAL");
    expect(formerByName.get("Kon Tum")?.region).toBe("CENTRAL");
    expect(formerByName.get("Bình Thuận")?.region).toBe("SOUTH");
    expect(formerByName.get("Bình Phước")?.region).toBe("SOUTH");
  });
});

describe("all rows", () => {
  const all = [...CURRENT_PROVINCES, ...FORMER_PROVINCES];

  it("have unique codes, and unique names within each period", () => {
    expect(new Set(all.map((p) => p.code)).size).toBe(97);
    expect(currentByName.size).toBe(34);
    expect(formerByName.size).toBe(63);
  });

  it("validity: former to the merger date, current from it", () => {
    expect(new Date(MERGER_DATE).toISOString()).toBe("2025-06-11T17:00:00.000Z");
    expect(new Date(FORMER_VALID_FROM).getTime()).toBeLessThan(new Date(MERGER_DATE).getTime());
  });

  it("names are NFC and spelled with Vietnamese diacritics", () => {
    for (const p of all) {
      expect(p.name, p.code).toBe(p.name.normalize("NFC"));
      expect(p.name, p.code).toBe(p.name.trim());
    }
    const expected = [
      "Hà Nội",
      "Huế",
      "Hải Phòng",
      "Đà Nẵng",
      "TP Hồ Chí Minh",
      "Cần Thơ",
      "Bắc Ninh",
      "Hưng Yên",
      "Điện Biên",
      "Đắk Lắk",
      "Khánh Hòa",
      "Thanh Hóa",
      "Lâm Đồng",
      "Đồng Tháp",
      "Cà Mau",
    ];
    for (const name of expected) expect(currentByName.has(name), name).toBe(true);
    for (const name of [
      "Bắc Kạn",
      "Hòa Bình",
      "Thừa Thiên Huế",
      "Đắk Nông",
      "Bà Rịa – Vũng Tàu",
      "Hậu Giang",
      "Bạc Liêu",
      "Quảng Nam",
    ]) {
      expect(formerByName.has(name), name).toBe(true);
    }
    // Every name outside a few ASCII-only ones carries a mark; catches a stripped copy-paste.
    const asciiOnly = all.filter((p) => /^[\x20-\x7e]+$/.test(p.name)).map((p) => p.name);
    expect([...new Set(asciiOnly)].sort()).toEqual(["An Giang", "Gia Lai", "Kon Tum", "Long An"]);
  });
});
