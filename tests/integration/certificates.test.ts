// Recognition and certificates through the real routes and services (issue #5): a Bắc Ninh round
// finalised on 10/05/2026 with three entries recognised by the council and one not; the decision
// (validation, not before finalisation, not by another province's organiser, generated PDF,
// signed scan that must be a PDF), issuing (serials, validity, texts as at issue from the frozen
// dossier, producers mailed, idempotent, decision frozen), the certificate PDF and who may read
// it, revocation, bulk printing with progress, the decision public once certificates exist, and
// the producer's page.
import path from "node:path";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { demoPdf, demoPhoto } from "../../prisma/demo-files";
import { seed } from "../../prisma/seed";
import { authFor, makeJudgingRound, type FixtureEntry, type JudgingFixture } from "../support/judging-fixture";
import { call, cookieFor, get, ORIGIN, post, type Outcome } from "../support/route-calls";
import type { Auth } from "~/modules/auth/auth.server";
import { bulkResult, getBulkJob, startBulkJob, type BulkJob } from "~/modules/certificates/bulk.server";
import { issueCertificates, recordDecision, revokeCertificate } from "~/modules/certificates/certificates.server";
import { readRegisterVersion } from "~/modules/register/version.server";
import { nextSerialSequence } from "~/modules/certificates/codes";
import * as certificateRoute from "~/routes/certificates.$certificateId[.pdf]";
import * as decisionRoute from "~/routes/decisions.$decisionId[.pdf]";
import * as producerRoute from "~/routes/producer_.certificates";
import * as pageRoute from "~/routes/admin.rounds_.$roundId_.recognition/route";
import * as bulkRoute from "~/routes/admin.rounds_.$roundId_.recognition_.bulk";
import * as downloadRoute from "~/routes/admin.rounds_.$roundId_.recognition_.bulk_.$jobId_.download";
import { LocalDiskStorage } from "~/modules/files/storage.server";
import { JobWorker } from "~/modules/jobs/worker.server";
import { itemAt } from "~/utils/arrays";
import { createDbClient, prisma } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { createGroups, PRODUCT_GROUPS } from "~/modules/rounds/groups";

const meta = { ip: "127.0.0.1" };
const DAY = 24 * 60 * 60 * 1000;
const FINALISED_AT = new Date("2026-05-10T10:00:00+07:00");
const VAI = "Vải thiều Lục Ngạn sấy khô";
const MY = "Mỳ gạo Chũ";

let fx: JudgingFixture;
/** Recognised: vai, my, third. Not recognised: other. */
let vai: FixtureEntry, my: FixtureEntry, third: FixtureEntry, other: FixtureEntry;
let organiser: Auth;
let organiserCookie: string;
let hanoiAuth: Auth;
let hanoiCookie: string;
let northCookie: string;
let serialStart: number;
const cookies = new Map<string, string>();
const cookie = async (email: string) => {
  if (!cookies.has(email)) cookies.set(email, await cookieFor(email));
  return cookies.get(email)!;
};

async function errorOf(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

async function pdfText(outcome: Outcome) {
  expect(outcome.status).toBe(200);
  expect(outcome.headers.get("Content-Type")).toBe("application/pdf");
  const bytes = new Uint8Array(await outcome.response!.arrayBuffer());
  return pdfTextOf(bytes);
}

async function pdfTextOf(bytes: Uint8Array) {
  const pdf = await getDocumentProxy(bytes);
  const { text, totalPages } = await extractText(pdf, { mergePages: false });
  const pages = (text as string[]).map((p) => p.replace(/\s+/g, " "));
  return { pages, totalPages, flat: pages.join(" ") };
}

/** A multipart POST with text fields and, optionally, one file in the "document" field. */
function postWithFile(
  p: string,
  fields: Record<string, string>,
  cookieValue: string,
  file?: { bytes: Buffer; name: string; type: string },
) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  if (file) body.append("document", new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return new Request(`${ORIGIN}${p}`, { method: "POST", body, headers: { Cookie: cookieValue } });
}

const pagePath = () => `/admin/rounds/${fx.roundId}/recognition`;
const pageLoad = (c: string, roundId = fx.roundId) =>
  call(pageRoute.loader, get(`/admin/rounds/${roundId}/recognition`, c), { roundId });
const pageAct = (c: string, fields: Record<string, string>, file?: { bytes: Buffer; name: string; type: string }) =>
  call(pageRoute.action, postWithFile(pagePath(), fields, c, file), { roundId: fx.roundId });
const decisionFields = (extra: Record<string, string> = {}) => ({
  intent: "decision",
  number: "44/QĐ-UBND",
  signedAt: "2026-05-13",
  authority: "Ủy ban nhân dân tỉnh Bắc Ninh",
  signerName: "Nguyễn Văn Hùng",
  signerTitle: "Phó Chủ tịch",
  documentSource: "GENERATED",
  ...extra,
});
const certPdf = (id: string, c?: string) =>
  call(certificateRoute.loader, get(`/certificates/${id}.pdf`, c), { certificateId: id });
const decisionPdf = (id: string, c?: string, headers: Record<string, string> = {}) =>
  call(
    decisionRoute.loader,
    new Request(`${ORIGIN}/decisions/${id}.pdf`, { headers: { ...headers, ...(c ? { Cookie: c } : {}) } }),
    { decisionId: id },
  );
type FieldErrors = {
  result?: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> } | null;
  form?: string;
  message?: string | null;
};

