// The legal basis ("Căn cứ …") of a recognition decision, as dated data: each text with its number,
// the day it was issued, the day it took effect and the day it stopped applying. A decision cites
// only what was in force on the day it was signed, so a decision of 13/5/2024 cites Circular
// 26/2014/TT-BCT as amended by 14/2018/TT-BCT, never 38/2025/TT-BCT (docs/decisions/026).
//
// Who signs decides the first ground: a provincial decision rests on the law on local government
// (the Chairman of the People's Committee decides); a ministerial one on the decree setting out the
// Ministry of Industry and Trade's functions (the Minister decides).

/** yyyy-mm-dd, a day in Vietnam. */
export type Day = string;

export type Issuer = "PROVINCE" | "MINISTRY";

export interface LegalText {
  id: string;
  /** "Thông tư số 26/2014/TT-BCT" */
  title: string;
  /** Day of signature, printed as "ngày … tháng … năm …"; null when not recorded here. */
  issued: Day | null;
  /** By whom and about what, printed after the date. */
  about: string;
  /** First day in force. */
  effective: Day;
  /** First day no longer in force (replaced or repealed); null while in force. */
  repealed: Day | null;
  /** Ids of the texts it amends: printed after them, in the same ground. */
  amends?: string;
  /** Which decisions cite it (both when absent). */
  issuer?: Issuer;
}

/**
 * The texts the platform knows. Days of entry into force are those stated in each text; where a
 * text's signature day is not recorded here it is cited by number only (38/2025/TT-BCT: in force
 * with the two-level local government from 1/7/2025).
 */
export const LEGAL_TEXTS: readonly LegalText[] = [
  {
    id: "local-gov-2015",
    title: "Luật Tổ chức chính quyền địa phương",
    issued: "2015-06-19",
    about: "",
    effective: "2016-01-01",
    repealed: "2025-03-01",
    issuer: "PROVINCE",
  },
  {
    id: "local-gov-2019",
    title: "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương",
    issued: "2019-11-22",
    about: "",
    effective: "2020-07-01",
    repealed: "2025-03-01",
    amends: "local-gov-2015",
    issuer: "PROVINCE",
  },
  {
    id: "local-gov-2025a",
    title: "Luật Tổ chức chính quyền địa phương",
    issued: "2025-02-19",
    about: "",
    effective: "2025-03-01",
    repealed: "2025-06-16",
    issuer: "PROVINCE",
  },
  {
    id: "local-gov-2025b",
    title: "Luật Tổ chức chính quyền địa phương",
    issued: "2025-06-16",
    about: "",
    effective: "2025-06-16",
    repealed: null,
    issuer: "PROVINCE",
  },
  {
    id: "moit-98-2017",
    title: "Nghị định số 98/2017/NĐ-CP",
    issued: "2017-08-18",
    about: "của Chính phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Công Thương",
    effective: "2017-08-18",
    repealed: "2022-11-29",
    issuer: "MINISTRY",
  },
  {
    id: "moit-96-2022",
    title: "Nghị định số 96/2022/NĐ-CP",
    issued: "2022-11-29",
    about: "của Chính phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Công Thương",
    effective: "2022-11-29",
    repealed: "2025-03-01",
    issuer: "MINISTRY",
  },
  {
    id: "moit-40-2025",
    title: "Nghị định số 40/2025/NĐ-CP",
    issued: "2025-02-26",
    about: "của Chính phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Công Thương",
    effective: "2025-03-01",
    repealed: null,
    issuer: "MINISTRY",
  },
  {
    id: "decree-45-2012",
    title: "Nghị định số 45/2012/NĐ-CP",
    issued: "2012-05-21",
    about: "của Chính phủ về khuyến công",
    effective: "2012-07-10",
    repealed: null,
  },
  {
    id: "decree-235-2025",
    title: "Nghị định số 235/2025/NĐ-CP",
    issued: "2025-08-27",
    about: "của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 45/2012/NĐ-CP",
    effective: "2025-08-27",
    repealed: null,
    amends: "decree-45-2012",
  },
  {
    id: "circular-26-2014",
    title: "Thông tư số 26/2014/TT-BCT",
    issued: "2014-08-28",
    about: "của Bộ trưởng Bộ Công Thương quy định về việc tổ chức bình chọn sản phẩm công nghiệp nông thôn tiêu biểu",
    effective: "2014-10-15",
    repealed: null,
  },
  {
    id: "circular-14-2018",
    title: "Thông tư số 14/2018/TT-BCT",
    issued: "2018-06-29",
    about: "của Bộ trưởng Bộ Công Thương sửa đổi, bổ sung một số điều của Thông tư số 26/2014/TT-BCT",
    effective: "2018-08-15",
    repealed: null,
    amends: "circular-26-2014",
  },
  {
    id: "circular-38-2025",
    title: "Thông tư số 38/2025/TT-BCT",
    issued: null,
    about: "của Bộ trưởng Bộ Công Thương sửa đổi, bổ sung một số điều của Thông tư số 26/2014/TT-BCT",
    effective: "2025-07-01",
    repealed: null,
    amends: "circular-26-2014",
  },
];

/** In force on `day`: effective on or before it, not yet repealed. */
export const inForce = (text: Pick<LegalText, "effective" | "repealed">, day: Day): boolean =>
  text.effective <= day && (text.repealed === null || day < text.repealed);

/** "ngày 05 tháng 02 năm 2025" (two-digit day and month as in the texts themselves). */
function longDate(day: Day): string {
  const [y, m, d] = day.split("-");
  return `ngày ${d} tháng ${m} năm ${y}`;
}

function citation(text: LegalText): string {
  return [text.title, text.issued ? longDate(text.issued) : null, text.about || null].filter(Boolean).join(" ");
}

/**
 * The grounds of a decision signed on `day` by `issuer`: one "Căn cứ …;" per principal text in
 * force, its amendments in force joined to it. Texts a later decision would cite are left out.
 */
export function legalBasis(day: Day, issuer: Issuer, texts: readonly LegalText[] = LEGAL_TEXTS): string[] {
  const applicable = texts.filter((t) => (!t.issuer || t.issuer === issuer) && inForce(t, day));
  const principals = applicable.filter((t) => !t.amends || !applicable.some((p) => p.id === t.amends));
  return principals.map((p) => {
    const parts = [p, ...applicable.filter((a) => a.amends === p.id)].map(citation);
    return `Căn cứ ${parts.join("; ")};`;
  });
}

/**
 * The head of the Ministry's department in charge of industrial promotion on `day`: the Agency for
 * Regional Industry and Trade until the reorganisation of 1/3/2025, the Agency for Innovation,
 * Green Transformation and Industrial Promotion since.
 */
export function ministryDepartmentHead(day: Day): string {
  return day < "2025-03-01"
    ? "Cục trưởng Cục Công Thương địa phương"
    : "Cục trưởng Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công";
}

/** Who proposes the decision: "Theo đề nghị của Giám đốc Sở Công Thương." or the Ministry's department head. */
export function proposerOf(day: Day, issuer: Issuer): string {
  return `Theo đề nghị của ${issuer === "PROVINCE" ? "Giám đốc Sở Công Thương" : ministryDepartmentHead(day)}.`;
}
