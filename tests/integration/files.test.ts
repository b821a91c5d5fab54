// The file layer end to end on a real database and the real disk (DATA_DIR is this file's own
// temp folder): streaming multipart parsing with limits, sniffing, re-encoding without metadata,
// the local storage, who may open a file, and the /files/:id routes' responses.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createReadableStreamFromReadable } from "@remix-run/node";
import sharp from "sharp";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { pngBomb } from "../support/image-bombs";
import { call, get } from "../support/route-calls";
import { loadRoles, type Auth } from "~/modules/auth/auth.server";
import { lucia } from "~/modules/auth/lucia.server";
import { findReadableFile, manageableFilesWhere } from "~/modules/files/access.server";
import { sniffType } from "~/modules/files/sniff";
import {
  LocalDiskStorage,
  getFileStorage,
  setFileStorageForTests,
  type FileStorage,
} from "~/modules/files/storage.server";
import { deleteFile, parseUploadForm, storeFile, type StoreFileInput } from "~/modules/files/upload.server";
import * as fileRoute from "~/routes/files.$id";
import * as thumbRoute from "~/routes/files.$id.thumb";
import { firstRow } from "~/utils/arrays";
import { prisma } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { translate, type MessageKey } from "~/utils/i18n";
import { createGroups, PRODUCT_GROUPS } from "~/modules/rounds/groups";

const meta = { ip: "127.0.0.1", userAgent: "vitest" };
const MB = 1024 * 1024;
const DAY = 24 * 60 * 60 * 1000;
const filesDir = () => path.join(process.env.DATA_DIR!, "files");

// ───────────── fixtures ─────────────

interface Person {
  id: string;
  cookie: string;
  auth: Auth;
}

let owner: Person, otherProducer: Person, bacNinhOrganiser: Person, haNoiOrganiser: Person;
let northOrganiser: Person, nationalOrganiser: Person, admin: Person;
let establishmentId: string, productId: string, otherProductId: string, otherEstablishmentId: string;
let northId: string, roundId: string;

async function person(
  email: string,
  roles: {
    role: "ADMIN" | "ORGANISER" | "PRODUCER";
    level: "PROVINCE" | "REGION" | "NATION";
    provinceId?: string;
    regionId?: string;
  }[],
): Promise<Person> {
  const name = firstRow(email.split("@"), "the e-mail's parts");
  const user = await prisma.user.create({ data: { email, name, emailVerifiedAt: new Date() } });
  for (const r of roles) await prisma.roleAssignment.create({ data: { userId: user.id, ...r } });
  const session = await lucia.createSession(user.id, { ipAddress: null, userAgent: null, createdAt: new Date() });
  const cookie = firstRow(
    lucia.createSessionCookie(session.id).serialize().split(";"),
    "the session cookie's attributes",
  );
  const { user: luciaUser } = await lucia.validateSession(session.id);
  return { id: user.id, cookie, auth: { user: luciaUser!, session, roles: await loadRoles(user.id) } };
}

beforeAll(async () => {
  const north = await prisma.region.create({ data: { code: "NORTH", nameVi: "Miền Bắc", nameEn: "North" } });
  const province = (code: string, name: string) =>
    prisma.province.create({
      data: { code, name, searchName: name.toLowerCase(), validFrom: new Date("2025-07-01"), regionId: north.id },
    });
  const [bacNinh, haNoi] = await Promise.all([province("BN", "Bắc Ninh"), province("HN", "Hà Nội")]);
  northId = north.id;

  owner = await person("htx.mygao@example.vn", [{ role: "PRODUCER", level: "PROVINCE" }]);
  otherProducer = await person("khac@example.vn", [{ role: "PRODUCER", level: "PROVINCE" }]);
  bacNinhOrganiser = await person("bn@example.vn", [{ role: "ORGANISER", level: "PROVINCE", provinceId: bacNinh.id }]);
  haNoiOrganiser = await person("hn@example.vn", [{ role: "ORGANISER", level: "PROVINCE", provinceId: haNoi.id }]);
  northOrganiser = await person("mienbac@example.vn", [{ role: "ORGANISER", level: "REGION", regionId: north.id }]);
  nationalOrganiser = await person("quocgia@example.vn", [{ role: "ORGANISER", level: "NATION" }]);
  admin = await person("admin@example.vn", [{ role: "ADMIN", level: "NATION" }]);

  const establishment = (ownerId: string, name: string, registrationNumber: string) =>
    prisma.establishment.create({
      data: { ownerId, legalForm: "COOPERATIVE", name, registrationNumber, provinceId: bacNinh.id },
    });
  establishmentId = (await establishment(owner.id, "Hợp tác xã Mỳ gạo Chũ", "2400123456")).id;
  otherEstablishmentId = (await establishment(otherProducer.id, "Cơ sở khác", "2400999999")).id;
  const product = (name: string) =>
    prisma.product.create({
      data: { establishmentId, name, searchName: name.toLowerCase(), group: "B", description: "Mỳ gạo truyền thống" },
    });
  productId = (await product("Mỳ gạo Chũ")).id;
  otherProductId = (await product("Bánh đa")).id;
  roundId = (
    await prisma.round.create({
      data: {
        groups: createGroups(PRODUCT_GROUPS),
        name: "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2026",
        level: "PROVINCE",
        provinceId: bacNinh.id,
        year: 2026,
        entriesOpenAt: new Date(Date.now() - 10 * DAY),
        entriesCloseAt: new Date(Date.now() + 10 * DAY),
        status: "OPEN",
        createdById: admin.id,
      },
    })
  ).id;
});