beforeAll(async () => {
  await seed(prisma, { demo: true });
  fx = await makeJudgingRound({ groups: ["B", "B", "A", "C"], judges: 1 });
  const entry = (i: number) => itemAt(fx.entries, i, "the round's entries");
  [vai, my, third, other] = [entry(0), entry(1), entry(2), entry(3)];
  const organiserUser = await prisma.user.findUniqueOrThrow({ where: { email: fx.organiserEmail } });
  organiser = await authFor(fx.organiserEmail);
  organiserCookie = await cookie(fx.organiserEmail);
  northCookie = await cookie("organiser.mienbac@tieubieu.test");

  // The dossiers were frozen with the real names; the producers renamed their products later.
  for (const [entry, name] of [
    [vai, VAI],
    [my, MY],
  ] as const) {
    const version = await prisma.entryVersion.findFirstOrThrow({
      where: { entryId: entry.id },
      orderBy: { version: "desc" },
    });
    const snapshot = version.snapshot as { product: { name: string }; establishment: { addressLine: string | null } };
    snapshot.product.name = name;
    snapshot.establishment.addressLine = "Thôn Kép";
    await prisma.entryVersion.update({ where: { id: version.id }, data: { snapshot } });
    const row = await prisma.entry.findUniqueOrThrow({ where: { id: entry.id }, select: { productId: true } });
    await prisma.product.update({ where: { id: row.productId }, data: { name: `${name} (tên mới sau khi nộp)` } });
  }

  await prisma.round.update({
    where: { id: fx.roundId },
    data: { status: "RESULTS", resultsFinalisedAt: FINALISED_AT, resultsFinalisedById: organiserUser.id },
  });
  for (const [i, e] of fx.entries.entries()) {
    await prisma.entryOutcome.create({
      data: {
        roundId: fx.roundId,
        entryId: e.id,
        recognised: i < 3,
        finalScore: 90 - i * 5,
        finalPassed: true,
        finalRank: i + 1,
        finalPass: 1,
      },
    });
  }

  // An organiser of another province (Hà Nội).
  const hn = await prisma.province.findUniqueOrThrow({ where: { code: "HN" } });
  const passwordHash = (await prisma.user.findUniqueOrThrow({ where: { email: "admin@tieubieu.test" } })).passwordHash;
  await prisma.user.create({
    data: {
      email: "organiser.hanoi@example.vn",
      name: "Cán bộ Sở Công Thương Hà Nội",
      passwordHash,
      emailVerifiedAt: new Date(),
      roles: { create: { role: "ORGANISER", level: "PROVINCE", provinceId: hn.id } },
    },
  });
  hanoiAuth = await authFor("organiser.hanoi@example.vn");
  hanoiCookie = await cookie("organiser.hanoi@example.vn");

  const existing = await prisma.certificate.findMany({
    where: { serial: { startsWith: "GCN-BN-2026-" } },
    select: { serial: true },
  });
  serialStart = nextSerialSequence(existing.map((c) => c.serial));
});

describe("before the results are finalised", () => {
  test("the page says so (409, not an error page) and nothing can be recorded", async () => {
    const bn = await prisma.province.findUniqueOrThrow({ where: { code: "BN" } });
    const organiserUser = await prisma.user.findUniqueOrThrow({ where: { email: fx.organiserEmail } });
    const open = await prisma.round.create({
      data: {
        groups: createGroups(PRODUCT_GROUPS),
        name: "Đợt Bắc Ninh chưa chốt kết quả",
        level: "PROVINCE",
        provinceId: bn.id,
        year: 2026,
        entriesOpenAt: new Date(Date.now() - 30 * DAY),
        entriesCloseAt: new Date(Date.now() - 10 * DAY),
        status: "RESULTS",
        createdById: organiserUser.id,
      },
    });
    const out = await pageLoad(organiserCookie, open.id);
    expect(out.status).toBe(409);
    expect(out.data).toMatchObject({
      state: "notFinalised",
      roundId: open.id,
      roundName: "Đợt Bắc Ninh chưa chốt kết quả",
    });
    const e = await errorOf(
      recordDecision(organiser, open.id, { ...decisionFields(), documentSource: "GENERATED" }, meta),
    );
    expect(e.status).toBe(409);
    expect(e.messageKey).toBe("certificates.error.notFinalised");
    expect((await errorOf(issueCertificates(organiser, open.id, meta))).status).toBe(409);
  });
});

