// The printing base: fonts found and embedded, Vietnamese text intact, wrapping, tables that
// break pages under a repeated header, page numbers per paper, number and date formats.
import fs from "node:fs";
import path from "node:path";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { DomainError } from "~/utils/errors";
import { httpError } from "~/utils/http.server";
import { getT } from "~/utils/i18n";
import {
  addPageNumbers,
  contentBox,
  createPdf,
  dateLine,
  drawTable,
  fontDirectory,
  formatNumberVi,
  newPage,
  nfc,
  paragraph,
  pdfBuffer,
  pdfResponse,
  printErrorResponse,
  setFont,
  signatureBlocks,
  wrapText,
} from "./pdf.server";

async function pages(buf: Buffer): Promise<string[]> {
  const pdf = await getDocumentProxy(new Uint8Array(buf));
  const { text } = await extractText(pdf, { mergePages: false });
  return text as string[];
}

describe("fonts and documents", () => {
  it("finds the DejaVu fonts from the module, whatever the working directory", () => {
    const dir = fontDirectory();
    expect(fs.existsSync(path.join(dir, "DejaVuSerif.ttf"))).toBe(true);
    expect(fs.existsSync(path.join(dir, "DejaVuSans-Bold.ttf"))).toBe(true);
  });

  it("writes every Vietnamese letter with its marks, in every registered style, and sets the metadata", async () => {
    const created = new Date("2026-05-01T03:00:00Z");
    const doc = createPdf({
      title: "Phiếu chấm điểm — thử",
      author: "Hội đồng bình chọn tỉnh Bắc Ninh",
      subject: "Thử",
      creationDate: created,
    });
    const sample = "Ắ Ằ Ẳ Ẵ Ặ ấ ầ ẩ ẫ ậ đ Đ ế ề ể ễ ệ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ứ ừ ử ữ ự ỳ ỷ ỹ ỵ ý";
    for (const font of [
      "regular",
      "bold",
      "italic",
      "boldItalic",
      "sans-regular",
      "sans-bold",
      "serif-italic",
      "sansCondensed-bold",
    ] as const) {
      paragraph(doc, `${font}: ${sample}`, { font, size: 11 });
    }
    const buf = await pdfBuffer(doc);
    expect(buf.subarray(0, 5).toString()).toBe("%PDF-");
    // lines may wrap: compare with whitespace collapsed
    const text = (await pages(buf)).join(" ").replace(/\s+/g, " ");
    expect(text.split(sample).length - 1).toBe(8);

    const pdf = await getDocumentProxy(new Uint8Array(buf));
    const info = (await pdf.getMetadata()).info as Record<string, unknown>;
    expect(info.Title).toBe("Phiếu chấm điểm — thử");
    expect(info.Author).toBe("Hội đồng bình chọn tỉnh Bắc Ninh");
    expect(String(info.CreationDate)).toContain("20260501");
  });

  it("prints decomposed input (typed on a Mac) as composed letters", async () => {
    const doc = createPdf({ title: "NFD" });
    paragraph(doc, "Vải thiều Lục Ngạn sấy khô".normalize("NFD"));
    const text = (await pages(await pdfBuffer(doc))).join("\n");
    expect(text).toContain("Vải thiều Lục Ngạn sấy khô");
    expect(nfc("a\u0000b\tc\r\nd")).toBe("ab c\nd");
  });

  it("answers a route with an inline, uncached PDF whose Vietnamese file name survives", async () => {
    const res = pdfResponse(Buffer.from("%PDF-1.7"), "phiếu-chấm-điểm.pdf");
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    expect(res.headers.get("Content-Disposition")).toMatch(
      /^inline; filename="phieu-cham-diem\.pdf"; filename\*=UTF-8''phi%E1%BA%BFu/,
    );
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe("%PDF-1.7");
  });
});

