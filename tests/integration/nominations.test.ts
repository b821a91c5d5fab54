// Advancement up the tiers (liên thông, issue #5): a finalised Bắc Ninh provincial round with a
// recognition decision and certificates nominates into the open North regional round (quota 2
// for Bắc Ninh); the regional organiser sees and screens the nominations with the provincial
// dossier (same files, no re-upload); refusals for expired and revoked certificates, over
// quota, another region, twice, another province's organiser; regional → national; the
// nomination list export; a product's history across tiers.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { authFor, makeJudgingRound, type JudgingFixture } from "../support/judging-fixture";
import { exportJobIdOf, finishedExport, organiserExportThreshold } from "../support/export-job";
import { call, cookieFor, get, ORIGIN } from "../support/route-calls";
import type { Auth } from "~/modules/auth/auth.server";
import { validUntilFor } from "~/modules/certificates/validity";
import { getEntryForOrganiser, listRoundEntries, screenEntry } from "~/modules/entries/entries.server";
import {
  nominate,
  nominationCandidates,
  NominationRefusedError,
  orderHistory,
  productHistory,
} from "~/modules/nominations/nominations.server";
import { batchFitsQuota, nominationProblems } from "~/modules/nominations/rules";
import { copyRegionMembers } from "~/modules/rounds/rounds.server";
import * as exportRoute from "~/routes/admin.rounds_.$roundId_.nominations_.export";
import * as pageRoute from "~/routes/admin.rounds_.$roundId_.nominations";
import * as detailRoute from "~/routes/admin.rounds_.$roundId_.entries_.$entryId";
import * as downloadRoute from "~/routes/exports.$jobId_.download";
import * as fileRoute from "~/routes/files.$id";
import { firstRow, itemAt } from "~/utils/arrays";
import { prisma } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { translate } from "~/utils/i18n";
import { normalizeSearch } from "~/utils/text";
import { createGroups, PRODUCT_GROUPS } from "~/modules/rounds/groups";

const meta = { ip: "127.0.0.1" };
const DAY = 24 * 60 * 60 * 1000;

let fx: JudgingFixture;
let bnAuth: Auth;
let northAuth: Auth;
let nationAuth: Auth;
let hanoiAuth: Auth;
let bnCookie: string;
let northCookie: string;
let hanoiCookie: string;
let northRoundId: string;
let southRoundId: string;
let nationRoundId: string;
/** Certificates of the provincial round, by role in the story. */
const cert = { a: "", b: "", c: "", expired: "", revoked: "" };
const serialOf: Record<string, string> = {};

/** A POST with repeated fields (several ticked checkboxes). */
function postPairs(path: string, pairs: Array<[string, string]>, cookie: string) {
  const body = new FormData();
  for (const [k, v] of pairs) body.append(k, v);
  return new Request(`${ORIGIN}${path}`, { method: "POST", body, headers: { Cookie: cookie } });
}

async function refusalOf(promise: Promise<unknown>): Promise<NominationRefusedError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NominationRefusedError);
  return error as NominationRefusedError;
}

const messages = (e: NominationRefusedError) => e.refusals.map((r) => translate("vi", r.messageKey, r.params));

async function openRound(data: {
  name: string;
  level: "REGION" | "NATION";
  regionCode?: string;
  createdByEmail: string;
  quotas?: Record<string, number>;
}) {
  const creator = await prisma.user.findUniqueOrThrow({ where: { email: data.createdByEmail } });
  const region = data.regionCode ? await prisma.region.findUniqueOrThrow({ where: { code: data.regionCode } }) : null;
  const round = await prisma.round.create({
    data: {
      groups: createGroups(PRODUCT_GROUPS),
      name: data.name,
      level: data.level,
      regionId: region?.id ?? null,
      year: 2026,
      entriesOpenAt: new Date(Date.now() - 5 * DAY),
      entriesCloseAt: new Date(Date.now() + 20 * DAY),
      status: "OPEN",
      createdById: creator.id,
    },
  });
  // As createRound does: a regional round's own member list, copied from the current map.
  await copyRegionMembers(prisma, round.id, { level: data.level, regionId: region?.id ?? null });
  for (const [code, quota] of Object.entries(data.quotas ?? {})) {
    const p = await prisma.province.findUniqueOrThrow({ where: { code } });
    await prisma.roundQuota.create({ data: { roundId: round.id, provinceId: p.id, quota } });
  }
  return round.id;
}

