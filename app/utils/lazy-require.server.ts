// Heavy libraries (pdfkit, qrcode…) are loaded by the first request that uses them, not when the
// server starts: most processes never print a PDF, and each such library costs megabytes of memory
// and start-up time (docs/decisions/014-lean-production-start.md). A synchronous require keeps the
// callers' code synchronous; Node caches the module after the first call.
import { createRequire } from "node:module";

const requireHere = createRequire(import.meta.url);

/** A getter that requires `name` (a CommonJS package) on its first call. */
export function lazyRequire<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireHere(name) as T);
}
