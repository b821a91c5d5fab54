// Starts Tiêu Biểu: validate the environment, apply pending migrations, seed, then serve.
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
import { createApp } from "./app";

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

/** The seed's command: the compiled copy next to this file, or the source through tsx in development. */
function seedCommand(): string[] {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith(".ts") ? ["--import", "tsx", path.resolve("prisma/seed.ts")] : [path.join(path.dirname(here), "seed.js")];
}

async function main() {
  let env;
  try {
    env = readEnv();
  } catch (error) {
    if (error instanceof EnvError || error instanceof Error) fail(error.message);
    throw error;
  }
  const db = resolveDatabase(process.env);
  if (db.file) fs.mkdirSync(path.dirname(db.file), { recursive: true });

  const started = Date.now();
  const childEnv = { ...process.env, DATABASE_URL: db.url, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
  const migrate = spawnSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    env: childEnv,
  });
  if (migrate.status !== 0) fail(`Database migration failed (${db.provider}):\n${migrate.stdout}\n${migrate.stderr}`);
  process.env.DATABASE_URL = db.url;

  if (env.seedDemo) console.log("SEED_DEMO is on: demo accounts with the published password are created (SEED_DEMO=0 on a real deployment).");
  const seeded = spawnSync(process.execPath, seedCommand(), { stdio: "inherit", env: childEnv });
  if (seeded.status !== 0) fail(`Seeding the database failed (${db.provider}), see the messages above.`);
  console.log(`database ready (${db.provider}) in ${Date.now() - started} ms`);

  const mode = process.argv.includes("--dev") ? "development" : "production";
  const app = await createApp({
    mode,
    trustProxy: env.TRUST_PROXY,
    appUrl: env.APP_URL,
  });
  const host = env.HOST ?? "0.0.0.0";
  const server = app.listen(env.PORT, host, () => {
    console.log(`Tiêu Biểu is running at http://localhost:${env.PORT}`);
  });
  // ── mail outbox worker (docs/decisions/020): on unless MAIL_WORKER=0; needs SMTP_URL ──
  const mailWorker = await import("../app/modules/mail/worker.server");
  if (mailWorker.startMailWorker()) console.log("mail worker started (sends the outbox over SMTP_URL)");
  // ── end mail outbox worker ──
  const shutdown = () => {
    // The app's database client is one per process (db.server keeps it on globalThis): this
    // import finds the one the requests used and closes it.
    const disconnect = () => import("../app/utils/db.server").then(({ prisma }) => prisma.$disconnect());
    const stopMail = () => mailWorker.stopMailWorker().catch(() => undefined); // mail worker: release its claims
    server.close(() => void stopMail().then(disconnect).finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

void main();
