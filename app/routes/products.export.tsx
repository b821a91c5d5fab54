// URL /products/export?format=xlsx|csv|pdf&<filters>: the register's current filtered list as a
// file, with the same rows in the same order as the page (all pages, up to EXPORT_CAP rows; the
// file says when it was cut). Public, no login; the filters are read as leniently as on the page.
// Up to EXPORT_JOB_MIN_ROWS rows the file streams at once; a larger list is made by a background
// job and this answers 303 to its progress page (docs/decisions/042-export-jobs.md).
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requestMeta } from "~/modules/audit/audit.server";
import { contentDisposition } from "~/modules/files/headers";
import { decideCache, type CachePolicy } from "~/modules/register/cache.server";
import { todayInVietnam } from "~/modules/producers/rules";
import { isLargeExport, requestExportJob } from "~/modules/exports/export-jobs.server";
import { REGISTER_FORMATS, registerExportFile, type RegisterFormat } from "~/modules/exports/files.server";
import { parseRegisterFilters, registerSearch, withoutPage } from "~/modules/register/filters";
import { registerExportCount, registerVersion } from "~/modules/register/register.server";
import { formFailure, retryAfterHeaders } from "~/utils/http.server";
import { getT } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";

const POLICY: CachePolicy = { maxAge: 60, staleWhileRevalidate: 300, vary: ["Cookie"], ignoreCookies: true };

const text = (body: string, status: number, headers: Record<string, string> = {}) =>
  new Response(body, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const locale = await getLocale(request);
  const t = getT(locale);
  const format = (url.searchParams.get("format") ?? "xlsx").toLowerCase();
  if (!(format in REGISTER_FORMATS)) return text(t("register.export.badFormat"), 400);
  const { filters } = parseRegisterFilters(url.searchParams);
  const cache = await decideCache(request, POLICY, async () => [locale, ...(await registerVersion())]);
  if (cache.notModified) return cache.notModified;

  const now = new Date();
  const rows = await registerExportCount(filters, { now });
  if (isLargeExport("register", rows)) {
    try {
      const { jobId } = await requestExportJob({
        payload: {
          source: "register",
          format: format as RegisterFormat,
          locale,
          query: registerSearch(withoutPage(filters)),
        },
        ownerId: null,
        rows,
        // The same list of the same register on the same day (validity rolls over at midnight) is one file.
        version: JSON.stringify([await registerVersion(), todayInVietnam(now)]),
        meta: requestMeta(request, context),
      });
      return redirect(`/exports/${jobId}`, { status: 303, headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      const failure = formFailure(error);
      return text(t(failure.messageKey, failure.params), failure.status, retryAfterHeaders(failure));
    }
  }
  // Streamed: the headers go out at once, the file follows as it is written (decision 013), in
  // the export thread, off this event loop (decisions 019 and 027).
  const file = await registerExportFile(filters, format as RegisterFormat, locale, now);
  const headers = cache.headers;
  headers.set("Content-Type", file.contentType);
  headers.set("Content-Disposition", contentDisposition(file.disposition, file.fileName));
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("X-Total-Count", String(file.total));
  if (file.truncated) headers.set("X-Truncated", `${file.rows}/${file.total}`);
  return new Response(file.body, { headers });
}
