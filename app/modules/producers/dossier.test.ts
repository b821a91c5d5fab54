import { describe, expect, it } from "vitest";
import { checklistLabel, dossierChecklist, parseRequiredKinds, productChecklist, type PhotosItem } from "./dossier";

const photos = (...angles: Array<string | null>) => angles.map((angle) => ({ angle }));
const docs = (...kinds: string[]) => kinds.map((kind) => ({ kind }));
const keys = (items: Array<{ key: string }>) => items.map((i) => i.key);

describe("dossierChecklist", () => {
  it("is complete with 3 photos from 3 angles and the business registration (group A)", () => {
    const c = dossierChecklist({
      group: "A",
      photos: photos("FRONT", "SIDE", "TOP"),
      documents: docs("BUSINESS_REGISTRATION"),
    });
    expect(c.complete).toBe(true);
    expect(c.missing).toEqual([]);
    expect(keys(c.items)).toEqual(["photos", "BUSINESS_REGISTRATION"]);
  });

  it("needs the food-safety certificate for group B only", () => {
    const base = { photos: photos("FRONT", "SIDE", "TOP"), documents: docs("BUSINESS_REGISTRATION") };
    const b = dossierChecklist({ group: "B", ...base });
    expect(b.complete).toBe(false);
    expect(keys(b.missing)).toEqual(["FOOD_SAFETY_CERT"]);
    expect(b.missing[0]).toMatchObject({ because: "groupB" });
    expect(
      dossierChecklist({ group: "B", ...base, documents: docs("BUSINESS_REGISTRATION", "FOOD_SAFETY_CERT") }).complete,
    ).toBe(true);
    for (const group of ["A", "C", "D"]) {
      expect(keys(dossierChecklist({ group, ...base }).items)).not.toContain("FOOD_SAFETY_CERT");
    }
  });

  it("does not count 3 photos of the same angle as 3 angles", () => {
    const c = dossierChecklist({
      group: "A",
      photos: photos("FRONT", "FRONT", "FRONT"),
      documents: docs("BUSINESS_REGISTRATION"),
    });
    const item = c.items[0] as PhotosItem;
    expect(item).toMatchObject({ key: "photos", ok: false, count: 3, angles: ["FRONT"] });
    expect(item.missingAngles).toEqual(["SIDE", "TOP", "DETAIL"]);
    expect(c.complete).toBe(false);
  });

  it("needs at least 3 photos and at least 3 distinct known angles", () => {
    const ok = (...angles: Array<string | null>) =>
      (dossierChecklist({ group: "A", photos: photos(...angles), documents: [] }).items[0] as PhotosItem).ok;
    expect(ok()).toBe(false);
    expect(ok("FRONT", "SIDE")).toBe(false);
    expect(ok("FRONT", "SIDE", null)).toBe(false); // a photo without an angle counts, but adds no angle
    expect(ok("FRONT", "SIDE", "BACK")).toBe(false); // unknown angles are ignored
    expect(ok("FRONT", "SIDE", "DETAIL")).toBe(true); // any 3 of front, side, top, detail
    expect(ok("FRONT", "SIDE", "TOP", "TOP", null)).toBe(true);
  });

  it("always asks for the business registration copy", () => {
    const c = dossierChecklist({
      group: "C",
      photos: photos("FRONT", "SIDE", "TOP"),
      documents: docs("QUALITY_CERT", "AWARD"),
    });
    expect(keys(c.missing)).toEqual(["BUSINESS_REGISTRATION"]);
  });

  it("adds the round's required kinds once, ignoring PHOTO and unknown kinds", () => {
    const c = dossierChecklist({
      group: "B",
      photos: photos("FRONT", "SIDE", "TOP"),
      documents: docs("BUSINESS_REGISTRATION", "FOOD_SAFETY_CERT"),
      requiredKinds: ["BUSINESS_REGISTRATION", "PHOTO", " ocop_cert ", "NOPE", "FOOD_SAFETY_CERT"],
    });
    expect(keys(c.items)).toEqual(["photos", "BUSINESS_REGISTRATION", "FOOD_SAFETY_CERT", "OCOP_CERT"]);
    expect(keys(c.missing)).toEqual(["OCOP_CERT"]);
    expect(c.missing[0]).toMatchObject({ because: "round" });
    expect(c.items.find((i) => i.key === "FOOD_SAFETY_CERT")).toMatchObject({ because: "groupB" });
  });

  it("reads the required kinds as known kinds, each once", () => {
    expect(parseRequiredKinds(["TRADEMARK", "trademark", "x"])).toEqual(["TRADEMARK"]);
    expect(parseRequiredKinds(null)).toEqual([]);
  });

  it("labels every item with a translation key", () => {
    const c = dossierChecklist({ group: "B", photos: [], documents: [], requiredKinds: ["AWARD"] });
    expect(c.items.map((i) => checklistLabel(i).key)).toEqual([
      "producers.checklist.photos",
      "producers.kind.BUSINESS_REGISTRATION",
      "producers.checklist.foodSafety",
      "producers.kind.AWARD",
    ]);
  });
});

describe("productChecklist", () => {
  it("counts the establishment's own files for each product, never another product's", () => {
    const files = [
      { kind: "BUSINESS_REGISTRATION", angle: null, productId: null },
      { kind: "PHOTO", angle: "FRONT", productId: "p1" },
      { kind: "PHOTO", angle: "SIDE", productId: "p1" },
      { kind: "PHOTO", angle: "TOP", productId: "p1" },
      { kind: "FOOD_SAFETY_CERT", angle: null, productId: "p2" },
      { kind: "PHOTO", angle: "TOP", productId: "p2" },
    ];
    expect(productChecklist({ id: "p1", group: "A" }, files).complete).toBe(true);
    expect(keys(productChecklist({ id: "p1", group: "B" }, files).missing)).toEqual(["FOOD_SAFETY_CERT"]);
    expect(keys(productChecklist({ id: "p2", group: "B" }, files).missing)).toEqual(["photos"]);
  });
});
