// URL /readyz: readiness for load balancers and orchestrators (app/utils/readiness.server.ts):
// 200 when the database accepts a write and the file store is writable, otherwise 503 naming the
// failing part. /healthz stays the cheap liveness check (process up, database readable).
import { databaseProvider } from "~/utils/db.server";
import { readiness } from "~/utils/readiness.server";

export async function loader() {
  const started = Date.now();
  const result = await readiness();
  return Response.json(
    { ...result, provider: databaseProvider(), latencyMs: Date.now() - started },
    { status: result.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
