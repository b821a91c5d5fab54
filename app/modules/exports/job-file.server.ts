// The file an export job makes, from the job's payload (docs/decisions/042 and 047): the same
// file the direct download makes for the same filters (files.server.ts). Called in the export
// job's child process (export-child.ts), or in the worker's own process when no child can start.
// An organiser's export runs with the organiser's roles as they are now, so a role taken away
// meanwhile fails the job instead of exporting what they may no longer see.
import { loadRoles } from "~/modules/auth/auth.server";
import { parseRegisterFilters } from "~/modules/register/filters";
import { entriesExportFile, registerExportFile, type ExportFile, type Render } from "./files.server";
import type { ExportJobPayload } from "./schemas";

export async function jobExportFile(payload: ExportJobPayload, createdById: string | null, render?: Render): Promise<ExportFile> {
  if (payload.source === "register") {
    return registerExportFile(parseRegisterFilters(new URLSearchParams(payload.query)).filters, payload.format, payload.locale, new Date(), render);
  }
  if (!createdById) throw new Error("an organiser's export without its organiser");
  const roles = await loadRoles(createdById);
  return entriesExportFile({ roles }, payload.roundId, payload.format, payload.filters, payload.locale, render);
}
