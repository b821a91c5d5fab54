// Starts Tiêu Biểu: validate the environment, apply pending migrations, seed, then serve.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { resolveDatabase } from "../app/utils/database-url";
import { EnvError, readEnv } from "../app/utils/env.server";
import { createApp } from "./app";

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
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
  const migrate = spawnSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: db.url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
  if (migrate.status !== 0) fail(`Database migration failed (${db.provider}):\n${migrate.stdout}\n${migrate.stderr}`);
  process.env.DATABASE_URL = db.url;

  const { seed } = await import("../prisma/seed");
  const { prisma } = await import("../app/utils/db.server");
  const demo = !env.isProduction && env.SEED_DEMO !== "0" && env.SEED_DEMO !== "false";
  const seeded = await seed(prisma, { demo, demoRound: demo });
  if (seeded.demoEntries) console.log(`demo round created with ${seeded.demoEntries} entries`);
  if (seeded.demoSheets) console.log(`demo judging round created with ${seeded.demoSheets} score sheets`);
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
  const shutdown = () => {
    server.close(() => void prisma.$disconnect().finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

void main();
