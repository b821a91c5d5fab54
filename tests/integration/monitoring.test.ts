// Monitoring after recognition through the real routes (issue #14, decision 040): the holder's
// yearly confirmation (own certificates only, bad input, not due, twice), the daily reminder job
// (once per period, on the durable queue), the overdue flags that job records (once per certificate
// and period, one digest to the issuing organisers per run, also under two workers at once; closed
// by the holder's confirmation) and the organiser's paged list of them, inspections planned and
// recorded, consumers' reports from /verify/<code> (empty, non-image or oversized photo, too many
// from one address, grouping), the organiser's answer, and scope: an organiser sees only what the
// rounds of their scope issued. The public product page shows the last confirmation and an open
// inspection, never a report's content.
import sharp from "sharp";
import { beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { certificateIssued, establishmentOf, monitoringRound } from "../support/monitoring-fixture";
import { call, context, cookieFor, get, ORIGIN, post } from "../support/route-calls";
import { dailyJobId, ensureDailyJobs } from "~/modules/jobs/daily.server";
import { sendConfirmationReminders } from "~/modules/monitoring/confirmations.server";
import { flagOverdueConfirmations } from "~/modules/monitoring/overdue.server";
import { readRegisterVersion } from "~/modules/register/version.server";
import { toVnDateInput } from "~/modules/rounds/round-fields";
import * as adminRoute from "~/routes/admin.monitoring";
import * as historyRoute from "~/routes/admin.monitoring_.certificates.$certificateId";
import * as photoRoute from "~/routes/admin.monitoring_.reports.$reportId.photo";
import * as producerRoute from "~/routes/producer_.monitoring";
import * as productRoute from "~/routes/products.$productId";
import * as reportRoute from "~/routes/verify.$code_.report";
import * as verifyRoute from "~/routes/verify.$code";
import { firstRow } from "~/utils/arrays";
import { vnDay } from "~/utils/date-range";
import { prisma } from "~/utils/db.server";

type Cert = Awaited<ReturnType<typeof certificateIssued>>;
let producer: string,
  otherProducer: string,
  organiserBN: string,
  organiserHN: string,
  regionOrganiser: string,
  admin: string;
let overdue: Cert, open: Cert, notDue: Cert, othersCert: Cert, hanoiCert: Cert;
let producerEmail: string;
let hnEmail: string;
let bnRoundFx: Awaited<ReturnType<typeof monitoringRound>>;
let mineId: string;

type Reply = {
  form?: string;
  result?: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
};
type ReportReply = { values: Record<string, string>; errors: Record<string, string[]> };

const confirm = (cookie: string, fields: Record<string, string | string[]>) => {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
  return call(
    producerRoute.action,
    new Request(`${ORIGIN}/producer/monitoring`, { method: "POST", body, headers: { Cookie: cookie } }),
  );
};

function reportRequest(
  code: string,
  fields: Record<string, string>,
  photo?: { bytes: Uint8Array; name: string; type: string },
) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  if (photo) body.append("photo", new File([new Uint8Array(photo.bytes)], photo.name, { type: photo.type }));
  return new Request(`${ORIGIN}/verify/${code}/report`, { method: "POST", body });
}
/** A report from one address (the rate limit counts per address). */
async function report(
  code: string,
  fields: Record<string, string>,
  ip: string,
  photo?: { bytes: Uint8Array; name: string; type: string },
) {
  try {
    const value = await reportRoute.action({
      request: reportRequest(code, fields, photo),
      params: { code },
      context: { ...context, clientIp: ip },
    });
    return outcome(value);
  } catch (error) {
    return outcome(error);
  }
}
function outcome(value: unknown): { status: number; data: ReportReply | null; headers: Headers } {
  if (value instanceof Response) return { status: value.status, data: null, headers: value.headers };
  const d = value as { data: ReportReply; init: ResponseInit | null };
  return { status: d.init?.status ?? 200, data: d.data, headers: new Headers(d.init?.headers) };
}

const GOOD_REPORT = {
  category: "QUALITY",
  text: "Gói mỳ mua ở chợ bị mốc, khác hẳn mẫu được công nhận.",
  place: "Chợ Chũ, Bắc Ninh",
  contact: "nguoimua@example.vn",
};

