// The download of a finished export job streams the stored file (docs/decisions/047): from the
// local disk as the response is read, and from UploadThing as the fetch's body arrives — never
// read whole into memory first. The stores used here refuse a whole read (`get`), so the download
// can only succeed through the stream; the bytes must match, on the test's real database
// (SQLite, or PostgreSQL with TEST_POSTGRES_URL).
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { call, get } from "../support/route-calls";
import { EXPORT_JOB_KIND } from "~/modules/exports/schemas";
import {
  getStream,
  LocalDiskStorage,
  newStorageKey,
  setFileStorageForTests,
  UploadThingStorage,
} from "~/modules/files/storage.server";
import * as downloadRoute from "~/routes/exports.$jobId_.download";
import { prisma } from "~/utils/db.server";

class StreamOnlyDisk extends LocalDiskStorage {
  override async get(): Promise<Buffer | null> {
    throw new Error("the download must not read the file whole");
  }
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), "tieubieu-export-stream-"));
afterAll(() => {
  setFileStorageForTests(undefined);
  fs.rmSync(root, { recursive: true, force: true });
});

/** A finished public export job whose file is `key` in the local store. */
async function finishedJob(key: string, size: number): Promise<string> {
  const id = crypto.randomBytes(16).toString("base64url");
  await prisma.job.create({
    data: {
      id,
      kind: EXPORT_JOB_KIND,
      payload: { source: "register", format: "csv", locale: "vi", query: "?sort=name" },
      status: "SUCCEEDED",
      attempts: 1,
      resultStorage: "local",
      resultKey: key,
      resultName: "danh-sach.csv",
      resultType: "text/csv; charset=utf-8",
      resultSize: size,
      finishedAt: new Date(),
      exportJob: { create: { dedupKey: id, source: "register", format: "csv", rows: 5000 } },
    },
  });
  return id;
}

async function bytesOf(body: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe("an export job's download", () => {
  test("streams a large file from the disk, byte for byte, without reading it whole", async () => {
    const storage = new StreamOnlyDisk(root);
    setFileStorageForTests(storage);
    const bytes = crypto.randomBytes(12 * 1024 * 1024 + 17);
    const key = newStorageKey();
    await storage.put(key, bytes, "text/csv");
    const jobId = await finishedJob(key, bytes.length);

    const { status, response } = await call(downloadRoute.loader, get(`/exports/${jobId}/download`), { jobId });
    expect(status).toBe(200);
    expect(response!.headers.get("Content-Length")).toBe(String(bytes.length));
    expect(response!.headers.get("Content-Disposition")).toMatch(/^attachment; filename="danh-sach\.csv"/);
    // The body arrives in pieces (an fs stream reads 64 KiB at a time), not as one buffer of the whole file.
    const reader = response!.body!.getReader();
    const chunks: Buffer[] = [];
    for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(Buffer.from(read.value));
    expect(chunks.length).toBeGreaterThan(1);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(bytes.length);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);

    // A file gone from the store is an expired export, not a server error.
    await storage.delete(key);
    expect((await call(downloadRoute.loader, get(`/exports/${jobId}/download`), { jobId })).status).toBe(410);
  });

  test("UploadThing's body is passed on as it arrives, with its length", async () => {
    const bytes = crypto.randomBytes(3 * 1024 * 1024 + 5);
    const requested: string[] = [];
    const token = Buffer.from(
      JSON.stringify({ apiKey: "sk_test_0123456789abcdef", appId: "tieubieustream", regions: ["sea1"] }),
    ).toString("base64");
    const fakeFetch: typeof fetch = async (input) => {
      const url = String(input instanceof Request ? input.url : input);
      requested.push(url);
      if (url.includes("missing")) return new Response("not found", { status: 404 });
      // A body that arrives in pieces, as a network response does.
      let offset = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (offset >= bytes.length) return controller.close();
          controller.enqueue(bytes.subarray(offset, offset + 256 * 1024));
          offset += 256 * 1024;
        },
      });
      return new Response(body, { headers: { "Content-Length": String(bytes.length) } });
    };
    const storage = new UploadThingStorage({
      token,
      fetch: fakeFetch,
      ufsHost: "localhost:1",
      ufsAppIdLocation: "path",
    });
    storage.get = () => Promise.reject(new Error("the download must not read the file whole"));
    const key = newStorageKey();
    const stored = await getStream(storage, key);
    expect(stored!.size).toBe(bytes.length);
    expect((await bytesOf(stored!.body)).equals(bytes)).toBe(true);
    expect(requested).toHaveLength(1);
    expect(requested[0]).toContain(key);
    expect(await getStream(storage, "missing-key-0001")).toBeNull();
  });
});
