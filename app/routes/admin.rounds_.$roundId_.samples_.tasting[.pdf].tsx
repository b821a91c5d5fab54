// URL /admin/rounds/:roundId/samples/tasting.pdf: the serving order of a blind tasting — for
// every judge, turn by turn, the tasting numbers (issue #14, decision 038), for the round's
// organisers. Entry codes and names are not printed: the paper goes to the tasting room.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAuth } from "~/modules/auth/auth.server";
import { canUseAdminArea } from "~/modules/access/permissions";
import { pdfResponse, printErrorResponse } from "~/modules/print/pdf.server";
import { pdfBufferInThread } from "~/modules/print/pdf-thread.server";
import { RoundIdParam } from "~/modules/rounds/schemas";
import { getTastingPlan } from "~/modules/samples/samples.server";
import { parseParams, throwForbidden } from "~/utils/http.server";
import { getT } from "~/utils/i18n";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  try {
    if (!canUseAdminArea(auth.roles)) throwForbidden();
    const { roundId } = parseParams(RoundIdParam, params, 404);
    const plan = await getTastingPlan(auth, roundId);
    // Every judge's list of a large round runs to dozens of pages: drawn in the PDF thread (decision 027).
    const bytes = await pdfBufferInThread({
      kind: "tasting",
      input: { roundName: plan.round.name, generatedAt: new Date(), panels: plan.panels },
    });
    return pdfResponse(bytes, `${getT("vi")("samples.pdf.tastingName")}.pdf`);
  } catch (error) {
    return printErrorResponse(request, error);
  }
}
