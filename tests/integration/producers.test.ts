// The producer's area through its route modules, against this file's own migrated database:
// establishments (validation, uniqueness of the registration number per legal form), products
// (sets, OCOP), files on the product page, and who may see what (owner only; 403 for people who
// are not producers; 404 for other producers, so nothing leaks).
import { beforeAll, describe, expect, test } from "vitest";
import { demoPdf, demoPhoto } from "../../prisma/demo-files";
import { seed } from "../../prisma/seed";
import { call, cookieFor, get, ORIGIN, post } from "../support/route-calls";
import * as dashboardRoute from "~/routes/producer._index";
import * as editEstablishmentRoute from "~/routes/producer.establishments.$id";
import * as newEstablishmentRoute from "~/routes/producer.establishments.new";
import * as productRoute from "~/routes/producer.products.$id";
import * as uploadRoute from "~/routes/producer.products.$id_.files";
import * as newProductRoute from "~/routes/producer.products.new";
import { getAuth } from "~/modules/auth/auth.server";
import { createEstablishment } from "~/modules/producers/establishments.server";
import { prisma } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { isMessageKey, translate } from "~/utils/i18n";

type RouteFn = Parameters<typeof call>[0];
const loaderOf = (m: { loader: unknown }) => m.loader as RouteFn;
const actionOf = (m: { action: unknown }) => m.action as RouteFn;

interface Reply {
  result: { status?: string; initialValue: Record<string, unknown> | null; error?: Record<string, string[] | null> };
}
/** The error texts of one field (keys are translated to Vietnamese, as the page shows them). */
function errorsOf(data: unknown, field: string): string[] {
  const raw = (data as Reply).result.error?.[field] ?? [];
  return raw.map((e) => (isMessageKey(e) ? translate("vi", e) : e));
}
const typed = (data: unknown) => (data as Reply).result.initialValue ?? {};

let producerCookie: string;
let otherCookie: string;
let organiserCookie: string;
let bacNinhId: string;
let myEstablishmentId: string;

const DEMO_NUMBER = "2400123456"; // the demo cooperative's registration number (prisma/seed.ts)

function establishmentForm(over: Record<string, string> = {}) {
  return {
    legalForm: "SME",
    name: "Công ty TNHH Gốm Phù Lãng",
    registrationNumber: "2300 987 654",
    registrationDate: "2019-08-20",
    registrationIssuer: "Phòng Đăng ký kinh doanh – Sở Kế hoạch và Đầu tư tỉnh Bắc Ninh",
    legalRepresentative: "Trần Thị Mai",
    provinceId: bacNinhId,
    commune: "Xã Phù Lãng",
    addressLine: "Thôn Phù Lãng",
    phone: "0222.3812.345",
    email: "Gom.PhuLang@example.vn",
    workforce: "18",
    ...over,
  };
}

function productForm(over: Record<string, string> = {}) {
  return {
    name: "Bình gốm men mốc Phù Lãng",
    group: "A",
    kind: "single",
    description: "Bình gốm vuốt tay, men mốc đặc trưng của làng gốm Phù Lãng, dùng cắm hoa và trang trí.",
    rawMaterials: "Đất sét đồi Phù Lãng",
    ...over,
  };
}

beforeAll(async () => {
  await seed(prisma, { demo: true });
  bacNinhId = (await prisma.province.findUniqueOrThrow({ where: { code: "BN" } })).id;
  const demoProducer = await prisma.user.findUniqueOrThrow({ where: { email: "producer@tieubieu.test" } });
  myEstablishmentId = (await prisma.establishment.findFirstOrThrow({ where: { ownerId: demoProducer.id } })).id;
  // A second producer, created directly (same password as the demo accounts).
  const other = await prisma.user.create({
    data: {
      email: "producer.khac@example.vn",
      name: "Lê Văn Khác",
      emailVerifiedAt: new Date(),
      passwordHash: demoProducer.passwordHash,
    },
  });
  await prisma.roleAssignment.create({ data: { userId: other.id, role: "PRODUCER", level: "PROVINCE" } });

  producerCookie = await cookieFor("producer@tieubieu.test");
  otherCookie = await cookieFor("producer.khac@example.vn");
  organiserCookie = await cookieFor("organiser.bacninh@tieubieu.test");
});

