// The UploadThing storage adapter, driven through the real `uploadthing` SDK (UTApi) against a
// LOCAL STAND-IN of UploadThing's HTTP API: UploadThing's cloud cannot be reached from here, and
// tests must not depend on it. The stand-in implements only what UTApi calls for our adapter —
//   PUT  {ingestUrl}/{fileKey}?expires…&x-ut-…&signature=hmac-sha256=…   (uploadFiles)
//   GET  {ufsHost}/a/{appId}/{key or customId}?expires…&signature=…      (generateSignedURL'd download)
//   POST {apiUrl}/v6/deleteFiles  { customIds | fileKeys }                (deleteFiles)
// — and checks what the real service checks: the HMAC-SHA256 signature made with the API key,
// the expiry, the API key header. Every request is held to loopback (127.0.0.1) by the fetch
// given to the SDK, so nothing can leak to the internet.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { call, get } from "../support/route-calls";
import { lucia } from "~/modules/auth/lucia.server";
import {
  getFileStorage,
  newStorageKey,
  setFileStorageForTests,
  UploadThingStorage,
} from "~/modules/files/storage.server";
import { storeFile } from "~/modules/files/upload.server";
import * as fileRoute from "~/routes/files.$id";
import { firstRow } from "~/utils/arrays";
import { prisma } from "~/utils/db.server";
import { EnvError, readEnv, resetEnvCache } from "~/utils/env.server";

// ───────────── the stand-in ─────────────

interface StandInFile {
  key: string;
  customId: string | null;
  name: string;
  type: string;
  acl: string | null;
  contentDisposition: string | null;
  bytes: Buffer;
}

interface StandInOptions {
  apiKey: string;
  appId: string;
}

