// A judge's own score sheet for one entry of their queue, as the official printed form: filled as
// far as it is, or blank with the entry code and product when not started. Conflicted or
// unassigned entries answer 403 like every other judge page (judging/access.server.ts). At a blind
// tasting the sheet (and its file name) carries the tasting number instead (decision 046).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireAuth } from "~/modules/auth/auth.server";
import { IdParam } from "~/modules/entries/schemas";
import { pdfResponse, printErrorResponse } from "~/modules/print/pdf.server";
import { judgeSheetPrint, renderScoreSheetsPdf, scoreSheetFileName } from "~/modules/print/score-sheet-pdf.server";
import { parseParams } from "~/utils/http.server";
import { getT } from "~/utils/i18n";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  try {
    const { roundId, entryId } = parseParams(z.object({ roundId: IdParam, entryId: IdParam }), params, 404);
    // The form is signed in Vietnamese whatever the interface language.
    const sheet = await judgeSheetPrint(auth, roundId, entryId);
    // At a blind tasting the file is named by the tasting number, never the entry code.
    const name =
      sheet.tastingNumber != null
        ? getT("vi")("print.sheet.tastingFile", { number: sheet.tastingNumber })
        : (sheet.entryCode ?? entryId);
    return pdfResponse(await renderScoreSheetsPdf([sheet]), scoreSheetFileName(name));
  } catch (error) {
    return printErrorResponse(request, error);
  }
}
