// A national round's results (500 entries × 15 judges × 2 passes) loaded and computed: measured
// by scripts/bench/results-national.ts when that module exists (written with the judging work).
// Its contract: export `measureResultsNational(args)` (or a default function) taking
// { db, databaseUrl, provider } and returning the milliseconds (a number, or { ms }).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { fmt, type Section } from "../context";

const MODULE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../results-national.ts");
type Measure = (args: { db: unknown; databaseUrl: string; provider: string }) => Promise<number | { ms?: number; medianMs?: number }>;

export const resultsNationalSection: Section = {
  name: "results",
  async run(ctx) {
    const metric = "national round results (500 entries × 15 judges × 2 passes) ms";
    if (!fs.existsSync(MODULE)) return [{ metric, app: "not measured", target: "< 300", pass: null }];
    const mod = (await import(pathToFileURL(MODULE).href)) as Record<string, unknown>;
    const measure = (mod.measureResultsNational ?? mod.default) as Measure | undefined;
    if (typeof measure !== "function") return [{ metric, app: "not measured (no measureResultsNational export)", target: "< 300", pass: null }];
    const out = await measure({ db: ctx.database.db, databaseUrl: ctx.database.url, provider: ctx.provider });
    const ms = typeof out === "number" ? out : (out.ms ?? out.medianMs ?? NaN);
    return [{ metric, app: fmt(ms, 0), target: "< 300", pass: ms < 300 }];
  },
};