afterEach(() => setFileStorageForTests(undefined));

// ───────────── helpers ─────────────

function storedFiles(): string[] {
  const dir = filesDir();
  return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String) : [];
}

function formRequest(fields: Record<string, string>, file: { name: string; bytes: Uint8Array; type?: string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append(
    "file",
    new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? "application/octet-stream" }),
  );
  return new Request("http://localhost/upload", { method: "POST", body: form });
}

/** What a route of the producer area does: parse the form, then store each file. */
async function uploadThroughForm(
  request: Request,
  input: Omit<StoreFileInput, "bytes" | "fileName"> = {
    kind: "PHOTO",
    angle: "FRONT",
    establishmentId,
    productId,
    uploadedById: "",
  },
) {
  const { files } = await parseUploadForm(request);
  const rows = [];
  for (const f of files)
    rows.push(
      await storeFile(
        prisma,
        { ...input, uploadedById: input.uploadedById || owner.id, bytes: f.bytes, fileName: f.fileName },
        meta,
      ),
    );
  return rows;
}

/** Expects a DomainError with this key; returns its Vietnamese message. */
async function refusal(promise: Promise<unknown>, key: MessageKey): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  const domain = error as DomainError;
  expect(domain.messageKey).toBe(key);
  expect(domain.status).toBe(400);
  return translate("vi", domain.messageKey, domain.params);
}

async function expectNothingLeft() {
  expect(await prisma.storedFile.count()).toBe(0);
  expect(storedFiles()).toEqual([]);
}

const jpeg = (width = 640, height = 480) =>
  sharp({ create: { width, height, channels: 3, background: "#b45309" } })
    .jpeg({ quality: 90 })
    .toBuffer();
const png = (width = 800, height = 600) =>
  sharp({ create: { width, height, channels: 4, background: { r: 21, g: 128, b: 61, alpha: 0.6 } } })
    .png()
    .toBuffer();
const pdf = () =>
  Buffer.from(
    "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    "latin1",
  );
/** A Windows program: "MZ" header, then padding, as a renamed .exe would look. */
const exe = () =>
  Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00", "latin1"), Buffer.alloc(4096, 0x41)]);

/** True when an EXIF block's first IFD points to a GPS IFD (tag 0x8825). */
function hasGpsIfd(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  const tiff = exif.subarray(exif.toString("latin1", 0, 6) === "Exif\0\0" ? 6 : 0);
  const le = tiff.toString("latin1", 0, 2) === "II";
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd0 = u32(4);
  for (let i = 0; i < u16(ifd0); i++) if (u16(ifd0 + 2 + i * 12) === 0x8825) return true;
  return false;
}

/**
 * A multipart request whose file part is `size` bytes, generated while it is read (nothing of
 * that size is ever allocated). `pulled()` tells how much of the body has been read so far.
 */
