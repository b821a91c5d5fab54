// The demo register (prisma/demo-register.ts): past rounds with decisions and certificates in the
// provinces of their time, the chain of nominations province → region → nation, a few expired
// certificates and one revoked, and an open regional round taking nominations.
import { beforeAll, describe, expect, test } from "vitest";
import { DEMO_OPEN_REGION_ROUND } from "../../prisma/demo-register";
import { seed } from "../../prisma/seed";
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
    const byStatus = (s: string) => certs.filter((c) => certificateStatus(c, NOW) === s).map((c) => c.serial).sort();
    expect(byStatus("expired")).toEqual(["GCN-BG-2020-0001", "GCN-BG-2020-0002"]);
    expect(byStatus("revoked")).toEqual(["GCN-BG-2024-0004"]);
    expect(byStatus("valid")).toHaveLength(8);
    const chu2024 = certs.find((c) => c.serial === "GCN-BG-2024-0001")!;
    expect(chu2024).toMatchObject({ productName: "Mỳ gạo Chũ", jurisdiction: "cấp tỉnh Bắc Giang", decision: { number: "44/QĐ-UBND" } });
    expect(chu2024.validUntil.toISOString()).toBe("2027-12-31T16:59:59.999Z");
    // issued before the merger, in the former province; its successor is today's Bắc Ninh
    expect(chu2024.province?.code).toBe("F-BG");
    expect(certs.every((c) => /^[0-9A-HJKMNP-TV-Z]{10}$/.test(c.code))).toBe(true);
    // every decision carries its generated document, served publicly once certificates exist
    const decisions = await prisma.recognitionDecision.findMany();
    expect(decisions).toHaveLength(5);
    expect(decisions.every((d) => d.documentSource === "GENERATED" && d.documentKey && d.documentSha256)).toBe(true);
    const doc = await call(decisionRoute.loader, get(`/decisions/${chu2024.decisionId}.pdf`), { decisionId: chu2024.decisionId });
    expect(doc.status).toBe(200);
    expect(doc.response?.headers.get("Content-Type")).toContain("application/pdf");
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
    const certified = await prisma.product.findMany({ where: { certificates: { some: {} } }, include: { files: { where: { isPublic: true } } } });
    expect(certified.length).toBe(8);
    expect(certified.every((p) => p.files.length === 1)).toBe(true);
    const open = await prisma.round.findFirstOrThrow({ where: { name: DEMO_OPEN_REGION_ROUND }, include: { quotas: { include: { province: true } } } });
    expect(open).toMatchObject({ status: "OPEN", level: "REGION" });
    expect(open.quotas.find((q) => q.province.code === "BN")?.quota).toBe(3);
  });

  test("a second seed run changes nothing", async () => {
    const again = await seed(prisma, { demo: true, demoRound: true });
    expect(again.demoCertificates).toBe(0);
    expect(await prisma.certificate.count()).toBe(11);
  });
});
