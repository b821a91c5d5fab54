// Vitest globalSetup: builds ONE migrated template database per run. Every test file then gets
// its own copy of it (tests/setup/setup-test-env.ts), which is far faster than migrating per file.
//
//   SQLite (default)            <tmp>/template.db, migrated with `prisma migrate deploy`
//   PostgreSQL (TEST_POSTGRES_URL=postgresql://user@host:port/postgres, a server URL)
//                               a uniquely named template database <runId>_tpl on that server;
//                               per-file copies are <runId>_f<hex>; all are dropped in teardown.
//
// Names are unique per run so parallel runs, earlier sessions and leftovers never collide.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import type { TestProject } from "vitest/node";

export type TestDbContext =
  | { provider: "sqlite"; runId: string; runDir: string; templateFile: string }
  | {
      provider: "postgresql";
      runId: string;
      runDir: string;
      /** The server URL from TEST_POSTGRES_URL (its database is only used to run CREATE/DROP). */
      serverUrl: string;
      templateName: string;
    };

declare module "vitest" {
  export interface ProvidedContext {
    testDb: TestDbContext;
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const prismaBin = path.join(root, "node_modules", ".bin", process.platform === "win32" ? "prisma.cmd" : "prisma");

/** Databases of runs older than this are leftovers of a crashed run and are dropped on start. */
const STALE_AFTER_MS = 6 * 60 * 60 * 1000;
const RUN_ID_PATTERN = /^tb_([0-9a-z]+)_[0-9a-f]{6}_/;

/** The URL of database `name` on the server that `serverUrl` points to. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export async function withServer<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  // WITH (FORCE) (PostgreSQL 13+) ends connections a test forgot to close.
  await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
}

/**
 * `prisma migrate deploy` into `url`; resolves with the time it took.
 *
 * On PostgreSQL the wasm schema engine leaves a 10 s timer running after its work is done, so
 * the CLI idles 10 s before exiting. Once it has printed its final success line the migration is
 * committed, so the process is ended after a short grace period instead of waited for.
 */
function migrate(url: string): Promise<number> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(prismaBin, ["migrate", "deploy", "--config", path.join(root, "prisma.config.ts")], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    });
    let output = "";
    let succeeded = false;
    let grace: NodeJS.Timeout | undefined;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!succeeded && /All migrations have been successfully applied|No pending migrations to apply/.test(output)) {
        succeeded = true;
        grace = setTimeout(() => child.kill("SIGTERM"), 500);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(grace);
      if (code === 0 || succeeded) resolve(Date.now() - started);
      else reject(new Error(`prisma migrate deploy failed for the test template (exit ${code}):\n${output}`));
    });
  });
}

async function dropStaleDatabases(client: pg.Client) {
  const { rows } = await client.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'tb\\_%' AND NOT datistemplate",
  );
  for (const { datname } of rows) {
    const stamp = RUN_ID_PATTERN.exec(datname)?.[1];
    if (stamp === undefined) continue;
    const time = parseInt(stamp, 36);
    if (Number.isFinite(time) && Date.now() - time > STALE_AFTER_MS) await dropDatabase(client, datname);
  }
}

export default async function setup(project: TestProject) {
  const runId = `tb_${Date.now().toString(36)}_${crypto.randomBytes(3).toString("hex")}`;
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), "tieubieu-vitest-"));
  const serverUrl = process.env.TEST_POSTGRES_URL?.trim();

  if (!serverUrl) {
    const templateFile = path.join(runDir, "template.db");
    const ms = await migrate(`file:${templateFile}`);
    console.log(`[test db] SQLite template migrated in ${ms} ms (${templateFile})`);
    project.provide("testDb", { provider: "sqlite", runId, runDir, templateFile });
    return () => {
      fs.rmSync(runDir, { recursive: true, force: true });
    };
  }

  if (!/^postgres(ql)?:\/\//i.test(serverUrl)) {
    throw new Error(`TEST_POSTGRES_URL must be a postgresql:// URL; got "${serverUrl.split(":")[0]}:…"`);
  }
  const templateName = `${runId}_tpl`;
  await withServer(serverUrl, async (client) => {
    await dropStaleDatabases(client);
    await client.query(`CREATE DATABASE ${quoteIdent(templateName)}`);
  });
  try {
    const ms = await migrate(databaseUrl(serverUrl, templateName));
    console.log(`[test db] PostgreSQL template ${templateName} migrated in ${ms} ms`);
  } catch (error) {
    await withServer(serverUrl, (client) => dropDatabase(client, templateName));
    fs.rmSync(runDir, { recursive: true, force: true });
    throw error;
  }
  project.provide("testDb", { provider: "postgresql", runId, runDir, serverUrl, templateName });

  return async () => {
    await withServer(serverUrl, async (client) => {
      // Per-file databases are normally dropped by their own file; this catches any left behind
      // (a crashed worker, an interrupted run). The template goes last.
      const { rows } = await client.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname = $2",
        [`${runId}_`, templateName],
      );
      for (const { datname } of rows) await dropDatabase(client, datname);
    });
    fs.rmSync(runDir, { recursive: true, force: true });
  };
}
