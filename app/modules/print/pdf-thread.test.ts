// The PDF thread (docs/decisions/019): the register's list and a round's results drawn in a
// worker thread come back as the same documents the main thread draws; tasks run side by side;
// a download abandoned half-way does not disturb the next; the compiled thread is found next to
// the server build, and its absence means drawing here instead.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, describe, expect, it } from "vitest";
import { dateTime } from "~/utils/spreadsheet.server";
import { firstRow, itemAt } from "~/utils/arrays";
import {
  csvInThread,
  pdfBufferInThread,
  pdfInThread,
  pdfThreadEntry,
  stopPdfThread,
  xlsxInThread,
} from "./pdf-thread.server";
import { input } from "./results-print.fixture";

afterAll(() => stopPdfThread());

async function textOf(bytes: Uint8Array) {
  const { text, totalPages } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
  return { flat: (text as string).replace(/\s+/g, " "), totalPages };
}

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const header = [
  "Số GCN",
  "Sản phẩm",
  "Nhóm",
  "Cơ sở",
  "Tỉnh",
  "Cấp",
  "Nơi cấp",
  "Năm",
  "Ngày cấp",
  "Hiệu lực đến",
  "Tình trạng",
];
const registerTask = (n: number) => ({
  kind: "register" as const,
  locale: "vi" as const,
  table: {
    header,
    rows: Array.from({ length: n }, (_, i) => [
      `GCN-BN-2026-${String(i + 1).padStart(4, "0")}`,
      `Mỳ gạo Chũ loại ${i + 1}`,
      "B",
      "Hợp tác xã Chũ",
      "Bắc Ninh",
      "Cấp tỉnh",
      "cấp tỉnh Bắc Ninh",
      "2026",
      "20/05/2026",
      "31/12/2029",
      "Còn hiệu lực",
    ]),
  },
  info: {
    source: "http://localhost/products",
    generatedAt: new Date("2026-06-01T03:00:00Z"),
    filters: "",
    rows: n,
    total: n,
    cap: 5000,
    truncated: false,
  },
});

describe("spreadsheets written in the export thread (decision 027)", () => {
  const day = new Date("2024-05-12T17:00:00Z"); // 13/05/2024 in Hà Nội
  const moment = new Date("2026-03-02T01:30:00Z"); // 02/03/2026 08:30 in Hà Nội
  const header = ["STT", "Sản phẩm", "Điểm", "Ngày", "Lúc"];
  const rows = [
    [1, "Mỳ gạo Chũ", 85.5, day, dateTime(moment)],
    [2, '=HYPERLINK("http://evil.example/","Xem")', 70, null, null],
    [3, "-2+3", -2, day, null],
  ];

  it("Excel: every row, numbers, days and moments typed as on the main thread, a formula-like name a plain string", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      new Uint8Array(
        await bytesOf(
          xlsxInThread([{ name: "Kết quả", widths: [6, 30, 8, 12, 18], header, autoFilter: true, rows }], {
            creator: "Tiêu Biểu",
          }),
        ),
      ).buffer,
    );
    const sheet = firstRow(workbook.worksheets, "worksheets");
    expect(sheet.name).toBe("Kết quả");
    expect(sheet.rowCount).toBe(4);
    const first = sheet.getRow(2);
    expect(first.getCell(3).type).toBe(ExcelJS.ValueType.Number);
    expect(first.getCell(3).value).toBe(85.5);
    expect(first.getCell(4).numFmt).toBe("dd/mm/yyyy");
    expect((first.getCell(4).value as Date).toISOString()).toBe("2024-05-13T00:00:00.000Z");
    expect(first.getCell(5).numFmt).toBe("dd/mm/yyyy hh:mm");
    expect((first.getCell(5).value as Date).toISOString()).toBe("2026-03-02T08:30:00.000Z");
    expect(sheet.getRow(3).getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getRow(3).getCell(2).value).toBe(itemAt(itemAt(rows, 1, "rows"), 1, "the second row"));
  });

  it("CSV: the same cells, formulas neutralised, negative numbers left alone", async () => {
    const csv = (await bytesOf(csvInThread({ header, rows }))).toString("utf8");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.slice(1).split("\r\n")).toEqual([
      "STT,Sản phẩm,Điểm,Ngày,Lúc",
      "1,Mỳ gạo Chũ,85.5,13/05/2024,02/03/2026 08:30",
      '2,"\'=HYPERLINK(""http://evil.example/"",""Xem"")",70,,',
      "3,'-2+3,-2,13/05/2024,",
      "",
    ]);
  });

  it("a generator of rows is read into the task (a stream of rows cannot cross to the thread)", async () => {
    function* generated() {
      for (let i = 1; i <= 3; i++) yield [i, `Sản phẩm ${i}`];
    }
    const csv = (await bytesOf(csvInThread({ header: ["STT", "Sản phẩm"], rows: generated() }))).toString("utf8");
    expect(csv.slice(1).trim().split("\r\n")).toEqual(["STT,Sản phẩm", "1,Sản phẩm 1", "2,Sản phẩm 2", "3,Sản phẩm 3"]);
  });
});

describe("drawing in the PDF thread", () => {
  it("draws the register's list, streamed in chunks, with every row and the Vietnamese text intact", async () => {
    const chunks: Uint8Array[] = [];
    for await (const chunk of pdfInThread(registerTask(120)) as unknown as AsyncIterable<Uint8Array>)
      chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(1);
    const bytes = Buffer.concat(chunks);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const { flat, totalPages } = await textOf(new Uint8Array(bytes));
    expect(totalPages).toBeGreaterThan(1);
    expect(flat).toContain("GCN-BN-2026-0001");
    expect(flat).toContain("GCN-BN-2026-0120");
    expect(flat).toContain("Mỳ gạo Chũ loại 120");
  });

  it("draws a round's results; two tasks at once both finish", async () => {
    const [minutes, list] = await Promise.all([
      pdfBufferInThread({ kind: "results", input: input() }),
      bytesOf(pdfInThread(registerTask(30))),
    ]);
    expect((await textOf(new Uint8Array(minutes))).flat).toContain("Vải thiều Lục Ngạn sấy khô");
    expect((await textOf(new Uint8Array(list))).flat).toContain("GCN-BN-2026-0030");
  });

  it("a download abandoned half-way is cancelled in the thread; the next one is whole", async () => {
    const reader = pdfInThread(registerTask(400)).getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    const { flat } = await textOf(new Uint8Array(await bytesOf(pdfInThread(registerTask(5)))));
    expect(flat).toContain("GCN-BN-2026-0005");
  });
});

describe("finding the thread's code", () => {
  it("runs the source through tsx, or the compiled build/start/pdf-thread.js next to a server build; none found means null", () => {
    expect(pdfThreadEntry(pathToFileURL(path.resolve("app/modules/print/pdf-thread.server.ts")).href)).toMatchObject({
      eval: true,
    });
    const build = fs.mkdtempSync(path.join(os.tmpdir(), "pdf-thread-"));
    try {
      fs.mkdirSync(path.join(build, "server"));
      const server = pathToFileURL(path.join(build, "server", "index.js")).href;
      expect(pdfThreadEntry(server)).toBeNull();
      fs.mkdirSync(path.join(build, "start"));
      fs.writeFileSync(path.join(build, "start", "pdf-thread.js"), "");
      expect(pdfThreadEntry(server)).toEqual({ code: path.join(build, "start", "pdf-thread.js"), eval: false });
    } finally {
      fs.rmSync(build, { recursive: true, force: true });
    }
  });
});