describe("the recognition decision", () => {
  test("the page lists what the council recognised and proposes the provincial authority", async () => {
    const out = await pageLoad(organiserCookie);
    expect(out.status).toBe(200);
    const d = out.data as {
      state: string;
      recognised: Array<{ entryId: string }>;
      defaults: { authority: string };
      decision: unknown;
      round: { jurisdiction: string };
    };
    expect(d.state).toBe("ready");
    expect(d.recognised.map((r) => r.entryId).sort()).toEqual([vai.id, my.id, third.id].sort());
    expect(d.defaults.authority).toBe("Ủy ban nhân dân tỉnh Bắc Ninh");
    expect(d.round.jurisdiction).toBe("cấp tỉnh Bắc Ninh");
    expect(d.decision).toBeNull();
  });

  test("invalid fields are refused with 400, the typed values kept", async () => {
    const out = await pageAct(organiserCookie, decisionFields({ number: "", signerName: "  " }));
    expect(out.status).toBe(400);
    const reply = out.data as FieldErrors;
    expect(reply.form).toBe("decision");
    expect(reply.result?.error?.number).toEqual(["certificates.decision.number.required"]);
    expect(reply.result?.error?.signerName).toEqual(["certificates.decision.signerName.required"]);
    expect(reply.result?.initialValue?.authority).toBe("Ủy ban nhân dân tỉnh Bắc Ninh");
    expect(reply.result?.initialValue?.signedAt).toBe("2026-05-13");

    const tooLong = await pageAct(organiserCookie, decisionFields({ number: "4".repeat(51) }));
    expect(tooLong.status).toBe(400);
    expect((tooLong.data as FieldErrors).result?.error?.number).toEqual(["certificates.decision.number.tooLong"]);
    expect(await prisma.recognitionDecision.count({ where: { roundId: fx.roundId } })).toBe(0);
  });

  test("the date: not in the future, not before the finalisation day, a real day", async () => {
    const tomorrow = new Date(Date.now() + DAY).toLocaleDateString("en-CA", { timeZone: "Asia/Ho_Chi_Minh" });
    for (const [day, key] of [
      [tomorrow, "certificates.decision.signedAt.future"],
      ["2026-05-09", "certificates.decision.signedAt.beforeFinalised"],
      ["2026-02-31", "certificates.decision.signedAt.invalid"],
    ] as const) {
      const e = await errorOf(
        recordDecision(
          organiser,
          fx.roundId,
          { ...decisionFields({ signedAt: day }), documentSource: "GENERATED" },
          meta,
        ),
      );
      expect(e.status).toBe(400);
      expect(e.messageKey).toBe(key);
      expect(e.field).toBe("signedAt");
    }
    const out = await pageAct(organiserCookie, decisionFields({ signedAt: "2026-05-09" }));
    expect(out.status).toBe(400);
    expect((out.data as FieldErrors).result?.error?.signedAt?.[0]).toBe(
      "Ngày ký không được trước ngày chốt kết quả (10/05/2026).",
    );
  });

  test("only the round's organisers: another province's or the region's organiser gets 404, a producer 403", async () => {
    expect(
      (await errorOf(recordDecision(hanoiAuth, fx.roundId, { ...decisionFields(), documentSource: "GENERATED" }, meta)))
        .status,
    ).toBe(404);
    expect((await pageAct(hanoiCookie, decisionFields())).status).toBe(404);
    expect((await pageAct(northCookie, decisionFields())).status).toBe(404);
    expect((await pageLoad(hanoiCookie)).status).toBe(404);
    const producer = await cookie(vai.ownerEmail);
    expect((await pageAct(producer, decisionFields())).status).toBe(403);
    expect(await prisma.recognitionDecision.count({ where: { roundId: fx.roundId } })).toBe(0);
  });

  test("a signed scan must really be a PDF", async () => {
    const text = await pageAct(organiserCookie, decisionFields({ documentSource: "UPLOADED" }), {
      bytes: Buffer.from("Quyết định số 44 — đây là một tệp văn bản, không phải PDF.\n".repeat(40)),
      name: "quyet-dinh.pdf",
      type: "application/pdf",
    });
    expect(text.status).toBe(400);
    expect((text.data as FieldErrors).form).toBe("upload");

    const photo = await pageAct(organiserCookie, decisionFields({ documentSource: "UPLOADED" }), {
      bytes: await demoPhoto(0, "FRONT"),
      name: "quyet-dinh.jpg",
      type: "image/jpeg",
    });
    expect(photo.status).toBe(400);
    expect((photo.data as FieldErrors).result?.error?.document?.[0]).toContain("không phải PDF");

    const none = await pageAct(organiserCookie, decisionFields({ documentSource: "UPLOADED" }));
    expect(none.status).toBe(400);
    expect((none.data as FieldErrors).result?.error?.document).toEqual(["certificates.decision.document.required"]);
    expect(await prisma.recognitionDecision.count({ where: { roundId: fx.roundId } })).toBe(0);
  });

  test("recorded with a generated PDF: stored, audited, readable by the organisers only (for now)", async () => {
    const out = await pageAct(organiserCookie, decisionFields());
    expect(out.status).toBe(302);
    expect(out.headers.get("Location")).toBe(pagePath());
    const d = await prisma.recognitionDecision.findUniqueOrThrow({ where: { roundId: fx.roundId } });
    expect(d).toMatchObject({
      number: "44/QĐ-UBND",
      authority: "Ủy ban nhân dân tỉnh Bắc Ninh",
      signerName: "Nguyễn Văn Hùng",
      documentSource: "GENERATED",
    });
    expect(d.signedAt.toISOString()).toBe("2026-05-12T17:00:00.000Z"); // 13/05/2026 00:00 in Hà Nội
    expect(d.documentKey).toBeTruthy();
    expect(d.documentSha256).toMatch(/^[0-9a-f]{64}$/);
    const audits = await prisma.auditLog.findMany({
      where: { entityType: "RecognitionDecision", entityId: d.id },
      orderBy: { createdAt: "asc" },
    });
    expect(audits.map((a) => a.action).sort()).toEqual(["decision.document", "decision.record"]);

    const mine = await decisionPdf(d.id, organiserCookie);
    expect(mine.headers.get("Content-Disposition")).toMatch(/^inline; filename="quyet-dinh-44-QD-UBND\.pdf"/);
    expect(mine.headers.get("Cache-Control")).toBe("private, no-store");
    const { flat } = await pdfText(mine);
    expect(flat).toContain("QUYẾT ĐỊNH");
    expect(flat).toContain("Về việc công nhận sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh Bắc Ninh năm 2026");
    expect(flat).toContain("Điều 1. Công nhận 03 sản phẩm");
    expect(flat).toContain(VAI);
    expect(flat).toContain(MY);
    expect(flat).not.toContain(other.productName);

    // Not public before certificates are issued: anonymous → log in, others → 404.
    const anonymous = await decisionPdf(d.id);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/decisions/${d.id}.pdf`)}`);
    expect((await decisionPdf(d.id, await cookie(vai.ownerEmail))).status).toBe(404);
    expect((await decisionPdf(d.id, hanoiCookie)).status).toBe(404);
    expect((await decisionPdf("c".repeat(25), organiserCookie)).status).toBe(404);
  });

  test("can be edited until certificates are issued (audited with before and after)", async () => {
    const before = await prisma.recognitionDecision.findUniqueOrThrow({ where: { roundId: fx.roundId } });
    const version = await readRegisterVersion();
    const out = await pageAct(organiserCookie, decisionFields({ signerName: "Lê Thị Hoa", signedAt: "2026-05-14" }));
    expect(out.status).toBe(302);
    expect(await readRegisterVersion()).toBeGreaterThan(version!); // the register's version follows decisions
    const after = await prisma.recognitionDecision.findUniqueOrThrow({ where: { roundId: fx.roundId } });
    expect(after.id).toBe(before.id);
    expect(after.signerName).toBe("Lê Thị Hoa");
    expect(after.documentKey).not.toBe(before.documentKey); // re-rendered
    const edit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "decision.record", entityId: before.id },
      orderBy: { createdAt: "desc" },
    });
    expect((edit.before as { signerName: string }).signerName).toBe("Nguyễn Văn Hùng");
    expect((edit.after as { signerName: string }).signerName).toBe("Lê Thị Hoa");
    // Back to the 13th for the rest of the story.
    await recordDecision(organiser, fx.roundId, { ...decisionFields(), documentSource: "GENERATED" }, meta);
  });
});

