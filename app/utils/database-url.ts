// Chooses the database provider from DATABASE_URL. Shared by the app, the Prisma CLI config,
// the start script and the tests so that they can never disagree.
import path from "node:path";

export type DatabaseProvider = "sqlite" | "postgresql";
export interface ResolvedDatabase {
  provider: DatabaseProvider;
  /** For SQLite: `file:` + absolute path. For PostgreSQL: the URL as given. */
  url: string;
  /** SQLite only: absolute file path. */
  file?: string;
}

export function dataDir(env: Record<string, string | undefined>): string {
  return path.resolve(env.DATA_DIR || "data");
}

export function resolveDatabase(env: Record<string, string | undefined>): ResolvedDatabase {
  const raw = env.DATABASE_URL?.trim();
  if (raw && /^postgres(ql)?:\/\//i.test(raw)) return { provider: "postgresql", url: raw };
  if (raw && !raw.startsWith("file:")) {
    throw new Error(
      `DATABASE_URL must start with file: (SQLite) or postgres:// / postgresql:// (PostgreSQL); got "${raw.split(":")[0]}:…"`,
    );
  }
  const file = raw ? path.resolve(raw.slice("file:".length)) : path.join(dataDir(env), "tieubieu.db");
  return { provider: "sqlite", url: `file:${file}`, file };
}
