// The HTTP server: request ids, access log and metrics, security headers, CSRF origin check,
// compression, static files, Remix.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { registerResponseCache } from "../app/modules/register/response-cache.server";
import { guardServerBuild } from "../app/utils/body-guard.server";
import { onShutdown } from "../app/utils/lifecycle.server";
import { registerMetricsCollector } from "../app/utils/metrics.server";
import { clientIpFrom, createNonce, isForeignOriginRequest, trustedProxies } from "../app/utils/security.server";
import { labelRemixRoute, labelStatic, metricsEndpoint, requestObservability } from "./observability";

export type AppContext = {
  cspNonce: string;
  clientIp: string;
};

declare module "@remix-run/node" {
  interface AppLoadContext extends AppContext {}
}

/** trustProxy: the TRUST_PROXY setting (see trustedProxies in app/utils/security.server.ts). */
export async function createApp(opts: {
  mode: "production" | "development";
  trustProxy: string | undefined;
  appUrl?: string;
  /** METRICS_TOKEN: /metrics is also open to `Authorization: Bearer <token>` (always to loopback). */
  metricsToken?: string;
  /** Another production build to serve (the benchmark's bare route); default: this app's build/. */
  build?: { server: ServerBuild; clientDir: string };
}) {
  const app = express();
  app.disable("x-powered-by");
  const proxies = trustedProxies(opts.trustProxy);
  app.set("trust proxy", proxies); // req.ip and req.protocol believe these proxies only

  // Read at scrape time. Imported when first scraped: the database client is created on first
  // use, after server/main.ts has settled DATABASE_URL and migrated.
  registerMetricsCollector("mail_outbox", async () =>
    (await import("../app/modules/mail/outbox-metrics.server")).outboxBacklogSamples(),
  );
  registerMetricsCollector("jobs", async () => (await import("../app/modules/jobs/queue.server")).jobQueueSamples());
  registerMetricsCollector("database_pool", async () => (await import("../app/utils/db.server")).databasePoolSamples());

  app.use(requestObservability(proxies));
  app.use(metricsEndpoint(opts.metricsToken));

  const viteDevServer = opts.mode === "development" ? await createViteDevServer() : undefined;

  app.use((_req, res, next) => {
    res.locals.cspNonce = createNonce();
    next();
  });

  app.use(
    helmet({
      xPoweredBy: false,
      xFrameOptions: { action: "deny" },
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: opts.mode === "production" && opts.appUrl?.startsWith("https:") ? undefined : false,
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          "default-src": ["'self'"],
          "base-uri": ["'self'"],
          "connect-src": ["'self'", ...(viteDevServer ? ["ws:"] : [])],
          "font-src": ["'self'"],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
          "img-src": ["'self'", "data:", "blob:"],
          "object-src": ["'none'"],
          "script-src": [
            "'strict-dynamic'",
            "'self'",
            (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`,
          ],
          "script-src-attr": ["'none'"],
          "style-src": ["'self'", ...(viteDevServer ? ["'unsafe-inline'"] : [])],
          "upgrade-insecure-requests": null,
        },
      },
    }),
  );

  // A 304 keeps the browser's cached page, whose scripts carry the nonce of the response that
  // delivered it; a CSP header on the 304 would replace the cached one and block those scripts.
  app.use((_req, res, next) => {
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => express.Response;
    (res as unknown as { writeHead: (...args: unknown[]) => express.Response }).writeHead = (...args: unknown[]) => {
      if (args[0] === 304 || res.statusCode === 304) res.removeHeader("Content-Security-Policy");
      return writeHead(...args);
    };
    next();
  });

  app.use((req, res, next) => {
    const foreign = isForeignOriginRequest({
      method: req.method,
      origin: req.get("origin"),
      host: req.get("host"),
      secFetchSite: req.get("sec-fetch-site"),
      allowedOrigins: opts.appUrl ? [new URL(opts.appUrl).origin] : [],
    });
    if (foreign) {
      res
        .status(403)
        .type("text/plain; charset=utf-8")
        .send("Yêu cầu bị từ chối: nguồn gửi không hợp lệ (foreign origin).");
      return;
    }
    next();
  });

  app.use(compression());
  app.use(labelStatic());

  if (viteDevServer) {
    app.use(viteDevServer.middlewares);
  } else {
    const clientDir = opts.build?.clientDir ?? path.resolve("build/client");
    app.use("/assets", express.static(path.join(clientDir, "assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(clientDir, { maxAge: "1h", index: false }));
  }

  // Every action answers 415/400 to a body that is not a readable form (body-guard.server.ts).
  const devBuild =
    viteDevServer && (() => viteDevServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>);
  const build = devBuild
    ? () => devBuild().then(guardServerBuild)
    : guardServerBuild(
        opts.build?.server ??
          // Found at run time (like build/client above): server/ itself is compiled to build/start/.
          ((await import(pathToFileURL(path.resolve("build/server/index.js")).href)) as ServerBuild),
      );

  // The access log and the metrics name the Remix route, not the URL (bounded label values).
  app.use(labelRemixRoute(devBuild ?? (build as ServerBuild)));

  // Anonymous GETs of the public register, kept per register version (production builds only).
  if (!viteDevServer) app.use(registerResponseCache());

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: opts.mode,
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        clientIp: clientIpFrom(req.socket.remoteAddress, req.get("x-forwarded-for"), proxies),
      }),
    }),
  );
  return app;
}

/**
 * Vite's dev middleware. Vite exits the process by itself on SIGTERM (and when standard input
 * ends); the graceful shutdown (server/shutdown.ts) is the one that decides here, and closes
 * Vite through its hook after the requests in flight are answered.
 */
async function createViteDevServer() {
  const vite = await import("vite");
  const before = { sigterm: process.listeners("SIGTERM"), stdinEnd: process.stdin.listeners("end") };
  const server = await vite.createServer({ server: { middlewareMode: true } });
  for (const listener of process.listeners("SIGTERM")) {
    if (!before.sigterm.includes(listener)) process.off("SIGTERM", listener);
  }
  for (const listener of process.stdin.listeners("end")) {
    if (!before.stdinEnd.includes(listener)) process.stdin.off("end", listener as () => void);
  }
  onShutdown("vite", () => server.close());
  return server;
}
