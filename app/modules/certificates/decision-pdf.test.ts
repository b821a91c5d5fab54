// The generated recognition decision read back from the rendered PDF, line by line (issue #12
// item 4, Decree 30/2020/NĐ-CP): the legal basis in force on the day of signature, the authority
// line, the signature block by the signer's position, recipients without the issuer, "Điều 1."
// in bold, header names unbroken, the two-digit count. Set CERT_PDF_DIR to keep the files.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pdfLines, texts, type PdfLine } from "../../../tests/support/pdf-lines";
import { renderDecisionPdf, type DecisionPrint } from "./decision-pdf.server";
import { authorityLine, issuerHeaderLines, recipientLines, signatureLines } from "./decision-texts";
import { inForce, LEGAL_TEXTS, legalBasis } from "./legal-basis";
import { firstRow, itemAt } from "~/utils/arrays";
import { validUntilFor } from "./validity";

const vn = (day: string) => new Date(`${day}T00:00:00+07:00`);

function keep(name: string, bytes: Buffer) {
  const dir = process.env.CERT_PDF_DIR;
  if (dir) fs.writeFileSync(path.join(dir, name), bytes);
}

function decision(over: Partial<DecisionPrint>): DecisionPrint {
  const signedAt = over.signedAt ?? vn("2024-05-13");
  return {
    number: "44/QĐ-UBND",
    signedAt,
    authority: "Ủy ban nhân dân tỉnh Bắc Giang",
    signerName: "Phan Thế Tuấn",
    signerTitle: "Phó Chủ tịch",
    place: "Bắc Giang",
    jurisdiction: "cấp tỉnh Bắc Giang",
    year: 2024,
    roundName: "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Giang năm 2024",
    councilName: null,
    validUntil: validUntilFor(signedAt),
    entries: [
      {
        productName: "Mỳ gạo Chũ",
        establishmentName: "Hợp tác xã Mỳ gạo Chũ",
        address: "Thị trấn Chũ, huyện Lục Ngạn, tỉnh Bắc Giang",
        group: "B",
      },
    ],
    ...over,
  };
}

/** The decision's lines (its pages before the annex), and all their text as one string. */
async function decisionPages(d: DecisionPrint, file: string): Promise<{ lines: PdfLine[]; all: string }> {
  const bytes = await renderDecisionPdf(d);
  keep(file, bytes);
  const pages = await pdfLines(bytes);
  const annex = pages.findIndex((p) => p.some((l) => l.text.startsWith("DANH SÁCH SẢN PHẨM")));
  const lines = pages
    .slice(0, annex)
    .flat()
    .filter((l) => !/^Trang \d+\/\d+$/.test(l.text));
  return { lines, all: texts(lines).join(" ") };
}

describe("the legal basis is dated data", () => {
  it("a decision of 13/5/2024 cites the circular as amended in 2018, not 38/2025", () => {
    const grounds = legalBasis("2024-05-13", "PROVINCE").join("\n");
    expect(grounds).toContain("Thông tư số 26/2014/TT-BCT ngày 28 tháng 08 năm 2014");
    expect(grounds).toContain("Thông tư số 14/2018/TT-BCT");
    expect(grounds).not.toContain("38/2025");
    expect(grounds).not.toContain("235/2025");
    expect(grounds).toContain("Luật Tổ chức chính quyền địa phương ngày 19 tháng 06 năm 2015");
    expect(grounds).not.toContain("Bộ Công Thương;"); // the Ministry's own decree is not a province's ground
  });

  it("a ministerial decision of 2026 cites the texts in force then", () => {
    const grounds = legalBasis("2026-03-02", "MINISTRY");
    expect(grounds.join("\n")).toContain("38/2025/TT-BCT");
    expect(grounds.join("\n")).toContain("Nghị định số 235/2025/NĐ-CP ngày 27 tháng 08 năm 2025");
    expect(grounds.join("\n")).toContain("Nghị định số 40/2025/NĐ-CP");
    expect(grounds.join("\n")).not.toContain("96/2022");
    expect(grounds.join("\n")).not.toContain("Luật Tổ chức chính quyền địa phương");
    // The amendments follow the text they amend, in the same ground.
    const circular = grounds.find((g) => g.includes("26/2014/TT-BCT"))!;
    expect(circular.indexOf("26/2014")).toBeLessThan(circular.indexOf("14/2018"));
    expect(circular.indexOf("14/2018/TT-BCT")).toBeLessThan(circular.indexOf("38/2025"));
    expect(grounds.filter((g) => g.includes("14/2018/TT-BCT"))).toHaveLength(1);
  });

  it("a text is in force from its effective day up to the day before its repeal", () => {
    const t = { effective: "2025-03-01", repealed: "2025-06-16" };
    expect(inForce(t, "2025-02-28")).toBe(false);
    expect(inForce(t, "2025-03-01")).toBe(true);
    expect(inForce(t, "2025-06-15")).toBe(true);
    expect(inForce(t, "2025-06-16")).toBe(false);
    for (const text of LEGAL_TEXTS) if (text.repealed) expect(text.repealed > text.effective).toBe(true);
  });

  it("each day has exactly one law on local government and one decree on the Ministry's functions", () => {
    for (const day of ["2016-01-01", "2020-09-25", "2024-05-13", "2025-03-01", "2025-06-20", "2026-12-31"]) {
      expect(
        legalBasis(day, "PROVINCE").filter((g) => g.startsWith("Căn cứ Luật Tổ chức chính quyền địa phương")),
      ).toHaveLength(1);
    }
    for (const day of ["2017-08-18", "2024-10-08", "2025-11-20"]) {
      expect(legalBasis(day, "MINISTRY").filter((g) => g.includes("cơ cấu tổ chức của Bộ Công Thương"))).toHaveLength(
        1,
      );
    }
  });
});

