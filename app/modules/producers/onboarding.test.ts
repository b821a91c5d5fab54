import { describe, expect, it } from "vitest";
import { onboarding } from "./onboarding";

const current = (w: ReturnType<typeof onboarding>) => w.steps.filter((s) => s.current).map((s) => s.key);

describe("a producer's first steps", () => {
  it("starts at the establishment, every step a link", () => {
    const w = onboarding({ establishments: [], entries: [] });
    expect(w.current).toBe("establishment");
    expect(w.doneCount).toBe(0);
    expect(current(w)).toEqual(["establishment"]);
    expect(w.steps.map((s) => s.href)).toEqual([
      "/producer/establishments/new",
      "/producer/establishments/new",
      "/producer/establishments/new",
      "/rounds",
    ]);
  });
  it("then a product of that establishment", () => {
    const w = onboarding({ establishments: [{ id: "e1", products: [] }], entries: [] });
    expect(w.current).toBe("product");
    expect(w.steps[1]?.href).toBe("/producer/products/new?establishment=e1");
  });
  it("then the photos and documents of the product that misses them", () => {
    const w = onboarding({
      establishments: [{ id: "e1", products: [{ id: "p1", dossierComplete: false }] }],
      entries: [],
    });
    expect(w.current).toBe("dossier");
    expect(w.steps[2]?.href).toBe("/producer/products/p1");
    expect(w.doneCount).toBe(2);
  });
  it("then an open round, or the draft entry already started", () => {
    const products = [{ id: "p1", dossierComplete: true }];
    expect(onboarding({ establishments: [{ id: "e1", products }], entries: [] }).steps[3]?.href).toBe("/rounds");
    const w = onboarding({ establishments: [{ id: "e1", products }], entries: [{ id: "x1", status: "DRAFT" }] });
    expect(w.current).toBe("round");
    expect(w.steps[3]?.href).toBe("/producer/entries/x1");
    // A withdrawn entry never reached the round.
    expect(
      onboarding({ establishments: [{ id: "e1", products }], entries: [{ id: "x1", status: "WITHDRAWN" }] }).complete,
    ).toBe(false);
  });
  it("is complete once an entry is submitted", () => {
    const w = onboarding({
      establishments: [{ id: "e1", products: [{ id: "p1", dossierComplete: true }] }],
      entries: [{ id: "x1", status: "SUBMITTED" }],
    });
    expect(w.complete).toBe(true);
    expect(w.current).toBeNull();
    expect(w.doneCount).toBe(4);
    expect(current(w)).toEqual([]);
  });
});
