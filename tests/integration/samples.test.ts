// Physical samples, labels and blind tasting (issue #14, decision 038) through the real routes and
// services: the round's sample settings, receipts, return/disposal, the label sheet, the tasting
// draw and every judge's serving order; with permission scoping (another province's organiser
// 404, judges and producers 403 on organiser pages, producers only their own sample) and bad input.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { pdfLines, texts } from "../support/pdf-lines";
import { makeJudgingRound, type JudgingFixture } from "../support/judging-fixture";
import { call, cookieFor, get, post } from "../support/route-calls";
import { toVnDateTimeInput } from "~/modules/rounds/round-fields";
import * as pageRoute from "~/routes/admin.rounds_.$roundId_.samples";
import * as recordRoute from "~/routes/admin.rounds_.$roundId_.samples_.$entryId";
import * as labelsRoute from "~/routes/admin.rounds_.$roundId_.samples_.labels[.pdf]";
import * as tastingPdfRoute from "~/routes/admin.rounds_.$roundId_.samples_.tasting[.pdf]";
import * as judgeTastingRoute from "~/routes/judge_.rounds.$roundId_.tasting";
import * as sheetRoute from "~/routes/judge_.rounds.$roundId_.entries.$entryId";
import * as producerEntryRoute from "~/routes/producer_.entries.$entryId";
import { prisma } from "~/utils/db.server";

let fx: JudgingFixture;
let organiserCookie: string;
let hanoiCookie: string;
let judgeCookies: string[];
let producerCookies: string[];

type Reply = {
  form?: string;
  error?: string;
  result?: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> };
};
const HOUR = 3600_000;
const pagePath = () => `/admin/rounds/${fx.roundId}/samples`;
const recordPath = (entryId: string) => `/admin/rounds/${fx.roundId}/samples/${entryId}`;
const actPage = (cookie: string, fields: Record<string, string>) =>
  call(pageRoute.action, post(pagePath(), fields, cookie), { roundId: fx.roundId });
const actRecord = (cookie: string, entryId: string, fields: Record<string, string>) =>
  call(recordRoute.action, post(recordPath(entryId), fields, cookie), { roundId: fx.roundId, entryId });
const loadRecord = (cookie: string, entryId: string) =>
  call(recordRoute.loader, get(recordPath(entryId), cookie), { roundId: fx.roundId, entryId });
const settings = (over: Record<string, string> = {}) => ({
  intent: "settings",
  required: "on",
  unitsPerEntry: "3",
  receivingPlace: "Sở Công Thương Bắc Ninh, phòng 204",
  deadline: toVnDateTimeInput(new Date(Date.now() + 48 * HOUR)),
  ...over,
});
const receipt = (over: Record<string, string> = {}) => ({
  intent: "receive",
  receivedAt: toVnDateTimeInput(new Date(Date.now() - HOUR)),
  units: "3",
  condition: "GOOD",
  storage: "Kho lạnh phòng 2, 4 °C",
  note: "",
  ...over,
});
const text = async (res: Response) =>
  texts((await pdfLines(new Uint8Array(await res.arrayBuffer()))).flat()).join("\n");

beforeAll(async () => {
  await seed(prisma, { demo: true });
  fx = await makeJudgingRound({ groups: ["B", "B", "A", "B"], judges: 3, blindJudging: true, status: "JUDGING" });
  organiserCookie = await cookieFor(fx.organiserEmail);
  judgeCookies = await Promise.all(fx.judges.map((j) => cookieFor(j.email)));
  producerCookies = await Promise.all(fx.entries.map((e) => cookieFor(e.ownerEmail)));
  const hn = await prisma.province.findUniqueOrThrow({ where: { code: "HN" } });
  const passwordHash = (await prisma.user.findUniqueOrThrow({ where: { email: "admin@tieubieu.test" } })).passwordHash;
  const email = `organiser.hanoi.samples.${fx.roundId}@example.vn`;
  await prisma.user.create({
    data: {
      email,
      name: "Cán bộ Hà Nội",
      passwordHash,
      emailVerifiedAt: new Date(),
      roles: { create: { role: "ORGANISER", level: "PROVINCE", provinceId: hn.id } },
    },
  });
  hanoiCookie = await cookieFor(email);
}, 240_000);

