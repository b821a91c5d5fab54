// Server CPU per judge's autosave against a running production server (issue #9; not a test).
//
//   npx remix vite:build
//   DATA_DIR=$(mktemp -d) PORT=3301 node ./scripts/start.js &        # seeds the demo round
//   npx tsx scripts/judge-autosave-cpu.ts --data-dir <that DATA_DIR> [--port 3301] [--sessions 100] [--seconds 60] [--interval 2000]
//
// Adds N judges to the demo judging round (each with their own entry to score) and gives each a
// session directly in the database (a hundred log-ins from one address would meet the log-in
// throttle). Then, in the same run and with the same pattern (N clients, one request each every
// `interval` ms for `seconds`):
//   1. baseline: GET /healthz (a Remix resource route with one SQL query);
//   2. autosaves: POST <sheet>.data intent=autosave, as the page's fetcher does (single fetch),
//      each client carrying the version its last save returned;
//   3. autosaves followed by the root loader's revalidation (GET <sheet>.data?_routes=root),
//      what every autosave cost before root.tsx's shouldRevalidate.
// Server CPU is read from /proc/<pid>/stat (utime+stime) of the process listening on the port.
// At the end every sheet must hold exactly its last acknowledged save (0 lost or overwritten).
import { execSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { firstRow, itemAt } from "../app/utils/arrays";

const args = process.argv.slice(2);
const arg = (name: string, fallback?: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const PORT = Number(arg("port", "3301"));
const SESSIONS = Number(arg("sessions", "100"));
const SECONDS = Number(arg("seconds", "60"));
const INTERVAL = Number(arg("interval", "2000"));
const dataDir = arg("data-dir");
if (!dataDir) throw new Error("--data-dir <the server's DATA_DIR> is required");
const BASE = `http://127.0.0.1:${PORT}`;
const dbUrl = `file:${path.join(dataDir, "tieubieu.db")}`;
process.env.DATABASE_URL = dbUrl;
process.env.DATA_DIR = dataDir;

const { createDbClient } = await import("../app/utils/db.server");
const { currentRubric } = await import("../app/modules/judging/rubric.server");
const { sheetItems } = await import("../app/modules/judging/sheet-rules");
const { scoreField } = await import("../app/modules/judging/sheet-schemas");
const { DEMO_JUDGING_ROUND_NAME } = await import("../prisma/demo-judging");
const db = createDbClient({ DATABASE_URL: dbUrl, DATA_DIR: dataDir });

// ───────────── the server's process ─────────────

function serverPid(): number {
  const out = execSync(`ss -ltnpH 'sport = :${PORT}'`, { encoding: "utf8" });
  const m = out.match(/pid=(\d+)/);
  if (!m) throw new Error(`nothing listens on port ${PORT}`);
  // Measure only the server started on this DATA_DIR (another one may hold the port).
  const environ = fs.readFileSync(`/proc/${m[1]}/environ`, "utf8").split("\0");
  if (!environ.includes(`DATA_DIR=${dataDir}`))
    throw new Error(`the server on port ${PORT} (pid ${m[1]}) does not use DATA_DIR=${dataDir}`);
  return Number(m[1]);
}
const pid = serverPid();
const TICK_MS = 1000 / Number(execSync("getconf CLK_TCK", { encoding: "utf8" }).trim());
function cpuMs(): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime
}

// ───────────── judges, entries, sessions ─────────────

const round = await db.round.findFirstOrThrow({
  where: { name: DEMO_JUDGING_ROUND_NAME },
  select: { id: true, status: true },
});
if (round.status !== "JUDGING") throw new Error(`the demo round is ${round.status}, not JUDGING`);
const entries = await db.entry.findMany({
  where: { roundId: round.id, status: "ACCEPTED" },
  select: { id: true, group: true },
  orderBy: { entryCode: "asc" },
});
const rubric = (await currentRubric(db, round.id))!;
const template = await db.user.findFirstOrThrow({
  where: { email: "judge1@tieubieu.test" },
  select: { passwordHash: true },
});
const tag = crypto.randomBytes(3).toString("hex");
interface Client {
  cookie: string;
  url: string;
  entryId: string;
  memberId: string;
  field: string;
  max: number;
  version: number;
  lastAck: { version: number; value: number } | null;
  /** One kept-alive connection per client, used every interval (under the server's 5 s idle limit). */
  agent: http.Agent;
}
const clients: Client[] = [];
for (let k = 0; k < SESSIONS; k++) {
  const user = await db.user.create({
    data: {
      email: `bench-judge-${tag}-${k}@tieubieu.test`,
      name: `Giám khảo thử tải ${k + 1}`,
      passwordHash: template.passwordHash,
      emailVerifiedAt: new Date(),
    },
  });
  const member = await db.juryMember.create({
    data: { roundId: round.id, userId: user.id, isJudge: true, declaredAt: new Date() },
  });
  const sessionId = crypto.randomBytes(20).toString("hex");
  await db.session.create({
    data: { id: sessionId, userId: user.id, expiresAt: new Date(Date.now() + 86_400_000), createdAt: new Date() },
  });
  const entry = itemAt(entries, k % entries.length, "entries");
  const item = firstRow(sheetItems(rubric.items, entry.group), "sheet items");
  clients.push({
    cookie: `tb_session=${sessionId}`,
    url: `/judge/rounds/${round.id}/entries/${entry.id}`,
    entryId: entry.id,
    memberId: member.id,
    field: scoreField(item.code),
    max: item.max,
    version: 0,
    lastAck: null,
    agent: new http.Agent({ keepAlive: true, maxSockets: 1 }),
  });
}

// ───────────── load ─────────────

interface Phase {
  name: string;
  requests: number;
  ok: number;
  errors: number;
  conflicts: number;
  latencies: number[];
  cpuMs: number;
  /** Answers other than 200/409 by status (0: the connection failed). */
  statuses: Record<number, number>;
}

const headers = (c: Client, extra: Record<string, string> = {}) => ({ Cookie: c.cookie, Origin: BASE, ...extra });

/** One request on the client's own connection; resolves with the status once the body is read. */
function request(c: Client, method: string, url: string, hdrs: Record<string, string>, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${BASE}${url}`,
      { method, agent: c.agent, headers: body ? { ...hdrs, "Content-Length": String(Buffer.byteLength(body)) } : hdrs },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function timed(fn: () => Promise<number>, phase: Phase) {
  const t0 = performance.now();
  const status = await fn().catch(() => 0); // 0: the connection failed (counted as an error)
  phase.latencies.push(performance.now() - t0);
  phase.requests++;
  return { status };
}

async function autosave(c: Client, phase: Phase, revalidateRoot: boolean) {
  const value = Math.floor(Math.random() * (c.max * 2 + 1)) / 2;
  const body = new URLSearchParams({ intent: "autosave", version: String(c.version), [c.field]: String(value) });
  const res = await timed(
    () =>
      request(
        c,
        "POST",
        `${c.url}.data`,
        headers(c, { "Content-Type": "application/x-www-form-urlencoded" }),
        body.toString(),
      ),
    phase,
  );
  if (res.status === 200) {
    phase.ok++;
    c.version++;
    c.lastAck = { version: c.version, value };
  } else if (res.status === 409) phase.conflicts++;
  else {
    phase.errors++;
    phase.statuses[res.status] = (phase.statuses[res.status] ?? 0) + 1;
  }
  if (revalidateRoot) {
    const r = await timed(() => request(c, "GET", `${c.url}.data?_routes=root`, headers(c)), phase);
    if (r.status !== 200) phase.errors++;
  }
}

async function healthz(c: Client, phase: Phase) {
  const res = await timed(() => request(c, "GET", "/healthz", headers(c)), phase);
  if (res.status === 200) phase.ok++;
  else {
    phase.errors++;
    phase.statuses[res.status] = (phase.statuses[res.status] ?? 0) + 1;
  }
}

async function run(name: string, each: (c: Client, phase: Phase) => Promise<void>): Promise<Phase> {
  const phase: Phase = { name, requests: 0, ok: 0, errors: 0, conflicts: 0, latencies: [], cpuMs: 0, statuses: {} };
  const until = Date.now() + SECONDS * 1000;
  const cpu0 = cpuMs();
  await Promise.all(
    clients.map(async (c, i) => {
      await new Promise((r) => setTimeout(r, (INTERVAL * i) / clients.length)); // spread the clients over one interval
      while (Date.now() < until) {
        const next = Date.now() + INTERVAL;
        await each(c, phase);
        await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
      }
    }),
  );
  phase.cpuMs = cpuMs() - cpu0;
  return phase;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

// Warm up: every path a few times.
const warm: Phase = {
  name: "warm",
  requests: 0,
  ok: 0,
  errors: 0,
  conflicts: 0,
  latencies: [],
  cpuMs: 0,
  statuses: {},
};
for (const c of clients.slice(0, 20)) {
  await healthz(c, warm);
  await autosave(c, warm, true);
}

console.log(
  `server pid ${pid}, ${SESSIONS} sessions, one request each per ${INTERVAL} ms for ${SECONDS} s per phase; loadavg ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
const phases = [
  await run("GET /healthz (baseline)", healthz),
  await run("autosave", (c, p) => autosave(c, p, false)),
  await run("autosave + root revalidation (before)", (c, p) => autosave(c, p, true)),
];
const baseline = firstRow(phases, "phases");
const base = baseline.cpuMs / baseline.requests;
console.log("\nphase                                   requests  errors  409  cpu ms/req  ratio  p50 ms  p95 ms");
for (const p of phases) {
  const perReq = p.cpuMs / Math.max(1, p.name.startsWith("autosave +") ? p.requests / 2 : p.requests); // per autosave
  console.log(
    `${p.name.padEnd(39)} ${String(p.requests).padStart(8)} ${String(p.errors).padStart(7)} ${String(p.conflicts).padStart(4)} ${perReq.toFixed(2).padStart(11)} ${(perReq / base).toFixed(2).padStart(6)} ${pct(p.latencies, 50).toFixed(1).padStart(7)} ${pct(p.latencies, 95).toFixed(1).padStart(7)}${p.errors ? `  errors by status ${JSON.stringify(p.statuses)}` : ""}`,
  );
}
console.log(
  `loadavg at the end ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);

// Every sheet holds its last acknowledged save.
let lost = 0;
for (const c of clients) {
  if (!c.lastAck) continue;
  const sheet = await db.scoreSheet.findFirst({
    where: { entryId: c.entryId, juryMemberId: c.memberId },
    select: { version: true, scores: true },
  });
  const stored = (sheet?.scores as Record<string, number> | undefined)?.[
    c.field.replace(/^score_/, "").replace(/_/g, ".")
  ];
  if (!sheet || sheet.version !== c.lastAck.version || stored !== c.lastAck.value) lost++;
}
console.log(
  `sheets checked: ${clients.filter((c) => c.lastAck).length}, lost or overwritten acknowledged saves: ${lost}`,
);
for (const c of clients) c.agent.destroy();
await db.$disconnect();
