// The crash test's data, made and read through the app's own services in a separate process
// (`node --import tsx tests/system/support/crash-fixture.ts prepare|inspect`, with DATABASE_URL
// and DATA_DIR of the server under test), so the test process itself never opens the app's
// database client. Prints one line `FIXTURE_JSON <json>`.
//
//   prepare  demo accounts, a round in JUDGING (entries, judges with sessions) and an OPEN round
//            with producers whose complete dossiers wait as DRAFT entries (with sessions)
//            and a finished round with many certificates for a bulk print, its organiser's
//            session, and producers who upload documents during the burst (with sessions)
//   inspect  what the database holds now: every sheet of the judging round, every entry of the
//            open round with what its submission must have written alongside it, the bulk job
//   sweep    the orphan-file sweep (app/modules/files/sweep.server.ts) with no grace period,
//            with what the database references and what the store holds before and after it
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { seed } from "../../../prisma/seed";
import { roundWithCertificates } from "../../support/certificate-round";
import { UPLOAD_NAME_PREFIX } from "./crash-names";
import { makeJudgingRound, makeOpenRound, makeProducerWithProduct } from "../../support/judging-fixture";
import { lucia } from "~/modules/auth/lucia.server";
import { firstRow, itemAt } from "~/utils/arrays";
import { createEntry } from "~/modules/entries/entries.server";
import { currentRubric } from "~/modules/judging/rubric.server";
import { sheetItems } from "~/modules/judging/sheet-rules";
import { scoreField } from "~/modules/judging/sheet-schemas";
import { getAuth } from "~/modules/auth/auth.server";
import { sweepFiles } from "~/modules/files/sweep.server";
import { getJob } from "~/modules/jobs/queue.server";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

const meta = { ip: "127.0.0.1" };

export interface CrashFixture {
  judging: {
    roundId: string;
    /** Each judge scores every entry (no panels). */
    judges: Array<{ cookie: string; memberId: string }>;
    entries: Array<{ id: string; items: Array<{ code: string; field: string; max: number }> }>;
  };
  submissions: { roundId: string; producers: Array<{ cookie: string; entryId: string; ownerEmail: string }> };
  /** A finished round with `certificates` certificates, and its organiser's session. */
  bulk: { roundId: string; cookie: string; certificates: number };
  /** Producers who upload documents to their product during the burst. */
  uploaders: Array<{ cookie: string; productId: string }>;
}

export interface CrashState {
  sheets: Array<{ entryId: string; memberId: string; version: number; status: string; scores: Record<string, number> }>;
  entries: Array<{
    id: string;
    status: string;
    version: number;
    receiptNumber: string | null;
    submittedAt: string | null;
    versions: number[];
    /** Files named in the frozen snapshot of version 1, and how many of them exist as rows. */
    snapshotFiles: number;
    snapshotFilesFound: number;
    events: string[];
    submitAudits: number;
    mails: number;
  }>;
  /** The bulk job asked about, as its row stands. */
  job: {
    status: string;
    attempts: number;
    maxAttempts: number;
    progressDone: number;
    progressTotal: number;
    error: string | null;
    leaseOwner: string | null;
    resultKey: string | null;
    resultSize: number | null;
  } | null;
  /** Documents uploaded during the burst (named UPLOAD_NAME_PREFIX…) by each uploader (their establishment's rows, deleted or not). */
  uploadedFiles: Record<string, number>;
}

/** What the database references in the local store, and what the store holds. */
interface StoreState {
  /** Keys some row references whose bytes are not in the store. */
  missing: string[];
  /** Names in the store that no row references. */
  unreferenced: string[];
  referenced: number;
}

export interface SweepOutcome {
  before: StoreState;
  /** The sweep's orphans and left-over temporary files, with what their bytes start as. */
  orphans: Array<{ name: string; size: number; magic: "pdf" | "zip" | "jpeg" | "other" }>;
  tempFiles: string[];
  errors: string[];
  after: StoreState;
}

async function sessionCookie(userId: string) {
  const session = await lucia.createSession(userId, { ipAddress: null, userAgent: null, createdAt: new Date() });
  return firstRow(lucia.createSessionCookie(session.id).serialize().split(";"), "the session cookie");
}

