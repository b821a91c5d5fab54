// URL /api/products: the register as open data (JSON), documented in docs/open-data.md. The same
// filters as /products plus page and pageSize (1–100), answered with links to the next and
// previous pages. Unlike the pages, a bad parameter is a 400 listing it: a program that mistypes
// a filter must not silently get the whole register. Readable from any site (CORS *), cacheable
// for five minutes, with an ETag so polling clients get 304 when nothing changed.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { decideCache, type CachePolicy } from "~/modules/register/cache.server";
import { API_DEFAULT_PAGE_SIZE, parseApiParams, registerSearch } from "~/modules/register/filters";
import { apiItem } from "~/modules/exchange/open-data.server";
import { apiRegisterPage, registerVersion } from "~/modules/register/register.server";
import { getEnv } from "~/utils/env.server";
import { retryAfterHeaders } from "~/utils/http.server";
import { getT } from "~/utils/i18n";
import { consumeRateLimit, RateLimitedError } from "~/utils/rate-limit.server";

const POLICY: CachePolicy = { maxAge: 300, ignoreCookies: true };

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "ETag, Link, X-Total-Count",
};

function withCors(headers: Headers): Headers {
  for (const [k, v] of Object.entries(CORS)) headers.set(k, v);
  headers.set("X-Content-Type-Options", "nosniff");
  return headers;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Preflight (a client sending If-None-Match itself): GET only, that header allowed.
  if (request.method === "OPTIONS") {
    return new Response(null, {
      status: 204,
      headers: withCors(
        new Headers({
          "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
          "Access-Control-Allow-Headers": "If-None-Match",
          "Access-Control-Max-Age": "86400",
        }),
      ),
    });
  }
  const limited = await consumeRateLimit("publicSearch", context.clientIp).catch((error: unknown) => {
    if (error instanceof RateLimitedError) return tooManyRequests(error);
    throw error;
  });
  if (limited) return limited;
  const url = new URL(request.url);
  const { filters, invalid, pageSize } = parseApiParams(url.searchParams);
  if (invalid.length) return badRequest(invalid);

  const cache = await decideCache(request, POLICY, () => registerVersion());
  withCors(cache.headers);
  if (cache.notModified) return cache.notModified;

  const result = await apiRegisterPage(filters, pageSize);
  if (result.unknown.length) return badRequest(result.unknown);

  const appUrl = getEnv().appUrl;
  const link = (page: number) =>
    `${appUrl}/api/products${registerSearch(filters, { page, pageSize: pageSize === API_DEFAULT_PAGE_SIZE ? undefined : pageSize })}`;
  const links = {
    self: link(filters.page),
    next: filters.page < result.totalPages ? link(filters.page + 1) : null,
    prev: filters.page > 1 ? link(Math.min(filters.page - 1, result.totalPages)) : null,
  };
  const headers = cache.headers;
  headers.set("X-Total-Count", String(result.total));
  const linkHeader = [links.next && `<${links.next}>; rel="next"`, links.prev && `<${links.prev}>; rel="prev"`]
    .filter(Boolean)
    .join(", ");
  if (linkHeader) headers.set("Link", linkHeader);
  return Response.json(
    {
      data: result.rows.map((r) => apiItem(r, appUrl)),
      page: filters.page,
      pageSize,
      total: result.total,
      totalPages: result.totalPages,
      links,
    },
    { headers },
  );
}

function tooManyRequests(error: RateLimitedError) {
  const headers = withCors(new Headers({ "Cache-Control": "no-store", ...retryAfterHeaders(error) }));
  return Response.json(
    { error: "rate_limited", retryAfter: error.retryAfterSeconds, message: getT("vi")(error.messageKey, error.params) },
    { status: 429, headers },
  );
}

function badRequest(invalid: string[]) {
  const t = getT("vi");
  return Response.json(
    {
      error: "invalid_parameters",
      invalid,
      message: t("register.api.invalid", { params: invalid.join(", ") }),
    },
    { status: 400, headers: withCors(new Headers({ "Cache-Control": "no-store" })) },
  );
}