/** A local stand-in of UploadThing's HTTP API (ingest, file host and REST API on one port). */
async function startLocalUploadThingStandIn(opts: StandInOptions) {
  const files = new Map<string, StandInFile>();
  const calls: string[] = [];
  const unexpected: string[] = [];
  let port = 0;

  const hmac = (payload: string) =>
    `hmac-sha256=${crypto.createHmac("sha256", opts.apiKey).update(payload).digest("hex")}`;
  /** The SDK signs the full URL, then appends `&signature=…` last; `expires` is in ms. */
  const validSignature = (fullUrls: string[]) =>
    fullUrls.some((full) => {
      const at = full.lastIndexOf("&signature=");
      if (at === -1) return false;
      const given = decodeURIComponent(full.slice(at + "&signature=".length));
      const expected = hmac(full.slice(0, at));
      const expires = Number(new URL(full).searchParams.get("expires"));
      return (
        given.length === expected.length &&
        crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected)) &&
        expires > Date.now()
      );
    });
  /** Values of x-ut-* parameters are URI-encoded once more by the SDK before being added. */
  const param = (url: URL, name: string) => {
    const v = url.searchParams.get(name);
    return v === null ? null : decodeURIComponent(v);
  };
  const readBody = async (req: http.IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "Content-Type": "application/json" });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
    calls.push(`${req.method} ${url.pathname}`);
    try {
      // uploadFiles → PUT to the presigned ingest URL, multipart body with field "file".
      if (req.method === "PUT" && /^\/[A-Za-z0-9_-]+$/.test(url.pathname)) {
        if (!validSignature([`http://127.0.0.1:${port}${req.url}`]))
          return json(res, 403, { error: "Invalid signature" });
        if (param(url, "x-ut-identifier") !== opts.appId) return json(res, 403, { error: "Wrong app" });
        if (req.headers.range !== "bytes=0-") return json(res, 400, { error: "Expected Range: bytes=0-" });
        const body = await readBody(req);
        const form = await new Response(body, {
          headers: { "Content-Type": String(req.headers["content-type"]) },
        }).formData();
        const file = form.get("file");
        if (!(file instanceof Blob)) return json(res, 400, { error: "No file" });
        const bytes = Buffer.from(await file.arrayBuffer());
        if (bytes.length !== Number(param(url, "x-ut-file-size"))) return json(res, 400, { error: "Size mismatch" });
        const key = url.pathname.slice(1);
        const customId = param(url, "x-ut-custom-id");
        if (customId && [...files.values()].some((f) => f.customId === customId))
          return json(res, 409, { error: "customId taken" });
        files.set(key, {
          key,
          customId,
          name: param(url, "x-ut-file-name") ?? "",
          type: param(url, "x-ut-file-type") ?? "application/octet-stream",
          acl: param(url, "x-ut-acl"),
          contentDisposition: param(url, "x-ut-content-disposition"),
          bytes,
        });
        const ufsUrl = `http://localhost:${port}/a/${opts.appId}/${key}`;
        return json(res, 200, {
          url: ufsUrl,
          appUrl: ufsUrl,
          ufsUrl,
          fileHash: crypto.createHash("md5").update(bytes).digest("hex"),
        });
      }
      // Downloads of private files: a URL signed with the API key, not expired.
      const [, appId, encodedId] = /^\/a\/([^/]+)\/([^/]+)$/.exec(url.pathname) ?? [];
      if (req.method === "GET" && encodedId !== undefined) {
        const signedAs = [`http://localhost:${port}${req.url}`, `http://127.0.0.1:${port}${req.url}`];
        if (appId !== opts.appId || !validSignature(signedAs)) return json(res, 403, { error: "Invalid signature" });
        const id = decodeURIComponent(encodedId);
        const file = files.get(id) ?? [...files.values()].find((f) => f.customId === id);
        if (!file) return json(res, 404, { error: "Not found" });
        res.writeHead(200, { "Content-Type": file.type, "Content-Length": file.bytes.length });
        return res.end(file.bytes);
      }
      // deleteFiles → REST API with the API key in a header.
      if (req.method === "POST" && url.pathname === "/v6/deleteFiles") {
        if (req.headers["x-uploadthing-api-key"] !== opts.apiKey) return json(res, 401, { error: "Invalid API key" });
        const body = JSON.parse((await readBody(req)).toString("utf8")) as {
          fileKeys?: string[];
          customIds?: string[];
        };
        let deletedCount = 0;
        for (const f of [...files.values()]) {
          if (body.fileKeys?.includes(f.key) || (f.customId && body.customIds?.includes(f.customId))) {
            files.delete(f.key);
            deletedCount++;
          }
        }
        return json(res, 200, { success: true, deletedCount });
      }
      unexpected.push(`${req.method} ${url.pathname}`);
      json(res, 404, { error: "Not implemented by the stand-in" });
    } catch (error) {
      json(res, 500, { error: String(error) });
    }
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    files,
    calls,
    unexpected,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type StandIn = Awaited<ReturnType<typeof startLocalUploadThingStandIn>>;

/** A token in the format the SDK validates: base64 of { apiKey: "sk_…", appId, regions }. */
function fakeToken(apiKey: string, appId: string) {
  return Buffer.from(JSON.stringify({ apiKey, appId, regions: ["sea1"] })).toString("base64");
}

/** The fetch handed to the SDK: loopback only (localhost is pinned to 127.0.0.1). */
const loopbackOnlyFetch: typeof globalThis.fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.hostname === "localhost") url.hostname = "127.0.0.1";
  if (url.hostname !== "127.0.0.1")
    return Promise.reject(new Error(`test refused a non-loopback request to ${url.origin}`));
  return globalThis.fetch(input instanceof Request ? new Request(url, input) : url, init);
};

const API_KEY = "sk_test_standin_0123456789abcdef";
const APP_ID = "tieubieustandin";

function adapter(standIn: StandIn, token = fakeToken(API_KEY, APP_ID)) {
  return new UploadThingStorage({
    token,
    apiUrl: standIn.origin,
    ingestUrl: standIn.origin,
    // "localhost" (not 127.0.0.1) because the SDK picks http:// only for hosts containing "local".
    ufsHost: `localhost:${standIn.port}`,
    ufsAppIdLocation: "path",
    fetch: loopbackOnlyFetch,
  });
}

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startLocalUploadThingStandIn({ apiKey: API_KEY, appId: APP_ID });
});
afterAll(() => standIn.close());
afterEach(() => {
  setFileStorageForTests(undefined);
  expect(standIn.unexpected).toEqual([]);
  standIn.calls.length = 0;
});