beforeAll(async () => {
  await seed(prisma, { demo: true });
  const bn = await prisma.user.findUniqueOrThrow({ where: { email: "organiser.bacninh@tieubieu.test" } });
  const me = await prisma.user.findUniqueOrThrow({ where: { email: "producer@tieubieu.test" } });
  producerEmail = me.email;
  const other = await prisma.user.create({
    data: {
      email: `other-${Date.now()}@example.vn`,
      name: "Chủ cơ sở khác",
      roles: { create: { role: "PRODUCER", level: "PROVINCE" } },
    },
  });
  const hn = await prisma.user.create({
    data: {
      email: `organiser-hn-${Date.now()}@example.vn`,
      name: "Tổ chức Hà Nội",
      passwordHash: me.passwordHash,
      emailVerifiedAt: new Date(),
    },
  });
  const hnProvince = await prisma.province.findUniqueOrThrow({ where: { code: "HN" } });
  await prisma.roleAssignment.create({
    data: { userId: hn.id, role: "ORGANISER", level: "PROVINCE", provinceId: hnProvince.id },
  });

  hnEmail = hn.email;
  const bnRound = await monitoringRound("BN", bn.id);
  bnRoundFx = bnRound;
  const hnRound = await monitoringRound("HN", hn.id);
  const mine = await establishmentOf(me.id, "BN");
  const theirs = await establishmentOf(other.id, "BN");
  mineId = mine.id;
  overdue = await certificateIssued(bnRound, mine.id, 370, "Mỳ gạo Chũ giám sát quá hạn");
  open = await certificateIssued(bnRound, mine.id, 340, "Mỳ gạo Chũ giám sát đến kỳ");
  notDue = await certificateIssued(bnRound, mine.id, 100, "Mỳ gạo Chũ giám sát chưa đến kỳ");
  othersCert = await certificateIssued(bnRound, theirs.id, 340, "Sản phẩm của cơ sở khác");
  hanoiCert = await certificateIssued(hnRound, theirs.id, 370, "Sản phẩm Hà Nội");

  [producer, organiserBN, organiserHN, regionOrganiser, admin] = await Promise.all([
    cookieFor("producer@tieubieu.test"),
    cookieFor("organiser.bacninh@tieubieu.test"),
    cookieFor(hn.email),
    cookieFor("organiser.mienbac@tieubieu.test"),
    cookieFor("admin@tieubieu.test"),
  ]);
  otherProducer = other.id;
}, 180_000);

describe("the holder's yearly confirmation", () => {
  test("lists only the producer's own certificates, with where each stands", async () => {
    const page = await call(producerRoute.loader, get("/producer/monitoring", producer));
    const certs = (page.data as Awaited<ReturnType<typeof producerRoute.loader>>).certificates;
    const state = Object.fromEntries(certs.map((c) => [c.id, c.obligation.state]));
    expect(state[overdue.id]).toBe("overdue");
    expect(state[open.id]).toBe("open");
    expect(state[notDue.id]).toBe("notDue");
    expect(state[othersCert.id]).toBeUndefined();
  });

  test("a change without saying what changed is refused and keeps what was typed", async () => {
    const res = await confirm(producer, { certificateId: open.id, answer: "changed", note: "Đổi sang hộp giấy." });
    expect(res.status).toBe(400);
    const reply = res.data as Reply;
    expect(reply.form).toBe(`confirm-${open.id}`);
    expect(reply.result?.error?.changes).toBeTruthy();
    expect(reply.result?.initialValue?.note).toBe("Đổi sang hộp giấy.");
    expect(await prisma.certificateConfirmation.count({ where: { certificateId: open.id } })).toBe(0);
  });

  test("confirms its own certificate once; a second time, another's, or one not due are refused", async () => {
    const before = await readRegisterVersion();
    const ok = await confirm(producer, {
      certificateId: open.id,
      answer: "changed",
      changes: ["PACKAGING", "RECIPE"],
      note: "Đổi sang hộp giấy từ tháng 3, thêm gạo lứt.",
    });
    expect(ok.status).toBe(302);
    const row = await prisma.certificateConfirmation.findFirstOrThrow({ where: { certificateId: open.id } });
    expect(row).toMatchObject({ period: 1, changes: "RECIPE,PACKAGING" });
    expect(await prisma.auditLog.count({ where: { action: "certificate.confirm", entityId: open.id } })).toBe(1);
    expect(await readRegisterVersion()).toBeGreaterThan(before!);

    const again = await confirm(producer, { certificateId: open.id, answer: "unchanged" });
    expect(again.status).toBe(409);
    const notMine = await confirm(producer, { certificateId: othersCert.id, answer: "unchanged" });
    expect(notMine.status).toBe(403);
    const early = await confirm(producer, { certificateId: notDue.id, answer: "unchanged" });
    expect(early.status).toBe(409);
    expect(
      await prisma.certificateConfirmation.count({ where: { certificateId: { in: [othersCert.id, notDue.id] } } }),
    ).toBe(0);
  });

  test("an organiser is not a producer: 403 on the producer's page", async () => {
    const res = await call(producerRoute.loader, get("/producer/monitoring", organiserBN));
    expect(res.status).toBe(403);
  });
});