afterAll(async () => {
  await prisma.$disconnect();
});

describe("sample settings", () => {
  test("bad input is refused with the typed values kept", async () => {
    const out = await actPage(organiserCookie, settings({ receivingPlace: "", unitsPerEntry: "0" }));
    expect(out.status).toBe(400);
    const reply = out.data as Reply;
    expect(reply.result?.error?.receivingPlace).toEqual(["samples.settings.error.place"]);
    expect(reply.result?.error?.unitsPerEntry).toEqual(["samples.settings.error.units"]);
    expect(reply.result?.initialValue?.unitsPerEntry).toBe("0");
    const badDate = await actPage(organiserCookie, settings({ deadline: "2026-02-31T10:00" }));
    expect(badDate.status).toBe(400);
    expect((badDate.data as Reply).result?.error?.deadline).toEqual(["samples.error.date"]);
    expect(await prisma.roundSampleSettings.count({ where: { roundId: fx.roundId } })).toBe(0);
  });

  test("only the round's organisers: another province 404, a judge and a producer 403", async () => {
    expect((await call(pageRoute.loader, get(pagePath(), hanoiCookie), { roundId: fx.roundId })).status).toBe(404);
    expect((await actPage(hanoiCookie, settings())).status).toBe(404);
    expect((await actPage(judgeCookies[0]!, settings())).status).toBe(403);
    expect((await actPage(producerCookies[0]!, settings())).status).toBe(403);
    expect(await prisma.roundSampleSettings.count({ where: { roundId: fx.roundId } })).toBe(0);
  });

  test("the organiser sets the requirements; audited; the page lists every accepted entry awaiting its sample", async () => {
    const out = await actPage(organiserCookie, settings());
    expect(out.status).toBe(302);
    const row = await prisma.roundSampleSettings.findUniqueOrThrow({ where: { roundId: fx.roundId } });
    expect(row).toMatchObject({
      required: true,
      unitsPerEntry: 3,
      receivingPlace: "Sở Công Thương Bắc Ninh, phòng 204",
    });
    expect(await prisma.auditLog.count({ where: { action: "round.samples", entityId: fx.roundId } })).toBe(1);
    const page = await call(pageRoute.loader, get(pagePath(), organiserCookie), { roundId: fx.roundId });
    const data = page.data as { rows: Array<{ code: string; status: string }>; counts: { awaiting: number } };
    expect(data.rows.map((r) => r.code).sort()).toEqual(fx.entries.map((e) => e.code).sort());
    expect(data.counts.awaiting).toBe(4);
  });
});

