// What the HTTP server tells operators about each request (docs/decisions/021-logs-and-metrics.md):
// a request id, one access-log line, the request metrics, and /metrics itself.
import crypto from "node:crypto";
import type { ServerBuild } from "@remix-run/node";
import type express from "express";
import proxyaddr from "proxy-addr";
import { isShuttingDown } from "../app/utils/lifecycle.server";
import { getLogger, runWithRequestContext } from "../app/utils/logger.server";
import { metricsAccess, observeRequest, renderMetrics } from "../app/utils/metrics.server";
import { createRouteLabeller, type RouteLabel } from "../app/utils/route-label.server";

const accessLog = getLogger("http");

/** An incoming X-Request-Id kept as is: short, and only characters that are safe in a log line. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Probes that a load balancer or Prometheus sends every few seconds: logged at debug level. */
const PROBES = new Set(["routes/healthz", "routes/readyz", "metrics"]);

type Labelled = { label?: RouteLabel };
const labelOf = (res: express.Response): Labelled => res.locals as Labelled;

/**
 * First middleware: gives the request its id (the trusted proxy's X-Request-Id when the socket's
 * peer is one of TRUST_PROXY's addresses and the id is sane, else a new UUID), echoes it in the
 * response, runs the rest of the request inside that context (every log line carries `reqId`),
 * and when the response ends writes the access-log line and the metrics.
 */
export function requestObservability(trustedProxies: string[]): express.RequestHandler {
  const trusted = proxyaddr.compile(trustedProxies);
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const incoming = req.get("x-request-id");
    const peer = req.socket.remoteAddress;
    const requestId =
      incoming && SANE_REQUEST_ID.test(incoming) && peer && trusted(peer, 0) ? incoming : crypto.randomUUID();
    res.setHeader("X-Request-Id", requestId);
    // A process on its way down closes each connection after its answer (server/shutdown.ts).
    if (isShuttingDown()) res.setHeader("Connection", "close");

    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const { label } = labelOf(res);
      const route = label?.route ?? "unmatched";
      const status = res.statusCode;
      // The response was cut (client gone, shutdown forced) when it never finished writing.
      const aborted = !res.writableFinished;
      observeRequest({ route, method: req.method, status, seconds });
      runWithRequestContext({ requestId }, () => {
        const line = {
          method: req.method,
          route,
          path: label?.path ?? req.path,
          status,
          ms: Math.round(seconds * 10_000) / 10,
          bytes: Number(res.getHeader("content-length")) || undefined,
          ...(aborted ? { aborted: true } : {}),
        };
        if (PROBES.has(route)) accessLog.debug(line, "request");
        else accessLog.info(line, "request");
      });
    };
    res.once("finish", done);
    res.once("close", done);
    runWithRequestContext({ requestId }, next);
  };
}

/** Marks the requests that static file serving may answer, before express.static runs. */
export function labelStatic(): express.RequestHandler {
  return (req, res, next) => {
    labelOf(res).label = { route: req.path.startsWith("/assets/") ? "assets" : "static", path: req.path };
    next();
  };
}

/**
 * Labels the request with the Remix route that will answer it (route id, path with secret
 * parameters replaced). `getBuild` is the server build or, in development, a function that
 * loads the current one; the labeller is rebuilt only when the build changes.
 */
export function labelRemixRoute(getBuild: ServerBuild | (() => Promise<ServerBuild>)): express.RequestHandler {
  const labellers = new WeakMap<ServerBuild["routes"], ReturnType<typeof createRouteLabeller>>();
  const labellerFor = (build: ServerBuild) => {
    let labeller = labellers.get(build.routes);
    if (!labeller) labellers.set(build.routes, (labeller = createRouteLabeller(build.routes)));
    return labeller;
  };
  return (req, res, next) => {
    const label = (build: ServerBuild) => {
      labelOf(res).label = labellerFor(build)(req.path);
      next();
    };
    if (typeof getBuild === "function") getBuild().then(label, next);
    else label(getBuild);
  };
}

/** GET /metrics: the Prometheus text to loopback peers and METRICS_TOKEN holders (metricsAccess). */
export function metricsEndpoint(token: string | undefined): express.RequestHandler {
  return (req, res, next) => {
    if (req.path !== "/metrics") return next();
    labelOf(res).label = { route: "metrics", path: "/metrics" };
    const access = metricsAccess({ remoteAddress: req.socket.remoteAddress, headers: req.headers, token });
    res.setHeader("Cache-Control", "no-store");
    if (!access.allowed) {
      res
        .status(access.status)
        .type("text/plain; charset=utf-8")
        .send(access.status === 404 ? "Not Found" : "Forbidden");
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.status(405).setHeader("Allow", "GET, HEAD").end();
      return;
    }
    renderMetrics().then(
      ({ contentType, body }) => {
        res.setHeader("Content-Type", contentType); // as prom-client states it (Express would add a charset)
        res.end(req.method === "HEAD" ? undefined : body);
      },
      (error) => next(error),
    );
  };
}
