// `npm run bench`: the performance benchmark of issue #9 (see README "Benchmark" and
// docs/decisions/011-benchmark.md). Not a test: it prints figures next to their targets and
// exits 0 either way.
//
//   npm run bench -- [--quick] [--postgres URL] [--growth] [--large] [--only paths,exports] …
//
// For SQLite (and PostgreSQL when --postgres or BENCH_POSTGRES_URL is given): a fresh database
// with a national cycle's register, the production app and a bare Remix route on the same stack,
// then each section below in turn; one table per database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Context, Options, Row, Section } from "./context";
import { createDatabase, generateRegister, type BenchDatabase, type Provider } from "./data";
import { buildApp, buildBare, startApp, startBare } from "./servers";
import { exportsSection } from "./sections/exports";
import { growthSection } from "./sections/growth";
import { jsWeightSection } from "./sections/js-weight";
import { judgesSection } from "./sections/judges";
import { memorySection } from "./sections/memory";
import { publicPathsSection } from "./sections/public-paths";
import { resultsNationalSection } from "./sections/results-national";
import { printTable } from "./report";

/** In order: paths before memory (memory reports the peak RSS sampled under the paths' load). */
const SECTIONS: Section[] = [
  publicPathsSection,
  memorySection,
  exportsSection,
  jsWeightSection,
  judgesSection,
  resultsNationalSection,
  growthSection,
];

const HELP = `npm run bench -- [flags]
  --quick               smoke run: 3 pairs of 2 s, 20 s of judges, 3,000 requests for the leak check
  --postgres URL        also run on PostgreSQL (a database is created on that server and dropped);
                        or set BENCH_POSTGRES_URL, e.g. postgresql://postgres@127.0.0.1:5432/postgres
  --no-sqlite           PostgreSQL only
  --certificates N      size of the register (default 6700: one national cycle, ~4,000 products)
  --large               20,000 certificates
  --growth              also measure the per-request cost at --growth-from and --growth-to certificates
  --growth-from N       (default 1000)   --growth-to N (default 20000)
  --duration S          seconds per measured run (default 5)
  --pairs N             baseline/app pairs per path (default 3)
  --connections N       autocannon connections (default 32)
  --warmup N            warm-up requests per server and path (default 300)
  --judges N            judges in the autosave scenario (default 100)
  --judge-seconds S     length of the scenario (default 60)   --judge-every S (default 2)
  --judge-pairs N       the scenario's autosaves in N phases, each after a bare-route phase of the same
                        clients and pace (default 3)
  --leak-requests N     requests of the memory-growth check (default 10000)
  --only a,b            sections: ${SECTIONS.map((s) => s.name).join(", ")}
  --rebuild             rebuild the app (remix vite:build) even when build/ exists
  --json FILE           also write every row as JSON
  BENCH_CPU_PROF=DIR    (environment) the app writes V8 CPU profiles (main thread and export threads) to DIR
  BENCH_NODE_ARGS="…"   (environment) more Node/V8 flags for the app, e.g. "--max-semi-space-size=16"
  BENCH_HEAP_SNAPSHOTS=DIR (environment) the memory section has the app write V8 heap snapshots to DIR
                        after request 1,000 and at the end (diagnostics: a snapshot raises RSS itself)`;

function options(): Options {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      postgres: { type: "string" },
      "no-sqlite": { type: "boolean", default: false },
      certificates: { type: "string" },
      large: { type: "boolean", default: false },
      growth: { type: "boolean", default: false },
      "growth-from": { type: "string" },
      "growth-to": { type: "string" },
      duration: { type: "string" },
      pairs: { type: "string" },
      connections: { type: "string" },
      warmup: { type: "string" },
      judges: { type: "string" },
      "judge-seconds": { type: "string" },
      "judge-every": { type: "string" },
      "judge-pairs": { type: "string" },
      "leak-requests": { type: "string" },
      only: { type: "string" },
      rebuild: { type: "boolean", default: false },
      json: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const num = (v: string | undefined, fallback: number, name: string) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got "${v}"`);
    return n;
  };
  const quick = values.quick!;
  const only = values.only
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only?.filter((o) => !SECTIONS.some((s) => s.name === o));
  if (unknown?.length)
    throw new Error(
      `unknown section(s) in --only: ${unknown.join(", ")} (known: ${SECTIONS.map((s) => s.name).join(", ")})`,
    );
  return {
    quick,
    duration: num(values.duration, quick ? 2 : 5, "duration"),
    pairs: Math.max(1, Math.round(num(values.pairs, 3, "pairs"))),
    connections: Math.round(num(values.connections, 32, "connections")),
    warmup: Math.round(num(values.warmup, quick ? 200 : 300, "warmup")),
    certificates: Math.round(num(values.certificates, values.large ? 20_000 : 6700, "certificates")),
    growth: values.growth!,
    growthFrom: Math.round(num(values["growth-from"], 1000, "growth-from")),
    growthTo: Math.round(num(values["growth-to"], 20_000, "growth-to")),
    sqlite: !values["no-sqlite"],
    postgres: values.postgres ?? (process.env.BENCH_POSTGRES_URL?.trim() || undefined),
    judges: Math.round(num(values.judges, 100, "judges")),
    judgeSeconds: num(values["judge-seconds"], quick ? 20 : 60, "judge-seconds"),
    judgeEverySeconds: num(values["judge-every"], 2, "judge-every"),
    judgePairs: Math.max(1, Math.round(num(values["judge-pairs"], 3, "judge-pairs"))),
    leakRequests: Math.round(num(values["leak-requests"], quick ? 3000 : 10_000, "leak-requests")),
    rebuild: values.rebuild!,
    only,
    json: values.json,
  };
}

const log = (line: string) => console.log(line);

/** What to undo if the run is interrupted (Ctrl-C): servers to stop, databases to drop, folders to remove. */
const undo: Array<() => Promise<void> | void> = [];
async function runUndo() {
  while (undo.length) await Promise.resolve(undo.pop()!()).catch(() => {});
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`\n${signal}: stopping the servers and removing the benchmark's databases…`);
    void runUndo().finally(() => process.exit(130));
  });
}
/** Runs `fn`, with `cleanup` registered for an interruption meanwhile and run afterwards. */
async function withCleanup<T>(cleanup: () => Promise<void> | void, fn: () => Promise<T>): Promise<T> {
  undo.push(cleanup);
  try {
    return await fn();
  } finally {
    const i = undo.lastIndexOf(cleanup);
    if (i >= 0) undo.splice(i, 1);
    await cleanup();
  }
}

