import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { canUseAdminArea } from "~/modules/access/permissions";
import { requestMeta, audit } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { exportRoundEntries } from "~/modules/entries/entries.server";
import { entriesSheet, exportTable } from "~/modules/entries/export.server";
import { ExportFormat, IdParam, ScreeningFiltersSchema } from "~/modules/entries/schemas";
import { prisma } from "~/utils/db.server";
import { mapDomainErrors, parseParams, searchParamsObject, throwForbidden } from "~/utils/http.server";
import { getLocale } from "~/utils/locale.server";
import { csvInThread, xlsxInThread } from "~/modules/print/pdf-thread.server";
import { CSV_TYPE, privateDownloadHeaders, XLSX_TYPE } from "~/utils/spreadsheet.server";

/** The round's entry list as Excel or CSV, with the same filters as the screening page, streamed. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canUseAdminArea(auth.roles)) throwForbidden();
  const { roundId } = parseParams(z.object({ roundId: IdParam }), params, 404);
  const search = searchParamsObject(request);
  const format = parseParams(ExportFormat, search.format ?? "xlsx");
  const filters = ScreeningFiltersSchema.parse(search);
  const data = await mapDomainErrors(() => exportRoundEntries(auth, roundId, filters));
  const table = exportTable(data, await getLocale(request));
  await audit(prisma, {
    actorId: auth.user.id,
    action: "entry.export",
    entityType: "Round",
    entityId: roundId,
    after: { format, rows: table.rows.length, filters },
    meta: requestMeta(request, context),
  });
  const base = `ho-so-${data.round.year}-${roundId.slice(-6)}`;
  if (format === "csv") return new Response(csvInThread(table), { headers: privateDownloadHeaders(CSV_TYPE, `attachment; filename="${base}.csv"`) });
  return new Response(xlsxInThread([entriesSheet(table, data.round.name)], { creator: "Tiêu Biểu" }), {
    headers: privateDownloadHeaders(XLSX_TYPE, `attachment; filename="${base}.xlsx"`),
  });
}