describe("access to /producer", () => {
  test("anonymous visitors are sent to log in and come back", async () => {
    const out = await call(loaderOf(dashboardRoute), get("/producer"));
    expect(out.status).toBe(302);
    expect(out.headers.get("Location")).toBe("/login?redirectTo=%2Fproducer");
  });

  test("an organiser (not a producer) gets 403 on every producer page and action", async () => {
    expect((await call(loaderOf(dashboardRoute), get("/producer", organiserCookie))).status).toBe(403);
    expect(
      (await call(loaderOf(newEstablishmentRoute), get("/producer/establishments/new", organiserCookie))).status,
    ).toBe(403);
    const out = await call(
      actionOf(newEstablishmentRoute),
      post("/producer/establishments/new", establishmentForm(), organiserCookie),
    );
    expect(out.status).toBe(403);
    expect(out.data).toMatchObject({ messageKey: "producers.error.notProducer" });
  });

  test("the producer's dashboard lists the demo cooperative", async () => {
    const out = await call(loaderOf(dashboardRoute), get("/producer", producerCookie));
    expect(out.status).toBe(200);
    const { establishments } = out.data as { establishments: Array<{ name: string }> };
    expect(establishments.map((e) => e.name)).toContain("Hợp tác xã Mỳ gạo Chũ");
  });

  test("a new producer sees no establishment yet (the page offers the first step)", async () => {
    const out = await call(loaderOf(dashboardRoute), get("/producer", otherCookie));
    expect(out.status).toBe(200);
    expect((out.data as { establishments: unknown[] }).establishments).toEqual([]);
  });
});