async function benchDatabase(provider: Provider, opts: Options, bareOut: string): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tieubieu-bench-"));
  log(`\n══ ${provider} ══`);
  const t0 = Date.now();
  const rows: Row[] = [];
  await withCleanup(
    () => fs.rmSync(dir, { recursive: true, force: true }),
    async () => {
      const database = await createDatabase({ provider, dir, name: "main", pgUrl: opts.postgres });
      await withCleanup(
        () => database.drop(),
        () => measure(provider, opts, bareOut, dir, database, rows, t0),
      );
    },
  );
  printTable(
    `${provider}: ${opts.certificates} certificates, ${opts.connections} connections, ${opts.pairs} pairs of ~${opts.duration} s`,
    rows,
  );
  return rows;
}

async function measure(
  provider: Provider,
  opts: Options,
  bareOut: string,
  dir: string,
  database: BenchDatabase,
  rows: Row[],
  t0: number,
) {
  const register = await generateRegister(database.db, opts.certificates);
  log(
    `data: ${register.certificates} certificates, ${register.products} products, ${register.establishments} establishments, ${register.rounds} rounds (${((Date.now() - t0) / 1000).toFixed(0)} s with migrations and seed)`,
  );
  const app = await startApp({ databaseUrl: database.url, dataDir: dir });
  await withCleanup(app.stop, async () => {
    const bare = await startBare(bareOut);
    await withCleanup(bare.stop, () =>
      runSections({ provider, opts, dir, database, register, app, bare, bareOut, log, withCleanup, shared: {} }, rows),
    );
  });
}

async function runSections(ctx: Context, rows: Row[]) {
  for (const section of SECTIONS) {
    const wanted = ctx.opts.only ? ctx.opts.only.includes(section.name) : (section.enabled?.(ctx.opts) ?? true);
    if (!wanted) continue;
    log(
      `── ${section.name} (loadavg ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")})`,
    );
    const started = Date.now();
    try {
      rows.push(...(await section.run(ctx)));
    } catch (error) {
      log(`  ✖ ${section.name} failed: ${(error as Error).stack ?? error}`);
      rows.push({
        metric: `${section.name}: failed (${(error as Error).message.split("\n")[0]})`,
        app: "–",
        pass: false,
      });
    }
    log(`   (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
}

async function main() {
  const opts = options();
  const providers: Provider[] = [
    ...(opts.sqlite ? (["sqlite"] as const) : []),
    ...(opts.postgres ? (["postgresql"] as const) : []),
  ];
  if (!providers.length) throw new Error("nothing to run: --no-sqlite needs --postgres URL (or BENCH_POSTGRES_URL)");
  log(
    `Tiêu Biểu benchmark — ${os.cpus().length} cores, loadavg ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}, node ${process.version}`,
  );
  log("building the app (unless build/ exists) and the bare baseline…");
  buildApp(opts.rebuild);
  const bareOut = buildBare();
  const all: Record<string, Row[]> = {};
  await withCleanup(
    () => fs.rmSync(bareOut, { recursive: true, force: true }),
    async () => {
      for (const provider of providers) all[provider] = await benchDatabase(provider, opts, bareOut);
    },
  );
  if (opts.json)
    fs.writeFileSync(opts.json, JSON.stringify({ at: new Date().toISOString(), options: opts, results: all }, null, 2));
}

main()
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
  })
  .finally(() => process.exit(0));
