// Requests/s, p50/p99 and CPU per request of each public path next to the bare route's, as the
// median ratio of alternating pairs. Also samples the app's RSS under this load (memory section).
import { fmt, pct, type Context, type Row, type Section } from "../context";
import { describeErrors, measurePairs, type RunResult, type Target } from "../load";
import { rssSampler } from "../servers";

/** The public paths of issue #9, with their targets (share of the bare route's requests/s). */
export function publicPaths(ctx: Pick<Context, "register">): Array<{ label: string; target: Target; min: number }> {
  const { sampleCodes, sampleProductIds } = ctx.register;
  return [
    { label: "/products", target: { paths: ["/products"] }, min: 0.7 },
    {
      label: "/products?q=my gao chu (search)",
      target: { paths: ["/products?q=my+gao+chu", "/products?q=che+tan+cuong", "/products?q=gom+bat+trang"] },
      min: 0.7,
    },
    {
      label: "/products?province&group&status&level",
      target: {
        paths: [
          "/products?province=BN&group=B&status=valid",
          "/products?region=NORTH&level=PROVINCE&group=A&status=valid&year=2025",
        ],
      },
      min: 0.7,
    },
    { label: "/products/<id>", target: { paths: sampleProductIds.map((id) => `/products/${id}`) }, min: 0.7 },
    { label: "/verify/<code> (HTML)", target: { paths: sampleCodes.map((c) => `/verify/${c}`) }, min: 0.7 },
    {
      label: "/verify/<code> (JSON)",
      target: { paths: sampleCodes.map((c) => `/verify/${c}`), headers: { Accept: "application/json" } },
      min: 0.7,
    },
    {
      label: "/api/products",
      target: { paths: ["/api/products", "/api/products?page=2", "/api/products?group=B&status=valid"] },
      min: 0.7,
    },
    { label: "/statistics", target: { paths: ["/statistics"] }, min: 0.5 },
  ];
}

export const BARE: Target = { paths: ["/"] };

export const publicPathsSection: Section = {
  name: "paths",
  async run(ctx) {
    const rows: Row[] = [];
    const sampler = rssSampler(ctx.app.pid, 200);
    const appRuns: RunResult[] = [];
    for (const p of publicPaths(ctx)) {
      ctx.log(`  ${p.label}`);
      const m = await measurePairs(
        { server: ctx.bare, target: BARE },
        { server: ctx.app, target: p.target },
        { ...ctx.opts, log: ctx.log },
      );
      appRuns.push(...m.pairs.map((pair) => pair.app));
      rows.push(
        {
          metric: `${p.label} req/s`,
          baseline: fmt(m.bare.rps, 0),
          app: fmt(m.app.rps, 0),
          ratio: `${pct(m.medianRatio)} (${pct(m.minRatio)}–${pct(m.maxRatio)})`,
          target: `≥ ${pct(p.min)}`,
          pass: m.medianRatio >= p.min,
        },
        {
          metric: `  p50 / p99 ms`,
          baseline: `${fmt(m.bare.p50)} / ${fmt(m.bare.p99)}`,
          app: `${fmt(m.app.p50)} / ${fmt(m.app.p99)}`,
          pass: null,
        },
        {
          metric: `  CPU ms/request`,
          baseline: fmt(m.bare.cpuPerRequestMs, 2),
          app: fmt(m.app.cpuPerRequestMs, 2),
          ratio: `${fmt(m.app.cpuPerRequestMs / m.bare.cpuPerRequestMs, 1)}×`,
          pass: null,
        },
      );
    }
    ctx.shared.peakRssUnderLoadMb = sampler.stop();
    const errors = describeErrors(appRuns);
    if (appRuns.some((r) => r.errorKinds["5xx"]))
      ctx.log(`  the app's last output:\n${ctx.app.logTail(30).replace(/^/gm, "    | ")}`);
    rows.push({ metric: "errors on public paths (measured runs)", app: errors, target: "0", pass: errors === "0" });
    return rows;
  },
};
