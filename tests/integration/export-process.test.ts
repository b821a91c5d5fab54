// An export job's heavy work runs in a child process (docs/decisions/047): the child reads the
// rows from the test's real database (SQLite, or PostgreSQL with TEST_POSTGRES_URL) and writes the
// file to a pipe; this process only receives the bytes. The child's file is the one this process
// would make for the same payload; a failing export fails with the child's reason; a stopped job
// kills its child. The child runs below the web process in the scheduler's order, in a scheduler
// group of its own (decision 051).
import fs from "node:fs";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_ROUND_NAME } from "../../prisma/demo-round";
import { seed } from "../../prisma/seed";
import { alive } from "../support/alive";
import { runExportJob } from "~/modules/exports/export-job-handler.server";
import { CHILD_GROUP_NICE, CHILD_NICE, exportChildEntry, exportInChild } from "~/modules/exports/export-process.server";
import { jobExportFile } from "~/modules/exports/job-file.server";
import type { ExportJobPayload } from "~/modules/exports/schemas";
import type { JobRow } from "~/modules/jobs/queue.server";
import { renderPdfTask } from "~/modules/print/pdf-tasks.server";
import { stopPdfThread } from "~/modules/print/pdf-thread.server";
import { prisma } from "~/utils/db.server";

let roundId: string;
let organiserId: string;
beforeAll(async () => {
  await seed(prisma, { demo: true, demoRound: true });
  roundId = (await prisma.round.findFirstOrThrow({ where: { name: DEMO_ROUND_NAME }, select: { id: true } })).id;
  organiserId = (
    await prisma.user.findUniqueOrThrow({ where: { email: "organiser.bacninh@tieubieu.test" }, select: { id: true } })
  ).id;
}, 240_000);
afterAll(() => stopPdfThread());

async function bytesOf(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
const register = (format: "csv" | "pdf" | "xlsx"): ExportJobPayload => ({
  source: "register",
  format,
  locale: "vi",
  query: "?sort=name",
});
const entry = () => {
  const found = exportChildEntry();
  expect(found, "the child's script is found from the source").not.toBeNull();
  return found!;
};

describe("an export job's child process", () => {
  test("makes the register's file in another process, the same bytes as this process makes", async () => {
    const child = await exportInChild(
      entry(),
      { payload: register("csv"), createdById: null },
      new AbortController().signal,
    );
    expect(child.pid).not.toBe(process.pid);
    expect(child.contentType).toBe("text/csv; charset=utf-8");
    expect(child.fileName).toMatch(/^danh-sach-san-pham-[a-z-]+-\d{4}-\d{2}-\d{2}\.csv$/);
    const fromChild = await bytesOf(child.stream);
    const here = await jobExportFile(register("csv"), null, renderPdfTask);
    expect(child.rows).toBe(here.rows);
    expect(here.rows).toBeGreaterThan(3);
    expect(fromChild.toString("utf8")).toBe(
      (await bytesOf(here.body as unknown as AsyncIterable<Uint8Array>)).toString("utf8"),
    );
  }, 120_000);

  test("makes an organiser's entry list with the organiser's roles, and fails for someone without them", async () => {
    const payload: ExportJobPayload = {
      source: "entries",
      format: "xlsx",
      locale: "vi",
      roundId,
      filters: { commune: undefined, q: undefined },
    };
    const child = await exportInChild(entry(), { payload, createdById: organiserId }, new AbortController().signal);
    const bytes = await bytesOf(child.stream);
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(child.fileName).toMatch(/^ho-so-2026-[a-z0-9]{6}\.xlsx$/);

    const nobody = await prisma.user.create({
      data: { email: "no-roles@tieubieu.test", name: "Không vai trò" },
      select: { id: true },
    });
    await expect(
      exportInChild(entry(), { payload, createdById: nobody.id }, new AbortController().signal),
    ).rejects.toThrow();
  }, 120_000);

  test("a stopped job kills its child and its stream fails", async () => {
    const abort = new AbortController();
    const child = await exportInChild(entry(), { payload: register("pdf"), createdById: null }, abort.signal);
    expect(alive(child.pid)).toBe(true);
    // The child yields the CPU to the web process: a higher nice value than this process'…
    expect(os.getPriority(child.pid)).toBe(Math.max(CHILD_NICE, os.getPriority()));
    expect(os.getPriority(child.pid)).toBeGreaterThan(0);
    // …on every one of its threads (the database engine's and Node's own), not only the main one…
    if (fs.existsSync(`/proc/${child.pid}/task`)) {
      const threads = fs.readdirSync(`/proc/${child.pid}/task`);
      expect(threads.length).toBeGreaterThan(1);
      for (const tid of threads) {
        const stat = fs.readFileSync(`/proc/${child.pid}/task/${tid}/stat`, "utf8");
        expect(Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]), `thread ${tid}`).toBeGreaterThanOrEqual(
          CHILD_NICE,
        );
      }
    }
    // …and in a scheduler group of its own, where the kernel groups processes by session (decision 051).
    if (fs.existsSync("/proc/self/autogroup")) {
      const group = fs.readFileSync(`/proc/${child.pid}/autogroup`, "utf8").trim();
      expect(group.split(" ")[0]).not.toBe(fs.readFileSync("/proc/self/autogroup", "utf8").trim().split(" ")[0]);
      expect(group).toMatch(new RegExp(`nice ${CHILD_GROUP_NICE}$`));
    }
    abort.abort(new Error("stopping"));
    await expect(bytesOf(child.stream)).rejects.toThrow("stopping");
    expect(alive(child.pid)).toBe(false);
  }, 120_000);

  test("the job handler hands the child's stream to the worker and reports the rows read", async () => {
    const steps: Array<[number, number]> = [];
    const job = {
      id: "j".repeat(22),
      kind: "exports.file",
      payload: register("csv"),
      createdById: null,
    } as unknown as JobRow;
    const output = await runExportJob({
      job,
      signal: new AbortController().signal,
      progress: async (done, total) => void steps.push([done, total]),
    });
    expect(steps).toEqual([[1, 2]]);
    expect("stream" in output).toBe(true);
    const text = (await bytesOf((output as { stream: AsyncIterable<Uint8Array> }).stream)).toString("utf8");
    expect(text.split("\r\n").length).toBeGreaterThan(4);
  }, 120_000);
});