function streamingUpload(fileName: string, size: number) {
  const boundary = "----tieubieu-test-boundary-7MA4YWxkTrZu0gW";
  const enc = new TextEncoder();
  const head = enc.encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nPHOTO\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: image/jpeg\r\n\r\n`,
  );
  const tail = enc.encode(`\r\n--${boundary}--\r\n`);
  const chunk = new Uint8Array(64 * 1024);
  const first = new Uint8Array(64 * 1024);
  first.set([0xff, 0xd8, 0xff, 0xe0]); // looks like a JPEG, so only the size can stop it
  let body = 0;
  let pulled = 0;
  let stage: "head" | "body" | "tail" | "done" = "head";
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stage === "head") {
        stage = "body";
        pulled += head.length;
        return controller.enqueue(head);
      }
      if (stage === "body") {
        const part = (body === 0 ? first : chunk).subarray(0, Math.min(chunk.length, size - body));
        body += part.length;
        pulled += part.length;
        if (body >= size) stage = "tail";
        return controller.enqueue(part);
      }
      if (stage === "tail") {
        stage = "done";
        pulled += tail.length;
        return controller.enqueue(tail);
      }
      controller.close();
    },
  });
  const request = new Request("http://localhost/upload", {
    method: "POST",
    headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
    body: stream,
    duplex: "half",
  } as RequestInit);
  return { request, pulled: () => pulled };
}

// ───────────── refusals leave nothing behind ─────────────

describe("refused uploads", () => {
  test("a renamed .exe (“anh-san-pham.jpg”) is refused by its bytes, naming the file and the allowed types", async () => {
    const message = await refusal(
      uploadThroughForm(formRequest({}, { name: "anh-san-pham.jpg", bytes: exe(), type: "image/jpeg" })),
      "files.error.type",
    );
    expect(message).toContain("“anh-san-pham.jpg”");
    expect(message).toMatch(/JPEG, PNG, WebP/);
    // Handed straight to storeFile (bytes from elsewhere), the photo rule names photo types only.
    const direct = await refusal(
      storeFile(
        prisma,
        { bytes: exe(), fileName: "anh.jpg", kind: "PHOTO", establishmentId, uploadedById: owner.id },
        meta,
      ),
      "files.error.type",
    );
    expect(direct).toBe(
      "Tệp “anh.jpg” không đúng định dạng cho phép (JPEG, PNG, WebP). Hệ thống kiểm tra nội dung tệp, không dựa vào đuôi tên tệp.",
    );
    await expectNothingLeft();
  });

  test("a 50 MB file is refused once it passes 10 MB, without reading (or holding) the rest first", async () => {
    const { request, pulled } = streamingUpload("ảnh quá lớn.jpg", 50 * MB);
    const error = await parseUploadForm(request).catch((e: unknown) => e);
    const readWhenRefused = pulled();
    expect(error).toBeInstanceOf(DomainError);
    const { messageKey, params } = error as DomainError;
    expect(messageKey).toBe("files.error.tooLarge");
    expect(translate("vi", messageKey, params)).toMatch(/^Tệp “ảnh quá lớn\.jpg” lớn hơn giới hạn 10 MB\./);
    expect(translate("en", messageKey, params)).toMatch(/^File “ảnh quá lớn\.jpg” is larger than the 10 MB limit\./);
    expect(readWhenRefused).toBeGreaterThan(10 * MB);
    expect(readWhenRefused).toBeLessThan(11 * MB);
    await expectNothingLeft();
  });

  test("over a real HTTP connection, a client still sending a 50 MB file gets the message before it has sent it all", async () => {
    // The server side as in production: a Node request turned into a web Request the way
    // Remix's Express adapter does it, answered as soon as the parser refuses.
    const server = http.createServer(async (req, res) => {
      const request = new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: createReadableStreamFromReadable(req),
        duplex: "half",
      } as RequestInit);
      try {
        await parseUploadForm(request);
        res.writeHead(200).end("stored");
      } catch (error) {
        const e = error as DomainError;
        res
          .writeHead(e.status, { "Content-Type": "text/plain; charset=utf-8" })
          .end(translate("vi", e.messageKey, e.params));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const boundary = "----real-http-boundary";
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="video.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;
      let sent = 0;
      const answer = await new Promise<{ status: number; text: string; sentBefore: number }>((resolve, reject) => {
        const req = http.request(
          {
            host: "127.0.0.1",
            port,
            method: "POST",
            path: "/upload",
            headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
          },
          (res) => {
            const sentBefore = sent;
            let text = "";
            res.setEncoding("utf8");
            res.on("data", (c: string) => (text += c));
            res.on("end", () => {
              req.destroy(); // a browser would stop here too; don't keep pushing bytes
              resolve({ status: res.statusCode ?? 0, text, sentBefore });
            });
          },
        );
        req.on("error", (error: NodeJS.ErrnoException) => (error.code === "ECONNRESET" ? undefined : reject(error)));
        const chunk = Buffer.alloc(256 * 1024);
        chunk.set([0xff, 0xd8, 0xff, 0xe0]);
        const pump = () => {
          while (sent < 50 * MB && !req.destroyed) {
            sent += chunk.length;
            if (!req.write(chunk)) return void req.once("drain", pump);
          }
          if (!req.destroyed) req.end(`\r\n--${boundary}--\r\n`);
        };
        req.write(head);
        pump();
      });
      expect(answer.status).toBe(400);
      expect(answer.text).toMatch(/^Tệp “video\.jpg” lớn hơn giới hạn 10 MB\./);
      // The answer came while the client was still sending: the server did not wait for 50 MB.
      expect(answer.sentBefore).toBeLessThan(50 * MB);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    await expectNothingLeft();
  });

  test("a zero-byte file is refused as empty", async () => {
    const message = await refusal(
      uploadThroughForm(formRequest({}, { name: "giay-phep.pdf", bytes: new Uint8Array(0) })),
      "files.error.empty",
    );
    expect(message).toBe("Tệp “giay-phep.pdf” rỗng (0 byte). Hãy chọn lại đúng tệp.");
    await refusal(
      storeFile(
        prisma,
        { bytes: Buffer.alloc(0), fileName: "x.jpg", kind: "PHOTO", establishmentId, uploadedById: owner.id },
        meta,
      ),
      "files.error.empty",
    );
    await expectNothingLeft();
  });

  test("a file name with ../ or an absolute path is refused, although Remix would strip the path", async () => {
    const jpg = await jpeg();
    for (const name of ["../../etc/passwd.jpg", "..\\..\\boot.ini.jpg", "/etc/cron.d/x.jpg", "C:\\Windows\\x.jpg"]) {
      const message = await refusal(
        uploadThroughForm(formRequest({}, { name, bytes: jpg, type: "image/jpeg" })),
        "files.error.badName",
      );
      expect(message).toContain(`“${name}”`);
      expect(message).toMatch(/^Tên tệp “.+” không hợp lệ/);
    }
    await refusal(
      storeFile(
        prisma,
        { bytes: jpg, fileName: "../a.jpg", kind: "PHOTO", establishmentId, uploadedById: owner.id },
        meta,
      ),
      "files.error.badName",
    );
    await expectNothingLeft();
  });

  test("the kind decides the types: a PDF is not a photo, a photo is not a certificate", async () => {
    await refusal(
      storeFile(
        prisma,
        { bytes: pdf(), fileName: "a.pdf", kind: "PHOTO", establishmentId, uploadedById: owner.id },
        meta,
      ),
      "files.error.type",
    );
    const message = await refusal(
      storeFile(
        prisma,
        {
          bytes: await jpeg(),
          fileName: "attp.jpg",
          kind: "FOOD_SAFETY_CERT",
          establishmentId,
          productId,
          uploadedById: owner.id,
        },
        meta,
      ),
      "files.error.type",
    );
    expect(message).toContain("(PDF)");
    await expectNothingLeft();
  });

  test("a damaged image with a JPEG header is refused as unreadable", async () => {
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 0x11)]);
    const message = await refusal(
      storeFile(
        prisma,
        { bytes: broken, fileName: "hong.jpg", kind: "PHOTO", establishmentId, uploadedById: owner.id },
        meta,
      ),
      "files.error.unreadable",
    );
    expect(message).toContain("“hong.jpg”");
    await expectNothingLeft();
  });

  test("a 15 KB PNG declaring 10,950 × 10,950 pixels (a decompression bomb) is refused from its header with a clear message", async () => {
    const bomb = pngBomb(10_950, 10_950);
    expect(bomb.length).toBeLessThan(20_000);
    const message = await refusal(
      uploadThroughForm(formRequest({}, { name: "bom.png", bytes: bomb, type: "image/png" })),
      "files.error.tooManyPixels",
    );
    expect(message).toBe(
      "Ảnh “bom.png” quá lớn: 10950 × 10950 điểm ảnh (khoảng 120 megapixel), vượt giới hạn 50 megapixel. Hãy chụp lại ở độ phân giải thấp hơn hoặc thu nhỏ ảnh rồi tải lên.",
    );
    // Just over the cap too (a JPEG header: the rule is about pixels, not about one format).
    const wide = await sharp({ create: { width: 10_001, height: 5_000, channels: 3, background: "#fff" } })
      .jpeg()
      .toBuffer();
    await refusal(
      storeFile(
        prisma,
        { bytes: wide, fileName: "rong.jpg", kind: "PHOTO", establishmentId, productId, uploadedById: owner.id },
        meta,
      ),
      "files.error.tooManyPixels",
    );
    await expectNothingLeft();
  });

  test("a failure after the bytes were written removes them (storage failing on the thumbnail, database refusing the row)", async () => {
    const local = new LocalDiskStorage(filesDir());
    let puts = 0;
    const failingSecondPut: FileStorage = {
      name: "local",
      put: async (key, bytes, type) => {
        if (++puts === 2) throw new Error("disk full (simulated)");
        await local.put(key, bytes, type);
      },
      get: (key) => local.get(key),
      delete: (key) => local.delete(key),
    };
    setFileStorageForTests(failingSecondPut);
    await expect(
      storeFile(
        prisma,
        { bytes: await jpeg(), fileName: "a.jpg", kind: "PHOTO", establishmentId, uploadedById: owner.id },
        meta,
      ),
    ).rejects.toThrow(/disk full/);
    await expectNothingLeft();

    setFileStorageForTests(undefined);
    // An uploader that does not exist: the insert fails on its foreign key, after both writes.
    await expect(
      storeFile(
        prisma,
        {
          bytes: await jpeg(),
          fileName: "a.jpg",
          kind: "PHOTO",
          establishmentId,
          uploadedById: "nobody-0000000000000000",
        },
        meta,
      ),
    ).rejects.toThrow();
    await expectNothingLeft();
    expect(await prisma.auditLog.count({ where: { action: "file.upload" } })).toBe(0);
  });

  test("files go only to an existing establishment, and a product only of that establishment", async () => {
    const error = await storeFile(
      prisma,
      {
        bytes: await jpeg(),
        fileName: "a.jpg",
        kind: "PHOTO",
        establishmentId: otherEstablishmentId,
        productId,
        uploadedById: owner.id,
      },
      meta,
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404 });
    await expectNothingLeft();
  });
});

// ───────────── what is stored ─────────────

describe("stored files", () => {
  test("a 48 MP photo (8000 × 6000, what phone cameras make) is still accepted and scaled down", async () => {
    const row = firstRow(
      await uploadThroughForm(formRequest({}, { name: "48mp.jpg", bytes: await jpeg(8000, 6000), type: "image/jpeg" })),
      "the stored files",
    );
    expect([row.width, row.height]).toEqual([2560, 1920]);
  });

  test("a phone photo with GPS in its EXIF is turned upright, capped in size and stored without any metadata", async () => {
    const original = await sharp(await jpeg(3000, 1000))
      .withExif({
        IFD0: { Make: "PhoneCam", Model: "X1" },
        IFD3: {
          GPSLatitudeRef: "N",
          GPSLatitude: "21/1 11/1 2/1",
          GPSLongitudeRef: "E",
          GPSLongitude: "106/1 3/1 30/1",
        },
      })
      .withMetadata({ orientation: 6 }) // taken with the phone held upright: rotate 90°
      .jpeg()
      .toBuffer();
    const before = await sharp(original).metadata();
    expect(hasGpsIfd(before.exif)).toBe(true);
    expect(before.orientation).toBe(6);

    const row = firstRow(
      await uploadThroughForm(formRequest({}, { name: "Ảnh mặt trước.JPG", bytes: original, type: "image/jpeg" })),
      "the stored files",
    );
    expect(row).toMatchObject({
      kind: "PHOTO",
      angle: "FRONT",
      contentType: "image/jpeg",
      originalName: "Ảnh mặt trước.jpg",
      storage: "local",
    });
    expect([row.width, row.height]).toEqual([853, 2560]); // upright: 1000×3000 scaled into 2560
    const stored = (await getFileStorage().get(
      (await prisma.storedFile.findUniqueOrThrow({ where: { id: row.id } })).storageKey,
    ))!;
    const after = await sharp(stored).metadata();
    expect(after.exif).toBeUndefined();
    expect(hasGpsIfd(after.exif)).toBe(false);
    expect(after.xmp).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect([after.width, after.height]).toEqual([853, 2560]);
    expect(stored.includes(Buffer.from("PhoneCam"))).toBe(false);
    expect(row.size).toBe(stored.length);

    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "file.upload", entityId: row.id } });
    expect(audit.actorId).toBe(owner.id);
  });

  test("a PNG is re-encoded as PNG and gets a WebP thumbnail", async () => {
    const row = firstRow(
      await uploadThroughForm(formRequest({}, { name: "logo.png", bytes: await png(), type: "image/png" })),
      "the stored files",
    );
    expect(row).toMatchObject({ contentType: "image/png", width: 800, height: 600 });
    expect(row.thumbnailKey).toBeTruthy();
    const thumb = (await getFileStorage().get(row.thumbnailKey!))!;
    expect(sniffType(thumb)).toBe("image/webp");
    const meta = await sharp(thumb).metadata();
    expect([meta.width, meta.height]).toEqual([480, 360]);
  });

  test("a PDF is stored byte for byte as application/pdf, without a thumbnail", async () => {
    const row = firstRow(
      await uploadThroughForm(
        formRequest({}, { name: "Giấy chứng nhận ĐKKD.pdf", bytes: pdf(), type: "application/pdf" }),
        {
          kind: "BUSINESS_REGISTRATION",
          establishmentId,
          uploadedById: owner.id,
        },
      ),
      "the stored files",
    );
    expect(row).toMatchObject({
      contentType: "application/pdf",
      thumbnailKey: null,
      width: null,
      height: null,
      productId: null,
      angle: null,
    });
    const file = await prisma.storedFile.findUniqueOrThrow({ where: { id: row.id } });
    expect(await getFileStorage().get(file.storageKey)).toEqual(pdf());
    expect(fs.existsSync(path.join(filesDir(), file.storageKey))).toBe(true);
  });

  test("the text fields of the form come back for the route's schema, files apart", async () => {
    const form = new FormData();
    form.append("kind", "PHOTO");
    form.append("angle", "SIDE");
    form.append("note", "Mặt bên");
    form.append("file", new File([new Uint8Array(await jpeg())], "a.jpg", { type: "image/jpeg" }));
    form.append("file", new File([new Uint8Array(pdf())], "b.pdf", { type: "application/pdf" }));
    const { formData, files } = await parseUploadForm(new Request("http://localhost/", { method: "POST", body: form }));
    expect(Object.fromEntries(formData)).toEqual({ kind: "PHOTO", angle: "SIDE", note: "Mặt bên" });
    expect(files.map((f) => [f.field, f.fileName, f.bytes.length > 0])).toEqual([
      ["file", "a.jpg", true],
      ["file", "b.pdf", true],
    ]);
    await expect(
      parseUploadForm(new Request("http://localhost/", { method: "POST", body: form }), { maxFiles: 1 }),
    ).rejects.toMatchObject({
      messageKey: "files.error.tooMany",
    });
  });

  test('a file input left empty (what browsers send: filename="", no bytes) is not an error', async () => {
    const b = "----b0undary";
    const body =
      `--${b}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nPHOTO\r\n` +
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n` +
      `--${b}--\r\n`;
    const request = new Request("http://localhost/", {
      method: "POST",
      headers: { "Content-Type": `multipart/form-data; boundary=${b}` },
      body,
    });
    const { formData, files } = await parseUploadForm(request);
    expect(Object.fromEntries(formData)).toEqual({ kind: "PHOTO" });
    expect(files).toEqual([]);
  });

  test("a request that is not multipart, or is broken, is a 400 with a message", async () => {
    await expect(
      parseUploadForm(
        new Request("http://localhost/", {
          method: "POST",
          body: "a=1",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
        }),
      ),
    ).rejects.toMatchObject({
      status: 400,
      messageKey: "files.error.malformed",
    });
    const broken = new Request("http://localhost/", {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=zz" },
      body: "--zz\r\nno-colon-here\r\n\r\nx\r\n--zz--\r\n",
    });
    await expect(parseUploadForm(broken)).rejects.toMatchObject({ status: 400, messageKey: "files.error.malformed" });
  });
});