beforeAll(async () => {
  await seed(prisma, { demo: true });
  fx = await makeJudgingRound({ groups: ["B", "B", "A", "C", "B"], judges: 1 });
  const bn = await prisma.province.findUniqueOrThrow({ where: { code: "BN" } });
  const north = await prisma.region.findUniqueOrThrow({ where: { code: "NORTH" } });
  const organiser = await prisma.user.findUniqueOrThrow({ where: { email: fx.organiserEmail } });
  await prisma.round.update({
    where: { id: fx.roundId },
    data: { status: "RESULTS", resultsFinalisedAt: new Date(), resultsFinalisedById: organiser.id },
  });

  const decision = await prisma.recognitionDecision.create({
    data: {
      roundId: fx.roundId,
      number: "44/QĐ-UBND",
      signedAt: new Date("2026-05-13T09:00:00+07:00"),
      authority: "Ủy ban nhân dân tỉnh Bắc Ninh",
      signerName: "Nguyễn Văn A",
      signerTitle: "Phó Chủ tịch",
      createdById: organiser.id,
    },
  });
  const roles = ["a", "b", "expired", "revoked", "c"] as const;
  for (const [i, e] of fx.entries.entries()) {
    const entry = await prisma.entry.findUniqueOrThrow({
      where: { id: e.id },
      select: { productId: true, establishmentId: true },
    });
    const role = itemAt(roles, i, "the certificates' roles");
    const issuedAt = role === "expired" ? new Date("2021-05-20T09:00:00+07:00") : new Date("2026-05-20T09:00:00+07:00");
    const serial = `GCN-BN-2026-${String(i + 1).padStart(4, "0")}`;
    const c = await prisma.certificate.create({
      data: {
        serial,
        code: `TESTCODE${i}${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
        decisionId: decision.id,
        roundId: fx.roundId,
        entryId: e.id,
        productId: entry.productId,
        establishmentId: entry.establishmentId,
        provinceId: bn.id,
        regionId: north.id,
        level: "PROVINCE",
        jurisdiction: "cấp tỉnh Bắc Ninh",
        year: 2026,
        productName: e.productName,
        productGroup: e.group,
        establishmentName: e.establishmentName,
        establishmentAddress: "Xã Lục Ngạn, tỉnh Bắc Ninh",
        searchText: normalizeSearch(`${e.productName} ${e.establishmentName} Bắc Ninh`),
        issuedAt,
        validUntil: validUntilFor(issuedAt),
        revokedAt: role === "revoked" ? new Date("2026-09-01T09:00:00+07:00") : null,
        revokedReason: role === "revoked" ? "Sản phẩm không còn đáp ứng tiêu chí" : null,
        revokedById: role === "revoked" ? organiser.id : null,
      },
    });
    cert[role] = c.id;
    serialOf[c.id] = serial;
  }

  northRoundId = await openRound({
    name: "Bình chọn sản phẩm CNNT tiêu biểu cấp khu vực phía Bắc năm 2026",
    level: "REGION",
    regionCode: "NORTH",
    createdByEmail: "organiser.mienbac@tieubieu.test",
    quotas: { BN: 2, HN: 5 },
  });
  southRoundId = await openRound({
    name: "Bình chọn sản phẩm CNNT tiêu biểu cấp khu vực phía Nam năm 2026",
    level: "REGION",
    regionCode: "SOUTH",
    createdByEmail: "admin@tieubieu.test",
  });
  nationRoundId = await openRound({
    name: "Bình chọn sản phẩm CNNT tiêu biểu cấp quốc gia năm 2026",
    level: "NATION",
    createdByEmail: "organiser.quocgia@tieubieu.test",
  });

  // A Hà Nội organiser: same region, another province.
  const hn = await prisma.province.findUniqueOrThrow({ where: { code: "HN" } });
  const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@tieubieu.test" } });
  const hnUser = await prisma.user.create({
    data: {
      email: "organiser.hanoi@example.vn",
      name: "Cán bộ Hà Nội",
      emailVerifiedAt: new Date(),
      passwordHash: admin.passwordHash,
    },
  });
  await prisma.roleAssignment.create({
    data: { userId: hnUser.id, role: "ORGANISER", level: "PROVINCE", provinceId: hn.id, grantedById: admin.id },
  });

  bnCookie = await cookieFor(fx.organiserEmail);
  northCookie = await cookieFor("organiser.mienbac@tieubieu.test");
  hanoiCookie = await cookieFor("organiser.hanoi@example.vn");
  bnAuth = await authFor(fx.organiserEmail);
  northAuth = await authFor("organiser.mienbac@tieubieu.test");
  nationAuth = await authFor("organiser.quocgia@tieubieu.test");
  hanoiAuth = await authFor("organiser.hanoi@example.vn");
});

const countIn = (roundId: string) => prisma.entry.count({ where: { roundId } });
const nominationAudits = () => prisma.auditLog.count({ where: { action: "nomination.create" } });

describe("pure rules", () => {
  test("a batch fits the quota only as a whole", () => {
    expect(batchFitsQuota(null, 40, 10)).toEqual({ fits: true, left: null });
    expect(batchFitsQuota(2, 0, 2)).toEqual({ fits: true, left: 2 });
    expect(batchFitsQuota(2, 0, 3)).toEqual({ fits: false, left: 2 });
    expect(batchFitsQuota(2, 3, 1)).toEqual({ fits: false, left: 0 });
  });

  test("a round taking only some groups refuses the others", () => {
    const input = {
      certificate: {
        level: "PROVINCE" as const,
        provinceId: "bn",
        regionId: "north",
        validUntil: "2029-12-31T16:59:59.999Z",
        revokedAt: null,
        group: "C",
      },
      target: {
        level: "REGION" as const,
        regionId: "north",
        status: "OPEN",
        entriesCloseAt: "2099-01-01",
        groups: [{ group: "A" }, { group: "B" }],
      },
      quota: null,
      used: 0,
      alreadyNominated: false,
    };
    expect(nominationProblems(input)).toEqual(["groupNotInRound"]);
    expect(
      nominationProblems({
        ...input,
        target: { ...input.target, groups: [{ group: "A" }, { group: "B" }, { group: "C" }, { group: "D" }] },
      }),
    ).toEqual([]);
  });

  test("history: oldest year first, lower tier first within a year", () => {
    const rows = [
      { round: { level: "NATION", year: 2025 } },
      { round: { level: "REGION", year: 2024 } },
      { round: { level: "PROVINCE", year: 2024 } },
      { round: { level: "PROVINCE", year: 2026 } },
    ];
    expect(orderHistory(rows).map((r) => `${r.round.year}-${r.round.level}`)).toEqual([
      "2024-PROVINCE",
      "2024-REGION",
      "2025-NATION",
      "2026-PROVINCE",
    ]);
  });
});

describe("nominating from the provincial round", () => {
  test("the candidates: own region's open round only, quota left, reasons per certificate", async () => {
    const c = await nominationCandidates(bnAuth, fx.roundId);
    expect(c.nextLevel).toBe("REGION");
    expect(c.targets.map((t) => t.id)).toEqual([northRoundId]);
    expect(firstRow(c.targets, "the nomination targets").quotas).toEqual([
      expect.objectContaining({ province: "Bắc Ninh", quota: 2, used: 0, left: 2 }),
    ]);
    expect(c.certificates).toHaveLength(5);
    const byId = new Map(c.certificates.map((x) => [x.id, x]));
    expect(firstRow(byId.get(cert.a)!.options, "the certificate's options").problems).toEqual([]);
    expect(byId.get(cert.expired)!.status).toBe("expired");
    const expired = firstRow(byId.get(cert.expired)!.options, "the certificate's options");
    expect(expired.problems).toEqual(["expired"]);
    const reason = firstRow(expired.reasons, "the expired certificate's reasons");
    expect(translate("vi", reason.messageKey, reason.params)).toBe(
      `Giấy chứng nhận ${serialOf[cert.expired]} đã hết hiệu lực ngày 31/12/2024, không thể đề cử.`,
    );
    expect(firstRow(byId.get(cert.revoked)!.options, "the certificate's options").problems).toEqual(["revoked"]);
    expect(c.nominated).toEqual([]);
  });

  test("an expired certificate is refused with a clear message, nothing written", async () => {
    const e = await refusalOf(nominate(bnAuth, fx.roundId, northRoundId, [cert.expired], meta));
    expect(e.status).toBe(409);
    expect(messages(e)).toEqual([
      `Giấy chứng nhận ${serialOf[cert.expired]} đã hết hiệu lực ngày 31/12/2024, không thể đề cử.`,
    ]);
    expect(await countIn(northRoundId)).toBe(0);
  });

  test("a revoked certificate is refused, and spoils the whole list", async () => {
    const e = await refusalOf(nominate(bnAuth, fx.roundId, northRoundId, [cert.a, cert.revoked], meta));
    expect(messages(e)).toEqual([
      `Giấy chứng nhận ${serialOf[cert.revoked]} đã bị thu hồi ngày 01/09/2026, không thể đề cử.`,
    ]);
    expect(await countIn(northRoundId)).toBe(0);
    expect(await nominationAudits()).toBe(0);
  });

  test("a round of another region is refused", async () => {
    const e = await refusalOf(nominate(bnAuth, fx.roundId, southRoundId, [cert.a], meta));
    expect(e.status).toBe(400);
    expect(e.refusals.map((r) => r.problem)).toEqual(["wrongRegion"]);
    expect(messages(e)[0]).toContain("Bắc Ninh không có trong danh sách tỉnh/thành phố tham gia đợt này");
    expect(await countIn(southRoundId)).toBe(0);
  });

  test("three nominations with two places left are refused as a whole, listing which", async () => {
    const e = await refusalOf(nominate(bnAuth, fx.roundId, northRoundId, [cert.a, cert.b, cert.c], meta));
    expect(e.refusals).toHaveLength(1);
    expect(firstRow(e.refusals, "the refusals").problem).toBe("overQuotaBatch");
    const text = messages(e)[0];
    expect(text).toContain("Tỉnh Bắc Ninh chỉ còn 2 suất");
    for (const id of [cert.a, cert.b, cert.c]) expect(text).toContain(serialOf[id]);
    expect(await countIn(northRoundId)).toBe(0);
    expect(await nominationAudits()).toBe(0);
  });

  test("another province's organiser is refused (403); an unknown round is a 404", async () => {
    await expect(nominationCandidates(hanoiAuth, fx.roundId)).rejects.toMatchObject({ status: 403 });
    await expect(nominate(hanoiAuth, fx.roundId, northRoundId, [cert.a], meta)).rejects.toMatchObject({ status: 403 });
    await expect(nominationCandidates(bnAuth, "c000000000000000000000000")).rejects.toMatchObject({ status: 404 });
    const page = await call(pageRoute.loader, get(`/admin/rounds/${fx.roundId}/nominations`, hanoiCookie), {
      roundId: fx.roundId,
    });
    expect(page.status).toBe(403);
    expect(await countIn(northRoundId)).toBe(0);
  });

  test("a round whose results are not finalised nominates nothing", async () => {
    const bn = await prisma.province.findUniqueOrThrow({ where: { code: "BN" } });
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@tieubieu.test" } });
    const round = await prisma.round.create({
      data: {
        groups: createGroups(PRODUCT_GROUPS),
        name: "Đợt chưa chốt",
        level: "PROVINCE",
        provinceId: bn.id,
        year: 2026,
        entriesOpenAt: new Date(Date.now() - 30 * DAY),
        entriesCloseAt: new Date(Date.now() - 20 * DAY),
        status: "RESULTS",
        createdById: admin.id,
      },
    });
    await expect(nominationCandidates(bnAuth, round.id)).rejects.toMatchObject({
      status: 409,
      messageKey: "nominations.error.notFinalised",
    });
  });

  test("the page's form: nothing ticked is a 400 that keeps the chosen round", async () => {
    const res = await call(
      pageRoute.action,
      postPairs(`/admin/rounds/${fx.roundId}/nominations`, [["targetRoundId", northRoundId]], bnCookie),
      { roundId: fx.roundId },
    );
    expect(res.status).toBe(400);
    const d = res.data as { result: { initialValue: Record<string, unknown>; error: Record<string, string[]> } };
    expect(d.result.initialValue.targetRoundId).toBe(northRoundId);
    expect(d.result.error.certificateIds).toEqual(["nominations.error.noneSelected"]);
  });

  test("the page's form answers a refusal with the reasons (409)", async () => {
    const res = await call(
      pageRoute.action,
      postPairs(
        `/admin/rounds/${fx.roundId}/nominations`,
        [
          ["targetRoundId", northRoundId],
          ["certificateIds", cert.a],
          ["certificateIds", cert.expired],
        ],
        bnCookie,
      ),
      { roundId: fx.roundId },
    );
    expect(res.status).toBe(409);
    const d = res.data as {
      refusals: Array<{ messageKey: Parameters<typeof translate>[1]; params: Record<string, string> }>;
    };
    expect(d.refusals.map((r) => translate("vi", r.messageKey, r.params))).toEqual([
      `Giấy chứng nhận ${serialOf[cert.expired]} đã hết hiệu lực ngày 31/12/2024, không thể đề cử.`,
    ]);
  });

  test("nominating two works: SUBMITTED entries with the same dossier, the certificate attached, audited", async () => {
    const mailsBefore = await prisma.mailMessage.count({ where: { to: "organiser.mienbac@tieubieu.test" } });
    const res = await call(
      pageRoute.action,
      postPairs(
        `/admin/rounds/${fx.roundId}/nominations`,
        [
          ["targetRoundId", northRoundId],
          ["certificateIds", cert.a],
          ["certificateIds", cert.b],
        ],
        bnCookie,
      ),
      { roundId: fx.roundId },
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/admin/rounds/${fx.roundId}/nominations?to=${northRoundId}`);

    const entries = await prisma.entry.findMany({
      where: { roundId: northRoundId },
      include: { versions: true, events: true, nominatedFrom: { select: { serial: true, entryId: true } } },
      orderBy: { createdAt: "asc" },
    });
    expect(entries).toHaveLength(2);
    expect(new Set(entries.map((e) => e.nominatedFromId))).toEqual(new Set([cert.a, cert.b]));
    for (const e of entries) {
      expect(e.status).toBe("SUBMITTED");
      expect(e.version).toBe(1);
      expect(e.receiptNumber).toMatch(/^TB2026-[0-9A-F]{8}$/);
      expect(e.entryCode).toBeNull();
      expect(e.submittedAt).not.toBeNull();
      const source = await prisma.entry.findUniqueOrThrow({
        where: { id: e.nominatedFrom!.entryId },
        include: { versions: true },
      });
      expect(e.productId).toBe(source.productId);
      expect(e.group).toBe(source.group);
      const sourceSnap = source.versions.find((v) => v.version === source.version)!.snapshot as {
        files: Array<{ id: string }>;
        product: { name: string };
      };
      expect(e.versions).toHaveLength(1);
      const snap = firstRow(e.versions, "the nominated entry's versions").snapshot as {
        files: Array<{ id: string }>;
        product: { name: string };
        nomination: {
          certificate: { serial: string; level: string; validUntil: string };
          decision: { number: string; authority: string; signer: string };
          fromRound: { id: string; level: string; year: number };
        };
      };
      expect(snap.files.map((f) => f.id)).toEqual(sourceSnap.files.map((f) => f.id));
      expect(snap.files.length).toBeGreaterThanOrEqual(4);
      expect(snap.product.name).toBe(sourceSnap.product.name);
      expect(snap.nomination.certificate.serial).toBe(e.nominatedFrom!.serial);
      expect(snap.nomination.certificate.level).toBe("PROVINCE");
      expect(snap.nomination.decision).toMatchObject({
        number: "44/QĐ-UBND",
        authority: "Ủy ban nhân dân tỉnh Bắc Ninh",
        signer: "Phó Chủ tịch Nguyễn Văn A",
      });
      expect(snap.nomination.fromRound).toMatchObject({ id: fx.roundId, level: "PROVINCE", year: 2026 });
      expect(e.events).toHaveLength(1);
      const event = firstRow(e.events, "the nominated entry's events");
      expect(event.toStatus).toBe("SUBMITTED");
      expect(event.reason).toBe(
        `Liên thông từ ${e.nominatedFrom!.serial}, cấp tỉnh Bắc Ninh 2026, QĐ 44/QĐ-UBND ngày 13/05/2026`,
      );
    }
    // No file was copied or uploaded again.
    const sourceFiles = await prisma.storedFile.count({
      where: { establishmentId: { in: entries.map((e) => e.establishmentId) } },
    });
    expect(sourceFiles).toBe(10); // 2 × (registration + 3 photos + food safety)

    const audits = await prisma.auditLog.findMany({ where: { action: "nomination.create" } });
    expect(audits).toHaveLength(2);
    expect(new Set(audits.map((a) => a.entityId))).toEqual(new Set(entries.map((e) => e.id)));
    expect(firstRow(audits, "the nomination audits").actorId).toBe(bnAuth.user.id);
    expect(await prisma.mailMessage.count({ where: { to: "organiser.mienbac@tieubieu.test" } })).toBe(mailsBefore + 1);

    const c = await nominationCandidates(bnAuth, fx.roundId);
    expect(firstRow(firstRow(c.targets, "the nomination targets").quotas, "the target's quotas")).toMatchObject({
      quota: 2,
      used: 2,
      left: 0,
    });
    expect(c.nominated.map((n) => n.certificateId).sort()).toEqual([cert.a, cert.b].sort());
    expect(c.nominated[0]).toMatchObject({ round: { id: northRoundId }, status: "SUBMITTED", by: "Nguyễn Thị Thu Hà" });
  });

  test("a third one is over quota; the same certificate twice is refused", async () => {
    const over = await refusalOf(nominate(bnAuth, fx.roundId, northRoundId, [cert.c], meta));
    expect(over.refusals.map((r) => r.problem)).toEqual(["overQuota"]);
    expect(messages(over)[0]).toContain("Tỉnh Bắc Ninh đã dùng hết 2 suất");
    const twice = await refusalOf(nominate(bnAuth, fx.roundId, northRoundId, [cert.a], meta));
    expect(twice.refusals.map((r) => r.problem)).toEqual(["alreadyNominated"]);
    expect(messages(twice)[0]).toContain(
      `${serialOf[cert.a]} đã được đề cử vào «Bình chọn sản phẩm CNNT tiêu biểu cấp khu vực phía Bắc năm 2026»`,
    );
    expect(await countIn(northRoundId)).toBe(2);
  });

  test("a provincial certificate cannot skip to the national round", async () => {
    const e = await refusalOf(nominate(bnAuth, fx.roundId, nationRoundId, [cert.c], meta));
    expect(e.status).toBe(400);
    expect(e.refusals.map((r) => r.problem)).toEqual(["wrongLevel"]);
    expect(await countIn(nationRoundId)).toBe(0);
  });

  test("the nomination list (danh sách trích ngang) exports as Excel and CSV", async () => {
    const xlsx = await call(
      exportRoute.loader,
      get(`/admin/rounds/${fx.roundId}/nominations/export?format=xlsx&to=${northRoundId}`, bnCookie),
      { roundId: fx.roundId },
    );
    expect(xlsx.status).toBe(200);
    expect(xlsx.response!.headers.get("Content-Type")).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.response!.arrayBuffer());
    const sheet = firstRow(wb.worksheets, "the workbook's sheets");
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      "STT",
      "Mã số",
      "Tên sản phẩm",
      "Nhóm",
      "Cơ sở",
      "Địa chỉ",
      "Số GCN",
      "Ngày cấp",
      "QĐ công nhận",
    ]);
    expect(sheet.rowCount).toBe(3);
    const rows = [2, 3].map((n) => (sheet.getRow(n).values as unknown[]).slice(1).map(String));
    expect(rows.map((r) => r[0])).toEqual(["1", "2"]);
    expect(rows.map((r) => r[6]).sort()).toEqual([serialOf[cert.a], serialOf[cert.b]].sort());
    // Numbers and dates people can compute with (#12 item 7).
    expect(sheet.getRow(2).getCell(1).type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getRow(2).getCell(8).type).toBe(ExcelJS.ValueType.Date);
    expect(sheet.getRow(2).getCell(8).numFmt).toBe("dd/mm/yyyy");
    expect((sheet.getRow(2).getCell(8).value as Date).toISOString()).toBe("2026-05-20T00:00:00.000Z");
    const first = firstRow(rows, "the exported rows");
    expect(first[8]).toBe("44/QĐ-UBND ngày 13/05/2026");
    expect(first[1]).toMatch(/^BN-2026-B-00\d$/);

    const csv = await call(
      exportRoute.loader,
      get(`/admin/rounds/${fx.roundId}/nominations/export?format=csv&to=${northRoundId}`, bnCookie),
      { roundId: fx.roundId },
    );
    const bytes = new Uint8Array(await csv.response!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith("STT,Mã số,Tên sản phẩm")).toBe(true);
    expect(text.trim().split("\r\n")).toHaveLength(3);
    expect(text.trim().split("\r\n")[1]).toMatch(/^1,BN-2026-B-00\d,.*,20\/05\/2026,/);
    expect(text).toContain(serialOf[cert.a]);
    expect(await prisma.auditLog.count({ where: { action: "nomination.export", entityId: fx.roundId } })).toBe(2);

    const hn = await call(
      exportRoute.loader,
      get(`/admin/rounds/${fx.roundId}/nominations/export?format=xlsx`, hanoiCookie),
      { roundId: fx.roundId },
    );
    expect(hn.status).toBe(403);
  });

  test("above the threshold, the nomination list is a job only its organiser follows, with the direct download's file", async () => {
    const url = `/admin/rounds/${fx.roundId}/nominations/export?format=csv&to=${northRoundId}`;
    const direct = await call(exportRoute.loader, get(url, bnCookie), { roundId: fx.roundId });
    const directCsv = await direct.response!.text();
    const threshold = organiserExportThreshold(1);
    try {
      const jobId = exportJobIdOf(await call(exportRoute.loader, get(url, bnCookie), { roundId: fx.roundId }));
      const audited = await prisma.auditLog.findMany({
        where: { action: "nomination.export", entityId: fx.roundId },
        select: { after: true },
      });
      expect(audited.filter((a) => (a.after as { jobId?: string } | null)?.jobId === jobId)).toHaveLength(1);
      const file = await finishedExport(jobId, bnCookie);
      expect(file.status).toBe(200);
      // The same file name (the job's download adds the RFC 5987 form, as every stored download does).
      const nameOf = (h: string | null) => /filename="([^"]+)"/.exec(h ?? "")?.[1];
      expect(nameOf(file.headers.get("Content-Disposition"))).toMatch(
        /^trich-ngang-2026-[a-z0-9]{6}-[a-z0-9]{6}\.csv$/,
      );
      expect(nameOf(file.headers.get("Content-Disposition"))).toBe(nameOf(direct.headers.get("Content-Disposition")));
      expect(await file.response!.text()).toBe(directCsv);
      expect((await call(downloadRoute.loader, get(`/exports/${jobId}/download`, northCookie), { jobId })).status).toBe(
        404,
      );
      expect((await call(exportRoute.loader, get(url, hanoiCookie), { roundId: fx.roundId })).status).toBe(403);
    } finally {
      threshold.restore();
    }
  });

  test("the page shows the certificates, the quota used and what was sent", async () => {
    const res = await call(pageRoute.loader, get(`/admin/rounds/${fx.roundId}/nominations`, bnCookie), {
      roundId: fx.roundId,
    });
    expect(res.status).toBe(200);
    const d = res.data as Awaited<ReturnType<typeof pageRoute.loader>>;
    expect(d.targetId).toBe(northRoundId);
    expect(d.certificates).toHaveLength(5);
    expect(d.nominated).toHaveLength(2);
    expect(
      firstRow(d.certificates.find((c) => c.id === cert.c)!.options, "the certificate's options").problems,
    ).toEqual(["overQuota"]);
  });
});

