// Uploads: streaming multipart parsing with limits, then storing one file — type sniffed from
// its bytes, photos re-encoded without metadata, bytes written to the file storage and the
// StoredFile row + audit entry inserted in one transaction. A failed upload leaves nothing
// behind: no row, no bytes. Services throw DomainError(400, key, { name, … }) for anything the
// user can fix; routes show the message. See docs/decisions/006-file-storage.md.
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import crypto from "node:crypto";
import type { Prisma } from "~/generated/sqlite/client.ts";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import type { Db, FileKind } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { DomainError } from "~/utils/errors";
import { ImageDecodeError, ImageTooLargeError, MAX_INPUT_PIXELS, processImage, type ImageType } from "./image.server";
import { MultipartNameTap } from "./multipart-names";
import {
  ALL_TYPES,
  allowedTypesFor,
  displayName,
  hasPathTraversal,
  isImage,
  safeFileName,
  sniffType,
  typeLabels,
  type AllowedType,
} from "./sniff";
import { getFileStorage, newStorageKey, storageNamed } from "./storage.server";
import { getLogger } from "~/utils/logger.server";

const log = getLogger("files.upload");

const MB = 1024 * 1024;
/** Enough bytes to recognise every allowed type (a PDF header may sit anywhere in the first 1 KiB). */
const SNIFF_BYTES = 1024;
const MAX_FIELD_BYTES = 64 * 1024;
const MAX_FIELDS = 200;

export const PHOTO_ANGLES = ["FRONT", "SIDE", "TOP", "DETAIL"] as const;
export type PhotoAngle = (typeof PHOTO_ANGLES)[number];
const FILE_KINDS = new Set<string>([
  "PHOTO",
  "BUSINESS_REGISTRATION",
  "REGISTRATION_FORM",
  "DESCRIPTION_FORM",
  "QUALITY_CERT",
  "FOOD_SAFETY_CERT",
  "TRADEMARK",
  "OCOP_CERT",
  "AWARD",
  "OTHER",
] satisfies FileKind[]);

/** The per-file limit (UPLOAD_MAX_MB, default 10). */
export function uploadLimits(maxMb = getEnv().UPLOAD_MAX_MB) {
  return { maxMb, maxBytes: maxMb * MB };
}

const tooLarge = (name: string, maxMb: number) =>
  new DomainError(400, "files.error.tooLarge", { name: displayName(name), max: maxMb });
const empty = (name: string) => new DomainError(400, "files.error.empty", { name: displayName(name) });
const badName = (name: string) => new DomainError(400, "files.error.badName", { name: displayName(name) });
const wrongType = (name: string, allowed: readonly AllowedType[]) =>
  new DomainError(400, "files.error.type", { name: displayName(name), allowed: typeLabels(allowed) });

// ───────────── multipart parsing ─────────────

export interface UploadedPart {
  /** The form field the file came in. */
  field: string;
  /** The file name as the browser sent it (already checked: no path parts). */
  fileName: string;
  /** The type the browser claimed; informative only, storeFile sniffs the bytes. */
  claimedType: string;
  bytes: Buffer;
}

export interface UploadForm {
  /** The text fields, for zod / Conform (files are not in it). */
  formData: FormData;
  files: UploadedPart[];
}

export interface ParseUploadOptions {
  /** At most this many files in one request (default 10). */
  maxFiles?: number;
  /** Per-file limit in MB (default UPLOAD_MAX_MB). */
  maxMb?: number;
}

/**
 * Reads a multipart/form-data request as it streams in. Each file is counted while it arrives
 * and refused as soon as it passes the limit, so a 50 MB upload never sits in memory: at most
 * `maxFiles` × the limit is held. Refused with a DomainError naming the file: too large, empty,
 * a name with a path in it ("../", "/etc", "C:\"), a type that is not JPEG/PNG/WebP/PDF, too
 * many files.
 */
