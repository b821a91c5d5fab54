// Reference data for Vietnam's provinces and the three regions of the regional tier.
// Pure data: imported by the sync service (admin-units.server.ts), the seed and tests.
//
// The 12/6/2025 reorganisation (Resolution 202/2025/QH15) turned 63 provinces into 34.
// How it is represented (see Province in prisma/schema.prisma):
// - Every one of the 63 pre-merger provinces is a *former* row (code "F-xx", validTo = the
//   merger date) whose successor is the current province that absorbed it.
// - Every one of the 34 current provinces is a *current* row (validFrom = the merger date,
//   validTo = null).
// - Provinces that did not change (Hà Nội, Cao Bằng, …) therefore have two rows, linked by
//   successor. This keeps one rule with no exceptions: records made before the merger (old
//   certificates, imported results) point at a former row and keep the name as issued
//   ("Thừa Thiên Huế"), records made after point at a current row, and "a province's history"
//   is always "the current row plus its predecessors". 63 + 34 = 97 rows.
// - Former codes carry an "F-" prefix so they can never collide with current codes, which are
//   2–3 upper-case letters and appear in entry codes ("BN-2026-B-014").
//
// Regions are a default only: rounds may assign provinces to regions differently, and an
// organiser may change a province's region later (the sync never overwrites it).

export type RegionCode = "NORTH" | "CENTRAL" | "SOUTH";
export type ProvinceKind = "PROVINCE" | "CITY";

export interface RegionData {
  code: RegionCode;
  nameVi: string;
  nameEn: string;
  sortOrder: number;
}

export interface CurrentProvinceData {
  /** 2–3 upper-case letters, used in entry codes. */
  code: string;
  name: string;
  kind: ProvinceKind;
  /** Default region after 2025 (working split, editable per round). */
  region: RegionCode;
}

export interface FormerProvinceData {
  /** "F-" + 2–4 upper-case letters; never used in new entry codes. */
  code: string;
  /** Name as it appeared on documents before the merger. */
  name: string;
  kind: ProvinceKind;
  /** Region the province belonged to before 2025. */
  region: RegionCode;
  /** Code of the current province that absorbed it (its namesake if unchanged). */
  successor: string;
}

/**
 * Start of validity of the 63-province map: 1/8/2008, when Hà Tây merged into Hà Nội
 * (the last change before 2025). Earlier changes (e.g. Điện Biên/Lai Châu, Đắk Nông,
 * Hậu Giang in 2004) are outside the programme's history and not modelled.
 * Vietnam midnight (UTC+7).
 */
export const FORMER_VALID_FROM = "2008-08-01T00:00:00+07:00";
/** The merger took effect on 12/6/2025 (Vietnam midnight). validTo is exclusive. */
export const MERGER_DATE = "2025-06-12T00:00:00+07:00";

export const FORMER_CODE_PREFIX = "F-";

export const REGIONS: readonly RegionData[] = [
  { code: "NORTH", nameVi: "Phía Bắc", nameEn: "North", sortOrder: 1 },
  { code: "CENTRAL", nameVi: "Miền Trung – Tây Nguyên", nameEn: "Central & Highlands", sortOrder: 2 },
  { code: "SOUTH", nameVi: "Phía Nam", nameEn: "South", sortOrder: 3 },
];

