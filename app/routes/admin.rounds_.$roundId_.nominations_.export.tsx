// URL /admin/rounds/:roundId/nominations/export?format=xlsx|csv&to=<target round id>: the
// nomination list (danh sách trích ngang) a province sends with its nominations, as Excel or CSV.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { canManageRounds } from "~/modules/access/permissions";
import { audit, requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { nominationList, nominationListSheet, nominationListTable } from "~/modules/nominations/nominations.server";
import { NominationExportSchema, RoundParams } from "~/modules/nominations/schemas";
import { prisma } from "~/utils/db.server";
import { mapDomainErrors, parseParams, searchParamsObject, throwForbidden } from "~/utils/http.server";
import { getLocale } from "~/utils/locale.server";
import { csvInThread, xlsxInThread } from "~/modules/print/pdf-thread.server";
import { CSV_TYPE, privateDownloadHeaders, XLSX_TYPE } from "~/utils/spreadsheet.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canManageRounds(auth.roles)) throwForbidden();
  const { roundId } = parseParams(RoundParams, params, 404);
  const { format, to } = parseParams(NominationExportSchema, searchParamsObject(request));
  const list = await mapDomainErrors(() => nominationList(auth, roundId, to));
  const table = nominationListTable(list, await getLocale(request));
  await audit(prisma, {
    actorId: auth.user.id,
    action: "nomination.export",
    entityType: "Round",
    entityId: roundId,
    after: { format, to: to ?? null, rows: table.rows.length },
    meta: requestMeta(request, context),
  });
  const base = `trich-ngang-${list.round.year}-${roundId.slice(-6)}${list.target ? `-${list.target.id.slice(-6)}` : ""}`;
  if (format === "csv") return new Response(csvInThread(table), { headers: privateDownloadHeaders(CSV_TYPE, `attachment; filename="${base}.csv"`) });
  return new Response(xlsxInThread([nominationListSheet(table, list.target?.name ?? list.round.name)], { creator: "Tiêu Biểu" }), {
    headers: privateDownloadHeaders(XLSX_TYPE, `attachment; filename="${base}.xlsx"`),
  });
}