// ───────────── the adapter ─────────────

describe("UploadThingStorage against the local stand-in", () => {
  test("put → get returns the same bytes → delete → get returns null", async () => {
    const storage = adapter(standIn);
    const key = newStorageKey();
    const bytes = crypto.randomBytes(300_000);
    await storage.put(key, bytes, "image/jpeg");

    const stored = firstRow(
      [...standIn.files.values()].filter((f) => f.customId === key),
      "the stand-in's files with our key",
    );
    expect(stored).toMatchObject({
      customId: key,
      name: `${key}.jpg`,
      type: "image/jpeg",
      acl: "private",
      contentDisposition: "attachment",
    });
    expect(stored.key).not.toBe(key); // UploadThing's own key; ours travels as customId

    expect((await storage.get(key))?.equals(bytes)).toBe(true);
    await storage.delete(key);
    expect([...standIn.files.values()].some((f) => f.customId === key)).toBe(false);
    expect(await storage.get(key)).toBeNull();
    expect(standIn.calls).toEqual([
      `PUT /${stored.key}`,
      `GET /a/${APP_ID}/${key}`,
      "POST /v6/deleteFiles",
      `GET /a/${APP_ID}/${key}`,
    ]);
  });

  test("a key that was never stored reads as null, and deleting it is not an error", async () => {
    const storage = adapter(standIn);
    const key = newStorageKey();
    expect(await storage.get(key)).toBeNull();
    await expect(storage.delete(key)).resolves.toBeUndefined();
  });

  test("keys are checked before anything is sent", async () => {
    const storage = adapter(standIn);
    await expect(storage.put("../etc/passwd", Buffer.from("x"), "image/jpeg")).rejects.toThrow(/Invalid storage key/);
    await expect(storage.get("a/b")).rejects.toThrow(/Invalid storage key/);
    expect(standIn.calls).toEqual([]);
  });

  test("with a token the service does not accept, uploads and downloads fail loudly instead of storing nothing quietly", async () => {
    const storage = adapter(standIn, fakeToken("sk_test_wrong_key", APP_ID));
    await expect(storage.put(newStorageKey(), Buffer.from("abc"), "application/pdf")).rejects.toThrow(
      /UploadThing upload failed/,
    );
    await expect(storage.get(newStorageKey())).rejects.toThrow(/HTTP 403/);
    await expect(storage.delete(newStorageKey())).rejects.toThrow();
  });

  test("the stand-in really checks signatures: a tampered download URL is refused", async () => {
    const storage = adapter(standIn);
    const key = newStorageKey();
    await storage.put(key, Buffer.from("%PDF-1.4 test"), "application/pdf");
    const signed = new URL(
      `http://127.0.0.1:${standIn.port}/a/${APP_ID}/${key}?expires=${Date.now() + 60_000}&signature=hmac-sha256%3D${"0".repeat(64)}`,
    );
    expect((await fetch(signed)).status).toBe(403);
    expect((await fetch(`http://127.0.0.1:${standIn.port}/a/${APP_ID}/${key}`)).status).toBe(403);
    await storage.delete(key);
  });
});

// ───────────── through the file layer ─────────────

