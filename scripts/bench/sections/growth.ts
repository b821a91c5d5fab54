// How the per-request cost grows with the register: the app on a small and a large register
// (1,000 and 20,000 certificates by default), both running, measured in alternating runs; the
// median of CPU per request and of p50 on each, and their ratio (large / small).
import { createDatabase, generateRegister, type Register } from "../data";
import { fmt, type Row, type Section } from "../context";
import { load, median } from "../load";
import { startApp, type Server } from "../servers";
import { publicPaths } from "./public-paths";

export const growthSection: Section = {
  name: "growth",
  enabled: (opts) => opts.growth,
  async run(ctx) {
    const { growthFrom: small, growthTo: large } = ctx.opts;
    const sides: Array<{ register: Register; app: Server; paths: ReturnType<typeof publicPaths> }> = [];
    const cleanup: Array<() => Promise<void>> = [];
    const rows: Row[] = [];
    try {
      for (const size of [small, large]) {
        ctx.log(`  generating ${size} certificates`);
        const database = await createDatabase({ provider: ctx.provider, dir: ctx.dir, name: `growth${size}`, pgUrl: ctx.opts.postgres });
        cleanup.unshift(() => database.drop());
        const register = await generateRegister(database.db, size);
        const app = await startApp({ databaseUrl: database.url, dataDir: ctx.dir });
        cleanup.unshift(() => app.stop());
        sides.push({ register, app, paths: publicPaths({ register }) });
      }
      const [s, l] = sides;
      for (let i = 0; i < s.paths.length; i++) {
        const label = s.paths[i].label;
        const runs = { small: [] as Array<{ cpu: number; p50: number }>, large: [] as Array<{ cpu: number; p50: number }> };
        for (const side of sides) await load(side.app, side.paths[i].target, { connections: ctx.opts.connections, amount: ctx.opts.warmup });
        for (let k = 0; k < ctx.opts.pairs; k++) {
          for (const [key, side] of [["small", s], ["large", l]] as const) {
            const r = await load(side.app, side.paths[i].target, { connections: ctx.opts.connections, duration: ctx.opts.duration });
            runs[key].push({ cpu: r.cpuPerRequestMs, p50: r.p50 });
          }
        }
        const cpuS = median(runs.small.map((r) => r.cpu));
        const cpuL = median(runs.large.map((r) => r.cpu));
        const ratio = cpuL / cpuS;
        ctx.log(`  ${label}: CPU ms/request ${fmt(cpuS, 2)} → ${fmt(cpuL, 2)} (${fmt(ratio, 2)}×)`);
        rows.push(
          { metric: `growth ${label} CPU ms/request (${s.register.certificates} → ${l.register.certificates})`, baseline: fmt(cpuS, 2), app: fmt(cpuL, 2), ratio: `${fmt(ratio, 2)}×`, target: "≤ 1.5×", pass: ratio <= 1.5 },
          { metric: `  p50 ms`, baseline: fmt(median(runs.small.map((r) => r.p50))), app: fmt(median(runs.large.map((r) => r.p50))), pass: null },
        );
      }
    } finally {
      for (const step of cleanup) await step();
    }
    return rows;
  },
};
