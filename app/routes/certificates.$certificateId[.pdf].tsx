// URL /certificates/:certificateId.pdf: one certificate as printed (A4 landscape), rendered on
// each request so a revocation shows at once ("ĐÃ THU HỒI" across the page). Readable by the
// owner of the establishment, the organisers of the certificate's round and administrators;
// anyone else signed in gets 403, an unknown id 404, and an anonymous visitor is sent to log in
// and comes back here. (The public check of a certificate is /verify/<code>, not this file.)
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireAuth } from "~/modules/auth/auth.server";
import { certificateFileName, renderCertificatesPdf } from "~/modules/certificates/certificate-pdf.server";
import { certificateForPrint } from "~/modules/certificates/certificates.server";
import { CertificateId } from "~/modules/certificates/schemas";
import { pdfResponse, printErrorResponse } from "~/modules/print/pdf.server";
import { parseParams } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  try {
    const { certificateId } = parseParams(z.object({ certificateId: CertificateId }), params, 404);
    const cert = await certificateForPrint(auth, certificateId);
    return pdfResponse(await renderCertificatesPdf([cert]), certificateFileName(cert.serial));
  } catch (error) {
    return printErrorResponse(request, error);
  }
}
