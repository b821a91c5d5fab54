// Forms 01 and 02 as pure rules (decision 028): what each form needs before the platform can
// generate it, how the checklist counts a generated form or a signed scan, which paper stands for
// the form in a dossier, and numbers typed the Vietnamese way.
import { describe, expect, it } from "vitest";
import { firstRow } from "~/utils/arrays";
import { dossierChecklist, type DocumentItem } from "./dossier";
import { dossierFormSources, formOfNumber, formUrl, generatedFormsOf, missingFormFields } from "./forms";
import { productProblems, revenueYearProblem, vietnameseNumberInput } from "./rules";

const complete = {
  businessLines: "1074 – Sản xuất mì sợi",
  workforce: 12,
  revenue: 1250.5,
  revenueYear: 2025,
  rawMaterials: "Gạo Bao thai",
  process: "Ngâm, xay, tráng, phơi",
  annualCapacity: "80 tấn/năm",
  markets: "Bắc Ninh",
};
const base = {
  group: "A",
  photos: ["FRONT", "SIDE", "TOP"].map((angle) => ({ angle })),
  requiredKinds: ["PHOTO", "BUSINESS_REGISTRATION", "REGISTRATION_FORM", "DESCRIPTION_FORM"],
};
const item = (items: Array<{ key: string }>, key: string) => items.find((i) => i.key === key) as DocumentItem;

describe("missingFormFields", () => {
  it("form 01 asks business lines, workforce and revenue with its year; form 02 raw materials, process, capacity, markets", () => {
    expect(missingFormFields("REGISTRATION_FORM", {})).toEqual(["businessLines", "workforce", "revenue"]);
    expect(missingFormFields("DESCRIPTION_FORM", {})).toEqual(["rawMaterials", "process", "annualCapacity", "markets"]);
    expect(generatedFormsOf(complete)).toEqual({ REGISTRATION_FORM: [], DESCRIPTION_FORM: [] });
  });

  it("counts zero as an answer, blank text as none, and a revenue without its year as missing", () => {
    expect(missingFormFields("REGISTRATION_FORM", { ...complete, workforce: 0, revenue: 0 })).toEqual([]);
    expect(missingFormFields("REGISTRATION_FORM", { ...complete, businessLines: "   " })).toEqual(["businessLines"]);
    expect(missingFormFields("REGISTRATION_FORM", { ...complete, revenueYear: null })).toEqual(["revenue"]);
    expect(missingFormFields("DESCRIPTION_FORM", { ...complete, markets: null })).toEqual(["markets"]);
  });
});

describe("the checklist's forms", () => {
  it("a form with the data it asks is generated; one without says what is missing; a scan always counts", () => {
    const generated = dossierChecklist({
      ...base,
      documents: [{ kind: "BUSINESS_REGISTRATION" }],
      generatedForms: generatedFormsOf(complete),
    });
    expect(item(generated.items, "REGISTRATION_FORM")).toMatchObject({
      ok: true,
      source: "generated",
      because: "round",
    });
    expect(generated.complete).toBe(true);

    const partial = dossierChecklist({
      ...base,
      documents: [{ kind: "BUSINESS_REGISTRATION" }],
      generatedForms: generatedFormsOf({ ...complete, revenue: null }),
    });
    expect(item(partial.items, "REGISTRATION_FORM")).toMatchObject({
      ok: false,
      source: null,
      missingFields: ["revenue"],
    });
    expect(partial.missing.map((i) => i.key)).toEqual(["REGISTRATION_FORM"]);

    const scanned = dossierChecklist({
      ...base,
      documents: [{ kind: "BUSINESS_REGISTRATION" }, { kind: "REGISTRATION_FORM" }],
      generatedForms: generatedFormsOf({ ...complete, revenue: null }),
    });
    expect(item(scanned.items, "REGISTRATION_FORM")).toMatchObject({ ok: true, source: "scan" });
    expect(scanned.complete).toBe(true);
  });

  it("without generation data only a scan counts, and a round that does not ask for the forms does not list them", () => {
    const c = dossierChecklist({
      ...base,
      documents: [{ kind: "BUSINESS_REGISTRATION" }, { kind: "DESCRIPTION_FORM" }],
    });
    expect(item(c.items, "REGISTRATION_FORM")).toMatchObject({ ok: false, source: null });
    expect(item(c.items, "DESCRIPTION_FORM")).toMatchObject({ ok: true, source: "scan" });
    const old = dossierChecklist({
      ...base,
      requiredKinds: ["PHOTO", "BUSINESS_REGISTRATION"],
      documents: [{ kind: "BUSINESS_REGISTRATION" }],
      generatedForms: generatedFormsOf({}),
    });
    expect(old.items.map((i) => i.key)).toEqual(["photos", "BUSINESS_REGISTRATION"]);
    expect(old.complete).toBe(true);
  });
});

