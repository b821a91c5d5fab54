// Producers choose which photos may go public; a public photo stays private until the product
// is certified (no certificate exists yet, so anonymous visitors are still sent to log in).
import { beforeAll, expect, test } from "vitest";
import { demoPhoto } from "../../prisma/demo-files";
import { seed } from "../../prisma/seed";
import { call, cookieFor, get, post } from "../support/route-calls";
import { storeFile } from "~/modules/files/upload.server";
import * as fileRoute from "~/routes/files.$id";
import * as productRoute from "~/routes/producer.products.$id";
import { prisma } from "~/utils/db.server";

let productId: string;
let fileId: string;
let owner: string;

beforeAll(async () => {
  await seed(prisma, { demo: true });
  const est = await prisma.establishment.findFirstOrThrow({ where: { owner: { email: "producer@tieubieu.test" } } });
  productId = (await prisma.product.create({ data: { establishmentId: est.id, name: "Mỳ gạo Chũ", searchName: "my gao chu", group: "B", description: "Mỳ gạo phơi nắng tự nhiên, sợi dai." } })).id;
  fileId = (await storeFile(prisma, { bytes: await demoPhoto(1, "FRONT"), fileName: "truoc.jpg", kind: "PHOTO", angle: "FRONT", establishmentId: est.id, productId, uploadedById: est.ownerId }, { ip: "127.0.0.1" })).id;
  owner = await cookieFor("producer@tieubieu.test");
});

test("the owner marks a photo public and back, audited", async () => {
  const res = await call(productRoute.action, post(`/producer/products/${productId}`, { intent: "photo-public", fileId, isPublic: "1" }, owner), { id: productId });
  expect(res.status).toBe(302);
  expect((await prisma.storedFile.findUniqueOrThrow({ where: { id: fileId } })).isPublic).toBe(true);
  await call(productRoute.action, post(`/producer/products/${productId}`, { intent: "photo-public", fileId, isPublic: "0" }, owner), { id: productId });
  expect((await prisma.storedFile.findUniqueOrThrow({ where: { id: fileId } })).isPublic).toBe(false);
  expect(await prisma.auditLog.count({ where: { action: "file.public_changed", entityId: fileId } })).toBe(2);
});

test("another producer cannot touch it, and a public photo is not served before certification", async () => {
  const other = await prisma.user.create({
    data: { email: "khac@example.vn", name: "Người khác", emailVerifiedAt: new Date(), passwordHash: (await prisma.user.findUniqueOrThrow({ where: { email: "producer@tieubieu.test" } })).passwordHash, roles: { create: { role: "PRODUCER", level: "PROVINCE" } } },
  });
  const otherCookie = await cookieFor(other.email);
  const res = await call(productRoute.action, post(`/producer/products/${productId}`, { intent: "photo-public", fileId, isPublic: "1" }, otherCookie), { id: productId });
  expect(res.status).toBe(404);
  await prisma.storedFile.update({ where: { id: fileId }, data: { isPublic: true } });
  const anonymous = await call(fileRoute.loader, get(`/files/${fileId}`), { id: fileId });
  expect(anonymous.status).toBe(302);
  expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
});
