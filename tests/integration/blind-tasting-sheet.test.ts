// The judge's score sheet at a blind tasting (issue #14, decision 046) and rounds drawn before
// orders were stored. Through the real routes: at a blind tasting the sheet page's loader data and
// the printed sheet (its text, its metadata and its file name) carry the tasting number and the
// group, never the entry code, the product, the producer or a file of the dossier; outside it (a
// round that is not blind, the second pass) the sheet is as before. A round with tasting numbers
// and no stored orders gets every judge's order on the first read that needs one, once, even
// when several first reads come at the same time.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { makeJudgingRound, authFor, type JudgingFixture } from "../support/judging-fixture";
import { pdfLines, texts } from "../support/pdf-lines";
import { cachedCookies, call, get } from "../support/route-calls";
import { scoreField } from "~/modules/judging/sheet-schemas";
import { drawTasting } from "~/modules/samples/samples.server";
import * as queueRoute from "~/routes/judge_.rounds.$roundId";
import * as sheetRoute from "~/routes/judge_.rounds.$roundId_.entries.$entryId";
import * as sheetPdfRoute from "~/routes/judge_.rounds.$roundId_.entries.$entryId_.sheet[.pdf]";
import * as tastingRoute from "~/routes/judge_.rounds.$roundId_.tasting";
import * as planRoute from "~/routes/admin.rounds_.$roundId_.samples_.tasting[.pdf]";
import * as fileRoute from "~/routes/files.$id";
import { prisma } from "~/utils/db.server";

const meta = { ip: "127.0.0.1" };
let blind: JudgingFixture;
let open: JudgingFixture;
const cookie = cachedCookies();

const sheetPage = async (fx: JudgingFixture, judge: number, entryId: string) =>
  call(
    sheetRoute.loader as never,
    get(`/judge/rounds/${fx.roundId}/entries/${entryId}`, await cookie(fx.judges[judge]!.email)),
    { roundId: fx.roundId, entryId },
  );
const sheetPdf = async (fx: JudgingFixture, judge: number, entryId: string) =>
  call(
    sheetPdfRoute.loader as never,
    get(`/judge/rounds/${fx.roundId}/entries/${entryId}/sheet.pdf`, await cookie(fx.judges[judge]!.email)),
    { roundId: fx.roundId, entryId },
  );
const queue = async (fx: JudgingFixture, judge: number) =>
  call(queueRoute.loader as never, get(`/judge/rounds/${fx.roundId}`, await cookie(fx.judges[judge]!.email)), {
    roundId: fx.roundId,
  });

/** Every stored order of the round: member → design row and entry ids in turn order, plus the order's row id. */
async function orders(roundId: string) {
  const rows = await prisma.tastingOrder.findMany({
    where: { roundId },
    select: {
      id: true,
      juryMemberId: true,
      designRow: true,
      slots: { select: { entryId: true }, orderBy: { position: "asc" } },
    },
  });
  return new Map(
    rows.map((o) => [o.juryMemberId, { id: o.id, designRow: o.designRow, entries: o.slots.map((s) => s.entryId) }]),
  );
}

/** Makes the round look like one drawn before decision 046: numbers kept, orders gone. */
async function forgetOrders(roundId: string) {
  await prisma.tastingOrder.deleteMany({ where: { roundId } });
  expect(await prisma.tastingNumber.count({ where: { roundId } })).toBeGreaterThan(0);
}

/** A judge's GET of /files/<id>: the status only. */
const openFile = async (fx: JudgingFixture, judge: number, fileId: string) =>
  (
    await call(fileRoute.loader as never, get(`/files/${fileId}`, await cookie(fx.judges[judge]!.email)), {
      id: fileId,
    })
  ).status;

/** The photos of an entry's product (the files a judge of a non-blind round would open first). */
const photosOf = async (entry: JudgingFixture["entries"][number]) =>
  prisma.storedFile.findMany({
    where: { establishmentId: entry.establishmentId, kind: "PHOTO", product: { entries: { some: { id: entry.id } } } },
    select: { id: true },
  });