/** The 34 provinces and centrally-run cities from 12/6/2025 (28 provinces, 6 cities). */
export const CURRENT_PROVINCES: readonly CurrentProvinceData[] = [
  // North (18)
  { code: "HN", name: "Hà Nội", kind: "CITY", region: "NORTH" },
  { code: "HP", name: "Hải Phòng", kind: "CITY", region: "NORTH" },
  { code: "QN", name: "Quảng Ninh", kind: "PROVINCE", region: "NORTH" },
  { code: "HY", name: "Hưng Yên", kind: "PROVINCE", region: "NORTH" },
  { code: "BN", name: "Bắc Ninh", kind: "PROVINCE", region: "NORTH" },
  { code: "NB", name: "Ninh Bình", kind: "PROVINCE", region: "NORTH" },
  { code: "PT", name: "Phú Thọ", kind: "PROVINCE", region: "NORTH" },
  { code: "TQ", name: "Tuyên Quang", kind: "PROVINCE", region: "NORTH" },
  { code: "LCA", name: "Lào Cai", kind: "PROVINCE", region: "NORTH" },
  { code: "TN", name: "Thái Nguyên", kind: "PROVINCE", region: "NORTH" },
  { code: "CB", name: "Cao Bằng", kind: "PROVINCE", region: "NORTH" },
  { code: "LS", name: "Lạng Sơn", kind: "PROVINCE", region: "NORTH" },
  { code: "DB", name: "Điện Biên", kind: "PROVINCE", region: "NORTH" },
  { code: "LCH", name: "Lai Châu", kind: "PROVINCE", region: "NORTH" },
  { code: "SL", name: "Sơn La", kind: "PROVINCE", region: "NORTH" },
  { code: "TH", name: "Thanh Hóa", kind: "PROVINCE", region: "NORTH" },
  { code: "NA", name: "Nghệ An", kind: "PROVINCE", region: "NORTH" },
  { code: "HT", name: "Hà Tĩnh", kind: "PROVINCE", region: "NORTH" },
  // Central & Highlands (8)
  { code: "QT", name: "Quảng Trị", kind: "PROVINCE", region: "CENTRAL" },
  { code: "HUE", name: "Huế", kind: "CITY", region: "CENTRAL" },
  { code: "DNG", name: "Đà Nẵng", kind: "CITY", region: "CENTRAL" },
  { code: "QNG", name: "Quảng Ngãi", kind: "PROVINCE", region: "CENTRAL" },
  { code: "GL", name: "Gia Lai", kind: "PROVINCE", region: "CENTRAL" },
  { code: "DLK", name: "Đắk Lắk", kind: "PROVINCE", region: "CENTRAL" },
  { code: "KH", name: "Khánh Hòa", kind: "PROVINCE", region: "CENTRAL" },
  // Lâm Đồng absorbed Đắk Nông (Central & Highlands) and Bình Thuận (South): it straddles.
  { code: "LD", name: "Lâm Đồng", kind: "PROVINCE", region: "CENTRAL" },
  // South (8)
  { code: "HCM", name: "TP Hồ Chí Minh", kind: "CITY", region: "SOUTH" },
  { code: "DNA", name: "Đồng Nai", kind: "PROVINCE", region: "SOUTH" },
  { code: "TNI", name: "Tây Ninh", kind: "PROVINCE", region: "SOUTH" },
  { code: "DT", name: "Đồng Tháp", kind: "PROVINCE", region: "SOUTH" },
  { code: "VL", name: "Vĩnh Long", kind: "PROVINCE", region: "SOUTH" },
  { code: "CT", name: "Cần Thơ", kind: "CITY", region: "SOUTH" },
  { code: "AG", name: "An Giang", kind: "PROVINCE", region: "SOUTH" },
  { code: "CM", name: "Cà Mau", kind: "PROVINCE", region: "SOUTH" },
];

/**
 * The 63 provinces valid from 1/8/2008 until 12/6/2025, with their pre-2025 region
 * (MOIT's split: North 28 = the northern provinces down to Hà Tĩnh; Central & Highlands 15 =
 * Quảng Bình … Ninh Thuận plus Kon Tum, Gia Lai, Đắk Lắk, Đắk Nông, Lâm Đồng; South 20 = the
 * South-East incl. Bình Thuận, and the 13 Mekong delta provinces).
 *
 * Thừa Thiên Huế became the centrally-run city of Huế on 1/1/2025; that short-lived step is
 * not versioned separately: the former row keeps the name found on pre-2025 certificates.
 */