describe("reminders on the durable queue", () => {
  test("one daily job per day, however often the workers sweep", async () => {
    expect(await ensureDailyJobs(["monitoring.reminders"])).toBe(1);
    expect(await ensureDailyJobs(["monitoring.reminders"])).toBe(0);
    expect(await ensureDailyJobs(["certificates.bulk"])).toBe(0);
    const job = await prisma.job.findUniqueOrThrow({
      where: { id: dailyJobId("monitoring.reminders", vnDay(new Date())) },
    });
    expect(job).toMatchObject({ kind: "monitoring.reminders", status: "QUEUED" });
  });

  test("mails each holder once per period, for open or overdue confirmations only", async () => {
    const sent = await sendConfirmationReminders();
    expect(sent).toBeGreaterThanOrEqual(2); // overdue + othersCert (open); open is confirmed, notDue is not due
    const reminded = await prisma.confirmationReminder.findMany({
      where: { certificateId: { in: [overdue.id, open.id, notDue.id, othersCert.id] } },
    });
    expect(reminded.map((r) => r.certificateId).sort()).toEqual([overdue.id, othersCert.id].sort());
    const mails = await prisma.mailMessage.findMany({
      where: { to: producerEmail, subject: { contains: overdue.serial } },
    });
    expect(mails).toHaveLength(1);
    expect(firstRow(mails, "the reminders to the holder").text).toContain("/producer/monitoring");
    expect(await sendConfirmationReminders()).toBe(0);
  });
});

