// Where the bytes of uploaded files live. One interface, two implementations: the local disk
// under $DATA_DIR/files (default) and UploadThing (when UPLOADTHING_TOKEN is set), server-side
// through its SDK. The StoredFile row is the only way to reach a file and records which storage
// holds it, so switching storage later does not orphan older files.
// See docs/decisions/006-file-storage.md.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { Writable, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createReadableStreamFromReadable } from "@remix-run/node";
import type { UTApi } from "uploadthing/server";
import { getEnv } from "~/utils/env.server";
import { ALLOWED_EXTENSIONS, type AllowedType } from "./sniff";

export type StorageName = "local" | "uploadthing";

export interface FileStorage {
  readonly name: StorageName;
  /** Stores bytes under a key; the key is new (keys are never reused). */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes, or null when nothing is stored under the key. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the bytes; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Whether something is stored under the key, without reading it (see storageHas). */
  has?(key: string): Promise<boolean>;
  /** Stores a stream as it comes, never whole in memory; resolves to its size (see putStream). */
  putStream?(key: string, stream: Readable, contentType: string): Promise<number>;
  /** The bytes as a stream read as it is consumed, or null when nothing is stored (see getStream). */
  getStream?(key: string): Promise<StoredStream | null>;
}

/** A stored file being read: its bytes as they come, and its size when the storage knows it. */
export interface StoredStream {
  body: ReadableStream<Uint8Array>;
  size: number | null;
}

/**
 * Reads a stored file as a stream (an export's download, docs/decisions/047): from the disk as the
 * response is read, or UploadThing's response body as it arrives; whole bytes only from a storage
 * that cannot stream.
 */
export async function getStream(storage: FileStorage, key: string): Promise<StoredStream | null> {
  if (storage.getStream) return storage.getStream(key);
  const bytes = await storage.get(key);
  if (!bytes) return null;
  return { body: new Blob([new Uint8Array(bytes)]).stream(), size: bytes.length };
}

/** Whether the storage holds the key (a read of the bytes where it cannot say otherwise). */
export async function storageHas(storage: FileStorage, key: string): Promise<boolean> {
  return storage.has ? storage.has(key) : (await storage.get(key)) !== null;
}

/**
 * Stores a stream (a job's ZIP, docs/decisions/027): written as it comes where the storage can
 * (the local disk), else collected and put whole (UploadThing's upload takes a complete file).
 * Resolves to the number of bytes stored.
 */
export async function putStream(
  storage: FileStorage,
  key: string,
  stream: Readable,
  contentType: string,
): Promise<number> {
  if (storage.putStream) return storage.putStream(key, stream, contentType);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  const bytes = Buffer.concat(chunks);
  await storage.put(key, bytes, contentType);
  return bytes.length;
}

const KEY_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;

/** Keys are server-made random ids, never user input; anything else is a programming error. */
export function assertStorageKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new Error(`Invalid storage key: ${JSON.stringify(key).slice(0, 40)}`);
}

/** A new random key (128 bits, URL-safe). */
export function newStorageKey(): string {
  return crypto.randomBytes(16).toString("base64url");
}

// ───────────── local disk ─────────────

export class LocalDiskStorage implements FileStorage {
  readonly name = "local" as const;
  constructor(readonly root: string) {}

  private pathOf(key: string) {
    assertStorageKey(key);
    return path.join(this.root, key);
  }

