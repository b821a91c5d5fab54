// Producers choose which photos may go public; a public photo stays private until the product
// is certified, is served to anyone while a certificate stands, and goes private again when the
// only certificate is revoked.
import { beforeAll, expect, test } from "vitest";
import { demoPhoto } from "../../prisma/demo-files";
import { seed } from "../../prisma/seed";
import { call, cookieFor, get, post } from "../support/route-calls";
import { storeFile } from "~/modules/files/upload.server";
import * as fileRoute from "~/routes/files.$id";
import * as productRoute from "~/routes/producer.products.$id";
import { prisma } from "~/utils/db.server";
import { createGroups, PRODUCT_GROUPS } from "~/modules/rounds/groups";

let productId: string;
let fileId: string;
let owner: string;

beforeAll(async () => {
  await seed(prisma, { demo: true });
  const est = await prisma.establishment.findFirstOrThrow({ where: { owner: { email: "producer@tieubieu.test" } } });
  productId = (
    await prisma.product.create({
      data: {
        establishmentId: est.id,
        name: "Mỳ gạo Chũ",
        searchName: "my gao chu",
        group: "B",
        description: "Mỳ gạo phơi nắng tự nhiên, sợi dai.",
      },
    })
  ).id;
  fileId = (
    await storeFile(
      prisma,
      {
        bytes: await demoPhoto(1, "FRONT"),
        fileName: "truoc.jpg",
        kind: "PHOTO",
        angle: "FRONT",
        establishmentId: est.id,
        productId,
        uploadedById: est.ownerId,
      },
      { ip: "127.0.0.1" },
    )
  ).id;
  owner = await cookieFor("producer@tieubieu.test");
});

test("the owner marks a photo public and back, audited", async () => {
  const res = await call(
    productRoute.action,
    post(`/producer/products/${productId}`, { intent: "photo-public", fileId, isPublic: "1" }, owner),
    { id: productId },
  );
  expect(res.status).toBe(302);
  expect((await prisma.storedFile.findUniqueOrThrow({ where: { id: fileId } })).isPublic).toBe(true);
  await call(
    productRoute.action,
    post(`/producer/products/${productId}`, { intent: "photo-public", fileId, isPublic: "0" }, owner),
    { id: productId },
  );
  expect((await prisma.storedFile.findUniqueOrThrow({ where: { id: fileId } })).isPublic).toBe(false);
  expect(await prisma.auditLog.count({ where: { action: "file.public_changed", entityId: fileId } })).toBe(2);
});

test("another producer cannot touch it, and a public photo is not served before certification", async () => {
  const other = await prisma.user.create({
    data: {
      email: "khac@example.vn",
      name: "Người khác",
      emailVerifiedAt: new Date(),
      passwordHash: (await prisma.user.findUniqueOrThrow({ where: { email: "producer@tieubieu.test" } })).passwordHash,
      roles: { create: { role: "PRODUCER", level: "PROVINCE" } },
    },
  });
  const otherCookie = await cookieFor(other.email);
  const res = await call(
    productRoute.action,
    post(`/producer/products/${productId}`, { intent: "photo-public", fileId, isPublic: "1" }, otherCookie),
    { id: productId },
  );
  expect(res.status).toBe(404);
  await prisma.storedFile.update({ where: { id: fileId }, data: { isPublic: true } });
  const anonymous = await call(fileRoute.loader, get(`/files/${fileId}`), { id: fileId });
  expect(anonymous.status).toBe(302);
  expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
});

test("once the product holds a certificate the public photo is served to anyone; a private one is not; revocation hides it again", async () => {
  const product = await prisma.product.findUniqueOrThrow({
    where: { id: productId },
    include: { establishment: true },
  });
  const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@tieubieu.test" } });
  const bn = await prisma.province.findUniqueOrThrow({ where: { code: "BN" } });
  const round = await prisma.round.create({
    data: {
      groups: createGroups(PRODUCT_GROUPS),
      name: "Bình chọn 2024",
      level: "PROVINCE",
      provinceId: bn.id,
      year: 2024,
      entriesOpenAt: new Date("2024-03-01"),
      entriesCloseAt: new Date("2024-04-01"),
      status: "PUBLISHED",
      resultsFinalisedAt: new Date("2024-05-01"),
      createdById: admin.id,
    },
  });
  const entry = await prisma.entry.create({
    data: {
      roundId: round.id,
      productId,
      establishmentId: product.establishmentId,
      group: "B",
      status: "ACCEPTED",
      entryCode: "BN-2024-B-001",
      searchText: "my gao chu",
    },
  });
  const decision = await prisma.recognitionDecision.create({
    data: {
      roundId: round.id,
      number: "44/QĐ-UBND",
      signedAt: new Date("2024-05-13"),
      authority: "UBND tỉnh Bắc Ninh",
      signerName: "Nguyễn Văn A",
      signerTitle: "Phó Chủ tịch",
      createdById: admin.id,
    },
  });
  const cert = await prisma.certificate.create({
    data: {
      serial: "GCN-BN-2024-0001",
      code: "7KQ2M9XMD3",
      decisionId: decision.id,
      roundId: round.id,
      entryId: entry.id,
      productId,
      establishmentId: product.establishmentId,
      provinceId: bn.id,
      level: "PROVINCE",
      jurisdiction: "cấp tỉnh Bắc Ninh",
      year: 2024,
      productName: product.name,
      productGroup: "B",
      establishmentName: product.establishment.name,
      establishmentAddress: "Phường Chũ, tỉnh Bắc Ninh",
      searchText: "my gao chu",
      issuedAt: new Date("2024-05-13"),
      validUntil: new Date("2027-12-31T16:59:59.999Z"),
    },
  });
  const publicOne = await call(fileRoute.loader, get(`/files/${fileId}`), { id: fileId });
  expect(publicOne.status).toBe(200);
  await prisma.storedFile.update({ where: { id: fileId }, data: { isPublic: false } });
  expect((await call(fileRoute.loader, get(`/files/${fileId}`), { id: fileId })).status).toBe(302);
  await prisma.storedFile.update({ where: { id: fileId }, data: { isPublic: true } });
  await prisma.certificate.update({
    where: { id: cert.id },
    data: { revokedAt: new Date(), revokedReason: "Vi phạm", revokedById: admin.id },
  });
  expect((await call(fileRoute.loader, get(`/files/${fileId}`), { id: fileId })).status).toBe(302);
});

test("the producer's product page lists the rounds the product took part in, with its certificate", async () => {
  const page = await call(productRoute.loader, get(`/producer/products/${productId}`, owner), { id: productId });
  const history = (
    page.data as {
      history: Array<{
        round: { year: number; level: string };
        entryCode: string | null;
        certificate: { serial: string; status: string } | null;
      }>;
    }
  ).history;
  expect(history).toHaveLength(1);
  expect(history[0]).toMatchObject({
    round: { year: 2024, level: "PROVINCE" },
    entryCode: "BN-2024-B-001",
    certificate: { serial: "GCN-BN-2024-0001", status: "revoked" },
  });
});
