// URL /decisions/:decisionId.pdf: a round's recognition decision. Once certificates have been
// issued under it, it is a public administrative document: no login, cacheable for a few minutes
// (ETag = the document's SHA-256). Before that only the round's organisers may read it: anonymous
// visitors are sent to log in, anyone else gets 404.
//   - a GENERATED decision (rendered by the platform) opens in the browser;
//   - an UPLOADED signed scan is a file from outside: always a download, sandboxed, like every
//     uploaded PDF (see app/modules/files/serve.server.ts).
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getAuth } from "~/modules/auth/auth.server";
import { decisionDocument } from "~/modules/certificates/certificates.server";
import { IdParam } from "~/modules/entries/schemas";
import { contentDisposition } from "~/modules/files/headers";
import { printErrorResponse } from "~/modules/print/pdf.server";
import { isDomainError } from "~/utils/errors";
import { parseParams } from "~/utils/http.server";

const PUBLIC_MAX_AGE = 300;

export async function loader({ request, params }: LoaderFunctionArgs) {
  try {
    const { decisionId } = parseParams(z.object({ decisionId: IdParam }), params, 404);
    const doc = await decisionDocument(await getAuth(request), decisionId);
    const etag = doc.sha256 ? `"${doc.sha256}"` : null;
    const headers = new Headers({
      "Content-Type": "application/pdf",
      "Content-Disposition": contentDisposition(doc.source === "UPLOADED" ? "attachment" : "inline", doc.fileName),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": doc.isPublic ? `public, max-age=${PUBLIC_MAX_AGE}` : "private, no-store",
    });
    if (doc.source === "UPLOADED") headers.set("Content-Security-Policy", "default-src 'none'; sandbox");
    if (etag) {
      headers.set("ETag", etag);
      const ifNoneMatch = request.headers.get("If-None-Match");
      if (doc.isPublic && ifNoneMatch && ifNoneMatch.split(/\s*,\s*/).includes(etag))
        return new Response(null, { status: 304, headers });
    }
    headers.set("Content-Length", String(doc.bytes.length));
    return new Response(new Uint8Array(doc.bytes), { headers });
  } catch (error) {
    if (isDomainError(error, "unauthenticated")) {
      const url = new URL(request.url);
      return redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
    }
    return printErrorResponse(request, error);
  }
}