describe("issuing certificates", () => {
  let mailsBefore: Map<string, number>;

  test("one certificate per recognised entry, serials in order, valid to 31/12/2029, texts as at issue", async () => {
    mailsBefore = new Map();
    for (const e of fx.entries)
      mailsBefore.set(e.ownerEmail, await prisma.mailMessage.count({ where: { to: e.ownerEmail } }));
    const version = await readRegisterVersion();
    const out = await pageAct(organiserCookie, { intent: "issue" });
    expect(out.status).toBe(302);
    expect(await readRegisterVersion()).toBeGreaterThan(version!); // the public register's caches are stale now

    const certs = await prisma.certificate.findMany({ where: { roundId: fx.roundId }, orderBy: { serial: "asc" } });
    expect(certs).toHaveLength(3);
    const serials = [0, 1, 2].map((i) => `GCN-BN-2026-${String(serialStart + i).padStart(4, "0")}`);
    expect(certs.map((c) => c.serial)).toEqual(serials);
    if (serialStart === 1) expect(serials[0]).toBe("GCN-BN-2026-0001");
    // In entry-code order, so the serials follow the codes.
    const byEntry = new Map(certs.map((c) => [c.entryId, c]));
    const ordered = [vai, my, third].sort((a, b) => a.code.localeCompare(b.code));
    expect(ordered.map((e) => byEntry.get(e.id)!.serial)).toEqual(serials);
    expect(byEntry.has(other.id)).toBe(false);

    const decision = await prisma.recognitionDecision.findUniqueOrThrow({ where: { roundId: fx.roundId } });
    const bn = await prisma.province.findUniqueOrThrow({ where: { code: "BN" }, select: { id: true, regionId: true } });
    const c = byEntry.get(vai.id)!;
    expect(c).toMatchObject({
      decisionId: decision.id,
      level: "PROVINCE",
      jurisdiction: "cấp tỉnh Bắc Ninh",
      year: 2026,
      productName: VAI, // from the frozen dossier, not the renamed product
      productGroup: "B",
      establishmentName: vai.establishmentName,
      establishmentAddress: "Thôn Kép, Xã Lục Ngạn, tỉnh Bắc Ninh",
      provinceId: bn.id,
      regionId: bn.regionId,
      revokedAt: null,
    });
    expect(c.issuedAt.toISOString()).toBe(decision.signedAt.toISOString());
    expect(c.validUntil.toISOString()).toBe("2029-12-31T16:59:59.999Z"); // 31/12/2029 23:59:59.999 in Hà Nội
    expect(c.searchText).toContain("vai thieu luc ngan say kho");
    expect(c.searchText).toContain("bac ninh");
    expect(c.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(new Set(certs.map((x) => x.code)).size).toBe(3);
    expect(byEntry.get(my.id)!.productName).toBe(MY);

    const issueAudit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "certificate.issue", entityId: fx.roundId },
    });
    expect((issueAudit.after as { serials: string[] }).serials).toEqual(serials);
    // Each certificate's verifiable credential is signed at issue (decision 036).
    const credentials = await prisma.certificateCredential.findMany({
      where: { certificateId: { in: certs.map((x) => x.id) } },
    });
    expect(credentials).toHaveLength(3);
    expect(new Set(credentials.map((x) => x.statusIndex)).size).toBe(3);
  });

  test("each producer is mailed (the one not recognised is not)", async () => {
    for (const e of [vai, my, third]) {
      expect(await prisma.mailMessage.count({ where: { to: e.ownerEmail } })).toBe(mailsBefore.get(e.ownerEmail)! + 1);
      const mail = await prisma.mailMessage.findFirstOrThrow({
        where: { to: e.ownerEmail },
        orderBy: { createdAt: "desc" },
      });
      expect(mail.subject).toBe("[Tiêu Biểu] Giấy chứng nhận sản phẩm công nghiệp nông thôn tiêu biểu đã được cấp");
      expect(mail.text).toContain("/producer/certificates");
      expect(mail.text).toMatch(/GCN-BN-2026-\d{4}/);
    }
    expect(await prisma.mailMessage.count({ where: { to: other.ownerEmail } })).toBe(mailsBefore.get(other.ownerEmail));
  });

  test("idempotent: a second call issues nothing and mails nobody", async () => {
    const mails = await prisma.mailMessage.count();
    const again = await issueCertificates(organiser, fx.roundId, meta);
    expect(again.issued).toEqual([]);
    expect(again.total).toBe(3);
    expect(await prisma.certificate.count({ where: { roundId: fx.roundId } })).toBe(3);
    expect(await prisma.mailMessage.count()).toBe(mails);
    expect(await prisma.auditLog.count({ where: { action: "certificate.issue", entityId: fx.roundId } })).toBe(1);
  });

  test("other organisers cannot issue", async () => {
    expect((await errorOf(issueCertificates(hanoiAuth, fx.roundId, meta))).status).toBe(404);
  });

  test("the decision is frozen now: editing is refused (409)", async () => {
    const e = await errorOf(
      recordDecision(
        organiser,
        fx.roundId,
        { ...decisionFields({ signerName: "Người khác" }), documentSource: "GENERATED" },
        meta,
      ),
    );
    expect(e.status).toBe(409);
    expect(e.messageKey).toBe("certificates.decision.locked");
    const out = await pageAct(organiserCookie, decisionFields({ signerName: "Người khác" }));
    expect(out.status).toBe(409);
  });

  test("the page lists the certificates with their status", async () => {
    const out = await pageLoad(organiserCookie);
    const d = out.data as {
      certificates: Array<{ serial: string; status: string }>;
      pending: number;
      decisionEditable: boolean;
    };
    expect(d.certificates.map((c) => c.status)).toEqual(["valid", "valid", "valid"]);
    expect(d.pending).toBe(0);
    expect(d.decisionEditable).toBe(false);
  });
});

