// Complaints about results through the real routes (issue #5): the organiser's complaint period,
// a producer lodging within it (and every refusal), the council's decision recorded by an
// organiser or the council secretary — a dismissal, an upheld complaint withdrawing recognition
// (the certificate is revoked), one changing the score — guarded against double decisions, with
// audit rows, mail, and what the producer then sees on their entry page.
import { beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { makeJudgingRound, type FixtureEntry, type JudgingFixture } from "../support/judging-fixture";
import { call, cookieFor, get, post } from "../support/route-calls";
import { validUntilFor } from "~/modules/certificates/validity";
import type { ComplaintStatus } from "~/modules/complaints/rules";
import { computeRoundResults } from "~/modules/judging/results.server";
import { readRegisterVersion } from "~/modules/register/version.server";
import * as adminRoute from "~/routes/admin.rounds_.$roundId_.complaints";
import * as lodgeRoute from "~/routes/producer_.entries.$entryId_.complaint";
import * as entryRoute from "~/routes/producer_.entries.$entryId";
import { toVnDateInput, toVnDateTimeInput } from "~/modules/rounds/round-fields";
import { firstRow, itemAt } from "~/utils/arrays";
import { prisma } from "~/utils/db.server";
import { normalizeSearch } from "~/utils/text";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

let fx: JudgingFixture;
let e1: FixtureEntry, e2: FixtureEntry, e3: FixtureEntry;
let organiser: string, secretary: string, otherOrganiser: string, regionOrganiser: string;
const producerCookies = new Map<string, string>(); // entry id → its producer's session cookie
let certificateId: string;
let finalisedAt: Date;

const entryAt = (i: number) => itemAt(fx.entries, i, "the round's entries");
const judgeAt = (i: number) => itemAt(fx.judges, i, "the round's judges");
const producer = (entry: FixtureEntry) => {
  const cookie = producerCookies.get(entry.id);
  if (!cookie) throw new Error(`no producer cookie for the entry ${entry.code}`);
  return cookie;
};

const lodgePage = (entry: FixtureEntry, cookie: string) =>
  call(lodgeRoute.loader, get(`/producer/entries/${entry.id}/complaint`, cookie), { entryId: entry.id });
const lodge = (entry: FixtureEntry, cookie: string, text: string) =>
  call(lodgeRoute.action, post(`/producer/entries/${entry.id}/complaint`, { text }, cookie), { entryId: entry.id });
const adminPage = (cookie: string, search = "") =>
  call(adminRoute.loader, get(`/admin/rounds/${fx.roundId}/complaints${search}`, cookie), { roundId: fx.roundId });
const adminAct = (cookie: string, fields: Record<string, string>) =>
  call(adminRoute.action, post(`/admin/rounds/${fx.roundId}/complaints`, fields, cookie), { roundId: fx.roundId });
const entryPage = (entry: FixtureEntry, cookie: string) =>
  call(entryRoute.loader, get(`/producer/entries/${entry.id}`, cookie), { entryId: entry.id });

type AdminData = Awaited<ReturnType<typeof adminRoute.loader>>;
type LodgeData = Awaited<ReturnType<typeof lodgeRoute.loader>>;
type Reply = { result?: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> }; form?: string };

const complaintOf = async (entry: FixtureEntry, status?: ComplaintStatus) =>
  prisma.complaint.findFirstOrThrow({
    where: { entryId: entry.id, ...(status ? { status } : {}) },
    orderBy: { createdAt: "desc" },
  });
const outcomeOf = (entry: FixtureEntry) => prisma.entryOutcome.findUniqueOrThrow({ where: { entryId: entry.id } });
const decide = (complaintId: string, fields: Record<string, string>) => ({
  intent: "decide",
  complaintId,
  decision: "Phiên họp Hội đồng bình chọn ngày hôm nay đã xem xét khiếu nại.",
  decisionNumber: "12/QĐ-HĐBC",
  decisionDate: toVnDateInput(new Date()),
  ...fields,
});
const TEXT = "Điểm tiêu chí 3 của sản phẩm bị cộng thiếu so với phiếu chấm; đề nghị Hội đồng xem xét lại.";

