// Prizes among the recognised products (issue #12 item 8, decision 029) through the real routes
// and services: the settings (organisers only, until judging ends, validated), the council's
// prize per recognised entry with its vote (quotas, majority, members present, only recognised
// entries, audited), the generated decision printing them, certificates carrying them, and the
// public register showing them (list filter "có giải", product page, verification page, API).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { pdfLines, texts } from "../support/pdf-lines";
import { authFor, makeJudgingRound, type FixtureEntry, type JudgingFixture } from "../support/judging-fixture";
import { call, cookieFor, get, post } from "../support/route-calls";
import type { Auth } from "~/modules/auth/auth.server";
import { issueCertificates, recordDecision } from "~/modules/certificates/certificates.server";
import { getPrizePage, recordPrize, updatePrizeSettings } from "~/modules/certificates/prizes.server";
import { storageNamed } from "~/modules/files/storage.server";
import { findCertificateByCode, getPublicProduct, listRegister } from "~/modules/register/register.server";
import * as pageRoute from "~/routes/admin.rounds_.$roundId_.prizes";
import * as apiRoute from "~/routes/api.products";
import * as listRoute from "~/routes/products._index";
import * as verifyRoute from "~/routes/verify.$code";
import { firstRow, itemAt } from "~/utils/arrays";
import { vnDay } from "~/utils/date-range";
import { prisma } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";

const meta = { ip: "127.0.0.1" };
let fx: JudgingFixture;
/** Recognised: a, b, c (7 members present). Passed but not recognised: d. */
let a: FixtureEntry, b: FixtureEntry, c: FixtureEntry, d: FixtureEntry;
let organiser: Auth;
let organiserCookie: string;
let hanoi: Auth;
let hanoiCookie: string;
let producerCookie: string;

async function errorOf(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const path = () => `/admin/rounds/${fx.roundId}/prizes`;
const act = (cookie: string, fields: Record<string, string>) =>
  call(pageRoute.action, post(path(), fields, cookie), { roundId: fx.roundId });
const load = (cookie: string) => call(pageRoute.loader, get(path(), cookie), { roundId: fx.roundId });
const settings = (over: Record<string, string> = {}) => ({
  intent: "settings",
  awardsPrizes: "on",
  quotaA: "1",
  quotaB: "1",
  quotaC: "0",
  quotaENCOURAGEMENT: "2",
  ...over,
});
type Reply = { form?: string; result?: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> } };
const vote = (votesFor: number, votesAgainst = 0, votesAbstain = 0) => ({ votesFor, votesAgainst, votesAbstain });