describe("the regional organiser screens the nominations", () => {
  test("lists them with where they came from and opens the provincial dossier's files", async () => {
    const list = await listRoundEntries(northAuth, northRoundId, { page: 1 });
    expect(list.total).toBe(2);
    const row = list.rows.find((r) => r.nominatedFrom?.serial === serialOf[cert.a])!;
    expect(row.status).toBe("SUBMITTED");
    expect(row.nominatedFrom).toMatchObject({
      jurisdiction: "cấp tỉnh Bắc Ninh",
      year: 2026,
      decision: { number: "44/QĐ-UBND" },
    });

    const { dossier, entry } = await getEntryForOrganiser(northAuth, row.id);
    expect(entry.nominatedFrom?.serial).toBe(serialOf[cert.a]);
    expect(dossier!.files.length).toBeGreaterThanOrEqual(4);
    for (const f of dossier!.files) {
      const res = await call(fileRoute.loader, get(`/files/${f.id}`, northCookie), { id: f.id });
      expect(res.status).toBe(200);
    }
    // Another region's organiser cannot open them.
    const southUser = await prisma.user.create({
      data: {
        email: "organiser.miennam@example.vn",
        name: "Cán bộ phía Nam",
        emailVerifiedAt: new Date(),
        passwordHash: (await prisma.user.findUniqueOrThrow({ where: { email: "admin@tieubieu.test" } })).passwordHash,
      },
    });
    const south = await prisma.region.findUniqueOrThrow({ where: { code: "SOUTH" } });
    await prisma.roleAssignment.create({
      data: { userId: southUser.id, role: "ORGANISER", level: "REGION", regionId: south.id },
    });
    const southCookie = await cookieFor("organiser.miennam@example.vn");
    const fileId = firstRow(dossier!.files, "the dossier's files").id;
    const denied = await call(fileRoute.loader, get(`/files/${fileId}`, southCookie), { id: fileId });
    expect(denied.status).toBe(403);

    const page = await call(detailRoute.loader, get(`/admin/rounds/${northRoundId}/entries/${row.id}`, northCookie), {
      roundId: northRoundId,
      entryId: row.id,
    });
    expect(page.status).toBe(200);
    const d = page.data as { entry: { nominatedFrom: { serial: string } | null }; files: Array<{ id: string }> };
    expect(d.entry.nominatedFrom?.serial).toBe(serialOf[cert.a]);
    expect(d.files.map((f) => f.id)).toEqual(dossier!.files.map((f) => f.id));
  });

  test("accepting gives a regional entry code", async () => {
    const rows = await prisma.entry.findMany({
      where: { roundId: northRoundId },
      include: { nominatedFrom: true },
      orderBy: { createdAt: "asc" },
    });
    const a = rows.find((r) => r.nominatedFromId === cert.a)!;
    const result = await screenEntry(northAuth, a.id, "accept", null, meta);
    expect(result.entryCode).toBe("MB-2026-B-001");
    // The provincial organiser cannot screen it.
    const b = rows.find((r) => r.nominatedFromId === cert.b)!;
    await expect(screenEntry(bnAuth, b.id, "accept", null, meta)).rejects.toMatchObject({ status: 403 });
    const c = await nominationCandidates(bnAuth, fx.roundId);
    expect(c.nominated.find((n) => n.certificateId === cert.a)).toMatchObject({
      status: "ACCEPTED",
      entryCode: "MB-2026-B-001",
    });
  });
});

