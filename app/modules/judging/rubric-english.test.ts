// The default rubric in English (issue #12 item 10): every default item has its English, the
// English follows the item's stable key, and what an organiser typed stays as typed.
import { describe, expect, it } from "vitest";
import { defaultRubricItems } from "./rubric";
import { DEFAULT_RUBRIC_EN, defaultItemKey, rubricItemText } from "./rubric-english";

const defaults = defaultRubricItems();
const byKey = (key: string) => defaults.find((d) => defaultItemKey(d) === key)!;

describe("the default rubric's English", () => {
  it("covers every default item, and nothing else", () => {
    expect(Object.keys(DEFAULT_RUBRIC_EN).sort()).toEqual(defaults.map(defaultItemKey).sort());
    for (const en of Object.values(DEFAULT_RUBRIC_EN)) {
      expect(en.title.trim()).not.toBe("");
      expect(en.guidance.trim()).not.toBe("");
    }
  });

  it("reads the same wherever the Vietnamese reads the same", () => {
    const seen = new Map<string, string>();
    for (const d of defaults) {
      const english = DEFAULT_RUBRIC_EN[defaultItemKey(d)];
      if (!english) throw new Error(`no English for the default item ${defaultItemKey(d)}`);
      const en = english.title;
      if (seen.has(d.title)) expect(en).toBe(seen.get(d.title));
      seen.set(d.title, en);
    }
  });

  it("shows a default item in English on English pages, and as stored in Vietnamese", () => {
    const item = byKey("B:2.2");
    expect(rubricItemText(item, "en")).toEqual({
      title: "Processing and preservation technology",
      guidance: "Processing and preservation methods, traceability.",
    });
    expect(rubricItemText(item, "vi")).toEqual({ title: item.title, guidance: item.guidance });
    // Without its scope (a judge's sheet lists the items of one group): found by code and text.
    expect(
      rubricItemText({ code: "1.1", title: byKey("*:1.1").title, guidance: byKey("*:1.1").guidance }, "en").title,
    ).toBe("Meeting market demand");
  });

  it("keeps what the organiser typed, title and guidance each on their own", () => {
    const item = byKey("*:3.2");
    const custom = { ...item, title: "Bao bì thân thiện môi trường" };
    expect(rubricItemText(custom, "en")).toEqual({
      title: "Bao bì thân thiện môi trường",
      guidance: "Aesthetics, convenience, information on the label.",
    });
    const guided = { ...item, guidance: "Chấm theo mẫu nhãn mới của tỉnh." };
    expect(rubricItemText(guided, "en")).toEqual({
      title: "Design, appearance, packaging and labelling",
      guidance: "Chấm theo mẫu nhãn mới của tỉnh.",
    });
    expect(rubricItemText({ ...item, guidance: null }, "en").guidance).toBeNull();
  });

  it("maps by the item's place: a default text moved to another place or scope stays as typed", () => {
    // Group A's 2.2 holding the shared 2.2's wording is the organiser's choice, not a default item.
    const moved = { code: "2.2", group: "A", title: byKey("*:2.2").title, guidance: byKey("*:2.2").guidance };
    expect(rubricItemText(moved, "en")).toEqual({ title: moved.title, guidance: moved.guidance });
    const renumbered = { code: "1.4", group: null, title: byKey("*:1.1").title, guidance: null };
    expect(rubricItemText(renumbered, "en").title).toBe(renumbered.title);
  });
});
