// `prisma migrate deploy` for the start (server/main.ts), in a child process. Several instances
// started at once on one PostgreSQL database all run it: Prisma serialises them with an advisory
// lock but gives up waiting for it after 10 s (P1002), which failed every start but the first
// while a long migration ran (found by the system tests, decision 023). Such a start waits its
// turn instead: it tries again, and finds the migrations applied by the instance that held the lock.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { getLogger } from "../app/utils/logger.server";

const log = getLogger("migrate");

/** Whether `migrate deploy` failed only because another process held the migration lock. */
export function isMigrationLockTimeout(output: string): boolean {
  return /\bP1002\b/.test(output) && /advisory lock/i.test(output);
}

/** Up to `attempts` tries of about 10 s each (Prisma's own wait for the lock). */
export function migrateDatabase(env: NodeJS.ProcessEnv, attempts = 30): { ok: true } | { ok: false; output: string } {
  for (let attempt = 1; ; attempt++) {
    const run = spawnSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
      env,
    });
    if (run.status === 0) return { ok: true };
    const output = `${run.stdout}\n${run.stderr}`;
    if (!isMigrationLockTimeout(output) || attempt >= attempts) return { ok: false, output };
    log.info({ attempt, attempts }, "another process is migrating the database: waiting for it");
  }
}
