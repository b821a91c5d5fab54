// Forms 01 and 02 (issue #12 item 6, decision 028) through the route modules, against this file's
// own migrated database: the product fields the forms ask (validation with Vietnamese messages,
// persistence), the forms as required items of a new round, who may download the generated
// papers, the signed scan that replaces a generated form, and the papers' text read back from
// the PDF — the producer's working copy and the organisers' frozen one. Also the demo data.
import { beforeAll, describe, expect, test } from "vitest";
import { demoPdf } from "../../prisma/demo-files";
import { DEMO_ROUND_NAME } from "../../prisma/demo-round";
import { seed } from "../../prisma/seed";
import { pdfLines, texts } from "../support/pdf-lines";
import { call, cookieFor, get, ORIGIN, post, type RouteFn } from "../support/route-calls";
import * as organiserEntryRoute from "~/routes/admin.rounds_.$roundId_.entries_.$entryId";
import * as formRoute from "~/routes/entries.$entryId.forms.$form[.pdf]";
import * as myEntryRoute from "~/routes/producer_.entries.$entryId";
import * as productRoute from "~/routes/producer.products.$id";
import * as uploadRoute from "~/routes/producer.products.$id_.files";
import * as newProductRoute from "~/routes/producer.products.new";
import { getAuth } from "~/modules/auth/auth.server";
import {
  createEntry,
  DossierIncompleteError,
  entryChecklist,
  getMyEntry,
  producerMove,
} from "~/modules/entries/entries.server";
import type { DocumentItem } from "~/modules/producers/dossier";
import { dossierFormSources } from "~/modules/producers/forms";
import { updateProduct } from "~/modules/producers/products.server";
import { documentList } from "~/modules/rounds/round-fields";
import { createRound } from "~/modules/rounds/rounds.server";
import { prisma } from "~/utils/db.server";
import { isMessageKey, translate } from "~/utils/i18n";

const meta = { ip: "127.0.0.1" };
const DAY = 24 * 60 * 60 * 1000;
const fn = (m: { loader?: unknown; action?: unknown }, which: "loader" | "action") => m[which] as RouteFn;

let producerCookie: string;
let otherProducerCookie: string;
let organiserCookie: string;
let hanoiCookie: string;
let establishmentId: string;
let roundId: string;

async function authOf(cookie: string) {
  const auth = await getAuth(new Request(`${ORIGIN}/`, { headers: { Cookie: cookie } }));
  if (!auth) throw new Error("no session");
  return auth;
}

function productForm(over: Record<string, string> = {}) {
  return {
    name: "Mỳ gạo Chũ sợi nhỏ",
    group: "B",
    kind: "single",
    description: "Mỳ gạo sợi nhỏ làm từ gạo Bao thai Chũ, phơi nắng tự nhiên, nấu nhanh.",
    rawMaterials: "Gạo Bao thai Chũ",
    process: "Ngâm, xay, tráng, phơi, cắt sợi, đóng gói",
    annualCapacity: "80 tấn/năm",
    markets: "Bắc Ninh, Hà Nội",
    businessLines: "1074 – Sản xuất mì ống, mỳ sợi và sản phẩm tương tự",
    workforce: "12",
    revenue: "1.250,5",
    revenueYear: "2025",
    exportShare: "12,5",
    ...over,
  };
}

interface Reply {
  result: { initialValue: Record<string, unknown> | null; error?: Record<string, string[] | null> };
}
const errorsOf = (data: unknown, field: string) =>
  ((data as Reply).result.error?.[field] ?? []).map((e) => (isMessageKey(e) ? translate("vi", e) : e));

/** A product of the demo producer, through the real route; returns its id. */
async function newProduct(over: Record<string, string> = {}) {
  const out = await call(
    fn(newProductRoute, "action"),
    post(`/producer/products/new?establishment=${establishmentId}`, productForm(over), producerCookie),
  );
  expect(out.status).toBe(302);
  return out.headers.get("Location")!.split("/").pop()!;
}

