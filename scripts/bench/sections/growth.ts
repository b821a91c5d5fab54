// How the per-request cost grows with the register: the app on a small and a large register
// (1,000 and 20,000 certificates by default), both running, measured in alternating runs; the
// median of CPU per request and of p50 on each, and their ratio (large / small).
import { createDatabase, generateRegister, type Register } from "../data";
import { itemAt } from "../../../app/utils/arrays";
import { fmt, type Row, type Section } from "../context";
import { median, pacedRun, warm } from "../load";
import { startApp, type Server } from "../servers";
import { publicPaths } from "./public-paths";

export const growthSection: Section = {
  name: "growth",
  enabled: (opts) => opts.growth,
  async run(ctx) {
    const { growthFrom: small, growthTo: large } = ctx.opts;
    const rows: Row[] = [];
    const sides: Array<{ register: Register; app: Server; paths: ReturnType<typeof publicPaths> }> = [];
    /** Starts one side (database, register, server), then the next, then measures; each cleaned up. */
    const up = async ([size, ...rest]: number[]): Promise<void> => {
      if (size === undefined) return measure();
      ctx.log(`  generating ${size} certificates`);
      const database = await createDatabase({
        provider: ctx.provider,
        dir: ctx.dir,
        name: `growth${size}`,
        pgUrl: ctx.opts.postgres,
      });
      await ctx.withCleanup(
        () => database.drop(),
        async () => {
          const register = await generateRegister(database.db, size);
          const app = await startApp({ databaseUrl: database.url, dataDir: ctx.dir });
          await ctx.withCleanup(app.stop, async () => {
            sides.push({ register, app, paths: publicPaths({ register }) });
            await up(rest);
          });
        },
      );
    };
    const measure = async () => {
      const s = itemAt(sides, 0, "sides");
      const l = itemAt(sides, 1, "sides");
      for (const [i, { label }] of s.paths.entries()) {
        const runs = {
          small: [] as Array<{ cpu: number; p50: number }>,
          large: [] as Array<{ cpu: number; p50: number }>,
        };
        const paces = [];
        for (const side of sides)
          paces.push({
            rps: (
              await warm(side.app, itemAt(side.paths, i, "paths").target, {
                ...ctx.opts,
                maxSeconds: Math.max(5, 2 * ctx.opts.duration),
              })
            ).rps,
          });
        for (let k = 0; k < ctx.opts.pairs; k++) {
          for (const [key, side, pace] of [
            ["small", s, itemAt(paces, 0, "paces")],
            ["large", l, itemAt(paces, 1, "paces")],
          ] as const) {
            const r = await pacedRun(side.app, itemAt(side.paths, i, "paths").target, ctx.opts, pace);
            runs[key].push({ cpu: r.cpuPerRequestMs, p50: r.p50 });
          }
        }
        const cpuS = median(runs.small.map((r) => r.cpu));
        const cpuL = median(runs.large.map((r) => r.cpu));
        const ratio = cpuL / cpuS;
        ctx.log(`  ${label}: CPU ms/request ${fmt(cpuS, 2)} → ${fmt(cpuL, 2)} (${fmt(ratio, 2)}×)`);
        rows.push(
          {
            metric: `growth ${label} CPU ms/request (${s.register.certificates} → ${l.register.certificates})`,
            baseline: fmt(cpuS, 2),
            app: fmt(cpuL, 2),
            ratio: `${fmt(ratio, 2)}×`,
            target: "≤ 1.5×",
            pass: ratio <= 1.5,
          },
          {
            metric: `  p50 ms`,
            baseline: fmt(median(runs.small.map((r) => r.p50))),
            app: fmt(median(runs.large.map((r) => r.p50))),
            pass: null,
          },
        );
      }
    };
    await up([small, large]);
    return rows;
  },
};
