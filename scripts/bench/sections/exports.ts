// How much an export of the register (up to 5,000 rows) delays a concurrent light request, and
// what it costs in memory: `/verify/<code>` as JSON is polled every 100 ms while one export runs;
// RSS is sampled during the export and read again a few seconds after it. Above
// EXPORT_JOB_MIN_ROWS (default 1,000) an export is a background job (decision 042): the request
// answers 303 to its progress page, the server's in-process job worker makes the file, and the
// download is polled (409 until ready) — the wait and the worst /verify cover all of it. Run with
// EXPORT_JOB_MIN_ROWS=1000000 to measure the direct (streamed) path instead; each row says which.
import { fmt, signed, type Context, type Row, type Section } from "../context";
import { autogroupOf, childrenRssMb, childrenSampler, rssMb, rssSampler, schedMs } from "../servers";

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls a light request every 100 ms until stopped; returns the worst latency (ms) and failures. */
function poll(ctx: Context) {
  const url = `${ctx.app.url}/verify/${ctx.register.sampleCodes[0]}`;
  let worst = 0;
  let count = 0;
  const times: number[] = [];
  let failures = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const t0 = performance.now();
      try {
        const res = await fetch(url, { headers: { Accept: "application/json" } });
        await res.arrayBuffer();
        if (res.status >= 400) failures++;
      } catch {
        failures++;
      }
      const ms = performance.now() - t0;
      worst = Math.max(worst, ms);
      times.push(ms);
      count++;
      await settle(Math.max(0, 100 - ms));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      times.sort((a, b) => a - b);
      // The worst of more polls is larger by itself under a heavy-tailed load: the 90th percentile compares windows of different lengths.
      const p90 = times[Math.min(times.length - 1, Math.floor(times.length * 0.9))] ?? NaN;
      return { worst, count, failures, p90 };
    },
  };
}

/**
 * One export of the whole register: the direct download, or — when the server answers 303 to a
 * progress page — the job's file, fetched from /exports/<id>/download once it is ready.
 */
async function exportFile(
  ctx: Context,
  format: string,
): Promise<{ res: Response; bytes: number; path: "direct" | "job" }> {
  const res = await fetch(`${ctx.app.url}/products/export?format=${format}`, { redirect: "manual" });
  const location = res.headers.get("Location");
  if (res.status !== 303 || !location) return { res, bytes: (await res.arrayBuffer()).byteLength, path: "direct" };
  await res.arrayBuffer();
  const deadline = performance.now() + 10 * 60_000;
  for (;;) {
    const file = await fetch(`${ctx.app.url}${location}/download`);
    const body = await file.arrayBuffer();
    if (file.status !== 409 || performance.now() > deadline) return { res: file, bytes: body.byteLength, path: "job" };
    await settle(250);
  }
}

/** The main thread's time on a CPU and in the run queue, per second of the window. */
function perSecond(a: { cpuMs: number; waitMs: number }, b: { cpuMs: number; waitMs: number }, ms: number): string {
  const per = 1000 / ms;
  return `${fmt((b.cpuMs - a.cpuMs) * per, 0)} / ${fmt((b.waitMs - a.waitMs) * per, 0)}`;
}

export const exportsSection: Section = {
  name: "exports",
  async run(ctx) {
    const rows: Row[] = [];
    // Without an export running: the poller's own worst latency, as the baseline.
    await ctx.app.probe(true);
    const sched0 = schedMs(ctx.app.pid);
    const q0 = performance.now();
    const idle = poll(ctx);
    await settle(10_000);
    const quiet = await idle.stop();
    const quietLoop = await ctx.app.probe(true);
    const quietSched = perSecond(sched0, schedMs(ctx.app.pid), performance.now() - q0);
    ctx.log(
      `  quiet: /verify worst ${quiet.worst.toFixed(0)} ms, p90 ${quiet.p90.toFixed(0)} ms; server main thread per s: ${quietSched}; server ${autogroupOf(ctx.app.pid)}`,
    );
    for (const format of ["xlsx", "csv", "pdf"] as const) {
      await settle(1500);
      const before = rssMb(ctx.app.pid);
      const sampler = rssSampler(ctx.app.pid, 50);
      // The export job's child process (decision 047) is not in the server's RSS: sampled apart.
      const childSampler = rssSampler(ctx.app.pid, 50, childrenRssMb);
      const children = childrenSampler(ctx.app.pid);
      await ctx.app.probe(true);
      const s0 = schedMs(ctx.app.pid);
      const poller = poll(ctx);
      const t0 = performance.now();
      const { res, bytes, path } = await exportFile(ctx, format);
      const exportMs = performance.now() - t0;
      const inside = await ctx.app.probe(true);
      const p = await poller.stop();
      const peak = sampler.stop();
      const childPeak = childSampler.stop();
      const sched = perSecond(s0, schedMs(ctx.app.pid), exportMs);
      const kids = children.stop();
      await settle(3000);
      const after = rssMb(ctx.app.pid);
      const ok = res.status === 200;
      ctx.log(
        `  ${format} (${path}): ${res.status}, ${(bytes / 1024).toFixed(0)} KB in ${exportMs.toFixed(0)} ms; /verify polled ${p.count}×, worst ${p.worst.toFixed(0)} ms, p90 ${p.p90.toFixed(0)} ms`,
      );
      const childText = kids.length
        ? kids.map((k) => `${fmt(k.cpuMs, 0)} ms CPU, nice ${k.nice}, ${k.autogroup || "no autogroup"}`).join("; ")
        : "none seen";
      ctx.log(`    server main thread per s: ${sched}; child: ${childText}`);
      rows.push(
        {
          metric: `export ${format} ${path} (${fmt(bytes / 1024, 0)} KB, ${fmt(exportMs / 1000, 1)} s): worst /verify wait (ms)`,
          baseline: fmt(quiet.worst, 0),
          app: fmt(p.worst, 0),
          target: "≤ 100",
          pass: ok && p.worst <= 100 && p.failures === 0,
        },
        {
          metric: "  server event-loop delay, max / p99 (ms)",
          baseline: `${fmt(quietLoop.maxDelayMs, 0)} / ${fmt(quietLoop.p99DelayMs, 0)}`,
          app: `${fmt(inside.maxDelayMs, 0)} / ${fmt(inside.p99DelayMs, 0)}`,
          target: "max ≤ 100",
          pass: inside.maxDelayMs <= 100,
        },
        {
          metric: `  RSS before → peak → 3 s after (MB)`,
          app: `${fmt(before, 0)} → ${fmt(peak, 0)} → ${fmt(after, 0)}`,
          ratio: `${signed(peak - before)} / ${signed(after - before)}`,
          target: "peak ≤ +50, after ≤ +10",
          pass: peak - before <= 50 && after - before <= 10,
        },
        { metric: "  child processes' RSS, peak (MB; the export job's process)", app: fmt(childPeak, 0), pass: null },
        { metric: "  /verify p90 (ms)", baseline: fmt(quiet.p90, 0), app: fmt(p.p90, 0), pass: null },
        {
          metric: "  server main thread per s: on a CPU / waiting for one (ms)",
          baseline: quietSched,
          app: sched,
          pass: null,
        },
        { metric: "  export child: CPU, nice, scheduler group", app: childText, pass: null },
      );
      if (!ok)
        rows.push({ metric: `  export ${format} answered`, app: String(res.status), target: "200", pass: false });
    }
    return rows;
  },
};
