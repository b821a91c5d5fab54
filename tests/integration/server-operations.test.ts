// The real server process (server/main.ts through scripts/dev.js, as `npm run dev` runs it, on
// this test file's own database and data folder): its JSON log lines, /metrics and its graceful
// shutdown on SIGTERM (README "Production", docs/decisions/021-logs-and-metrics.md).
// Development mode is used because the production build does not exist yet when vitest runs
// (`npm test` builds after the unit and integration tests); the middleware, the logger, the
// metrics and the shutdown are the same code in both modes.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { databaseProvider, prisma } from "~/utils/db.server";

const PORT = 4300 + crypto.randomInt(0, 100);
const TOKEN = crypto.randomBytes(24).toString("hex");
const local = `http://127.0.0.1:${PORT}`;
/** This machine's own address on a real interface: a peer that is not loopback. */
const outsideAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((i) => i && !i.internal && i.family === "IPv4")?.address;

let server: ChildProcess;
let output = "";
let stdout = "";
let exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

function logLines(): Array<Record<string, unknown>> {
  return output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 120_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; server output:\n${output.slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Opens a socket and writes `head` (an unfinished request); resolves with what the server answers. */
function partialRequest(head: string) {
  const socket = net.connect(PORT, "127.0.0.1");
  let answer = "";
  socket.on("data", (chunk) => (answer += chunk.toString()));
  const closed = new Promise<string>((resolve) => socket.on("close", () => resolve(answer)));
  socket.write(head);
  return { socket, closed };
}

beforeAll(async () => {
  server = spawn(process.execPath, [path.resolve("scripts/dev.js")], {
    cwd: path.resolve("."),
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? os.tmpdir(),
      NODE_ENV: "development",
      PORT: String(PORT),
      HOST: "0.0.0.0",
      DATABASE_URL: process.env.DATABASE_URL!,
      DATA_DIR: process.env.DATA_DIR!,
      SEED_DEMO: "0",
      LOG_LEVEL: "debug",
      METRICS_TOKEN: TOKEN,
      SHUTDOWN_TIMEOUT_MS: "60000",
    },
  });
  server.stdout!.on("data", (chunk) => {
    output += chunk.toString();
    stdout += chunk.toString();
  });
  server.stderr!.on("data", (chunk) => (output += chunk.toString()));
  exit = new Promise((resolve) => server.on("exit", (code, signal) => resolve({ code, signal })));
  await waitFor("the server to listen", () => (output.includes("Tiêu Biểu is running") ? true : undefined));
  // The first request compiles the Remix build in Vite's dev middleware.
  await waitFor("/healthz", () =>
    fetch(`${local}/healthz`).then(
      (r) => (r.ok ? true : undefined),
      () => undefined,
    ),
  );
});

afterAll(() => {
  if (server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
});

describe("logs", () => {
  test("a login carrying a session cookie: one access line with route, status and request id; no cookie, password or e-mail anywhere", async () => {
    const cookie = `auth_session=${crypto.randomBytes(16).toString("hex")}`;
    const password = `Pw-${crypto.randomBytes(8).toString("hex")}`;
    const email = `ops.${crypto.randomBytes(4).toString("hex")}@example.vn`;
    const res = await fetch(`${local}/login`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password }).toString(),
      redirect: "manual",
    });
    expect(res.status).toBe(400);
    const requestId = res.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    const access = await waitFor("the access line", () =>
      logLines().find((l) => l.module === "http" && l.reqId === requestId),
    );
    expect(access).toMatchObject({ level: "info", method: "POST", route: "routes/login", path: "/login", status: 400 });
    expect(typeof access.ms).toBe("number");
    // The domain's own line inside the request carries the same id.
    expect(logLines().find((l) => l.module === "auth" && l.reqId === requestId)).toMatchObject({
      level: "warn",
      msg: "login failed",
    });

    for (const secret of [cookie.split("=")[1], password, email, encodeURIComponent(email)])
      expect(output).not.toContain(secret);
  });

  test("a link with a token: the path is logged with the token replaced and without its query string", async () => {
    const token = crypto.randomBytes(20).toString("hex");
    const res = await fetch(`${local}/invite/${token}?ref=${token}`);
    const requestId = res.headers.get("x-request-id");
    const access = await waitFor("the access line", () =>
      logLines().find((l) => l.module === "http" && l.reqId === requestId),
    );
    expect(access).toMatchObject({ route: "routes/invite.$token", path: "/invite/:token" });
    expect(output).not.toContain(token);
  });

  test("an X-Request-Id from a peer that is not a trusted proxy is not believed", async () => {
    const res = await fetch(`${local}/healthz`, { headers: { "X-Request-Id": "chosen-by-the-client" } });
    expect(res.headers.get("x-request-id")).not.toBe("chosen-by-the-client");
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("/metrics", () => {
  test("from loopback: the request histogram by route id, the status counter, process metrics and the outbox backlog", async () => {
    await fetch(`${local}/products`);
    await prisma.mailMessage.create({ data: { to: "metrics@example.vn", subject: "s", text: "t", status: "STORED" } });
    const res = await fetch(`${local}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const text = await res.text();
    expect(text).toMatch(
      /^tieubieu_http_request_duration_seconds_count\{route="routes\/products\._index",method="GET",status_class="2xx"\} [1-9]/m,
    );
    expect(text).toMatch(
      /^tieubieu_http_request_duration_seconds_bucket\{le="\+Inf",route="routes\/login",method="POST",status_class="4xx"\} [1-9]/m,
    );
    expect(text).toMatch(/^tieubieu_http_responses_total\{method="POST",status="400"\} [1-9]/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect(text).toMatch(/^tieubieu_mail_outbox_messages\{status="STORED"\} 1$/m);
    // No raw URL becomes a label value.
    expect(text).not.toContain('route="/');
    if (databaseProvider() === "postgresql") {
      expect(text).toMatch(/^tieubieu_db_pool_connections\{state="total"\} [1-9]/m);
      expect(text).toMatch(/^tieubieu_db_pool_connections\{state="idle"\} \d+/m);
      expect(text).toMatch(/^tieubieu_db_pool_waiting_queries \d+/m);
      expect(text).toMatch(/^tieubieu_db_pool_max_connections 10$/m);
    } else {
      expect(text).not.toContain("tieubieu_db_pool_"); // SQLite: one embedded connection, no pool
    }
  });

  test("refused to a peer that is not loopback, and to loopback traffic forwarded by a proxy; a token opens it", async () => {
    // A reverse proxy on this machine connects from loopback on behalf of someone else.
    expect((await fetch(`${local}/metrics`, { headers: { "X-Forwarded-For": "203.0.113.9" } })).status).toBe(404);
    expect((await fetch(`${local}/metrics`, { headers: { Authorization: "Bearer wrong-token" } })).status).toBe(403);
    const outside = outsideAddress ? `http://${outsideAddress}:${PORT}` : undefined;
    if (outside) {
      const refused = await fetch(`${outside}/metrics`);
      expect(refused.status).toBe(404);
      expect(await refused.text()).not.toContain("tieubieu_");
    }
    const withToken = await fetch(`${outside ?? local}/metrics`, {
      headers: { Authorization: `Bearer ${TOKEN}`, "X-Forwarded-For": "203.0.113.9" },
    });
    expect(withToken.status).toBe(200);
    expect(await withToken.text()).toContain("tieubieu_http_request_duration_seconds_bucket");
  });
});

describe("graceful shutdown", () => {
  test("SIGTERM: no new connections, /readyz 503 'shutting down', the upload in flight completes, hooks run, exit 0", async () => {
    expect((await fetch(`${local}/readyz`)).status).toBe(200);
    // A slow client: the login form's headers and the first bytes of its body, the rest later.
    const body = new URLSearchParams({ email: "slow@example.vn", password: "not-the-password" }).toString();
    const slow = partialRequest(
      `POST /login HTTP/1.1\r\nHost: 127.0.0.1:${PORT}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 8)}`,
    );
    // A load balancer's health check already on its connection (headers not finished yet).
    const probe = partialRequest(`GET /readyz HTTP/1.1\r\nHost: 127.0.0.1:${PORT}\r\n`);
    await waitFor("the upload to reach the app", () =>
      logLines().some((l) => l.msg === "request") ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));

    server.kill("SIGTERM");
    await waitFor("the shutdown to begin", () =>
      logLines().find((l) => l.module === "shutdown" && l.signal === "SIGTERM"),
    );

    // No new connections.
    const refused = await new Promise<string>((resolve) => {
      const socket = net.connect(PORT, "127.0.0.1");
      socket.on("connect", () => {
        socket.destroy();
        resolve("connected");
      });
      socket.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
    });
    expect(refused).toBe("ECONNREFUSED");

    // The health check is answered meanwhile: 503, shutting down.
    probe.socket.write("\r\n");
    const readyz = await probe.closed;
    expect(readyz).toMatch(/^HTTP\/1\.1 503 /);
    expect(readyz).toMatch(/Connection: close/i);
    expect(readyz).toContain('"reason":"shutting down"');
    expect(server.exitCode).toBeNull(); // the upload still holds the process

    // The upload finishes and gets its real answer (wrong password: 400).
    slow.socket.write(body.slice(8));
    expect(await slow.closed).toMatch(/^HTTP\/1\.1 400 /);

    expect(await exit).toEqual({ code: 0, signal: null });
    const lines = logLines();
    expect(lines.some((l) => l.msg === "all requests answered")).toBe(true);
    expect(lines.find((l) => l.msg === "shutdown hook done" && l.hook === "database")).toBeDefined();
    expect(lines.find((l) => l.msg === "shutdown complete")).toMatchObject({ module: "shutdown", level: "info" });
    // Every line the server wrote on its standard output is one JSON object, but for the lines of
    // Vite's own logger: this test runs the development server, whose dependency optimiser says
    // "[vite] … new dependencies optimized" on a first start with a cold cache (as on a fresh clone).
    expect(
      stdout.split("\n").filter((l) => l.trim() && !l.startsWith("{") && !/^[\d:]+ [AP]M \[vite\] /.test(l)),
    ).toEqual([]);
  });
});
