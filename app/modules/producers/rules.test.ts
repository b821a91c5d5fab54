import { describe, expect, it } from "vitest";
import { EstablishmentSchema, ProductSchema } from "./schemas";
import {
  dateFromInput,
  dateInputValue,
  establishmentProblems,
  isValidPhone,
  normalizeRegistrationNumber,
  parseDateInput,
  parseSetItems,
  productProblems,
  registrationDateProblem,
  registrationNumberProblem,
  todayInVietnam,
} from "./rules";

describe("registration numbers", () => {
  it("drop spaces and dots and upper-case letters", () => {
    expect(normalizeRegistrationNumber(" 2400 123.456 ")).toBe("2400123456");
    expect(normalizeRegistrationNumber("27a8001234")).toBe("27A8001234");
  });
  it("are 10 digits, optionally -XXX, for enterprises and cooperatives", () => {
    for (const form of ["SME", "COOPERATIVE"] as const) {
      expect(registrationNumberProblem(form, "2400123456")).toBeNull();
      expect(registrationNumberProblem(form, "2400.123.456")).toBeNull();
      expect(registrationNumberProblem(form, "0101234567-001")).toBeNull();
      expect(registrationNumberProblem(form, "240012345")).toBe("enterpriseCode");
      expect(registrationNumberProblem(form, "24001234567")).toBe("enterpriseCode");
      expect(registrationNumberProblem(form, "0101234567-01")).toBe("enterpriseCode");
      expect(registrationNumberProblem(form, "27A8001234")).toBe("enterpriseCode");
      expect(registrationNumberProblem(form, "   ")).toBe("required");
    }
  });
  it("are 6–20 letters and digits for household businesses and cooperative groups", () => {
    for (const form of ["HOUSEHOLD", "COOP_GROUP"] as const) {
      expect(registrationNumberProblem(form, "27A8001234")).toBeNull();
      expect(registrationNumberProblem(form, "2400123456")).toBeNull();
      expect(registrationNumberProblem(form, "05/2020/HĐHT")).toBeNull();
      expect(registrationNumberProblem(form, "12345")).toBe("freeForm");
      expect(registrationNumberProblem(form, "1".repeat(21))).toBe("freeForm");
      expect(registrationNumberProblem(form, "27A#8001")).toBe("freeForm");
      expect(registrationNumberProblem(form, "-27A8001")).toBe("freeForm");
    }
  });
});

describe("phones", () => {
  it("accept Vietnamese mobile and landline numbers with spaces and dots", () => {
    for (const ok of [
      "0912345014",
      "0912 345 014",
      "0912.345.014",
      "+84 912 345 014",
      "+84912345014",
      "0222 3812 345",
      "024 3825 1234",
    ]) {
      expect(isValidPhone(ok), ok).toBe(true);
    }
  });
  it("refuse other shapes", () => {
    for (const bad of [
      "912345014",
      "091234501",
      "09123450145",
      "+840912345014",
      "0912-345-01a",
      "84912345014",
      "hotline",
      "",
    ]) {
      expect(isValidPhone(bad), bad).toBe(false);
    }
  });
});

describe("dates", () => {
  it("read YYYY-MM-DD and DD/MM/YYYY, and refuse impossible days", () => {
    expect(parseDateInput("2018-03-15")).toBe("2018-03-15");
    expect(parseDateInput("15/03/2018")).toBe("2018-03-15");
    expect(parseDateInput("5/3/2018")).toBe("2018-03-05");
    expect(parseDateInput("29/02/2024")).toBe("2024-02-29");
    expect(parseDateInput("29/02/2023")).toBeNull();
    expect(parseDateInput("2018-13-01")).toBeNull();
    expect(parseDateInput("15 March 2018")).toBeNull();
    expect(parseDateInput("")).toBeNull();
  });
  it("refuse a registration date after today in Vietnam", () => {
    // 20:00 UTC on 1 May is already 2 May in Vietnam (UTC+7).
    const now = new Date("2026-05-01T20:00:00Z");
    expect(todayInVietnam(now)).toBe("2026-05-02");
    expect(registrationDateProblem("2026-05-02", now)).toBeNull();
    expect(registrationDateProblem("03/05/2026", now)).toBe("future");
    expect(registrationDateProblem("31/02/2020", now)).toBe("invalid");
  });
  it("store midnight in Vietnam and show the same calendar day back", () => {
    const d = dateFromInput("2018-03-15");
    expect(d.toISOString()).toBe("2018-03-14T17:00:00.000Z");
    expect(dateInputValue(d)).toBe("2018-03-15");
  });
});

describe("product rules", () => {
  it("read a set's items one per line, without list markers", () => {
    expect(parseSetItems("- Ấm trà\n\n• Chén trà \r\n3. Khay")).toEqual(["Ấm trà", "Chén trà", "Khay"]);
  });
  it("need 2+ items for a set and the OCOP number with the stars", () => {
    expect(productProblems({ kind: "set", setItems: "Ấm trà" })).toEqual([
      { field: "setItems", key: "producers.error.setItems" },
    ]);
    expect(productProblems({ kind: "set", setItems: "Ấm trà\nChén trà" })).toEqual([]);
    expect(productProblems({ kind: "single", setItems: "" })).toEqual([]);
    expect(productProblems({ kind: "single", ocopStars: 4 })).toEqual([
      { field: "ocopCertNumber", key: "producers.error.ocopCertNumber" },
    ]);
    expect(productProblems({ kind: "single", ocopStars: 4, ocopCertNumber: "12/QĐ-UBND" })).toEqual([]);
    expect(productProblems({ kind: "single", ocopCertNumber: "12/QĐ-UBND" })).toEqual([
      { field: "ocopStars", key: "producers.error.ocopStars" },
    ]);
  });
});

describe("form schemas", () => {
  const form = (fields: Record<string, string>) => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) fd.append(k, v);
    return Object.fromEntries(fd);
  };
  it("report every establishment problem at once, even with a required field empty", () => {
    const r = EstablishmentSchema.safeParse(
      form({
        legalForm: "COOPERATIVE",
        name: "HTX",
        registrationNumber: "123",
        registrationDate: "2999-01-01",
        phone: "123",
        provinceId: "x",
      }),
    );
    expect(r.success).toBe(false);
    const byField = Object.fromEntries(r.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(byField).toMatchObject({
      registrationNumber: "producers.error.registrationNumber.enterpriseCode",
      registrationDate: "producers.error.date.future",
      phone: "producers.error.phone",
      commune: "producers.error.required",
    });
    expect(
      establishmentProblems({
        legalForm: "SME",
        registrationNumber: "2400123456",
        registrationDate: "2018-03-15",
        phone: "0912345014",
      }),
    ).toEqual([]);
  });
  it("report a one-item set", () => {
    const r = ProductSchema.safeParse({
      name: "Bộ ấm chén",
      group: "A",
      kind: "set",
      setItems: "Ấm trà",
      description: "Bộ ấm chén gốm men rạn, dùng pha trà.",
    });
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["setItems", "producers.error.setItems"],
    ]);
  });
});
