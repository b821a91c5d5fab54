// URL /admin/monitoring/reports/:reportId/photo: a consumer report's photo, for the organisers of
// the round that issued the certificate only (decision 040). Served as the sniffed image type
// with the file routes' safety headers: never executable, never embeddable by other sites.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAuth } from "~/modules/auth/auth.server";
import { reportPhoto } from "~/modules/monitoring/reports.server";
import { ReportIdParam } from "~/modules/monitoring/schemas";
import { mapDomainErrors, parseParams } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const { reportId } = parseParams(ReportIdParam, params, 404);
  const photo = await mapDomainErrors(() => reportPhoto(auth, reportId));
  return new Response(new Uint8Array(photo.bytes), {
    headers: {
      "Content-Type": photo.type,
      "Content-Length": String(photo.bytes.length),
      "Cache-Control": "private, max-age=300",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cross-Origin-Resource-Policy": "same-origin",
    },
  });
}
