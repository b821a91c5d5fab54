// URL /visits/:visitId/photos/:photoId (?thumb for the small copy): a photo of a site visit's
// report, for the visit's readers only (decision 039); served like every stored file
// (app/modules/files/serve.server.ts: sniffed type, no-sniff, sandboxed, private cache).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAuth } from "~/modules/auth/auth.server";
import { fileErrorResponse, fileResponse } from "~/modules/files/serve.server";
import { VisitPhotoParams } from "~/modules/visits/schemas";
import { visitPhotoFile } from "~/modules/visits/visits.server";
import { parseParams } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const { visitId, photoId } = parseParams(VisitPhotoParams, params, 404);
  try {
    const file = await visitPhotoFile(auth, visitId, photoId);
    return await fileResponse(request, file, new URL(request.url).searchParams.has("thumb") ? "thumbnail" : "original");
  } catch (error) {
    return fileErrorResponse(request, error);
  }
}
