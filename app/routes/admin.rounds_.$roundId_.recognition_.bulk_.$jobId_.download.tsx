// URL /admin/rounds/:roundId/recognition/bulk/:jobId/download: the file of a finished bulk job
// (one multi-page PDF, or a ZIP of one PDF per certificate), for the round's organisers only.
// 404 for an unknown job or another round's; 409 while the job is still running.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { canUseAdminArea } from "~/modules/access/permissions";
import { requireAuth } from "~/modules/auth/auth.server";
import { bulkResult } from "~/modules/certificates/bulk.server";
import { JobId } from "~/modules/certificates/schemas";
import { contentDisposition } from "~/modules/files/headers";
import { printErrorResponse } from "~/modules/print/pdf.server";
import { RoundIdParam } from "~/modules/rounds/schemas";
import { parseParams, throwForbidden } from "~/utils/http.server";

const Params = RoundIdParam.extend({ jobId: JobId });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  try {
    if (!canUseAdminArea(auth.roles)) throwForbidden();
    const { roundId, jobId } = parseParams(Params, params, 404);
    const file = await bulkResult(auth, roundId, jobId);
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": contentDisposition("attachment", file.fileName),
        "Content-Length": String(file.bytes.length),
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    return printErrorResponse(request, error);
  }
}
