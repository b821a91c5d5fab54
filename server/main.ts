// Starts Tiêu Biểu: validate the environment, apply pending migrations, seed, then serve; stops
// gracefully on SIGTERM/SIGINT (server/shutdown.ts). Everything it says is a JSON log line
// (app/utils/logger.server.ts); a configuration error is also written plainly to stderr.
// `npm run build` compiles this file to build/start/main.js (scripts/build-server.js), which
// `node ./scripts/start.js` runs; `npm run dev` runs it from the sources through tsx.
// Migrations and the seed run in child processes: their code (Prisma's CLI, the seed, the demo
// data with sharp and pdfkit) never stays in the server's memory (docs/decisions/014).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { resolveDatabase } from "../app/utils/database-url";
import { EnvError, readEnv } from "../app/utils/env.server";
import { onShutdown } from "../app/utils/lifecycle.server";
import { getLogger, scrubText } from "../app/utils/logger.server";
import { createApp } from "./app";
import { limitHeapGrowth } from "./heap";
import { migrateDatabase } from "./migrate";
import { installGracefulShutdown } from "./shutdown";

const log = getLogger("start");

function fail(message: string): never {
  log.fatal({ problem: scrubText(message) }, "cannot start");
  // Also for the person at the terminal or reading `journalctl`: the message as written.
  process.stderr.write(`\n✖ ${message}\n\n`);
  process.exit(1);
}

/** The seed's output, one log line per line it printed (stdout at info, stderr at warn). */
function logChildOutput(module: string, stdout: string, stderr: string) {
  const child = getLogger(module);
  for (const line of stdout.split("\n").filter((l) => l.trim())) child.info(line);
  for (const line of stderr.split("\n").filter((l) => l.trim())) child.warn(line);
}

process.on("uncaughtException", (error) => {
  log.fatal({ err: error }, "uncaught exception");
  process.exit(1);
});
process.on("unhandledRejection", (reason) => {
  log.fatal({ err: reason }, "unhandled promise rejection");
  process.exit(1);
});

/** The seed's command: the compiled copy next to this file, or the source through tsx in development. */
function seedCommand(): string[] {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith(".ts")
    ? ["--import", "tsx", path.resolve("prisma/seed.ts")]
    : [path.join(path.dirname(here), "seed.js")];
}

async function main() {
  let env;
  try {
    env = readEnv();
  } catch (error) {
    if (error instanceof EnvError || error instanceof Error) fail(error.message);
    throw error;
  }
  for (const warning of env.warnings) log.warn(warning);
  limitHeapGrowth(env.HEAP_GROWING_PERCENT);
  const db = resolveDatabase(process.env);
  if (db.file) fs.mkdirSync(path.dirname(db.file), { recursive: true });

  const started = Date.now();
  const childEnv = { ...process.env, DATABASE_URL: db.url, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
  const migrated = migrateDatabase(childEnv);
  if (!migrated.ok) fail(`Database migration failed (${db.provider}):\n${migrated.output}`);
  process.env.DATABASE_URL = db.url;

  if (env.seedDemo)
    log.warn(
      "SEED_DEMO is on: demo accounts with the published password are created (SEED_DEMO=0 on a real deployment).",
    );
  const seeded = spawnSync(process.execPath, seedCommand(), {
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    env: childEnv,
  });
  logChildOutput("seed", seeded.stdout ?? "", seeded.stderr ?? "");
  if (seeded.status !== 0) fail(`Seeding the database failed (${db.provider}), see the messages above.`);
  log.info({ provider: db.provider, ms: Date.now() - started }, "database ready");

  const mode = process.argv.includes("--dev") ? "development" : "production";
  const app = await createApp({
    mode,
    trustProxy: env.TRUST_PROXY,
    appUrl: env.APP_URL,
    metricsToken: env.METRICS_TOKEN,
  });
  // Registered first, so it runs last: the workers registered after it still use the database
  // while they stop. The app's client is one per process (db.server keeps it on globalThis):
  // this import finds the one the requests used.
  onShutdown("database", () => import("../app/utils/db.server").then(({ prisma }) => prisma.$disconnect()));
  const host = env.HOST ?? "0.0.0.0";
  const server = app.listen(env.PORT, host, () => {
    log.info(
      {
        port: env.PORT,
        host,
        mode,
        url: env.appUrl,
        heapGrowingPercent: env.HEAP_GROWING_PERCENT,
        nodeOptions: process.env.NODE_OPTIONS ?? null,
        mallocArenaMax: process.env.MALLOC_ARENA_MAX ?? null,
      },
      `Tiêu Biểu is running at http://localhost:${env.PORT}`,
    );
  });
  // ── background jobs (docs/decisions/019): an in-process worker unless JOB_WORKER=0 ──
  const jobs = env.runJobWorker ? await import("../app/modules/jobs/worker.server") : null;
  jobs?.startJobWorker();
  // Stop claiming jobs; the running one finishes or is released for another worker (decision 019).
  if (jobs) onShutdown("jobs", () => jobs.stopJobWorker(3000));
  // ── mail outbox worker (docs/decisions/020): on unless MAIL_WORKER=0; needs SMTP_URL ──
  if (env.runMailWorker) {
    const mail = await import("../app/modules/mail/worker.server");
    if (mail.startMailWorker()) log.info("mail worker started (sends the outbox over SMTP_URL)");
    // Stops claiming and lets a send in progress finish; its claims are released (decision 020).
    onShutdown("mail", () => mail.stopMailWorker());
  }
  installGracefulShutdown(server, { timeoutMs: env.SHUTDOWN_TIMEOUT_MS });
}

void main();
