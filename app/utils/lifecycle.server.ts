// The process's shutdown: parts that hold work in flight (the job worker, the mail worker, the
// database client) register a stop function with onShutdown(); server/main.ts, on SIGTERM or
// SIGINT, first stops taking requests and lets the in-flight ones finish, then runs the hooks.
// /readyz answers 503 "shutting down" from the first moment (isShuttingDown), so a load balancer
// that still holds a connection to this instance moves on.
// State on globalThis: the server entry and the Remix build are two bundles (see logger.server).
import { getLogger } from "./logger.server";

type Hook = { name: string; fn: () => unknown };
type Shared = { shuttingDown: boolean; hooks: Hook[] };
const SHARED = Symbol.for("tieubieu.lifecycle");
const shared = (): Shared => ((globalThis as Record<symbol, Shared>)[SHARED] ??= { shuttingDown: false, hooks: [] });

const log = getLogger("lifecycle");

/**
 * Registers a stop function (replacing one of the same name). Hooks run in the reverse order of
 * registration — what started last stops first — so the database client, registered at start,
 * is closed after the workers that use it.
 */
export function onShutdown(name: string, fn: () => unknown) {
  const hooks = shared().hooks.filter((h) => h.name !== name);
  hooks.push({ name, fn });
  shared().hooks = hooks;
}

export function isShuttingDown(): boolean {
  return shared().shuttingDown;
}

/** Marks the process as stopping (readiness fails from now on). */
export function beginShutdown() {
  shared().shuttingDown = true;
}

/**
 * Runs every hook, one after another, each bounded by `timeoutMs` (a hook that hangs is logged
 * and left behind, the others still run). Resolves with the names of the hooks that failed or
 * timed out.
 */
export async function runShutdownHooks(timeoutMs: number): Promise<string[]> {
  const failed: string[] = [];
  for (const hook of [...shared().hooks].reverse()) {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
      timer.unref();
    });
    try {
      const outcome = await Promise.race([Promise.resolve().then(hook.fn), timeout]);
      if (outcome === "timeout") {
        failed.push(hook.name);
        log.error({ hook: hook.name, timeoutMs }, "shutdown hook did not finish in time");
      } else {
        log.info({ hook: hook.name, ms: Date.now() - started }, "shutdown hook done");
      }
    } catch (error) {
      failed.push(hook.name);
      log.error({ err: error, hook: hook.name }, "shutdown hook failed");
    } finally {
      clearTimeout(timer);
    }
  }
  return failed;
}

/** Test hook: forget the state (a test that simulates a shutdown restores the process). */
export function resetLifecycleForTests() {
  shared().shuttingDown = false;
  shared().hooks = [];
}
