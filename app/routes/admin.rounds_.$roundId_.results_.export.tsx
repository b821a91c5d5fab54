// URL /admin/rounds/:roundId/results/export?format=xlsx|csv|pdf&group=all|A|B|C|D[&pass=1|2]:
// the ranked results as Excel or CSV, or the minutes' table as PDF, for whoever may see the
// results page (organisers; the council secretary once judging is closed). Downloads are
// audited like the entry list's. Up to EXPORT_JOB_MIN_ROWS_ORGANISER rows it streams at once; a
// larger list is made by a background job only this person can follow and download, and this
// answers 303 to its progress page (docs/decisions/042-export-jobs.md, 047).
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { audit, requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { isLargeExport, requestExportJob } from "~/modules/exports/export-jobs.server";
import { resultsExportCount, resultsExportFile } from "~/modules/exports/files.server";
import { contentDisposition } from "~/modules/files/headers";
import { ResultsExportQuery } from "~/modules/judging/results-schemas";
import { RoundIdParam } from "~/modules/rounds/schemas";
import { prisma } from "~/utils/db.server";
import { mapDomainErrors, parseParams, searchParamsObject } from "~/utils/http.server";
import { getLocale } from "~/utils/locale.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const { roundId } = parseParams(RoundIdParam, params, 404);
  const query = parseParams(ResultsExportQuery, searchParamsObject(request));
  const locale = await getLocale(request);
  const meta = requestMeta(request, context);
  // The count is the scope check too (403/404/409 for anyone who may not see these results).
  const rows = await mapDomainErrors(() => resultsExportCount(auth, roundId, query));
  if (isLargeExport("results", rows)) {
    const { jobId } = await mapDomainErrors(() =>
      requestExportJob({
        payload: { source: "results", locale, roundId, ...query },
        ownerId: auth.user.id,
        rows,
        version: null,
        meta,
      }),
    );
    return redirect(`/exports/${jobId}`, { status: 303 });
  }
  const file = await mapDomainErrors(() => resultsExportFile(auth, roundId, query, locale));
  await audit(prisma, {
    actorId: auth.user.id,
    action: "results.export",
    entityType: "Round",
    entityId: roundId,
    after: { format: query.format, group: query.group, pass: file.pass, rows: file.rows, official: file.official },
    meta,
  });
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": contentDisposition("attachment", file.fileName),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