/** Three photos, the registration copy and the food-safety certificate (rows only: the bytes are not read here). */
async function basicFiles(productId: string) {
  const owner = await prisma.establishment.findUniqueOrThrow({
    where: { id: establishmentId },
    select: { ownerId: true },
  });
  const base = { uploadedById: owner.ownerId, establishmentId, storage: "local", size: 1000, sha256: "x" };
  const key = () => `test-${Math.random().toString(36).slice(2)}`;
  for (const angle of ["FRONT", "SIDE", "TOP"]) {
    await prisma.storedFile.create({
      data: {
        ...base,
        productId,
        kind: "PHOTO",
        angle,
        contentType: "image/jpeg",
        storageKey: key(),
        originalName: `${angle}.jpg`,
      },
    });
  }
  await prisma.storedFile.create({
    data: {
      ...base,
      productId,
      kind: "FOOD_SAFETY_CERT",
      contentType: "application/pdf",
      storageKey: key(),
      originalName: "attp.pdf",
    },
  });
}

const formItem = (items: Array<{ key: string }>, key: "REGISTRATION_FORM" | "DESCRIPTION_FORM") =>
  items.find((i) => i.key === key) as DocumentItem | undefined;

async function pdfText(out: Awaited<ReturnType<typeof call>>) {
  expect(out.status).toBe(200);
  expect(out.headers.get("Content-Type")).toBe("application/pdf");
  const bytes = new Uint8Array(await out.response!.arrayBuffer());
  return (await pdfLines(bytes)).flatMap(texts);
}

beforeAll(async () => {
  await seed(prisma, { demo: true, demoRound: true });
  const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@tieubieu.test" } });
  const hn = await prisma.province.findUniqueOrThrow({ where: { code: "HN" } });
  const bn = await prisma.province.findUniqueOrThrow({ where: { code: "BN" } });
  const hnUser = await prisma.user.create({
    data: {
      email: "forms.hanoi@example.vn",
      name: "Cán bộ Hà Nội",
      emailVerifiedAt: new Date(),
      passwordHash: admin.passwordHash,
    },
  });
  await prisma.roleAssignment.create({
    data: { userId: hnUser.id, role: "ORGANISER", level: "PROVINCE", provinceId: hn.id, grantedById: admin.id },
  });
  const other = await prisma.user.create({
    data: {
      email: "forms.producer2@example.vn",
      name: "Lê Văn Khác",
      emailVerifiedAt: new Date(),
      passwordHash: admin.passwordHash,
    },
  });
  await prisma.roleAssignment.create({
    data: { userId: other.id, role: "PRODUCER", level: "PROVINCE", provinceId: bn.id },
  });

  producerCookie = await cookieFor("producer@tieubieu.test");
  otherProducerCookie = await cookieFor("forms.producer2@example.vn");
  organiserCookie = await cookieFor("organiser.bacninh@tieubieu.test");
  hanoiCookie = await cookieFor("forms.hanoi@example.vn");
  establishmentId = (
    await prisma.establishment.findFirstOrThrow({ where: { owner: { email: "producer@tieubieu.test" } } })
  ).id;
  // A new round through the service, as an organiser opens one: forms 01 and 02 are required by default.
  const round = await createRound(
    await authOf(organiserCookie),
    {
      name: "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2027",
      level: "PROVINCE",
      provinceId: bn.id,
      year: 2027,
      groups: ["A", "B", "C", "D"],
      entriesOpenAt: new Date(Date.now() - DAY),
      entriesCloseAt: new Date(Date.now() + 30 * DAY),
    },
    meta,
  );
  await prisma.round.update({ where: { id: round.id }, data: { status: "OPEN" } });
  roundId = round.id;
});

