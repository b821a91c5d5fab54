// The production app as a child process, started the way an operator starts it
// (`node ./scripts/start.js` on the compiled build/), shared by the benchmark
// (scripts/bench/servers.ts) and the system tests (tests/system/). Everything a start needs
// (environment, command, waiting until it answers) is here, so a change to how the app starts is
// one edit here.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The memory settings of a web process that must be in its environment when it starts
 * (docs/decisions/055; server/heap.ts sets the rest from inside): a young generation of at most
 * 2 × 8 MB, which V8 fixes at start, and two malloc arenas, which glibc reads before Node runs.
 * The deployment's environment file (deploy/tieu-bieu.env.example) sets the same values;
 * demo.env (`npm start`) sets NODE_OPTIONS only.
 */
export const SERVER_MEMORY_ENV = { NODE_OPTIONS: "--max-semi-space-size=8", MALLOC_ARENA_MAX: "2" } as const;

export interface Launched {
  name: string;
  url: string;
  port: number;
  pid: number;
  child: ChildProcess;
  /** Resolves with the exit code (null after a signal) once the process is gone. */
  exited: Promise<number | null>;
  /** Whether the process has exited. */
  gone(): boolean;
  /** The last lines the process printed (to show why it answered 5xx or died). */
  logTail(lines?: number): string;
  /** SIGTERM, then SIGKILL after 8 s; resolves once the process is gone. */
  stop(): Promise<void>;
  /** SIGKILL now (a crash: no shutdown handler runs); resolves once the process is gone. */
  kill(): Promise<void>;
}

/** A free TCP port on loopback: the kernel's choice, or the first free one in [from, to]. */
export async function freePort(range?: { from: number; to: number }): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const s = net.createServer();
      s.once("error", () => resolve(null));
      s.listen(port, "127.0.0.1", () => {
        const { port: got } = s.address() as net.AddressInfo;
        s.close(() => resolve(got));
      });
    });
  if (!range) {
    const port = await tryPort(0);
    if (port === null) throw new Error("no free port");
    return port;
  }
  for (let port = range.from; port <= range.to; port++) {
    if ((await tryPort(port)) !== null) return port;
  }
  throw new Error(`no free port in ${range.from}–${range.to}`);
}

export interface ProductionAppOptions {
  databaseUrl: string;
  dataDir: string;
  port: number;
  /** The public address (APP_URL); default http://127.0.0.1:<port>. Behind a proxy: the proxy's. */
  appUrl?: string;
  /** Shared by every instance of one deployment; default: a new random one. */
  sessionSecret?: string;
  /** More variables (TRUST_PROXY, SEED_DEMO=1, …); they win over the defaults. */
  env?: Record<string, string>;
  /** Node options before the script (e.g. the benchmark's --import probe). */
  nodeArgs?: string[];
  /** An IPC channel to the child (the benchmark's probe). */
  ipc?: boolean;
  name?: string;
}

/** The environment of a production start on loopback (plain HTTP, no demo data unless asked). */
export function productionEnv(opts: ProductionAppOptions): NodeJS.ProcessEnv {
  const url = `http://127.0.0.1:${opts.port}`;
  return {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(opts.port),
    HOST: "127.0.0.1",
    APP_URL: opts.appUrl ?? url,
    // Plain HTTP on loopback: a production start refuses an http:// APP_URL without this flag.
    ALLOW_INSECURE_HTTP: "1",
    DATABASE_URL: opts.databaseUrl,
    DATA_DIR: opts.dataDir,
    SEED_DEMO: "0",
    SESSION_SECRET: opts.sessionSecret ?? crypto.randomBytes(32).toString("hex"),
    MALLOC_ARENA_MAX: SERVER_MEMORY_ENV.MALLOC_ARENA_MAX,
    NODE_OPTIONS: [process.env.NODE_OPTIONS, SERVER_MEMORY_ENV.NODE_OPTIONS].filter(Boolean).join(" "),
    ...opts.env,
  };
}

/** Starts the compiled production server and resolves once it answers. */
export function startProductionApp(opts: ProductionAppOptions): Promise<Launched> {
  return launch(opts.name ?? "app", [...(opts.nodeArgs ?? []), "./scripts/start.js"], productionEnv(opts), {
    port: opts.port,
    ipc: opts.ipc,
  });
}

/**
 * Spawns `node <args>` in the project and waits until http://127.0.0.1:<port><readyPath> answers
 * below 500 (a start migrates and seeds first: up to `timeoutMs`).
 */
export async function launch(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  opts: { port: number; ipc?: boolean; readyPath?: string; timeoutMs?: number },
): Promise<Launched> {
  const url = `http://127.0.0.1:${opts.port}`;
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: opts.ipc ? ["ignore", "pipe", "pipe", "ipc"] : ["ignore", "pipe", "pipe"],
    env,
  });
  let log = "";
  // Kept short: the last 64 KB is enough to show an error.
  const keep = (d: Buffer) => (log = (log + d.toString()).slice(-65_536));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let gone = false;
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      gone = true;
      resolve(code);
    }),
  );
  const launched: Launched = {
    name,
    url,
    port: opts.port,
    pid: child.pid!,
    child,
    exited,
    gone: () => gone,
    logTail(lines = 20) {
      return log.trimEnd().split("\n").slice(-lines).join("\n");
    },
    async stop() {
      if (gone) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 8000);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (gone) return;
      child.kill("SIGKILL");
      await exited;
    },
  };

  const timeoutMs = opts.timeoutMs ?? 300_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (gone) throw new Error(`${name} server exited before answering:\n${log}`);
    try {
      const res = await fetch(`${url}${opts.readyPath ?? "/"}`, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (res.status < 500) return launched;
    } catch {
      // not listening yet
    }
    if (Date.now() >= deadline) {
      await launched.kill();
      throw new Error(`${name} server did not answer within ${timeoutMs / 1000} s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}