describe("the certificate PDF", () => {
  let vaiCert: { id: string; serial: string };

  beforeAll(async () => {
    vaiCert = await prisma.certificate.findUniqueOrThrow({
      where: { entryId: vai.id },
      select: { id: true, serial: true },
    });
  });

  test("the owner gets it, with the product's name in correct Vietnamese, the serial and the validity date", async () => {
    const out = await certPdf(vaiCert.id, await cookie(vai.ownerEmail));
    expect(out.headers.get("Content-Disposition")).toMatch(
      new RegExp(`^inline; filename="giay-chung-nhan-${vaiCert.serial}\\.pdf"`),
    );
    expect(out.headers.get("Cache-Control")).toBe("private, no-store");
    const { flat, totalPages } = await pdfText(out);
    expect(totalPages).toBe(1);
    expect(flat).toContain(VAI);
    expect(flat).toContain(vaiCert.serial);
    expect(flat).toContain("Có giá trị đến ngày 31/12/2029");
    expect(flat).toContain("Theo Quyết định số 44/QĐ-UBND ngày 13/05/2026 của Ủy ban nhân dân tỉnh Bắc Ninh");
    expect(flat).toContain("Cấp tỉnh Bắc Ninh năm 2026");
    expect(flat).not.toContain("ĐÃ THU HỒI");
  });

  test("the round's organiser and an administrator get it too", async () => {
    expect((await certPdf(vaiCert.id, organiserCookie)).status).toBe(200);
    expect((await certPdf(vaiCert.id, await cookie("admin@tieubieu.test"))).status).toBe(200);
  });

  test("another producer and another province's organiser: 403; unknown: 404; anonymous: log in", async () => {
    expect((await certPdf(vaiCert.id, await cookie(other.ownerEmail))).status).toBe(403);
    expect((await certPdf(vaiCert.id, await cookie(my.ownerEmail))).status).toBe(403);
    expect((await certPdf(vaiCert.id, hanoiCookie)).status).toBe(403);
    expect((await certPdf("c".repeat(25), organiserCookie)).status).toBe(404);
    expect((await certPdf("not-an-id", organiserCookie)).status).toBe(404);
    const anonymous = await certPdf(vaiCert.id);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe(
      `/login?redirectTo=${encodeURIComponent(`/certificates/${vaiCert.id}.pdf`)}`,
    );
  });
});

describe("the decision is public once certificates exist", () => {
  test("anonymous readers get it, cacheable with an ETag", async () => {
    const d = await prisma.recognitionDecision.findUniqueOrThrow({ where: { roundId: fx.roundId } });
    const out = await decisionPdf(d.id);
    expect(out.headers.get("Cache-Control")).toBe("public, max-age=300");
    const etag = out.headers.get("ETag");
    expect(etag).toBe(`"${d.documentSha256}"`);
    const { flat } = await pdfText(out);
    expect(flat).toContain("Điều 1. Công nhận 03 sản phẩm");
    const again = await decisionPdf(d.id, undefined, { "If-None-Match": etag! });
    expect(again.status).toBe(304);
  });

  test("after issue, the document can only be replaced by a signed scan (a PDF), served as a sandboxed download", async () => {
    const before = await prisma.recognitionDecision.findUniqueOrThrow({ where: { roundId: fx.roundId } });
    const photo = await pageAct(
      organiserCookie,
      { intent: "document" },
      { bytes: await demoPhoto(1, "FRONT"), name: "scan.jpg", type: "image/jpeg" },
    );
    expect(photo.status).toBe(400);
    expect((photo.data as FieldErrors).form).toBe("document");
    const hanoi = await call(
      pageRoute.action,
      postWithFile(pagePath(), { intent: "document" }, hanoiCookie, {
        bytes: demoPdf(["x"]),
        name: "x.pdf",
        type: "application/pdf",
      }),
      {
        roundId: fx.roundId,
      },
    );
    expect(hanoi.status).toBe(404);

    const scan = demoPdf(["QUYET DINH 44/QD-UBND (ban ky)"]);
    const out = await pageAct(
      organiserCookie,
      { intent: "document" },
      { bytes: scan, name: "Quyết định 44 đã ký.pdf", type: "application/pdf" },
    );
    expect(out.status).toBe(302);
    const after = await prisma.recognitionDecision.findUniqueOrThrow({ where: { roundId: fx.roundId } });
    expect(after).toMatchObject({
      documentSource: "UPLOADED",
      documentName: "Quyết định 44 đã ký.pdf",
      number: before.number,
    });
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "decision.document", entityId: after.id },
      orderBy: { createdAt: "desc" },
    });
    expect((audit.before as { source: string }).source).toBe("GENERATED");
    expect((audit.after as { source: string }).source).toBe("UPLOADED");

    const served = await decisionPdf(after.id);
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    expect(served.headers.get("Content-Security-Policy")).toBe("default-src 'none'; sandbox");
    expect(Buffer.from(await served.response!.arrayBuffer()).equals(scan)).toBe(true);
  });
});