describe("overdue flags recorded by the daily job", () => {
  type Data = Awaited<ReturnType<typeof adminRoute.loader>>;
  const page = async (cookie: string, search = "") =>
    (await call(adminRoute.loader, get(`/admin/monitoring${search}`, cookie))).data as Data;
  const flagIds = (d: Data) => d.overdue.items.map((r) => r.certificate.id);
  const digestsWith = (serial: string) =>
    prisma.mailMessage.findMany({
      where: {
        text: { contains: serial },
        OR: [{ subject: { contains: "quá hạn xác nhận" } }, { subject: { contains: "overdue" } }],
      },
    });

  test("the job flags each overdue certificate once and mails the issuing organisers one digest, on two runs", async () => {
    await prisma.user.update({ where: { email: hnEmail }, data: { locale: "en" } });
    // Nothing is flagged before the job runs: the page reads stored rows, it computes nothing.
    expect(flagIds(await page(organiserBN))).not.toContain(overdue.id);

    const first = await flagOverdueConfirmations();
    expect(first.flagged).toBeGreaterThanOrEqual(2);
    const flags = await prisma.overdueConfirmation.findMany({
      where: { certificateId: { in: [overdue.id, open.id, notDue.id, othersCert.id, hanoiCert.id] } },
    });
    expect(flags.map((f) => [f.certificateId, f.period]).sort()).toEqual(
      [
        [overdue.id, 1],
        [hanoiCert.id, 1],
      ].sort(),
    );
    expect(flags.every((f) => f.notifiedAt && !f.closedAt)).toBe(true);

    const bnDigest = await digestsWith(overdue.serial);
    expect(bnDigest.map((m) => m.to)).toContain("organiser.bacninh@tieubieu.test");
    expect(bnDigest.map((m) => m.to)).not.toContain(hnEmail);
    expect(new Set(bnDigest.map((m) => m.to)).size).toBe(bnDigest.length); // one digest per organiser
    const mail = bnDigest.find((m) => m.to === "organiser.bacninh@tieubieu.test")!;
    expect(mail.subject).toMatch(/^\[Tiêu Biểu\] .*quá hạn xác nhận/);
    expect(mail.text).toContain("/admin/monitoring?overdue=open");
    const hnDigest = await digestsWith(hanoiCert.serial);
    expect(hnDigest.map((m) => m.to)).toEqual([hnEmail]);
    expect(hnDigest[0]!.subject).toMatch(/^\[Tiêu Biểu\] .*overdue/);
    expect(hnDigest[0]!.text).not.toContain(overdue.serial);

    const mails = await prisma.mailMessage.count();
    const second = await flagOverdueConfirmations();
    expect(second).toMatchObject({ flagged: 0, mailed: 0 });
    expect(await prisma.mailMessage.count()).toBe(mails);
    expect(
      await prisma.overdueConfirmation.count({ where: { certificateId: { in: [overdue.id, hanoiCert.id] } } }),
    ).toBe(2);
  });

  test("two workers at once flag and mail each certificate once", async () => {
    const a = await certificateIssued(bnRoundFx, mineId, 380, "Mỳ gạo Chũ giám sát hai luồng A");
    const b = await certificateIssued(bnRoundFx, mineId, 390, "Mỳ gạo Chũ giám sát hai luồng B");
    const runs = await Promise.all([flagOverdueConfirmations(), flagOverdueConfirmations()]);
    expect(runs[0].flagged + runs[1].flagged).toBe(2);
    expect(await prisma.overdueConfirmation.count({ where: { certificateId: { in: [a.id, b.id] } } })).toBe(2);
    for (const cert of [a, b]) {
      const digests = await digestsWith(cert.serial);
      expect(digests.map((m) => m.to)).toContain("organiser.bacninh@tieubieu.test");
      expect(new Set(digests.map((m) => m.to)).size).toBe(digests.length);
    }
    // Both certificates are in the same digest: whichever run claimed them listed them together.
    const bnMails = (await digestsWith(a.serial)).filter((m) => m.to === "organiser.bacninh@tieubieu.test");
    expect(bnMails).toHaveLength(1);
    expect(bnMails[0]!.text).toContain(b.serial);
  });

  test("the organiser's page lists the stored flags of their scope only, paged and filtered", async () => {
    const bn = await page(organiserBN);
    expect(bn.flagState).toBe("open");
    expect(flagIds(bn)).toContain(overdue.id);
    expect(flagIds(bn)).not.toContain(hanoiCert.id);
    expect(flagIds(bn)).not.toContain(open.id);
    expect(bn.overdue.paging).toMatchObject({ page: 1 });
    expect(bn.overdue.paging.total).toBeGreaterThanOrEqual(3);
    const row = bn.overdue.items.find((r) => r.certificate.id === overdue.id)!;
    expect(row).toMatchObject({ period: 1, closedAt: null });
    expect(row.remindedAt).not.toBeNull();
    expect(bn.changes.map((c) => c.certificate.id)).toContain(open.id);
    expect(flagIds(await page(organiserHN))).toEqual([hanoiCert.id]);
    expect((await page(regionOrganiser)).overdue.items).toHaveLength(0);
    expect(flagIds(await page(admin))).toEqual(expect.arrayContaining([overdue.id, hanoiCert.id]));
    expect((await call(adminRoute.loader, get("/admin/monitoring", producer))).status).toBe(403);
    // A hand-edited filter or page falls back: open flags, the last page at most.
    const odd = await page(organiserBN, "?overdue=bogus&page=999");
    expect(odd.flagState).toBe("open");
    expect(odd.overdue.paging.page).toBe(odd.overdue.paging.pages);
  });

  test("the holder's confirmation closes the flag; the closed filter lists it", async () => {
    const ok = await confirm(producer, { certificateId: overdue.id, answer: "unchanged" });
    expect(ok.status).toBe(302);
    const flag = await prisma.overdueConfirmation.findUniqueOrThrow({
      where: { certificateId_period: { certificateId: overdue.id, period: 1 } },
    });
    expect(flag.closedReason).toBe("CONFIRMED");
    expect(flag.closedAt).not.toBeNull();
    expect(flagIds(await page(organiserBN))).not.toContain(overdue.id);
    const closed = await page(organiserBN, "?overdue=closed");
    expect(closed.flagState).toBe("closed");
    expect(flagIds(closed)).toContain(overdue.id);
    expect(flagIds(await page(organiserHN, "?overdue=closed"))).not.toContain(overdue.id);
    // The next run neither reopens nor mails it.
    const mails = await prisma.mailMessage.count({ where: { text: { contains: overdue.serial } } });
    await flagOverdueConfirmations();
    expect(await prisma.overdueConfirmation.count({ where: { certificateId: overdue.id, closedAt: null } })).toBe(0);
    expect(await prisma.mailMessage.count({ where: { text: { contains: overdue.serial } } })).toBe(mails);
  });
});