describe("dossierFormSources", () => {
  it("the newest signed scan of each form stands for it; without one the generated paper does", () => {
    const files = [
      { id: "a", kind: "REGISTRATION_FORM", originalName: "cu.pdf", createdAt: "2026-03-01T00:00:00Z" },
      { id: "b", kind: "REGISTRATION_FORM", originalName: "moi.pdf", createdAt: "2026-03-02T00:00:00Z" },
      { id: "c", kind: "PHOTO", originalName: "anh.jpg", createdAt: "2026-03-03T00:00:00Z" },
    ];
    expect(dossierFormSources(files)).toEqual([
      { kind: "REGISTRATION_FORM", scan: { id: "b", originalName: "moi.pdf" } },
      { kind: "DESCRIPTION_FORM", scan: null },
    ]);
    // A frozen dossier's files carry no dates but keep the upload order: the last one wins.
    expect(firstRow(dossierFormSources(files.map(({ createdAt: _, ...f }) => f)), "form sources").scan?.id).toBe("b");
  });

  it("names the forms by their number in URLs", () => {
    expect(formUrl("abc", "DESCRIPTION_FORM")).toBe("/entries/abc/forms/02.pdf");
    expect(formOfNumber("01")).toBe("REGISTRATION_FORM");
    expect(formOfNumber("03")).toBeNull();
  });
});

describe("numbers typed the Vietnamese way", () => {
  it("reads dots as thousands and the comma as the decimal mark", () => {
    expect(vietnameseNumberInput("1.250,5")).toBe("1250.5");
    expect(vietnameseNumberInput("1.500")).toBe("1500");
    expect(vietnameseNumberInput("12.500.000")).toBe("12500000");
    expect(vietnameseNumberInput("1250,5")).toBe("1250.5");
    expect(vietnameseNumberInput(" 1 250 ")).toBe("1250");
    // a lone dot before anything but three digits is a decimal point, as number inputs send it
    expect(vietnameseNumberInput("12.5")).toBe("12.5");
    expect(vietnameseNumberInput("một tỷ")).toBe("mộttỷ");
    expect(vietnameseNumberInput(42)).toBe(42);
  });

  it("a revenue's year is from 2000 to this year in Vietnam, and goes with a revenue", () => {
    const now = new Date("2025-12-31T18:00:00Z"); // already 1 January 2026 in Hà Nội
    expect(revenueYearProblem(2026, now)).toBeNull();
    expect(revenueYearProblem(2027, now)).toBe("future");
    expect(revenueYearProblem(1999, now)).toBe("invalid");
    expect(productProblems({ revenue: 10 }, now).map((p) => p.key)).toEqual(["forms.error.revenueYearRequired"]);
    expect(productProblems({ revenueYear: 2025 }, now).map((p) => p.key)).toEqual(["forms.error.revenueRequired"]);
    expect(productProblems({ revenue: 10, revenueYear: 2025 }, now)).toEqual([]);
  });
});
