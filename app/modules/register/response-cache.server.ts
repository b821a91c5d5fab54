// A response cache for anonymous GETs of the public register's pages (issue #9): /products, a
// product page, /verify/<code> (HTML and JSON), /statistics and /api/products. What an anonymous
// visitor sees there changes only when the register changes (RegisterVersion, raised in the same
// transaction as the write) or at midnight in Vietnam (validity statuses roll over), so an answer
// is kept under (URL, language cookie, Accept, register version, today in Vietnam) and served
// again without running Remix. server/app.ts mounts it with one line, after compression.
//
// What must not be shared is kept out:
// - only requests carrying no cookie but the language choice (a session or a toast cookie makes
//   the page personal), and only answers that are 200, set no cookie and that the route itself
//   marked `Cache-Control: public` (cache.server.ts does so only for anonymous requests);
// - the per-request CSP nonce is not stored: the HTML is kept in pieces around it and each hit
//   puts in the nonce of its own response (the one in its Content-Security-Policy header);
// - bounded by bytes (lru-cache), and emptied by a restart (a deploy changes asset names).
// The gzip variant is compressed once, when stored: the pieces are deflated with a full flush
// (each ends byte-aligned and refers to nothing before it), so a hit only writes the nonce as a
// raw "stored" deflate block between them and appends the CRC-32 and length (RFC 1951 §3.2.4,
// RFC 1952). ETag/304 work on hits as on misses.
import zlib from "node:zlib";
import type { NextFunction, Request, Response } from "express";
import { LRUCache } from "lru-cache";
import { todayInVietnam } from "~/modules/producers/rules";
import { etagMatches } from "./cache.server";

// Loaded at the first request, so importing server/app.ts does not create the database client
// before server/main.ts has migrated the database.
let versionModule: Promise<typeof import("./version.server")> | undefined;
const readVersion = async () => (await (versionModule ??= import("./version.server"))).readRegisterVersion();

/** The public register's cacheable paths (not the downloads: /products/export). */
const PUBLIC_PATHS = [
  /^\/products(\.data)?$/,
  /^\/products\/[a-z0-9]{20,40}(\.data)?$/,
  /^\/verify\/[^/]{1,64}$/,
  /^\/statistics(\.data)?$/,
  /^\/api\/products$/,
];
/** The one cookie a public page may depend on: the language switch. Any other one bypasses the cache. */
const LANGUAGE_COOKIE = "tb_lang";
/** Headers that belong to the transport or to this request, never stored. */
const NOT_STORED = new Set([
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "connection",
  "date",
  "keep-alive",
]);
const MAX_ENTRY_BYTES = 2 * 1024 * 1024;
/** How long a request waits for another one making the same page before making it itself. */
const MAX_WAIT_MS = 10_000;
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]);

interface Entry {
  headers: Array<[string, string | string[]]>;
  etag: string | null;
  /** The body split where the request's nonce stood (one piece when there was none). */
  pieces: Buffer[];
  /** The pieces deflated (all but the last end with a full flush; the last ends the stream). */
  deflated: Buffer[];
  size: number;
}

export function isCacheablePath(pathname: string): boolean {
  return PUBLIC_PATHS.some((re) => re.test(pathname));
}

/** The language cookie's raw value, or null when another cookie is sent (then nothing is cached). */
export function anonymousLanguage(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return "";
  let lang = "";
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    const name = (eq < 0 ? part : part.slice(0, eq)).trim();
    if (!name) continue;
    if (name !== LANGUAGE_COOKIE) return null;
    lang = part.slice(eq + 1).trim();
  }
  return lang;
}

function split(body: Buffer, nonce: string | undefined): Buffer[] {
  if (!nonce) return [body];
  const needle = Buffer.from(nonce);
  const pieces: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(needle); at >= 0; at = body.indexOf(needle, from)) {
    pieces.push(body.subarray(from, at));
    from = at + needle.length;
  }
  pieces.push(body.subarray(from));
  return pieces;
}

function deflatePieces(pieces: Buffer[]): Buffer[] {
  return pieces.map((p, i) =>
    zlib.deflateRawSync(p, i < pieces.length - 1 ? { finishFlush: zlib.constants.Z_FULL_FLUSH } : {}),
  );
}

/** A non-final stored deflate block holding `bytes` (at most 65535 of them). */
function storedBlock(bytes: Buffer): Buffer {
  const len = bytes.length;
  return Buffer.concat([Buffer.from([0x00, len & 0xff, len >> 8, ~len & 0xff, (~len >> 8) & 0xff]), bytes]);
}

function joinPieces(pieces: Buffer[], nonce: Buffer): Buffer {
  const parts: Buffer[] = [];
  pieces.forEach((p, i) => parts.push(...(i ? [nonce, p] : [p])));
  return Buffer.concat(parts);
}

function gzipOf(entry: Entry, nonce: Buffer, identity: Buffer): Buffer {
  const block = storedBlock(nonce);
  const parts: Buffer[] = [GZIP_HEADER];
  entry.deflated.forEach((d, i) => parts.push(...(i ? [block, d] : [d])));
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(zlib.crc32(identity) >>> 0, 0);
  trailer.writeUInt32LE(identity.length % 2 ** 32, 4);
  parts.push(trailer);
  return Buffer.concat(parts);
}