export async function parseUploadForm(request: Request, opts: ParseUploadOptions = {}): Promise<UploadForm> {
  const { maxMb, maxBytes } = uploadLimits(opts.maxMb);
  const maxFiles = opts.maxFiles ?? 10;
  // Same boundary parsing as Remix's parser, so the name tap and the parser agree.
  const [type, boundary] = (request.headers.get("Content-Type") ?? "").split(/\s*;\s*boundary=/);
  if (type !== "multipart/form-data" || !boundary || !request.body) throw new DomainError(400, "files.error.malformed");

  const tap = new MultipartNameTap(boundary);
  const source = request.body.getReader();
  const tapped = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await source.read();
        if (done) return controller.close();
        tap.feed(value);
        controller.enqueue(value);
      },
    },
    { highWaterMark: 0 }, // read from the network only when the parser asks
  );

  const files: UploadedPart[] = [];
  let parts = 0;
  const handler: UploadHandler = async ({ name, filename, contentType, data }) => {
    const raw = tap.names.shift();
    if (++parts > MAX_FIELDS + maxFiles) throw new DomainError(400, "files.error.malformed");
    if (filename === undefined) return readTextField(data);

    const sent = typeof raw === "string" ? raw : filename;
    if (hasPathTraversal(sent)) throw badName(sent);
    if (sent !== "" && files.length >= maxFiles) throw new DomainError(400, "files.error.tooMany", { max: maxFiles });
    const chunks: Uint8Array[] = [];
    let size = 0;
    let sniffed = false;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size > maxBytes) throw tooLarge(sent, maxMb);
      chunks.push(chunk);
      if (!sniffed && size >= SNIFF_BYTES) {
        if (!sniffType(Buffer.concat(chunks))) throw wrongType(sent, ALL_TYPES);
        sniffed = true;
      }
    }
    if (size === 0) {
      if (sent === "") return undefined; // an empty file input: nothing was chosen
      throw empty(sent);
    }
    const bytes = Buffer.concat(chunks, size);
    if (!sniffed && !sniffType(bytes)) throw wrongType(sent, ALL_TYPES);
    if (files.length >= maxFiles) throw new DomainError(400, "files.error.tooMany", { max: maxFiles });
    files.push({ field: name, fileName: sent.normalize("NFC"), claimedType: contentType, bytes });
    return undefined;
  };

  try {
    const formData = await unstable_parseMultipartFormData(
      new Request(request.url, {
        method: request.method,
        headers: request.headers,
        body: tapped,
        duplex: "half",
      } as RequestInit),
      handler,
    );
    return { formData, files };
  } catch (error) {
    // The rest of the body is left unread: the answer goes out at once and Node closes the
    // half-read connection afterwards (see docs/decisions/006-file-storage.md).
    if (error instanceof DomainError) throw error;
    log.warn({ reason: error instanceof Error ? error.message : String(error) }, "unreadable multipart upload");
    throw new DomainError(400, "files.error.malformed");
  }
}

async function readTextField(data: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += chunk.byteLength;
    if (size > MAX_FIELD_BYTES) throw new DomainError(400, "files.error.malformed");
    chunks.push(chunk);
  }
  return new TextDecoder().decode(Buffer.concat(chunks, size));
}

// ───────────── storing one file ─────────────

export interface StoreFileInput {
  bytes: Buffer;
  /** The name the user gave the file; kept (cleaned) for display and downloads only. */
  fileName: string;
  kind: FileKind;
  /** Photos only: which side of the product the photo shows (PHOTO_ANGLES; checked at run time,
   * so a form value can be passed as is). Ignored for documents. */
  angle?: string | null;
  establishmentId: string;
  /** Product files (photos, certificates); null/absent for the establishment's own documents. */
  productId?: string | null;
  uploadedById: string;
}

