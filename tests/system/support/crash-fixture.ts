// The crash test's data, made and read through the app's own services in a separate process
// (`node --import tsx tests/system/support/crash-fixture.ts prepare|inspect`, with DATABASE_URL
// and DATA_DIR of the server under test), so the test process itself never opens the app's
// database client. Prints one line `FIXTURE_JSON <json>`.
//
//   prepare  demo accounts, a round in JUDGING (entries, judges with sessions) and an OPEN round
//            with producers whose complete dossiers wait as DRAFT entries (with sessions)
//   inspect  what the database holds now: every sheet of the judging round, every entry of the
//            open round with what its submission must have written alongside it
import crypto from "node:crypto";
import { seed } from "../../../prisma/seed";
import { makeJudgingRound, makeOpenRound, makeProducerWithProduct } from "../../support/judging-fixture";
import { lucia } from "~/modules/auth/lucia.server";
import { createEntry } from "~/modules/entries/entries.server";
import { currentRubric } from "~/modules/judging/rubric.server";
import { sheetItems } from "~/modules/judging/sheet-rules";
import { scoreField } from "~/modules/judging/sheet-schemas";
import { getAuth } from "~/modules/auth/auth.server";
import { prisma } from "~/utils/db.server";

const meta = { ip: "127.0.0.1" };

export interface CrashFixture {
  judging: {
    roundId: string;
    /** Each judge scores every entry (no panels). */
    judges: Array<{ cookie: string; memberId: string }>;
    entries: Array<{ id: string; items: Array<{ code: string; field: string; max: number }> }>;
  };
  submissions: { roundId: string; producers: Array<{ cookie: string; entryId: string; ownerEmail: string }> };
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
}

async function sessionCookie(userId: string) {
  const session = await lucia.createSession(userId, { ipAddress: null, userAgent: null, createdAt: new Date() });
  return lucia.createSessionCookie(session.id).serialize().split(";")[0];
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
    const group = (["A", "B", "C", "D"] as const)[i % 4];
    const p = await makeProducerWithProduct({ tag, index: i, group, provinceId: bn.id, passwordHash: null });
    const cookie = await sessionCookie(p.owner.id);
    const auth = await getAuth(new Request("http://localhost/", { headers: { Cookie: cookie } }));
    const entry = await createEntry(auth!, { roundId: open.id, productId: p.productId }, meta);
    ready.push({ cookie, entryId: entry.id, ownerEmail: p.ownerEmail });
  }

  return {
    judging: {
      roundId: fixture.roundId,
      judges: await Promise.all(fixture.judges.map(async (j) => ({ cookie: await sessionCookie(j.userId), memberId: j.memberId }))),
      entries: fixture.entries.map((e) => ({
        id: e.id,
        items: sheetItems(rubric.items, e.group).map((item) => ({ code: item.code, field: scoreField(item.code), max: item.max })),
      })),
    },
    submissions: { roundId: open.id, producers: ready },
  };
}

async function inspect(judgingRoundId: string, openRoundId: string): Promise<CrashState> {
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
  const state: CrashState = { sheets: [], entries: [] };
  for (const s of sheets) {
    state.sheets.push({ entryId: s.entryId, memberId: s.juryMemberId, version: s.version, status: s.status, scores: s.scores as Record<string, number> });
  }
  for (const e of entries) {
    const files = ((e.versions[0]?.snapshot as { files?: Array<{ id: string }> } | undefined)?.files ?? []).map((f) => f.id);
    state.entries.push({
      id: e.id,
      status: e.status,
      version: e.version,
      receiptNumber: e.receiptNumber,
      submittedAt: e.submittedAt?.toISOString() ?? null,
      versions: e.versions.map((v) => v.version),
      snapshotFiles: files.length,
      snapshotFilesFound: files.length ? await prisma.storedFile.count({ where: { id: { in: files }, deletedAt: null } }) : 0,
      events: e.events.map((ev) => `${ev.fromStatus ?? ""}>${ev.toStatus}`),
      submitAudits: await prisma.auditLog.count({ where: { action: "entry.submit", entityId: e.id } }),
      mails: await prisma.mailMessage.count({ where: { to: e.establishment.owner.email } }),
    });
  }
  return state;
}

const [mode, a, b] = process.argv.slice(2);
const result = mode === "prepare" ? await prepare(Number(a), Number(b)) : mode === "inspect" ? await inspect(a, b) : null;
if (!result) throw new Error("usage: crash-fixture.ts prepare <judges> <producers> | inspect <judgingRoundId> <openRoundId>");
console.log(`FIXTURE_JSON ${JSON.stringify(result)}`);
await prisma.$disconnect();
