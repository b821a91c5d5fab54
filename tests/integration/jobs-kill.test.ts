// "A bulk print resumed after a kill" (issue #11): a real worker process (server/worker.ts, the
// code `npm run worker` runs) takes a bulk certificate job, is killed with SIGKILL in the middle
// of it, and a second worker process picks the job up once the dead one's lease has expired and
// finishes it; the ZIP lands in the file store with every certificate. Runs on the test's
// database (SQLite file or PostgreSQL), shared by this process and the two workers.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { roundWithCertificates } from "../support/certificate-round";
import { authFor } from "../support/judging-fixture";
import { startBulkJob } from "~/modules/certificates/bulk.server";
import { LocalDiskStorage } from "~/modules/files/storage.server";
import { getJob } from "~/modules/jobs/queue.server";
import { prisma } from "~/utils/db.server";
import { until } from "../support/until";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/**
 * Enough for worker A to be caught half-way (it is killed as soon as it has done 2), few enough
 * that two worker starts and the PDFs stay well inside the time-out on a busy machine.
 */
const CERTIFICATES = 12;
/** Two worker processes start (tsx compiles server/worker.ts each time): slow under load, not wrong. */
const TEST_TIMEOUT_MS = 600_000;
/** Short, so the second worker need not wait long for the dead one's lease to run out. */
const LEASE_MS = 3000;

const transcript: string[] = [];
const started = Date.now();
const note = (line: string) => transcript.push(`[+${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  console.log(`bulk print resumed after a kill — transcript:\n${transcript.join("\n")}`);
});

/** A worker process like `npm run worker`, on this test's database and DATA_DIR. */
function startWorker(name: string): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "server/worker.ts")], {
    cwd: root,
    env: { ...process.env, JOB_LEASE_MS: String(LEASE_MS), NODE_ENV: "test" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const log = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n"))
      if (line.trim()) note(`${name} (pid ${child.pid}): ${line.trim().slice(0, 200)}`);
  };
  child.stdout!.on("data", log);
  child.stderr!.on("data", log);
  return child;
}

let roundId: string;
beforeAll(async () => {
  await seed(prisma, { demo: true });
  const organiser = await prisma.user.findUniqueOrThrow({ where: { email: "organiser.bacninh@tieubieu.test" } });
  roundId = await roundWithCertificates(organiser.id, CERTIFICATES);
});

test(
  "a worker killed (SIGKILL) in the middle of a bulk print: another worker takes the job over and finishes it",
  async () => {
    const organiser = await authFor("organiser.bacninh@tieubieu.test");
    const job = await startBulkJob(organiser, roundId, "zip", { ip: "127.0.0.1" });
    note(`queued bulk ZIP job ${job.id}: ${job.total} certificates (${process.env.DATABASE_URL!.split(":")[0]})`);

    const first = startWorker("worker A");
    const running = await until(
      () => getJob(job.id),
      (j) => j?.status === "RUNNING" && j.progressDone >= 2,
      "worker A to be in the middle of the job",
    );
    expect(running!.progressDone).toBeLessThan(CERTIFICATES);
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    const afterKill = (await getJob(job.id))!;
    note(
      `SIGKILL worker A at ${afterKill.progressDone}/${afterKill.progressTotal}: status ${afterKill.status}, attempt ${afterKill.attempts}, lease held by ${afterKill.leaseOwner} until ${afterKill.leaseExpiresAt?.toISOString()}`,
    );
    // The dead worker still "holds" the job: nothing has finished it.
    expect(afterKill).toMatchObject({ status: "RUNNING", attempts: 1 });
    expect(afterKill.progressDone).toBeLessThan(CERTIFICATES);
    const deadOwner = afterKill.leaseOwner;

    const second = startWorker("worker B");
    const retaken = await until(
      () => getJob(job.id),
      (j) => j?.attempts === 2 || j?.status === "SUCCEEDED" || j?.status === "FAILED",
      "worker B to take the job over",
    );
    note(
      `worker B claimed it after the lease expired: attempt ${retaken!.attempts}, lease held by ${retaken!.leaseOwner}`,
    );
    expect(retaken!.leaseOwner === deadOwner).toBe(false);
    const done = (await until(
      () => getJob(job.id),
      (j) => j?.status === "SUCCEEDED" || j?.status === "FAILED",
      "the job to end",
    ))!;
    note(
      `job ${done.status} after ${done.attempts} attempts: ${done.progressDone}/${done.progressTotal}, ${done.resultSize} bytes in ${done.resultStorage} storage as ${done.resultName}`,
    );
    expect(done).toMatchObject({
      status: "SUCCEEDED",
      attempts: 2,
      progressDone: CERTIFICATES,
      resultType: "application/zip",
      error: null,
    });

    // The file is in the store under the job's key, with one PDF per certificate.
    const bytes = (await new LocalDiskStorage(path.join(process.env.DATA_DIR!, "files")).get(done.resultKey!))!;
    expect(bytes.length).toBe(done.resultSize);
    const names = new Set(bytes.toString("latin1").match(/giay-chung-nhan-GCN-K[0-9a-f]{6}-2026-\d{4}\.pdf/g) ?? []);
    expect(names.size).toBe(CERTIFICATES);

    second.kill("SIGTERM");
    const code = await new Promise((resolve) => second.once("exit", (c) => resolve(c)));
    note(`worker B stopped on SIGTERM (exit ${String(code)})`);
    expect(code).toBe(0);
  },
  TEST_TIMEOUT_MS,
);