describe("revocation", () => {
  let thirdCert: { id: string; serial: string };

  beforeAll(async () => {
    thirdCert = await prisma.certificate.findUniqueOrThrow({
      where: { entryId: third.id },
      select: { id: true, serial: true },
    });
  });

  test("needs a reason of at least 10 characters", async () => {
    const out = await pageAct(organiserCookie, { intent: "revoke", certificateId: thirdCert.id, reason: "ngắn" });
    expect(out.status).toBe(400);
    expect((out.data as FieldErrors).result?.error?.reason).toEqual(["certificates.revoke.reason.tooShort"]);
    const e = await errorOf(revokeCertificate(organiser, thirdCert.id, "   quá ngắn", meta));
    expect(e.status).toBe(400);
    expect(e.field).toBe("reason");
    expect((await prisma.certificate.findUniqueOrThrow({ where: { id: thirdCert.id } })).revokedAt).toBeNull();
  });

  test("other organisers: 403", async () => {
    expect((await errorOf(revokeCertificate(hanoiAuth, thirdCert.id, "Lý do đủ dài để thu hồi", meta))).status).toBe(
      403,
    );
  });

  test("revokes, audited, the producer is told, the PDF says ĐÃ THU HỒI; a second revocation is 409", async () => {
    const reason = "Cơ sở không còn sản xuất sản phẩm này (biên bản kiểm tra ngày 01/09/2026).";
    const version = await readRegisterVersion();
    const out = await pageAct(organiserCookie, { intent: "revoke", certificateId: thirdCert.id, reason });
    expect(out.status).toBe(302);
    expect(await readRegisterVersion()).toBeGreaterThan(version!);
    const c = await prisma.certificate.findUniqueOrThrow({ where: { id: thirdCert.id } });
    expect(c.revokedAt).not.toBeNull();
    expect(c.revokedReason).toBe(reason);
    expect(c.revokedById).toBe(organiser.user.id);
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "certificate.revoke", entityId: thirdCert.id },
    });
    expect(audit.actorId).toBe(organiser.user.id);
    expect((audit.after as { reason: string; serial: string }).reason).toBe(reason);
    const mail = await prisma.mailMessage.findFirstOrThrow({
      where: { to: third.ownerEmail },
      orderBy: { createdAt: "desc" },
    });
    expect(mail.subject).toBe(`[Tiêu Biểu] Thông báo thu hồi giấy chứng nhận ${thirdCert.serial}`);

    const { flat } = await pdfText(await certPdf(thirdCert.id, await cookie(third.ownerEmail)));
    expect(flat).toContain("ĐÃ THU HỒI");

    const again = await errorOf(revokeCertificate(organiser, thirdCert.id, reason, meta));
    expect(again.status).toBe(409);
    expect((await pageAct(organiserCookie, { intent: "revoke", certificateId: thirdCert.id, reason })).status).toBe(
      409,
    );
    expect(await prisma.auditLog.count({ where: { action: "certificate.revoke", entityId: thirdCert.id } })).toBe(1);
  });
});