describe("the product fields the forms ask", () => {
  test("are stored as typed the Vietnamese way, and shown back so", async () => {
    const id = await newProduct();
    const row = await prisma.product.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      businessLines: "1074 – Sản xuất mì ống, mỳ sợi và sản phẩm tương tự",
      workforce: 12,
      revenue: 1250.5,
      revenueYear: 2025,
      exportShare: 12.5,
    });
    const page = await call(fn(productRoute, "loader"), get(`/producer/products/${id}`, producerCookie), { id });
    expect((page.data as { defaults: Record<string, string> }).defaults).toMatchObject({
      workforce: "12",
      revenue: "1250,5",
      revenueYear: "2025",
      exportShare: "12,5",
    });
    // "1.500" is one thousand five hundred million, not 1.5.
    await call(
      fn(productRoute, "action"),
      post(`/producer/products/${id}`, productForm({ revenue: "1.500" }), producerCookie),
      { id },
    );
    expect((await prisma.product.findUniqueOrThrow({ where: { id } })).revenue).toBe(1500);
    // Blank fields are cleared, and a revenue's year goes with it.
    await call(
      fn(productRoute, "action"),
      post(
        `/producer/products/${id}`,
        productForm({ revenue: "", revenueYear: "", workforce: "", exportShare: "", businessLines: "" }),
        producerCookie,
      ),
      { id },
    );
    expect(await prisma.product.findUniqueOrThrow({ where: { id } })).toMatchObject({
      businessLines: null,
      workforce: null,
      revenue: null,
      revenueYear: null,
      exportShare: null,
    });
  });

  test("refuse bad numbers with Vietnamese messages, keep what was typed and store nothing", async () => {
    const before = await prisma.product.count();
    const out = await call(
      fn(newProductRoute, "action"),
      post(
        `/producer/products/new?establishment=${establishmentId}`,
        productForm({ revenue: "-5", workforce: "2,5", exportShare: "150", revenueYear: "2025" }),
        producerCookie,
      ),
    );
    expect(out.status).toBe(400);
    expect(errorsOf(out.data, "revenue")).toEqual([
      "Doanh thu là một số từ 0 trở lên, tính bằng triệu đồng, ví dụ 1.250 hoặc 1250,5.",
    ]);
    expect(errorsOf(out.data, "workforce")).toEqual(["Số lao động là một số nguyên từ 0 trở lên, ví dụ 25."]);
    expect(errorsOf(out.data, "exportShare")).toEqual(["Tỷ lệ xuất khẩu là một số từ 0 đến 100."]);
    expect((out.data as Reply).result.initialValue).toMatchObject({
      revenue: "-5",
      workforce: "2,5",
      exportShare: "150",
      businessLines: "1074 – Sản xuất mì ống, mỳ sợi và sản phẩm tương tự",
    });

    const noYear = await call(
      fn(newProductRoute, "action"),
      post(`/producer/products/new?establishment=${establishmentId}`, productForm({ revenueYear: "" }), producerCookie),
    );
    expect(errorsOf(noYear.data, "revenueYear")).toEqual(["Vui lòng ghi năm của doanh thu."]);
    const future = await call(
      fn(newProductRoute, "action"),
      post(
        `/producer/products/new?establishment=${establishmentId}`,
        productForm({ revenueYear: "2999" }),
        producerCookie,
      ),
    );
    expect(errorsOf(future.data, "revenueYear")).toEqual(["Năm của doanh thu không thể sau năm nay."]);
    const text = await call(
      fn(newProductRoute, "action"),
      post(
        `/producer/products/new?establishment=${establishmentId}`,
        productForm({ revenue: "một tỷ" }),
        producerCookie,
      ),
    );
    expect(errorsOf(text.data, "revenue")).toEqual([
      "Doanh thu là một số từ 0 trở lên, tính bằng triệu đồng, ví dụ 1.250 hoặc 1250,5.",
    ]);
    expect(await prisma.product.count()).toBe(before);
  });

  test("the service re-checks what a form would (callers without the form)", async () => {
    const id = await newProduct();
    const auth = await authOf(producerCookie);
    const input = {
      name: "Mỳ gạo",
      group: "B" as const,
      kind: "single" as const,
      description: "Mỳ gạo làm từ gạo Bao thai Chũ, phơi nắng.",
    };
    await expect(updateProduct(auth, id, { ...input, workforce: 1.5 }, meta)).rejects.toMatchObject({
      status: 400,
      messageKey: "forms.error.workforce",
    });
    await expect(updateProduct(auth, id, { ...input, revenue: -1, revenueYear: 2025 }, meta)).rejects.toMatchObject({
      status: 400,
    });
    await expect(updateProduct(auth, id, { ...input, revenue: 10, revenueYear: 2999 }, meta)).rejects.toMatchObject({
      status: 400,
      messageKey: "forms.error.revenueYearFuture",
    });
    await expect(updateProduct(auth, id, { ...input, exportShare: 101 }, meta)).rejects.toMatchObject({
      status: 400,
      messageKey: "forms.error.exportShare",
    });
  });
});

