// URL /admin/rounds/:roundId/samples/labels.pdf[?entry=<id>|?panel=<id|ALL>]: the A4 label sheet of
// a round's samples (issue #14, decision 038), one entry's label, or a blind tasting panel's plate
// labels with the tasting numbers (decision 046), for the round's organisers. A whole
// round's sheet (hundreds of QR codes) is drawn in the PDF thread, off the event loop (decision 027).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAuth } from "~/modules/auth/auth.server";
import { canUseAdminArea } from "~/modules/access/permissions";
import { pdfResponse, printErrorResponse } from "~/modules/print/pdf.server";
import { pdfBufferInThread } from "~/modules/print/pdf-thread.server";
import { renderLabelsPdf, renderTastingLabelsPdf } from "~/modules/print/samples-pdf.server";
import { RoundIdParam } from "~/modules/rounds/schemas";
import { labelsPrint, tastingLabelsPrint } from "~/modules/samples/samples.server";
import { LabelsQuery } from "~/modules/samples/schemas";
import { parseParams, searchParamsObject, throwForbidden } from "~/utils/http.server";
import { getT } from "~/utils/i18n";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  try {
    if (!canUseAdminArea(auth.roles)) throwForbidden();
    const { roundId } = parseParams(RoundIdParam, params, 404);
    const { entry, panel } = parseParams(LabelsQuery, searchParamsObject(request));
    if (panel) {
      const plates = await renderTastingLabelsPdf(await tastingLabelsPrint(auth, roundId, panel));
      return pdfResponse(plates, `${getT("vi")("samples.pdf.tastingLabelsName")}.pdf`);
    }
    const input = await labelsPrint(auth, roundId, entry);
    const bytes = entry ? await renderLabelsPdf(input) : await pdfBufferInThread({ kind: "labels", input });
    const name = getT("vi")("samples.pdf.labelsName");
    return pdfResponse(bytes, `${name}${entry && input.labels[0] ? `-${input.labels[0].code}` : ""}.pdf`);
  } catch (error) {
    return printErrorResponse(request, error);
  }
}
