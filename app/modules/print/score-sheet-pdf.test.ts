// The printed score sheet (annex 4 of Circular 26/2014): what a judge signs must carry the
// council, the entry, the judge, every sub-criterion with its maximum and score, the totals,
// the comment and the date in Vietnam's time — blank or filled, one sheet or many, long or short.
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { defaultRubricItems, effectiveItems } from "~/modules/judging/rubric";
import { renderScoreSheetsPdf, scoreSheetFileName, type ScoreSheetPrint } from "./score-sheet-pdf.server";

async function read(buf: Buffer) {
  const pdf = await getDocumentProxy(new Uint8Array(buf));
  const { text, totalPages } = await extractText(pdf, { mergePages: false });
  const pages = text as string[];
  const all = pages.join("\n");
  // table cells wrap: compare longer phrases with whitespace collapsed
  return { pages, all, flat: all.replace(/\s+/g, " "), totalPages, pdf };
}

const COUNCIL = "Hội đồng bình chọn sản phẩm công nghiệp nông thôn tiêu biểu tỉnh Bắc Giang năm 2026";

function filled(overrides: Partial<ScoreSheetPrint> = {}): ScoreSheetPrint {
  // Default rubric of group B, every item at its maximum except 1.1 = 12,5 and 2.2 = 7,5.
  const items = effectiveItems(defaultRubricItems(), "B").map((i) => ({
    code: i.code,
    criterion: i.criterion,
    title: i.title,
    max: i.max,
    score: i.code === "1.1" ? 12.5 : i.code === "2.2" ? 7.5 : i.max,
    note: i.code === "1.2" ? "Có hợp đồng tiêu thụ với siêu thị" : null,
  }));
  return {
    councilName: COUNCIL,
    roundName: "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Giang năm 2026",
    entryCode: "BG-2026-B-007",
    productName: "Mỳ gạo Chũ",
    group: "B",
    judgeName: "Nguyễn Thị Hường",
    judgeTitle: "Phó Giám đốc Sở Công Thương",
    items,
    comment: "Sản phẩm truyền thống, chất lượng ổn định; đề nghị cải tiến bao bì.",
    // 4 March 20:30 UTC = 5 March 03:30 in Hà Nội
    submittedAt: new Date("2026-03-04T20:30:00Z"),
    onPaper: false,
    enteredBy: null,
    ...overrides,
  };
}

const blank = (overrides: Partial<ScoreSheetPrint> = {}): ScoreSheetPrint =>
  filled({
    entryCode: null,
    productName: null,
    judgeName: null,
    judgeTitle: null,
    items: filled().items.map((i) => ({ ...i, score: null, note: null })),
    comment: null,
    submittedAt: null,
    ...overrides,
  });