export const storedFileInfoSelect = {
  id: true,
  kind: true,
  angle: true,
  storage: true,
  contentType: true,
  size: true,
  width: true,
  height: true,
  sha256: true,
  originalName: true,
  thumbnailKey: true,
  establishmentId: true,
  productId: true,
  createdAt: true,
} satisfies Prisma.StoredFileSelect;

export type StoredFileInfo = Prisma.StoredFileGetPayload<{ select: typeof storedFileInfoSelect }>;

/**
 * Stores one uploaded file for an establishment (and product). The caller has checked that the
 * user may add files there. Photos (kind PHOTO) must be JPEG, PNG or WebP; every other kind
 * must be a PDF — judged by the bytes, not the name.
 */
export async function storeFile(db: Db, input: StoreFileInput, meta: RequestMeta): Promise<StoredFileInfo> {
  const { fileName, bytes, kind } = input;
  if (!FILE_KINDS.has(kind)) throw new DomainError(400, "error.400");
  const angle = kind === "PHOTO" ? (input.angle ?? null) : null;
  if (angle !== null && !(PHOTO_ANGLES as readonly string[]).includes(angle)) throw new DomainError(400, "error.400");
  const type = checkUploadedBytes(fileName, bytes, allowedTypesFor(kind));

  const owner = await db.establishment.findUnique({ where: { id: input.establishmentId }, select: { id: true } });
  if (!owner) throw new DomainError(404, "error.404");
  if (input.productId) {
    const product = await db.product.findFirst({
      where: { id: input.productId, establishmentId: input.establishmentId },
      select: { id: true },
    });
    if (!product) throw new DomainError(404, "error.404");
  }

  const written = await writeUploadedBytes(fileName, bytes, type);
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.storedFile.create({
        data: {
          uploadedById: input.uploadedById,
          establishmentId: input.establishmentId,
          productId: input.productId ?? null,
          kind,
          angle,
          ...written.columns,
        },
        select: storedFileInfoSelect,
      });
      await audit(tx, {
        actorId: input.uploadedById,
        action: "file.upload",
        entityType: "StoredFile",
        entityId: row.id,
        after: {
          kind,
          angle,
          name: row.originalName,
          contentType: type,
          size: row.size,
          uploadedSize: bytes.length,
          establishmentId: row.establishmentId,
          productId: row.productId,
          storage: written.columns.storage,
        },
        meta,
      });
      return row;
    });
  } catch (error) {
    await discardWrittenBytes(written);
    throw error;
  }
}

// ───────────── checking and writing the bytes (shared with other owners of files) ─────────────

/**
 * The checks every stored file passes, whoever owns its row: a name without a path, not empty,
 * within the size limit, and one of `allowed` judged by the bytes. Returns the sniffed type.
 */
export function checkUploadedBytes(fileName: string, bytes: Buffer, allowed: readonly AllowedType[]): AllowedType {
  // The same checks as the parser: storeFile may be called with bytes from elsewhere.
  if (hasPathTraversal(fileName)) throw badName(fileName);
  if (bytes.length === 0) throw empty(fileName);
  const { maxMb, maxBytes } = uploadLimits();
  if (bytes.length > maxBytes) throw tooLarge(fileName, maxMb);
  const type = sniffType(bytes.subarray(0, SNIFF_BYTES));
  if (!type || !allowed.includes(type)) throw wrongType(fileName, allowed);
  return type;
}

/** Bytes written to the file storage, and the columns a row needs to reach them. */
export interface WrittenBytes {
  columns: {
    storage: string;
    storageKey: string;
    thumbnailKey: string | null;
    originalName: string;
    contentType: AllowedType;
    size: number;
    sha256: string;
    width: number | null;
    height: number | null;
  };
  keys: string[];
}

/**
 * Writes checked bytes (checkUploadedBytes) to the file storage: photos re-encoded without
 * metadata and given a thumbnail, PDFs byte for byte. The caller then commits its row; if that
 * fails it calls discardWrittenBytes, so nothing outlives a failed upload (the sweep, decision
 * 022, removes what a crash in between leaves, once the row's key column is in KEY_REFERENCES).
 */
