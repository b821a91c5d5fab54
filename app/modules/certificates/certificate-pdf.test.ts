// The printed certificate and decision: one A4 landscape page per certificate with the product's
// name in correct Vietnamese, the serial, validity date, decision and verification code; "ĐÃ THU
// HỒI" on a revoked one; the decision with its articles and annex. Set CERT_PDF_DIR to keep the
// files for a look.
import fs from "node:fs";
import path from "node:path";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import {
  certificateFileName,
  renderCertificatesPdf,
  shortVerifyUrl,
  type CertificatePrint,
} from "./certificate-pdf.server";
import { decisionFileName, renderDecisionPdf, type DecisionPrint } from "./decision-pdf.server";
import { itemAt } from "~/utils/arrays";
import { validUntilFor } from "./validity";

async function read(buf: Buffer) {
  const pdf = await getDocumentProxy(new Uint8Array(buf));
  const { text, totalPages } = await extractText(pdf, { mergePages: false });
  const pages = (text as string[]).map((p) => p.replace(/\s+/g, " "));
  const page = await pdf.getPage(1);
  const width = itemAt(page.view, 2, "page view width");
  const height = itemAt(page.view, 3, "page view height");
  return { pages, totalPages, width, height };
}

function keep(name: string, bytes: Buffer) {
  const dir = process.env.CERT_PDF_DIR;
  if (dir) fs.writeFileSync(path.join(dir, name), bytes);
}

const issued = new Date("2026-05-13T00:00:00+07:00");
const base: CertificatePrint = {
  serial: "GCN-BN-2026-0001",
  code: "7KQ2M9XMD1",
  verifyUrl: "https://tieubieu.example.vn/verify/7KQ2M9XMD1",
  jurisdiction: "cấp tỉnh Bắc Ninh",
  year: 2026,
  productName: "Vải thiều Lục Ngạn sấy khô",
  productGroup: "B",
  establishmentName: "Hợp tác xã Nông sản Lục Ngạn",
  establishmentAddress: "Thôn Kép, Xã Lục Ngạn, tỉnh Bắc Ninh",
  decisionNumber: "44/QĐ-UBND",
  decisionSignedAt: issued,
  authority: "Ủy ban nhân dân tỉnh Bắc Ninh",
  signerName: "Nguyễn Văn Hùng",
  signerTitle: "Phó Chủ tịch",
  place: "Bắc Ninh",
  issuedAt: issued,
  validUntil: validUntilFor(issued),
  revokedAt: null,
};

