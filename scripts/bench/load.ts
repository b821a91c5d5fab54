// Load with autocannon (programmatic API) and the method of /work/shared/docs/benchmarking.md:
// warm-up, then alternating baseline/app runs, the median of the per-pair ratios and their spread,
// os.loadavg() beside each pair, CPU per request from /proc/<pid>/stat of the server.
import os from "node:os";
import autocannon from "autocannon";
import { cpuMs, type Server } from "./servers";
import { itemAt } from "../../app/utils/arrays";

export interface Target {
  /** Request paths, cycled by each connection (e.g. several product ids). */
  paths: string[];
  headers?: Record<string, string>;
}

export interface RunResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  /** Errors by kind: answers 4xx and 5xx, timeouts (30 s), connection errors. */
  errorKinds: { "4xx": number; "5xx": number; timeouts: number; other: number };
  cpuPerRequestMs: number;
}

export interface PairResult {
  bare: RunResult;
  app: RunResult;
  ratio: number;
  loadavg: number[];
}

export interface Measured {
  pairs: PairResult[];
  medianRatio: number;
  minRatio: number;
  maxRatio: number;
  /** Medians over the pairs. */
  bare: RunResult;
  app: RunResult;
  errors: number;
}

export const median = (xs: number[]) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  const at = (i: number) => itemAt(s, i, "sorted samples");
  return s.length % 2 ? at(m) : (at(m - 1) + at(m)) / 2;
};

export function percentile(xs: number[], p: number) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return itemAt(s, Math.max(0, Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)), "sorted samples");
}

/** One autocannon run of `amount` requests against a server; it ends when every answer is in. */
export async function load(
  server: Server,
  target: Target,
  opts: { connections: number; amount: number },
): Promise<RunResult> {
  const cpu0 = cpuMs(server.pid);
  const result = await autocannon({
    url: server.url,
    connections: Math.min(opts.connections, opts.amount),
    amount: opts.amount,
    headers: target.headers,
    requests: target.paths.map((p) => ({ method: "GET", path: p })),
    timeout: 30,
  });
  const cpu = cpuMs(server.pid) - cpu0;
  const requests = result.requests.total;
  // autocannon counts a timeout among its errors too.
  const errorKinds = {
    "4xx": result["4xx"],
    "5xx": result["5xx"],
    timeouts: result.timeouts,
    other: Math.max(0, result.errors - result.timeouts),
  };
  const errors = errorKinds["4xx"] + errorKinds["5xx"] + errorKinds.timeouts + errorKinds.other;
  const seconds = Math.max(0.001, result.duration);
  return {
    rps: requests / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests,
    errors,
    errorKinds,
    cpuPerRequestMs: requests ? cpu / requests : NaN,
  };
}

function sumErrorKinds(runs: RunResult[]): RunResult["errorKinds"] {
  const sum = (k: keyof RunResult["errorKinds"]) => runs.reduce((s, r) => s + r.errorKinds[k], 0);
  return { "4xx": sum("4xx"), "5xx": sum("5xx"), timeouts: sum("timeouts"), other: sum("other") };
}

/** "3 (4xx 1, 5xx 0, timeouts 2, other 0)" or "0". */
export function describeErrors(runs: RunResult[]): string {
  const k = sumErrorKinds(runs);
  const total = runs.reduce((s, r) => s + r.errors, 0);
  return total ? `${total} (4xx ${k["4xx"]}, 5xx ${k["5xx"]}, timeouts ${k.timeouts}, other ${k.other})` : "0";
}

/**
 * Warm-up: up to `warmup` requests, but no more than about `maxSeconds` of them on a slow path
 * (a probe of one request per connection gives the rate). Every answer is awaited, so nothing
 * is left in flight. Returns the rate of the last run, the pace of the first measured run.
 */
export async function warm(
  server: Server,
  target: Target,
  opts: { connections: number; warmup: number; maxSeconds: number },
): Promise<{ rps: number }> {
  const probe = await load(server, target, { connections: opts.connections, amount: opts.connections });
  const rest = Math.min(opts.warmup - opts.connections, Math.round(probe.rps * opts.maxSeconds));
  return rest >= opts.connections ? load(server, target, { connections: opts.connections, amount: rest }) : probe;
}

/**
 * A run of about `duration` seconds that waits for every answer: the number of requests is the
 * last measured rate × duration (at least one per connection). Stopping a run by the clock
 * instead would leave up to `connections` requests in flight, still costing the server CPU
 * during the next run, and a slow path could finish none in a short run.
 */
export async function pacedRun(
  server: Server,
  target: Target,
  opts: { connections: number; duration: number },
  pace: { rps: number },
): Promise<RunResult> {
  const amount = Math.max(opts.connections, Math.round(pace.rps * opts.duration));
  const r = await load(server, target, { connections: opts.connections, amount });
  pace.rps = r.rps;
  return r;
}

const medianRun = (runs: RunResult[]): RunResult => ({
  rps: median(runs.map((r) => r.rps)),
  p50: median(runs.map((r) => r.p50)),
  p99: median(runs.map((r) => r.p99)),
  requests: runs.reduce((s, r) => s + r.requests, 0),
  errors: runs.reduce((s, r) => s + r.errors, 0),
  errorKinds: sumErrorKinds(runs),
  cpuPerRequestMs: median(runs.map((r) => r.cpuPerRequestMs)),
});

/** Warm both, then `pairs` × (baseline run, app run). */
export async function measurePairs(
  bare: { server: Server; target: Target },
  app: { server: Server; target: Target },
  opts: { pairs: number; duration: number; connections: number; warmup: number; log?: (line: string) => void },
): Promise<Measured> {
  const warmup = { ...opts, maxSeconds: Math.max(5, 2 * opts.duration) };
  const barePace = { rps: (await warm(bare.server, bare.target, warmup)).rps };
  const appPace = { rps: (await warm(app.server, app.target, warmup)).rps };
  const pairs: PairResult[] = [];
  for (let i = 0; i < opts.pairs; i++) {
    const b = await pacedRun(bare.server, bare.target, opts, barePace);
    const a = await pacedRun(app.server, app.target, opts, appPace);
    const pair = { bare: b, app: a, ratio: a.rps / b.rps, loadavg: os.loadavg() };
    pairs.push(pair);
    opts.log?.(
      `    pair ${i + 1}: bare ${b.rps.toFixed(0)} req/s, app ${a.rps.toFixed(0)} req/s, ratio ${(pair.ratio * 100).toFixed(0)} %, loadavg ${pair.loadavg.map((l) => l.toFixed(2)).join(" ")}`,
    );
  }
  const ratios = pairs.map((p) => p.ratio);
  return {
    pairs,
    medianRatio: median(ratios),
    minRatio: Math.min(...ratios),
    maxRatio: Math.max(...ratios),
    bare: medianRun(pairs.map((p) => p.bare)),
    app: medianRun(pairs.map((p) => p.app)),
    errors: pairs.reduce((s, p) => s + p.app.errors, 0),
  };
}
