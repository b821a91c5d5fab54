// URL /api/register.csv: the whole register (every certificate, newest first) as one CSV file
// under CC BY 4.0 (docs/open-data.md); the columns are /api/register.json's fields.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { openDataHeaders } from "~/modules/exchange/open-data-http.server";
import { registerCsvTable, wholeRegister } from "~/modules/exchange/open-data.server";
import { csvInThread } from "~/modules/print/pdf-thread.server";
import { todayInVietnam } from "~/modules/producers/rules";
import { decideCache, type CachePolicy } from "~/modules/register/cache.server";
import { registerVersion } from "~/modules/register/register.server";
import { getEnv } from "~/utils/env.server";
import { CSV_TYPE } from "~/utils/spreadsheet.server";

const POLICY: CachePolicy = { maxAge: 300, ignoreCookies: true };

export async function loader({ request }: LoaderFunctionArgs) {
  const cache = await decideCache(request, POLICY, () => registerVersion());
  openDataHeaders(cache.headers);
  if (cache.notModified) return cache.notModified;
  const now = new Date();
  const items = await wholeRegister(getEnv().appUrl, now);
  cache.headers.set("Content-Type", CSV_TYPE);
  cache.headers.set("Content-Disposition", `attachment; filename="register-${todayInVietnam(now)}.csv"`);
  cache.headers.set("X-Total-Count", String(items.length));
  return new Response(csvInThread(registerCsvTable(items)), { headers: cache.headers });
}