describe("certificate PDF", () => {
  it("is one A4 landscape page with every fact in correct Vietnamese", async () => {
    const bytes = await renderCertificatesPdf([base]);
    keep("certificate.pdf", bytes);
    const { pages, totalPages, width, height } = await read(bytes);
    expect(totalPages).toBe(1);
    expect(Math.round(width)).toBe(842);
    expect(Math.round(height)).toBe(595);
    const text = pages[0];
    for (const expected of [
      "GIẤY CHỨNG NHẬN",
      "SẢN PHẨM CÔNG NGHIỆP NÔNG THÔN TIÊU BIỂU",
      "Cấp tỉnh Bắc Ninh năm 2026",
      "Vải thiều Lục Ngạn sấy khô",
      "Nhóm sản phẩm: B – Chế biến nông, lâm, thủy sản và thực phẩm",
      "Của: Hợp tác xã Nông sản Lục Ngạn",
      "Địa chỉ: Thôn Kép, Xã Lục Ngạn, tỉnh Bắc Ninh",
      "Theo Quyết định số 44/QĐ-UBND ngày 13/05/2026 của Ủy ban nhân dân tỉnh Bắc Ninh",
      "Số: GCN-BN-2026-0001",
      "Ngày cấp: 13/05/2026",
      "Có giá trị đến ngày 31/12/2029",
      "Mã xác thực: 7KQ2M-9XMD1",
      "tieubieu.example.vn/verify/7KQ2M9XMD1",
      "Bắc Ninh, ngày 13 tháng 5 năm 2026",
      "PHÓ CHỦ TỊCH",
      "Nguyễn Văn Hùng",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain("ĐÃ THU HỒI");
  });

  it("a revoked certificate still prints, marked ĐÃ THU HỒI", async () => {
    const bytes = await renderCertificatesPdf([{ ...base, revokedAt: new Date("2026-09-01T10:00:00+07:00") }]);
    keep("certificate-revoked.pdf", bytes);
    const { pages } = await read(bytes);
    expect(pages[0]).toContain("ĐÃ THU HỒI");
    expect(pages[0]).toContain("ĐÃ THU HỒI ngày 01/09/2026");
    expect(pages[0]).toContain("Vải thiều Lục Ngạn sấy khô");
  });

  it("many certificates: one page each, in order; a very long product name still fits its page", async () => {
    const long =
      "Bộ sản phẩm mây tre đan xuất khẩu gồm giỏ, khay, hộp đựng và đèn trang trí thủ công truyền thống làng nghề Phú Vinh";
    const bytes = await renderCertificatesPdf([
      base,
      { ...base, serial: "GCN-BN-2026-0002", productName: "Mỳ gạo Chũ", productGroup: "B" },
      {
        ...base,
        serial: "GCN-BN-2026-0003",
        productName: long,
        productGroup: "A",
        establishmentName: "Hộ kinh doanh Đỗ Thị Ngọc Ánh",
      },
    ]);
    keep("certificates-3.pdf", bytes);
    const { pages, totalPages } = await read(bytes);
    expect(totalPages).toBe(3);
    expect(pages[0]).toContain("GCN-BN-2026-0001");
    expect(pages[1]).toContain("Mỳ gạo Chũ");
    expect(pages[1]).toContain("GCN-BN-2026-0002");
    expect(pages[2]).toContain("GCN-BN-2026-0003");
    expect(pages[2]).toContain("Thủ công mỹ nghệ");
    expect(pages[2]).toContain("Hộ kinh doanh Đỗ Thị Ngọc Ánh");
  });

  it("names its file after the serial; the printed URL has no scheme", () => {
    expect(certificateFileName("GCN-BN-2026-0001")).toBe("giay-chung-nhan-GCN-BN-2026-0001.pdf");
    expect(shortVerifyUrl("https://a.vn/verify/X")).toBe("a.vn/verify/X");
    expect(shortVerifyUrl("http://localhost:3000/verify/X")).toBe("localhost:3000/verify/X");
  });
});

describe("decision PDF", () => {
  const decision: DecisionPrint = {
    number: "44/QĐ-UBND",
    signedAt: issued,
    authority: "Ủy ban nhân dân tỉnh Bắc Ninh",
    signerName: "Nguyễn Văn Hùng",
    signerTitle: "Phó Chủ tịch",
    place: "Bắc Ninh",
    jurisdiction: "cấp tỉnh Bắc Ninh",
    year: 2026,
    roundName: "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2026",
    councilName: "Hội đồng bình chọn sản phẩm công nghiệp nông thôn tiêu biểu tỉnh Bắc Ninh năm 2026",
    validUntil: validUntilFor(issued),
    entries: Array.from({ length: 40 }, (_, i) => ({
      productName: i === 0 ? "Mỳ gạo Chũ" : `Sản phẩm số ${i + 1}`,
      establishmentName: i === 0 ? "Hợp tác xã Sản xuất và Tiêu thụ mỳ Chũ" : `Cơ sở ${i + 1}`,
      address: "Xã Nam Dương, tỉnh Bắc Ninh",
      group: i % 2 ? "A" : "B",
    })),
  };

  it("has the title, the articles, the signer and the annex, pages numbered", async () => {
    const bytes = await renderDecisionPdf(decision);
    keep("decision.pdf", bytes);
    const { pages, totalPages, width } = await read(bytes);
    expect(Math.round(width)).toBe(595);
    expect(totalPages).toBeGreaterThanOrEqual(3); // decision + an annex of 40 rows over 2+ pages
    const annexStart = pages.findIndex((p) => p.includes("DANH SÁCH SẢN PHẨM"));
    expect(annexStart).toBeGreaterThan(0);
    const first = pages.slice(0, annexStart).join(" ");
    expect(first).toContain("ỦY BAN NHÂN DÂN TỈNH BẮC NINH");
    expect(first).toContain("Số: 44/QĐ-UBND");
    expect(first).toContain("Bắc Ninh, ngày 13 tháng 5 năm 2026");
    expect(first).toContain("QUYẾT ĐỊNH");
    expect(first).toContain("Về việc công nhận sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh Bắc Ninh năm 2026");
    expect(first).toContain("Điều 1. Công nhận 40 sản phẩm");
    expect(first).toContain("(có danh sách kèm theo)");
    expect(first).toContain("31/12/2029");
    expect(first).toContain("PHÓ CHỦ TỊCH");
    expect(first).toContain("Nguyễn Văn Hùng");
    const annex = pages.slice(annexStart).join(" ");
    expect(annex).toContain("DANH SÁCH SẢN PHẨM CÔNG NGHIỆP NÔNG THÔN TIÊU BIỂU CẤP TỈNH BẮC NINH NĂM 2026");
    expect(annex).toContain("STT");
    expect(annex).toContain("Tên sản phẩm");
    expect(annex).toContain("Mỳ gạo Chũ");
    expect(annex).toContain("Sản phẩm số 40");
    expect(pages[totalPages - 1]).toContain(`Trang ${totalPages}/${totalPages}`);
  });

  it("names its file from the number without slashes or diacritics", () => {
    expect(decisionFileName("44/QĐ-UBND")).toBe("quyet-dinh-44-QD-UBND.pdf");
    expect(decisionFileName("///")).toBe("quyet-dinh-quyet-dinh.pdf");
  });
});
