// Crash safety of the production server (issue #11, "Crash safety stays proven"): judges autosave
// their score sheets and producers submit their dossiers, all at once, and the server is killed
// with SIGKILL in the middle of it (no shutdown handler runs, requests are cut off half-way).
// Restarted on the same database and data folder, it must hold every write it ACKNOWLEDGED (a
// 2xx or redirect received before the kill), and nothing half-written: a sheet holds exactly
// one of the saves it was sent, whole; an entry is either an untouched draft or a complete
// submission (status, version, frozen dossier with its files, timeline event, audit row).
// A bulk certificate print (a durable job, decision 019) is half-way at the kill: after the
// restart it is taken up again once the dead worker's lease expires (JOB_LEASE_MS=3000 here) and
// ends done, or failed with its error shown — never "running" for ever. Producers upload
// documents during the burst too: after the restart every file the database references is in the
// store, and the orphan sweep (decision 022) finds only bytes no row ever recorded (an upload
// cut off by the kill), after which the store holds nothing unreferenced.
// Runs on SQLite, and on PostgreSQL too when TEST_POSTGRES_URL is set.
import { decode } from "turbo-stream";
import { afterEach, describe, expect, test } from "vitest";
import { demoPdf } from "../../prisma/demo-files";
import { itemAt } from "../../app/utils/arrays";
import { startProductionApp, type Launched } from "../../scripts/app-process";
import type { CrashFixture, CrashState, SweepOutcome } from "./support/crash-fixture";
import { UPLOAD_NAME_PREFIX } from "./support/crash-names";
import { Client, expectStatus } from "./support/client";
import {
  createTestDatabase,
  POSTGRES_SERVER_URL,
  requireProductionBuild,
  runFixture,
  systemPort,
  tempDir,
} from "./support/deployment";

const JUDGES = 6;
const PRODUCERS = 24;
/** Short, so the restarted server takes the killed bulk job up soon (default 60 s). */
const JOB_LEASE_MS = 3000;
/** Uploads per uploader at most (the upload rate limit is 120 an hour). */
const UPLOADS_EACH = 60;

/** The value of a `tb_session=<value>` cookie, for a Client's jar. */
const sessionValue = (cookie: string) => itemAt(cookie.split("="), 1, "the session cookie's value");

/** The bulk page's state as its HTML shows it: progress, and whether it still reloads itself. */
function bulkPageState(html: string): { done: number; total: number; pending: boolean } {
  const progress = /<progress id="bulk-progress" max="(\d+)" value="(\d+)"/.exec(html);
  if (!progress) throw new Error(`no progress bar on the bulk page:\n${html.slice(0, 1500)}`);
  return { total: Number(progress[1]), done: Number(progress[2]), pending: /http-equiv="refresh"/i.test(html) };
}

/** A single-fetch answer (`<route>.data`), decoded as Remix's client decodes it. */
async function decodeSingleFetch(body: Buffer): Promise<unknown> {
  const decoded = await decode(new Response(new Uint8Array(body)).body!, {
    plugins: [(type: string, ...rest: unknown[]) => ({ value: { type, rest } })],
  });
  await decoded.done;
  return decoded.value;
}

interface Save {
  version: number;
  values: Record<string, number>;
}