describe("from the regional round to the national round", () => {
  let regionalRoundId: string;
  let regionalCert: string;
  let productId: string;

  beforeAll(async () => {
    // A finalised 2026 North regional round that recognised the product of certificate a.
    const bn = await prisma.province.findUniqueOrThrow({ where: { code: "BN" } });
    const north = await prisma.region.findUniqueOrThrow({ where: { code: "NORTH" } });
    const mienbac = await prisma.user.findUniqueOrThrow({ where: { email: "organiser.mienbac@tieubieu.test" } });
    const nominated = await prisma.entry.findFirstOrThrow({
      where: { roundId: northRoundId, nominatedFromId: cert.a },
      include: { versions: true },
    });
    productId = nominated.productId;
    const round = await prisma.round.create({
      data: {
        groups: createGroups(PRODUCT_GROUPS),
        name: "Bình chọn cấp khu vực phía Bắc (đã chốt)",
        level: "REGION",
        regionId: north.id,
        year: 2026,
        entriesOpenAt: new Date(Date.now() - 90 * DAY),
        entriesCloseAt: new Date(Date.now() - 60 * DAY),
        status: "PUBLISHED",
        resultsFinalisedAt: new Date(Date.now() - 10 * DAY),
        createdById: mienbac.id,
      },
    });
    regionalRoundId = round.id;
    const entry = await prisma.entry.create({
      data: {
        roundId: round.id,
        productId: nominated.productId,
        establishmentId: nominated.establishmentId,
        group: nominated.group,
        status: "ACCEPTED",
        entryCode: "MB-2026-B-007",
        searchText: nominated.searchText,
        version: 1,
        versions: {
          create: {
            version: 1,
            snapshot: firstRow(nominated.versions, "the nominated entry's versions").snapshot as object,
            createdById: mienbac.id,
          },
        },
      },
    });
    const decision = await prisma.recognitionDecision.create({
      data: {
        roundId: round.id,
        number: "1234/QĐ-BCT",
        signedAt: new Date("2026-10-01T09:00:00+07:00"),
        authority: "Bộ Công Thương",
        signerName: "Trần Văn B",
        signerTitle: "Thứ trưởng",
        createdById: mienbac.id,
      },
    });
    const issuedAt = new Date("2026-10-01T09:00:00+07:00");
    const c = await prisma.certificate.create({
      data: {
        serial: "GCN-MB-2026-0001",
        code: `TESTREGION${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
        decisionId: decision.id,
        roundId: round.id,
        entryId: entry.id,
        productId: nominated.productId,
        establishmentId: nominated.establishmentId,
        provinceId: bn.id,
        regionId: north.id,
        level: "REGION",
        jurisdiction: "cấp khu vực phía Bắc",
        year: 2026,
        productName: "Sản phẩm vùng",
        productGroup: nominated.group,
        establishmentName: "Cơ sở vùng",
        establishmentAddress: "Bắc Ninh",
        searchText: "san pham vung",
        issuedAt,
        validUntil: validUntilFor(issuedAt),
      },
    });
    regionalCert = c.id;
  });

  test("the national round accepts a regional certificate", async () => {
    await expect(nominationCandidates(bnAuth, regionalRoundId)).rejects.toMatchObject({ status: 403 });
    const c = await nominationCandidates(northAuth, regionalRoundId);
    expect(c.nextLevel).toBe("NATION");
    expect(c.targets.map((t) => t.id)).toEqual([nationRoundId]);
    expect(firstRow(firstRow(c.certificates, "the candidates").options, "the certificate's options").problems).toEqual(
      [],
    );

    const done = await nominate(northAuth, regionalRoundId, nationRoundId, [regionalCert], meta);
    expect(done.entries).toHaveLength(1);
    const entry = await prisma.entry.findUniqueOrThrow({
      where: { id: firstRow(done.entries, "the nominated entries").id },
      include: { versions: true },
    });
    expect(entry).toMatchObject({ roundId: nationRoundId, status: "SUBMITTED", nominatedFromId: regionalCert });
    const snap = firstRow(entry.versions, "the national entry's versions").snapshot as {
      nomination: { certificate: { serial: string; level: string }; fromRound: { level: string } };
    };
    expect(snap.nomination.certificate).toMatchObject({ serial: "GCN-MB-2026-0001", level: "REGION" });
    expect(snap.nomination.fromRound.level).toBe("REGION");

    // The national organiser sees it waiting for screening.
    const list = await listRoundEntries(nationAuth, nationRoundId, { page: 1, status: "SUBMITTED" });
    expect(list.rows.map((r) => r.id)).toEqual([entry.id]);
  });

  test("the product's history runs across tiers, oldest and lowest first", async () => {
    const rows = await productHistory(productId);
    expect(rows.map((r) => `${r.round.level}:${r.status}`)).toEqual([
      "PROVINCE:ACCEPTED",
      "REGION:ACCEPTED",
      "REGION:ACCEPTED",
      "NATION:SUBMITTED",
    ]);
    expect(itemAt(rows, 0, "the product's history").certificate).toMatchObject({
      serial: serialOf[cert.a],
      status: "valid",
    });
    expect(rows.find((r) => r.certificate?.serial === "GCN-MB-2026-0001")).toBeTruthy();
    expect(itemAt(rows, 3, "the product's history").nominatedFrom).toMatchObject({
      serial: "GCN-MB-2026-0001",
      level: "REGION",
    });
    // The public sees the certified steps, not dossiers waiting for screening.
    const pub = await productHistory(productId, { publicOnly: true });
    expect(pub.map((r) => r.certificate?.serial)).toEqual([serialOf[cert.a], "GCN-MB-2026-0001"]);
  });
});

test("a domain error, not a crash, for a certificate of another round", async () => {
  const other = await prisma.certificate.findFirstOrThrow({ where: { level: "REGION" } });
  await expect(nominate(bnAuth, fx.roundId, northRoundId, [other.id], meta)).rejects.toBeInstanceOf(DomainError);
  await expect(nominate(bnAuth, fx.roundId, northRoundId, [other.id], meta)).rejects.toMatchObject({
    status: 400,
    messageKey: "nominations.error.notInRound",
  });
});
