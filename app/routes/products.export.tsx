// URL /products/export?format=xlsx|csv|pdf&<filters>: the register's current filtered list as a
// file, with the same rows in the same order as the page (all pages, up to EXPORT_CAP rows; the
// file says when it was cut). Public, no login; the filters are read as leniently as on the page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { contentDisposition } from "~/modules/files/headers";
import { decideCache, type CachePolicy } from "~/modules/register/cache.server";
import { todayInVietnam } from "~/modules/producers/rules";
import { csvInThread, pdfInThread, xlsxInThread } from "~/modules/print/pdf-thread.server";
import { exportTable, filterSummary, registerWorkbook } from "~/modules/register/export.server";
import { parseRegisterFilters, registerSearch, withoutPage } from "~/modules/register/filters";
import { exportRegister, loadGeo, registerVersion } from "~/modules/register/register.server";
import { getEnv } from "~/utils/env.server";
import { getT } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";

const FORMATS = {
  xlsx: { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", disposition: "attachment" },
  csv: { type: "text/csv; charset=utf-8", disposition: "attachment" },
  pdf: { type: "application/pdf", disposition: "inline" },
} as const;
type Format = keyof typeof FORMATS;

const POLICY: CachePolicy = { maxAge: 60, staleWhileRevalidate: 300, vary: ["Cookie"], ignoreCookies: true };

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const locale = await getLocale(request);
  const t = getT(locale);
  const format = (url.searchParams.get("format") ?? "xlsx").toLowerCase();
  if (!(format in FORMATS)) {
    return new Response(t("register.export.badFormat"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  const spec = FORMATS[format as Format];
  const { filters } = parseRegisterFilters(url.searchParams);
  const cache = await decideCache(request, POLICY, async () => [locale, ...(await registerVersion())]);
  if (cache.notModified) return cache.notModified;

  const now = new Date();
  const geo = await loadGeo();
  const result = await exportRegister(filters, { geo, now });
  for (const key of result.unknown) delete filters[key as "province" | "region"];
  const table = exportTable(result.rows, t);
  const info = {
    source: `${getEnv().appUrl}/products${registerSearch(withoutPage(filters))}`,
    generatedAt: now,
    filters: filterSummary(withoutPage(filters), geo, t, locale),
    rows: result.rows.length,
    total: result.total,
    cap: result.cap,
    truncated: result.truncated,
  };
  // Streamed: the headers go out at once, the file follows as it is written (decision 013), in
  // the export thread, off this event loop (decisions 019 and 027).
  const workbook = format === "xlsx" ? registerWorkbook(table, info, t) : null;
  const body = format === "csv" ? csvInThread(table) : workbook ? xlsxInThread(workbook.sheets, workbook.info) : pdfInThread({ kind: "register", table, info, locale });
  const headers = cache.headers;
  headers.set("Content-Type", spec.type);
  headers.set("Content-Disposition", contentDisposition(spec.disposition, `${t("register.export.fileName")}-${todayInVietnam(now)}.${format}`));
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("X-Total-Count", String(result.total));
  if (result.truncated) headers.set("X-Truncated", `${result.rows.length}/${result.total}`);
  return new Response(body, { headers });
}
