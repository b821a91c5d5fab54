// The export job's child writes the register's rows as it reads them (docs/decisions/051): the
// database is read one page (one query) at a time, only when the writer has come to it, and the
// writers (CSV, Excel, PDF) pull their rows only as fast as their file is consumed — a source that
// would be drained up front fails these tests. Real database (SQLite, or PostgreSQL with
// TEST_POSTGRES_URL) for the reading; made-up rows for the writers.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { registerExportFile, registerExportFileInPages } from "~/modules/exports/files.server";
import { stopPdfThread } from "~/modules/print/pdf-thread.server";
import { registerPdf, type ExportInfo } from "~/modules/register/export.server";
import { parseRegisterFilters } from "~/modules/register/filters";
import { exportRegister, exportRegisterPages } from "~/modules/register/register.server";
import { prisma } from "~/utils/db.server";
import { getT } from "~/utils/i18n";
import { csvStream, rowsOfPages, xlsxStream, type Cell } from "~/utils/spreadsheet.server";

beforeAll(async () => {
  await seed(prisma, { demo: true, demoRound: true });
}, 240_000);
afterAll(() => stopPdfThread());

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
const filters = (query: string) => parseRegisterFilters(new URLSearchParams(query)).filters;

describe("the register read for the export job, page by page", () => {
  test("reads one page per query, only when the previous one has been taken, and finds exportRegister's rows", async () => {
    for (const query of ["?sort=name", "?sort=level"]) {
      const queries: number[] = [];
      // The database as the export sees it, counting the pages it asks for.
      const db = new Proxy(prisma, {
        get(target, key) {
          if (key !== "certificate") return Reflect.get(target, key);
          return new Proxy(target.certificate, {
            get(model, method) {
              const fn = Reflect.get(model, method) as (...args: unknown[]) => unknown;
              if (method !== "findMany") return typeof fn === "function" ? fn.bind(model) : fn;
              return (args: { take: number }) => {
                queries.push(args.take);
                return fn.call(model, args);
              };
            },
          });
        },
      });
      const list = await exportRegisterPages(filters(query), { db, pageSize: 3 });
      expect(list.rows).toBeGreaterThan(6);
      expect(queries, "nothing is read before the rows are asked for").toEqual([]);
      const seen: string[] = [];
      let pages = 0;
      for await (const page of list.pages()) {
        pages++;
        expect(page.length).toBeLessThanOrEqual(3);
        // The next page is not read before this one is written.
        expect(queries.length).toBe(pages);
        seen.push(...page.map((r) => r.serial));
      }
      expect(queries.every((take) => take <= 3)).toBe(true);
      const whole = await exportRegister(filters(query));
      expect(seen).toEqual(whole.rows.map((r) => r.serial));
      expect(list.rows).toBe(whole.rows.length);
    }
  });

  test("the paged file is the direct download's: CSV byte for byte, Excel and PDF alike", async () => {
    const now = new Date("2026-12-06T10:00:00Z");
    for (const query of ["?sort=name", "?sort=level&status=valid"]) {
      const direct = await registerExportFile(filters(query), "csv", "vi", now);
      const paged = await registerExportFileInPages(filters(query), "csv", "vi", now, 2);
      expect(paged.rows).toBeGreaterThan(3);
      expect(paged.rows).toBe(direct.rows);
      expect((await bytesOf(paged.body)).toString("utf8")).toBe((await bytesOf(direct.body)).toString("utf8"));
    }
    for (const format of ["xlsx", "pdf"] as const) {
      const direct = await bytesOf((await registerExportFile(filters("?sort=name"), format, "vi", now)).body);
      const paged = await bytesOf((await registerExportFileInPages(filters("?sort=name"), format, "vi", now, 2)).body);
      // Both carry their own zip/PDF timestamps and ids: same length, same kind of file.
      expect(paged.subarray(0, 4).equals(direct.subarray(0, 4))).toBe(true);
      expect(Math.abs(paged.length - direct.length)).toBeLessThan(64);
    }
  }, 120_000);
});

describe("the writers pull rows only as their file is consumed", () => {
  const ROWS = 20_000;
  const PAGE = 250;
  /** A PDF of 5,000 rows takes seconds to lay out, twice. */
  const PDF_ROWS = 5_000;
  /** Pages of made-up register rows, counting the rows handed out. */
  function source(rows = ROWS) {
    const counter = { pulled: 0 };
    async function* pages(): AsyncGenerator<Cell[][]> {
      for (let start = 0; start < rows; start += PAGE) {
        const page = Array.from({ length: PAGE }, (_, k): Cell[] => {
          const i = start + k;
          return [`GCN-BN-2026-${String(i).padStart(5, "0")}`, `Sản phẩm số ${i} — mỳ gạo Chũ`, "A", `HTX thôn ${i}`];
        });
        counter.pulled += page.length;
        yield page;
      }
    }
    return { counter, pages };
  }
  /** Until the source has not been pulled for a while (the writer waits for its reader). */
  async function stalled(counter: { pulled: number }, atLeast = 0) {
    while (counter.pulled < atLeast) await new Promise((resolve) => setTimeout(resolve, 100));
    let last = -1;
    while (counter.pulled !== last) {
      last = counter.pulled;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    return last;
  }
  const header = ["Số", "Sản phẩm", "Nhóm", "Chủ thể"];

  test("CSV", async () => {
    const { counter, pages } = source();
    const body = csvStream({ header, rows: rowsOfPages(pages()) });
    const before = await stalled(counter);
    expect(before).toBeLessThan(ROWS / 4);
    const text = (await bytesOf(body)).toString("utf8");
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(ROWS + 1);
    expect(counter.pulled).toBe(ROWS);
  }, 120_000);

  test("Excel", async () => {
    const { counter, pages } = source();
    const body = xlsxStream([{ name: "Danh sách", widths: [20, 30, 6, 30], header, rows: rowsOfPages(pages()) }], {
      creator: "Tiêu Biểu",
    });
    const before = await stalled(counter);
    expect(before).toBeLessThan(ROWS / 2);
    const bytes = await bytesOf(body);
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(counter.pulled).toBe(ROWS);
  }, 120_000);

  test("PDF: the rows are read twice (pages counted, then drawn), the second time as the file is consumed", async () => {
    const { counter, pages } = source(PDF_ROWS);
    const info: ExportInfo = {
      source: "http://localhost/products",
      generatedAt: new Date(),
      filters: "",
      rows: PDF_ROWS,
      total: PDF_ROWS,
      cap: PDF_ROWS,
      truncated: false,
    };
    const cols = Array.from({ length: 11 }, (_, i) => `Cột ${i + 1}`);
    const wide = async function* () {
      for await (const page of pages()) yield page.map((cells) => [...cells, "", "", "", "", "", "", ""]);
    };
    const body = registerPdf({ header: cols, rows: wide }, info, getT("vi"));
    // The first drawing only counts pages and writes nothing: it reads every row; the second waits for the reader.
    const before = await stalled(counter, PDF_ROWS);
    expect(before).toBeLessThan(PDF_ROWS + PDF_ROWS / 2);
    const bytes = await bytesOf(body);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(counter.pulled).toBe(2 * PDF_ROWS);
  }, 240_000);
});
