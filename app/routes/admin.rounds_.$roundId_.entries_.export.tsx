// URL /admin/rounds/:roundId/entries/export?format=xlsx|csv&<screening filters>: the round's entry
// list as Excel or CSV, for its organisers. Up to EXPORT_JOB_MIN_ROWS_ORGANISER rows it streams at once; a
// larger list is made by a background job that only this organiser can follow and download, and
// this answers 303 to its progress page (docs/decisions/042-export-jobs.md).
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { canUseAdminArea } from "~/modules/access/permissions";
import { requestMeta, audit } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { listRoundEntries } from "~/modules/entries/entries.server";
import { ExportFormat, IdParam, ScreeningFiltersSchema } from "~/modules/entries/schemas";
import { isLargeExport, requestExportJob } from "~/modules/exports/export-jobs.server";
import { entriesExportFile } from "~/modules/exports/files.server";
import { prisma } from "~/utils/db.server";
import { mapDomainErrors, parseParams, searchParamsObject, throwForbidden } from "~/utils/http.server";
import { getLocale } from "~/utils/locale.server";
import { privateDownloadHeaders } from "~/utils/spreadsheet.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canUseAdminArea(auth.roles)) throwForbidden();
  const { roundId } = parseParams(z.object({ roundId: IdParam }), params, 404);
  const search = searchParamsObject(request);
  const format = parseParams(ExportFormat, search.format ?? "xlsx");
  const filters = ScreeningFiltersSchema.parse(search);
  const locale = await getLocale(request);
  const meta = requestMeta(request, context);
  // The count is the screening page's (and its scope check: 404 outside the organiser's rounds).
  const { total } = await mapDomainErrors(() => listRoundEntries(auth, roundId, { ...filters, page: 1 }));
  if (isLargeExport("entries", total)) {
    const { jobId } = await mapDomainErrors(() =>
      requestExportJob({
        payload: { source: "entries", format, locale, roundId, filters },
        ownerId: auth.user.id,
        rows: total,
        version: null,
        meta,
      }),
    );
    return redirect(`/exports/${jobId}`, { status: 303 });
  }
  const file = await mapDomainErrors(() => entriesExportFile(auth, roundId, format, filters, locale));
  await audit(prisma, {
    actorId: auth.user.id,
    action: "entry.export",
    entityType: "Round",
    entityId: roundId,
    after: { format, rows: file.rows, filters },
    meta,
  });
  return new Response(file.body, {
    headers: privateDownloadHeaders(file.contentType, `attachment; filename="${file.fileName}"`),
  });
}