/** A round's required documents as the app reads them: its RoundDocument rows and the implied ones. */
async function requiredDocumentsOf(roundId: string) {
  return documentList(await prisma.roundDocument.findMany({ where: { roundId }, select: { kind: true } }));
}

describe("forms 01 and 02 in a round's dossier", () => {
  test("a new round requires both forms unless the organiser unticks them", async () => {
    expect(await requiredDocumentsOf(roundId)).toEqual([
      "PHOTO",
      "BUSINESS_REGISTRATION",
      "REGISTRATION_FORM",
      "DESCRIPTION_FORM",
    ]);
    const bn = await prisma.province.findUniqueOrThrow({ where: { code: "BN" } });
    const without = await createRound(
      await authOf(organiserCookie),
      {
        name: "Đợt không yêu cầu mẫu 01, 02",
        level: "PROVINCE",
        provinceId: bn.id,
        year: 2027,
        groups: ["A"],
        requiredDocuments: [],
        entriesOpenAt: new Date(),
        entriesCloseAt: new Date(Date.now() + DAY),
      },
      meta,
    );
    expect(await requiredDocumentsOf(without.id)).toEqual(["PHOTO", "BUSINESS_REGISTRATION"]);
  });

  test("a form is generated once the product has what it asks; until then the checklist names the missing fields and submission is refused", async () => {
    const productId = await newProduct({
      name: "Mỳ gạo thiếu thông tin",
      businessLines: "",
      revenue: "",
      revenueYear: "",
      annualCapacity: "",
    });
    await basicFiles(productId);
    const auth = await authOf(producerCookie);
    const entry = await createEntry(auth, { roundId, productId }, meta);

    const page = await call(fn(myEntryRoute, "loader"), get(`/producer/entries/${entry.id}`, producerCookie), {
      entryId: entry.id,
    });
    const { checklist } = page.data as { checklist: { items: DocumentItem[]; complete: boolean } };
    expect(formItem(checklist.items, "REGISTRATION_FORM")).toMatchObject({
      ok: false,
      source: null,
      missingFields: ["businessLines", "revenue"],
    });
    expect(formItem(checklist.items, "DESCRIPTION_FORM")).toMatchObject({
      ok: false,
      source: null,
      missingFields: ["annualCapacity"],
    });
    const refused = await producerMove(auth, entry.id, "submit", meta).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DossierIncompleteError);
    expect((refused as DossierIncompleteError).checklist.missing.map((i) => i.key)).toEqual([
      "REGISTRATION_FORM",
      "DESCRIPTION_FORM",
    ]);

    await call(
      fn(productRoute, "action"),
      post(`/producer/products/${productId}`, productForm({ name: "Mỳ gạo thiếu thông tin" }), producerCookie),
      { id: productId },
    );
    const { checklist: after } = await entryChecklist(await getMyEntry(auth, entry.id));
    expect(formItem(after.items, "REGISTRATION_FORM")).toMatchObject({
      ok: true,
      source: "generated",
      missingFields: [],
    });
    expect(formItem(after.items, "DESCRIPTION_FORM")).toMatchObject({ ok: true, source: "generated" });
    await producerMove(auth, entry.id, "submit", meta);
    expect((await prisma.entry.findUniqueOrThrow({ where: { id: entry.id } })).status).toBe("SUBMITTED");
  });

  test("a signed scan replaces the generated form: it satisfies the item, is frozen with the dossier and is what the dossier links to", async () => {
    const productId = await newProduct({ name: "Mỳ gạo có phiếu ký", businessLines: "", revenue: "", revenueYear: "" });
    await basicFiles(productId);
    const auth = await authOf(producerCookie);
    const entry = await createEntry(auth, { roundId, productId }, meta);

    const body = new FormData();
    body.append("kind", "REGISTRATION_FORM");
    body.append(
      "file",
      new File([new Uint8Array(demoPdf(["Phieu dang ky - da ky"]))], "phieu-dang-ky-da-ky.pdf", {
        type: "application/pdf",
      }),
    );
    const uploaded = await call(
      fn(uploadRoute, "action"),
      new Request(`${ORIGIN}/producer/products/${productId}/files`, {
        method: "POST",
        body,
        headers: { Cookie: producerCookie },
      }),
      { id: productId },
    );
    expect(uploaded.status).toBe(302);
    const scan = await prisma.storedFile.findFirstOrThrow({ where: { productId, kind: "REGISTRATION_FORM" } });

    const { checklist } = await entryChecklist(await getMyEntry(auth, entry.id));
    // The data form 01 asks is still missing, but the signed scan stands for the form.
    expect(formItem(checklist.items, "REGISTRATION_FORM")).toMatchObject({ ok: true, source: "scan" });
    expect(checklist.complete).toBe(true);
    await producerMove(auth, entry.id, "submit", meta);

    const screening = await call(
      fn(organiserEntryRoute, "loader"),
      get(`/admin/rounds/${roundId}/entries/${entry.id}`, organiserCookie),
      { roundId, entryId: entry.id },
    );
    expect(screening.status).toBe(200);
    const { files } = screening.data as { files: Array<{ id: string; kind: string; originalName: string }> };
    expect(dossierFormSources(files)).toEqual([
      { kind: "REGISTRATION_FORM", scan: { id: scan.id, originalName: "phieu-dang-ky-da-ky.pdf" } },
      { kind: "DESCRIPTION_FORM", scan: null },
    ]);
  });
});