describe("the organiser's inspections", () => {
  test("plans and records an inspection; the public page shows it open meanwhile", async () => {
    const path = `/admin/monitoring/certificates/${overdue.id}`;
    const params = { certificateId: overdue.id };
    expect((await call(historyRoute.loader, get(path, organiserHN), params)).status).toBe(403);
    expect(
      (
        await call(
          historyRoute.action,
          post(path, { intent: "plan", plannedFor: toVnDateInput(new Date()) }, organiserHN),
          params,
        )
      ).status,
    ).toBe(403);

    const bad = await call(
      historyRoute.action,
      post(path, { intent: "plan", plannedFor: "31/02/2026", purpose: "Kiểm tra theo phản ánh" }, organiserBN),
      params,
    );
    expect(bad.status).toBe(400);
    expect((bad.data as Reply).result?.initialValue?.purpose).toBe("Kiểm tra theo phản ánh");

    const planned = await call(
      historyRoute.action,
      post(path, { intent: "plan", plannedFor: toVnDateInput(new Date()), purpose: "Kiểm tra định kỳ" }, organiserBN),
      params,
    );
    expect(planned.status).toBe(302);
    const inspection = await prisma.inspection.findFirstOrThrow({ where: { certificateId: overdue.id } });
    type Product = Awaited<ReturnType<typeof productRoute.loader>>;
    const product = (id: string) =>
      call(productRoute.loader, get(`/products/${id}`), { productId: id }).then(
        (r) => (r.data as { data: Product["data"] }).data ?? (r.data as Product["data"]),
      );
    expect((await product(overdue.productId)).monitoring.inspectionOpen).toBe(true);

    const future = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000);
    const record = (fields: Record<string, string>) =>
      call(
        historyRoute.action,
        post(path, { intent: "record", inspectionId: inspection.id, ...fields }, organiserBN),
        params,
      );
    const tooEarly = await record({
      inspectedAt: toVnDateInput(future),
      findings: "Cơ sở vẫn sản xuất đúng quy trình.",
      outcome: "FINE",
    });
    expect(tooEarly.status).toBe(400);
    const noOutcome = await record({
      inspectedAt: toVnDateInput(new Date()),
      findings: "Cơ sở vẫn sản xuất đúng quy trình.",
    });
    expect(noOutcome.status).toBe(400);
    expect((noOutcome.data as Reply).result?.initialValue?.findings).toBe("Cơ sở vẫn sản xuất đúng quy trình.");
    const done = await record({
      inspectedAt: toVnDateInput(new Date()),
      findings: "Bao bì chưa ghi hạn sử dụng; nhắc nhở cơ sở.",
      outcome: "WARNING",
    });
    expect(done.status).toBe(302);
    expect(await prisma.inspection.findUniqueOrThrow({ where: { id: inspection.id } })).toMatchObject({
      status: "DONE",
      outcome: "WARNING",
    });
    expect(
      (
        await record({
          inspectedAt: toVnDateInput(new Date()),
          findings: "Lần ghi thứ hai của cùng kiểm tra.",
          outcome: "FINE",
        })
      ).status,
    ).toBe(409);
    expect((await product(overdue.productId)).monitoring.inspectionOpen).toBe(false);
    expect((await product(open.productId)).monitoring.lastConfirmedAt).not.toBeNull();
    expect(
      await prisma.auditLog.count({
        where: { action: { in: ["inspection.plan", "inspection.record"] }, entityId: overdue.id },
      }),
    ).toBe(2);
  });
});

