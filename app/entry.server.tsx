// Server rendering. React's web-streams renderer (react-dom/server.browser), not the Node one:
// React 18.3's renderToPipeableStream encodes text into fixed 2 KB buffers and, when a multi-byte
// character (most Vietnamese letters) does not fit at the end of a buffer, sends the whole buffer
// with zero bytes in place of the missing tail — pages came out with NUL characters in their text.
// The web-streams build encodes each string whole before slicing bytes, so it cannot split a
// character. Node 20 has web streams built in, and Remix answers with a web Response anyway.
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
// @ts-expect-error the package has no types for this entry point; it is the same API as react-dom/server
import { renderToReadableStream as renderToReadableStreamUntyped } from "react-dom/server.browser";
import type { renderToReadableStream as RenderToReadableStream } from "react-dom/server";
import { getLogger } from "./utils/logger.server";
import { NonceProvider } from "./utils/nonce";

const log = getLogger("remix");

const renderToReadableStream = renderToReadableStreamUntyped as typeof RenderToReadableStream;
const ABORT_DELAY = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext?.cspNonce ?? "";
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ABORT_DELAY);
  let status = responseStatusCode;
  let shellRendered = false;
  const body = await renderToReadableStream(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
    </NonceProvider>,
    {
      nonce,
      signal: controller.signal,
      onError(error: unknown) {
        status = 500;
        if (shellRendered) log.error({ err: error }, "render failed after the shell was sent");
      },
    },
  );
  shellRendered = true;
  // Crawlers get the whole page at once; browsers get it streamed from the shell.
  if (isbot(request.headers.get("user-agent") ?? "")) await body.allReady;
  // (a failure after the shell is already reported through onError)
  body.allReady.catch(() => {}).finally(() => clearTimeout(timer));
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  if (!responseHeaders.has("Cache-Control")) responseHeaders.set("Cache-Control", "no-store");
  return new Response(body, { headers: responseHeaders, status });
}

/**
 * Errors thrown by loaders, actions and rendering (responses thrown on purpose never come here).
 * The line carries the request id; the request's access-log line has its route and path.
 */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  log.error({ err: error }, "unhandled error in a request");
}