const tastingNumberOf = async (entryId: string) =>
  (await prisma.tastingNumber.findFirstOrThrow({ where: { roundId: blind.roundId, entryId } })).number;

const storeAudits = (roundId: string) =>
  prisma.auditLog.count({ where: { action: "round.tasting.store", entityId: roundId } });

/** Strings that would tell a judge which dossier (or producer) a sample is. */
function identifying(fx: JudgingFixture) {
  return fx.entries.flatMap((e) => [e.code, e.productName, e.establishmentName, e.ownerName]);
}

async function pdfOf(outcome: Awaited<ReturnType<typeof sheetPdf>>) {
  expect(outcome.status).toBe(200);
  const bytes = Buffer.from(await outcome.response!.arrayBuffer());
  return { bytes, lines: (await pdfLines(bytes)).flatMap(texts) };
}

beforeAll(async () => {
  await seed(prisma, { demo: true });
  blind = await makeJudgingRound({ groups: ["B", "B", "B"], judges: 3, blindJudging: true, status: "JUDGING" });
  await prisma.roundSampleSettings.create({
    data: { roundId: blind.roundId, required: true, unitsPerEntry: 2, receivingPlace: "Sở Công Thương" },
  });
  await drawTasting(await authFor(blind.organiserEmail), blind.roundId, meta);
  const organiserId = (await prisma.user.findUniqueOrThrow({ where: { email: blind.organiserEmail } })).id;
  await prisma.sampleReceipt.create({
    data: {
      roundId: blind.roundId,
      entryId: blind.entries[0]!.id,
      receivedAt: new Date(),
      units: 2,
      condition: "GOOD",
      storage: `Tủ mát của ${blind.entries[0]!.establishmentName}`,
      note: blind.entries[0]!.productName,
      receivedById: organiserId,
    },
  });
  open = await makeJudgingRound({ groups: ["B"], judges: 1, blindJudging: false, status: "JUDGING" });
}, 300_000);

afterAll(async () => {
  await prisma.$disconnect();
});

describe("a round drawn before orders were stored", () => {
  test("the first read stores each judge's order (the design rows in join order), audited once; a second read changes nothing", async () => {
    await forgetOrders(blind.roundId);
    const audits = await storeAudits(blind.roundId);
    const first = await queue(blind, 1);
    expect(first.status).toBe(200);
    expect((first.data as { tasting: boolean }).tasting).toBe(true);
    const stored = await orders(blind.roundId);
    expect(stored.size).toBe(3);
    expect(blind.judges.map((j) => stored.get(j.memberId)!.designRow)).toEqual([0, 1, 2]);
    for (const o of stored.values()) expect([...o.entries].sort()).toEqual(blind.entries.map((e) => e.id).sort());
    // Each sample once in each turn (a Williams design over three judges).
    for (let turn = 0; turn < 3; turn++) expect(new Set([...stored.values()].map((o) => o.entries[turn])).size).toBe(3);
    expect(await storeAudits(blind.roundId)).toBe(audits + 1);
    // The queue follows the stored order.
    const numbers = await prisma.tastingNumber.findMany({ where: { roundId: blind.roundId } });
    const numberOf = (entryId: string) => numbers.find((n) => n.entryId === entryId)!.number;
    expect((first.data as { rows: Array<{ tastingNumber: number }> }).rows.map((r) => r.tastingNumber)).toEqual(
      stored.get(blind.judges[1]!.memberId)!.entries.map(numberOf),
    );

    // Second read, by another judge and by the tasting page: the same rows, nothing new audited.
    await queue(blind, 0);
    await call(
      tastingRoute.loader as never,
      get(`/judge/rounds/${blind.roundId}/tasting`, await cookie(blind.judges[2]!.email)),
      { roundId: blind.roundId },
    );
    expect(await orders(blind.roundId)).toEqual(stored);
    expect(await storeAudits(blind.roundId)).toBe(audits + 1);
  });

  test("concurrent first reads (three judges and the organiser's printable order) give one order per judge", async () => {
    await forgetOrders(blind.roundId);
    const audits = await storeAudits(blind.roundId);
    const organiser = await cookie(blind.organiserEmail);
    const results = await Promise.all([
      queue(blind, 0),
      queue(blind, 1),
      queue(blind, 2),
      call(planRoute.loader as never, get(`/admin/rounds/${blind.roundId}/samples/tasting.pdf`, organiser), {
        roundId: blind.roundId,
      }),
      queue(blind, 0),
    ]);
    for (const r of results) expect(r.status).toBe(200);
    const stored = await orders(blind.roundId);
    expect(await prisma.tastingOrder.count({ where: { roundId: blind.roundId } })).toBe(3);
    expect(blind.judges.map((j) => stored.get(j.memberId)!.designRow)).toEqual([0, 1, 2]);
    expect(await storeAudits(blind.roundId)).toBe(audits + 1);
    // Every judge's queue was already in their stored order.
    const numbers = await prisma.tastingNumber.findMany({ where: { roundId: blind.roundId } });
    const numberOf = (entryId: string) => numbers.find((n) => n.entryId === entryId)!.number;
    for (const [k, judge] of [0, 1, 2].entries())
      expect((results[k]!.data as { rows: Array<{ tastingNumber: number }> }).rows.map((r) => r.tastingNumber)).toEqual(
        stored.get(blind.judges[judge]!.memberId)!.entries.map(numberOf),
      );
  });
});

