// The default rubric's sub-criteria and guidance in English (issue #12 item 10, decision 029).
// A round's rubric is data copied from the default (rubric.ts#defaultRubricItems) and then
// edited by its council, so the text is kept in Vietnamese as entered. On English pages an item
// is shown in English only where it still reads exactly as the default item at its place — the
// stable key "scope:code" ("*:1.1" shared, "B:2.2" group B) — title and guidance each on their
// own; anything an organiser typed is shown as typed. Pure, so the browser can use it too.
import type { Locale } from "~/utils/i18n";
import { defaultRubricItems } from "./rubric";

/** English of each default item, by its stable key. Identical Vietnamese reads identically here. */
export const DEFAULT_RUBRIC_EN: Readonly<Record<string, { title: string; guidance: string }>> = {
  "*:1.1": {
    title: "Meeting market demand",
    guidance: "Domestic and export markets, revenue, number of customers, steady orders.",
  },
  "*:1.2": {
    title: "Scale and capacity to expand production",
    guidance: "Annual capacity, workforce, workshops, raw-material areas; expansion plans.",
  },
  "*:1.3": {
    title: "Product quality and consistency",
    guidance: "Published standards, quality certifications, customer feedback.",
  },
  "*:1.4": { title: "Brand, promotion and trade promotion", guidance: "Trademark, trade fairs, online sales." },
  "*:2.1": { title: "Economic efficiency", guidance: "Value added, profit, contribution to the state budget." },
  "*:2.2": {
    title: "Production technology, technique and creativity",
    guidance: "Process, equipment, improvements, innovations.",
  },
  "*:2.3": {
    title: "Use of local raw materials and labour",
    guidance: "Share of local raw materials, jobs and income for rural workers.",
  },
  "*:2.4": {
    title: "Environmental protection and occupational safety",
    guidance: "Waste treatment, energy saving, working conditions.",
  },
  "A:2.1": { title: "Economic efficiency", guidance: "Value added, profit, contribution to the state budget." },
  "A:2.2": {
    title: "Craftsmanship and refinement of the product",
    guidance: "Handicraft technique, difficulty, quality of finish.",
  },
  "A:2.3": {
    title: "Use of local raw materials and labour",
    guidance: "Local raw materials, artisans, skilled workers, passing on the craft.",
  },
  "A:2.4": {
    title: "Environmental protection and occupational safety",
    guidance: "Environment-friendly materials, waste treatment, working conditions.",
  },
  "B:2.1": { title: "Economic efficiency", guidance: "Value added, profit, contribution to the state budget." },
  "B:2.2": {
    title: "Processing and preservation technology",
    guidance: "Processing and preservation methods, traceability.",
  },
  "B:2.3": {
    title: "Use of local raw materials and labour",
    guidance: "Raw-material areas, links with farmers, jobs.",
  },
  "B:2.4": {
    title: "Food safety and environmental protection",
    guidance: "Food-safety eligibility certificate of the establishment, waste treatment.",
  },
  "C:2.1": { title: "Economic efficiency", guidance: "Value added, profit, contribution to the state budget." },
  "C:2.2": {
    title: "Technical features, durability, energy saving",
    guidance: "Specifications, durability, efficiency, energy use.",
  },
  "C:2.3": {
    title: "Replacing imports, serving agricultural production",
    guidance: "Price compared with imports, how widely it is used in rural areas.",
  },
  "C:2.4": { title: "Safety in use and environmental protection", guidance: "Safe operation, noise, emissions." },
  "*:3.1": {
    title: "Local cultural identity and tradition",
    guidance: "Ties to local history, culture and craft villages.",
  },
  "*:3.2": {
    title: "Design, appearance, packaging and labelling",
    guidance: "Aesthetics, convenience, information on the label.",
  },
  "A:3.1": {
    title: "Artistic and aesthetic quality of the product",
    guidance: "Composition, colours, patterns, originality.",
  },
  "A:3.2": {
    title: "Cultural identity and value of the traditional craft village",
    guidance: "Ties to the craft village, artisans, the product's story.",
  },
  "C:3.1": { title: "Industrial design and ease of use", guidance: "Design, ease of use, ease of maintenance." },
  "C:3.2": {
    title: "Suited to rural production conditions",
    guidance: "Suited to rural scale, skills and infrastructure.",
  },
  "*:4.1": {
    title: "Awards and certifications obtained",
    guidance: "OCOP, collective trademark, geographical indication, awards at every level.",
  },
  "*:4.2": {
    title: "Contribution to the community and potential for growth",
    guidance: "Support for poor households, women, people with disabilities; potential to be replicated.",
  },
};

export const defaultItemKey = (item: { group: string | null; code: string }) => `${item.group ?? "*"}:${item.code}`;

let defaults: ReturnType<typeof defaultRubricItems> | undefined;

export interface RubricItemText {
  code: string;
  title: string;
  guidance?: string | null;
  /** The item's scope when known (null = shared); without it, every default item at this code is a candidate. */
  group?: string | null;
}

/**
 * An item's title and guidance in the reader's language: in English, each of the two that still
 * reads exactly as a default item at the same place (same code, same scope when known) is shown
 * in that item's English; everything else as stored.
 */
export function rubricItemText<T extends RubricItemText>(
  item: T,
  locale: Locale,
): { title: string; guidance: string | null } {
  if (locale === "vi") return { title: item.title, guidance: item.guidance ?? null };
  defaults ??= defaultRubricItems();
  const same = defaults.filter(
    (d) => d.code === item.code && (item.group === undefined || d.group === (item.group ?? null)),
  );
  const title = same.find((d) => d.title === item.title.trim());
  const guidance = item.guidance ? same.find((d) => d.guidance === item.guidance!.trim()) : undefined;
  return {
    title: title ? (DEFAULT_RUBRIC_EN[defaultItemKey(title)]?.title ?? item.title) : item.title,
    guidance: guidance
      ? (DEFAULT_RUBRIC_EN[defaultItemKey(guidance)]?.guidance ?? item.guidance ?? null)
      : (item.guidance ?? null),
  };
}
