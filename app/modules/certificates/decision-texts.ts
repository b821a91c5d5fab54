// The fixed parts of a recognition decision that depend on who issues and who signs it, after
// Decree 30/2020/NĐ-CP on administrative documents (annex I): the issuing body's name in the
// header, the authority line, the signature block and the recipients. Pure functions of the
// decision's stored fields (authority, signer's title), so a scan-free decision of 2020 and one of
// 2026 are drafted alike.
import type { Issuer } from "./legal-basis";

const upper = (s: string) => s.normalize("NFC").toLocaleUpperCase("vi");
const PEOPLES_COMMITTEE = /^(Ủy|Uỷ) ban nhân dân\s+/iu;

/** A People's Committee issues provincial decisions; anything else is read as the Ministry. */
export function issuerOf(authority: string): Issuer {
  return PEOPLES_COMMITTEE.test(authority.normalize("NFC").trim()) ? "PROVINCE" : "MINISTRY";
}

/**
 * The header's lines for the issuing body, broken between units, never inside a name:
 * ["ỦY BAN NHÂN DÂN", "TỈNH BẮC GIANG"], ["BỘ CÔNG THƯƠNG"].
 */
export function issuerHeaderLines(authority: string): string[] {
  const clean = authority.normalize("NFC").replace(/\s+/g, " ").trim();
  const m = clean.match(PEOPLES_COMMITTEE);
  if (m) return [upper("Ủy ban nhân dân"), upper(clean.slice(m[0].length))];
  return [upper(clean)];
}

/** "tỉnh Bắc Giang", "thành phố Hà Nội" from "Ủy ban nhân dân tỉnh Bắc Giang" (null for the Ministry). */
export function provinceOfAuthority(authority: string): string | null {
  const clean = authority.normalize("NFC").replace(/\s+/g, " ").trim();
  return PEOPLES_COMMITTEE.test(clean) ? clean.replace(PEOPLES_COMMITTEE, "") : null;
}

/**
 * The authority line under the title (who decides): "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC GIANG",
 * "BỘ TRƯỞNG BỘ CÔNG THƯƠNG".
 */
export function authorityLine(authority: string): string {
  const clean = authority.normalize("NFC").replace(/\s+/g, " ").trim();
  if (issuerOf(clean) === "PROVINCE") return upper(`Chủ tịch ${clean.replace(PEOPLES_COMMITTEE, "Ủy ban nhân dân ")}`);
  if (/^Bộ\s/u.test(clean)) return upper(`Bộ trưởng ${clean}`);
  return upper(clean);
}

const DEPUTY = /^(Phó Chủ tịch|Thứ trưởng)$/iu;

/**
 * The lines above the signature: "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" for a vice
 * chairman, "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" for the chairman; "KT. BỘ TRƯỞNG / THỨ TRƯỞNG" for a
 * deputy minister, "BỘ TRƯỞNG" for the minister. Another title is printed as given.
 */
export function signatureLines(authority: string, signerTitle: string): string[] {
  const title = signerTitle.normalize("NFC").replace(/\s+/g, " ").trim();
  const deputy = DEPUTY.test(title);
  if (issuerOf(authority) === "PROVINCE") {
    if (/^Chủ tịch$/iu.test(title)) return ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"];
    if (deputy) return ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"];
    return ["TM. ỦY BAN NHÂN DÂN", upper(title)];
  }
  if (/^Bộ trưởng$/iu.test(title)) return ["BỘ TRƯỞNG"];
  if (deputy) return ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"];
  return [upper(title)];
}

/**
 * "Nơi nhận": those who carry it out (Điều 3, Điều 4 after a prize article), those informed, the archive — never the issuer
 * itself (a provincial decision reports to the Ministry; a ministerial one goes to the provinces'
 * Departments of Industry and Trade).
 */
export function recipientLines(authority: string, executionArticle = 3): string[] {
  // "Như Điều N": those the last article charges with carrying the decision out (Điều 4 when a prize article comes second).
  const asArticle = `- Như Điều ${executionArticle};`;
  if (issuerOf(authority) === "PROVINCE") {
    return [asArticle, "- Bộ Công Thương (để báo cáo);", "- Lưu: VT."];
  }
  return [asArticle, "- Bộ trưởng (để báo cáo);", "- Sở Công Thương các tỉnh, thành phố có sản phẩm;", "- Lưu: VT."];
}

/** "01", "09", "12", "130": counts in a decision take two digits at least. */
export const twoDigits = (n: number): string => String(n).padStart(2, "0");
