// Data with a fixed meaning, stored in Vietnamese as issued, shown in the reader's language
// (issue #12 item 10, decision 005): the tier a certificate was issued at ("cấp khu vực phía Bắc"
// → "North regional level") and the issuing body ("Bộ Công Thương" → "Ministry of Industry and
// Trade"). The stored text stays as it is (it is what was signed); a text these rules do not
// recognise is shown as stored. Pure, so the browser can use it too.
import type { Locale } from "./i18n";

const capitalise = (s: string) => (s ? s.charAt(0).toLocaleUpperCase("vi") + s.slice(1) : s);
const clean = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim();

const REGIONS_EN: Array<[RegExp, string]> = [
  [/^phía Bắc$/iu, "North"],
  [/^miền Trung\s*[–-]\s*Tây Nguyên$/iu, "Central & Highlands"],
  [/^phía Nam$/iu, "South"],
];

/**
 * A certificate's tier as a heading: "Cấp tỉnh Bắc Ninh" in Vietnamese; in English "Bắc Ninh
 * provincial level", "Hồ Chí Minh city level", "North regional level", "National level".
 */
export function jurisdictionLabel(stored: string, locale: Locale): string {
  const text = clean(stored);
  if (locale === "vi") return capitalise(text);
  let m = text.match(/^cấp tỉnh (.+)$/iu);
  if (m) return `${m[1]} provincial level`;
  m = text.match(/^cấp thành phố (.+)$/iu);
  if (m) return `${m[1]} city level`;
  m = text.match(/^cấp khu vực (.+)$/iu);
  if (m) {
    const name = m[1] ?? "";
    const region = REGIONS_EN.find(([re]) => re.test(name));
    return `${region ? region[1] : name} regional level`;
  }
  if (/^cấp quốc gia$/iu.test(text)) return "National level";
  return capitalise(text);
}

/** The issuing body: "People's Committee of Bắc Ninh province", "Ministry of Industry and Trade" in English. */
export function authorityLabel(stored: string, locale: Locale): string {
  const text = clean(stored);
  if (locale === "vi") return text;
  let m = text.match(/^(?:Ủy|Uỷ) ban nhân dân tỉnh (.+)$/iu);
  if (m) return `People's Committee of ${m[1]} province`;
  m = text.match(/^(?:Ủy|Uỷ) ban nhân dân thành phố (.+)$/iu);
  if (m) return `People's Committee of ${m[1]} city`;
  if (/^Bộ Công Thương$/iu.test(text)) return "Ministry of Industry and Trade";
  return text;
}
