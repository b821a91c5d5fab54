// Readiness (issue #10 finding 7): can the app do its work right now? /healthz only says the
// process answers and the database can be read; /readyz also writes: one row in the database
// (the RateLimit table, key "readyz") and one file in the local file store, and names the part
// that failed, so a load balancer stops sending logins and uploads to an instance that would
// answer them with 500s (a read-only data folder, a full disk, a read-only replica). Once the
// process has begun to shut down (lifecycle.server.ts) it answers "shutting down" at once.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { prisma } from "./db.server";
import { getEnv } from "./env.server";
import { isShuttingDown } from "./lifecycle.server";
import { getLogger } from "./logger.server";

const log = getLogger("readiness");

export type CheckResult = "ok" | "unavailable" | "not_writable" | "remote" | "skipped";

async function databaseWritable(): Promise<CheckResult> {
  try {
    await prisma.$queryRawUnsafe("SELECT 1");
  } catch (error) {
    log.error({ err: error }, "readyz: database unreachable");
    return "unavailable";
  }
  try {
    const expire = new Date(Date.now() + 60_000);
    await prisma.rateLimit.upsert({
      where: { key: "readyz" },
      create: { key: "readyz", points: 0, expire },
      update: { expire },
    });
    return "ok";
  } catch (error) {
    log.error({ err: error }, "readyz: database not writable");
    return "not_writable";
  }
}

/** The local file store ($DATA_DIR/files): create, write and remove a probe file. */
async function fileStoreWritable(): Promise<CheckResult> {
  const env = getEnv();
  if (env.UPLOADTHING_TOKEN) return "remote"; // UploadThing: nothing is written locally
  const dir = path.join(env.dataDir, "files");
  const probe = path.join(dir, `.readyz-${crypto.randomBytes(6).toString("hex")}`);
  try {
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(probe, "ok");
    await fs.rm(probe, { force: true });
    return "ok";
  } catch (error) {
    log.error({ err: error }, "readyz: file store not writable");
    return "not_writable";
  }
}

export async function readiness(): Promise<{
  status: "ok" | "error" | "shutting_down";
  reason?: string;
  database: CheckResult;
  files: CheckResult;
}> {
  if (isShuttingDown())
    return { status: "shutting_down", reason: "shutting down", database: "skipped", files: "skipped" };
  const [database, files] = await Promise.all([databaseWritable(), fileStoreWritable()]);
  const ready = database === "ok" && (files === "ok" || files === "remote");
  return { status: ready ? "ok" : "error", database, files };
}
