// Graceful shutdown of the HTTP server (README "Production", docs/decisions/021): on SIGTERM or
// SIGINT the instance
//   1. marks itself as stopping: /readyz answers 503 "shutting down", and every response from
//      now on carries `Connection: close`;
//   2. stops accepting connections and closes the idle keep-alive ones at once, then every
//      connection as soon as its request is answered;
//   3. waits for the requests in flight, up to SHUTDOWN_TIMEOUT_MS, then cuts what is left;
//   4. runs the shutdown hooks (lifecycle.server.ts: the workers, then the database client);
//   5. exits 0 (1 when a hook failed or did not finish in time).
// A second signal while this runs exits at once with 1 (Ctrl-C twice in a terminal).
import type http from "node:http";
import { beginShutdown, isShuttingDown, runShutdownHooks } from "../app/utils/lifecycle.server";
import { getLogger } from "../app/utils/logger.server";

const log = getLogger("shutdown");

export function installGracefulShutdown(
  server: http.Server,
  opts: { timeoutMs: number; exit?: (code: number) => void },
) {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  let inFlight = 0;
  server.on("request", (_req: http.IncomingMessage, res: http.ServerResponse) => {
    inFlight++;
    res.once("close", () => inFlight--);
  });

  const shutdown = async (signal: NodeJS.Signals) => {
    if (isShuttingDown()) {
      log.warn({ signal }, "second signal during shutdown: exiting now");
      exit(1);
      return;
    }
    beginShutdown();
    const started = Date.now();
    log.info(
      { signal, inFlight, timeoutMs: opts.timeoutMs },
      "shutting down: no new connections, finishing requests in flight",
    );

    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // A keep-alive connection whose request was in flight becomes idle once answered: close it then.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), opts.timeoutMs);
    });
    const outcome = await Promise.race([closed.then(() => "closed" as const), timedOut]);
    clearInterval(sweep);
    clearTimeout(timer);
    if (outcome === "timeout") {
      log.warn({ inFlight }, "requests still running after SHUTDOWN_TIMEOUT_MS: closing their connections");
      server.closeAllConnections();
      await closed;
    } else {
      log.info({ ms: Date.now() - started }, "all requests answered");
    }

    const failed = await runShutdownHooks(Math.max(opts.timeoutMs, 1000));
    log.info({ ms: Date.now() - started, failedHooks: failed.length ? failed : undefined }, "shutdown complete");
    exit(failed.length ? 1 : 0);
  };

  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}
