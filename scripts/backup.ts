// Writes a backup of this installation's database and local files into a new folder
// (app/modules/backup/backup.server.ts, docs/decisions/022, README "Backup and restore").
//
//   npm run backup -- <folder>
//
// Reads DATABASE_URL and DATA_DIR like the app; safe while the app runs.
import { BackupError, createBackup } from "~/modules/backup/backup.server";

const folder = process.argv[2];
if (!folder || folder.startsWith("-")) {
  console.error("usage: npm run backup -- <folder>   (a new or empty folder)");
  process.exit(2);
}

try {
  const { folder: done, manifest } = await createBackup(folder, { env: process.env });
  const rows = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0);
  const bytes = manifest.files.reduce((n, f) => n + f.size, 0);
  console.log(`Backup written to ${done}`);
  console.log(
    `  ${manifest.provider} database at migration ${manifest.migration}: ${Object.keys(manifest.tables).length} tables, ${rows} rows`,
  );
  console.log(`  ${manifest.files.length} files (${bytes} bytes) from the local file store`);
  if (manifest.missingFiles.length) {
    console.warn(
      `  WARNING: ${manifest.missingFiles.length} file(s) named by the database were not in the file store (removed while backing up?): ` +
        manifest.missingFiles.join(", "),
    );
  }
  if (manifest.remoteFiles.count)
    console.log(`  ${manifest.remoteFiles.count} files in UploadThing were NOT copied (UploadThing keeps them)`);
} catch (error) {
  console.error(error instanceof BackupError ? `Backup failed: ${error.message}` : error);
  process.exitCode = 1;
}
