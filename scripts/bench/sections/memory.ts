// RSS of the app idle (after warm-up), at its peak under the public-path load, and over a long
// run of requests: growth from the first thousand to the end shows a leak.
import { fmt, signed, type Row, type Section } from "../context";
import { describeErrors, load } from "../load";
import { rssMb } from "../servers";
import { publicPaths } from "./public-paths";

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
    const r = await load(ctx.app, mixed, { connections: ctx.opts.connections, amount: total - first });
    await settle(1000);
    const end = rssMb(ctx.app.pid);
    const growth = end - after1k;
    rows.push({
      metric: `RSS growth from request ${first} to ${total} (MB)`,
      baseline: fmt(after1k, 0),
      app: fmt(end, 0),
      ratio: `${signed(growth, 1)} MB`,
      target: "≤ +10 MB",
      pass: growth <= 10 && r.errors === 0,
    });
    if (r.errors)
      rows.push({ metric: "  errors during the long run", app: describeErrors([r]), target: "0", pass: false });
    return rows;
  },
};