// ───────────── who may open a file ─────────────

describe("access", () => {
  let photoId: string; // photo of the product that will be entered
  let documentId: string; // establishment document (no product)
  let otherPhotoId: string; // photo of a product never entered
  let pdfId: string;

  beforeAll(async () => {
    const jpg = await jpeg(1200, 900);
    photoId = (
      await storeFile(
        prisma,
        {
          bytes: jpg,
          fileName: "Ảnh mặt trước – Mỳ gạo Chũ.jpg",
          kind: "PHOTO",
          angle: "FRONT",
          establishmentId,
          productId,
          uploadedById: owner.id,
        },
        meta,
      )
    ).id;
    otherPhotoId = (
      await storeFile(
        prisma,
        {
          bytes: jpg,
          fileName: "banh-da.jpg",
          kind: "PHOTO",
          establishmentId,
          productId: otherProductId,
          uploadedById: owner.id,
        },
        meta,
      )
    ).id;
    documentId = (
      await storeFile(
        prisma,
        {
          bytes: pdf(),
          fileName: "Giấy đăng ký.pdf",
          kind: "BUSINESS_REGISTRATION",
          establishmentId,
          uploadedById: owner.id,
        },
        meta,
      )
    ).id;
    pdfId = documentId;
  });

  const status = async (who: Person | null, id: string, route: typeof fileRoute = fileRoute) =>
    (await call(route.loader as never, get(`/files/${id}`, who?.cookie), { id })).status;

  test("the owner and administrators open it; another producer, other provinces' and other levels' organisers get 403", async () => {
    expect(await status(owner, photoId)).toBe(200);
    expect(await status(admin, photoId)).toBe(200);
    for (const who of [otherProducer, haNoiOrganiser, bacNinhOrganiser, northOrganiser, nationalOrganiser]) {
      expect(await status(who, photoId), who.auth.user.email).toBe(403);
    }
  });

  test("the province organiser opens the dossier once it is submitted to a round of their province — not while a draft", async () => {
    const entry = await prisma.entry.create({
      data: { roundId, productId, establishmentId, group: "B", status: "DRAFT", searchText: "my gao chu" },
    });
    expect(await status(bacNinhOrganiser, photoId)).toBe(403);
    await prisma.entry.update({ where: { id: entry.id }, data: { status: "SUBMITTED", submittedAt: new Date() } });
    expect(await status(bacNinhOrganiser, photoId)).toBe(200);
    expect(await status(bacNinhOrganiser, documentId)).toBe(200); // establishment documents belong to the dossier
    expect(await status(bacNinhOrganiser, otherPhotoId)).toBe(403); // a product never entered does not
    for (const who of [haNoiOrganiser, northOrganiser, nationalOrganiser, otherProducer]) {
      expect(await status(who, photoId), who.auth.user.email).toBe(403);
    }
  });

  test("a regional round opens the dossier to that region's organisers; national organisers still see nothing", async () => {
    const regional = await prisma.round.create({
      data: {
        groups: createGroups(PRODUCT_GROUPS),
        name: "Khu vực miền Bắc 2026",
        level: "REGION",
        regionId: northId,
        year: 2026,
        entriesOpenAt: new Date(),
        entriesCloseAt: new Date(Date.now() + DAY),
        createdById: admin.id,
      },
    });
    await prisma.entry.create({
      data: {
        roundId: regional.id,
        productId,
        establishmentId,
        group: "B",
        status: "ACCEPTED",
        searchText: "my gao chu",
      },
    });
    expect(await status(northOrganiser, photoId)).toBe(200);
    expect(await status(nationalOrganiser, photoId)).toBe(403);
  });

  test("anonymous visitors are sent to log in, even for a photo marked public (no certificate yet)", async () => {
    await prisma.storedFile.update({ where: { id: photoId }, data: { isPublic: true } });
    const outcome = await call(fileRoute.loader as never, get(`/files/${photoId}`), { id: photoId });
    expect(outcome.status).toBe(302);
    expect(outcome.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/files/${photoId}`)}`);
    await expect(findReadableFile(null, photoId)).rejects.toMatchObject({ status: 401 });
  });

  test("unknown or malformed ids are 404 for everyone", async () => {
    for (const id of ["ckzzzzzzzzzzzzzzzzzzzzzzz", "..%2F..%2Fetc%2Fpasswd", "../../etc/passwd", "x"]) {
      expect(await status(owner, id)).toBe(404);
      expect(await status(null, id)).toBe(404);
    }
  });

  test("the original: sniffed type, nosniff, a sandboxing CSP, private caching, the Vietnamese name in filename*", async () => {
    const { response } = await call(fileRoute.loader as never, get(`/files/${photoId}`, owner.cookie), { id: photoId });
    const headers = response!.headers;
    expect(headers.get("Content-Type")).toBe("image/jpeg");
    expect(headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(headers.get("Content-Security-Policy")).toBe("default-src 'none'; sandbox");
    expect(headers.get("Cache-Control")).toMatch(/^private, max-age=\d+$/);
    expect(headers.get("Content-Disposition")).toBe(
      "inline; filename=\"Anh mat truoc _ My gao Chu.jpg\"; filename*=UTF-8''%E1%BA%A2nh%20m%E1%BA%B7t%20tr%C6%B0%E1%BB%9Bc%20%E2%80%93%20M%E1%BB%B3%20g%E1%BA%A1o%20Ch%C5%A9.jpg",
    );
    const body = Buffer.from(await response!.arrayBuffer());
    expect(sniffType(body)).toBe("image/jpeg");
    expect(Number(headers.get("Content-Length"))).toBe(body.length);

    // A repeat visit with the ETag costs no bytes.
    const again = await call(
      fileRoute.loader as never,
      new Request(`http://localhost/files/${photoId}`, {
        headers: { Cookie: owner.cookie, "If-None-Match": headers.get("ETag")! },
      }),
      { id: photoId },
    );
    expect(again.status).toBe(304);
    // ?download asks for an attachment instead.
    const download = await call(fileRoute.loader as never, get(`/files/${photoId}?download`, owner.cookie), {
      id: photoId,
    });
    expect(download.headers.get("Content-Disposition")).toMatch(/^attachment; /);
  });

  test("PDFs are always downloads, and have no thumbnail", async () => {
    const { response } = await call(fileRoute.loader as never, get(`/files/${pdfId}`, owner.cookie), { id: pdfId });
    expect(response!.headers.get("Content-Type")).toBe("application/pdf");
    expect(response!.headers.get("Content-Disposition")).toBe(
      "attachment; filename=\"Giay dang ky.pdf\"; filename*=UTF-8''Gi%E1%BA%A5y%20%C4%91%C4%83ng%20k%C3%BD.pdf",
    );
    expect(response!.headers.get("Content-Security-Policy")).toBe("default-src 'none'; sandbox");
    expect(await status(owner, pdfId, thumbRoute)).toBe(404);
  });

  test("the thumbnail route serves the WebP thumbnail under the same rule", async () => {
    const { response } = await call(thumbRoute.loader as never, get(`/files/${photoId}/thumb`, owner.cookie), {
      id: photoId,
    });
    expect(response!.status).toBe(200);
    expect(response!.headers.get("Content-Type")).toBe("image/webp");
    expect(response!.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response!.headers.get("Content-Disposition")).toMatch(
      /^inline; filename="Anh mat truoc _ My gao Chu\.webp"/,
    );
    expect(sniffType(Buffer.from(await response!.arrayBuffer()))).toBe("image/webp");
    expect(await status(otherProducer, photoId, thumbRoute)).toBe(403);
    const refused = await call(thumbRoute.loader as never, get(`/files/${photoId}/thumb`, otherProducer.cookie), {
      id: photoId,
    });
    expect(await refused.response!.text()).toMatch(/^Bạn không có quyền xem tệp này\./);
  });

  test("deleting is soft: only the owner (or an administrator) may, and the bytes stay for frozen dossiers", async () => {
    await expect(
      deleteFile(
        prisma,
        { fileId: otherPhotoId, actorId: otherProducer.id, scope: manageableFilesWhere(otherProducer.auth) },
        meta,
      ),
    ).rejects.toMatchObject({ status: 404 });
    expect((await prisma.storedFile.findUniqueOrThrow({ where: { id: otherPhotoId } })).deletedAt).toBeNull();

    await deleteFile(
      prisma,
      { fileId: otherPhotoId, actorId: owner.id, scope: manageableFilesWhere(owner.auth) },
      meta,
    );
    const row = await prisma.storedFile.findUniqueOrThrow({ where: { id: otherPhotoId } });
    expect(row.deletedAt).toBeInstanceOf(Date);
    expect(await getFileStorage().get(row.storageKey)).not.toBeNull();
    expect(
      await prisma.auditLog.count({ where: { action: "file.delete", entityId: otherPhotoId, actorId: owner.id } }),
    ).toBe(1);
    await expect(
      deleteFile(prisma, { fileId: otherPhotoId, actorId: owner.id, scope: manageableFilesWhere(owner.auth) }, meta),
    ).rejects.toMatchObject({ status: 404 });
    expect(await status(owner, otherPhotoId)).toBe(200);
  });
});
