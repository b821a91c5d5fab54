// Preloaded (`node --import`) into the benchmark's server processes only, never into the app's
// own start: answers the benchmark over the IPC channel with the event loop's delay since the
// last reset (perf_hooks.monitorEventLoopDelay) and the heap in use. Plain JavaScript so it
// loads before any TypeScript loader.
import { monitorEventLoopDelay } from "node:perf_hooks";

if (process.send) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  process.channel?.unref();
  process.on("message", (message) => {
    if (!message || message.type !== "bench:probe") return;
    process.send?.({
      type: "bench:probe",
      id: message.id,
      maxDelayMs: delay.max / 1e6,
      p99DelayMs: delay.percentile(99) / 1e6,
      heapUsedMb: process.memoryUsage().heapUsed / 1048576,
    });
    if (message.reset) delay.reset();
  });
}