describe("establishments", () => {
  test("are created with normalised number, tidy phone, Vietnam-midnight date, and audited", async () => {
    const out = await call(
      actionOf(newEstablishmentRoute),
      post("/producer/establishments/new", establishmentForm(), producerCookie),
    );
    expect(out.status).toBe(302);
    const id = /^\/producer\/establishments\/([a-z0-9]+)$/.exec(out.headers.get("Location") ?? "")?.[1];
    expect(id).toBeTruthy();
    expect(out.headers.get("Set-Cookie")).toContain("tb_toast=");
    const row = await prisma.establishment.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      legalForm: "SME",
      registrationNumber: "2300987654",
      phone: "0222.3812.345",
      email: "gom.phulang@example.vn",
      workforce: 18,
      commune: "Xã Phù Lãng",
      provinceId: bacNinhId,
    });
    expect(row.registrationDate?.toISOString()).toBe("2019-08-19T17:00:00.000Z");
    const audit = await prisma.auditLog.findFirst({ where: { action: "establishment.create", entityId: id } });
    expect(audit).not.toBeNull();
  });

  test("a registration number already taken for the same legal form is refused, keeping what was typed", async () => {
    const before = await prisma.establishment.count();
    const form = establishmentForm({
      legalForm: "COOPERATIVE",
      name: "HTX Mỳ Chũ mới",
      registrationNumber: "2400 123 456",
    });
    const out = await call(actionOf(newEstablishmentRoute), post("/producer/establishments/new", form, otherCookie));
    expect(out.status).toBe(400);
    const [message] = errorsOf(out.data, "registrationNumber");
    expect(message).toContain(DEMO_NUMBER);
    expect(message).toContain("đã được khai báo cho một cơ sở khác");
    expect(typed(out.data)).toMatchObject({
      name: "HTX Mỳ Chũ mới",
      registrationNumber: "2400 123 456",
      commune: "Xã Phù Lãng",
      phone: "0222.3812.345",
    });
    expect(await prisma.establishment.count()).toBe(before);
  });

  test("the same number under another legal form is allowed", async () => {
    const form = establishmentForm({ legalForm: "SME", name: "Công ty Mỳ Chũ", registrationNumber: DEMO_NUMBER });
    const out = await call(actionOf(newEstablishmentRoute), post("/producer/establishments/new", form, otherCookie));
    expect(out.status).toBe(302);
    expect(await prisma.establishment.count({ where: { registrationNumber: DEMO_NUMBER } })).toBe(2);
  });

  test("invalid phone, registration number and future date come back as 400 with messages", async () => {
    const form = establishmentForm({
      legalForm: "COOPERATIVE",
      registrationNumber: "24001234",
      registrationDate: "2999-01-01",
      phone: "12345",
      workforce: "-3",
      email: "khong-phai-email",
    });
    const out = await call(actionOf(newEstablishmentRoute), post("/producer/establishments/new", form, producerCookie));
    expect(out.status).toBe(400);
    expect(errorsOf(out.data, "registrationNumber")[0]).toContain("10 chữ số");
    expect(errorsOf(out.data, "registrationDate")).toEqual([translate("vi", "producers.error.date.future")]);
    expect(errorsOf(out.data, "phone")).toEqual([translate("vi", "producers.error.phone")]);
    expect(errorsOf(out.data, "workforce")).toEqual([translate("vi", "producers.error.workforce")]);
    expect(errorsOf(out.data, "email")).toEqual([translate("vi", "producers.error.email")]);
    expect(typed(out.data)).toMatchObject({
      registrationNumber: "24001234",
      phone: "12345",
      name: "Công ty TNHH Gốm Phù Lãng",
    });
  });

  test("household businesses take free-form numbers; required fields are named", async () => {
    const bad = await call(
      actionOf(newEstablishmentRoute),
      post(
        "/producer/establishments/new",
        establishmentForm({ legalForm: "HOUSEHOLD", registrationNumber: "27A#1", commune: "" }),
        producerCookie,
      ),
    );
    expect(bad.status).toBe(400);
    expect(errorsOf(bad.data, "registrationNumber")).toEqual([
      translate("vi", "producers.error.registrationNumber.freeForm"),
    ]);
    expect(errorsOf(bad.data, "commune")).toEqual([translate("vi", "producers.error.required")]);
    const ok = await call(
      actionOf(newEstablishmentRoute),
      post(
        "/producer/establishments/new",
        establishmentForm({
          legalForm: "HOUSEHOLD",
          name: "Hộ kinh doanh Nguyễn Văn Tâm",
          registrationNumber: "27a8.001234",
          registrationDate: "15/03/2018",
        }),
        producerCookie,
      ),
    );
    expect(ok.status).toBe(302);
    expect(
      await prisma.establishment.count({ where: { legalForm: "HOUSEHOLD", registrationNumber: "27A8001234" } }),
    ).toBe(1);
  });

  test("the service itself refuses non-producers, and two simultaneous registrations of one number", async () => {
    const authOf = async (cookie: string) => (await getAuth(new Request(ORIGIN, { headers: { Cookie: cookie } })))!;
    const input = {
      ...establishmentForm({ registrationNumber: "2300777888" }),
      legalForm: "SME" as const,
      workforce: 5,
    };
    await expect(createEstablishment(await authOf(organiserCookie), input, { ip: "127.0.0.1" })).rejects.toMatchObject({
      status: 403,
    });

    const [a, b] = [await authOf(producerCookie), await authOf(otherCookie)];
    const results = await Promise.allSettled([
      createEstablishment(a, input, { ip: "127.0.0.1" }),
      createEstablishment(b, input, { ip: "127.0.0.1" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(DomainError);
    expect(refused.reason).toMatchObject({
      status: 400,
      messageKey: "producers.error.registrationNumber.duplicate",
      field: "registrationNumber",
    });
    expect(await prisma.establishment.count({ where: { legalForm: "SME", registrationNumber: "2300777888" } })).toBe(1);
  });

  test("a former (merged) province is refused", async () => {
    const former = await prisma.province.findFirstOrThrow({ where: { validTo: { not: null } } });
    const out = await call(
      actionOf(newEstablishmentRoute),
      post(
        "/producer/establishments/new",
        establishmentForm({ registrationNumber: "2300111222", provinceId: former.id }),
        producerCookie,
      ),
    );
    expect(out.status).toBe(400);
    expect(errorsOf(out.data, "provinceId")).toEqual([translate("vi", "producers.error.province")]);
  });

  test("the owner edits an establishment; the change is audited with before and after", async () => {
    const path = `/producer/establishments/${myEstablishmentId}`;
    const page = await call(loaderOf(editEstablishmentRoute), get(path, producerCookie), { id: myEstablishmentId });
    expect(page.status).toBe(200);
    const defaults = (page.data as { defaults: Record<string, string> }).defaults;
    expect(defaults).toMatchObject({
      registrationNumber: DEMO_NUMBER,
      registrationDate: "2018-03-15",
      workforce: "25",
    });

    const out = await call(
      actionOf(editEstablishmentRoute),
      post(path, { ...defaults, workforce: "30" }, producerCookie),
      { id: myEstablishmentId },
    );
    expect(out.status).toBe(302);
    expect(out.headers.get("Location")).toBe(path);
    expect((await prisma.establishment.findUniqueOrThrow({ where: { id: myEstablishmentId } })).workforce).toBe(30);
    const audit = await prisma.auditLog.findFirst({
      where: { action: "establishment.update", entityId: myEstablishmentId },
    });
    expect(audit?.before).toEqual({ workforce: 25 });
    expect(audit?.after).toEqual({ workforce: 30 });
  });

  test("another producer gets 404 on my establishment, for reading and writing", async () => {
    const path = `/producer/establishments/${myEstablishmentId}`;
    expect(
      (await call(loaderOf(editEstablishmentRoute), get(path, otherCookie), { id: myEstablishmentId })).status,
    ).toBe(404);
    const out = await call(
      actionOf(editEstablishmentRoute),
      post(path, establishmentForm({ registrationNumber: "2300555666" }), otherCookie),
      {
        id: myEstablishmentId,
      },
    );
    expect(out.status).toBe(404);
    expect((await prisma.establishment.findUniqueOrThrow({ where: { id: myEstablishmentId } })).name).toBe(
      "Hợp tác xã Mỳ gạo Chũ",
    );
    expect(
      (
        await call(loaderOf(editEstablishmentRoute), get("/producer/establishments/khong-co", producerCookie), {
          id: "khong-co",
        })
      ).status,
    ).toBe(404);
  });
});

describe("products", () => {
  let productId: string;

  test("are created for my establishment with a diacritic-free search name, and audited", async () => {
    const path = `/producer/products/new?establishment=${myEstablishmentId}`;
    expect((await call(loaderOf(newProductRoute), get(path, producerCookie))).status).toBe(200);
    const out = await call(
      actionOf(newProductRoute),
      post(path, productForm({ name: "Mỳ gạo Chũ đặc biệt", group: "B" }), producerCookie),
    );
    expect(out.status).toBe(302);
    const created = /^\/producer\/products\/([a-z0-9]+)$/.exec(out.headers.get("Location") ?? "")?.[1];
    if (created === undefined)
      throw new Error(`expected a redirect to the new product, got ${out.headers.get("Location")}`);
    productId = created;
    const row = await prisma.product.findUniqueOrThrow({ where: { id: productId } });
    expect(row).toMatchObject({
      establishmentId: myEstablishmentId,
      searchName: "my gao chu dac biet",
      group: "B",
      isSet: false,
      setItems: null,
    });
    expect(await prisma.auditLog.count({ where: { action: "product.create", entityId: productId } })).toBe(1);
  });

  test("a product set with one item is refused; with two it is stored one item per line", async () => {
    const path = `/producer/products/new?establishment=${myEstablishmentId}`;
    const bad = await call(
      actionOf(newProductRoute),
      post(path, productForm({ kind: "set", setItems: "Ấm trà" }), producerCookie),
    );
    expect(bad.status).toBe(400);
    expect(errorsOf(bad.data, "setItems")).toEqual([translate("vi", "producers.error.setItems")]);
    expect(typed(bad.data)).toMatchObject({ kind: "set", setItems: "Ấm trà", name: "Bình gốm men mốc Phù Lãng" });

    const ok = await call(
      actionOf(newProductRoute),
      post(
        path,
        productForm({ name: "Bộ ấm chén", kind: "set", setItems: "- Ấm trà\n- Chén trà\n\n" }),
        producerCookie,
      ),
    );
    expect(ok.status).toBe(302);
    const id = /([a-z0-9]+)$/.exec(ok.headers.get("Location") ?? "")![1];
    expect(await prisma.product.findUniqueOrThrow({ where: { id } })).toMatchObject({
      isSet: true,
      setItems: "Ấm trà\nChén trà",
    });
  });

  test("OCOP stars without a certificate number are refused", async () => {
    const path = `/producer/products/new?establishment=${myEstablishmentId}`;
    const out = await call(
      actionOf(newProductRoute),
      post(path, productForm({ ocopStars: "4", ocopCertNumber: "" }), producerCookie),
    );
    expect(out.status).toBe(400);
    expect(errorsOf(out.data, "ocopCertNumber")).toEqual([translate("vi", "producers.error.ocopCertNumber")]);
    const ok = await call(
      actionOf(newProductRoute),
      post(path, productForm({ ocopStars: "4", ocopCertNumber: "1234/QĐ-UBND" }), producerCookie),
    );
    expect(ok.status).toBe(302);
  });

  test("too short a description and a missing group are named", async () => {
    const path = `/producer/products/new?establishment=${myEstablishmentId}`;
    const out = await call(
      actionOf(newProductRoute),
      post(path, productForm({ description: "Ngon", group: "" }), producerCookie),
    );
    expect(out.status).toBe(400);
    expect(errorsOf(out.data, "description")).toEqual([translate("vi", "producers.error.description")]);
    expect(errorsOf(out.data, "group")).toEqual([translate("vi", "producers.error.group")]);
  });

  test("cannot be added to another producer's establishment (404) or without an establishment (400)", async () => {
    const path = `/producer/products/new?establishment=${myEstablishmentId}`;
    expect((await call(loaderOf(newProductRoute), get(path, otherCookie))).status).toBe(404);
    expect((await call(actionOf(newProductRoute), post(path, productForm(), otherCookie))).status).toBe(404);
    expect((await call(loaderOf(newProductRoute), get("/producer/products/new", producerCookie))).status).toBe(400);
  });

  test("the owner edits a product (audited); another producer gets 404 on it", async () => {
    const path = `/producer/products/${productId}`;
    const page = await call(loaderOf(productRoute), get(path, producerCookie), { id: productId });
    expect(page.status).toBe(200);
    const defaults = (page.data as { defaults: Record<string, string> }).defaults;
    const out = await call(
      actionOf(productRoute),
      post(path, { ...defaults, markets: "Bắc Ninh, Hà Nội; xuất khẩu Nhật Bản" }, producerCookie),
      { id: productId },
    );
    expect(out.status).toBe(302);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: productId } })).markets).toBe(
      "Bắc Ninh, Hà Nội; xuất khẩu Nhật Bản",
    );
    expect(await prisma.auditLog.count({ where: { action: "product.update", entityId: productId } })).toBe(1);

    expect((await call(loaderOf(productRoute), get(path, otherCookie), { id: productId })).status).toBe(404);
    const foreign = await call(actionOf(productRoute), post(path, { ...defaults, name: "Bị sửa" }, otherCookie), {
      id: productId,
    });
    expect(foreign.status).toBe(404);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: productId } })).name).toBe("Mỳ gạo Chũ đặc biệt");
  });

  test("the product page shows the checklist; files complete it; removal is a soft delete by the owner only", async () => {
    const path = `/producer/products/${productId}`;
    const owner = await prisma.establishment.findUniqueOrThrow({
      where: { id: myEstablishmentId },
      select: { ownerId: true },
    });
    const file = (
      kind: "PHOTO" | "BUSINESS_REGISTRATION" | "FOOD_SAFETY_CERT",
      angle: string | null,
      forProduct = true,
    ) =>
      prisma.storedFile.create({
        data: {
          uploadedById: owner.ownerId,
          establishmentId: myEstablishmentId,
          productId: forProduct ? productId : null,
          kind,
          angle,
          storage: "local",
          storageKey: `test/${kind}-${angle}-${Math.random().toString(36).slice(2)}`,
          originalName: `${kind.toLowerCase()}.${kind === "PHOTO" ? "jpg" : "pdf"}`,
          contentType: kind === "PHOTO" ? "image/jpeg" : "application/pdf",
          size: 1234,
          sha256: "0".repeat(64),
        },
      });
    type Page = {
      checklist: { complete: boolean; missing: Array<{ key: string }> };
      files: { photos: unknown[]; documents: unknown[] };
    };
    const load = async () =>
      (await call(loaderOf(productRoute), get(path, producerCookie), { id: productId })).data as Page;

    const start = await load();
    expect(start.checklist.missing.map((m) => m.key)).toEqual(expect.arrayContaining(["photos", "FOOD_SAFETY_CERT"]));

    const front = await file("PHOTO", "FRONT");
    await file("PHOTO", "FRONT");
    await file("PHOTO", "FRONT");
    expect((await load()).checklist.missing.map((m) => m.key)).toContain("photos"); // 3 photos, 1 angle

    await file("PHOTO", "SIDE");
    await file("PHOTO", "TOP");
    await file("FOOD_SAFETY_CERT", null);
    const hasRegistration = await prisma.storedFile.count({
      where: { establishmentId: myEstablishmentId, kind: "BUSINESS_REGISTRATION", deletedAt: null },
    });
    if (!hasRegistration) await file("BUSINESS_REGISTRATION", null, false);
    // Forms 01 and 02 are generated once the product has what they ask (decision 028).
    expect((await load()).checklist.missing.map((m) => m.key)).toEqual(["REGISTRATION_FORM", "DESCRIPTION_FORM"]);
    await prisma.product.update({
      where: { id: productId },
      data: {
        businessLines: "2392 – Sản xuất sản phẩm gốm sứ",
        workforce: 6,
        revenue: 800,
        revenueYear: 2025,
        process: "Vuốt tay, phơi, nung củi",
        annualCapacity: "3.000 sản phẩm/năm",
        markets: "Bắc Ninh, Hà Nội",
        rawMaterials: "Đất sét đồi",
      },
    });
    const full = await load();
    expect(full.checklist.complete).toBe(true);
    expect(full.files.photos).toHaveLength(5);

    const remove = { intent: "remove-file", fileId: front.id };
    expect((await call(actionOf(productRoute), post(path, remove, otherCookie), { id: productId })).status).toBe(404);
    expect((await prisma.storedFile.findUniqueOrThrow({ where: { id: front.id } })).deletedAt).toBeNull();

    const out = await call(actionOf(productRoute), post(path, remove, producerCookie), { id: productId });
    expect(out.status).toBe(302);
    expect((await prisma.storedFile.findUniqueOrThrow({ where: { id: front.id } })).deletedAt).not.toBeNull();
    expect((await load()).files.photos).toHaveLength(4);
  });
});