beforeAll(async () => {
  await seed(prisma, { demo: true });
  fx = await makeJudgingRound({ groups: ["B", "B", "A"], judges: 3 });
  [e1, e2, e3] = [entryAt(0), entryAt(1), entryAt(2)];
  const org = await prisma.user.findUniqueOrThrow({ where: { email: fx.organiserEmail } });
  finalisedAt = new Date(Date.now() - 2 * DAY);
  await prisma.round.update({
    where: { id: fx.roundId },
    data: { status: "RESULTS", passLine: 70, resultsFinalisedAt: finalisedAt, resultsFinalisedById: org.id },
  });
  // The frozen results: e1 recognised (with a certificate), e2 below the line, e3 passed but not recognised.
  for (const [entry, finalScore, recognised, rank] of [
    [e1, 82.5, true, 1],
    [e2, 65, false, 2],
    [e3, 75, false, 1],
  ] as const) {
    await prisma.entryOutcome.create({
      data: {
        roundId: fx.roundId,
        entryId: entry.id,
        recognised,
        finalScore,
        finalPassed: finalScore >= 70,
        finalRank: rank,
        finalSheets: 3,
        finalPass: 1,
        votedAt: finalisedAt,
      },
    });
  }
  const bn = await prisma.province.findUniqueOrThrow({ where: { code: "BN" } });
  const decision = await prisma.recognitionDecision.create({
    data: {
      roundId: fx.roundId,
      number: "44/QĐ-UBND",
      signedAt: finalisedAt,
      authority: "Ủy ban nhân dân tỉnh Bắc Ninh",
      signerName: "Nguyễn Văn A",
      signerTitle: "Phó Chủ tịch",
      createdById: org.id,
    },
  });
  const ent = await prisma.entry.findUniqueOrThrow({
    where: { id: e1.id },
    select: { productId: true, establishmentId: true },
  });
  const issuedAt = new Date(Date.now() - DAY);
  certificateId = (
    await prisma.certificate.create({
      data: {
        serial: `GCN-BN-2026-C${Math.random().toString(36).slice(2, 6).toUpperCase()}`,
        code: `CMPL${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
        decisionId: decision.id,
        roundId: fx.roundId,
        entryId: e1.id,
        productId: ent.productId,
        establishmentId: ent.establishmentId,
        provinceId: bn.id,
        level: "PROVINCE",
        jurisdiction: "cấp tỉnh Bắc Ninh",
        year: 2026,
        productName: e1.productName,
        productGroup: e1.group,
        establishmentName: e1.establishmentName,
        establishmentAddress: "Xã Lục Ngạn, tỉnh Bắc Ninh",
        searchText: normalizeSearch(`${e1.productName} ${e1.establishmentName}`),
        issuedAt,
        validUntil: validUntilFor(issuedAt),
      },
    })
  ).id;

  await prisma.juryMember.update({
    where: { id: judgeAt(1).memberId },
    data: { councilRole: "SECRETARY", isJudge: false },
  });
  const hn = await prisma.province.findUniqueOrThrow({ where: { code: "HN" } });
  const passwordHash = (await prisma.user.findUniqueOrThrow({ where: { email: "admin@tieubieu.test" } })).passwordHash;
  await prisma.user.create({
    data: {
      email: "organiser.hanoi.complaints@example.vn",
      name: "Cán bộ Hà Nội",
      passwordHash,
      emailVerifiedAt: new Date(),
      roles: { create: { role: "ORGANISER", level: "PROVINCE", provinceId: hn.id } },
    },
  });
  organiser = await cookieFor(fx.organiserEmail);
  secretary = await cookieFor(judgeAt(1).email);
  otherOrganiser = await cookieFor("organiser.hanoi.complaints@example.vn");
  regionOrganiser = await cookieFor("organiser.mienbac@tieubieu.test");
  for (const e of fx.entries) producerCookies.set(e.id, await cookieFor(e.ownerEmail));
});

describe("the complaint period", () => {
  test("without a period set, a producer cannot lodge, and the page says why", async () => {
    const page = await lodgePage(e1, producer(e1));
    expect(page.status).toBe(200);
    expect((page.data as LodgeData).state).toBe("noPeriod");
    const res = await lodge(e1, producer(e1), TEXT);
    expect(res.status).toBe(409);
    expect(JSON.stringify(res.data)).toContain("chưa công bố thời hạn khiếu nại");
    expect(await prisma.complaint.count({ where: { roundId: fx.roundId } })).toBe(0);
  });

  test("only the round's organisers set it: not the secretary, not another province's or a region's organiser", async () => {
    const until = toVnDateTimeInput(new Date(Date.now() + 5 * DAY));
    expect((await adminAct(secretary, { intent: "period", complaintsUntil: until })).status).toBe(403);
    expect([403, 404]).toContain((await adminAct(otherOrganiser, { intent: "period", complaintsUntil: until })).status);
    expect([403, 404]).toContain(
      (await adminAct(regionOrganiser, { intent: "period", complaintsUntil: until })).status,
    );
    expect((await prisma.round.findUniqueOrThrow({ where: { id: fx.roundId } })).complaintsUntil).toBeNull();
  });

  test("a period ending before finalisation is refused with the value kept", async () => {
    const early = toVnDateTimeInput(new Date(finalisedAt.getTime() - DAY));
    const res = await adminAct(organiser, { intent: "period", complaintsUntil: early });
    expect(res.status).toBe(400);
    const reply = res.data as Reply;
    expect(reply.form).toBe("period");
    expect(reply.result?.error?.complaintsUntil).toEqual(["complaints.period.error.beforeFinalised"]);
    expect(reply.result?.initialValue?.complaintsUntil).toBe(early);
  });

  test("the organiser sets it; the form suggests 10 days; audited", async () => {
    const before = (await adminPage(organiser)).data as AdminData;
    expect(before.asOrganiser).toBe(true);
    expect(before.round.complaintsUntil).toBeNull();
    expect(before.periodDefault).toMatch(/T23:59$/);
    const until = toVnDateTimeInput(new Date(Date.now() + 5 * DAY));
    const res = await adminAct(organiser, { intent: "period", complaintsUntil: until });
    expect(res.status).toBe(302);
    const round = await prisma.round.findUniqueOrThrow({ where: { id: fx.roundId } });
    expect(toVnDateTimeInput(round.complaintsUntil)).toBe(until);
    const log = await prisma.auditLog.findFirstOrThrow({
      where: { action: "complaints.period", entityId: fx.roundId },
    });
    expect(log.before).toEqual({ complaintsUntil: null });
    expect(new Date((log.after as { complaintsUntil: string }).complaintsUntil).getTime()).toBe(
      round.complaintsUntil!.getTime(),
    );
  });
});

describe("lodging", () => {
  test("another producer's entry looks like it does not exist", async () => {
    expect((await lodgePage(e1, producer(e2))).status).toBe(404);
    expect((await lodge(e1, producer(e2), TEXT)).status).toBe(404);
    const demo = await cookieFor("producer@tieubieu.test");
    expect((await lodge(e1, demo, TEXT)).status).toBe(404);
    expect(await prisma.complaint.count({ where: { entryId: e1.id } })).toBe(0);
  });

  test("a text under 20 characters is refused with the text kept", async () => {
    const res = await lodge(e1, producer(e1), "Điểm thấp quá");
    expect(res.status).toBe(400);
    const reply = res.data as Reply;
    expect(reply.result?.error?.text).toEqual(["complaints.text.tooShort"]);
    expect(reply.result?.initialValue?.text).toBe("Điểm thấp quá");
    expect(await prisma.complaint.count({ where: { entryId: e1.id } })).toBe(0);
  });

  test("the owner lodges within the period: recorded OPEN, audited, organisers and the producer mailed", async () => {
    const page = await lodgePage(e1, producer(e1));
    expect((page.data as LodgeData).state).toBe("open");
    expect((page.data as LodgeData).outcome).toEqual({ finalScore: 82.5, finalPassed: true, recognised: true });
    const res = await lodge(e1, producer(e1), `  ${TEXT}  `);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/producer/entries/${e1.id}`);
    const c = await complaintOf(e1);
    expect(c).toMatchObject({ status: "OPEN", text: TEXT, roundId: fx.roundId, decision: null });
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: "complaint.lodge", entityId: c.id } });
    expect(log.after).toMatchObject({ entryId: e1.id, code: e1.code, text: TEXT });
    const toOrganiser = await prisma.mailMessage.findFirst({
      where: { to: "organiser.bacninh@tieubieu.test", subject: { contains: e1.code } },
    });
    expect(toOrganiser?.text).toContain(TEXT);
    expect(toOrganiser?.text).toContain(`/admin/rounds/${fx.roundId}/complaints`);
    // Organisers of other jurisdictions are not told.
    expect(await prisma.mailMessage.count({ where: { to: "organiser.hanoi.complaints@example.vn" } })).toBe(0);
    const receipt = await prisma.mailMessage.findFirst({
      where: { to: e1.ownerEmail, subject: { contains: "Đã nhận khiếu nại" } },
    });
    expect(receipt?.text).toContain(e1.productName);
  });

  test("a second complaint while one is open is refused", async () => {
    expect(((await lodgePage(e1, producer(e1))).data as LodgeData).state).toBe("alreadyOpen");
    const res = await lodge(e1, producer(e1), `${TEXT} (lần hai)`);
    expect(res.status).toBe(409);
    expect(await prisma.complaint.count({ where: { entryId: e1.id } })).toBe(1);
  });

  test("the other producers lodge theirs", async () => {
    expect(
      (await lodge(e2, producer(e2), "Sản phẩm đạt chất lượng, đề nghị Hội đồng chấm lại tiêu chí 1 và 2.")).status,
    ).toBe(302);
    expect(
      (await lodge(e3, producer(e3), "Sản phẩm đạt ngưỡng điểm nhưng không được công nhận, đề nghị xem xét lại."))
        .status,
    ).toBe(302);
  });
});

