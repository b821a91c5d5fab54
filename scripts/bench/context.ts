// What every section of the benchmark receives and returns. A section is one module exporting a
// `Section`; the runner (scripts/bench/run.ts) lists them, so adding one is one import.
import type { BenchDatabase, Register } from "./data";
import type { Server } from "./servers";

export interface Options {
  quick: boolean;
  /** Seconds per measured run; pairs of runs per path; autocannon connections. */
  duration: number;
  pairs: number;
  connections: number;
  warmup: number;
  certificates: number;
  growth: boolean;
  growthFrom: number;
  growthTo: number;
  sqlite: boolean;
  postgres?: string;
  judges: number;
  judgeSeconds: number;
  judgeEverySeconds: number;
  /** Bare/autosave phase pairs the judges' scenario is split into. */
  judgePairs: number;
  leakRequests: number;
  rebuild: boolean;
  only?: string[];
  json?: string;
}

export interface Row {
  metric: string;
  baseline?: string;
  app: string;
  ratio?: string;
  target?: string;
  /** null: informative, no target. */
  pass?: boolean | null;
}

export interface Context {
  provider: "sqlite" | "postgresql";
  opts: Options;
  dir: string;
  database: BenchDatabase;
  register: Register;
  app: Server;
  bare: Server;
  bareOut: string;
  log(line: string): void;
  /** Runs `fn`; `cleanup` runs afterwards, and also if the benchmark is interrupted meanwhile. */
  withCleanup<T>(cleanup: () => Promise<void> | void, fn: () => Promise<T>): Promise<T>;
  /** Figures one section measures and a later one uses. */
  shared: { peakRssUnderLoadMb?: number };
}

export interface Section {
  name: string;
  /** Sections off by default say when they run (e.g. only with --growth). */
  enabled?(opts: Options): boolean;
  run(ctx: Context): Promise<Row[]>;
}

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "–");
export const pct = (ratio: number) => (Number.isFinite(ratio) ? `${(ratio * 100).toFixed(0)} %` : "–");
export const signed = (n: number, digits = 0) => `${n >= 0 ? "+" : ""}${fmt(n, digits)}`;