describe("receipts", () => {
  test("bad input: units, condition, storage, a date in the future; the typed values kept", async () => {
    const e = fx.entries[0]!;
    const bad = await actRecord(organiserCookie, e.id, receipt({ units: "-2", condition: "ROTTEN", storage: "" }));
    expect(bad.status).toBe(400);
    const errors = (bad.data as Reply).result?.error ?? {};
    expect(errors.units).toEqual(["samples.receipt.error.units"]);
    expect(errors.condition).toEqual(["samples.receipt.error.condition"]);
    expect(errors.storage).toEqual(["samples.receipt.error.storage"]);
    expect((bad.data as Reply).result?.initialValue?.units).toBe("-2");
    const future = await actRecord(
      organiserCookie,
      e.id,
      receipt({ receivedAt: toVnDateTimeInput(new Date(Date.now() + 24 * HOUR)) }),
    );
    expect(future.status).toBe(400);
    expect((future.data as Reply).result?.error?.receivedAt).toEqual(["samples.receipt.error.future"]);
    expect(await prisma.sampleReceipt.count({ where: { roundId: fx.roundId } })).toBe(0);
  });

  test("judges cannot record receipts (403), another province's organiser gets 404", async () => {
    const e = fx.entries[0]!;
    expect((await actRecord(judgeCookies[0]!, e.id, receipt())).status).toBe(403);
    expect((await loadRecord(judgeCookies[0]!, e.id)).status).toBe(403);
    expect((await actRecord(hanoiCookie, e.id, receipt())).status).toBe(404);
    expect((await loadRecord(hanoiCookie, e.id)).status).toBe(404);
    expect((await actRecord(producerCookies[0]!, e.id, receipt())).status).toBe(403);
    expect(await prisma.sampleReceipt.count({ where: { roundId: fx.roundId } })).toBe(0);
  });

  test("the organiser records three receipts; who received it is kept; audited", async () => {
    for (const [i, e] of fx.entries.slice(0, 3).entries()) {
      const out = await actRecord(organiserCookie, e.id, receipt({ condition: i === 1 ? "DAMAGED" : "GOOD" }));
      expect(out.status).toBe(302);
    }
    const organiser = await prisma.user.findUniqueOrThrow({ where: { email: fx.organiserEmail } });
    const rows = await prisma.sampleReceipt.findMany({ where: { roundId: fx.roundId } });
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r.receivedById).toBe(organiser.id);
    expect(
      await prisma.auditLog.count({
        where: { action: "sample.receive", entityId: { in: fx.entries.map((e) => e.id) } },
      }),
    ).toBe(3);
    const rec = (await loadRecord(organiserCookie, fx.entries[1]!.id)).data as {
      status: string;
      receipt: { condition: string; receivedBy: string };
    };
    expect(rec.status).toBe("received");
    expect(rec.receipt).toMatchObject({ condition: "DAMAGED", receivedBy: organiser.name });
  });

  test("a producer sees only their own sample's status", async () => {
    const mine = await call(
      producerEntryRoute.loader,
      get(`/producer/entries/${fx.entries[1]!.id}`, producerCookies[1]!),
      { entryId: fx.entries[1]!.id },
    );
    expect(mine.status).toBe(200);
    expect((mine.data as { sample: { status: string; receipt: { condition: string } } }).sample).toMatchObject({
      status: "received",
      receipt: { condition: "DAMAGED" },
    });
    const waiting = await call(
      producerEntryRoute.loader,
      get(`/producer/entries/${fx.entries[3]!.id}`, producerCookies[3]!),
      { entryId: fx.entries[3]!.id },
    );
    expect((waiting.data as { sample: { status: string; unitsPerEntry: number } }).sample).toMatchObject({
      status: "awaiting",
      unitsPerEntry: 3,
    });
    const other = await call(
      producerEntryRoute.loader,
      get(`/producer/entries/${fx.entries[1]!.id}`, producerCookies[0]!),
      { entryId: fx.entries[1]!.id },
    );
    expect(other.status).toBe(404);
  });
});

describe("labels", () => {
  test("an A4 sheet with every entry code and group, and nothing identifying in a blind round", async () => {
    const res = (
      await call(labelsRoute.loader, get(`${pagePath()}/labels.pdf`, organiserCookie), { roundId: fx.roundId })
    ).response!;
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    const body = await text(res);
    for (const e of fx.entries) {
      expect(body).toContain(e.code);
      expect(body).not.toContain(e.productName);
      expect(body).not.toContain(e.establishmentName);
      expect(body).not.toContain(e.ownerName);
    }
    expect(body).toContain("Nhóm B");
  }, 60_000);

  test("one entry's label; another province 404; a judge 403", async () => {
    const e = fx.entries[2]!;
    const one = (
      await call(labelsRoute.loader, get(`${pagePath()}/labels.pdf?entry=${e.id}`, organiserCookie), {
        roundId: fx.roundId,
      })
    ).response!;
    expect(one.status).toBe(200);
    const body = await text(one);
    expect(body).toContain(e.code);
    expect(body).not.toContain(fx.entries[0]!.code);
    expect(
      (await call(labelsRoute.loader, get(`${pagePath()}/labels.pdf`, hanoiCookie), { roundId: fx.roundId })).response!
        .status,
    ).toBe(404);
    expect(
      (await call(labelsRoute.loader, get(`${pagePath()}/labels.pdf`, judgeCookies[0]!), { roundId: fx.roundId }))
        .response!.status,
    ).toBe(403);
    expect(
      (
        await call(labelsRoute.loader, get(`${pagePath()}/labels.pdf?entry=nope`, organiserCookie), {
          roundId: fx.roundId,
        })
      ).response!.status,
    ).toBe(400);
  });
});