export const FORMER_PROVINCES: readonly FormerProvinceData[] = [
  // North (28)
  { code: "F-HN", name: "Hà Nội", kind: "CITY", region: "NORTH", successor: "HN" },
  { code: "F-HP", name: "Hải Phòng", kind: "CITY", region: "NORTH", successor: "HP" },
  { code: "F-HD", name: "Hải Dương", kind: "PROVINCE", region: "NORTH", successor: "HP" },
  { code: "F-QN", name: "Quảng Ninh", kind: "PROVINCE", region: "NORTH", successor: "QN" },
  { code: "F-HY", name: "Hưng Yên", kind: "PROVINCE", region: "NORTH", successor: "HY" },
  { code: "F-TB", name: "Thái Bình", kind: "PROVINCE", region: "NORTH", successor: "HY" },
  { code: "F-BN", name: "Bắc Ninh", kind: "PROVINCE", region: "NORTH", successor: "BN" },
  { code: "F-BG", name: "Bắc Giang", kind: "PROVINCE", region: "NORTH", successor: "BN" },
  { code: "F-NB", name: "Ninh Bình", kind: "PROVINCE", region: "NORTH", successor: "NB" },
  { code: "F-HNA", name: "Hà Nam", kind: "PROVINCE", region: "NORTH", successor: "NB" },
  { code: "F-ND", name: "Nam Định", kind: "PROVINCE", region: "NORTH", successor: "NB" },
  { code: "F-PT", name: "Phú Thọ", kind: "PROVINCE", region: "NORTH", successor: "PT" },
  { code: "F-VP", name: "Vĩnh Phúc", kind: "PROVINCE", region: "NORTH", successor: "PT" },
  { code: "F-HB", name: "Hòa Bình", kind: "PROVINCE", region: "NORTH", successor: "PT" },
  { code: "F-TQ", name: "Tuyên Quang", kind: "PROVINCE", region: "NORTH", successor: "TQ" },
  { code: "F-HG", name: "Hà Giang", kind: "PROVINCE", region: "NORTH", successor: "TQ" },
  { code: "F-LCA", name: "Lào Cai", kind: "PROVINCE", region: "NORTH", successor: "LCA" },
  { code: "F-YB", name: "Yên Bái", kind: "PROVINCE", region: "NORTH", successor: "LCA" },
  { code: "F-TN", name: "Thái Nguyên", kind: "PROVINCE", region: "NORTH", successor: "TN" },
  { code: "F-BK", name: "Bắc Kạn", kind: "PROVINCE", region: "NORTH", successor: "TN" },
  { code: "F-CB", name: "Cao Bằng", kind: "PROVINCE", region: "NORTH", successor: "CB" },
  { code: "F-LS", name: "Lạng Sơn", kind: "PROVINCE", region: "NORTH", successor: "LS" },
  { code: "F-DB", name: "Điện Biên", kind: "PROVINCE", region: "NORTH", successor: "DB" },
  { code: "F-LCH", name: "Lai Châu", kind: "PROVINCE", region: "NORTH", successor: "LCH" },
  { code: "F-SL", name: "Sơn La", kind: "PROVINCE", region: "NORTH", successor: "SL" },
  { code: "F-TH", name: "Thanh Hóa", kind: "PROVINCE", region: "NORTH", successor: "TH" },
  { code: "F-NA", name: "Nghệ An", kind: "PROVINCE", region: "NORTH", successor: "NA" },
  { code: "F-HT", name: "Hà Tĩnh", kind: "PROVINCE", region: "NORTH", successor: "HT" },
  // Central & Highlands (15)
  { code: "F-QB", name: "Quảng Bình", kind: "PROVINCE", region: "CENTRAL", successor: "QT" },
  { code: "F-QT", name: "Quảng Trị", kind: "PROVINCE", region: "CENTRAL", successor: "QT" },
  { code: "F-TTH", name: "Thừa Thiên Huế", kind: "PROVINCE", region: "CENTRAL", successor: "HUE" },
  { code: "F-DNG", name: "Đà Nẵng", kind: "CITY", region: "CENTRAL", successor: "DNG" },
  { code: "F-QNA", name: "Quảng Nam", kind: "PROVINCE", region: "CENTRAL", successor: "DNG" },
  { code: "F-QNG", name: "Quảng Ngãi", kind: "PROVINCE", region: "CENTRAL", successor: "QNG" },
  { code: "F-KT", name: "Kon Tum", kind: "PROVINCE", region: "CENTRAL", successor: "QNG" },
  { code: "F-GL", name: "Gia Lai", kind: "PROVINCE", region: "CENTRAL", successor: "GL" },
  { code: "F-BDI", name: "Bình Định", kind: "PROVINCE", region: "CENTRAL", successor: "GL" },
  { code: "F-DLK", name: "Đắk Lắk", kind: "PROVINCE", region: "CENTRAL", successor: "DLK" },
  { code: "F-PY", name: "Phú Yên", kind: "PROVINCE", region: "CENTRAL", successor: "DLK" },
  { code: "F-KH", name: "Khánh Hòa", kind: "PROVINCE", region: "CENTRAL", successor: "KH" },
  { code: "F-NT", name: "Ninh Thuận", kind: "PROVINCE", region: "CENTRAL", successor: "KH" },
  { code: "F-LD", name: "Lâm Đồng", kind: "PROVINCE", region: "CENTRAL", successor: "LD" },
  { code: "F-DNO", name: "Đắk Nông", kind: "PROVINCE", region: "CENTRAL", successor: "LD" },
  // South (20)
  { code: "F-BTH", name: "Bình Thuận", kind: "PROVINCE", region: "SOUTH", successor: "LD" },
  { code: "F-HCM", name: "TP Hồ Chí Minh", kind: "CITY", region: "SOUTH", successor: "HCM" },
  { code: "F-BD", name: "Bình Dương", kind: "PROVINCE", region: "SOUTH", successor: "HCM" },
  { code: "F-BRV", name: "Bà Rịa – Vũng Tàu", kind: "PROVINCE", region: "SOUTH", successor: "HCM" },
  { code: "F-DNA", name: "Đồng Nai", kind: "PROVINCE", region: "SOUTH", successor: "DNA" },
  { code: "F-BP", name: "Bình Phước", kind: "PROVINCE", region: "SOUTH", successor: "DNA" },
  { code: "F-TNI", name: "Tây Ninh", kind: "PROVINCE", region: "SOUTH", successor: "TNI" },
  { code: "F-LA", name: "Long An", kind: "PROVINCE", region: "SOUTH", successor: "TNI" },
  { code: "F-DT", name: "Đồng Tháp", kind: "PROVINCE", region: "SOUTH", successor: "DT" },
  { code: "F-TG", name: "Tiền Giang", kind: "PROVINCE", region: "SOUTH", successor: "DT" },
  { code: "F-VL", name: "Vĩnh Long", kind: "PROVINCE", region: "SOUTH", successor: "VL" },
  { code: "F-BTR", name: "Bến Tre", kind: "PROVINCE", region: "SOUTH", successor: "VL" },
  { code: "F-TV", name: "Trà Vinh", kind: "PROVINCE", region: "SOUTH", successor: "VL" },
  { code: "F-CT", name: "Cần Thơ", kind: "CITY", region: "SOUTH", successor: "CT" },
  { code: "F-ST", name: "Sóc Trăng", kind: "PROVINCE", region: "SOUTH", successor: "CT" },
  { code: "F-HGI", name: "Hậu Giang", kind: "PROVINCE", region: "SOUTH", successor: "CT" },
  { code: "F-AG", name: "An Giang", kind: "PROVINCE", region: "SOUTH", successor: "AG" },
  { code: "F-KG", name: "Kiên Giang", kind: "PROVINCE", region: "SOUTH", successor: "AG" },
  { code: "F-CM", name: "Cà Mau", kind: "PROVINCE", region: "SOUTH", successor: "CM" },
  { code: "F-BL", name: "Bạc Liêu", kind: "PROVINCE", region: "SOUTH", successor: "CM" },
];

/** Codes of the former provinces that a current province absorbed (incl. its namesake). */
export function predecessorCodes(currentCode: string): string[] {
  return FORMER_PROVINCES.filter((p) => p.successor === currentCode).map((p) => p.code);
}
