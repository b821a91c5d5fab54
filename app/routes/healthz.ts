import { prisma, databaseProvider } from "~/utils/db.server";
import { getLogger } from "~/utils/logger.server";

/** Liveness and database check for operators and load balancers. */
export async function loader() {
  const started = Date.now();
  try {
    await prisma.$queryRawUnsafe("SELECT 1");
    return Response.json(
      { status: "ok", database: "ok", provider: databaseProvider(), latencyMs: Date.now() - started },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    getLogger("healthz").error({ err: error }, "healthz: database check failed");
    return Response.json(
      { status: "error", database: "unavailable", provider: databaseProvider() },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