async function prepare(judges: number, producers: number): Promise<CrashFixture> {
  await seed(prisma, { demo: true });
  const fixture = await makeJudgingRound({ groups: ["B", "A", "C", "D"], judges, blindJudging: false });
  const rubric = (await currentRubric(prisma, fixture.roundId))!;

  const bn = await prisma.province.findUniqueOrThrow({ where: { code: "BN" } });
  const tag = `c${crypto.randomBytes(3).toString("hex")}`;
  const open = await makeOpenRound(`Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2026 — thử sập nguồn ${tag}`);
  const ready: CrashFixture["submissions"]["producers"] = [];
  for (let i = 0; i < producers; i++) {
    const group = itemAt(["A", "B", "C", "D"] as const, i % 4, "groups");
    const p = await makeProducerWithProduct({ tag, index: i, group, provinceId: bn.id, passwordHash: null });
    const cookie = await sessionCookie(p.owner.id);
    const auth = await getAuth(new Request("http://localhost/", { headers: { Cookie: cookie } }));
    const entry = await createEntry(auth!, { roundId: open.id, productId: p.productId }, meta);
    ready.push({ cookie, entryId: entry.id, ownerEmail: p.ownerEmail });
  }

  const organiser = await prisma.user.findUniqueOrThrow({ where: { email: "organiser.bacninh@tieubieu.test" } });
  const certificates = 120;
  const bulkRoundId = await roundWithCertificates(organiser.id, certificates);
  const uploaders: CrashFixture["uploaders"] = [];
  for (let i = 0; i < 2; i++) {
    const p = await makeProducerWithProduct({
      tag: `${tag}u`,
      index: i,
      group: "A",
      provinceId: bn.id,
      passwordHash: null,
    });
    uploaders.push({ cookie: await sessionCookie(p.owner.id), productId: p.productId });
  }

  return {
    bulk: { roundId: bulkRoundId, cookie: await sessionCookie(organiser.id), certificates },
    uploaders,
    judging: {
      roundId: fixture.roundId,
      judges: await Promise.all(
        fixture.judges.map(async (j) => ({ cookie: await sessionCookie(j.userId), memberId: j.memberId })),
      ),
      entries: fixture.entries.map((e) => ({
        id: e.id,
        items: sheetItems(rubric.items, e.group).map((item) => ({
          code: item.code,
          field: scoreField(item.code),
          max: item.max,
        })),
      })),
    },
    submissions: { roundId: open.id, producers: ready },
  };
}

async function inspect(
  judgingRoundId: string,
  openRoundId: string,
  jobId: string | undefined,
  uploadProducts: string[],
): Promise<CrashState> {
  const sheets = await prisma.scoreSheet.findMany({
    where: { roundId: judgingRoundId },
    select: { entryId: true, juryMemberId: true, version: true, status: true, scores: true },
  });
  const entries = await prisma.entry.findMany({
    where: { roundId: openRoundId },
    select: {
      id: true,
      status: true,
      version: true,
      receiptNumber: true,
      submittedAt: true,
      versions: { select: { version: true, snapshot: true }, orderBy: { version: "asc" } },
      events: { select: { fromStatus: true, toStatus: true }, orderBy: { createdAt: "asc" } },
      establishment: { select: { owner: { select: { email: true } } } },
    },
  });
  const job = jobId ? await getJob(jobId) : null;
  const state: CrashState = {
    sheets: [],
    entries: [],
    job: job && {
      status: job.status,
      attempts: job.attempts,
      maxAttempts: job.maxAttempts,
      progressDone: job.progressDone,
      progressTotal: job.progressTotal,
      error: job.error,
      leaseOwner: job.leaseOwner,
      resultKey: job.resultKey,
      resultSize: job.resultSize,
    },
    uploadedFiles: {},
  };
  for (const productId of uploadProducts) {
    state.uploadedFiles[productId] = await prisma.storedFile.count({
      where: {
        establishment: { products: { some: { id: productId } } },
        originalName: { startsWith: UPLOAD_NAME_PREFIX },
      },
    });
  }
  for (const s of sheets) {
    state.sheets.push({
      entryId: s.entryId,
      memberId: s.juryMemberId,
      version: s.version,
      status: s.status,
      scores: s.scores as Record<string, number>,
    });
  }
  for (const e of entries) {
    const files = ((e.versions[0]?.snapshot as { files?: Array<{ id: string }> } | undefined)?.files ?? []).map(
      (f) => f.id,
    );
    state.entries.push({
      id: e.id,
      status: e.status,
      version: e.version,
      receiptNumber: e.receiptNumber,
      submittedAt: e.submittedAt?.toISOString() ?? null,
      versions: e.versions.map((v) => v.version),
      snapshotFiles: files.length,
      snapshotFilesFound: files.length
        ? await prisma.storedFile.count({ where: { id: { in: files }, deletedAt: null } })
        : 0,
      events: e.events.map((ev) => `${ev.fromStatus ?? ""}>${ev.toStatus}`),
      submitAudits: await prisma.auditLog.count({ where: { action: "entry.submit", entityId: e.id } }),
      mails: await prisma.mailMessage.count({ where: { to: e.establishment.owner.email } }),
    });
  }
  return state;
}

