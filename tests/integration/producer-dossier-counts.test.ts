// The producer's home and establishment pages count what a product's dossier misses the way the
// onboarding and the product page do: forms 01 and 02 included (issue #16). A product with its
// photos and registration but without the data the forms ask is not "complete" on any page.
import { beforeAll, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { call, cookieFor, get, type RouteFn } from "../support/route-calls";
import { loadOnboarding } from "~/modules/producers/onboarding.server";
import * as establishmentPage from "~/routes/producer.establishments.$id";
import * as producerHome from "~/routes/producer._index";
import { prisma } from "~/utils/db.server";

let userId: string;
let cookie: string;
let establishmentId: string;
let productId: string;

beforeAll(async () => {
  await seed(prisma, { demo: true });
  const demoProducer = await prisma.user.findUniqueOrThrow({ where: { email: "producer@tieubieu.test" } });
  const user = await prisma.user.create({
    data: {
      email: "dem.ho.so@example.vn",
      name: "Người Đếm Hồ Sơ",
      emailVerifiedAt: new Date(),
      passwordHash: demoProducer.passwordHash,
    },
  });
  userId = user.id;
  await prisma.roleAssignment.create({ data: { userId, role: "PRODUCER", level: "PROVINCE" } });
  const bn = await prisma.province.findUniqueOrThrow({ where: { code: "BN" } });
  const est = await prisma.establishment.create({
    data: {
      ownerId: userId,
      legalForm: "COOPERATIVE",
      name: "Hợp tác xã Gốm Đếm",
      registrationNumber: "DEM-001",
      provinceId: bn.id,
      commune: "Xã Phù Lãng",
    },
  });
  establishmentId = est.id;
  // Group A: photos from three angles and the business registration; nothing the forms ask yet.
  const product = await prisma.product.create({
    data: {
      establishmentId,
      name: "Bình gốm men rạn",
      searchName: "binh gom men ran",
      group: "A",
      description: "Bình gốm thủ công.",
    },
  });
  productId = product.id;
  const file = (kind: "PHOTO" | "BUSINESS_REGISTRATION", n: number, angle: string | null, forProduct: boolean) => ({
    uploadedById: userId,
    establishmentId,
    productId: forProduct ? productId : null,
    kind,
    angle,
    storage: "local",
    storageKey: `dem-${n}`,
    originalName: `tep-${n}.jpg`,
    contentType: "image/jpeg",
    size: 1,
    sha256: String(n).padStart(64, "0"),
  });
  await prisma.storedFile.createMany({
    data: [
      file("BUSINESS_REGISTRATION", 0, null, false),
      file("PHOTO", 1, "FRONT", true),
      file("PHOTO", 2, "SIDE", true),
      file("PHOTO", 3, "TOP", true),
    ],
  });
  cookie = await cookieFor(user.email);
}, 180_000);

type Counted = { id: string; missing: number };

async function counts() {
  const home = await call(producerHome.loader as RouteFn, get("/producer", cookie));
  expect(home.status).toBe(200);
  const page = await call(
    establishmentPage.loader as RouteFn,
    get(`/producer/establishments/${establishmentId}`, cookie),
    { id: establishmentId },
  );
  expect(page.status).toBe(200);
  const onHome = (home.data as { establishments: Array<{ id: string; products: Counted[] }> }).establishments.find(
    (e) => e.id === establishmentId,
  )!.products;
  const onPage = (page.data as { products: Counted[] }).products;
  const walk = await loadOnboarding(userId);
  return {
    home: onHome.find((p) => p.id === productId)!.missing,
    establishment: onPage.find((p) => p.id === productId)!.missing,
    dossierStepDone: walk.steps.find((s) => s.key === "dossier")!.done,
  };
}

test("without the data forms 01 and 02 ask, both pages count the two forms as missing, as the onboarding does", async () => {
  expect(await counts()).toEqual({ home: 2, establishment: 2, dossierStepDone: false });
});

test("with form 01's data only, one is missing; with both forms' data, none, and the onboarding's step is done", async () => {
  await prisma.product.update({
    where: { id: productId },
    data: { businessLines: "Sản xuất gốm sứ", workforce: 12, revenue: 850, revenueYear: 2025 },
  });
  expect(await counts()).toEqual({ home: 1, establishment: 1, dossierStepDone: false });
  await prisma.product.update({
    where: { id: productId },
    data: { rawMaterials: "Đất sét", process: "Nặn, nung", annualCapacity: "2.000 chiếc", markets: "Trong nước" },
  });
  expect(await counts()).toEqual({ home: 0, establishment: 0, dossierStepDone: true });
});