interface SheetTrack {
  judge: number;
  entryId: string;
  memberId: string;
  items: CrashFixture["judging"]["entries"][number]["items"];
  /** The version the next save names (the one the last acknowledged save produced). */
  version: number;
  acked: Save | null;
  /** A save sent but never answered (cut off by the kill): it may or may not have been written. */
  unanswered: Save | null;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

const providers: Array<["sqlite" | "postgresql"]> = [
  ["sqlite"],
  ...(POSTGRES_SERVER_URL ? [["postgresql"] as ["postgresql"]] : []),
];

describe.each(providers)("crash safety on %s", (provider) => {
  test("a SIGKILL during bursts of score autosaves and dossier submissions loses no acknowledged write and leaves nothing half-written", async () => {
    requireProductionBuild();
    const data = tempDir("crash");
    cleanups.push(() => data.remove());
    const db = await createTestDatabase(provider, data.dir);
    cleanups.push(() => db.drop());
    const port = await systemPort();
    const start = () =>
      startProductionApp({
        name: `crash-${provider}`,
        databaseUrl: db.url,
        dataDir: data.dir,
        port,
        sessionSecret: "s".repeat(64),
        env: { JOB_LEASE_MS: String(JOB_LEASE_MS) },
      });
    let app: Launched = await start();
    cleanups.push(() => app.stop());

    const fixture = await runFixture<CrashFixture>(["prepare", String(JUDGES), String(PRODUCERS)], {
      DATABASE_URL: db.url,
      DATA_DIR: data.dir,
    });
    const { judging, submissions, bulk, uploaders } = fixture;
    const transcript: string[] = [];
    const began = Date.now();
    const note = (line: string) => transcript.push(`[+${((Date.now() - began) / 1000).toFixed(1)}s] ${line}`);

    // ───────────── the burst ─────────────
    const sheets: SheetTrack[] = judging.judges.flatMap((j, judge) =>
      judging.entries.map((e) => ({
        judge,
        entryId: e.id,
        memberId: j.memberId,
        items: e.items,
        version: 0,
        acked: null,
        unanswered: null,
      })),
    );
    const submitted = new Map<string, "acked" | "refused" | "unanswered">();
    let killed = false;
    let ackedSaves = 0;
    let inFlight = 0;
    const badAnswers: string[] = [];

    const judgeLoop = async (judge: number) => {
      const client = new Client(app.url);
      client.cookies.set("tb_session", sessionValue(itemAt(judging.judges, judge, "judges").cookie));
      const mine = sheets.filter((s) => s.judge === judge);
      for (let n = 0; !killed; n++) {
        const sheet = itemAt(mine, n % mine.length, "the judge's sheets");
        // Whole points and halves within each item's cap: the rows of the sheet.
        const values = Object.fromEntries(
          sheet.items.map((i) => [i.code, Math.floor(Math.random() * (i.max * 2 + 1)) / 2]),
        );
        const save: Save = { version: sheet.version + 1, values };
        sheet.unanswered = save;
        let answer;
        try {
          answer = await client.post(`/judge/rounds/${judging.roundId}/entries/${sheet.entryId}.data`, {
            intent: "autosave",
            version: String(sheet.version),
            ...Object.fromEntries(sheet.items.map((i) => [i.field, String(values[i.code])])),
          });
        } catch {
          return; // the server is gone: this save stays unanswered
        }
        sheet.unanswered = null;
        if (answer.status !== 200) {
          badAnswers.push(`autosave ${answer.status}: ${answer.text().slice(0, 200)}`);
          continue;
        }
        const reply = (await decodeSingleFetch(answer.body)) as {
          data?: { saved?: { version: number; total: number } };
        };
        const saved = reply.data?.saved;
        expect(saved?.version).toBe(save.version);
        // The server's total of what it stored is the sum of the rows it was sent.
        expect(saved?.total).toBeCloseTo(
          Object.values(values).reduce((a, b) => a + b, 0),
          6,
        );
        sheet.version = save.version;
        sheet.acked = save;
        ackedSaves++;
      }
    };

    const submit = async (producer: CrashFixture["submissions"]["producers"][number], delayMs: number) => {
      await new Promise((r) => setTimeout(r, delayMs));
      if (killed) return;
      const client = new Client(app.url);
      client.cookies.set("tb_session", sessionValue(producer.cookie));
      inFlight++;
      try {
        // The entry page's form, posted without JavaScript: a redirect back to the entry is the acknowledgement.
        const answer = await client.post(`/producer/entries/${producer.entryId}`, { intent: "submit" });
        if (answer.status === 302 && answer.location === `/producer/entries/${producer.entryId}`)
          submitted.set(producer.entryId, "acked");
        else {
          submitted.set(producer.entryId, "refused");
          badAnswers.push(`submit ${answer.status}: ${answer.text().slice(0, 200)}`);
        }
      } catch {
        submitted.set(producer.entryId, "unanswered");
      } finally {
        inFlight--;
      }
    };

    // An organiser's bulk print of the round with many certificates (a ZIP: one PDF each).
    const organiser = new Client(app.url);
    organiser.cookies.set("tb_session", sessionValue(bulk.cookie));
    const bulkPage = `/admin/rounds/${bulk.roundId}/recognition/bulk`;
    const queued = expectStatus(await organiser.post(bulkPage, { format: "zip" }), 302);
    const jobId = itemAt(/[?&]job=([A-Za-z0-9_-]+)$/.exec(queued.location!) ?? [], 1, "the job id in the redirect");
    note(`[${provider}] bulk ZIP job ${jobId} queued: ${bulk.certificates} certificates`);
    let bulkSeen = { done: 0, total: bulk.certificates, pending: true };
    const bulkWatch = (async () => {
      while (!killed) {
        try {
          bulkSeen = bulkPageState(expectStatus(await organiser.get(queued.location!), 200).text());
        } catch (error) {
          if (!killed) throw error;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const bulkMidway = () => bulkSeen.pending && bulkSeen.done >= 1 && bulkSeen.done < bulkSeen.total;
    // The burst starts once the print is under way, so it is still part-way when the kill comes.
    while (!bulkMidway()) {
      if (!bulkSeen.pending)
        throw new Error(`the bulk print ended before the burst: make it longer (${JSON.stringify(bulkSeen)})`);
      await new Promise((r) => setTimeout(r, 50));
    }
    note(`[${provider}] the burst starts with the bulk print at ${bulkSeen.done}/${bulkSeen.total}`);

    // Producers uploading documents (a PDF each time, as the product page's form posts it).
    const uploads = uploaders.map(() => ({ acked: 0, unanswered: 0 }));
    const uploadLoop = async (k: number) => {
      const client = new Client(app.url);
      const uploader = itemAt(uploaders, k, "uploaders");
      const upload = itemAt(uploads, k, "uploads");
      client.cookies.set("tb_session", sessionValue(uploader.cookie));
      const productPage = `/producer/products/${uploader.productId}`;
      for (let n = 0; n < UPLOADS_EACH && !killed; n++) {
        const bytes = demoPdf(
          Array.from({ length: 20 }, (_, i) => `Giay chung nhan dang ky ${k}-${n}-${i} ${"x".repeat(40)}`),
        );
        let answer;
        try {
          answer = await client.postMultipart(`${productPage}/files`, { kind: "BUSINESS_REGISTRATION" }, [
            { name: "file", fileName: `${UPLOAD_NAME_PREFIX}${k}-${n}.pdf`, type: "application/pdf", bytes },
          ]);
        } catch {
          upload.unanswered++;
          return;
        }
        if (answer.status === 302 && answer.location === productPage) upload.acked++;
        else badAnswers.push(`upload ${answer.status}: ${answer.text().slice(0, 200)}`);
      }
    };
    const uploadsDone = Promise.all(uploaders.map((_, k) => uploadLoop(k)));

    const ackedSubmissions = () => [...submitted.values()].filter((v) => v === "acked").length;
    const judgesDone = Promise.all(judging.judges.map((_, k) => judgeLoop(k)));
    // Three dossiers at a time, every 400 ms.
    const submissionsDone = Promise.all(submissions.producers.map((p, i) => submit(p, Math.floor(i / 3) * 400)));
    let allSent = false;
    let loopFailure: unknown = null;
    void submissionsDone.then(() => (allSent = true));
    judgesDone.catch((error: unknown) => (loopFailure = error));
    // Kill once a third of the dossiers are acknowledged, while others are on the wire, the
    // judges have saved for a while and the bulk print is part-way (or, on a machine too fast
    // for the dossiers, once all are sent and the print is part-way).
    while (!(
      bulkMidway() &&
      ((ackedSubmissions() >= PRODUCERS / 3 && ackedSaves >= JUDGES && inFlight > 0) || allSent)
    )) {
      if (!bulkSeen.pending)
        throw new Error(`the bulk print ended before the kill: make it longer (${JSON.stringify(bulkSeen)})`);
      if (app.gone()) throw new Error(`the server died on its own:\n${app.logTail(40)}`);
      if (loopFailure) throw loopFailure;
      await new Promise((r) => setTimeout(r, 20));
    }
    killed = true;
    const onTheWire = { submissions: inFlight, autosaves: sheets.filter((x) => x.unanswered).length };
    const bulkAtKill = bulkSeen;
    await app.kill();
    note(
      `[${provider}] SIGKILL with the bulk print at ${bulkAtKill.done}/${bulkAtKill.total} (last progress its page showed)`,
    );
    await Promise.all([judgesDone, submissionsDone, uploadsDone, bulkWatch]);
    expect(badAnswers).toEqual([]);

    // ───────────── restart on the same database and files ─────────────
    const env = { DATABASE_URL: db.url, DATA_DIR: data.dir };
    app = await start();
    note(`[${provider}] restarted (JOB_LEASE_MS=${JOB_LEASE_MS})`);
    const uploaderProducts = uploaders.map((u) => u.productId).join(",");
    const state = await runFixture<CrashState>(
      ["inspect", judging.roundId, submissions.roundId, jobId, uploaderProducts],
      env,
    );
    const j0 = state.job!;
    note(
      `[${provider}] job after the restart: ${j0.status}, attempt ${j0.attempts}/${j0.maxAttempts}, ${j0.progressDone}/${j0.progressTotal}, lease ${j0.leaseOwner ?? "none"}`,
    );

    // Sheets: exactly the last acknowledged save, or the one cut off after it; never a mix.
    const stored = new Map(state.sheets.map((s) => [`${s.entryId}:${s.memberId}`, s]));
    let sheetsWithAck = 0;
    for (const sheet of sheets) {
      const row = stored.get(`${sheet.entryId}:${sheet.memberId}`);
      const possible = [sheet.acked, sheet.unanswered].filter((s): s is Save => s !== null);
      if (sheet.acked) sheetsWithAck++;
      if (!row) {
        expect(sheet.acked, "an acknowledged sheet is missing").toBeNull();
        continue;
      }
      expect(row.status).toBe("DRAFT");
      const match = possible.find((s) => s.version === row.version);
      expect(
        match,
        `sheet version ${row.version} is neither the acknowledged ${sheet.acked?.version} nor the cut-off ${sheet.unanswered?.version}`,
      ).toBeTruthy();
      expect(row.scores).toEqual(match!.values);
    }
    expect(sheetsWithAck).toBeGreaterThan(0);

    // Entries: each one all or nothing, every acknowledged one submitted.
    const cutOffCommitted: string[] = [];
    for (const entry of state.entries) {
      const fate = submitted.get(entry.id);
      if (entry.status === "SUBMITTED") {
        expect(entry).toMatchObject({ version: 1, versions: [1], submitAudits: 1 });
        expect(entry.receiptNumber).toMatch(/^TB2026-[0-9A-F]{8}$/);
        expect(entry.submittedAt).not.toBeNull();
        expect(entry.events.filter((e) => e === "DRAFT>SUBMITTED")).toHaveLength(1);
        // The frozen dossier names its files (registration, three photos, …) and they all exist.
        expect(entry.snapshotFiles).toBeGreaterThanOrEqual(4);
        expect(entry.snapshotFilesFound).toBe(entry.snapshotFiles);
        if (fate !== "acked") cutOffCommitted.push(entry.id);
      } else {
        expect(fate, `entry ${entry.id} was acknowledged as submitted but is ${entry.status}`).not.toBe("acked");
        expect(entry).toMatchObject({
          status: "DRAFT",
          version: 0,
          versions: [],
          receiptNumber: null,
          submittedAt: null,
          submitAudits: 0,
        });
        expect(entry.events.filter((e) => e.endsWith(">SUBMITTED"))).toEqual([]);
      }
      // The confirmation mail is written before the answer: an acknowledged submission has it.
      if (fate === "acked") expect(entry.mails).toBeGreaterThanOrEqual(1);
    }
    console.log(
      `[crash ${provider}] acknowledged: ${ackedSaves} autosaves over ${sheetsWithAck} sheets, ${ackedSubmissions()}/${PRODUCERS} submissions; ` +
        `on the wire at the kill: ${onTheWire.autosaves} autosaves, ${onTheWire.submissions} submissions; unanswered submissions in all: ` +
        `${[...submitted.values()].filter((v) => v === "unanswered").length} (${cutOffCommitted.length} of them committed before the kill, whole as checked above)`,
    );

    // The restarted server serves what was acknowledged, and work goes on from there.
    const ackedEntry = [...submitted].find(([, v]) => v === "acked")![0];
    const producer = submissions.producers.find((p) => p.entryId === ackedEntry)!;
    const owner = new Client(app.url);
    owner.cookies.set("tb_session", sessionValue(producer.cookie));
    const receipt = state.entries.find((e) => e.id === ackedEntry)!.receiptNumber!;
    expect(expectStatus(await owner.get(`/producer/entries/${ackedEntry}`), 200).text()).toContain(receipt);

    const sheet = sheets.find((s) => s.acked)!;
    const row = stored.get(`${sheet.entryId}:${sheet.memberId}`)!;
    const judge = new Client(app.url);
    judge.cookies.set("tb_session", sessionValue(itemAt(judging.judges, sheet.judge, "judges").cookie));
    const next = Object.fromEntries(sheet.items.map((i) => [i.field, "1"]));
    const again = expectStatus(
      await judge.post(`/judge/rounds/${judging.roundId}/entries/${sheet.entryId}.data`, {
        intent: "autosave",
        version: String(row.version),
        ...next,
      }),
      200,
    );
    const reply = (await decodeSingleFetch(again.body)) as { data?: { saved?: { version: number } } };
    expect(reply.data?.saved?.version).toBe(row.version + 1);

    // ───────────── the bulk print cut off by the kill ─────────────
    // Taken up again by the restarted server's worker once the dead one's lease ran out: done,
    // or failed with its error shown. Never left running: its page stops reloading.
    // (The organiser's client still points at the same address: the restarted server's.)
    const deadline = Date.now() + 300_000;
    let shown = bulkPageState(expectStatus(await organiser.get(queued.location!), 200).text());
    let html = "";
    while (shown.pending) {
      expect(Date.now() < deadline, `the bulk job is still pending after 5 minutes: ${JSON.stringify(shown)}`).toBe(
        true,
      );
      await new Promise((r) => setTimeout(r, 500));
      html = expectStatus(await organiser.get(queued.location!), 200).text();
      shown = bulkPageState(html);
    }
    const end = (
      await runFixture<CrashState>(["inspect", judging.roundId, submissions.roundId, jobId, uploaderProducts], env)
    ).job!;
    note(
      `[${provider}] job ${end.status} after ${end.attempts} attempts: ${end.progressDone}/${end.progressTotal}, ${end.resultSize ?? 0} bytes${end.error ? `, error: ${end.error}` : ""}`,
    );
    expect(["SUCCEEDED", "FAILED"]).toContain(end.status);
    if (end.status === "SUCCEEDED") {
      // Run again from the first certificate by the restarted server: a second attempt.
      expect(end).toMatchObject({ attempts: 2, progressDone: bulk.certificates, error: null });
      const download = expectStatus(await organiser.get(`${bulkPage}/${jobId}/download`), 200);
      expect(download.headers.get("content-type")).toBe("application/zip");
      expect(download.body.subarray(0, 4).toString("latin1")).toBe("PK\x03\x04");
      expect(download.body.length).toBe(end.resultSize);
      const names = new Set(
        download.body.toString("latin1").match(/giay-chung-nhan-GCN-K[0-9a-f]{6}-2026-\d{4}\.pdf/g) ?? [],
      );
      expect(names.size).toBe(bulk.certificates);
      note(`[${provider}] downloaded the ZIP: ${download.body.length} bytes, ${names.size} certificate PDFs`);
    } else {
      expect(end.error).toBeTruthy();
      expect(html).toContain(end.error!);
    }

    // ───────────── the file store ─────────────
    // Every acknowledged upload is recorded; a cut-off one may or may not be.
    for (const [k, u] of uploaders.entries()) {
      const upload = itemAt(uploads, k, "uploads");
      expect(state.uploadedFiles[u.productId]).toBeGreaterThanOrEqual(upload.acked);
      expect(state.uploadedFiles[u.productId]).toBeLessThanOrEqual(upload.acked + upload.unanswered);
    }
    const cutOffUploads = uploads.reduce((n, u) => n + u.unanswered, 0);
    const swept = await runFixture<SweepOutcome>(["sweep"], env);
    note(
      `[${provider}] uploads: ${uploads.map((u) => u.acked).join(" + ")} acknowledged, ${cutOffUploads} cut off; sweep: ${swept.before.referenced} referenced keys, ` +
        `${swept.before.missing.length} missing, orphans ${JSON.stringify(swept.orphans)}, temp files ${swept.tempFiles.length}; after: ${swept.after.unreferenced.length} unreferenced`,
    );
    // Nothing the database references was lost.
    expect(swept.before.missing).toEqual([]);
    // The orphans are bytes written by a request or job attempt the kill cut off before its row
    // was committed: at most one per cut-off upload, plus the killed attempt's output.
    expect(swept.orphans.length + swept.tempFiles.length).toBeLessThanOrEqual(cutOffUploads + 1);
    for (const o of swept.orphans) expect(["pdf", "zip"]).toContain(o.magic);
    expect(swept.errors).toEqual([]);
    expect(swept.after).toEqual({ missing: [], unreferenced: [], referenced: swept.before.referenced });
    console.log(`bulk print and file store across the kill — transcript:\n${transcript.join("\n")}`);
  });
});
