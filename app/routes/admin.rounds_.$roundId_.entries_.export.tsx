import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { canUseAdminArea } from "~/modules/access/permissions";
import { requestMeta, audit } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { exportRoundEntries } from "~/modules/entries/entries.server";
import { exportTable, toCsv, toXlsx } from "~/modules/entries/export.server";
import { ExportFormat, IdParam, ScreeningFiltersSchema } from "~/modules/entries/schemas";
import { prisma } from "~/utils/db.server";
import { mapDomainErrors, parseParams, searchParamsObject, throwForbidden } from "~/utils/http.server";
import { getLocale } from "~/utils/locale.server";

/** The round's entry list as Excel or CSV, with the same filters as the screening page. */
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
  const headers = { "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" };
  if (format === "csv") {
    return new Response(toCsv(table), {
      headers: { ...headers, "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${base}.csv"` },
    });
  }
  return new Response(new Uint8Array(await toXlsx(table, data.round.name)), {
    headers: {
      ...headers,
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${base}.xlsx"`,
    },
  });
}