async function storeState(root: string): Promise<StoreState> {
  const local = { storage: "local" };
  const keys = new Set<string>();
  for (const f of await prisma.storedFile.findMany({
    where: local,
    select: { storageKey: true, thumbnailKey: true },
  })) {
    keys.add(f.storageKey);
    if (f.thumbnailKey) keys.add(f.thumbnailKey);
  }
  for (const d of await prisma.recognitionDecision.findMany({
    where: { documentStorage: "local" },
    select: { documentKey: true },
  }))
    if (d.documentKey) keys.add(d.documentKey);
  for (const j of await prisma.job.findMany({ where: { resultStorage: "local" }, select: { resultKey: true } }))
    if (j.resultKey) keys.add(j.resultKey);
  const names = fs.existsSync(root)
    ? fs.readdirSync(root).filter((n) => fs.lstatSync(path.join(root, n)).isFile())
    : [];
  // A derived copy (the blind-judging copy of a PDF) counts as referenced with its original.
  const isReferenced = (name: string) =>
    keys.has(name) || [...keys].some((k) => name.startsWith(k) && name.length > k.length);
  return {
    missing: [...keys].filter((k) => !fs.existsSync(path.join(root, k))),
    unreferenced: names.filter((n) => !isReferenced(n)),
    referenced: keys.size,
  };
}

function magicOf(file: string): SweepOutcome["orphans"][number]["magic"] {
  const head = fs.readFileSync(file).subarray(0, 4);
  if (head.toString("latin1").startsWith("%PDF")) return "pdf";
  if (head.toString("latin1").startsWith("PK")) return "zip";
  if (head[0] === 0xff && head[1] === 0xd8) return "jpeg";
  return "other";
}

async function sweep(): Promise<SweepOutcome> {
  const root = path.join(getEnv().dataDir, "files");
  const before = await storeState(root);
  // A dry run first, to look at the orphans' bytes before they go.
  const dry = await sweepFiles(prisma, { graceMs: 0 });
  const magic = new Map(dry.orphans.map((o) => [o.name, magicOf(path.join(root, o.name))]));
  const report = await sweepFiles(prisma, { apply: true, graceMs: 0 });
  return {
    before,
    orphans: report.orphans.map((o) => ({ name: o.name, size: o.size, magic: magic.get(o.name) ?? "other" })),
    tempFiles: report.tempFiles.map((t) => t.name),
    errors: report.errors,
    after: await storeState(root),
  };
}

const [mode, a, b, c, d] = process.argv.slice(2);
const result =
  mode === "prepare"
    ? await prepare(Number(a), Number(b))
    : mode === "inspect" && a && b
      ? await inspect(a, b, c || undefined, d ? d.split(",") : [])
      : mode === "sweep"
        ? await sweep()
        : null;
if (!result)
  throw new Error(
    "usage: crash-fixture.ts prepare <judges> <producers> | inspect <judgingRoundId> <openRoundId> [jobId] [productId,…] | sweep",
  );
console.log(`FIXTURE_JSON ${JSON.stringify(result)}`);
await prisma.$disconnect();
