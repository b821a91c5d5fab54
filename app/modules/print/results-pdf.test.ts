// The printed results minutes: landscape, one ranked table per group with means, pass flags, the
// council's vote and decision, a summary, the two signatures, and "Tạm tính" until finalised.
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { itemAt } from "~/utils/arrays";
import { renderResultsPdf, resultsFileName } from "./results-pdf.server";
import { input, row } from "./results-print.fixture";

async function read(buf: Buffer) {
  const pdf = await getDocumentProxy(new Uint8Array(buf));
  const { text, totalPages } = await extractText(pdf, { mergePages: false });
  const pages = text as string[];
  const all = pages.join("\n");
  return { pages, all, flat: all.replace(/\s+/g, " "), totalPages, pdf };
}

describe("the results minutes", () => {
  it("has the title, the council, the round, the pass line and one table per group", async () => {
    const { all, flat, totalPages, pdf } = await read(await renderResultsPdf(input()));
    expect(totalPages).toBeGreaterThan(0);
    const page = await pdf.getPage(1);
    const width = itemAt(page.view, 2, "page view width");
    const height = itemAt(page.view, 3, "page view height");
    expect(width).toBeGreaterThan(height); // landscape
    expect(all).toContain("BIÊN BẢN TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM");
    expect(flat).toContain("HỘI ĐỒNG BÌNH CHỌN SẢN PHẨM CÔNG NGHIỆP NÔNG THÔN TIÊU BIỂU TỈNH BẮC GIANG NĂM 2026");
    expect(all).toContain("Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Giang năm 2026");
    expect(all).toContain("Điểm đạt: từ 70 điểm trở lên");
    expect(all).toContain("Kết quả theo lượt chấm 1.");
    expect(all).toContain("Lập lúc 10/05/2026 09:15."); // Vietnam time
    expect(all).toContain("Nhóm B – Chế biến nông, lâm, thủy sản và thực phẩm");
    expect(all).toContain("Nhóm A – Thủ công mỹ nghệ");
    expect(all).toContain("Nhóm C – Thiết bị, máy móc, dụng cụ và phụ tùng cơ khí");
    expect(all).toContain("Không có sản phẩm.");
    for (const h of ["Hạng", "Mã số", "Tên sản phẩm", "Cơ sở", "Thấp nhất", "Cao nhất", "Đạt", "Công nhận"])
      expect(flat).toContain(h);
    expect(flat).toContain("Biểu quyết (tán thành / không / không ý kiến)");
    expect(flat).toMatch(
      /1 BG-2026-B-001 Vải thiều Lục Ngạn sấy khô Hợp tác xã Vải thiều Lục Ngạn 7 85,43 60 95,5 Đạt 6 \/ 1 \/ 0 Có/,
    );
    expect(flat).toMatch(/2 BG-2026-B-002 Mỳ gạo Chũ Hợp tác xã số 2 7 72,5 60 95,5 Đạt 2 \/ 4 \/ 1 Không/);
    expect(flat).toMatch(/3 BG-2026-B-003 Sản phẩm số 3 Hợp tác xã số 3 7 64 60 95,5 Không đạt — —/);
    expect(flat).toContain("Số sản phẩm: 3; đạt: 2; được công nhận: 1.");
    expect(flat).toContain("Tổng hợp chung");
    expect(flat).toMatch(/Tổng cộng 4 3 2/);
    expect(all).toContain("THƯ KÝ HỘI ĐỒNG");
    expect(all).toContain("CHỦ TỊCH HỘI ĐỒNG");
    expect(all).toContain("Trang 1/");
  });

  it("says 'Tạm tính — chưa chốt' on every page until finalised, and the finalisation time after", async () => {
    const many = input({ groups: [{ group: "B", rows: Array.from({ length: 40 }, (_, i) => row(i + 1)) }] });
    const provisional = await read(await renderResultsPdf(many));
    expect(provisional.totalPages).toBeGreaterThan(1);
    for (const p of provisional.pages) expect(p).toContain("Tạm tính — chưa chốt");
    expect(provisional.all).toContain("kết quả còn có thể thay đổi");
    // the table's header row again on every page the table runs over
    for (const p of provisional.pages.filter((x) => x.includes("BG-2026-B-0"))) expect(p).toContain("Thấp");
    expect(provisional.all).toContain("BG-2026-B-040");
    expect(provisional.all).not.toContain("Tổng hợp chung"); // one group: no summary table

    const final = await read(await renderResultsPdf({ ...many, finalisedAt: new Date("2026-05-12T10:00:00Z") }));
    expect(final.all).not.toContain("Tạm tính");
    expect(final.all).toContain("Kết quả đã được chốt lúc 12/05/2026 17:00.");
    expect(final.all).toContain("ngày 12 tháng 5 năm 2026");
  });

  it("prints '—' for an entry without sheets, and names its file", async () => {
    const { flat } = await read(
      await renderResultsPdf(
        input({
          groups: [{ group: "D", rows: [row(1, { sheets: 0, mean: null, min: null, max: null, passed: false })] }],
        }),
      ),
    );
    expect(flat).toContain("Nhóm D – Sản phẩm khác");
    expect(flat).toMatch(/1 BG-2026-B-001 Sản phẩm số 1 Hợp tác xã số 1 0 — — — Không đạt — —/);
    expect(resultsFileName("Bắc Giang 2026")).toBe("bien-ban-ket-qua-Bắc-Giang-2026.pdf");
  });
});