  // The type is not kept on disk: the StoredFile row has the sniffed type.
  async put(key: string, bytes: Buffer, _contentType?: string): Promise<void> {
    const target = this.pathOf(key);
    await fs.mkdir(this.root, { recursive: true });
    // Write next to the target, flush, then rename: readers see the whole file or nothing,
    // and a crash never leaves a half-written file under a real key.
    const temp = path.join(this.root, `.tmp-${crypto.randomBytes(8).toString("hex")}`);
    try {
      const handle = await fs.open(temp, "wx", 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temp, target);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
  }

  async putStream(key: string, stream: Readable, _contentType?: string): Promise<number> {
    const target = this.pathOf(key);
    await fs.mkdir(this.root, { recursive: true });
    // As put: into a temporary file, flushed, then renamed, so a crash leaves no half file.
    const temp = path.join(this.root, `.tmp-${crypto.randomBytes(8).toString("hex")}`);
    let size = 0;
    try {
      const handle = await fs.open(temp, "wx", 0o600);
      try {
        await pipeline(
          stream,
          new Writable({
            write(chunk: Buffer, _encoding, done) {
              size += chunk.length;
              handle.write(chunk).then(() => done(), done);
            },
          }),
        );
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temp, target);
      return size;
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      return (await fs.stat(this.pathOf(key))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
      throw error;
    }
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  async getStream(key: string): Promise<StoredStream | null> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(this.pathOf(key), "r");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
    try {
      const { size } = await handle.stat();
      // Read as the consumer pulls (a file renamed or deleted meanwhile is still read whole: the
      // handle is open); the handle closes when the stream ends or is cancelled.
      return { body: createReadableStreamFromReadable(handle.createReadStream()), size };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }
}

// ───────────── UploadThing ─────────────

/** A request to UploadThing that takes longer fails instead of holding the reader's request. */
const TIMEOUT_MS = 60_000;

export interface UploadThingOptions {
  /** The app's token (UPLOADTHING_TOKEN): base64 JSON of { apiKey, appId, regions }. */
  token: string;
  /** Overrides of UploadThing's hosts (tests point these at a local stand-in). */
  apiUrl?: string;
  ingestUrl?: string;
  ufsHost?: string;
  ufsAppIdLocation?: "subdomain" | "path";
  /** fetch used by the SDK and for downloads (tests pass a loopback-only one). */
  fetch?: typeof globalThis.fetch;
  /** Lifetime of the signed download URL; it never leaves the server, so it can be short. */
  signedUrlSeconds?: number;
}

/**
 * Files are uploaded with ACL "private" and our key as UploadThing's customId, so the key in
 * our database is all we need: downloads use a short-lived URL signed locally with the API key
 * (UTApi.generateSignedURL: no API round trip) and fetched by this server, which has already
 * checked the reader's right to the file; deletes go through the API by customId.
 */
export class UploadThingStorage implements FileStorage {
  readonly name = "uploadthing" as const;
  private readonly opts: UploadThingOptions;
  private readonly fetchFn: typeof globalThis.fetch;
  private readonly ttl: number;
  /** UploadThing's SDK (and its Effect runtime) is loaded by the first file operation, not at boot. */
  private sdk?: Promise<{ api: UTApi; UTFile: typeof import("uploadthing/server").UTFile }>;

  constructor(opts: UploadThingOptions) {
    this.opts = opts;
    this.fetchFn = opts.fetch ?? globalThis.fetch;
    this.ttl = opts.signedUrlSeconds ?? 60;
  }

  private load() {
    const opts = this.opts;
    return (this.sdk ??= import("uploadthing/server").then(({ UTApi, UTFile }) => ({
      UTFile,
      api: new UTApi({
        token: opts.token,
        fetch: this.fetchFn,
        defaultKeyType: "customId",
        logLevel: "Error",
        ...(opts.apiUrl ? { apiUrl: opts.apiUrl } : {}),
        ...(opts.ingestUrl ? { ingestUrl: opts.ingestUrl } : {}),
        ...(opts.ufsHost ? { ufsHost: opts.ufsHost } : {}),
        ...(opts.ufsAppIdLocation ? { ufsAppIdLocation: opts.ufsAppIdLocation } : {}),
      }),
    })));
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    assertStorageKey(key);
    // The user's file name stays in our database; UploadThing only ever sees the random key.
    const ext = ALLOWED_EXTENSIONS[contentType as AllowedType] ?? "bin";
    const { api, UTFile } = await this.load();
    const file = new UTFile([new Uint8Array(bytes)], `${key}.${ext}`, { type: contentType, customId: key });
    const result = await api.uploadFiles(file, {
      acl: "private",
      contentDisposition: "attachment",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (result.error) throw new Error(`UploadThing upload failed (${result.error.code}): ${result.error.message}`);
  }

  async get(key: string): Promise<Buffer | null> {
    assertStorageKey(key);
    const { ufsUrl } = await (await this.load()).api.generateSignedURL(key, { expiresIn: this.ttl });
    const response = await this.fetchFn(ufsUrl, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`UploadThing download failed: HTTP ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  }

  async getStream(key: string): Promise<StoredStream | null> {
    assertStorageKey(key);
    const { ufsUrl } = await (await this.load()).api.generateSignedURL(key, { expiresIn: this.ttl });
    // The answer must start within TIMEOUT_MS; its body then takes as long as the reader reads it
    // (a large file passed on to a slow client), so the timer ends with the headers.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new Error("UploadThing download timed out")), TIMEOUT_MS);
    let response: Response;
    try {
      response = await this.fetchFn(ufsUrl, { signal: abort.signal });
    } finally {
      clearTimeout(timer);
    }
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new Error(`UploadThing download failed: HTTP ${response.status}`);
    }
    const length = Number(response.headers.get("Content-Length"));
    return {
      body: response.body,
      size: Number.isSafeInteger(length) && length >= 0 && response.headers.has("Content-Length") ? length : null,
    };
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    await (await this.load()).api.deleteFiles(key, { keyType: "customId" });
  }
}

// ───────────── choice by environment ─────────────

let current: FileStorage | undefined;
const byName = new Map<StorageName, FileStorage>();

function create(name: StorageName): FileStorage {
  const env = getEnv();
  if (name === "local") return new LocalDiskStorage(path.join(env.dataDir, "files"));
  if (!env.UPLOADTHING_TOKEN) {
    throw new Error("A file is stored in UploadThing but UPLOADTHING_TOKEN is not set.");
  }
  return new UploadThingStorage({ token: env.UPLOADTHING_TOKEN, apiUrl: env.UPLOADTHING_API_URL });
}

/** The storage new uploads go to: UploadThing when UPLOADTHING_TOKEN is set, else the local disk. */
export function getFileStorage(): FileStorage {
  return (current ??= storageNamed(getEnv().UPLOADTHING_TOKEN ? "uploadthing" : "local"));
}

/** The storage that holds an existing file (StoredFile.storage). */
export function storageNamed(name: string): FileStorage {
  if (name !== "local" && name !== "uploadthing") throw new Error(`Unknown file storage: ${name}`);
  if (current?.name === name) return current;
  let storage = byName.get(name);
  if (!storage) {
    storage = create(name);
    byName.set(name, storage);
  }
  return storage;
}

/** Test hook: use this storage for new uploads (and for files that name it); undefined resets. */
export function setFileStorageForTests(storage: FileStorage | undefined): void {
  current = storage;
  byName.clear();
}
