// The demo's monitoring data (prisma/demo-monitoring.ts): a yearly confirmation overdue on the
// Bắc Ninh organiser's list, an answered consumer report (two reports grouped), an open one, an
// open inspection on a product's public page; and a second seed run writes nothing.
import { beforeAll, expect, test } from "vitest";
import { seedDemoMonitoring } from "../../prisma/demo-monitoring";
import { seed } from "../../prisma/seed";
import { call, cookieFor, get } from "../support/route-calls";
import * as adminRoute from "~/routes/admin.monitoring";
import * as productRoute from "~/routes/products.$productId";
import { prisma } from "~/utils/db.server";

beforeAll(async () => {
  await seed(prisma, { demo: true, demoRound: true });
}, 300_000);

test("the Bắc Ninh organiser sees Mỳ gạo Chũ overdue and the answered report", async () => {
  const cookie = await cookieFor("organiser.bacninh@tieubieu.test");
  const page = (await call(adminRoute.loader, get("/admin/monitoring", cookie))).data as Awaited<
    ReturnType<typeof adminRoute.loader>
  >;
  // The seed ran the daily job's flagging once: the list reads its rows.
  const chu = page.overdue.items.find((r) => r.certificate.productName === "Mỳ gạo Chũ");
  expect(chu).toBeTruthy();
  expect(chu!.remindedAt).not.toBeNull();
  expect(chu!.closedAt).toBeNull();
  expect(chu!.period).toBe(2);
  expect(page.overdue.items.some((r) => r.certificate.productName === "Tranh dân gian Đông Hồ")).toBe(false);
  const digest = await prisma.mailMessage.findFirst({
    where: { to: "organiser.bacninh@tieubieu.test", subject: { contains: "quá hạn xác nhận" } },
  });
  expect(digest?.subject).toMatch(/^\[Tiêu Biểu\] /);
  expect(digest?.text).toContain("Mỳ gạo Chũ");
  const answered = page.cases.find((c) => c.status === "ANSWERED")!;
  expect(answered).toMatchObject({ category: "PACKAGING", reportCount: 2 });
  expect(answered.reports).toHaveLength(2);
  expect(answered.answer).toMatch(/thu hồi/);
  expect(page.cases.some((c) => c.status === "OPEN")).toBe(true);
  expect(page.inspections.map((i) => i.certificate.productName)).toEqual(["Cuốc, xẻng rèn Đa Hội"]);
  expect(page.changes.map((c) => c.certificate.productName)).toContain("Mỳ gạo Chũ");
});

test("the public product page shows the open inspection and the last confirmation", async () => {
  const cert = await prisma.certificate.findFirstOrThrow({
    where: { productName: "Cuốc, xẻng rèn Đa Hội", level: "PROVINCE" },
  });
  const res = await call(productRoute.loader, get(`/products/${cert.productId}`), { productId: cert.productId });
  expect((res.data as { monitoring: { inspectionOpen: boolean } }).monitoring.inspectionOpen).toBe(true);
  const dongHo = await prisma.certificate.findFirstOrThrow({
    where: { productName: "Tranh dân gian Đông Hồ", level: "PROVINCE" },
  });
  const page = await call(productRoute.loader, get(`/products/${dongHo.productId}`), { productId: dongHo.productId });
  expect(
    (page.data as { monitoring: { lastConfirmedAt: Date | null } }).monitoring.lastConfirmedAt?.toISOString(),
  ).toBe(new Date("2026-05-18T09:00:00+07:00").toISOString());
});

test("a second run writes nothing", async () => {
  const counts = () =>
    Promise.all([
      prisma.certificateConfirmation.count(),
      prisma.reportCase.count(),
      prisma.consumerReport.count(),
      prisma.inspection.count(),
      prisma.confirmationReminder.count(),
      prisma.overdueConfirmation.count(),
    ]);
  const before = await counts();
  expect(await seedDemoMonitoring(prisma)).toBe(0);
  await seed(prisma, { demo: true, demoRound: true });
  expect(await counts()).toEqual(before);
});
