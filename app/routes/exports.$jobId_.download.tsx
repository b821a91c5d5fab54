// URL /exports/:jobId/download: the file of a finished export job, streamed from the file store
// as the response is read (any instance serves it; decision 047), with the name and Content-Disposition the direct download has. 404 for an
// unknown job or someone else's export, 409 while it is being made, 410 once it has expired
// (docs/decisions/042-export-jobs.md).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getAuth } from "~/modules/auth/auth.server";
import { exportJobFile } from "~/modules/exports/export-jobs.server";
import { ExportJobParams } from "~/modules/exports/schemas";
import { contentDisposition } from "~/modules/files/headers";
import { mapDomainErrors, parseParams } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { jobId } = parseParams(ExportJobParams, params, 404);
  const auth = await getAuth(request);
  const file = await mapDomainErrors(() => exportJobFile(auth?.user.id ?? null, jobId));
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": contentDisposition(file.inline ? "inline" : "attachment", file.fileName),
      ...(file.size !== null ? { "Content-Length": String(file.size) } : {}),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