export async function writeUploadedBytes(fileName: string, bytes: Buffer, type: AllowedType): Promise<WrittenBytes> {
  let stored = bytes;
  let thumbnail: Buffer | null = null;
  let width: number | null = null;
  let height: number | null = null;
  if (isImage(type)) {
    try {
      const image = await processImage(bytes, type as ImageType);
      ({ bytes: stored, thumbnail, width, height } = image);
    } catch (error) {
      if (error instanceof ImageTooLargeError) {
        const { width: w, height: h } = error;
        const megapixels = (n: number) => Math.round(n / 1_000_000);
        throw new DomainError(400, "files.error.tooManyPixels", {
          name: displayName(fileName),
          width: w,
          height: h,
          mp: megapixels(w * h),
          max: megapixels(MAX_INPUT_PIXELS),
        });
      }
      if (error instanceof ImageDecodeError)
        throw new DomainError(400, "files.error.unreadable", { name: displayName(fileName) });
      throw error;
    }
  }
  // PDFs are kept byte for byte; they are only ever served as downloads (see serve.server.ts).

  const storage = getFileStorage();
  const storageKey = newStorageKey();
  const thumbnailKey = thumbnail ? newStorageKey() : null;
  const written: WrittenBytes = {
    columns: {
      storage: storage.name,
      storageKey,
      thumbnailKey,
      originalName: safeFileName(fileName, type),
      contentType: type,
      size: stored.length,
      sha256: crypto.createHash("sha256").update(stored).digest("hex"),
      width,
      height,
    },
    keys: [],
  };
  try {
    await storage.put(storageKey, stored, type);
    written.keys.push(storageKey);
    if (thumbnail && thumbnailKey) {
      await storage.put(thumbnailKey, thumbnail, "image/webp");
      written.keys.push(thumbnailKey);
    }
    return written;
  } catch (error) {
    await discardWrittenBytes(written);
    throw error;
  }
}

/** Removes the bytes of an upload whose row was not committed. */
export async function discardWrittenBytes(written: WrittenBytes): Promise<void> {
  const storage = storageNamed(written.columns.storage);
  await Promise.all(
    written.keys.map((key) =>
      storage
        .delete(key)
        .catch((cleanupError) =>
          log.error({ err: cleanupError, storage: storage.name, key }, "could not remove the bytes of a failed upload"),
        ),
    ),
  );
}

// ───────────── deleting ─────────────

export interface DeleteFileInput {
  fileId: string;
  actorId: string;
  /** Who may delete, as a where clause (see manageableFilesWhere in access.server.ts). */
  scope: Prisma.StoredFileWhereInput;
}

/**
 * Soft delete: the file leaves the product's lists, but its bytes and row stay, because frozen
 * dossier versions (EntryVersion snapshots) may point at it and must still open.
 */
export async function deleteFile(db: Db, input: DeleteFileInput, meta: RequestMeta): Promise<void> {
  await db.$transaction(async (tx) => {
    const file = await tx.storedFile.findFirst({
      where: { AND: [{ id: input.fileId, deletedAt: null }, input.scope] },
      select: { id: true, kind: true, originalName: true, establishmentId: true, productId: true },
    });
    if (!file) throw new DomainError(404, "error.404");
    const { count } = await tx.storedFile.updateMany({
      where: { id: file.id, deletedAt: null },
      data: { deletedAt: new Date() },
    });
    if (count !== 1) throw new DomainError(404, "error.404");
    await audit(tx, {
      actorId: input.actorId,
      action: "file.delete",
      entityType: "StoredFile",
      entityId: file.id,
      before: {
        kind: file.kind,
        name: file.originalName,
        establishmentId: file.establishmentId,
        productId: file.productId,
      },
      meta,
    });
  });
}