describe("refusals", () => {
  it("become a short message in the user's language; anything else is rethrown", async () => {
    const request = new Request("http://localhost/judge/rounds/x/blank-sheet.pdf");
    const refused = await printErrorResponse(request, new DomainError(403, "error.403"));
    expect(refused.status).toBe(403);
    expect(refused.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(await refused.text()).toContain("Bạn không có quyền");
    let thrown: unknown;
    try {
      httpError(400, "error.400");
    } catch (error) {
      thrown = error;
    }
    const english = new Request(request.url, { headers: { Cookie: "tb_lang=ImVuIg%3D%3D" } });
    const bad = await printErrorResponse(english, thrown);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe(`${getT("en")("error.400")}\n`);
    const boom = new Error("boom");
    await expect(printErrorResponse(request, boom)).rejects.toBe(boom);
    const redirect = new Response(null, { status: 302, headers: { Location: "/login" } });
    await expect(printErrorResponse(request, redirect)).rejects.toBe(redirect);
  });
});

describe("wrapping", () => {
  it("keeps every line within the width, breaks an over-long word, keeps newlines", () => {
    const doc = createPdf({ title: "wrap" });
    setFont(doc, "regular", 11);
    const width = 120;
    const text =
      "Sản phẩm có chất lượng tốt, bao bì cần cải tiến thêm để phù hợp thị trường xuất khẩu.\nDòng hai\n\nMộttừrấtdàikhôngcódấucáchnàocảvàkhôngthểvừamộtdòng";
    const lines = wrapText(doc, text, width);
    for (const line of lines) expect(doc.widthOfString(line)).toBeLessThanOrEqual(width + 0.01);
    expect(lines).toContain("Dòng hai");
    expect(lines[lines.indexOf("Dòng hai") + 1]).toBe("");
    expect(lines.join("").replace(/ /g, "")).toBe(text.replace(/[ \n]/g, ""));
    doc.end();
  });
});

describe("tables", () => {
  it("repeats the header row on every page and splits a row taller than a page", async () => {
    const doc = createPdf({ title: "table" });
    const giant = Array.from({ length: 1500 }, (_, i) => `từ${i}`).join(" ");
    drawTable(doc, {
      columns: [
        { header: "TT", width: 1, align: "center" },
        { header: "Tiêu chí chấm điểm", width: 6 },
        { header: "Điểm chấm", width: 2, align: "right" },
      ],
      rows: [
        ...Array.from({ length: 70 }, (_, i) => ({
          cells: [String(i + 1), `Tiêu chí số ${i + 1}`, formatNumberVi(i / 2)],
        })),
        { cells: ["71", giant, "1"] },
        { cells: ["72", "Cuối bảng", "2"] },
      ],
    });
    const text = await pages(await pdfBuffer(doc));
    expect(text.length).toBeGreaterThanOrEqual(4);
    for (const page of text) expect(page).toContain("Tiêu chí chấm điểm");
    const all = text.join("\n");
    expect(all).toContain("Tiêu chí số 70");
    expect(all).toContain("từ0");
    expect(all).toContain("từ1499");
    expect(all).toContain("Cuối bảng");
    expect(all).toContain("34,5");
  });

  it("keeps a caption with the header and the first row", async () => {
    const doc = createPdf({ title: "caption" });
    doc.y = contentBox(doc).bottom - 40;
    drawTable(doc, { caption: "Nhóm B", columns: [{ header: "Mã số", width: 1 }], rows: [{ cells: ["BN-1"] }] });
    const text = await pages(await pdfBuffer(doc));
    expect(text).toHaveLength(2);
    expect(text[0]).not.toContain("Nhóm B");
    expect(text[1]).toContain("Nhóm B");
    expect(text[1]).toContain("BN-1");
  });
});

describe("pages", () => {
  it("numbers pages per paper and keeps signature blocks whole", async () => {
    const doc = createPdf({ title: "pages" });
    paragraph(doc, "Phiếu một, trang một");
    newPage(doc);
    paragraph(doc, "Phiếu một, trang hai");
    doc.y = contentBox(doc).bottom - 30;
    signatureBlocks(doc, [{ title: "GIÁM KHẢO", hint: "(Ký, ghi rõ họ tên)", name: "Nguyễn Thị Hường" }]);
    const t = getT("vi");
    addPageNumbers(doc, (page, count) => t("print.page", { page, pages: count }), [0, 2]);
    const text = await pages(await pdfBuffer(doc));
    expect(text).toHaveLength(3);
    expect(text[0]).toContain("Trang 1/2");
    expect(text[1]).toContain("Trang 2/2");
    expect(text[2]).toContain("Trang 1/1");
    expect(text[2]).toContain("GIÁM KHẢO");
    expect(text[2]).toContain("Nguyễn Thị Hường");
  });
});

describe("Vietnamese formats", () => {
  it("writes numbers with a decimal comma", () => {
    expect(formatNumberVi(12.5)).toBe("12,5");
    expect(formatNumberVi(100)).toBe("100");
    expect(formatNumberVi(85.4333)).toBe("85,43");
    expect(formatNumberVi(1234.5, 1)).toBe("1234,5");
    expect(formatNumberVi(null)).toBe("");
    expect(formatNumberVi(Number.NaN)).toBe("");
  });

  it("dates the paper in Vietnam's time, with the leading zeros of administrative style", () => {
    const t = getT("vi");
    // 4 March 20:00 UTC is already 5 March in Hà Nội
    expect(dateLine(t, new Date("2026-03-04T20:00:00Z"))).toBe("……………, ngày 05 tháng 3 năm 2026");
    expect(dateLine(t, new Date("2026-02-14T02:00:00Z"), "Bắc Ninh")).toBe("Bắc Ninh, ngày 14 tháng 02 năm 2026");
    expect(dateLine(t, new Date("2026-11-20T02:00:00Z"), "Bắc Ninh")).toBe("Bắc Ninh, ngày 20 tháng 11 năm 2026");
    expect(dateLine(t, null)).toBe("……………, ngày …… tháng …… năm ………");
  });
});
