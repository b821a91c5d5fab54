// A standalone worker (`npm run worker`): claims and runs background jobs, and sends the mail
// outbox (decision 020) when SMTP_URL is set, from the database
// the app uses, with no HTTP server (docs/decisions/019-durable-jobs.md). Run as many as the load
// needs, next to app instances started with JOB_WORKER=0 or not. The database must already be
// migrated (the app's start does it). `npm run build` compiles this file to build/start/worker.js.
// On SIGTERM/SIGINT it stops claiming, lets the running job finish for a few seconds, then
// releases it to another worker and exits.
import { EnvError, readEnv } from "../app/utils/env.server";
import { resolveDatabase } from "../app/utils/database-url";
import { getLogger } from "../app/utils/logger.server";
import { limitHeapGrowth } from "./heap";

const log = getLogger("worker");

async function main() {
  try {
    limitHeapGrowth(readEnv().HEAP_GROWING_PERCENT);
  } catch (error) {
    if (error instanceof EnvError || error instanceof Error) {
      log.fatal({ problem: error.message }, "cannot start the worker");
      process.stderr.write(`\n✖ ${error.message}\n\n`);
      process.exit(1);
    }
    throw error;
  }
  // The same resolution as the server's start (the default SQLite file under DATA_DIR).
  process.env.DATABASE_URL = resolveDatabase(process.env).url;
  const { startJobWorker, stopJobWorker } = await import("../app/modules/jobs/worker.server");
  const { prisma } = await import("../app/utils/db.server");
  const worker = startJobWorker();
  log.info({ worker: worker.id }, "job worker started");
  // The mail outbox too (decision 020), unless MAIL_WORKER=0; it runs only where SMTP_URL is set.
  const mail = process.env.MAIL_WORKER === "0" ? null : await import("../app/modules/mail/worker.server");
  if (mail?.startMailWorker()) log.info("mail worker started (sends the outbox over SMTP_URL)");
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    log.info({ worker: worker.id }, "job worker stopping");
    void Promise.allSettled([stopJobWorker(Number(process.env.JOB_STOP_GRACE_MS) || 5000), mail?.stopMailWorker()])
      .finally(() => prisma.$disconnect())
      .finally(() => process.exit(0));
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

void main();
