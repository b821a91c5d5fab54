// Preloaded (`node --import`) into the benchmark's server processes only, never into the app's
// own start: answers the benchmark over the IPC channel with the event loop's delay since the
// last reset (perf_hooks.monitorEventLoopDelay) and where the process' memory is (V8 heap, memory
// outside it, RSS). On request it writes a V8 heap snapshot (BENCH_HEAP_SNAPSHOTS, memory
// section) or runs a full garbage collection first (when started with --expose-gc). Plain
// JavaScript so it loads before any TypeScript loader.
import { monitorEventLoopDelay } from "node:perf_hooks";
import v8 from "node:v8";

const MB = 1048576;

if (process.send) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  process.channel?.unref();
  process.on("message", (message) => {
    if (!message || message.type !== "bench:probe") return;
    if (message.gc && typeof globalThis.gc === "function") globalThis.gc();
    const snapshot = message.heapSnapshot ? v8.writeHeapSnapshot(message.heapSnapshot) : undefined;
    const mem = process.memoryUsage();
    const heap = v8.getHeapStatistics();
    process.send?.({
      type: "bench:probe",
      id: message.id,
      maxDelayMs: delay.max / 1e6,
      p99DelayMs: delay.percentile(99) / 1e6,
      heapUsedMb: mem.heapUsed / MB,
      heapTotalMb: mem.heapTotal / MB,
      externalMb: mem.external / MB,
      arrayBuffersMb: mem.arrayBuffers / MB,
      mallocedMb: heap.malloced_memory / MB,
      rssMb: mem.rss / MB,
      snapshot,
    });
    if (message.reset) delay.reset();
  });
}
