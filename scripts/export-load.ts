// How an export of EXPORT_CAP rows weighs on the server (issue #9): for the register's CSV, Excel
// and PDF downloads, the longest time the event loop was held (what a request arriving meanwhile
// waits at worst), how long the file took, its size, and how much the process' memory grew during
// the export and after it. Not a test: the numbers depend on the machine.
//
//   node --expose-gc --import tsx scripts/export-load.ts [rows]
//
// A timer ticking every 5 ms measures the loop: the largest gap between two ticks, less 5 ms, is the
// longest a request would have queued. The rows are made up, as long as real ones.
//
// PDFs are measured twice (docs/decisions/019): "pdf" and "resultsPdf" drawn on this event loop
// (the register's time-sliced writer of decision 013; the results' minutes in one go, as the routes
// did before), and "pdf@thread" / "resultsPdf@thread" through pdfInThread, as the routes do now.
// The thread is started (and its code loaded) by a warm-up before the measured runs.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { pdfBufferInThread, pdfInThread, stopPdfThread } from "~/modules/print/pdf-thread.server";
import { renderResultsPdf, type ResultsPrint } from "~/modules/print/results-pdf.server";
import { registerCsv, registerPdf, registerXlsx } from "~/modules/register/export.server";
import { EXPORT_CAP } from "~/modules/register/filters";
import { getT } from "~/utils/i18n";

const t = getT("vi");
const N = Number(process.argv[2] ?? EXPORT_CAP);
const header = Array.from({ length: 11 }, (_, i) => `Cột ${i + 1}`);
const rows = Array.from({ length: N }, (_, i) => [
  `GCN-BN-2026-${String(i).padStart(5, "0")}`,
  `Sản phẩm thử nghiệm số ${i} — mỳ gạo Chũ đặc biệt`,
  "A",
  `Hợp tác xã nông nghiệp thôn ${i} xã Nam Dương`,
  "Bắc Giang (nay là Bắc Ninh)",
  "Cấp tỉnh",
  "Cấp tỉnh Bắc Ninh",
  "2026",
  "01/02/2026",
  "31/12/2029",
  "Còn hiệu lực",
]);
const table = { header, rows };
const info = {
  source: "http://localhost/products",
  generatedAt: new Date(),
  filters: "",
  rows: N,
  total: N,
  cap: N,
  truncated: false,
};

const MB = 2 ** 20;
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function measure(name: string, make: () => ReadableStream<Uint8Array>, rowCount = N) {
  gc();
  await sleep(50);
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  let last = performance.now();
  let gap = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    gap = Math.max(gap, now - last - 5);
    last = now;
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  await sleep(10);
  const started = performance.now();
  let firstChunk = 0;
  let bytes = 0;
  for await (const chunk of make() as unknown as AsyncIterable<Uint8Array>) {
    if (!bytes) firstChunk = performance.now() - started;
    bytes += chunk.byteLength;
  }
  const took = performance.now() - started;
  await sleep(30);
  histogram.disable();
  clearInterval(tick);
  gc();
  await sleep(100);
  gc();
  const after = process.memoryUsage().rss;
  console.log(
    `${name.padEnd(17)} ${String(rowCount).padStart(5)} rows: ${(bytes / 1024).toFixed(0).padStart(5)} KiB in ${took.toFixed(0).padStart(6)} ms, first bytes after ${firstChunk.toFixed(0)} ms; ` +
      `event loop held at most ${gap.toFixed(0)} ms (p99 delay ${(histogram.percentile(99) / 1e6).toFixed(1)} ms); ` +
      `RSS +${((peak - rss0) / MB).toFixed(0)} MB at peak, +${((after - rss0) / MB).toFixed(0)} MB after`,
  );
}

console.log(
  `node ${process.version}, gc ${(globalThis as { gc?: unknown }).gc ? "exposed" : "not exposed (run with --expose-gc)"}`,
);
await measure("csv", () => registerCsv(table));
await measure("xlsx", () => registerXlsx(table, info, t));
await measure("pdf", () => registerPdf(table, info, t));

// A national round's results: 500 entries in four groups.
const RESULT_ROWS = 500;
const results: ResultsPrint = {
  councilName: "Hội đồng bình chọn sản phẩm CNNT tiêu biểu cấp quốc gia",
  roundName: "Bình chọn sản phẩm CNNT tiêu biểu cấp quốc gia năm 2025",
  passLine: 70,
  pass: 1,
  generatedAt: new Date(),
  finalisedAt: null,
  groups: (["A", "B", "C", "D"] as const).map((group) => ({
    group,
    rows: Array.from({ length: RESULT_ROWS / 4 }, (_, i) => ({
      rank: i + 1,
      code: `${group}-${String(i + 1).padStart(3, "0")}`,
      productName: `Sản phẩm thử nghiệm số ${i} — mỳ gạo Chũ đặc biệt`,
      establishmentName: `Hợp tác xã nông nghiệp thôn ${i} xã Nam Dương`,
      sheets: 15,
      mean: 90 - i * 0.1,
      min: 80,
      max: 95,
      passed: true,
      votesFor: 9,
      votesAgainst: 1,
      votesAbstain: 0,
      recognised: true,
    })),
  })),
};
const once = (bytes: Promise<Buffer>) =>
  new ReadableStream<Uint8Array>({ start: async (c) => (c.enqueue(new Uint8Array(await bytes)), c.close()) });
await measure("resultsPdf", () => once(renderResultsPdf(results)), RESULT_ROWS);

// Warm-up: the thread starts and loads its code once per process.
await pdfBufferInThread({ kind: "register", table: { header, rows: rows.slice(0, 10) }, info, locale: "vi" });
await measure("pdf@thread", () => pdfInThread({ kind: "register", table, info, locale: "vi" }));
await measure("resultsPdf@thread", () => once(pdfBufferInThread({ kind: "results", input: results })), RESULT_ROWS);
await stopPdfThread();
