// A web process' heap sized for its live data (server/heap.ts, docs/decisions/055): the growing
// factor set at start keeps V8's heap near what survives a collection, and the settings that must
// be in the environment at exec (the young generation's limit, the malloc arenas) reach the
// deployment's file and the test and benchmark starts (npm start: the young generation's limit).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { readEnv } from "~/utils/env.server";
import { ROOT, SERVER_MEMORY_ENV, productionEnv } from "../../scripts/app-process";

/**
 * Runs a churn of allocations (a live set of ~100,000 small objects, replaced half at a time) in a
 * new Node process, after limitHeapGrowth(percent) when given; returns its largest heapTotal (MB).
 */
function peakHeapMb(percent?: number): number {
  const script = `
    import { limitHeapGrowth } from ${JSON.stringify(path.join(ROOT, "server/heap.ts"))};
    ${percent === undefined ? "" : `limitHeapGrowth(${percent});`}
    let keep = [];
    let peak = 0;
    for (let i = 0; i < 2_000_000; i++) {
      keep.push({ a: i, b: "x" + i, c: [i, i] });
      if (keep.length > 200_000) keep = keep.slice(100_000);
      if (i % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().heapTotal);
    }
    console.log(peak / 1048576);
  `;
  const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(r.stdout.trim());
}

describe("the web process' heap", () => {
  test("a growing factor of 10 % keeps the heap well below what V8 reserves by itself for the same churn", () => {
    const own = peakHeapMb();
    const limited = peakHeapMb(10);
    const zero = peakHeapMb(0);
    // V8's own heuristics reserve up to four times the live set; 1.1× keeps it near the live set.
    expect(limited).toBeLessThan(own * 0.8);
    // 0 leaves V8's own heuristics.
    expect(zero).toBeGreaterThan(limited);
  }, 60_000);

  test("HEAP_GROWING_PERCENT: 25 by default, 0 to 300, a clear message otherwise", () => {
    const dev = { NODE_ENV: "development", DATA_DIR: path.join(ROOT, "data") };
    expect(readEnv(dev).HEAP_GROWING_PERCENT).toBe(25);
    expect(readEnv({ ...dev, HEAP_GROWING_PERCENT: "0" }).HEAP_GROWING_PERCENT).toBe(0);
    expect(readEnv({ ...dev, HEAP_GROWING_PERCENT: "100" }).HEAP_GROWING_PERCENT).toBe(100);
    const problem = (value: string) => {
      try {
        readEnv({ ...dev, HEAP_GROWING_PERCENT: value });
        return "accepted";
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(problem("lots")).toMatch(/HEAP_GROWING_PERCENT must be a number/);
    expect(problem("-5")).toMatch(/HEAP_GROWING_PERCENT cannot be negative/);
    expect(problem("12.5")).toMatch(/HEAP_GROWING_PERCENT must be a whole number/);
    expect(problem("1000")).toMatch(/HEAP_GROWING_PERCENT must be at most 300/);
  });

  test("the deployment's file and the test and benchmark starts get the same memory settings; demo.env NODE_OPTIONS", () => {
    const { NODE_OPTIONS, MALLOC_ARENA_MAX } = SERVER_MEMORY_ENV;
    const lines = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8").split("\n");
    expect(lines("deploy/tieu-bieu.env.example")).toEqual(
      expect.arrayContaining([`NODE_OPTIONS=${NODE_OPTIONS}`, `MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX}`]),
    );
    // glibc reads MALLOC_ARENA_MAX when the process starts, before node reads demo.env: only NODE_OPTIONS is there.
    expect(lines("demo.env")).toContain(`NODE_OPTIONS=${NODE_OPTIONS}`);
    const env = productionEnv({ databaseUrl: "file:/nowhere.db", dataDir: "/nowhere", port: 1 });
    expect(env.NODE_OPTIONS?.split(" ")).toContain(NODE_OPTIONS);
    expect(env.MALLOC_ARENA_MAX).toBe(MALLOC_ARENA_MAX);
    // What `npm start` runs: node --env-file=demo.env; the flag reaches the process.
    const { NODE_OPTIONS: _ignored, ...withoutOptions } = process.env;
    const r = spawnSync(
      process.execPath,
      ["--env-file=demo.env", "--input-type=module", "-e", "console.log(process.env.NODE_OPTIONS)"],
      { cwd: ROOT, encoding: "utf8", env: withoutOptions },
    );
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(NODE_OPTIONS);
  });
});
