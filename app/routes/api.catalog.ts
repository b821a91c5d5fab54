// URL /api/catalog: the DCAT-AP catalogue (JSON-LD) of this installation's open data — the
// register as CSV and JSON downloads and the paged API — for data portals to harvest
// (docs/open-data.md). Public, readable from any site, revalidated by the register's version.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { catalogue, registerModified } from "~/modules/exchange/open-data.server";
import { decideCache, type CachePolicy } from "~/modules/register/cache.server";
import { registerVersion } from "~/modules/register/register.server";
import { getEnv } from "~/utils/env.server";
import { openDataHeaders } from "~/modules/exchange/open-data-http.server";

const POLICY: CachePolicy = { maxAge: 300, ignoreCookies: true };

export async function loader({ request }: LoaderFunctionArgs) {
  const cache = await decideCache(request, POLICY, () => registerVersion());
  openDataHeaders(cache.headers);
  if (cache.notModified) return cache.notModified;
  const body = catalogue(getEnv().appUrl, await registerModified());
  cache.headers.set("Content-Type", "application/ld+json; charset=utf-8");
  return new Response(JSON.stringify(body, null, 2), { headers: cache.headers });
}
