// URL /admin/rounds/:roundId/results/export?format=xlsx|csv|pdf&group=all|A|B|C|D[&pass=1|2]:
// the ranked results as Excel or CSV, or the minutes' table as PDF, for whoever may see the
// results page (organisers; the council secretary once judging is closed). Downloads are
// audited like the entry list's.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { audit, requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { contentDisposition } from "~/modules/files/headers";
import { councilNameOf } from "~/modules/judging/council";
import { exportRows, resultsSheetTable } from "~/modules/judging/results";
import { ResultsExportQuery } from "~/modules/judging/results-schemas";
import { cachedRoundResults, requireResultsViewer } from "~/modules/judging/results.server";
import { csvInThread, pdfBufferInThread, xlsxInThread } from "~/modules/print/pdf-thread.server";
import { RoundIdParam } from "~/modules/rounds/schemas";
import { prisma } from "~/utils/db.server";
import { mapDomainErrors, parseParams, searchParamsObject } from "~/utils/http.server";
import { getT } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";

const TYPES = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
  pdf: "application/pdf",
} as const;

/** Column widths of the results sheet (characters), in resultsSheetTable's order. */
const RESULTS_WIDTHS = [6, 14, 36, 36, 7, 8, 9, 9, 9, 14, 14, 14, 14, 10, 10, 10, 10, 12];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const { roundId } = parseParams(RoundIdParam, params, 404);
  const query = parseParams(ResultsExportQuery, searchParamsObject(request));
  await mapDomainErrors(() => requireResultsViewer(auth, roundId));
  const { round, table } = await mapDomainErrors(() => cachedRoundResults(roundId, query.pass));
  const locale = await getLocale(request);
  const t = getT(locale);
  const rows = exportRows(table, query.group);

  let body: BodyInit | ReadableStream<Uint8Array>;
  if (query.format === "pdf") {
    const groups = table.groups.filter((g) => (query.group === "all" || g.group === query.group) && g.rows.length);
    // Drawn in the PDF thread, off this event loop (decision 019).
    body = new Uint8Array(
      await pdfBufferInThread({
        kind: "results",
        input: {
          councilName: councilNameOf(round),
          roundName: round.name,
          passLine: round.passLine,
          pass: table.pass,
          generatedAt: new Date(),
          finalisedAt: table.official ? round.resultsFinalisedAt : null,
          groups: groups.map((g) => ({
            group: g.group,
            rows: g.rows.map((r) => ({
              rank: r.rank,
              code: r.code,
              productName: r.productName,
              establishmentName: r.establishmentName,
              sheets: r.sheets,
              mean: r.mean,
              min: r.min,
              max: r.max,
              passed: r.passed,
              votesFor: r.vote?.votesFor ?? null,
              votesAgainst: r.vote?.votesAgainst ?? null,
              votesAbstain: r.vote?.votesAbstain ?? null,
              recognised: r.vote?.recognised ?? null,
            })),
          })),
        },
      }),
    );
  } else {
    const sheet = resultsSheetTable(rows, t);
    body =
      query.format === "csv"
        ? csvInThread(sheet)
        : xlsxInThread([{ name: t("results.export.sheetName"), widths: RESULTS_WIDTHS, header: sheet.header, autoFilter: true, rows: sheet.rows }], { creator: "Tiêu Biểu" });
  }

  await audit(prisma, {
    actorId: auth.user.id,
    action: "results.export",
    entityType: "Round",
    entityId: roundId,
    after: { format: query.format, group: query.group, pass: table.pass, rows: rows.length, official: table.official },
    meta: requestMeta(request, context),
  });
  const name = `${t("results.export.fileName", { year: round.year })}${query.group === "all" ? "" : ` - ${t("results.col.group")} ${query.group}`}.${query.format}`;
  return new Response(body, {
    headers: {
      "Content-Type": TYPES[query.format],
      "Content-Disposition": contentDisposition("attachment", name),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
