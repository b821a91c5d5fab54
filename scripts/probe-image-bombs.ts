// Does a burst of image "decompression bombs" stall the server? (issue #10, finding 4; not a test:
// it measures, it does not assert.)
//
//   npx remix vite:build && npx tsx scripts/probe-image-bombs.ts [--port 3303] [--bombs 4] [--photo]
//
// Starts the production build (`node ./scripts/start.js`, demo data in a fresh DATA_DIR), logs in
// as the demo producer, then uploads N copies of a 15 KB PNG whose header declares 10,950 × 10,950
// pixels to one of their products, all at once, while polling /healthz every 50 ms. Prints each
// upload's answer, the worst and median /healthz latency while the uploads ran, and the server's
// resident memory (RSS) before, at its peak and after. With --photo it uploads honest 48 MP
// (8000 × 6000) JPEGs instead, which must be accepted and decoded without stalling /healthz.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { itemAt } from "../app/utils/arrays";
import { pngBomb } from "../tests/support/image-bombs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const port = option("port", 3303);
const bombs = option("bombs", 4);
const photo = args.includes("--photo");
const base = `http://127.0.0.1:${port}`;
const PRODUCER = { email: "producer@tieubieu.test", password: "TieuBieu@2026" };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

async function waitForHealth(timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`the server did not answer /healthz within ${timeoutMs / 1000} s`);
}

async function logIn(): Promise<string> {
  const body = new URLSearchParams({ email: PRODUCER.email, password: PRODUCER.password });
  const res = await fetch(`${base}/login`, { method: "POST", body, redirect: "manual", headers: { Origin: base } });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  if (res.status !== 302 || !cookie) throw new Error(`log-in failed: HTTP ${res.status}`);
  return cookie;
}

async function firstProductId(cookie: string): Promise<string> {
  const html = await (await fetch(`${base}/producer`, { headers: { Cookie: cookie } })).text();
  const id = /\/producer\/products\/([a-z0-9]{20,40})/.exec(html)?.[1];
  if (!id) throw new Error("the demo producer has no product on /producer");
  return id;
}

async function upload(cookie: string, productId: string, bytes: Buffer, i: number) {
  const form = new FormData();
  form.append("kind", "PHOTO:DETAIL");
  const [type, name] = photo ? ["image/jpeg", `anh-48mp-${i}.jpg`] : ["image/png", `bom-${i}.png`];
  form.append("photo", new Blob([new Uint8Array(bytes)], { type }), name);
  const started = performance.now();
  const res = await fetch(`${base}/producer/products/${productId}/files`, {
    method: "POST",
    body: form,
    headers: { Cookie: cookie, Origin: base, Accept: "application/json" },
  });
  const text = await res.text();
  let message = text;
  try {
    message = (JSON.parse(text) as { message: string }).message;
  } catch {
    // not JSON: print as is
  }
  return { status: res.status, ms: Math.round(performance.now() - started), message: message.slice(0, 160) };
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bomb-probe-"));
  // The demo data (and its producer) are seeded outside production, into SQLite under DATA_DIR
  // (an empty DATABASE_URL means the default).
  const env = { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: "" };
  const server = spawn(process.execPath, ["./scripts/start.js"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  server.stdout.on("data", (d) => (log += d));
  server.stderr.on("data", (d) => (log += d));
  try {
    await waitForHealth(600_000); // a busy machine can take minutes to migrate and seed
    const cookie = await logIn();
    const productId = await firstProductId(cookie);
    const bomb = photo
      ? await sharp({ create: { width: 8000, height: 6000, channels: 3, background: "#b45309" } })
          .jpeg({ quality: 90 })
          .toBuffer()
      : pngBomb();
    // One upload first, not measured: the first image loads sharp (libvips), once per process.
    const warmUp = await upload(cookie, productId, bomb, 0);
    console.log(`warm-up upload: HTTP ${warmUp.status} in ${warmUp.ms} ms`);
    // Let start-up work settle so that "before" is the idle server.
    await sleep(2000);
    // The same polling with nothing else going on: on a shared machine this is the floor.
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      await fetch(`${base}/healthz`).then((r) => r.arrayBuffer());
      idle.push(performance.now() - started);
      await sleep(50);
    }
    const before = rssKb(server.pid!);
    const what = photo ? "JPEG of 8000 × 6000 px" : "PNG declaring 10950 × 10950 px";
    console.log(
      `server pid ${server.pid}, ${bombs} uploads at once of a ${(bomb.length / 1024).toFixed(1)} KB ${what}`,
    );

    const latencies: number[] = [];
    let peak = before;
    let running = true;
    const poller = (async () => {
      while (running) {
        const started = performance.now();
        await fetch(`${base}/healthz`).then((r) => r.arrayBuffer());
        latencies.push(performance.now() - started);
        peak = Math.max(peak, rssKb(server.pid!));
        await sleep(50);
      }
    })();
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: bombs }, (_, i) => upload(cookie, productId, bomb, i)));
    const total = Math.round(performance.now() - started);
    running = false;
    await poller;
    await sleep(1000);
    const after = rssKb(server.pid!);

    for (const [i, r] of results.entries())
      console.log(`upload ${i + 1}: HTTP ${r.status} in ${r.ms} ms — ${r.message}`);
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(`all uploads answered in ${total} ms`);
    console.log(
      `/healthz during the uploads: ${sorted.length} polls, worst ${sorted.at(-1)!.toFixed(0)} ms, median ${itemAt(sorted, Math.floor(sorted.length / 2), "polls").toFixed(0)} ms`,
    );
    const idleSorted = idle.sort((a, b) => a - b);
    console.log(
      `/healthz idle, before the uploads: worst ${idleSorted.at(-1)!.toFixed(0)} ms, median ${itemAt(idleSorted, 10, "idle polls").toFixed(0)} ms`,
    );
    console.log(`server RSS: before ${mb(before)}, peak ${mb(peak)}, after ${mb(after)} (+${mb(after - before)})`);
  } catch (error) {
    console.error(log.slice(-3000));
    throw error;
  } finally {
    server.kill("SIGTERM");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
