// The two servers the benchmark compares, each its own child process (so its CPU time and RSS
// are its own): the production app (`node ./scripts/start.js`) and the bare baseline
// (scripts/bench/bare, built here with the same Vite + Remix plugin, served by server/app.ts).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { ROOT } from "./data";

export interface Server {
  name: string;
  url: string;
  pid: number;
  /** The server's event-loop delay since the last reset (scripts/bench/probe.js); `reset` starts a new window. */
  probe(reset?: boolean): Promise<Probe>;
  /** The last lines the server printed (to show why it answered 5xx). */
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

export interface Probe {
  maxDelayMs: number;
  p99DelayMs: number;
  heapUsedMb: number;
}

const PROBE = ["--import", "./scripts/bench/probe.js"];
const STDIO = ["ignore", "pipe", "pipe", "ipc"] as const;

/** The app's production build (`remix vite:build`), unless it exists and `rebuild` is false. */
export function buildApp(rebuild: boolean) {
  if (!rebuild && fs.existsSync(path.join(ROOT, "build/server/index.js"))) return;
  run(path.join(ROOT, "node_modules/.bin/remix"), ["vite:build"], {});
}

/** Builds the bare baseline into a folder under node_modules/.cache (inside the project, so its server build resolves react). */
export function buildBare(): string {
  const out = path.join(ROOT, "node_modules/.cache/tieubieu-bench", `bare-${process.pid}`);
  fs.rmSync(out, { recursive: true, force: true });
  run(path.join(ROOT, "node_modules/.bin/remix"), ["vite:build", "--config", "scripts/bench/bare/vite.config.ts"], { BENCH_BARE_OUT: out });
  return out;
}

function run(cmd: string, args: string[], env: Record<string, string>) {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, NODE_ENV: "production", ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
}

/** A port free right now: any (0), or the next free one from BENCH_PORT_BASE when set (shared machines give each user a range). */
let nextPort = Number(process.env.BENCH_PORT_BASE) || 0;

function tryPort(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(port, "127.0.0.1", () => {
      const { port: bound } = s.address() as net.AddressInfo;
      s.close(() => resolve(bound));
    });
  });
}

export async function freePort(): Promise<number> {
  if (!nextPort) return tryPort(0);
  for (;;) {
    const port = nextPort++;
    const ok = await tryPort(port).catch(() => null);
    if (ok) return ok;
  }
}

/**
 * The production app, started the way an operator starts it. Everything the start needs is in
 * this one function (environment, command), so a change to how the app starts is one edit here.
 */
export async function startApp(opts: { databaseUrl: string; dataDir: string }): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...PROBE, "./scripts/start.js"], {
    cwd: ROOT,
    stdio: [...STDIO],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: url,
      // Plain HTTP on loopback: a production start refuses an http:// APP_URL without this flag.
      ALLOW_INSECURE_HTTP: "1",
      DATABASE_URL: opts.databaseUrl,
      DATA_DIR: opts.dataDir,
      SEED_DEMO: "0",
      SESSION_SECRET: crypto.randomBytes(32).toString("hex"),
    },
  });
  return waitUntilUp("app", url, child);
}

export async function startBare(out: string): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...PROBE, "--import", "tsx", "scripts/bench/bare/serve.ts"], {
    cwd: ROOT,
    stdio: [...STDIO],
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), BENCH_BARE_OUT: out },
  });
  return waitUntilUp("bare", url, child);
}

async function waitUntilUp(name: string, url: string, child: ChildProcess): Promise<Server> {
  let log = "";
  // Kept short: the last 64 KB is enough to show an error.
  const keep = (d: Buffer) => (log = (log + d.toString()).slice(-65_536));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`${name} server exited before answering:\n${log}`);
    try {
      const res = await fetch(`${url}/`, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  if (Date.now() >= deadline) throw new Error(`${name} server did not answer within 180 s:\n${log}`);
  let probes = 0;
  return {
    name,
    url,
    pid: child.pid!,
    logTail(lines = 20) {
      return log.trimEnd().split("\n").slice(-lines).join("\n");
    },
    probe(reset = false) {
      const id = ++probes;
      return new Promise<Probe>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${name} server did not answer the probe`)), 10_000);
        const onMessage = (m: { type?: string; id?: number } & Probe) => {
          if (m?.type !== "bench:probe" || m.id !== id) return;
          clearTimeout(timer);
          child.off("message", onMessage);
          resolve({ maxDelayMs: m.maxDelayMs, p99DelayMs: m.p99DelayMs, heapUsedMb: m.heapUsedMb });
        };
        child.on("message", onMessage);
        child.send({ type: "bench:probe", id, reset });
      });
    },
    async stop() {
      if (gone) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 8000);
      await exited;
      clearTimeout(timer);
    },
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

/** Resident set size in MB (/proc/<pid>/status VmRSS). */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Samples RSS every `everyMs` until stopped; returns the peak. */
export function rssSampler(pid: number, everyMs = 100) {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssMb(pid));
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
