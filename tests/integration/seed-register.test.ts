// The demo register (prisma/demo-register.ts): past rounds with decisions and certificates in the
// provinces of their time, the chain of nominations province → region → nation, a few expired
// certificates and one revoked, and an open regional round taking nominations.
import { beforeAll, describe, expect, test } from "vitest";
import { DEMO_OPEN_REGION_ROUND } from "../../prisma/demo-register";
import { seed } from "../../prisma/seed";
import { pdfLines, texts } from "../support/pdf-lines";
import { call, get } from "../support/route-calls";
import { certificateStatus } from "~/modules/certificates/validity";
import * as decisionRoute from "~/routes/decisions.$decisionId[.pdf]";
import { prisma } from "~/utils/db.server";

const NOW = new Date("2026-11-22T12:00:00+07:00");

beforeAll(async () => {
  const first = await seed(prisma, { demo: true, demoRound: true });
  expect(first.demoCertificates).toBe(11);
});

describe("the demo register", () => {
  test("has valid, expired and revoked certificates, each with its decision", async () => {
    const certs = await prisma.certificate.findMany({ include: { decision: true, province: true } });
    const byStatus = (s: string) =>
      certs
        .filter((c) => certificateStatus(c, NOW) === s)
        .map((c) => c.serial)
        .sort();
    expect(byStatus("expired")).toEqual(["GCN-BG-2020-0001", "GCN-BG-2020-0002"]);
    expect(byStatus("revoked")).toEqual(["GCN-BG-2024-0004"]);
    expect(byStatus("valid")).toHaveLength(8);
    const chu2024 = certs.find((c) => c.serial === "GCN-BG-2024-0001")!;
    expect(chu2024).toMatchObject({
      productName: "Mỳ gạo Chũ",
      jurisdiction: "cấp tỉnh Bắc Giang",
      decision: { number: "44/QĐ-UBND" },
    });
    expect(chu2024.validUntil.toISOString()).toBe("2027-12-31T16:59:59.999Z");
    // issued before the merger, in the former province; its successor is today's Bắc Ninh
    expect(chu2024.province?.code).toBe("F-BG");
    expect(certs.every((c) => /^[0-9A-HJKMNP-TV-Z]{10}$/.test(c.code))).toBe(true);
    // every decision carries its generated document, served publicly once certificates exist
    const decisions = await prisma.recognitionDecision.findMany();
    expect(decisions).toHaveLength(5);
    expect(decisions.every((d) => d.documentSource === "GENERATED" && d.documentKey && d.documentSha256)).toBe(true);
    const doc = await call(decisionRoute.loader, get(`/decisions/${chu2024.decisionId}.pdf`), {
      decisionId: chu2024.decisionId,
    });
    expect(doc.status).toBe(200);
    expect(doc.response?.headers.get("Content-Type")).toContain("application/pdf");
  });

  test("the Bắc Giang 2024 round awarded prizes, on its certificates and in the register (decision 029)", async () => {
    const round = await prisma.round.findFirstOrThrow({
      where: { name: "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Giang năm 2024" },
    });
    expect(round).toMatchObject({ awardsPrizes: true, prizeQuotaA: 1, prizeQuotaB: 1, prizeQuotaEncouragement: 2 });
    const prized = await prisma.certificate.findMany({
      where: { prize: { not: null } },
      select: { serial: true, prize: true },
      orderBy: { serial: "asc" },
    });
    expect(prized).toEqual([
      { serial: "GCN-BG-2024-0001", prize: "A" },
      { serial: "GCN-BG-2024-0002", prize: "B" },
      { serial: "GCN-BG-2024-0003", prize: "ENCOURAGEMENT" },
    ]);
    const outcomes = await prisma.entryOutcome.findMany({ where: { roundId: round.id, prize: { not: null } } });
    expect(outcomes.every((o) => o.recognised && o.prizeVotesFor === 8 && o.membersPresent === 9)).toBe(true);
  });

  test("Mỳ gạo Chũ went up the tiers: the national entry came with the regional certificate, which came with the provincial one", async () => {
    const national = await prisma.certificate.findFirstOrThrow({
      where: { serial: "GCN-QG-2025-0001" },
      include: { entry: { include: { nominatedFrom: { include: { entry: { include: { nominatedFrom: true } } } } } } },
    });
    expect(national.productName).toBe("Mỳ gạo Chũ");
    expect(national.entry.nominatedFrom?.serial).toBe("GCN-MB-2024-0001");
    expect(national.entry.nominatedFrom?.entry.nominatedFrom?.serial).toBe("GCN-BG-2024-0001");
    expect(await prisma.entryVersion.count({ where: { entryId: national.entryId } })).toBe(1);
  });

  test("certified products show a public photo; the open regional round has Bắc Ninh's quota", async () => {
    const certified = await prisma.product.findMany({
      where: { certificates: { some: {} } },
      include: { files: { where: { isPublic: true } } },
    });
    expect(certified.length).toBe(8);
    expect(certified.every((p) => p.files.length === 1)).toBe(true);
    const open = await prisma.round.findFirstOrThrow({
      where: { name: DEMO_OPEN_REGION_ROUND },
      include: { quotas: { include: { province: true } } },
    });
    expect(open).toMatchObject({ status: "OPEN", level: "REGION" });
    expect(open.quotas.find((q) => q.province.code === "BN")?.quota).toBe(3);
  });

  test("certificates print the address as issued: before 1/7/2025 commune, district and former province (#12 item 5)", async () => {
    const address = async (serial: string) =>
      (await prisma.certificate.findUniqueOrThrow({ where: { serial }, select: { establishmentAddress: true } }))
        .establishmentAddress;
    expect(await address("GCN-BG-2020-0001")).toBe("Xã Đồng Tâm, huyện Yên Thế, tỉnh Bắc Giang");
    expect(await address("GCN-BG-2024-0001")).toBe("Thị trấn Chũ, huyện Lục Ngạn, tỉnh Bắc Giang");
    expect(await address("GCN-BN-2024-0001")).toBe("Phường Song Hồ, thị xã Thuận Thành, tỉnh Bắc Ninh");
    expect(await address("GCN-MB-2024-0001")).toBe("Thị trấn Chũ, huyện Lục Ngạn, tỉnh Bắc Giang");
    // Issued after the reorganisation: today's commune, no district, today's province.
    expect(await address("GCN-QG-2025-0001")).toBe("Phường Chũ, tỉnh Bắc Ninh");
    // The frozen dossier of the 2020 entry holds the units of the time; the live establishment has moved on.
    const cert = await prisma.certificate.findUniqueOrThrow({
      where: { serial: "GCN-BG-2020-0001" },
      select: { entryId: true, establishment: { select: { commune: true } } },
    });
    const version = await prisma.entryVersion.findFirstOrThrow({ where: { entryId: cert.entryId } });
    expect(
      (version.snapshot as { establishment: { district: string; province: { code: string } } }).establishment,
    ).toMatchObject({ district: "huyện Yên Thế", province: { code: "F-BG" } });
    expect(cert.establishment.commune).toBe("Xã Yên Thế");
    // The 2020 decision's annex prints the address as issued.
    const decision = await prisma.certificate.findUniqueOrThrow({
      where: { serial: "GCN-BG-2020-0001" },
      select: { decisionId: true },
    });
    const doc = await call(decisionRoute.loader, get(`/decisions/${decision.decisionId}.pdf`), {
      decisionId: decision.decisionId,
    });
    const lines = (await pdfLines(new Uint8Array(await doc.response!.arrayBuffer()))).flat();
    const text = texts(lines).join(" ");
    // The address cell: the pieces in the column where it starts, line after line.
    const start = lines.flatMap((l) => l.pieces).find((p) => p.text.startsWith("Xã Đồng Tâm"))!;
    const cell = lines.flatMap((l) => l.pieces.filter((p) => Math.abs(p.x - start.x) < 1)).map((p) => p.text);
    expect(cell.slice(cell.indexOf(start.text)).join(" ")).toMatch(/^Xã Đồng Tâm, huyện Yên Thế, tỉnh Bắc Giang/);
    expect(text).not.toContain("38/2025");
    expect(text).toContain("TM. ỦY BAN NHÂN DÂN");
  });

  test("a second seed run changes nothing", async () => {
    const again = await seed(prisma, { demo: true, demoRound: true });
    expect(again.demoCertificates).toBe(0);
    expect(await prisma.certificate.count()).toBe(11);
  });
});
