// A job of a kind that runs apart (the daily reminders, decision 054) runs in a child process: the
// worker claims it as any job, the child does the reading and writing on its own connection to the
// test's real database (SQLite, or PostgreSQL with TEST_POSTGRES_URL) and exits. The holders are
// mailed and the overdue flags recorded as when the job ran in the web process; aborting the job
// kills its child; a child that fails fails the job with its reason.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { alive } from "../support/alive";
import { certificateIssued, establishmentOf, monitoringRound } from "../support/monitoring-fixture";
import { until } from "../support/until";
import { JOB_HANDLERS } from "~/modules/jobs/handlers.server";
import { jobChildEntry, runInChild } from "~/modules/jobs/job-process.server";
import type { JobContext } from "~/modules/jobs/job-types";
import { enqueueJob, getJob, type JobRow } from "~/modules/jobs/queue.server";
import { JobWorker } from "~/modules/jobs/worker.server";
import { prisma } from "~/utils/db.server";

const KIND = "monitoring.reminders";
let overdueId: string;
let ownerEmail: string;
const workers: JobWorker[] = [];

beforeAll(async () => {
  await seed(prisma, { demo: false });
  const owner = await prisma.user.create({
    data: {
      email: `chu-co-so-${Date.now()}@example.vn`,
      name: "Chủ cơ sở giám sát",
      roles: { create: { role: "PRODUCER", level: "PROVINCE" } },
    },
  });
  ownerEmail = owner.email;
  const organiser = await prisma.user.create({
    data: { email: `to-chuc-${Date.now()}@example.vn`, name: "Tổ chức Bắc Ninh" },
  });
  const round = await monitoringRound("BN", organiser.id);
  const establishment = await establishmentOf(owner.id, "BN");
  overdueId = (await certificateIssued(round, establishment.id, 370, "Mỳ gạo Chũ chạy trong tiến trình con")).id;
}, 180_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop(1000)));
});

const entry = () => {
  const found = jobChildEntry();
  expect(found, "the child's script is found from the source").not.toBeNull();
  return found!;
};

const contextOf = (job: JobRow, signal: AbortSignal): JobContext => ({ job, signal, progress: async () => {} });

describe("the daily reminders in a child process", () => {
  test("the worker runs the job: the holder is mailed once, the overdue confirmation flagged, the job succeeds", async () => {
    const job = await enqueueJob({ kind: KIND, payload: {} });
    const handler = JOB_HANDLERS[KIND];
    expect(handler).toBeDefined();
    workers.push(new JobWorker({ id: "reminders-child", pollMs: 20, handlers: { [KIND]: handler! } }).start());
    const done = await until(
      () => getJob(job.id),
      (j) => j?.status === "SUCCEEDED" || j?.status === "FAILED",
      "the reminders job to finish",
    );
    expect(done).toMatchObject({ status: "SUCCEEDED", error: null });
    expect(await prisma.confirmationReminder.count({ where: { certificateId: overdueId } })).toBe(1);
    expect(await prisma.mailMessage.count({ where: { to: ownerEmail } })).toBe(1);
    expect(await prisma.overdueConfirmation.count({ where: { certificateId: overdueId, closedAt: null } })).toBe(1);
  }, 300_000);

  test("the child is another process, gone once it is done; a second run sends nothing new", async () => {
    const job = await enqueueJob({ kind: KIND, payload: {} });
    let pid = 0;
    await runInChild(entry(), contextOf(job, new AbortController().signal), (p) => (pid = p));
    expect(pid).toBeGreaterThan(0);
    expect(pid).not.toBe(process.pid);
    expect(alive(pid)).toBe(false);
    expect(await prisma.confirmationReminder.count({ where: { certificateId: overdueId } })).toBe(1);
    expect(await prisma.mailMessage.count({ where: { to: ownerEmail } })).toBe(1);
  });

  test("aborting the job kills its child before it writes anything, and the run rejects with the abort's reason", async () => {
    // A certificate that now owes a reminder: a child left running would send it.
    const owner = await prisma.user.findUniqueOrThrow({ where: { email: ownerEmail } });
    const round = await monitoringRound("BN", owner.id);
    const establishment = await establishmentOf(owner.id, "BN");
    const owing = await certificateIssued(round, establishment.id, 370, "Mỳ gạo Chũ không kịp nhắc");
    const job = await enqueueJob({ kind: KIND, payload: {} });
    const controller = new AbortController();
    let pid = 0;
    const run = runInChild(entry(), contextOf(job, controller.signal), (p) => {
      pid = p;
      controller.abort(new Error("the worker is stopping"));
    });
    await expect(run).rejects.toThrow("the worker is stopping");
    await until(
      async () => alive(pid),
      (a) => !a,
      "the child to be gone",
    );
    expect(await prisma.confirmationReminder.count({ where: { certificateId: owing.id } })).toBe(0);
  });

  test("a child that fails fails the run with its reason", async () => {
    const job = await enqueueJob({ kind: KIND, payload: {} });
    await expect(
      runInChild(entry(), contextOf({ ...job, kind: "khong.co" }, new AbortController().signal)),
    ).rejects.toThrow('no handler runs "khong.co" in a child process');
  });
});