describe("consumers' reports", () => {
  let png: Uint8Array;
  beforeAll(async () => {
    png = new Uint8Array(
      await sharp({ create: { width: 40, height: 30, channels: 3, background: "#c33" } })
        .png()
        .toBuffer(),
    );
  });

  test("the verification page carries the form; an unknown code has none", async () => {
    const res = await call(verifyRoute.loader, get(`/verify/${overdue.code}`), { code: overdue.code });
    const html = await res.response!.text();
    expect(html).toContain(`action="/verify/${overdue.code}/report"`);
    expect(html.toLowerCase()).toContain('enctype="multipart/form-data"');
    expect((await call(reportRoute.loader, get("/verify/KHONGCO/report"), { code: "KHONGCO" })).status).toBe(404);
  });

  test("an empty report is refused with a message per field", async () => {
    const res = await report(overdue.code, { category: "", text: "", place: "" }, "10.0.0.1");
    expect(res.status).toBe(400);
    expect(Object.keys(res.data!.errors).sort()).toEqual(["category", "place", "text"]);
    expect(res.data!.errors.text?.[0]).toMatch(/ít nhất 10 ký tự/);
  });

  test("a photo that is not a picture, or too large, is refused and the text kept", async () => {
    const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    const notImage = await report(overdue.code, GOOD_REPORT, "10.0.0.2", {
      bytes: pdf,
      name: "anh.jpg",
      type: "image/jpeg",
    });
    expect(notImage.status).toBe(400);
    expect(notImage.data!.errors.photo?.[0]).toMatch(/tệp ảnh/);
    expect(notImage.data!.values.text).toBe(GOOD_REPORT.text);
    const script = await report(overdue.code, GOOD_REPORT, "10.0.0.2", {
      bytes: new TextEncoder().encode("<script>alert(1)</script>".repeat(80)),
      name: "x.png",
      type: "image/png",
    });
    expect(script.status).toBe(400);
    expect(script.data!.errors.photo).toBeTruthy();
    expect(script.data!.values.text).toBe(GOOD_REPORT.text); // refused by the parser itself, text kept

    const big = new Uint8Array(6 * 1024 * 1024);
    big.set(png.subarray(0, 16));
    const oversized = await report(overdue.code, GOOD_REPORT, "10.0.0.2", {
      bytes: big,
      name: "to.png",
      type: "image/png",
    });
    expect(oversized.status).toBe(400);
    expect(oversized.data!.errors.photo?.[0]).toMatch(/5 MB/);
    expect(oversized.data!.values.place).toBe(GOOD_REPORT.place);
    expect(await prisma.reportCase.count({ where: { certificateId: overdue.id } })).toBe(0);
  });

  test("reports of the same problem are grouped; too many from one address get 429", async () => {
    const first = await report(overdue.code, GOOD_REPORT, "10.0.0.3", {
      bytes: png,
      name: "moc.png",
      type: "image/png",
    });
    expect(first.status).toBe(303);
    expect(first.headers.get("Location")).toBe(`/verify/${overdue.code}/report?sent=1`);
    const second = await report(
      overdue.code,
      { ...GOOD_REPORT, contact: "", text: "Sản phẩm bị mốc, mùi lạ, mua tuần trước." },
      "10.0.0.4",
    );
    expect(second.status).toBe(303);
    const other = await report(
      overdue.code,
      { ...GOOD_REPORT, category: "FAKE_LOGO", text: "Logo in trên một sản phẩm khác của cơ sở." },
      "10.0.0.4",
    );
    expect(other.status).toBe(303);
    const cases = await prisma.reportCase.findMany({
      where: { certificateId: overdue.id },
      orderBy: { createdAt: "asc" },
    });
    expect(cases.map((c) => [c.category, c.reportCount])).toEqual([
      ["QUALITY", 2],
      ["FAKE_LOGO", 1],
    ]);
    const stored = await prisma.consumerReport.findFirstOrThrow({
      where: { caseId: firstRow(cases, "the report cases").id, photoKey: { not: null } },
    });
    expect(stored.photoType).toBe("image/png");

    for (let i = 0; i < 3; i++) expect((await report(overdue.code, GOOD_REPORT, "10.0.0.4")).status).toBe(303);
    const limited = await report(overdue.code, GOOD_REPORT, "10.0.0.4");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(limited.data!.values.text).toBe(GOOD_REPORT.text);
    expect(limited.data!.errors.form).toBeTruthy();
  });

  test("the issuing organiser answers; others see nothing; the public sees no report", async () => {
    type Data = Awaited<ReturnType<typeof adminRoute.loader>>;
    const bn = (await call(adminRoute.loader, get("/admin/monitoring?status=OPEN", organiserBN))).data as Data;
    const quality = bn.cases.find((c) => c.certificate.id === overdue.id && c.category === "QUALITY")!;
    expect(quality.reports.map((r) => r.text)).toContain(GOOD_REPORT.text);
    const hn = (await call(adminRoute.loader, get("/admin/monitoring", organiserHN))).data as Data;
    expect(hn.cases.some((c) => c.certificate.id === overdue.id)).toBe(false);

    const withPhoto = quality.reports.find((r) => r.photoKey)!;
    const photo = await call(photoRoute.loader, get(`/admin/monitoring/reports/${withPhoto.id}/photo`, organiserBN), {
      reportId: withPhoto.id,
    });
    expect(photo.status).toBe(200);
    expect(photo.headers.get("Content-Type")).toBe("image/png");
    expect(
      (
        await call(photoRoute.loader, get(`/admin/monitoring/reports/${withPhoto.id}/photo`, organiserHN), {
          reportId: withPhoto.id,
        })
      ).status,
    ).toBe(403);

    const answer = (cookie: string, text: string) =>
      call(
        adminRoute.action,
        post("/admin/monitoring", { intent: "answer", caseId: quality.id, status: "ANSWERED", answer: text }, cookie),
      );
    expect((await answer(organiserHN, "Chúng tôi đã kiểm tra cơ sở và yêu cầu thu hồi lô hàng.")).status).toBe(403);
    const short = await answer(organiserBN, "Đã xem");
    expect(short.status).toBe(400);
    expect((short.data as Reply).result?.initialValue?.answer).toBe("Đã xem");
    const ok = await answer(organiserBN, "Chúng tôi đã kiểm tra cơ sở và yêu cầu thu hồi lô hàng bị mốc.");
    expect(ok.status).toBe(302);
    expect(await prisma.reportCase.findUniqueOrThrow({ where: { id: quality.id } })).toMatchObject({
      status: "ANSWERED",
    });
    expect(
      await prisma.mailMessage.count({ where: { to: GOOD_REPORT.contact, subject: { contains: overdue.serial } } }),
    ).toBe(1);

    // A new report after the answer opens a new case.
    expect((await report(overdue.code, GOOD_REPORT, "10.0.0.9")).status).toBe(303);
    expect(await prisma.reportCase.count({ where: { certificateId: overdue.id, category: "QUALITY" } })).toBe(2);

    const productPage = await call(productRoute.loader, get(`/products/${overdue.productId}`), {
      productId: overdue.productId,
    });
    expect(JSON.stringify(productPage.data)).not.toContain(GOOD_REPORT.text);
    const verify = await call(verifyRoute.loader, get(`/verify/${overdue.code}`), { code: overdue.code });
    expect(await verify.response!.text()).not.toContain(GOOD_REPORT.text);
    expect(otherProducer).toBeTruthy();
  });
});
