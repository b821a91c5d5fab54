// Sending a stored file back to a reader who may open it (checked before: access.server.ts).
// Only four types can ever be stored (sniffed, photos re-encoded), so the Content-Type we send
// is one the browser cannot execute; nosniff keeps it from guessing otherwise, and the response
// gets its own CSP `default-src 'none'; sandbox` so that even a file opened as a top-level
// document runs nothing and has no access to the site's origin.
//   - photos: inline (they open in the browser tab), or attachment with ?download;
//   - PDFs: always attachment. A PDF can carry scripts and forms that the browser's viewer runs
//     inline on our origin, and the sandbox also keeps Chrome's viewer from rendering it; as a
//     download it opens in the reader's own PDF application, outside the site.
import { redirect } from "@remix-run/node";
import { DomainError } from "~/utils/errors";
import { translate } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import type { ReadableFile } from "./access.server";
import { contentDisposition } from "./headers";
import { safeFileName } from "./sniff";
import { storageNamed } from "./storage.server";

export type FileVariant = "original" | "thumbnail";

/** Short: a revoked right to a file (e.g. a province organiser who left) should not linger. */
export const FILE_MAX_AGE_SECONDS = 300;

const SAFETY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; sandbox",
  // Private files must not be embeddable by other sites (credentials would ride along).
  "Cross-Origin-Resource-Policy": "same-origin",
} as const;

export async function fileResponse(request: Request, file: ReadableFile, variant: FileVariant): Promise<Response> {
  const key = variant === "original" ? file.storageKey : file.thumbnailKey;
  if (!key) throw new DomainError(404, "files.error.noThumbnail"); // PDFs have no thumbnail
  const contentType = variant === "original" ? file.contentType : "image/webp";
  const name = variant === "original" ? file.originalName : safeFileName(file.originalName, "image/webp");
  const download = contentType === "application/pdf" || new URL(request.url).searchParams.has("download");
  const etag = `"${file.sha256}${variant === "thumbnail" ? "-t" : ""}"`;
  const headers = new Headers({
    ...SAFETY_HEADERS,
    "Cache-Control": `private, max-age=${FILE_MAX_AGE_SECONDS}`,
    ETag: etag,
  });
  const ifNoneMatch = request.headers.get("If-None-Match");
  if (ifNoneMatch && ifNoneMatch.split(/\s*,\s*/).includes(etag)) return new Response(null, { status: 304, headers });

  const bytes = await storageNamed(file.storage).get(key);
  if (!bytes) {
    console.error(`file ${file.id}: no bytes in ${file.storage} storage for its ${variant}`);
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
  if (!(error instanceof DomainError)) throw error;
  if (error.status === 401) {
    const url = new URL(request.url);
    return redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  const message = translate(await getLocale(request), error.messageKey, error.params);
  return new Response(`${message}\n`, {
    status: error.status,
    headers: { ...SAFETY_HEADERS, "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
