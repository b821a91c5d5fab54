// The driver adapters the app runs on (app/utils/db.server.ts) are the release of @prisma/client:
// a client and adapter a major version apart are not run at runtime (docs/decisions/002). The
// 7.x PostgreSQL adapter is installed only under the alias that prisma.config.ts uses for migrate.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, test } from "vitest";

const require = createRequire(import.meta.url);
const versionOf = (pkg: string) => {
  // The package's own package.json, found next to its resolved entry point.
  let dir = path.dirname(require.resolve(pkg));
  while (
    !fs.existsSync(path.join(dir, "package.json")) ||
    JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).name !== pkg.replace(/-migrate$/, "")
  ) {
    dir = path.dirname(dir);
  }
  return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).version as string;
};
const MIGRATE_ALIAS = ["@prisma", "adapter-pg-migrate"].join("/"); // spelled apart so this file does not match itself
const release = (version: string) => version.split(".").slice(0, 2).join(".");

describe("Prisma driver adapters", () => {
  test("the adapters imported by the app are the client's release", () => {
    const client = versionOf("@prisma/client");
    expect(release(versionOf("@prisma/adapter-pg"))).toBe(release(client));
    expect(release(versionOf("@prisma/adapter-better-sqlite3"))).toBe(release(client));
  });

  test("only the Prisma CLI config imports the migrate-only 7.x adapter", () => {
    expect(versionOf(MIGRATE_ALIAS).split(".")[0]).toBe("7");
    const root = path.resolve(import.meta.dirname, "..", "..");
    const importers = ["app", "server", "scripts", "prisma"]
      .flatMap((dir) =>
        fs.readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" }).map((f) => path.join(dir, f)),
      )
      .filter((f) => /\.(ts|tsx|js|mjs)$/.test(f) && !f.startsWith(path.join("app", "generated")))
      .filter((f) => fs.readFileSync(path.join(root, f), "utf8").includes(`from "${MIGRATE_ALIAS}"`));
    expect(importers).toEqual([]);
    expect(fs.readFileSync(path.join(root, "prisma.config.ts"), "utf8")).toContain(`from "${MIGRATE_ALIAS}"`);
  });
});