describe("a filled sheet", () => {
  it("carries the form's headings, the entry, the judge, every score and the totals", async () => {
    const { all, flat, totalPages, pdf } = await read(await renderScoreSheetsPdf([filled()]));
    expect(totalPages).toBe(1);
    expect(all).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(all).toContain("Độc lập - Tự do - Hạnh phúc");
    expect(all).toContain("PHIẾU CHẤM ĐIỂM");
    expect(all).toContain("SẢN PHẨM CÔNG NGHIỆP NÔNG THÔN TIÊU BIỂU");
    expect(flat).toContain("HỘI ĐỒNG BÌNH CHỌN SẢN PHẨM CÔNG NGHIỆP NÔNG THÔN TIÊU BIỂU TỈNH BẮC GIANG NĂM 2026");
    expect(all).toContain("Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Giang năm 2026");
    expect(all).toContain("Mã số sản phẩm: BG-2026-B-007");
    expect(all).toContain("Tên sản phẩm: Mỳ gạo Chũ");
    expect(all).toContain("Nhóm sản phẩm: B – Chế biến nông, lâm, thủy sản và thực phẩm");
    expect(all).toContain("Họ và tên giám khảo: Nguyễn Thị Hường");
    expect(all).toContain("Chức danh: Phó Giám đốc Sở Công Thương");
    // the header row: TT | Tiêu chí | Điểm tối đa | Điểm chấm | Ghi chú (two-line cells come out line by line)
    expect(all).toMatch(/TT Tiêu chí Điểm tối\s+đa\s+Điểm\s+chấm\s+Ghi chú/);
    expect(flat).toContain("Đáp ứng thị trường và khả năng phát triển sản xuất");
    expect(flat).toContain("Tính văn hóa, thẩm mỹ");
    expect(flat).toContain("Khả năng đáp ứng nhu cầu thị trường");
    expect(all).toContain("12,5");
    expect(all).toContain("7,5");
    expect(flat).toContain("Có hợp đồng tiêu thụ với siêu thị");
    // criterion 1: 12,5 + 10 + 10 + 5 = 37,5; criterion 2: 10 + 7,5 + 10 + 10 = 37,5; total 95
    expect(all.match(/37,5/g)).toHaveLength(2);
    expect(flat).toMatch(/TỔNG CỘNG 100 95(?![,\d])/);
    expect(all).toContain("Nhận xét, đề nghị:");
    expect(flat).toContain("Sản phẩm truyền thống, chất lượng ổn định; đề nghị cải tiến bao bì.");
    expect(all).toContain("ngày 05 tháng 3 năm 2026");
    expect(all).toContain("GIÁM KHẢO");
    expect(all).toContain("(Ký, ghi rõ họ tên)");
    expect(all.match(/Nguyễn Thị Hường/g)).toHaveLength(2); // the judge line and under the signature
    expect(all).toContain("Trang 1/1");
    expect(all).not.toContain("bản nháp");
    expect(all).not.toContain("Phiếu giấy");

    const info = (await pdf.getMetadata()).info as Record<string, unknown>;
    expect(info.Title).toBe("Phiếu chấm điểm — BG-2026-B-007");
    expect(info.Author).toBe(COUNCIL);
  });

  it("marks a paper sheet typed in by the secretary, and a draft", async () => {
    const paper = await read(await renderScoreSheetsPdf([filled({ onPaper: true, enteredBy: "Trần Văn Thư" })]));
    expect(paper.all).toContain("Phiếu giấy, nhập hộ bởi Trần Văn Thư.");
    const draft = await read(
      await renderScoreSheetsPdf([filled({ submittedAt: null, productName: "Vải thiều Lục Ngạn sấy khô" })]),
    );
    expect(draft.all).toContain("Phiếu chưa nộp (bản nháp)");
    expect(draft.all).toContain("Vải thiều Lục Ngạn sấy khô");
    expect(draft.all).toContain("ngày …… tháng …… năm ………");
  });

  it("shows only the criteria that have scores when the sheet is partly filled", async () => {
    const sheet = filled({ submittedAt: null });
    sheet.items = sheet.items.map((i) => (i.criterion === 1 ? i : { ...i, score: null }));
    const { all } = await read(await renderScoreSheetsPdf([sheet]));
    expect(all).toMatch(/TỔNG CỘNG\s+100\s+37,5/);
    expect(all).toMatch(/Giá trị kinh tế – kỹ thuật – xã hội và môi trường\s+40\s+2\.1/);
  });
});

