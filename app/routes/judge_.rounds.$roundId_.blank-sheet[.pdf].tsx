// A blank score sheet of one product group (?group=B) for a member of the round's jury: the
// rubric of that group with empty boxes, no entry. Nothing about any producer is on it.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireAuth } from "~/modules/auth/auth.server";
import { IdParam } from "~/modules/entries/schemas";
import { pdfResponse, printErrorResponse } from "~/modules/print/pdf.server";
import { judgeBlankSheetPrint, renderScoreSheetsPdf, scoreSheetFileName } from "~/modules/print/score-sheet-pdf.server";
import { PRODUCT_GROUPS } from "~/modules/rounds/round-fields";
import { parseParams, searchParamsObject } from "~/utils/http.server";
import { getT } from "~/utils/i18n";

const BlankSheetQuery = z.object({ group: z.enum(PRODUCT_GROUPS) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  try {
    const { roundId } = parseParams(z.object({ roundId: IdParam }), params, 404);
    const { group } = parseParams(BlankSheetQuery, searchParamsObject(request));
    const sheet = await judgeBlankSheetPrint(auth, roundId, group);
    return pdfResponse(
      await renderScoreSheetsPdf([sheet]),
      scoreSheetFileName(getT("vi")("print.sheet.blankName", { group })),
    );
  } catch (error) {
    return printErrorResponse(request, error);
  }
}
