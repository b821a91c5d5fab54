// Forms 01 and 02 read back from the rendered PDF, line by line (issue #12 item 6): what the
// producer typed is on the paper, under the labels the provincial centres' forms use; blank
// answers leave a line for a pen; Vietnamese numbers and dates. Set FORMS_PDF_DIR to keep them.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pdfLines, texts } from "../../../tests/support/pdf-lines";
import { dossierFormFileName, renderDossierFormPdf, type DossierFormPrint } from "./dossier-forms-pdf.server";

function keep(name: string, bytes: Buffer) {
  const dir = process.env.FORMS_PDF_DIR;
  if (dir) fs.writeFileSync(path.join(dir, name), bytes);
}

function print(
  over: Partial<DossierFormPrint> = {},
  product: Partial<DossierFormPrint["product"]> = {},
): DossierFormPrint {
  return {
    kind: "REGISTRATION_FORM",
    round: { name: "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2026", councilName: null },
    entry: { receiptNumber: "TB2026-1A2B3C4D", entryCode: null, submittedAt: new Date("2026-03-04T20:30:00Z") },
    frozenVersion: 1,
    establishment: {
      name: "Hợp tác xã Mỳ gạo Chũ",
      legalForm: "COOPERATIVE",
      registrationNumber: "2400123456",
      registrationDate: new Date("2015-03-09T17:00:00Z"),
      registrationIssuer: "Sở Kế hoạch và Đầu tư tỉnh Bắc Giang",
      provinceName: "Bắc Ninh",
      commune: "Phường Chũ",
      addressLine: "Tổ dân phố Thủ Dương",
      phone: "0912 345 014",
      email: "mygaochu@example.vn",
      legalRepresentative: "Nguyễn Văn Chiến",
      workforce: 42,
    },
    product: {
      name: "Mỳ gạo Chũ",
      group: "B",
      isSet: false,
      setItems: null,
      description: "Mỳ gạo làm từ gạo Bao thai Chũ, tráng và phơi nắng tự nhiên, sợi dai, không chất bảo quản.",
      rawMaterials: "Gạo Bao thai Chũ của các hộ trong vùng",
      process: "Ngâm gạo, xay bột, tráng bánh, phơi, cắt sợi, phơi khô, đóng gói",
      annualCapacity: "300 tấn/năm",
      markets: "Bắc Ninh, Hà Nội, các tỉnh phía Bắc; xuất khẩu sang Úc",
      qualityCerts: "Tiêu chuẩn cơ sở TCCS 01:2024/HTX",
      foodSafetyCert: "101/2025/ATTP-CNĐK",
      trademark: "Nhãn hiệu tập thể Mỳ Chũ",
      ocopStars: 4,
      ocopCertNumber: "123/QĐ-UBND",
      awards: null,
      businessLines: "1074 – Sản xuất mì ống, mỳ sợi và sản phẩm tương tự",
      workforce: 35,
      revenue: 12500.5,
      revenueYear: 2025,
      exportShare: 12.5,
      ...product,
    },
    photoAngles: ["FRONT", "SIDE", "TOP"],
    generatedAt: new Date("2026-03-05T02:00:00Z"),
    ...over,
  };
}

async function lines(p: DossierFormPrint, name: string) {
  const bytes = await renderDossierFormPdf(p);
  keep(name, bytes);
  const pages = await pdfLines(bytes);
  const all = pages.flatMap(texts);
  // wrapped lines joined, for long values whose line breaks depend on the font
  return { pages, all, flat: all.join(" ") };
}

