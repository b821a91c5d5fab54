// Prisma CLI configuration. The WebAssembly schema engine ("js") with driver adapters lets
// migrate/generate run without downloading native engine binaries (see docs/decisions/002).
// The provider follows DATABASE_URL, exactly like the running app (app/utils/db.server.ts).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
// Migrate on PostgreSQL needs the 7.x adapter: the 6.19 one cannot read the catalog's `name`
// columns that the schema engine queries. The app itself runs on the 6.19 adapter, the same
// release as @prisma/client (app/utils/db.server.ts; docs/decisions/002).
import { PrismaPg } from "@prisma/adapter-pg-migrate";
import { resolveDatabase } from "./app/utils/database-url";

const db = resolveDatabase(process.env);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", db.provider, "schema.prisma"),
  async adapter() {
    if (db.provider === "postgresql") return new PrismaPg({ connectionString: db.url });
    return new PrismaBetterSQLite3({ url: db.url });
  },
});
