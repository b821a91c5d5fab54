// The committed migrations of a provider, split at one of them: the tests of a data-moving
// migration replay those before it into a fresh database, write rows as they were stored then,
// and apply it (product-groups-migration, round-documents-migration).
import fs from "node:fs";
import path from "node:path";
import { itemAt } from "~/utils/arrays";

/** The SQL of every migration of `provider` before the one named `name` (its folder ends `_name`), and that one's. */
export function migrationsSplitAt(provider: string, name: string): { before: string[]; it: string } {
  const dir = path.join("prisma", provider, "migrations");
  const names = fs
    .readdirSync(dir)
    .filter((d) => fs.statSync(path.join(dir, d)).isDirectory())
    .sort();
  const at = names.findIndex((d) => d.endsWith(`_${name}`));
  if (at < 1) throw new Error(`${provider}: no migration named ${name} after the first one`);
  const sql = (folder: string) => fs.readFileSync(path.join(dir, folder, "migration.sql"), "utf8");
  return { before: names.slice(0, at).map(sql), it: sql(itemAt(names, at, "migrations")) };
}