describe("blind tasting", () => {
  test("the draw gives each sample a distinct random number, not its code; audited", async () => {
    const out = await actPage(organiserCookie, { intent: "draw" });
    expect(out.status).toBe(302);
    const numbers = await prisma.tastingNumber.findMany({ where: { roundId: fx.roundId } });
    expect(numbers).toHaveLength(4);
    expect(new Set(numbers.map((n) => n.number)).size).toBe(4);
    for (const n of numbers) {
      expect(n.number).toBeGreaterThanOrEqual(101);
      expect(n.number).toBeLessThanOrEqual(999);
      // not the entry's running number (BN-2026-A-001 → 1): a plate must not tell which dossier it is
      const running = Number(
        fx.entries
          .find((e) => e.id === n.entryId)!
          .code.split("-")
          .at(-1),
      );
      expect(n.number).not.toBe(running);
    }
    expect(await prisma.auditLog.count({ where: { action: "round.tasting", entityId: fx.roundId } })).toBe(1);
  });

  test("each judge's order is a different permutation: no sample is first for everyone", async () => {
    const orders: number[][] = [];
    for (const cookie of judgeCookies) {
      const res = await call(judgeTastingRoute.loader, get(`/judge/rounds/${fx.roundId}/tasting`, cookie), {
        roundId: fx.roundId,
      });
      expect(res.status).toBe(200);
      orders.push((res.data as { slots: Array<{ number: number }> }).slots.map((s) => s.number));
    }
    const all = (await prisma.tastingNumber.findMany({ where: { roundId: fx.roundId } })).map((n) => n.number).sort();
    for (const o of orders) expect([...o].sort()).toEqual(all);
    expect(new Set(orders.map((o) => o[0])).size).toBe(3);
    // Not a judge of the round: 403.
    expect(
      (
        await call(judgeTastingRoute.loader, get(`/judge/rounds/${fx.roundId}/tasting`, producerCookies[0]!), {
          roundId: fx.roundId,
        })
      ).status,
    ).toBe(403);
  });

  test("the judge's sheet shows the sample's arrival, condition and tasting number, nothing more", async () => {
    const e = fx.entries[1]!;
    const res = await call(sheetRoute.loader, get(`/judge/rounds/${fx.roundId}/entries/${e.id}`, judgeCookies[0]!), {
      roundId: fx.roundId,
      entryId: e.id,
    });
    expect(res.status).toBe(200);
    const sample = (res.data as { sample: Record<string, unknown> }).sample;
    const number = (await prisma.tastingNumber.findFirstOrThrow({ where: { entryId: e.id } })).number;
    expect(sample).toEqual({ status: "received", condition: "DAMAGED", tastingNumber: number });
    const waiting = await call(
      sheetRoute.loader,
      get(`/judge/rounds/${fx.roundId}/entries/${fx.entries[3]!.id}`, judgeCookies[0]!),
      { roundId: fx.roundId, entryId: fx.entries[3]!.id },
    );
    expect((waiting.data as { sample: Record<string, unknown> }).sample).toMatchObject({
      status: "awaiting",
      condition: null,
    });
  });

  test("the printable serving order lists every judge, by tasting number only", async () => {
    const res = (
      await call(tastingPdfRoute.loader, get(`${pagePath()}/tasting.pdf`, organiserCookie), { roundId: fx.roundId })
    ).response!;
    expect(res.status).toBe(200);
    const body = await text(res);
    for (const j of fx.judges) expect(body).toContain(j.name);
    for (const e of fx.entries) expect(body).not.toContain(e.code);
    expect(
      (await call(tastingPdfRoute.loader, get(`${pagePath()}/tasting.pdf`, hanoiCookie), { roundId: fx.roundId }))
        .response!.status,
    ).toBe(404);
  }, 60_000);

  test("a panel's plate labels carry the tasting numbers and the group, never the entry code or product (decision 046)", async () => {
    const numbers = await prisma.tastingNumber.findMany({ where: { roundId: fx.roundId, panelKey: "ALL" } });
    const res = (
      await call(labelsRoute.loader, get(`${pagePath()}/labels.pdf?panel=ALL`, organiserCookie), {
        roundId: fx.roundId,
      })
    ).response!;
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    const body = await text(res);
    expect(body).toContain("Số nếm");
    for (const n of numbers) expect(body).toContain(String(n.number));
    for (const e of fx.entries) {
      expect(body).not.toContain(e.code);
      expect(body).not.toContain(e.productName);
    }
    expect(body).toContain("Nhóm B");
    const page = (await call(pageRoute.loader, get(pagePath(), organiserCookie), { roundId: fx.roundId })).data as {
      tasting: { panels: Array<{ key: string; numbers: number }> };
    };
    expect(page.tasting.panels).toEqual([{ key: "ALL", name: null, numbers: 4 }]);
    expect(
      (
        await call(labelsRoute.loader, get(`${pagePath()}/labels.pdf?panel=nope`, organiserCookie), {
          roundId: fx.roundId,
        })
      ).response!.status,
    ).toBe(404);
    expect(
      (await call(labelsRoute.loader, get(`${pagePath()}/labels.pdf?panel=ALL`, hanoiCookie), { roundId: fx.roundId }))
        .response!.status,
    ).toBe(404);
    expect(
      (
        await call(labelsRoute.loader, get(`${pagePath()}/labels.pdf?panel=ALL`, judgeCookies[0]!), {
          roundId: fx.roundId,
        })
      ).response!.status,
    ).toBe(403);
    expect(
      (
        await call(
          labelsRoute.loader,
          get(`${pagePath()}/labels.pdf?panel=${encodeURIComponent("a b")}`, organiserCookie),
          { roundId: fx.roundId },
        )
      ).response!.status,
    ).toBe(400);
  }, 60_000);

  test("once a judge has a sheet, the numbers cannot be drawn again (409, numbers kept)", async () => {
    const before = await prisma.tastingNumber.findMany({ where: { roundId: fx.roundId }, orderBy: { id: "asc" } });
    const rubric = await prisma.rubric.findFirstOrThrow({ where: { roundId: fx.roundId } });
    await prisma.scoreSheet.create({
      data: {
        roundId: fx.roundId,
        entryId: fx.entries[0]!.id,
        juryMemberId: fx.judges[0]!.memberId,
        rubricId: rubric.id,
        scores: {},
      },
    });
    const out = await actPage(organiserCookie, { intent: "draw" });
    expect(out.status).toBe(409);
    expect((out.data as Reply).error).toBe("samples.tasting.error.scoring");
    expect(await prisma.tastingNumber.findMany({ where: { roundId: fx.roundId }, orderBy: { id: "asc" } })).toEqual(
      before,
    );
  });
});