describe("form 01, the registration form", () => {
  it("carries the establishment, the business lines, workforce and revenue, the product and the pledge", async () => {
    const { all, flat } = await lines(print(), "mau-01.pdf");
    expect(all[0]).toBe("Mẫu số 01");
    expect(all).toContain("PHIẾU ĐĂNG KÝ");
    expect(all).toContain("Tham gia bình chọn sản phẩm công nghiệp nông thôn tiêu biểu");
    expect(flat).toContain(
      "Kính gửi: Hội đồng bình chọn sản phẩm công nghiệp nông thôn tiêu biểu — Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2026",
    );
    expect(all).toContain("Số biên nhận: TB2026-1A2B3C4D");
    expect(all).toContain("1. Tên cơ sở: Hợp tác xã Mỳ gạo Chũ");
    expect(all).toContain("2. Loại hình: Hợp tác xã");
    expect(all).toContain("3. Địa chỉ: Tổ dân phố Thủ Dương, Phường Chũ, Bắc Ninh");
    expect(all).toContain("4. Điện thoại / Email: 0912 345 014 / mygaochu@example.vn");
    expect(all).toContain("5. Người đại diện theo pháp luật: Nguyễn Văn Chiến");
    expect(all).toContain("6. Giấy chứng nhận đăng ký số: 2400123456");
    expect(all).toContain("Ngày cấp: 10/03/2015; nơi cấp: Sở Kế hoạch và Đầu tư tỉnh Bắc Giang");
    expect(all).toContain("7. Ngành nghề kinh doanh (có sản phẩm đăng ký):");
    expect(all).toContain("1074 – Sản xuất mì ống, mỳ sợi và sản phẩm tương tự");
    expect(all).toContain("8. Số lao động: 42 người; trong đó sản xuất sản phẩm đăng ký: 35 người");
    expect(all).toContain("9. Doanh thu từ sản phẩm năm 2025: 12.500,5 triệu đồng");
    expect(all).toContain("1. Tên sản phẩm (bộ sản phẩm): Mỳ gạo Chũ");
    expect(flat).toContain("2. Nhóm sản phẩm: Nhóm B — Chế biến nông, lâm, thủy sản và thực phẩm");
    expect(all).toContain("III. CAM KẾT");
    // Signed on the day of submission, in Vietnam's time (4 March 20:30 UTC = 5 March).
    expect(all).toContain("Bắc Ninh, ngày 05 tháng 3 năm 2026");
    expect(all).toContain("ĐẠI DIỆN CƠ SỞ");
    expect(all).toContain("Nguyễn Văn Chiến");
    expect(all.some((l) => l.startsWith("Tạo bởi Tiêu Biểu từ hồ sơ đã nộp lần 1, 05/03/2026"))).toBe(true);
    expect(all.some((l) => l.includes("Trang 1/1"))).toBe(true);
  });

  it("leaves lines for a pen where the producer has not answered, and the date blank on a working copy", async () => {
    const { all } = await lines(
      print(
        { frozenVersion: null, entry: { receiptNumber: null, entryCode: null, submittedAt: null } },
        { businessLines: null, workforce: null, revenue: null, revenueYear: null },
      ),
      "mau-01-blank.pdf",
    );
    expect(all).toContain("8. Số lao động: 42 người; trong đó sản xuất sản phẩm đăng ký: …… người");
    expect(all).toContain("9. Doanh thu từ sản phẩm:");
    expect(all).toContain("7. Ngành nghề kinh doanh (có sản phẩm đăng ký):");
    expect(all).toContain("Bắc Ninh, ngày …… tháng …… năm ………");
    expect(all.some((l) => l.startsWith("Tạo bởi Tiêu Biểu từ thông tin cơ sở đã khai"))).toBe(true);
    expect(all.join("\n")).not.toContain("Số biên nhận");
  });

  it("lists the items of a product set and names the council when the round has one", async () => {
    const { all, flat } = await lines(
      print(
        {
          round: { name: "Đợt 2026", councilName: "Hội đồng bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2026" },
        },
        { isSet: true, setItems: "Mỳ gạo 500 g\nMỳ gạo 1 kg" },
      ),
      "mau-01-set.pdf",
    );
    expect(flat).toContain("Kính gửi: Hội đồng bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2026");
    expect(all).toContain("3. Các sản phẩm trong bộ:");
    expect(all).toContain("1. Mỳ gạo 500 g");
    expect(all).toContain("2. Mỳ gạo 1 kg");
  });
});

describe("form 02, the product description", () => {
  it("describes the product: uses, raw materials, process, capacity, workforce, revenue, markets, certificates, photos", async () => {
    const { all, flat } = await lines(print({ kind: "DESCRIPTION_FORM" }), "mau-02.pdf");
    expect(all[0]).toBe("Mẫu số 02");
    expect(all).toContain("BẢN THUYẾT MINH SẢN PHẨM");
    expect(all).toContain("1. Tên sản phẩm (bộ sản phẩm): Mỳ gạo Chũ");
    expect(flat).toContain("3. Cơ sở sản xuất: Hợp tác xã Mỳ gạo Chũ — Tổ dân phố Thủ Dương, Phường Chũ, Bắc Ninh");
    expect(all).toContain("4. Mô tả sản phẩm và công dụng:");
    expect(flat).toContain(
      "Mỳ gạo làm từ gạo Bao thai Chũ, tráng và phơi nắng tự nhiên, sợi dai, không chất bảo quản.",
    );
    expect(all).toContain("5. Nguyên liệu và nguồn gốc:");
    expect(all).toContain("Gạo Bao thai Chũ của các hộ trong vùng");
    expect(all).toContain("6. Quy trình, công nghệ sản xuất:");
    expect(all).toContain("Ngâm gạo, xay bột, tráng bánh, phơi, cắt sợi, phơi khô, đóng gói");
    expect(all).toContain("7. Năng lực sản xuất hằng năm: 300 tấn/năm");
    expect(all).toContain("8. Số lao động sản xuất sản phẩm: 35 người");
    expect(all).toContain("9. Doanh thu từ sản phẩm năm 2025: 12.500,5 triệu đồng");
    expect(all).toContain("10. Thị trường tiêu thụ:");
    expect(all).toContain("Bắc Ninh, Hà Nội, các tỉnh phía Bắc; xuất khẩu sang Úc");
    expect(all).toContain("Tỷ lệ xuất khẩu: 12,5% sản lượng");
    expect(flat).toContain("Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm số 101/2025/ATTP-CNĐK");
    expect(all).toContain("OCOP 4 sao, giấy chứng nhận số 123/QĐ-UBND");
    expect(all).toContain("12. Giải thưởng, bằng khen:");
    expect(all).toContain("Không");
    expect(all).toContain("13. Ảnh sản phẩm kèm theo: 3 ảnh màu (mặt trước, mặt bên, mặt trên)");
    expect(all).toContain("ĐẠI DIỆN CƠ SỞ");
  });

  it("is named after its number and the product, without diacritics", () => {
    expect(dossierFormFileName(print({ kind: "DESCRIPTION_FORM" }))).toBe("mau-02-my-gao-chu.pdf");
    expect(dossierFormFileName(print(), undefined)).toBe("mau-01-my-gao-chu.pdf");
  });
});