describe("who issues and who signs", () => {
  it("header lines break between units, never inside a name", () => {
    expect(issuerHeaderLines("Ủy ban nhân dân tỉnh Bắc Giang")).toEqual(["ỦY BAN NHÂN DÂN", "TỈNH BẮC GIANG"]);
    expect(issuerHeaderLines("Ủy ban nhân dân thành phố Hồ Chí Minh")).toEqual([
      "ỦY BAN NHÂN DÂN",
      "THÀNH PHỐ HỒ CHÍ MINH",
    ]);
    expect(issuerHeaderLines("Bộ Công Thương")).toEqual(["BỘ CÔNG THƯƠNG"]);
  });

  it("the authority line names the signing office", () => {
    expect(authorityLine("Ủy ban nhân dân tỉnh Bắc Giang")).toBe("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC GIANG");
    expect(authorityLine("Bộ Công Thương")).toBe("BỘ TRƯỞNG BỘ CÔNG THƯƠNG");
  });

  it("the signature block follows the signer's position", () => {
    expect(signatureLines("Ủy ban nhân dân tỉnh Bắc Ninh", "Phó Chủ tịch")).toEqual([
      "TM. ỦY BAN NHÂN DÂN",
      "KT. CHỦ TỊCH",
      "PHÓ CHỦ TỊCH",
    ]);
    expect(signatureLines("Ủy ban nhân dân tỉnh Bắc Ninh", "Chủ tịch")).toEqual(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]);
    expect(signatureLines("Bộ Công Thương", "Thứ trưởng")).toEqual(["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"]);
    expect(signatureLines("Bộ Công Thương", "Bộ trưởng")).toEqual(["BỘ TRƯỞNG"]);
  });

  it("the recipients never list the issuer", () => {
    expect(recipientLines("Bộ Công Thương").join(" ")).not.toMatch(/Bộ Công Thương/);
    expect(recipientLines("Ủy ban nhân dân tỉnh Bắc Ninh").join(" ")).not.toMatch(/Ủy ban nhân dân|UBND/);
    expect(recipientLines("Ủy ban nhân dân tỉnh Bắc Ninh")).toContain("- Bộ Công Thương (để báo cáo);");
  });
});

describe("the rendered decision", () => {
  it("a provincial decision of 13/5/2024 reads as Decree 30 lays out", async () => {
    const { lines, all } = await decisionPages(decision({}), "decision-bg-2024.pdf");
    // Header: the body on two lines, each whole.
    const left = lines.slice(0, 3).map((l) => l.pieces[0].text);
    expect(left).toEqual(["ỦY BAN NHÂN DÂN", "TỈNH BẮC GIANG", expect.stringContaining("Số: 44/QĐ-UBND")]);
    expect(left[1]).not.toMatch(/BẮC$/);
    expect(all).toContain("Bắc Giang, ngày 13 tháng 5 năm 2024");
    const t = texts(lines);
    expect(t).toContain("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC GIANG");
    expect(all).toContain("Thông tư số 26/2014/TT-BCT");
    expect(all).toContain("14/2018/TT-BCT");
    expect(all).not.toContain("38/2025");
    expect(t).toContain("Theo đề nghị của Giám đốc Sở Công Thương.");
    // "Điều 1." bold, the rest regular, the count in two digits.
    const article1 = lines.find((l) => l.text.startsWith("Điều 1."))!;
    expect(article1.text).toMatch(/^Điều 1\. Công nhận 01 sản phẩm là sản phẩm công nghiệp nông thôn/);
    expect(article1.pieces[0].text).toBe("Điều 1.");
    expect(article1.pieces[0].font).toMatch(/Bold/);
    expect(itemAt(article1.pieces, 1, "pieces of Điều 1's line").font).not.toMatch(/Bold/);
    expect(all).toContain("tiêu biểu cấp tỉnh Bắc Giang năm 2024 (có danh sách kèm theo).");
    // Signature block beside the recipients.
    const sig = ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"].map((s) =>
      lines.findIndex((l) => l.text.endsWith(s)),
    );
    expect(sig.every((i) => i > 0)).toBe(true);
    expect(sig).toEqual([...sig].sort((a, b) => a - b));
    expect(all).toContain("Phan Thế Tuấn");
    const recipients = lines.findIndex((l) => l.text.startsWith("Nơi nhận:"));
    const afterRecipients = texts(lines.slice(recipients, recipients + 5)).join(" ");
    expect(afterRecipients).toContain("- Bộ Công Thương (để báo cáo);");
    expect(afterRecipients).not.toContain("Ủy ban nhân dân tỉnh Bắc Giang");
  });

  it("a ministerial decision of 2025 names the Minister and the deputy's block", async () => {
    const { lines, all } = await decisionPages(
      decision({
        number: "3011/QĐ-BCT",
        signedAt: vn("2025-11-20"),
        authority: "Bộ Công Thương",
        signerName: "Phan Thị Thắng",
        signerTitle: "Thứ trưởng",
        place: "Hà Nội",
        jurisdiction: "cấp quốc gia",
        year: 2025,
        entries: Array.from({ length: 12 }, (_, i) => ({
          productName: `Sản phẩm ${i + 1}`,
          establishmentName: "Cơ sở",
          address: "Phường Chũ, tỉnh Bắc Ninh",
          group: "B",
        })),
      }),
      "decision-qg-2025.pdf",
    );
    expect(firstRow(lines, "decision lines").pieces[0].text).toBe("BỘ CÔNG THƯƠNG");
    expect(texts(lines)).toContain("BỘ TRƯỞNG BỘ CÔNG THƯƠNG");
    expect(all).toContain("Nghị định số 40/2025/NĐ-CP");
    expect(all).toContain("38/2025/TT-BCT");
    expect(all).toContain("Theo đề nghị của Cục trưởng Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công.");
    expect(all).toMatch(/Điều 1\. Công nhận 12 sản phẩm là sản phẩm/);
    expect(lines.some((l) => l.text.endsWith("KT. BỘ TRƯỞNG"))).toBe(true);
    expect(lines.some((l) => l.text.endsWith("THỨ TRƯỞNG"))).toBe(true);
    const recipients = lines.findIndex((l) => l.text.startsWith("Nơi nhận:"));
    const block = lines.slice(recipients, recipients + 5).map((l) => l.pieces[0].text);
    expect(block.join(" ")).not.toContain("Bộ Công Thương");
  });
});

