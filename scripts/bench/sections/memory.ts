// RSS of the app idle (after warm-up; after the path section when it ran), at its peak under the
// public-path load, and over a long run of requests: growth from the first thousand to the end
// shows a leak. Beside the RSS, where the memory is (V8's heap, Buffers outside it; the rest is
// native: malloc arenas, code, the node binary), read by the probe (scripts/bench/probe.js):
// the V8 heap in use staying flat while RSS climbs points at native memory, not at a JavaScript
// leak. BENCH_HEAP_SNAPSHOTS=DIR writes heap snapshots to compare by constructor (a snapshot
// itself raises the RSS it is taken in, so such a run's RSS figures are not comparable).
import path from "node:path";
import { itemAt } from "../../../app/utils/arrays";
import { fmt, signed, type Row, type Section } from "../context";
import { describeErrors, load } from "../load";
import { rssMb } from "../servers";
import { publicPaths } from "./public-paths";

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** BENCH_HEAP_SNAPSHOTS=DIR: the app writes a V8 heap snapshot there after the first 1,000 requests and at the end. */
const SNAPSHOT_DIR = process.env.BENCH_HEAP_SNAPSHOTS;

export const memorySection: Section = {
  name: "memory",
  async run(ctx) {
    const rows: Row[] = [];
    const mixed = { paths: publicPaths(ctx).flatMap((p) => (p.target.headers ? [] : p.target.paths)) };
    await settle(2000);
    const idle = rssMb(ctx.app.pid);
    const bareIdle = rssMb(ctx.bare.pid);
    rows.push({
      metric: "RSS idle (MB)",
      baseline: fmt(bareIdle, 0),
      app: fmt(idle, 0),
      target: "< 200",
      pass: idle < 200,
    });
    if (ctx.shared.peakRssUnderLoadMb !== undefined) {
      const peak = ctx.shared.peakRssUnderLoadMb;
      rows.push({
        metric: "RSS peak under the public-path load (MB)",
        app: fmt(peak, 0),
        target: "< 300",
        pass: peak < 300,
      });
    }
    const total = ctx.opts.leakRequests;
    const first = Math.min(1000, Math.round(total / 10));
    await load(ctx.app, mixed, { connections: ctx.opts.connections, amount: first });
    await settle(1000);
    const after1k = rssMb(ctx.app.pid);
    const at1k = await ctx.app.probe(false, snapshot(ctx.provider, first));
    // In three parts, RSS read after each: one reading at each end cannot tell a steady climb
    // (a leak) from RSS moving up and down with the moment V8 and malloc hand memory back.
    const series = [after1k];
    const runs = [];
    for (let part = 0, done = first; part < 3; part++) {
      const amount = part < 2 ? Math.round((total - first) / 3) : total - done;
      runs.push(await load(ctx.app, mixed, { connections: ctx.opts.connections, amount }));
      done += amount;
      await settle(1000);
      series.push(rssMb(ctx.app.pid));
    }
    const r = { errors: runs.reduce((n, run) => n + run.errors, 0) };
    const end = itemAt(series, series.length - 1, "the RSS readings");
    const atEnd = await ctx.app.probe(false, snapshot(ctx.provider, total));
    for (const s of [at1k.snapshot, atEnd.snapshot]) if (s) ctx.log(`  heap snapshot: ${s}`);
    const growth = end - after1k;
    rows.push({
      metric: `RSS growth from request ${first} to ${total} (MB)`,
      baseline: fmt(after1k, 0),
      app: fmt(end, 0),
      ratio: `${signed(growth, 1)} MB`,
      target: "≤ +10 MB",
      pass: growth <= 10 && r.errors === 0,
    });
    // Where the growth is: V8's heap (JavaScript objects), memory outside it held by JavaScript
    // (Buffers), or neither (native allocations, malloc arenas, code): read beside the RSS.
    rows.push(
      {
        metric: "  V8 heap in use / reserved (MB)",
        baseline: `${fmt(at1k.heapUsedMb, 0)} / ${fmt(at1k.heapTotalMb, 0)}`,
        app: `${fmt(atEnd.heapUsedMb, 0)} / ${fmt(atEnd.heapTotalMb, 0)}`,
        ratio: `${signed(atEnd.heapUsedMb - at1k.heapUsedMb, 1)} / ${signed(atEnd.heapTotalMb - at1k.heapTotalMb, 1)} MB`,
        pass: null,
      },
      {
        metric: "  outside the heap: external (Buffers) (MB)",
        baseline: `${fmt(at1k.externalMb, 0)} (${fmt(at1k.arrayBuffersMb, 0)})`,
        app: `${fmt(atEnd.externalMb, 0)} (${fmt(atEnd.arrayBuffersMb, 0)})`,
        ratio: `${signed(atEnd.externalMb - at1k.externalMb, 1)} MB`,
        pass: null,
      },
    );
    rows.push({
      metric: "  RSS after each part of the run (MB)",
      app: series.map((mb) => fmt(mb, 0)).join(" → "),
      pass: null,
    });
    if (r.errors)
      rows.push({ metric: "  errors during the long run", app: describeErrors(runs), target: "0", pass: false });
    return rows;
  },
};

function snapshot(provider: string, requests: number) {
  return SNAPSHOT_DIR ? { heapSnapshot: path.resolve(SNAPSHOT_DIR, `${provider}-${requests}.heapsnapshot`) } : {};
}
