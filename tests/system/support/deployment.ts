// What the system tests deploy on: the production build (made by the step before them in
// scripts/test-all.js, never rebuilt here), databases of their own (an SQLite file, or a uniquely
// named PostgreSQL database on TEST_POSTGRES_URL's server, dropped afterwards), data folders and
// ports in this suite's range (SYSTEM_TEST_PORTS, default 4500-4599).
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort, ROOT } from "../../../scripts/app-process";
import { databaseUrl, dropDatabase, quoteIdent, withServer } from "../../setup/global-setup";

export const POSTGRES_SERVER_URL = process.env.TEST_POSTGRES_URL?.trim() || null;

const PORTS = /^(\d+)-(\d+)$/.exec(process.env.SYSTEM_TEST_PORTS ?? "4500-4599");
if (!PORTS) throw new Error(`SYSTEM_TEST_PORTS reads <from>-<to>, not ${process.env.SYSTEM_TEST_PORTS}`);
const FROM = Number(PORTS[1]);
const TO = Number(PORTS[2]);
/** A free port in this suite's range. */
export const systemPort = () => freePort({ from: FROM, to: TO });

/** `n` distinct free ports in this suite's range (each held until all are found). */
export async function systemPorts(n: number): Promise<number[]> {
  const held: net.Server[] = [];
  try {
    for (let port = FROM; port <= TO && held.length < n; port++) {
      const server = net.createServer();
      const ok = await new Promise<boolean>((resolve) => {
        server.once("error", () => resolve(false));
        server.listen(port, "127.0.0.1", () => resolve(true));
      });
      if (ok) held.push(server);
    }
    if (held.length < n) throw new Error(`fewer than ${n} free ports in ${FROM}–${TO}`);
    return held.map((s) => (s.address() as net.AddressInfo).port);
  } finally {
    await Promise.all(held.map((s) => new Promise((resolve) => s.close(resolve))));
  }
}

/** Fails early, with what to do, when there is no production build to start. */
export function requireProductionBuild() {
  for (const file of ["build/start/main.js", "build/server/index.js"]) {
    if (!fs.existsSync(path.join(ROOT, file))) {
      throw new Error(
        `${file} is missing: the system tests start the production build. Run \`npx remix vite:build\` first (npm test does).`,
      );
    }
  }
}

export interface TestDatabase {
  provider: "sqlite" | "postgresql";
  url: string;
  drop(): Promise<void>;
}

export function tempDir(label: string): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tieubieu-system-${label}-`));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A database for one test: an SQLite file in `dir`, or a new PostgreSQL database. */
export async function createTestDatabase(provider: "sqlite" | "postgresql", dir: string): Promise<TestDatabase> {
  if (provider === "sqlite") return { provider, url: `file:${path.join(dir, "tieubieu.db")}`, drop: async () => {} };
  if (!POSTGRES_SERVER_URL) throw new Error("TEST_POSTGRES_URL is not set");
  const server = POSTGRES_SERVER_URL;
  // The run-id shape of tests/setup/global-setup.ts, so a crashed run's database is dropped as stale later.
  const name = `tb_${Date.now().toString(36)}_${crypto.randomBytes(3).toString("hex")}_sys`;
  await withServer(server, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
  return {
    provider,
    url: databaseUrl(server, name),
    drop: () => withServer(server, (client) => dropDatabase(client, name)),
  };
}

/**
 * Runs tests/system/support/crash-fixture.ts against a database in its own process (the app's
 * services, through tsx) and returns what it printed after FIXTURE_JSON.
 */
export function runFixture<T>(args: string[], env: { DATABASE_URL: string; DATA_DIR: string }): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "tests/system/support/crash-fixture.ts", ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...env, NODE_ENV: "test", SEED_DEMO: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("FIXTURE_JSON "));
      if (code !== 0 || !line)
        return reject(new Error(`crash-fixture ${args[0]} failed (exit ${code}):\n${out.slice(-4000)}`));
      resolve(JSON.parse(line.slice("FIXTURE_JSON ".length)) as T);
    });
  });
}
