// The two servers the benchmark compares, each its own child process (so its CPU time and RSS
// are its own): the production app (`node ./scripts/start.js`) and the bare baseline
// (scripts/bench/bare, built here with the same Vite + Remix plugin, served by server/app.ts).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort, launch, startProductionApp, type Launched } from "../app-process";
import { ROOT } from "./data";

export interface Server {
  name: string;
  url: string;
  pid: number;
  /**
   * The server's event-loop delay since the last reset and its memory (scripts/bench/probe.js);
   * `reset` starts a new window; `heapSnapshot` (a file path) writes a V8 heap snapshot first.
   */
  probe(reset?: boolean, extra?: { heapSnapshot?: string }): Promise<Probe>;
  /** The last lines the server printed (to show why it answered 5xx). */
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

export interface Probe {
  maxDelayMs: number;
  p99DelayMs: number;
  /** V8's heap: in use, and reserved (heapTotal). */
  heapUsedMb: number;
  heapTotalMb: number;
  /** Memory held outside V8's heap by JavaScript objects (Buffers and other ArrayBuffers included). */
  externalMb: number;
  arrayBuffersMb: number;
  /** What V8 itself allocated with malloc (compiled code metadata, zones). */
  mallocedMb: number;
  rssMb: number;
  /** The heap snapshot's file, when one was asked for. */
  snapshot?: string;
}

const PROBE = ["--import", "./scripts/bench/probe.js"];
/** BENCH_NODE_ARGS="--flag …": more Node/V8 flags for the app (to compare memory settings, decision 055). */
const EXTRA_NODE_ARGS = process.env.BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
/** BENCH_CPU_PROF=DIR: the app writes a V8 CPU profile there when it stops (open it in Chrome's DevTools). */
const CPU_PROF = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];

/** The app's production build (`remix vite:build`), unless it exists and `rebuild` is false. */
export function buildApp(rebuild: boolean) {
  if (!rebuild && fs.existsSync(path.join(ROOT, "build/server/index.js"))) return;
  run(path.join(ROOT, "node_modules/.bin/remix"), ["vite:build"], {});
}

/** Builds the bare baseline into a folder under node_modules/.cache (inside the project, so its server build resolves react). */
export function buildBare(): string {
  const out = path.join(ROOT, "node_modules/.cache/tieubieu-bench", `bare-${process.pid}`);
  fs.rmSync(out, { recursive: true, force: true });
  run(path.join(ROOT, "node_modules/.bin/remix"), ["vite:build", "--config", "scripts/bench/bare/vite.config.ts"], {
    BENCH_BARE_OUT: out,
  });
  return out;
}

function run(cmd: string, args: string[], env: Record<string, string>) {
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production", ...env },
  });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
}

/**
 * The production app, started the way an operator starts it (scripts/app-process.ts, shared with
 * the system tests), with the benchmark's probe preloaded.
 */
export async function startApp(opts: { databaseUrl: string; dataDir: string }): Promise<Server> {
  const launched = await startProductionApp({
    ...opts,
    port: await freePort(),
    nodeArgs: [...CPU_PROF, ...PROBE, ...EXTRA_NODE_ARGS],
    ipc: true,
  });
  return withProbe(launched);
}

export async function startBare(out: string): Promise<Server> {
  const port = await freePort();
  const launched = await launch(
    "bare",
    [...PROBE, "--import", "tsx", "scripts/bench/bare/serve.ts"],
    { ...process.env, NODE_ENV: "production", PORT: String(port), BENCH_BARE_OUT: out },
    { port, ipc: true, timeoutMs: 180_000 },
  );
  return withProbe(launched);
}

