// URL /api/register.json: the whole register (every certificate, newest first) as one JSON file
// under CC BY 4.0 (docs/open-data.md). The paged, filterable API is /api/products.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { openDataHeaders } from "~/modules/exchange/open-data-http.server";
import { LICENCE, wholeRegister } from "~/modules/exchange/open-data.server";
import { todayInVietnam } from "~/modules/producers/rules";
import { decideCache, type CachePolicy } from "~/modules/register/cache.server";
import { registerVersion } from "~/modules/register/register.server";
import { getEnv } from "~/utils/env.server";

const POLICY: CachePolicy = { maxAge: 300, ignoreCookies: true };

export async function loader({ request }: LoaderFunctionArgs) {
  const cache = await decideCache(request, POLICY, () => registerVersion());
  openDataHeaders(cache.headers);
  if (cache.notModified) return cache.notModified;
  const appUrl = getEnv().appUrl;
  const now = new Date();
  const data = await wholeRegister(appUrl, now);
  cache.headers.set("Content-Type", "application/json; charset=utf-8");
  cache.headers.set("Content-Disposition", `attachment; filename="register-${todayInVietnam(now)}.json"`);
  cache.headers.set("X-Total-Count", String(data.length));
  const body = {
    license: LICENCE,
    source: `${appUrl}/products`,
    catalog: `${appUrl}/api/catalog`,
    generatedAt: now.toISOString(),
    total: data.length,
    data,
  };
  return new Response(JSON.stringify(body), { headers: cache.headers });
}
