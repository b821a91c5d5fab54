// A judge's own score sheet for one entry of their queue, as the official printed form: filled as
// far as it is, or blank with the entry code and product when not started. Conflicted or
// unassigned entries answer 403 like every other judge page (judging/access.server.ts).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireAuth } from "~/modules/auth/auth.server";
import { IdParam } from "~/modules/entries/schemas";
import { pdfResponse, printErrorResponse } from "~/modules/print/pdf.server";
import { judgeSheetPrint, renderScoreSheetsPdf, scoreSheetFileName } from "~/modules/print/score-sheet-pdf.server";
import { parseParams } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  try {
    const { roundId, entryId } = parseParams(z.object({ roundId: IdParam, entryId: IdParam }), params, 404);
    // The form is signed in Vietnamese whatever the interface language.
    const sheet = await judgeSheetPrint(auth, roundId, entryId);
    return pdfResponse(await renderScoreSheetsPdf([sheet]), scoreSheetFileName(sheet.entryCode ?? entryId));
  } catch (error) {
    return printErrorResponse(request, error);
  }
}