describe("return or disposal", () => {
  test("refused while judging (409), recorded once results are compiled, then never twice", async () => {
    const e = fx.entries[0]!;
    const end = (over: Record<string, string> = {}) => ({
      intent: "end",
      action: "RETURNED",
      endedAt: toVnDateTimeInput(new Date()),
      note: "Biên bản số 12",
      ...over,
    });
    const early = await actRecord(organiserCookie, e.id, end());
    expect(early.status).toBe(409);
    expect((early.data as Reply).result?.error?.[""]).toBeTruthy();
    await prisma.round.update({ where: { id: fx.roundId }, data: { status: "RESULTS" } });
    const bad = await actRecord(organiserCookie, e.id, end({ action: "BURNED" }));
    expect(bad.status).toBe(400);
    expect((bad.data as Reply).result?.error?.action).toEqual(["samples.end.error.action"]);
    expect((await actRecord(judgeCookies[0]!, e.id, end())).status).toBe(403);
    const ok = await actRecord(organiserCookie, e.id, end());
    expect(ok.status).toBe(302);
    expect(await prisma.sampleReceipt.findUniqueOrThrow({ where: { entryId: e.id } })).toMatchObject({
      endAction: "RETURNED",
      endNote: "Biên bản số 12",
    });
    expect((await actRecord(organiserCookie, e.id, end({ action: "DISPOSED" }))).status).toBe(409);
    // A returned sample's receipt no longer changes.
    expect((await actRecord(organiserCookie, e.id, receipt({ units: "9" }))).status).toBe(409);
    const never = await actRecord(organiserCookie, fx.entries[3]!.id, end());
    expect(never.status).toBe(409);
    const producer = await call(producerEntryRoute.loader, get(`/producer/entries/${e.id}`, producerCookies[0]!), {
      entryId: e.id,
    });
    expect((producer.data as { sample: { status: string } }).sample.status).toBe("returned");
  });
});