describe("prizes in the decision (issue #12 item 8)", () => {
  const entry = (productName: string, prize: DecisionPrint["entries"][number]["prize"]) => ({
    productName,
    establishmentName: `Cơ sở ${productName}`,
    address: "Xã Lục Ngạn, tỉnh Bắc Ninh",
    group: "B",
    prize,
  });

  it("adds an article naming the prizes by tier, renumbers the next ones, and a prize column in the annex", async () => {
    const d = decision({
      signedAt: vn("2026-05-20"),
      authority: "Ủy ban nhân dân tỉnh Bắc Ninh",
      place: "Bắc Ninh",
      jurisdiction: "cấp tỉnh Bắc Ninh",
      year: 2026,
      councilName: "Hội đồng bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2026",
      entries: [
        entry("Mỳ gạo Chũ", "A"),
        entry("Vải thiều sấy", "ENCOURAGEMENT"),
        entry("Gà đồi Yên Thế", null),
        entry("Bánh đa Kế", "ENCOURAGEMENT"),
      ],
    });
    const bytes = await renderDecisionPdf(d);
    keep("decision-prizes.pdf", bytes);
    const pages = await pdfLines(bytes);
    const all = texts(pages.flat()).join(" ");
    expect(all).toContain("Công nhận 04 sản phẩm");
    expect(all).toMatch(
      /Điều 2\. Tặng giải cho 03 sản phẩm tại Điều 1 theo kết quả biểu quyết của Hội đồng bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2026, gồm: 01 giải A, 02 giải khuyến khích \(có danh sách kèm theo\)\./,
    );
    expect(all).toMatch(/Điều 3\. Các sản phẩm tại Điều 1 được cấp giấy chứng nhận/);
    expect(all).toMatch(/Điều 4\. Quyết định này có hiệu lực/);
    expect(all).toContain("- Như Điều 4;");
    const lead = pages.flat().find((l) => l.text.startsWith("Điều 2."))!;
    expect(lead.pieces[0].font).toMatch(/Bold/);
    const annex = pages.find((p) => p.some((l) => l.text.startsWith("DANH SÁCH SẢN PHẨM")))!;
    const header = annex.find((l) => l.text.includes("STT"))!;
    expect(header.text).toMatch(/Nhóm\s+Giải$/);
    const row = (name: string) => annex.find((l) => l.text.includes(name))!.text;
    expect(row("Mỳ gạo Chũ")).toMatch(/B A$/);
    expect(row("Vải thiều sấy")).toMatch(/B Khuyến khích$/);
    expect(row("Gà đồi Yên Thế")).toMatch(/B$/);
  });

  it("without prizes the decision keeps its three articles and five columns", async () => {
    const all = texts((await pdfLines(await renderDecisionPdf(decision({})))).flat()).join(" ");
    expect(all).not.toContain("Tặng giải");
    expect(all).toContain("Điều 3.");
    expect(all).not.toContain("Điều 4.");
    expect(all).not.toMatch(/Nhóm\s+Giải/);
    expect(all).toContain("- Như Điều 3;");
  });
});
