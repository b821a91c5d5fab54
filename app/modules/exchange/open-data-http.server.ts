// Headers every open-data answer carries: readable from any site (CORS *), never sniffed, and
// the licence as a Link (RFC 8288) so a program that only keeps the file still knows its terms.
import { LICENCE } from "./open-data.server";

export function openDataHeaders(headers: Headers): Headers {
  headers.set("Access-Control-Allow-Origin", "*");
  headers.set("Access-Control-Expose-Headers", "ETag, Link, X-Total-Count");
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Link", `<${LICENCE.url}>; rel="license"`);
  return headers;
}
