// Sending a stored file back to a reader who may open it (checked before: access.server.ts).
// Only four types can ever be stored (sniffed, photos re-encoded), so the Content-Type we send
// is one the browser cannot execute; nosniff keeps it from guessing otherwise, and the response
// gets its own CSP `default-src 'none'; sandbox` so that even a file opened as a top-level
// document runs nothing and has no access to the site's origin.
//   - photos: inline (they open in the browser tab), or attachment with ?download;
//   - PDFs: always attachment. A PDF can carry scripts and forms that the browser's viewer runs
//     inline on our origin, and the sandbox also keeps Chrome's viewer from rendering it; as a
//     download it opens in the reader's own PDF application, outside the site.
// Judges of a blind round get a neutral name (entry code + kind + number) instead of the
// producer's, and PDFs without the producer's metadata: a cleaned copy, made on first request
// and kept in the file storage under a key derived from the original's (files never change, so
// the copy never goes stale). Everyone else gets the original name and bytes. See
// docs/decisions/018.
import { redirect } from "@remix-run/node";
import { DomainError, isDomainError } from "~/utils/errors";
import { getT, translate } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import type { ServedFile } from "./access.server";
import { contentDisposition } from "./headers";
import { neutralFileName } from "./neutral-name";
import { PdfCleanError, stripPdfMetadata } from "./pdf-clean.server";
import { ALLOWED_EXTENSIONS, safeFileName, type AllowedType } from "./sniff";
import { storageNamed, type FileStorage } from "./storage.server";
import { getLogger } from "~/utils/logger.server";

const log = getLogger("files");

export type FileVariant = "original" | "thumbnail";

/** Short: a revoked right to a file (e.g. a province organiser who left) should not linger. */
export const FILE_MAX_AGE_SECONDS = 300;

const SAFETY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; sandbox",
  // Private files must not be embeddable by other sites (credentials would ride along).
  "Cross-Origin-Resource-Policy": "same-origin",
} as const;

/** Where the cleaned copy of a PDF is kept; bump the suffix if the cleaning ever changes. */
export const cleanedKey = (storageKey: string) => `${storageKey}-anon1`;

async function cleanedPdf(storage: FileStorage, file: ServedFile): Promise<Buffer | null> {
  const key = cleanedKey(file.storageKey);
  const kept = await storage.get(key);
  if (kept) return kept;
  const original = await storage.get(file.storageKey);
  if (!original) return null;
  let cleaned: Buffer;
  try {
    cleaned = await stripPdfMetadata(original);
  } catch (error) {
    if (!(error instanceof PdfCleanError)) throw error;
    log.warn({ fileId: file.id, reason: error.message }, "PDF cannot be cleaned for blind judging");
    throw new DomainError(422, "files.error.cannotAnonymise");
  }
  // Two judges opening it at once both write the same bytes; a failed write only costs a redo.
  await storage
    .put(key, cleaned, "application/pdf")
    .catch((error) => log.error({ err: error, fileId: file.id }, "could not keep the cleaned copy of a PDF"));
  return cleaned;
}

export async function fileResponse(request: Request, file: ServedFile, variant: FileVariant): Promise<Response> {
  const key = variant === "original" ? file.storageKey : file.thumbnailKey;
  if (!key) throw new DomainError(404, "files.error.noThumbnail"); // PDFs have no thumbnail
  const contentType = variant === "original" ? file.contentType : "image/webp";
  const blind = file.judgeView?.blind ? file.judgeView : null;
  const cleanPdf = !!blind && variant === "original" && contentType === "application/pdf";
  const name = blind
    ? `${neutralFileName(getT(await getLocale(request)), { entryCode: blind.entryCode, kind: file.kind, number: blind.number })}.${ALLOWED_EXTENSIONS[contentType as AllowedType]}`
    : variant === "original"
      ? file.originalName
      : safeFileName(file.originalName, "image/webp");
  const download = contentType === "application/pdf" || new URL(request.url).searchParams.has("download");
  const etag = `"${file.sha256}${variant === "thumbnail" ? "-t" : ""}${cleanPdf ? "-anon1" : ""}"`;
  const headers = new Headers({
    ...SAFETY_HEADERS,
    "Cache-Control": `private, max-age=${FILE_MAX_AGE_SECONDS}`,
    ETag: etag,
  });
  const ifNoneMatch = request.headers.get("If-None-Match");
  if (ifNoneMatch && ifNoneMatch.split(/\s*,\s*/).includes(etag)) return new Response(null, { status: 304, headers });

  const storage = storageNamed(file.storage);
  const bytes = cleanPdf ? await cleanedPdf(storage, file) : await storage.get(key);
  if (!bytes) {
    log.error({ fileId: file.id, storage: file.storage, variant }, "file: no bytes in storage");
    throw new DomainError(404, "files.error.missing");
  }
  headers.set("Content-Type", contentType);
  headers.set("Content-Length", String(bytes.length));
  headers.set("Content-Disposition", contentDisposition(download ? "attachment" : "inline", name));
  // A view on the buffer, not a copy (storages return plain, unshared buffers).
  const body = new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
  return new Response(body, { status: 200, headers });
}

/**
 * A refusal as the reader should see it: anonymous visitors go to the log-in page and come back;
 * others get a short message in their language (a file URL is opened directly, not in a page).
 * Errors other than DomainError are rethrown (a real 500).
 */
export async function fileErrorResponse(request: Request, error: unknown): Promise<Response> {
  if (!isDomainError(error)) throw error;
  if (error.code === "unauthenticated") {
    const url = new URL(request.url);
    return redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  const message = translate(await getLocale(request), error.messageKey, error.params);
  return new Response(`${message}\n`, {
    status: error.status,
    headers: { ...SAFETY_HEADERS, "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