export interface ResponseCacheOptions {
  /** Bytes kept in all (bodies in both variants). */
  maxBytes?: number;
  /** The request's CSP nonce (server/app.ts keeps it in res.locals.cspNonce). */
  nonceOf?: (res: Response) => string | undefined;
}

/** The Express middleware. Mount it after compression() and before the Remix handler. */
export function registerResponseCache(opts: ResponseCacheOptions = {}) {
  const nonceOf = opts.nonceOf ?? ((res: Response) => res.locals.cspNonce as string | undefined);
  const cache = new LRUCache<string, Entry>({
    maxSize: opts.maxBytes ?? 32 * 1024 * 1024,
    sizeCalculation: (e) => e.size,
  });
  /** Keys whose first miss is being answered now; settled when that answer is kept or ends. */
  const inFlight = new Map<string, Promise<void>>();

  return async function responseCache(req: Request, res: Response, next: NextFunction) {
    if (req.method !== "GET" || !isCacheablePath(req.path)) return next();
    const language = anonymousLanguage(req.get("cookie"));
    if (language === null) return next();
    let version: number | null;
    try {
      version = await readVersion();
    } catch (error) {
      return next(error);
    }
    if (version === null) return next();
    const key = JSON.stringify([req.originalUrl, language, req.get("accept") ?? "", version, todayInVietnam()]);
    const nonce = nonceOf(res);

    // The same page is being made for another request: wait for it rather than make it again.
    const pending = cache.has(key) ? undefined : inFlight.get(key);
    if (pending) await Promise.race([pending, new Promise((resolve) => setTimeout(resolve, MAX_WAIT_MS).unref())]);

    const hit = cache.get(key);
    if (hit && (hit.pieces.length === 1 || nonce)) {
      res.setHeader("X-Register-Cache", "hit");
      for (const [name, value] of hit.headers) res.setHeader(name, value);
      if (hit.etag && etagMatches(req.get("if-none-match") ?? null, hit.etag)) {
        res.status(304).end();
        return;
      }
      const nonceBytes = Buffer.from(nonce ?? "");
      const identity = hit.pieces.length === 1 && hit.pieces[0] ? hit.pieces[0] : joinPieces(hit.pieces, nonceBytes);
      res.vary("Accept-Encoding");
      if (req.acceptsEncodings("gzip", "identity") === "gzip") {
        res.setHeader("Content-Encoding", "gzip");
        res.status(200).end(gzipOf(hit, nonceBytes, identity));
      } else {
        res.status(200).end(identity);
      }
      return;
    }

    // A miss: let Remix answer, and keep a copy of what it wrote (before compression, which
    // sits outside this middleware). The first miss of a key leads: requests for the same key
    // arriving meanwhile wait for its answer (above) instead of each running the loaders again
    // (a QR-scan rush right after a register change); they make their own if it is not kept.
    res.setHeader("X-Register-Cache", "miss");
    let release = () => {};
    if (!pending) {
      let settle!: () => void;
      const done = new Promise<void>((resolve) => (settle = resolve));
      inFlight.set(key, done);
      release = () => {
        if (inFlight.get(key) === done) inFlight.delete(key);
        settle();
      };
      res.once("close", release); // also when the answer is not kept, or the client went away
    }
    const before = new Set(Object.keys(res.getHeaders()));
    const chunks: Buffer[] = [];
    let bytes = 0;
    let tooBig = false;
    const collect = (chunk: unknown, encoding?: unknown) => {
      if (tooBig || chunk === undefined || chunk === null || typeof chunk === "function") return;
      const buf = Buffer.isBuffer(chunk)
        ? chunk
        : typeof chunk === "string"
          ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
          : Buffer.from(chunk as Uint8Array);
      bytes += buf.length;
      if (bytes > MAX_ENTRY_BYTES) tooBig = true;
      else chunks.push(buf);
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    (res as unknown as { write: (...args: unknown[]) => boolean }).write = (...args: unknown[]) => {
      collect(args[0], args[1]);
      return write(...args);
    };
    (res as unknown as { end: (...args: unknown[]) => Response }).end = (...args: unknown[]) => {
      collect(args[0], args[1]);
      return end(...args);
    };
    res.once("finish", () => {
      if (tooBig || res.statusCode !== 200 || res.getHeader("set-cookie") !== undefined) return;
      if (!String(res.getHeader("cache-control") ?? "").startsWith("public")) return;
      const body = Buffer.concat(chunks);
      const pieces = split(body, nonce);
      const headers = Object.entries(res.getHeaders())
        .filter(([name]) => !before.has(name) && !NOT_STORED.has(name) && name !== "x-register-cache")
        .map(([name, value]): [string, string | string[]] => [name, Array.isArray(value) ? value : String(value)]);
      const deflated = deflatePieces(pieces);
      const size = body.length + deflated.reduce((n, d) => n + d.length, 0) + 512;
      const etag = res.getHeader("etag");
      cache.set(key, { headers, etag: etag ? String(etag) : null, pieces, deflated, size });
      release();
    });
    next();
  };
}