describe("a blank sheet", () => {
  it("leaves the entry, the judge, the scores, the comment and the date for a pen", async () => {
    const { all, totalPages } = await read(await renderScoreSheetsPdf([blank()]));
    expect(totalPages).toBe(1);
    expect(all).toContain("PHIẾU CHẤM ĐIỂM");
    expect(all).toContain("Nhóm sản phẩm: B – Chế biến nông, lâm, thủy sản và thực phẩm");
    expect(all).not.toContain("Mỳ gạo Chũ");
    expect(all).not.toContain("Nguyễn Thị Hường");
    expect(all).not.toContain("12,5");
    expect(all).toMatch(/TỔNG CỘNG\s+100\s*(\n|$)/);
    expect(all).toContain("ngày …… tháng …… năm ………");
  });

  it("prints many sheets, one per page, numbered per sheet", async () => {
    const sheets = ["A", "B", "C", "D"].map((g, i) =>
      blank({
        group: g as ScoreSheetPrint["group"],
        entryCode: `BG-2026-${g}-00${i + 1}`,
        productName: `Sản phẩm nhóm ${g}`,
        items: effectiveItems(defaultRubricItems(), g).map((it) => ({ ...it, score: null, note: null })),
      }),
    );
    const { pages, totalPages } = await read(await renderScoreSheetsPdf(sheets));
    expect(totalPages).toBe(4);
    pages.forEach((page, i) => {
      expect(page).toContain(`BG-2026-${"ABCD"[i]}-00${i + 1}`);
      expect(page).toContain("Trang 1/1");
    });
    expect(pages[0]).toContain("Nhóm sản phẩm: A – Thủ công mỹ nghệ");
    expect(pages[0]).toContain("Kỹ thuật chế tác, độ tinh xảo của sản phẩm");
    expect(pages[2]).toContain("Nhóm sản phẩm: C – Thiết bị, máy móc, dụng cụ và phụ tùng cơ khí");
    expect(pages[3]).toContain("Nhóm sản phẩm: D – Sản phẩm khác");
  });
});

describe("long sheets", () => {
  it("wraps a long rubric and a long comment onto more pages, repeating the table header", async () => {
    const items = [1, 2, 3, 4].flatMap((criterion) =>
      Array.from({ length: 15 }, (_, k) => ({
        code: `${criterion}.${k + 1}`,
        criterion,
        title: `Tiêu chí phụ số ${k + 1} của tiêu chí ${criterion}: ${"đánh giá chi tiết khả năng đáp ứng, ".repeat(4)}`,
        max: 1,
        score: 0.5,
        note: k % 3 === 0 ? "Ghi chú dài của giám khảo về tiêu chí này, cần được xuống dòng trong ô." : null,
      })),
    );
    const words = Array.from({ length: 1200 }, (_, i) => (i % 17 === 0 ? `ý${i}` : "nhận xét")).join(" ");
    const sheet = filled({ items, comment: `Mở đầu nhận xét. ${words} Kết thúc nhận xét.` });
    const { pages, all, totalPages } = await read(await renderScoreSheetsPdf([sheet, blank()]));
    expect(totalPages).toBeGreaterThan(4);
    const sheetPages = pages.filter(
      (p) => p.includes(`Trang 1/${totalPages - 1}`) || new RegExp(`Trang \\d+/${totalPages - 1}`).test(p),
    );
    expect(sheetPages).toHaveLength(totalPages - 1);
    expect(pages[totalPages - 1]).toContain("Trang 1/1");
    // the table header is repeated on every page the table runs over
    const tablePages = pages.filter((p) => p.includes("Tiêu chí phụ số"));
    expect(tablePages.length).toBeGreaterThan(1);
    for (const p of tablePages) expect(p).toMatch(/TT Tiêu chí Điểm tối\s+đa\s+Điểm\s+chấm\s+Ghi chú/);
    expect(all).toContain("4.15");
    expect(all).toMatch(/TỔNG CỘNG\s+100\s+30/);
    expect(all).toContain("Mở đầu nhận xét.");
    expect(all).toContain("ý1190");
    expect(all).toContain("Kết thúc nhận xét.");
  });
});

describe("English and file names", () => {
  it("can print in English for reading, and names files after the entry", async () => {
    const { all } = await read(await renderScoreSheetsPdf([filled()], { locale: "en" }));
    expect(all).toContain("SCORE SHEET");
    expect(all).toContain("Processed agricultural");
    expect(scoreSheetFileName("BG-2026-B-007")).toBe("phieu-cham-diem-BG-2026-B-007.pdf");
    expect(scoreSheetFileName("BG-1/Nguyễn Thị Hường")).toBe("phieu-cham-diem-BG-1-Nguyễn-Thị-Hường.pdf");
  });
});
