// A national round's results (500 entries × 15 judges × 2 passes) loaded from the database and
// computed: scripts/bench/results-national.ts builds such a round in its own database (a fresh
// SQLite file, or a database created and dropped on the PostgreSQL server) and times
// load + compute, and the read of the results key that a reused results page does instead.
import { fmt, type Section } from "../context";
import { benchNationalResults } from "../results-national";

export const resultsNationalSection: Section = {
  name: "results",
  async run(ctx) {
    const figures = await benchNationalResults({
      database: ctx.provider === "postgresql" && ctx.opts.postgres ? { postgresUrl: ctx.opts.postgres } : "sqlite",
      runs: ctx.opts.quick ? 3 : 5,
      log: ctx.log,
    });
    const label = `national round results (${figures.entries} entries × ${figures.judges} judges, ${figures.sheets} sheets)`;
    return [
      {
        metric: `${label}: load + compute, wall ms (median)`,
        app: fmt(figures.loadAndCompute.median, 0),
        target: "< 300",
        pass: figures.loadAndCompute.median < 300,
      },
      {
        metric: `${label}: load + compute, CPU ms of the app process (median)`,
        app: fmt(figures.loadAndComputeCpu.median, 0),
        pass: null,
      },
      {
        metric: "results page reused (reads the results key only), wall ms (median)",
        app: fmt(figures.cacheKey.median, 0),
        pass: null,
      },
    ];
  },
};
