// Prometheus metrics (prom-client), served at /metrics by the HTTP server (server/app.ts) to
// loopback peers or a holder of METRICS_TOKEN (docs/decisions/021-logs-and-metrics.md).
//
// - HTTP: a request-duration histogram by Remix route id, method and status class, and a
//   response counter by method and status code; label values are bounded (route ids, a fixed
//   list of methods).
// - Node's default process metrics (CPU, memory, event-loop lag, handles, GC).
// - Anything else is read at scrape time through registerMetricsCollector(name, fn): fn returns
//   plain samples (name, help, labels, value) and never needs prom-client itself. The outbox
//   backlog and the database pool are registered by the server; the job queue's depth and
//   failures are registered the same way by the jobs module.
// Like the logger, the registry lives on globalThis: the server entry and the Remix build are
// two bundles with their own copy of this module.
import crypto from "node:crypto";
import client from "prom-client";
import proxyaddr from "proxy-addr";
import { getLogger } from "./logger.server";

const PREFIX = "tieubieu_";
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export interface MetricSample {
  /** Prometheus metric name (letters, digits, _ and :); prefixed with tieubieu_ unless it already is. */
  name: string;
  help: string;
  value: number;
  labels?: Record<string, string>;
}
export type MetricsCollector = () => MetricSample[] | Promise<MetricSample[]>;

type Shared = {
  registry: client.Registry;
  httpDuration: client.Histogram<"route" | "method" | "status_class">;
  httpResponses: client.Counter<"method" | "status">;
  collectorErrors: client.Counter<"collector">;
  collectors: Map<string, MetricsCollector>;
  gauges: Map<string, { gauge: client.Gauge<string>; labelNames: string[] }>;
  scraping?: Promise<string>;
};

const SHARED = Symbol.for("tieubieu.metrics");

function createShared(): Shared {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new client.Histogram({
      name: `${PREFIX}http_request_duration_seconds`,
      help: "Time from the request's arrival to the end of its response, by Remix route id, method and status class.",
      labelNames: ["route", "method", "status_class"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    httpResponses: new client.Counter({
      name: `${PREFIX}http_responses_total`,
      help: "HTTP responses sent, by method and status code.",
      labelNames: ["method", "status"],
      registers: [registry],
    }),
    collectorErrors: new client.Counter({
      name: `${PREFIX}metrics_collector_errors_total`,
      help: "Scrapes in which a registered collector failed (its metrics are missing from that scrape).",
      labelNames: ["collector"],
      registers: [registry],
    }),
    collectors: new Map(),
    gauges: new Map(),
  };
}

function shared(): Shared {
  return ((globalThis as Record<symbol, Shared>)[SHARED] ??= createShared());
}

const log = getLogger("metrics");

export function methodLabel(method: string): string {
  const upper = method.toUpperCase();
  return METHODS.has(upper) ? upper : "OTHER";
}

/** One finished HTTP response. */
export function observeRequest(input: { route: string; method: string; status: number; seconds: number }) {
  const s = shared();
  const method = methodLabel(input.method);
  s.httpDuration.observe(
    { route: input.route, method, status_class: `${Math.floor(input.status / 100)}xx` },
    input.seconds,
  );
  s.httpResponses.inc({ method, status: String(input.status) });
}

/**
 * Registers (or replaces, by name) a function read at every scrape. The lead wires the job
 * queue here, e.g. registerMetricsCollector("jobs", async () => [{ name: "jobs_queued", … }]).
 */
export function registerMetricsCollector(name: string, fn: MetricsCollector) {
  shared().collectors.set(name, fn);
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function gaugeFor(s: Shared, sample: MetricSample, collector: string) {
  const name = sample.name.startsWith(PREFIX) ? sample.name : `${PREFIX}${sample.name}`;
  const labelNames = Object.keys(sample.labels ?? {}).sort();
  if (!METRIC_NAME.test(name) || !labelNames.every((l) => LABEL_NAME.test(l))) {
    throw new Error(`collector ${collector}: invalid metric or label name in ${name}`);
  }
  const known = s.gauges.get(name);
  if (known) {
    if (known.labelNames.join(",") !== labelNames.join(","))
      throw new Error(`collector ${collector}: ${name} changed its labels`);
    return known.gauge;
  }
  const gauge = new client.Gauge({ name, help: sample.help, labelNames, registers: [s.registry] });
  s.gauges.set(name, { gauge, labelNames });
  return gauge;
}

async function runCollectors(s: Shared) {
  for (const { gauge } of s.gauges.values()) gauge.reset(); // a label set no collector reports any more disappears
  await Promise.all(
    [...s.collectors].map(async ([name, collect]) => {
      try {
        const samples = await collect();
        for (const sample of samples) gaugeFor(s, sample, name).set(sample.labels ?? {}, sample.value);
      } catch (error) {
        s.collectorErrors.inc({ collector: name });
        log.error({ err: error, collector: name }, "metrics collector failed");
      }
    }),
  );
}

/** The exposition text of one scrape (concurrent scrapes share one collection). */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  const s = shared();
  s.scraping ??= runCollectors(s)
    .then(() => s.registry.metrics())
    .finally(() => {
      s.scraping = undefined;
    });
  return { contentType: s.registry.contentType, body: await s.scraping };
}

const isLoopback = proxyaddr.compile("loopback");
const FORWARDING_HEADERS = ["x-forwarded-for", "forwarded", "x-real-ip"];

/**
 * Who may read /metrics: a holder of METRICS_TOKEN (Authorization: Bearer …), or a process on
 * this machine talking to the app port directly. The socket's peer decides, never a header a
 * client can write; and a loopback peer that forwards someone else's request (a reverse proxy
 * on the same machine adds X-Forwarded-For) is not local. Refused: 404 without credentials
 * (the endpoint is not advertised), 403 with a wrong token.
 */
export function metricsAccess(input: {
  remoteAddress: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  token: string | undefined;
}): { allowed: true } | { allowed: false; status: 403 | 404 } {
  const authorization = input.headers.authorization;
  if (typeof authorization === "string" && authorization.trim() !== "") {
    const presented = /^Bearer\s+(.+)$/i.exec(authorization.trim())?.[1] ?? "";
    if (input.token && safeEqual(presented, input.token)) return { allowed: true };
    return { allowed: false, status: 403 };
  }
  const forwarded = FORWARDING_HEADERS.some((h) => input.headers[h] !== undefined);
  const peer = input.remoteAddress?.replace(/^::ffff:/, "");
  if (peer && !forwarded && isLoopback(peer, 0)) return { allowed: true };
  return { allowed: false, status: 404 };
}

function safeEqual(a: string, b: string): boolean {
  const ha = crypto.createHash("sha256").update(a).digest();
  const hb = crypto.createHash("sha256").update(b).digest();
  return crypto.timingSafeEqual(ha, hb);
}