describe("bulk printing", () => {
  // The app's job worker, as every app process runs it (docs/decisions/019).
  let worker: JobWorker;
  beforeAll(() => {
    worker = new JobWorker({ pollMs: 50 }).start();
  });
  afterAll(() => worker.stop(0));

  async function finished(roundId: string, jobId: string): Promise<BulkJob> {
    const until = Date.now() + 240_000; // generous: a busy machine is slow, not wrong
    for (;;) {
      const job = await getBulkJob(organiser, roundId, jobId);
      if (job.status !== "running" && job.status !== "queued") return job;
      if (Date.now() > until) throw new Error("bulk job did not finish");
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  test("POST starts a job; the page shows progress and refreshes itself while it runs; the PDF has one page per certificate", async () => {
    const bulkPath = `/admin/rounds/${fx.roundId}/recognition/bulk`;
    const start = await call(bulkRoute.action, post(bulkPath, { format: "pdf" }, organiserCookie), {
      roundId: fx.roundId,
    });
    expect(start.status).toBe(302);
    const location = start.headers.get("Location")!;
    const jobId = new URL(location, ORIGIN).searchParams.get("job")!;
    expect(jobId).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const page = await call(bulkRoute.loader, get(location, organiserCookie), { roundId: fx.roundId });
    expect(page.status).toBe(200);
    const pageData = page.data as { job: BulkJob; count: number };
    expect(pageData.count).toBe(3);
    expect(pageData.job.total).toBe(3);
    expect(page.headers.get("Cache-Control")).toBe("private, no-store");
    const running = bulkRoute.meta({
      data: { ...pageData, job: { ...pageData.job, status: "running" } },
      matches: [],
      location: new URL(location, ORIGIN),
    } as never);
    expect(running).toContainEqual({ httpEquiv: "refresh", content: "2" });
    expect(
      bulkRoute.meta({
        data: { ...pageData, job: { ...pageData.job, status: "queued" } },
        matches: [],
        location: new URL(location, ORIGIN),
      } as never),
    ).toContainEqual({ httpEquiv: "refresh", content: "2" });
    expect(
      bulkRoute.meta({
        data: { ...pageData, job: { ...pageData.job, status: "failed" } },
        matches: [],
        location: new URL(location, ORIGIN),
      } as never),
    ).not.toContainEqual({ httpEquiv: "refresh", content: "2" });
    expect(
      bulkRoute.meta({
        data: { ...pageData, job: { ...pageData.job, status: "done" } },
        matches: [],
        location: new URL(location, ORIGIN),
      } as never),
    ).not.toContainEqual({ httpEquiv: "refresh", content: "2" });

    const job = await finished(fx.roundId, jobId);
    expect(job).toMatchObject({
      status: "done",
      done: 3,
      total: 3,
      error: null,
      attempts: 1,
      fileName: "giay-chung-nhan-GCN-BN-2026.pdf",
    });
    const download = await call(downloadRoute.loader, get(`${bulkPath}/${jobId}/download`, organiserCookie), {
      roundId: fx.roundId,
      jobId,
    });
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="giay-chung-nhan-GCN-BN-2026\.pdf"/,
    );
    const { pages, totalPages } = await pdfTextOf(new Uint8Array(await download.response!.arrayBuffer()));
    expect(totalPages).toBe(3);
    const serials = (
      await prisma.certificate.findMany({
        where: { roundId: fx.roundId },
        orderBy: { serial: "asc" },
        select: { serial: true },
      })
    ).map((c) => c.serial);
    serials.forEach((s, i) => expect(pages[i]).toContain(s));
    expect(pages.join(" ")).toContain(VAI);

    // Only the round's organisers see the job or its file.
    expect((await errorOf(getBulkJob(hanoiAuth, fx.roundId, jobId))).status).toBe(404);
    expect(
      (
        await call(downloadRoute.loader, get(`${bulkPath}/${jobId}/download`, hanoiCookie), {
          roundId: fx.roundId,
          jobId,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(downloadRoute.loader, get(`${bulkPath}/${jobId}/download`, await cookie(vai.ownerEmail)), {
          roundId: fx.roundId,
          jobId,
        })
      ).status,
    ).toBe(403);
    expect((await errorOf(getBulkJob(organiser, fx.roundId, "A".repeat(22)))).status).toBe(404);
    expect((await errorOf(getBulkJob(organiser, fx.roundId, "../../etc/passwd"))).status).toBe(404);
    // The progress page checks the same scope once: another province's organiser, or a job id that is not one, is a 404.
    expect((await call(bulkRoute.loader, get(location, hanoiCookie), { roundId: fx.roundId })).status).toBe(404);
    expect(
      (await call(bulkRoute.loader, get(`${bulkPath}?job=${"A".repeat(22)}`, organiserCookie), { roundId: fx.roundId }))
        .status,
    ).toBe(404);
    const withoutJob = await call(bulkRoute.loader, get(bulkPath, organiserCookie), { roundId: fx.roundId });
    expect(withoutJob.data).toMatchObject({ count: 3, job: null });
  });

  test("ZIP: one PDF per certificate, in the file store, served by a second instance that never ran the job", async () => {
    const job = await startBulkJob(organiser, fx.roundId, "zip", meta);
    const queued = await prisma.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(queued).toMatchObject({ kind: "certificates.bulk", createdById: organiser.user.id, progressTotal: 3 });
    const done = await finished(fx.roundId, job.id);
    expect(done.status).toBe("done");
    const file = await bulkResult(organiser, fx.roundId, job.id);
    expect(file.contentType).toBe("application/zip");
    expect(file.bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    const names = file.bytes.toString("latin1").match(/giay-chung-nhan-GCN-BN-2026-\d{4}\.pdf/g) ?? [];
    expect(new Set(names).size).toBe(3);

    // "Another instance": its own database connection and its own view of the file store (the
    // same DATA_DIR/files a shared volume or UploadThing gives every instance) finds the file by
    // the job's row alone — nothing of the process that ran the job is needed.
    const otherDb = createDbClient();
    try {
      const row = await otherDb.job.findUniqueOrThrow({ where: { id: job.id } });
      expect(row).toMatchObject({
        status: "SUCCEEDED",
        resultStorage: "local",
        resultType: "application/zip",
        resultSize: file.bytes.length,
      });
      const otherStore = new LocalDiskStorage(path.join(process.env.DATA_DIR!, "files"));
      expect(Buffer.compare((await otherStore.get(row.resultKey!))!, file.bytes)).toBe(0);
    } finally {
      await otherDb.$disconnect();
    }
  });

  test("a failed job shows its error; only the round's organisers may try it again, by POST; it then succeeds", async () => {
    const bulkPath = `/admin/rounds/${fx.roundId}/recognition/bulk`;
    const job = await startBulkJob(organiser, fx.roundId, "pdf", meta);
    await finished(fx.roundId, job.id);
    // While it is not FAILED a retry is refused (409, the page says why).
    const early = await call(bulkRoute.action, post(bulkPath, { intent: "retry", jobId: job.id }, organiserCookie), {
      roundId: fx.roundId,
    });
    expect(early.status).toBe(409);
    // What a worker that gave up leaves behind.
    await prisma.job.update({
      where: { id: job.id },
      data: {
        status: "FAILED",
        attempts: 3,
        error: "ENOSPC: no space left on device",
        resultKey: null,
        resultStorage: null,
      },
    });
    const page = await call(bulkRoute.loader, get(`${bulkPath}?job=${job.id}`, organiserCookie), {
      roundId: fx.roundId,
    });
    expect((page.data as { job: BulkJob }).job).toMatchObject({
      status: "failed",
      error: "ENOSPC: no space left on device",
      attempts: 3,
      maxAttempts: 3,
    });
    expect(
      (
        await call(downloadRoute.loader, get(`${bulkPath}/${job.id}/download`, organiserCookie), {
          roundId: fx.roundId,
          jobId: job.id,
        })
      ).status,
    ).toBe(409);

    // Another province's organiser: 404; a malformed id: 400.
    expect(
      (
        await call(bulkRoute.action, post(bulkPath, { intent: "retry", jobId: job.id }, hanoiCookie), {
          roundId: fx.roundId,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(bulkRoute.action, post(bulkPath, { intent: "retry", jobId: "../x" }, organiserCookie), {
          roundId: fx.roundId,
        })
      ).status,
    ).toBe(400);
    expect((await prisma.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("FAILED");

    const retried = await call(bulkRoute.action, post(bulkPath, { intent: "retry", jobId: job.id }, organiserCookie), {
      roundId: fx.roundId,
    });
    expect(retried.status).toBe(302);
    expect(retried.headers.get("Location")).toBe(`${bulkPath}?job=${job.id}`);
    expect(await prisma.auditLog.count({ where: { action: "certificate.bulk.retry", entityId: fx.roundId } })).toBe(1);
    const again = await finished(fx.roundId, job.id);
    expect(again).toMatchObject({ status: "done", attempts: 1, error: null, done: 3 });
    const download = await call(downloadRoute.loader, get(`${bulkPath}/${job.id}/download`, organiserCookie), {
      roundId: fx.roundId,
      jobId: job.id,
    });
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Type")).toBe("application/pdf");
  });

  test("a round without certificates has nothing to print (409)", async () => {
    const bn = await prisma.province.findUniqueOrThrow({ where: { code: "BN" } });
    const round = await prisma.round.create({
      data: {
        groups: createGroups(PRODUCT_GROUPS),
        name: "Đợt không có giấy chứng nhận",
        level: "PROVINCE",
        provinceId: bn.id,
        year: 2026,
        entriesOpenAt: new Date(Date.now() - 30 * DAY),
        entriesCloseAt: new Date(Date.now() - 10 * DAY),
        status: "RESULTS",
        resultsFinalisedAt: FINALISED_AT,
        createdById: organiser.user.id,
      },
    });
    expect((await errorOf(startBulkJob(organiser, round.id, "pdf", meta))).status).toBe(409);
  });
});

describe("another round of the same province and year", () => {
  test("continues the numbering; two simultaneous issues give one certificate per entry", async () => {
    const fx2 = await makeJudgingRound({ groups: ["D", "A"], judges: 1 });
    await prisma.round.update({
      where: { id: fx2.roundId },
      data: { status: "RESULTS", resultsFinalisedAt: FINALISED_AT, resultsFinalisedById: organiser.user.id },
    });
    for (const e of fx2.entries)
      await prisma.entryOutcome.create({
        data: { roundId: fx2.roundId, entryId: e.id, recognised: true, finalPassed: true },
      });
    await recordDecision(
      organiser,
      fx2.roundId,
      { ...decisionFields({ number: "45/QĐ-UBND", signedAt: "2026-05-20" }), documentSource: "GENERATED" },
      meta,
    );

    const results = await Promise.all([
      issueCertificates(organiser, fx2.roundId, meta),
      issueCertificates(organiser, fx2.roundId, meta),
    ]);
    expect(results.map((r) => r.issued.length).sort()).toEqual([0, 2]);
    const certs = await prisma.certificate.findMany({ where: { roundId: fx2.roundId }, orderBy: { serial: "asc" } });
    expect(certs.map((c) => c.serial)).toEqual(
      [3, 4].map((i) => `GCN-BN-2026-${String(serialStart + i).padStart(4, "0")}`),
    );
    expect(await prisma.auditLog.count({ where: { action: "certificate.issue", entityId: fx2.roundId } })).toBe(1);
    // The generated decision was re-rendered from what was issued, still listing both products.
    const d = await prisma.recognitionDecision.findUniqueOrThrow({ where: { roundId: fx2.roundId } });
    const { flat } = await pdfText(await decisionPdf(d.id));
    for (const e of fx2.entries) expect(flat).toContain(e.productName);

    // A certificate of the first round cannot be revoked through the second round's page.
    const vaiCert = await prisma.certificate.findUniqueOrThrow({ where: { entryId: vai.id }, select: { id: true } });
    const wrongPage = await call(
      pageRoute.action,
      postWithFile(
        `/admin/rounds/${fx2.roundId}/recognition`,
        { intent: "revoke", certificateId: vaiCert.id, reason: "Lý do đủ dài để thu hồi" },
        organiserCookie,
      ),
      { roundId: fx2.roundId },
    );
    expect(wrongPage.status).toBe(404);
    expect((await prisma.certificate.findUniqueOrThrow({ where: { id: vaiCert.id } })).revokedAt).toBeNull();
  });
});

describe("the producer's certificates", () => {
  test("lists the certificates of the establishments they own, with status and links", async () => {
    const out = await call(producerRoute.loader, get("/producer/certificates", await cookie(third.ownerEmail)));
    expect(out.status).toBe(200);
    const list = (
      out.data as {
        certificates: Array<{
          id: string;
          serial: string;
          status: string;
          productName: string;
          decision: { number: string };
        }>;
      }
    ).certificates;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      status: "revoked",
      productName: third.productName,
      decision: { number: "44/QĐ-UBND" },
    });

    const vaiList = (await call(producerRoute.loader, get("/producer/certificates", await cookie(vai.ownerEmail))))
      .data as { certificates: Array<{ productName: string; status: string }> };
    expect(vaiList.certificates).toEqual([expect.objectContaining({ productName: VAI, status: "valid" })]);
  });

  test("empty for a producer without certificates; organisers are refused; anonymous log in", async () => {
    const none = await call(producerRoute.loader, get("/producer/certificates", await cookie(other.ownerEmail)));
    expect((none.data as { certificates: unknown[] }).certificates).toEqual([]);
    expect((await call(producerRoute.loader, get("/producer/certificates", organiserCookie))).status).toBe(403);
    const anonymous = await call(producerRoute.loader, get("/producer/certificates"));
    expect(anonymous.status).toBe(302);
  });
});