describe("uploads from the product page", () => {
  let productId: string;

  beforeAll(async () => {
    const est = await prisma.establishment.findUniqueOrThrow({ where: { id: myEstablishmentId } });
    productId = (
      await prisma.product.create({
        data: {
          establishmentId: est.id,
          name: "Bánh đa nem Chũ",
          searchName: "banh da nem chu",
          group: "B",
          description: "Bánh đa nem tráng mỏng, phơi nắng.",
        },
      })
    ).id;
  });

  function upload(fields: Record<string, string | File>, cookie: string, json = true) {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    const headers: Record<string, string> = { Cookie: cookie };
    if (json) headers.Accept = "application/json";
    return new Request(`${ORIGIN}/producer/products/${productId}/files`, { method: "POST", body, headers });
  }
  const jpeg = async (name: string) =>
    new File([new Uint8Array(await demoPhoto(2, "FRONT"))], name, { type: "image/jpeg" });
  const pdf = (name: string) =>
    new File([new Uint8Array(demoPdf(["Giay chung nhan dang ky"]))], name, { type: "application/pdf" });
  const json = async (out: Awaited<ReturnType<typeof call>>) =>
    (await out.response!.json()) as { ok: boolean; message: string };

  test("a phone photo is stored on the product with its angle and a thumbnail (JSON for the script)", async () => {
    const out = await call(
      uploadRoute.action as RouteFn,
      upload({ kind: "PHOTO:SIDE", photo: await jpeg("IMG_0001.jpg"), file: new File([], "") }, producerCookie),
      { id: productId },
    );
    expect(out.status).toBe(200);
    expect(await json(out)).toEqual({
      ok: true,
      message: translate("vi", "producers.files.upload.done", { name: "IMG_0001.jpg" }),
    });
    const row = await prisma.storedFile.findFirstOrThrow({ where: { productId, kind: "PHOTO" } });
    expect(row).toMatchObject({ angle: "SIDE", establishmentId: myEstablishmentId, originalName: "IMG_0001.jpg" });
    expect(row.thumbnailKey).not.toBeNull();
  });

  test("without JavaScript a business registration PDF goes to the establishment and the page comes back", async () => {
    const out = await call(
      uploadRoute.action as RouteFn,
      upload({ kind: "BUSINESS_REGISTRATION", file: pdf("giay-dang-ky.pdf") }, producerCookie, false),
      { id: productId },
    );
    expect(out.status).toBe(302);
    expect(out.headers.get("Location")).toBe(`/producer/products/${productId}`);
    expect(out.headers.get("Set-Cookie")).toContain("tb_toast=");
    const row = await prisma.storedFile.findFirstOrThrow({
      where: { establishmentId: myEstablishmentId, originalName: "giay-dang-ky.pdf" },
    });
    expect(row).toMatchObject({ kind: "BUSINESS_REGISTRATION", productId: null, angle: null });
  });

  test("a refused file, a missing kind or a missing file get a message and store nothing", async () => {
    const before = await prisma.storedFile.count();
    const wrongType = await call(
      uploadRoute.action as RouteFn,
      upload({ kind: "FOOD_SAFETY_CERT", file: await jpeg("atvstp.jpg") }, producerCookie),
      { id: productId },
    );
    expect(wrongType.status).toBe(400);
    expect((await json(wrongType)).message).toContain("atvstp.jpg");
    const noKind = await call(
      uploadRoute.action as RouteFn,
      upload({ kind: "", photo: await jpeg("a.jpg") }, producerCookie),
      { id: productId },
    );
    expect(noKind.status).toBe(400);
    expect((await json(noKind)).message).toBe(translate("vi", "producers.files.upload.kindRequired"));
    const noFile = await call(
      uploadRoute.action as RouteFn,
      upload({ kind: "PHOTO:TOP", photo: new File([], "") }, producerCookie),
      { id: productId },
    );
    expect(noFile.status).toBe(400);
    expect((await json(noFile)).message).toBe(translate("vi", "producers.files.upload.noFile"));
    expect(await prisma.storedFile.count()).toBe(before);
  });

  test("another producer gets 404 and an organiser 403; nothing is stored", async () => {
    const before = await prisma.storedFile.count();
    const foreign = await call(
      uploadRoute.action as RouteFn,
      upload({ kind: "PHOTO:TOP", photo: await jpeg("x.jpg") }, otherCookie),
      { id: productId },
    );
    expect(foreign.status).toBe(404);
    const organiser = await call(
      uploadRoute.action as RouteFn,
      upload({ kind: "PHOTO:TOP", photo: await jpeg("x.jpg") }, organiserCookie),
      { id: productId },
    );
    expect(organiser.status).toBe(403);
    expect(await prisma.storedFile.count()).toBe(before);
  });
});
