// Score sheets printed by the round's organisers or council secretary:
//   ?group=B                   blank sheets, one per accepted entry of the group (code and product, judge blank)
//   ?entryId=…                 a blank sheet for one entry
//   ?entryId=…&memberId=…      that judge's existing sheet, filled (current pass, or ?pass=)
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireAuth } from "~/modules/auth/auth.server";
import { IdParam } from "~/modules/entries/schemas";
import { pdfResponse, printErrorResponse } from "~/modules/print/pdf.server";
import {
  adminSheetsPrint,
  renderScoreSheetsPdf,
  scoreSheetFileName,
  type AdminSheetsQuery,
} from "~/modules/print/score-sheet-pdf.server";
import { PRODUCT_GROUPS } from "~/modules/rounds/round-fields";
import { parseParams, searchParamsObject } from "~/utils/http.server";

const PrintQuery = z
  .object({
    group: z.enum(PRODUCT_GROUPS).optional(),
    entryId: IdParam.optional(),
    memberId: IdParam.optional(),
    pass: z.coerce.number().int().min(1).max(2).optional(),
  })
  .transform((q, ctx): AdminSheetsQuery => {
    if (q.entryId && q.memberId) return { kind: "sheet", entryId: q.entryId, memberId: q.memberId, pass: q.pass };
    if (q.entryId) return { kind: "entry", entryId: q.entryId };
    if (q.group && !q.memberId) return { kind: "group", group: q.group };
    ctx.addIssue({ code: "custom", message: "group, entryId, or entryId and memberId" });
    return z.NEVER;
  });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  try {
    const { roundId } = parseParams(z.object({ roundId: IdParam }), params, 404);
    // "?entryId=" from an empty form field means "not given".
    const search = Object.fromEntries(Object.entries(searchParamsObject(request)).filter(([, v]) => v !== ""));
    const query = parseParams(PrintQuery, search);
    const { sheets, name } = await adminSheetsPrint(auth, roundId, query);
    return pdfResponse(await renderScoreSheetsPdf(sheets), scoreSheetFileName(name));
  } catch (error) {
    return printErrorResponse(request, error);
  }
}
