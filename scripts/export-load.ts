// How an export of EXPORT_CAP rows weighs on the server (issue #9): for the register's CSV, Excel
// and PDF downloads, the longest time the event loop was held (what a request arriving meanwhile
// waits at worst), how long the file took, its size, and how much the process' memory grew during
// the export and after it. Not a test: the numbers depend on the machine.
//
//   node --expose-gc --import tsx scripts/export-load.ts [rows]
//
// A timer ticking every 5 ms measures the loop: the largest gap between two ticks, less 5 ms, is the
// longest a request would have queued. The rows are made up, as long as real ones.
import { monitorEventLoopDelay } from "node:perf_hooks";
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
const info = { source: "http://localhost/products", generatedAt: new Date(), filters: "", rows: N, total: N, cap: N, truncated: false };

const MB = 2 ** 20;
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function measure(name: string, make: () => ReadableStream<Uint8Array>) {
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
    `${name.padEnd(5)} ${String(N).padStart(5)} rows: ${(bytes / 1024).toFixed(0).padStart(5)} KiB in ${took.toFixed(0).padStart(6)} ms, first bytes after ${firstChunk.toFixed(0)} ms; ` +
      `event loop held at most ${gap.toFixed(0)} ms (p99 delay ${(histogram.percentile(99) / 1e6).toFixed(1)} ms); ` +
      `RSS +${((peak - rss0) / MB).toFixed(0)} MB at peak, +${((after - rss0) / MB).toFixed(0)} MB after`,
  );
}

console.log(`node ${process.version}, gc ${(globalThis as { gc?: unknown }).gc ? "exposed" : "not exposed (run with --expose-gc)"}`);
await measure("csv", () => registerCsv(table));
await measure("xlsx", () => registerXlsx(table, info, t));
await measure("pdf", () => registerPdf(table, info, t));