describe("the score sheet at a blind tasting", () => {
  test("the page's loader data holds the tasting number, the group and the sample's condition; nothing that identifies the entry", async () => {
    const entry = blind.entries[0]!;
    const number = await tastingNumberOf(entry.id);
    const res = await sheetPage(blind, 0, entry.id);
    expect(res.status).toBe(200);
    const d = res.data as {
      entry: { code: string | null; tastingNumber: number | null; group: string };
      dossier: unknown;
      filesOpen: boolean;
      sample: { tastingNumber: number | null; condition: string | null; status: string };
      items: unknown[];
    };
    expect(d.entry).toMatchObject({ code: null, tastingNumber: number, group: "B" });
    expect(d.dossier).toBeNull();
    expect(d.filesOpen).toBe(false);
    expect(d.sample).toMatchObject({ tastingNumber: number, condition: "GOOD" });
    expect(d.items.length).toBeGreaterThan(0);
    const json = JSON.stringify(res.data);
    for (const s of identifying(blind)) expect(json).not.toContain(s);
    const files = await prisma.storedFile.findMany({
      where: { establishmentId: { in: blind.entries.map((e) => e.establishmentId) } },
      select: { id: true },
    });
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(json).not.toContain(f.id);
  });

  test("the printed sheet and its file name carry the tasting number, never the entry code or product", async () => {
    const entry = blind.entries[1]!;
    const number = await tastingNumberOf(entry.id);
    const res = await sheetPdf(blind, 2, entry.id);
    const { bytes, lines } = await pdfOf(res);
    expect(lines).toContain(`Số mẫu nếm: ${number}`);
    expect(lines.some((l) => l.startsWith("Nhóm sản phẩm: B"))).toBe(true);
    expect(lines.some((l) => l.startsWith("Mã số sản phẩm"))).toBe(false);
    expect(lines.some((l) => l.startsWith("Tên sản phẩm"))).toBe(false);
    const text = lines.join("\n");
    // The document's metadata (its title) is written uncompressed: the raw bytes must not name the entry either.
    const raw = bytes.toString("latin1");
    for (const e of blind.entries) {
      expect(text).not.toContain(e.code);
      expect(text).not.toContain(e.productName);
      expect(text).not.toContain(e.establishmentName);
      expect(raw).not.toContain(e.code);
    }
    const disposition = res.headers.get("Content-Disposition") ?? "";
    expect(disposition).toContain(`so-nem-${number}`);
    for (const e of blind.entries) expect(disposition).not.toContain(e.code);
  });

  test("a file of a sample the judge tastes blind does not open, even by its id; a judge of the open round opens theirs", async () => {
    for (const entry of blind.entries) {
      const photos = await photosOf(entry);
      expect(photos.length).toBeGreaterThan(0);
      for (const p of photos) for (const judge of [0, 1, 2]) expect(await openFile(blind, judge, p.id)).toBe(403);
    }
    const [photo] = await photosOf(open.entries[0]!);
    expect(await openFile(open, 0, photo!.id)).toBe(200);
  });

  test("a judge can still score the sample: a saved draft lands on the same entry's sheet", async () => {
    const entry = blind.entries[2]!;
    const page = await sheetPage(blind, 1, entry.id);
    const items = (page.data as { items: Array<{ code: string; max: number }> }).items;
    const body = new FormData();
    body.set("intent", "save");
    body.set("version", "0");
    for (const i of items) body.set(scoreField(i.code), String(i.max));
    const res = await call(
      sheetRoute.action as never,
      new Request(`http://localhost/judge/rounds/${blind.roundId}/entries/${entry.id}`, {
        method: "POST",
        body,
        headers: { Cookie: await cookie(blind.judges[1]!.email), Origin: "http://localhost" },
      }),
      { roundId: blind.roundId, entryId: entry.id },
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/judge/rounds/${blind.roundId}/entries/${entry.id}`);
    const sheet = await prisma.scoreSheet.findFirstOrThrow({
      where: { entryId: entry.id, juryMemberId: blind.judges[1]!.memberId },
    });
    expect(sheet.status).toBe("DRAFT");
  });
});

describe("outside the blind tasting nothing changes", () => {
  test("a round that is not blind: the page and the printed sheet show the entry code and the product", async () => {
    const entry = open.entries[0]!;
    const res = await sheetPage(open, 0, entry.id);
    expect(res.status).toBe(200);
    const d = res.data as {
      entry: { code: string | null; tastingNumber: number | null };
      dossier: { product: { name: string }; establishment: { name: string } | null; photos: unknown[] };
    };
    expect(d.entry).toMatchObject({ code: entry.code, tastingNumber: null });
    expect(d.dossier.product.name).toBe(entry.productName);
    expect(d.dossier.establishment?.name).toBe(entry.establishmentName);
    expect(d.dossier.photos).toHaveLength(3);
    const pdf = await sheetPdf(open, 0, entry.id);
    const { lines } = await pdfOf(pdf);
    expect(lines).toContain(`Mã số sản phẩm: ${entry.code}`);
    expect(lines).toContain(`Tên sản phẩm: ${entry.productName}`);
    expect(lines.some((l) => l.startsWith("Số mẫu nếm"))).toBe(false);
    expect(pdf.headers.get("Content-Disposition")).toContain(entry.code);
  });

  test("the second pass of the blind round (after site visits): the entry code and dossier are back, the queue lists codes", async () => {
    const entry = blind.entries[0]!;
    await prisma.entryOutcome.create({ data: { roundId: blind.roundId, entryId: entry.id, secondPass: true } });
    await prisma.round.update({ where: { id: blind.roundId }, data: { scoringPasses: 2, currentPass: 2 } });
    const res = await sheetPage(blind, 0, entry.id);
    expect(res.status).toBe(200);
    const d = res.data as { entry: { code: string | null; tastingNumber: number | null }; dossier: unknown };
    expect(d.entry).toMatchObject({ code: entry.code, tastingNumber: null });
    expect(d.dossier).not.toBeNull();
    const q = await queue(blind, 0);
    const data = q.data as { tasting: boolean; rows: Array<{ code: string | null }> };
    expect(data.tasting).toBe(false);
    expect(data.rows.map((r) => r.code)).toEqual([entry.code]);
    const { lines } = await pdfOf(await sheetPdf(blind, 0, entry.id));
    expect(lines).toContain(`Mã số sản phẩm: ${entry.code}`);
    // The dossier's photos open again (under neutral names: the round is still blind).
    const [photo] = await photosOf(entry);
    expect(await openFile(blind, 0, photo!.id)).toBe(200);
  });
});
