// URL /admin/rounds/:roundId/nominations/export?format=xlsx|csv&to=<target round id>: the
// nomination list (danh sách trích ngang) a province sends with its nominations, as Excel or CSV.
// Up to EXPORT_JOB_MIN_ROWS_ORGANISER rows it streams at once; a larger list is made by a
// background job only this organiser can follow and download, and this answers 303 to its
// progress page (docs/decisions/042-export-jobs.md, 047).
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { canManageRounds } from "~/modules/access/permissions";
import { audit, requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { isLargeExport, requestExportJob } from "~/modules/exports/export-jobs.server";
import { nominationsExportCount, nominationsExportFile } from "~/modules/exports/files.server";
import { NominationExportSchema, RoundParams } from "~/modules/nominations/schemas";
import { prisma } from "~/utils/db.server";
import { mapDomainErrors, parseParams, searchParamsObject, throwForbidden } from "~/utils/http.server";
import { getLocale } from "~/utils/locale.server";
import { privateDownloadHeaders } from "~/utils/spreadsheet.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canManageRounds(auth.roles)) throwForbidden();
  const { roundId } = parseParams(RoundParams, params, 404);
  const { format, to } = parseParams(NominationExportSchema, searchParamsObject(request));
  const locale = await getLocale(request);
  const meta = requestMeta(request, context);
  // The count is the scope check too (nominationList: 403/404/409).
  const rows = await mapDomainErrors(() => nominationsExportCount(auth, roundId, to));
  if (isLargeExport("nominations", rows)) {
    const { jobId } = await mapDomainErrors(() =>
      requestExportJob({
        payload: { source: "nominations", format, locale, roundId, ...(to ? { to } : {}) },
        ownerId: auth.user.id,
        rows,
        version: null,
        meta,
      }),
    );
    return redirect(`/exports/${jobId}`, { status: 303 });
  }
  const file = await mapDomainErrors(() => nominationsExportFile(auth, roundId, format, to, locale));
  await audit(prisma, {
    actorId: auth.user.id,
    action: "nomination.export",
    entityType: "Round",
    entityId: roundId,
    after: { format, to: to ?? null, rows: file.rows },
    meta,
  });
  return new Response(file.body, {
    headers: privateDownloadHeaders(file.contentType, `attachment; filename="${file.fileName}"`),
  });
}