describe("the complaints page", () => {
  test("organisers and the council secretary see the list; filters by status", async () => {
    const list = (await adminPage(organiser)).data as AdminData;
    expect(list.rows.map((r) => r.entry.entryCode).sort()).toEqual([e1.code, e2.code, e3.code].sort());
    expect(list.counts).toEqual({ OPEN: 3, UPHELD: 0, DISMISSED: 0 });
    const row = list.rows.find((r) => r.entry.id === e1.id)!;
    expect(row).toMatchObject({
      text: TEXT,
      status: "OPEN",
      entry: {
        product: { name: e1.productName },
        establishment: { name: e1.establishmentName },
        certificate: { revokedAt: null },
      },
    });
    const sec = await adminPage(secretary, "?status=OPEN");
    expect(sec.status).toBe(200);
    expect((sec.data as AdminData).asOrganiser).toBe(false);
    expect((sec.data as AdminData).rows).toHaveLength(3);
    expect(((await adminPage(organiser, "?status=DISMISSED")).data as AdminData).rows).toHaveLength(0);
  });

  test("another province's organiser and a judge who is not the secretary are kept out", async () => {
    expect([403, 404]).toContain((await adminPage(otherOrganiser)).status);
    expect([403, 404]).toContain((await adminPage(regionOrganiser)).status);
    expect((await adminPage(await cookieFor(judgeAt(0).email))).status).toBe(403);
    const c = await complaintOf(e2);
    expect([403, 404]).toContain((await adminAct(otherOrganiser, decide(c.id, { status: "DISMISSED" }))).status);
    expect((await complaintOf(e2)).status).toBe("OPEN");
  });
});

