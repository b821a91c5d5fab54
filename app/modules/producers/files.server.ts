// The photos and documents of a producer's product, as the product page shows them. Storing,
// sniffing, thumbnails and serving belong to the files module (app/modules/files); this module
// only decides which product or establishment a file belongs to, and that only the owner may add
// or remove one. A business registration copy belongs to the establishment (productId null), so
// every product of the establishment shares it.
import type { Prisma } from "~/generated/sqlite/client.ts";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import type { Auth } from "~/modules/auth/auth.server";
import { deleteFile, storeFile } from "~/modules/files/upload.server";
import { prisma } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import { uploadTarget, type UploadChoice } from "./schemas";

const fileSelect = {
  id: true,
  kind: true,
  angle: true,
  originalName: true,
  contentType: true,
  size: true,
  productId: true,
  thumbnailKey: true,
  isPublic: true,
  createdAt: true,
} satisfies Prisma.StoredFileSelect;

/** Files of the product plus its establishment's own documents, owner only (live ones by default). */
function productFilesWhere(
  auth: Auth,
  product: { id: string; establishmentId: string },
  live = true,
): Prisma.StoredFileWhereInput {
  return {
    ...(live ? { deletedAt: null } : {}),
    establishmentId: product.establishmentId,
    establishment: { ownerId: auth.user.id },
    OR: [{ productId: product.id }, { productId: null }],
  };
}

export async function listProductFiles(auth: Auth, product: { id: string; establishmentId: string }) {
  const rows = await prisma.storedFile.findMany({
    where: productFilesWhere(auth, product),
    select: fileSelect,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const files = rows.map(({ thumbnailKey, ...f }) => ({ ...f, hasThumbnail: thumbnailKey !== null }));
  return {
    photos: files.filter((f) => f.kind === "PHOTO"),
    documents: files.filter((f) => f.kind !== "PHOTO"),
  };
}

/** What the dossier checklists of an establishment's products need (kinds and angles only). */
export function establishmentFileSummary(auth: Auth, establishmentId: string) {
  return prisma.storedFile.findMany({
    where: { deletedAt: null, establishmentId, establishment: { ownerId: auth.user.id } },
    select: { kind: true, angle: true, productId: true },
  });
}

/**
 * Adds an uploaded file to the product's dossier, through the files module (which sniffs the
 * type, re-encodes photos and audits). A business registration copy goes to the establishment.
 */
export async function uploadProductFile(
  auth: Auth,
  productId: string,
  file: { bytes: Buffer; fileName: string },
  choice: UploadChoice,
  meta: RequestMeta,
) {
  const product = await prisma.product.findFirst({
    where: { id: productId, establishment: { ownerId: auth.user.id } },
    select: { id: true, establishmentId: true },
  });
  if (!product) throw notFound();
  const { kind, angle } = uploadTarget(choice);
  return storeFile(
    prisma,
    {
      bytes: file.bytes,
      fileName: file.fileName,
      kind,
      angle,
      establishmentId: product.establishmentId,
      productId: kind === "BUSINESS_REGISTRATION" ? null : product.id,
      uploadedById: auth.user.id,
    },
    meta,
  );
}

/**
 * Removes a file from the product's dossier: a soft delete in the files module, because an entry
 * already submitted keeps the file ids of its frozen dossier version. Removing twice (a repeated
 * submit without JavaScript) is harmless.
 */
export async function removeProductFile(
  auth: Auth,
  product: { id: string; establishmentId: string },
  fileId: string,
  meta: RequestMeta,
) {
  const scope = productFilesWhere(auth, product, false);
  const file = await prisma.storedFile.findFirst({
    where: { id: fileId, ...scope },
    select: { id: true, deletedAt: true },
  });
  if (!file) throw notFound();
  if (file.deletedAt) return;
  await deleteFile(prisma, { fileId, actorId: auth.user.id, scope }, meta);
}

/**
 * The producer chooses which photos may appear on the public register. A photo marked public
 * stays private until the product holds a certificate (the files module's publicFilesWhere).
 */
export async function setPhotoPublic(
  auth: Auth,
  product: { id: string; establishmentId: string },
  fileId: string,
  isPublic: boolean,
  meta: RequestMeta,
) {
  const file = await prisma.storedFile.findFirst({
    where: { id: fileId, kind: "PHOTO", productId: product.id, ...productFilesWhere(auth, product) },
    select: { id: true, isPublic: true },
  });
  if (!file) throw notFound();
  if (file.isPublic === isPublic) return;
  await prisma.$transaction(async (tx) => {
    await tx.storedFile.update({ where: { id: fileId }, data: { isPublic } });
    await audit(tx, {
      actorId: auth.user.id,
      action: "file.public_changed",
      entityType: "StoredFile",
      entityId: fileId,
      before: { isPublic: file.isPublic },
      after: { isPublic },
      meta,
    });
  });
}