beforeAll(async () => {
  await seed(prisma, { demo: true });
  fx = await makeJudgingRound({ groups: ["B", "B", "A", "C"], judges: 1 });
  const entry = (i: number) => itemAt(fx.entries, i, "the round's entries");
  [a, b, c, d] = [entry(0), entry(1), entry(2), entry(3)];
  organiser = await authFor(fx.organiserEmail);
  organiserCookie = await cookieFor(fx.organiserEmail);
  producerCookie = await cookieFor("producer@tieubieu.test");
  const hn = await prisma.province.findUniqueOrThrow({ where: { code: "HN" } });
  const passwordHash = (await prisma.user.findUniqueOrThrow({ where: { email: "admin@tieubieu.test" } })).passwordHash;
  const email = `organiser.hanoi.prizes.${fx.roundId}@example.vn`;
  await prisma.user.create({
    data: {
      email,
      name: "Cán bộ Hà Nội",
      passwordHash,
      emailVerifiedAt: new Date(),
      roles: { create: { role: "ORGANISER", level: "PROVINCE", provinceId: hn.id } },
    },
  });
  hanoi = await authFor(email);
  hanoiCookie = await cookieFor(email);
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe("prize settings", () => {
  test("an organiser sets the quotas while judging; the change is audited", async () => {
    const out = await act(organiserCookie, settings());
    expect(out.status).toBe(302);
    const round = await prisma.round.findUniqueOrThrow({ where: { id: fx.roundId } });
    expect(round).toMatchObject({
      awardsPrizes: true,
      prizeQuotaA: 1,
      prizeQuotaB: 1,
      prizeQuotaC: 0,
      prizeQuotaEncouragement: 2,
    });
    const log = await prisma.auditLog.findFirst({
      where: { action: "round.prizes", entityId: fx.roundId },
      orderBy: { createdAt: "desc" },
    });
    expect(log?.actorId).toBe(organiser.user.id);
    const page = (await load(organiserCookie)).data as Awaited<ReturnType<typeof getPrizePage>>;
    expect(page.settingsEditable).toBe(true);
    expect(page.canAward).toBe(false); // not finalised yet
  });

  test("invalid settings are refused with Vietnamese messages, the typed values kept", async () => {
    const none = await act(organiserCookie, settings({ quotaA: "0", quotaB: "0", quotaENCOURAGEMENT: "0" }));
    expect(none.status).toBe(400);
    expect((none.data as Reply).result?.error?.awardsPrizes).toEqual(["prizes.settings.error.none"]);
    const negative = await act(organiserCookie, settings({ quotaB: "-1" }));
    expect(negative.status).toBe(400);
    expect((negative.data as Reply).result?.error?.quotaB).toEqual(["prizes.settings.error.quota"]);
    expect((negative.data as Reply).result?.initialValue?.quotaA).toBe("1");
    // The service refuses the same without the form.
    const e = await errorOf(
      updatePrizeSettings(
        organiser,
        fx.roundId,
        { awardsPrizes: true, quotas: { A: 0, B: 0, C: 0, ENCOURAGEMENT: 0 } },
        meta,
      ),
    );
    expect(e.messageKey).toBe("prizes.settings.error.none");
    expect(await prisma.round.findUniqueOrThrow({ where: { id: fx.roundId }, select: { prizeQuotaB: true } })).toEqual({
      prizeQuotaB: 1,
    });
  });

  test("only the round's organisers: another province's organiser gets 404, a producer 403", async () => {
    expect((await load(hanoiCookie)).status).toBe(404);
    expect((await act(hanoiCookie, settings({ quotaA: "5" }))).status).toBe(404);
    expect((await act(producerCookie, settings({ quotaA: "5" }))).status).toBe(403);
    expect((await prisma.round.findUniqueOrThrow({ where: { id: fx.roundId } })).prizeQuotaA).toBe(1);
  });

  test("once the round has results the settings are fixed (409)", async () => {
    await prisma.round.update({ where: { id: fx.roundId }, data: { status: "RESULTS" } });
    const e = await errorOf(
      updatePrizeSettings(
        organiser,
        fx.roundId,
        { awardsPrizes: true, quotas: { A: 3, B: 1, C: 0, ENCOURAGEMENT: 2 } },
        meta,
      ),
    );
    expect(e.status).toBe(409);
    expect(e.messageKey).toBe("prizes.settings.error.locked");
    const page = (await load(organiserCookie)).data as Awaited<ReturnType<typeof getPrizePage>>;
    expect(page.settingsEditable).toBe(false);
    expect((await prisma.round.findUniqueOrThrow({ where: { id: fx.roundId } })).prizeQuotaA).toBe(1);
  });
});

describe("awarding prizes", () => {
  beforeAll(async () => {
    const user = await prisma.user.findUniqueOrThrow({ where: { email: fx.organiserEmail } });
    await prisma.round.update({
      where: { id: fx.roundId },
      data: { resultsFinalisedAt: new Date(Date.now() - 60_000), resultsFinalisedById: user.id },
    });
    for (const [i, e] of fx.entries.entries()) {
      await prisma.entryOutcome.upsert({
        where: { entryId: e.id },
        create: {
          roundId: fx.roundId,
          entryId: e.id,
          recognised: i < 3,
          finalScore: 90 - i * 5,
          finalPassed: true,
          membersPresent: 7,
          membersTotal: 9,
          votesFor: 6,
          votesAgainst: 1,
          votesAbstain: 0,
        },
        update: { recognised: i < 3, membersPresent: 7 },
      });
    }
  });

  test("a recognised entry gets a prize with the council's vote, audited", async () => {
    const out = await act(organiserCookie, {
      intent: "award",
      entryId: a.id,
      prize: "A",
      votesFor: "6",
      votesAgainst: "1",
      votesAbstain: "0",
    });
    expect(out.status).toBe(302);
    const o = await prisma.entryOutcome.findUniqueOrThrow({ where: { entryId: a.id } });
    expect(o).toMatchObject({
      prize: "A",
      prizeVotesFor: 6,
      prizeVotesAgainst: 1,
      prizeVotesAbstain: 0,
      prizeVotedById: organiser.user.id,
    });
    const log = await prisma.auditLog.findFirst({ where: { action: "prize.award", entityId: a.id } });
    expect(log?.after).toMatchObject({ prize: "A", votesFor: 6, membersPresent: 7, roundId: fx.roundId });
  });

  test("quotas are enforced on the server with a clear Vietnamese message", async () => {
    const e = await errorOf(recordPrize(organiser, fx.roundId, { entryId: b.id, prize: "A", ...vote(5) }, meta));
    expect(e.status).toBe(409);
    expect(e.messageKey).toBe("prizes.error.quotaFull");
    const out = await act(organiserCookie, {
      intent: "award",
      entryId: b.id,
      prize: "A",
      votesFor: "5",
      votesAgainst: "0",
      votesAbstain: "0",
    });
    expect(out.status).toBe(409);
    expect((out.data as Reply).result?.error?.prize).toEqual([
      "Đã trao đủ 1 Giải A; bỏ giải của một sản phẩm khác trước khi trao thêm.",
    ]);
    expect((out.data as Reply).result?.initialValue?.votesFor).toBe("5");
    // A tier the round does not offer.
    const none = await errorOf(recordPrize(organiser, fx.roundId, { entryId: b.id, prize: "C", ...vote(5) }, meta));
    expect(none.messageKey).toBe("prizes.error.tierNotOffered");
    expect((await prisma.entryOutcome.findUniqueOrThrow({ where: { entryId: b.id } })).prize).toBeNull();
  });

  test("the vote needs a majority of the members present and no more votes than them", async () => {
    expect(
      (await errorOf(recordPrize(organiser, fx.roundId, { entryId: b.id, prize: "B", ...vote(3, 2, 2) }, meta)))
        .messageKey,
    ).toBe("prizes.vote.error.noMajority");
    expect(
      (await errorOf(recordPrize(organiser, fx.roundId, { entryId: b.id, prize: "B", ...vote(6, 2, 0) }, meta)))
        .messageKey,
    ).toBe("prizes.vote.error.overPresent");
    const missing = await act(organiserCookie, {
      intent: "award",
      entryId: b.id,
      prize: "B",
      votesFor: "",
      votesAgainst: "0",
      votesAbstain: "0",
    });
    expect(missing.status).toBe(400);
    expect((missing.data as Reply).result?.error?.votesFor).toEqual(["prizes.vote.error.required"]);
  });

  test("only recognised entries, only the round's organisers", async () => {
    const e = await errorOf(recordPrize(organiser, fx.roundId, { entryId: d.id, prize: "B", ...vote(6) }, meta));
    expect(e.status).toBe(409);
    expect(e.messageKey).toBe("prizes.error.notRecognised");
    expect(
      (await errorOf(recordPrize(hanoi, fx.roundId, { entryId: b.id, prize: "B", ...vote(6) }, meta))).status,
    ).toBe(404);
    expect(
      (
        await act(hanoiCookie, {
          intent: "award",
          entryId: b.id,
          prize: "B",
          votesFor: "6",
          votesAgainst: "0",
          votesAbstain: "0",
        })
      ).status,
    ).toBe(404);
    expect((await prisma.entryOutcome.findUniqueOrThrow({ where: { entryId: d.id } })).prize).toBeNull();
  });

  test("a prize can be removed (audited) and the place given to another entry", async () => {
    await recordPrize(organiser, fx.roundId, { entryId: b.id, prize: "ENCOURAGEMENT", ...vote(5, 1, 1) }, meta);
    const cleared = await act(organiserCookie, { intent: "award", entryId: b.id, prize: "NONE" });
    expect(cleared.status).toBe(302);
    expect((await prisma.entryOutcome.findUniqueOrThrow({ where: { entryId: b.id } })).prize).toBeNull();
    expect(await prisma.auditLog.count({ where: { action: "prize.clear", entityId: b.id } })).toBe(1);
    await recordPrize(organiser, fx.roundId, { entryId: b.id, prize: "B", ...vote(7) }, meta);
    await recordPrize(organiser, fx.roundId, { entryId: c.id, prize: "ENCOURAGEMENT", ...vote(4, 3) }, meta);
    const page = await getPrizePage(organiser, fx.roundId);
    expect(page.awarded).toEqual({ A: 1, B: 1, C: 0, ENCOURAGEMENT: 1 });
  });
});

describe("the decision, the certificates and the register", () => {
  let decisionId: string;

  test("the generated decision names the prizes in an article and a column, and follows a later change", async () => {
    const done = await recordDecision(
      organiser,
      fx.roundId,
      {
        number: "45/QĐ-UBND",
        signedAt: vnDay(new Date()),
        authority: "Ủy ban nhân dân tỉnh Bắc Ninh",
        signerName: "Nguyễn Văn Hùng",
        signerTitle: "Phó Chủ tịch",
        documentSource: "GENERATED",
      },
      meta,
    );
    decisionId = done.id;
    const read = async () => {
      const dec = await prisma.recognitionDecision.findUniqueOrThrow({ where: { id: decisionId } });
      const bytes = await storageNamed(dec.documentStorage!).get(dec.documentKey!);
      return texts((await pdfLines(bytes!)).flat()).join("\n");
    };
    let text = await read();
    expect(text).toContain("Điều 2.");
    expect(text).toMatch(/Tặng giải cho 03 sản phẩm tại Điều 1/);
    expect(text).toMatch(/01 giải A, 01 giải B, 01 giải khuyến\s+khích/);
    expect(text).toContain("Điều 4.");
    expect(text).toContain("Khuyến khích");

    // The encouragement prize goes; the generated decision is drawn again before issue.
    await recordPrize(organiser, fx.roundId, { entryId: c.id, prize: null, ...vote(0) }, meta);
    text = await read();
    expect(text).toMatch(/Tặng giải cho 02 sản phẩm tại Điều 1/);
    expect(text).not.toContain("Khuyến khích");
    expect(
      await prisma.auditLog.count({ where: { action: "decision.document", entityId: decisionId } }),
    ).toBeGreaterThanOrEqual(2);
  });

  test("certificates carry their prize; after issue prizes are locked", async () => {
    await issueCertificates(organiser, fx.roundId, meta);
    const certs = await prisma.certificate.findMany({
      where: { roundId: fx.roundId },
      select: { entryId: true, prize: true },
    });
    expect(new Map(certs.map((x) => [x.entryId, x.prize]))).toEqual(
      new Map([
        [a.id, "A"],
        [b.id, "B"],
        [c.id, null],
      ]),
    );
    const e = await errorOf(
      recordPrize(organiser, fx.roundId, { entryId: c.id, prize: "ENCOURAGEMENT", ...vote(6) }, meta),
    );
    expect(e.status).toBe(409);
    expect(e.messageKey).toBe("prizes.error.locked");
    expect((await getPrizePage(organiser, fx.roundId)).canAward).toBe(false);
  });

  test("the register filters by prize and shows it on the product and verification pages", async () => {
    const certA = await prisma.certificate.findFirstOrThrow({ where: { entryId: a.id } });
    const certB = await prisma.certificate.findFirstOrThrow({ where: { entryId: b.id } });
    const certC = await prisma.certificate.findFirstOrThrow({ where: { entryId: c.id } });
    const withPrize = await listRegister({ prize: "any", sort: "newest", page: 1, q: certA.serial }, { pageSize: 100 });
    expect(withPrize.rows.map((r) => r.serial)).toEqual([certA.serial]);
    expect(firstRow(withPrize.rows, "the register's rows with a prize").prize).toBe("A");
    const tierB = await listRegister({ prize: "b", sort: "newest", page: 1 }, { pageSize: 100 });
    expect(tierB.rows.every((r) => r.prize === "B")).toBe(true);
    expect(tierB.rows.map((r) => r.serial)).toContain(certB.serial);
    expect(
      (await listRegister({ prize: "any", sort: "newest", page: 1, q: certC.serial }, { pageSize: 100 })).rows,
    ).toEqual([]);
    expect((await listRegister({ sort: "newest", page: 1, q: certC.serial }, { pageSize: 100 })).rows).toHaveLength(1);

    const page = await call(listRoute.loader, get(`/products?prize=any&q=${certA.serial}`));
    expect(page.status).toBe(200);
    expect((page.data as { rows: Array<{ prize: string | null }> }).rows.map((r) => r.prize)).toEqual(["A"]);
    const api = await call(apiRoute.loader, get(`/api/products?prize=any&q=${certB.serial}`));
    const body = (await api.response!.json()) as { data: Array<{ prize: string | null }> };
    expect(body.data.map((i) => i.prize)).toEqual(["B"]);

    const cert = await prisma.certificate.findFirstOrThrow({ where: { entryId: a.id } });
    const product = await getPublicProduct(cert.productId);
    expect(product?.certificates.find((x) => x.serial === cert.serial)?.prize).toBe("A");
    expect((await findCertificateByCode(cert.code))?.prize).toBe("A");
    const html = await call(
      verifyRoute.loader,
      new Request(`http://localhost/verify/${cert.code}`, { headers: { Accept: "text/html" } }),
      { code: cert.code },
    );
    const markup = await html.response!.text();
    expect(markup).toContain("Giải thưởng");
    expect(markup).toContain("Giải A");
  });
});