describe("the council's decision", () => {
  test("DISMISSED: the result stays; the producer is mailed; a second decision is refused", async () => {
    const c = await complaintOf(e2);
    const before = await outcomeOf(e2);
    const res = await adminAct(
      organiser,
      decide(c.id, { status: "DISMISSED", decision: "Hội đồng giữ nguyên kết quả: phiếu chấm được cộng đúng." }),
    );
    expect(res.status).toBe(302);
    const after = await complaintOf(e2);
    expect(after).toMatchObject({ status: "DISMISSED", newScore: null, newRecognised: null });
    expect(after.decision).toContain("Quyết định số 12/QĐ-HĐBC");
    expect(after.decision).toContain("Hội đồng giữ nguyên kết quả");
    expect(after.decidedAt).not.toBeNull();
    expect(await outcomeOf(e2)).toMatchObject({
      finalScore: before.finalScore,
      finalPassed: before.finalPassed,
      recognised: before.recognised,
    });
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: "complaint.decide", entityId: c.id } });
    expect(log.after).toMatchObject({ complaintId: c.id, status: "DISMISSED", change: null });
    const mail = await prisma.mailMessage.findFirst({
      where: { to: e2.ownerEmail, subject: { contains: "Quyết định về khiếu nại" } },
    });
    expect(mail?.text).toContain("Không chấp nhận");

    const again = await adminAct(organiser, decide(c.id, { status: "UPHELD", newScore: "80" }));
    expect(again.status).toBe(409);
    expect(await outcomeOf(e2)).toMatchObject({ finalScore: 65 });
  });

  test("a change that would leave a recognised product below the line is refused, with what was typed", async () => {
    const c = await complaintOf(e1);
    const res = await adminAct(
      organiser,
      decide(c.id, { status: "UPHELD", newScore: "65", decision: "Hội đồng chấm lại, điểm trung bình 65." }),
    );
    expect(res.status).toBe(400);
    const reply = res.data as Reply;
    expect(reply.form).toBe(`decide-${c.id}`);
    expect(reply.result?.error?.newScore).toEqual(["complaints.decide.error.recognisedNotPassed"]);
    expect(reply.result?.initialValue).toMatchObject({
      decision: "Hội đồng chấm lại, điểm trung bình 65.",
      newScore: "65",
      status: "UPHELD",
    });
    expect((await complaintOf(e1)).status).toBe("OPEN");
    expect(await outcomeOf(e1)).toMatchObject({ finalScore: 82.5, recognised: true });
  });

  test("UPHELD withdrawing recognition, by the council secretary: the outcome changes and the certificate is revoked, audited", async () => {
    const c = await complaintOf(e1);
    const version = await readRegisterVersion();
    const res = await adminAct(secretary, decide(c.id, { status: "UPHELD", newRecognised: "no" }));
    expect(res.status).toBe(302);
    // The public register changed (revocation, history): its version went up with the decision.
    expect(await readRegisterVersion()).toBeGreaterThan(version!);
    expect(await outcomeOf(e1)).toMatchObject({ recognised: false, finalScore: 82.5, finalPassed: true });
    expect(await complaintOf(e1)).toMatchObject({ status: "UPHELD", newRecognised: false, newScore: null });
    const cert = await prisma.certificate.findUniqueOrThrow({ where: { id: certificateId } });
    expect(cert.revokedAt).not.toBeNull();
    expect(cert.revokedReason).toBe(
      `Thu hồi theo quyết định giải quyết khiếu nại số 12/QĐ-HĐBC ngày ${toVnDateInput(new Date()).split("-").reverse().join("/")}`,
    );
    expect(cert.revokedById).toBe(judgeAt(1).userId);
    const decided = await prisma.auditLog.findFirstOrThrow({ where: { action: "complaint.decide", entityId: c.id } });
    expect(decided.actorId).toBe(judgeAt(1).userId);
    expect(decided.before).toMatchObject({
      complaintId: c.id,
      status: "OPEN",
      outcome: { finalScore: 82.5, finalPassed: true, recognised: true },
    });
    expect(decided.after).toMatchObject({
      complaintId: c.id,
      status: "UPHELD",
      outcome: { finalScore: 82.5, finalPassed: true, recognised: false },
    });
    const revoked = await prisma.auditLog.findFirstOrThrow({
      where: { action: "certificate.revoke", entityId: certificateId },
    });
    expect(revoked.before).toEqual({ revokedAt: null });
    expect(revoked.after).toMatchObject({ complaintId: c.id, revokedReason: cert.revokedReason, serial: cert.serial });
    const mail = await prisma.mailMessage.findFirst({
      where: { to: e1.ownerEmail, subject: { contains: "Quyết định về khiếu nại" } },
    });
    expect(mail?.text).toContain(cert.serial);
  });

  test("the council secretary cannot set the period even after deciding", async () => {
    const res = await adminAct(secretary, {
      intent: "period",
      complaintsUntil: toVnDateTimeInput(new Date(Date.now() + 9 * DAY)),
    });
    expect(res.status).toBe(403);
  });

  test("UPHELD with a new score: the final score and the pass flag follow", async () => {
    // e2's first complaint was dismissed, so a new one may be lodged.
    expect(
      (await lodge(e2, producer(e2), "Bổ sung chứng nhận an toàn thực phẩm, đề nghị Hội đồng xem xét lại.")).status,
    ).toBe(302);
    const c = await complaintOf(e2, "OPEN");
    const res = await adminAct(organiser, decide(c.id, { status: "UPHELD", newScore: "71,25" }));
    expect(res.status).toBe(302);
    expect(await outcomeOf(e2)).toMatchObject({ finalScore: 71.25, finalPassed: true, recognised: false });
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: "complaint.decide", entityId: c.id } });
    expect(log.before).toMatchObject({ outcome: { finalScore: 65, finalPassed: false } });
    expect(log.after).toMatchObject({
      change: { newScore: 71.25, newRecognised: null },
      outcome: { finalScore: 71.25, finalPassed: true },
    });
    // The results page shows the amended official score as such, not as sheets changed after finalisation.
    const { table } = await computeRoundResults(fx.roundId);
    const row = table.groups.flatMap((g) => g.rows).find((r) => r.entryId === e2.id)!;
    expect(row).toMatchObject({ mean: 71.25, frozen: true, amendedByComplaint: true, changedSinceFinal: false });
  });

  test("UPHELD recognising a product without a certificate: the organiser is pointed to the recognition page", async () => {
    const c = await complaintOf(e3, "OPEN");
    const version = await readRegisterVersion();
    const res = await adminAct(organiser, decide(c.id, { status: "UPHELD", newRecognised: "yes" }));
    expect(res.status).toBe(302);
    expect(await readRegisterVersion()).toBeGreaterThan(version!); // the product's public history
    expect(await outcomeOf(e3)).toMatchObject({ recognised: true });
    const list = (await adminPage(organiser)).data as AdminData;
    expect(list.toCertify.map((x) => x.entryId)).toEqual([e3.id]);
    expect(list.counts).toEqual({ OPEN: 0, UPHELD: 3, DISMISSED: 1 });
    expect(await prisma.certificate.count({ where: { entryId: e3.id } })).toBe(0);
  });

  test("the producer's entry page shows the official result and the decision", async () => {
    const page = await entryPage(e1, producer(e1));
    expect(page.status).toBe(200);
    const { result } = page.data as Awaited<ReturnType<typeof entryRoute.loader>>;
    expect(result).not.toBeNull();
    expect(result!.outcome).toEqual({ finalScore: 82.5, finalPassed: true, recognised: false });
    expect(result!.state).toBe("open");
    expect(result!.complaints).toHaveLength(1);
    const complaint = firstRow(result!.complaints, "the entry's complaints");
    expect(complaint).toMatchObject({ status: "UPHELD", text: TEXT });
    expect(complaint.decision).toContain("Phiên họp Hội đồng bình chọn");
    expect(result!.certificate?.revokedReason).toContain("Thu hồi theo quyết định giải quyết khiếu nại");
  });
});

describe("after the period", () => {
  test("lodging is refused once the period is over", async () => {
    const past = toVnDateTimeInput(new Date(Date.now() - HOUR));
    expect((await adminAct(organiser, { intent: "period", complaintsUntil: past })).status).toBe(302);
    expect(((await lodgePage(e3, producer(e3))).data as LodgeData).state).toBe("closed");
    const res = await lodge(e3, producer(e3), "Đề nghị Hội đồng xem xét lại điểm tiêu chí 4 của sản phẩm.");
    expect(res.status).toBe(409);
    expect(JSON.stringify(res.data)).toContain("Thời hạn khiếu nại đã kết thúc");
    expect(await prisma.complaint.count({ where: { entryId: e3.id } })).toBe(1);
  });
});