describe("uploads stored in UploadThing", () => {
  let ownerId: string;
  let cookie: string;
  let establishmentId: string;

  beforeAll(async () => {
    const province = await prisma.province.create({
      data: { code: "BN", name: "Bắc Ninh", searchName: "bac ninh", validFrom: new Date("2025-07-01") },
    });
    const owner = await prisma.user.create({
      data: { email: "owner@example.vn", name: "Chủ cơ sở", emailVerifiedAt: new Date() },
    });
    ownerId = owner.id;
    const session = await lucia.createSession(owner.id, { ipAddress: null, userAgent: null, createdAt: new Date() });
    cookie = firstRow(lucia.createSessionCookie(session.id).serialize().split(";"), "the session cookie's attributes");
    establishmentId = (
      await prisma.establishment.create({
        data: {
          ownerId,
          legalForm: "HOUSEHOLD",
          name: "Hộ kinh doanh Gốm",
          registrationNumber: "27A8001234",
          provinceId: province.id,
        },
      })
    ).id;
  });

  test("a photo goes to UploadThing (original + thumbnail) and is served back by /files/:id", async () => {
    setFileStorageForTests(adapter(standIn));
    const photo = await sharp({ create: { width: 900, height: 600, channels: 3, background: "#1d4ed8" } })
      .jpeg()
      .toBuffer();
    const row = await storeFile(
      prisma,
      { bytes: photo, fileName: "Bình gốm.jpg", kind: "PHOTO", angle: "FRONT", establishmentId, uploadedById: ownerId },
      { ip: "127.0.0.1" },
    );
    expect(row.storage).toBe("uploadthing");
    const file = await prisma.storedFile.findUniqueOrThrow({ where: { id: row.id } });
    const original = [...standIn.files.values()].find((f) => f.customId === file.storageKey)!;
    const thumb = [...standIn.files.values()].find((f) => f.customId === file.thumbnailKey)!;
    expect(original.type).toBe("image/jpeg");
    expect(thumb.type).toBe("image/webp");
    expect(original.name).not.toContain("gốm"); // the user's file name stays with us

    const { response } = await call(fileRoute.loader as never, get(`/files/${row.id}`, cookie), { id: row.id });
    expect(response!.status).toBe(200);
    expect(response!.headers.get("Content-Type")).toBe("image/jpeg");
    expect(Buffer.from(await response!.arrayBuffer()).equals(original.bytes)).toBe(true);
  });

  test("when the database refuses the row, the bytes already in UploadThing are deleted again", async () => {
    setFileStorageForTests(adapter(standIn));
    const before = standIn.files.size;
    const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: "#0f766e" } })
      .png()
      .toBuffer();
    await expect(
      storeFile(
        prisma,
        { bytes: photo, fileName: "a.png", kind: "PHOTO", establishmentId, uploadedById: "no-such-user-0000000000" },
        { ip: "127.0.0.1" },
      ),
    ).rejects.toThrow();
    expect(standIn.files.size).toBe(before);
    expect(standIn.calls.filter((c) => c === "POST /v6/deleteFiles")).toHaveLength(2);
  });
});

// ───────────── choice by environment ─────────────

describe("configuration", () => {
  const saved = { token: process.env.UPLOADTHING_TOKEN, max: process.env.UPLOAD_MAX_MB };
  afterAll(() => {
    if (saved.token === undefined) delete process.env.UPLOADTHING_TOKEN;
    else process.env.UPLOADTHING_TOKEN = saved.token;
    resetEnvCache();
  });

  test("local disk by default; UploadThing when UPLOADTHING_TOKEN is set", () => {
    delete process.env.UPLOADTHING_TOKEN;
    resetEnvCache();
    setFileStorageForTests(undefined);
    expect(getFileStorage().name).toBe("local");

    process.env.UPLOADTHING_TOKEN = fakeToken(API_KEY, APP_ID);
    resetEnvCache();
    setFileStorageForTests(undefined);
    expect(getFileStorage()).toBeInstanceOf(UploadThingStorage);
  });

  test("a malformed token or limit stops the start with a message naming the variable", () => {
    const base = { DATA_DIR: process.env.DATA_DIR, NODE_ENV: "test" };
    expect(readEnv(base).UPLOAD_MAX_MB).toBe(10);
    expect(readEnv({ ...base, UPLOAD_MAX_MB: "25" }).UPLOAD_MAX_MB).toBe(25);
    expect(() => readEnv({ ...base, UPLOADTHING_TOKEN: "not-a-token" })).toThrow(EnvError);
    expect(() => readEnv({ ...base, UPLOADTHING_TOKEN: "not-a-token" })).toThrow(/UPLOADTHING_TOKEN/);
    expect(() => readEnv({ ...base, UPLOADTHING_TOKEN: fakeToken("pk_wrong", APP_ID) })).toThrow(/UPLOADTHING_TOKEN/);
    expect(() => readEnv({ ...base, UPLOAD_MAX_MB: "ten" })).toThrow(/UPLOAD_MAX_MB/);
    expect(() => readEnv({ ...base, UPLOADTHING_API_URL: "not a url" })).toThrow(/UPLOADTHING_API_URL/);
  });
});