describe("downloading the generated forms", () => {
  let draftId: string;
  let submittedId: string;

  beforeAll(async () => {
    const auth = await authOf(producerCookie);
    const draftProduct = await newProduct({ name: "Mỳ gạo bản nháp" });
    draftId = (await createEntry(auth, { roundId, productId: draftProduct }, meta)).id;
    const submittedProduct = await newProduct({
      name: "Mỳ gạo đã nộp",
      workforce: "17",
      revenue: "980",
      businessLines: "1074 – Sản xuất mì sợi",
    });
    await basicFiles(submittedProduct);
    submittedId = (await createEntry(auth, { roundId, productId: submittedProduct }, meta)).id;
    await producerMove(auth, submittedId, "submit", meta);
    // The producer moves on after submitting; organisers keep reading what was submitted.
    await call(
      fn(productRoute, "action"),
      post(
        `/producer/products/${submittedProduct}`,
        productForm({
          name: "Mỳ gạo đã nộp",
          workforce: "99",
          revenue: "5000",
          businessLines: "1074 – Sản xuất mì sợi",
        }),
        producerCookie,
      ),
      { id: submittedProduct },
    );
  });

  const download = (entryId: string, form: string, cookie?: string) =>
    call(fn(formRoute, "loader"), get(`/entries/${entryId}/forms/${form}.pdf`, cookie), { entryId, form });

  test("the producer gets both papers of an own draft, drawn from the product as it is now", async () => {
    const one = await pdfText(await download(draftId, "01", producerCookie));
    expect(one).toContain("PHIẾU ĐĂNG KÝ");
    expect(one).toContain("1. Tên sản phẩm (bộ sản phẩm): Mỳ gạo bản nháp");
    expect(one).toContain("8. Số lao động: 25 người; trong đó sản xuất sản phẩm đăng ký: 12 người");
    expect(one).toContain("9. Doanh thu từ sản phẩm năm 2025: 1.250,5 triệu đồng");
    expect(one).toContain("1074 – Sản xuất mì ống, mỳ sợi và sản phẩm tương tự");
    expect(one.some((l) => l.startsWith("Tạo bởi Tiêu Biểu từ thông tin cơ sở đã khai"))).toBe(true);
    const two = await pdfText(await download(draftId, "02", producerCookie));
    expect(two).toContain("BẢN THUYẾT MINH SẢN PHẨM");
    expect(two).toContain("7. Năng lực sản xuất hằng năm: 80 tấn/năm");
    expect(two).toContain("Tỷ lệ xuất khẩu: 12,5% sản lượng");
    const res = await download(draftId, "02", producerCookie);
    expect(res.headers.get("Content-Disposition")).toContain("mau-02-my-gao-ban-nhap.pdf");
  });

  test("the round's organiser reads the submitted dossier, not the producer's later edits", async () => {
    const organiser = await pdfText(await download(submittedId, "01", organiserCookie));
    expect(organiser).toContain("8. Số lao động: 25 người; trong đó sản xuất sản phẩm đăng ký: 17 người");
    expect(organiser).toContain("9. Doanh thu từ sản phẩm năm 2025: 980 triệu đồng");
    expect(organiser.some((l) => l.startsWith("Tạo bởi Tiêu Biểu từ hồ sơ đã nộp lần 1"))).toBe(true);
    expect(organiser.some((l) => /Số biên nhận: TB\d{4}-/.test(l))).toBe(true);
    // The producer of a submitted entry reads the same frozen paper.
    expect(await pdfText(await download(submittedId, "01", producerCookie))).toContain(
      "9. Doanh thu từ sản phẩm năm 2025: 980 triệu đồng",
    );
  });

  test("nobody else: anonymous → log in, another producer → 404, another province's organiser → 403, a draft for organisers → 404", async () => {
    const anonymous = await download(submittedId, "01");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe(
      `/login?redirectTo=${encodeURIComponent(`/entries/${submittedId}/forms/01.pdf`)}`,
    );
    expect((await download(submittedId, "01", otherProducerCookie)).status).toBe(404);
    expect((await download(draftId, "02", otherProducerCookie)).status).toBe(404);
    expect((await download(submittedId, "02", hanoiCookie)).status).toBe(403);
    expect((await download(draftId, "01", organiserCookie)).status).toBe(404);
    expect((await download(submittedId, "03", producerCookie)).status).toBe(404);
    expect((await download("cm00000000000000000000000", "01", organiserCookie)).status).toBe(404);
  });
});

