// Restores a backup made by `npm run backup` into an EMPTY data folder / database
// (app/modules/backup/backup.server.ts, docs/decisions/022, README "Backup and restore").
//
//   npm run restore -- <folder> [--force]
//
// The target is DATABASE_URL and DATA_DIR, as for the app. Every checksum is verified before
// anything is written; --force replaces a target that already holds data.
import { parseArgs } from "node:util";
import { BackupError, restoreBackup } from "~/modules/backup/backup.server";

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({ options: { force: { type: "boolean" } }, allowPositionals: true, strict: true });
}
try {
  args = parse();
} catch (error) {
  console.error(`${(error as Error).message}\nusage: npm run restore -- <folder> [--force]`);
  process.exit(2);
}
const [folder] = args.positionals;
if (args.positionals.length !== 1 || folder === undefined) {
  console.error("usage: npm run restore -- <folder> [--force]");
  process.exit(2);
}

try {
  const result = await restoreBackup(folder, { env: process.env, force: args.values.force === true });
  const { manifest } = result;
  console.log(
    `Restored the ${manifest.provider} backup of ${manifest.createdAt} (app ${manifest.appVersion}, migration ${manifest.migration})`,
  );
  console.log(
    `  ${Object.keys(manifest.tables).length} tables with the same rows as the backup, ${result.files} files verified`,
  );
  if (result.pendingMigrations.length) {
    console.log(
      `  ${result.pendingMigrations.length} newer migration(s) of this version are applied by the next start (prisma migrate deploy).`,
    );
  }
  if (manifest.missingFiles.length)
    console.warn(
      `  WARNING: the backup lacks ${manifest.missingFiles.length} file(s) that rows name: ${manifest.missingFiles.join(", ")}`,
    );
  if (manifest.remoteFiles.count)
    console.log(`  ${manifest.remoteFiles.count} files live in UploadThing: set the same UPLOADTHING_TOKEN.`);
} catch (error) {
  console.error(error instanceof BackupError ? `Restore failed: ${error.message}` : error);
  process.exitCode = 1;
}