function withProbe(launched: Launched): Server {
  const { name, url, pid, child } = launched;
  let probes = 0;
  return {
    name,
    url,
    pid,
    logTail: launched.logTail,
    probe(reset = false, extra = {}) {
      const id = ++probes;
      return new Promise<Probe>((resolve, reject) => {
        // A heap snapshot of a few hundred MB takes a while on a loaded machine.
        const timer = setTimeout(
          () => reject(new Error(`${name} server did not answer the probe`)),
          extra.heapSnapshot ? 300_000 : 10_000,
        );
        const onMessage = (m: { type?: string; id?: number } & Probe) => {
          if (m?.type !== "bench:probe" || m.id !== id) return;
          clearTimeout(timer);
          child.off("message", onMessage);
          const { type: _type, id: _id, ...probe } = m;
          resolve(probe);
        };
        child.on("message", onMessage);
        child.send({ type: "bench:probe", id, reset, heapSnapshot: extra.heapSnapshot });
      });
    },
    stop: launched.stop,
  };
}

// ───────────── what the kernel says about a process ─────────────

const TICK_MS = 1000 / Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim() || 100);

/** User + system CPU time of the process so far, in milliseconds (/proc/<pid>/stat). */
export function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime (fields 14, 15)
}

/**
 * The process' main thread as the scheduler saw it so far (/proc/<pid>/task/<pid>/schedstat): time
 * on a CPU, and time runnable but waiting for one (run-queue wait), in milliseconds. A request that
 * waits while the main thread is on a CPU waits behind this process' own work; one that waits while
 * the main thread sits in the run queue waits for a CPU (starvation).
 */
export function schedMs(pid: number): { cpuMs: number; waitMs: number } {
  const [cpu, wait] = fs.readFileSync(`/proc/${pid}/task/${pid}/schedstat`, "utf8").trim().split(/\s+/).map(Number);
  return { cpuMs: (cpu ?? NaN) / 1e6, waitMs: (wait ?? NaN) / 1e6 };
}

/** The scheduler group a process is in (/proc/<pid>/autogroup: "/autogroup-143 nice 0"), or "" without autogroups. */
export function autogroupOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/autogroup`, "utf8").trim();
  } catch {
    return "";
  }
}

/** Resident set size in MB (/proc/<pid>/status VmRSS). */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** The ids of a process' descendants (/proc/<pid>/task/<tid>/children, recursively). */
export function descendants(pid: number): number[] {
  const found: number[] = [];
  let tasks: string[] = [];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return found;
  }
  for (const tid of tasks) {
    let children = "";
    try {
      children = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8");
    } catch {
      continue;
    }
    for (const child of children.trim().split(/\s+/).filter(Boolean).map(Number))
      found.push(child, ...descendants(child));
  }
  return found;
}

/** The summed RSS (MB) of a process' descendants — an export job's child process (decision 047). */
export function childrenRssMb(pid: number): number {
  let total = 0;
  for (const child of descendants(pid)) {
    try {
      const mb = rssMb(child);
      // An ended child not yet reaped (a zombie) has no VmRSS.
      if (Number.isFinite(mb)) total += mb;
    } catch {
      // ended meanwhile
    }
  }
  return total;
}

/**
 * Samples the descendants every `everyMs` until stopped: the CPU time each used (its last reading
 * before it ended), its nice value and its scheduler group. For the export job's child process.
 */
export function childrenSampler(pid: number, everyMs = 50) {
  const seen = new Map<number, { cpuMs: number; nice: number; autogroup: string }>();
  const timer = setInterval(() => {
    for (const child of descendants(pid)) {
      try {
        const stat = fs.readFileSync(`/proc/${child}/stat`, "utf8");
        const nice = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
        seen.set(child, { cpuMs: cpuMs(child), nice, autogroup: autogroupOf(child) });
      } catch {
        // ended meanwhile
      }
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return [...seen.values()];
    },
  };
}

/** Samples RSS every `everyMs` until stopped; returns the peak. */
export function rssSampler(pid: number, everyMs = 100, read: (pid: number) => number = rssMb) {
  let peak = read(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, read(pid));
    } catch {
      // process gone
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