describe("the demo data", () => {
  test("demo products carry what the forms ask, the demo round requires both forms, and one dossier has a signed form 01", async () => {
    const round = await prisma.round.findFirstOrThrow({ where: { name: DEMO_ROUND_NAME } });
    expect(await requiredDocumentsOf(round.id)).toEqual(
      expect.arrayContaining(["REGISTRATION_FORM", "DESCRIPTION_FORM"]),
    );
    const entries = await prisma.entry.findMany({
      where: { roundId: round.id },
      select: {
        id: true,
        status: true,
        product: {
          select: {
            name: true,
            businessLines: true,
            revenue: true,
            workforce: true,
            annualCapacity: true,
            markets: true,
          },
        },
      },
    });
    expect(
      entries
        .filter((e) => e.status !== "DRAFT")
        .every(
          (e) =>
            e.product.businessLines &&
            e.product.revenue !== null &&
            e.product.workforce !== null &&
            e.product.annualCapacity &&
            e.product.markets,
        ),
    ).toBe(true);

    const chu = entries.find((e) => e.product.name === "Mỳ gạo Chũ")!;
    const chuPage = await call(fn(myEntryRoute, "loader"), get(`/producer/entries/${chu.id}`, producerCookie), {
      entryId: chu.id,
    });
    const { files } = chuPage.data as { files: Array<{ id: string; kind: string; originalName: string }> };
    expect(dossierFormSources(files).map((s) => [s.kind, s.scan?.originalName ?? null])).toEqual([
      ["REGISTRATION_FORM", "phieu-dang-ky-da-ky.pdf"],
      ["DESCRIPTION_FORM", null],
    ]);
    const two = await pdfText(await download(chu.id, "02", organiserCookie));
    expect(two).toContain("1. Tên sản phẩm (bộ sản phẩm): Mỳ gạo Chũ");
    expect(two.some((l) => l.startsWith("9. Doanh thu từ sản phẩm năm 2025:"))).toBe(true);

    // The draft whose product still lacks form 01's data says so.
    const choi = entries.find((e) => e.product.name === "Chổi chít xuất khẩu")!;
    const choiCookie = await cookieFor("choichit@tieubieu.test");
    const choiPage = await call(fn(myEntryRoute, "loader"), get(`/producer/entries/${choi.id}`, choiCookie), {
      entryId: choi.id,
    });
    const { checklist } = choiPage.data as { checklist: { items: DocumentItem[] } };
    expect(formItem(checklist.items, "REGISTRATION_FORM")).toMatchObject({
      ok: false,
      missingFields: ["businessLines", "revenue"],
    });
    expect(formItem(checklist.items, "DESCRIPTION_FORM")).toMatchObject({ ok: true, source: "generated" });
  });

  function download(entryId: string, form: string, cookie: string) {
    return call(fn(formRoute, "loader"), get(`/entries/${entryId}/forms/${form}.pdf`, cookie), { entryId, form });
  }
});
