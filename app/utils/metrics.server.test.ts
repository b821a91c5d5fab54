// Who may read /metrics, and what a registered collector (the job queue's, the outbox's) turns
// into at scrape time. The served endpoint itself is tested through the real server in
// tests/integration/server-operations.test.ts.
import { describe, expect, test } from "vitest";
import { metricsAccess, observeRequest, registerMetricsCollector, renderMetrics } from "./metrics.server";

const TOKEN = "t".repeat(40);

describe("metricsAccess", () => {
  const access = (
    remoteAddress: string | undefined,
    headers: Record<string, string> = {},
    token: string | undefined = TOKEN,
  ) => metricsAccess({ remoteAddress, headers, token });

  test("loopback peers, IPv4, IPv6 and IPv4-mapped, are allowed without a token", () => {
    for (const peer of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"])
      expect(access(peer)).toEqual({ allowed: true });
  });

  test("any other peer without credentials gets 404, whatever it claims in headers", () => {
    for (const peer of ["192.0.2.2", "10.0.0.5", "fd00::2", "::ffff:10.0.0.5", undefined])
      expect(access(peer)).toEqual({ allowed: false, status: 404 });
    expect(access("192.0.2.2", { "x-forwarded-for": "127.0.0.1" })).toEqual({ allowed: false, status: 404 });
  });

  test("a loopback peer forwarding someone else's request (a reverse proxy on this machine) is not local", () => {
    expect(access("127.0.0.1", { "x-forwarded-for": "203.0.113.9" })).toEqual({ allowed: false, status: 404 });
    expect(access("127.0.0.1", { forwarded: "for=203.0.113.9" })).toEqual({ allowed: false, status: 404 });
    expect(access("127.0.0.1", { "x-real-ip": "203.0.113.9" })).toEqual({ allowed: false, status: 404 });
  });

  test("the right bearer token opens it from anywhere; a wrong one, or any token when none is configured, is 403", () => {
    expect(access("198.51.100.7", { authorization: `Bearer ${TOKEN}` })).toEqual({ allowed: true });
    expect(access("198.51.100.7", { authorization: `bearer ${TOKEN}`, "x-forwarded-for": "1.2.3.4" })).toEqual({
      allowed: true,
    });
    expect(access("198.51.100.7", { authorization: `Bearer ${TOKEN}x` })).toEqual({ allowed: false, status: 403 });
    expect(access("198.51.100.7", { authorization: TOKEN })).toEqual({ allowed: false, status: 403 });
    expect(access("127.0.0.1", { authorization: "Bearer anything" }, undefined)).toEqual({
      allowed: false,
      status: 403,
    });
  });
});

describe("scrape", () => {
  test("requests are counted by route id, method and status class; unknown methods are folded into OTHER", async () => {
    observeRequest({ route: "routes/verify.$code", method: "GET", status: 200, seconds: 0.012 });
    observeRequest({ route: "routes/verify.$code", method: "BREW", status: 405, seconds: 0.001 });
    const { contentType, body } = await renderMetrics();
    expect(contentType).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(body).toMatch(
      /^tieubieu_http_request_duration_seconds_bucket\{le="0\.025",route="routes\/verify\.\$code",method="GET",status_class="2xx"\} 1$/m,
    );
    expect(body).toMatch(
      /^tieubieu_http_request_duration_seconds_bucket\{le="0\.01",route="routes\/verify\.\$code",method="GET",status_class="2xx"\} 0$/m,
    );
    expect(body).toMatch(/^tieubieu_http_responses_total\{method="OTHER",status="405"\} 1$/m);
  });

  test("a registered collector's samples become gauges read at each scrape; a failing collector is counted and does not hide the others", async () => {
    let queued = 3;
    registerMetricsCollector("jobs-test", () => [
      { name: "jobs_queued", help: "Jobs waiting.", value: queued, labels: { kind: "bulk-print" } },
      { name: "tieubieu_jobs_failed", help: "Jobs failed.", value: 1, labels: { kind: "bulk-print" } },
    ]);
    registerMetricsCollector("broken-test", async () => {
      throw new Error("database unreachable");
    });
    let body = (await renderMetrics()).body;
    expect(body).toMatch(/^tieubieu_jobs_queued\{kind="bulk-print"\} 3$/m);
    expect(body).toMatch(/^tieubieu_jobs_failed\{kind="bulk-print"\} 1$/m);
    expect(body).toMatch(/^tieubieu_metrics_collector_errors_total\{collector="broken-test"\} 1$/m);

    queued = 0;
    registerMetricsCollector("jobs-test", () => [
      { name: "jobs_queued", help: "Jobs waiting.", value: queued, labels: { kind: "zip" } },
    ]);
    body = (await renderMetrics()).body;
    expect(body).toMatch(/^tieubieu_jobs_queued\{kind="zip"\} 0$/m);
    expect(body).not.toContain('tieubieu_jobs_queued{kind="bulk-print"}'); // a label set no longer reported disappears
    expect(body).toMatch(/^tieubieu_metrics_collector_errors_total\{collector="broken-test"\} 2$/m);
  });

  test("a collector that changes a metric's labels or uses an invalid name is refused, not crashed on", async () => {
    registerMetricsCollector("labels-test", () => [{ name: "things", help: "h", value: 1, labels: { a: "1" } }]);
    await renderMetrics();
    registerMetricsCollector("labels-test", () => [{ name: "things", help: "h", value: 1, labels: { b: "1" } }]);
    expect((await renderMetrics()).body).toMatch(
      /^tieubieu_metrics_collector_errors_total\{collector="labels-test"\} 1$/m,
    );
    registerMetricsCollector("labels-test", () => [{ name: "bad name", help: "h", value: 1 }]);
    expect((await renderMetrics()).body).toMatch(
      /^tieubieu_metrics_collector_errors_total\{collector="labels-test"\} 2$/m,
    );
  });
});
