// The file an export job makes, from the job's payload (the register, or an organiser's entry,
// results or nomination list) (docs/decisions/042 and 047): the same
// file the direct download makes for the same filters (files.server.ts). Called in the export
// job's child process (export-child.ts), or in the worker's own process when no child can start.
// An organiser's export runs with the organiser's roles as they are now, so a role taken away
// meanwhile fails the job instead of exporting what they may no longer see.
import { loadRoles } from "~/modules/auth/auth.server";
import { parseRegisterFilters } from "~/modules/register/filters";
import { prisma } from "~/utils/db.server";
import {
  entriesExportFile,
  nominationsExportFile,
  registerExportFile,
  registerExportFileInPages,
  resultsExportFile,
  type ExportFile,
  type Render,
} from "./files.server";
import type { ExportJobPayload } from "./schemas";

/**
 * `render` writes the file on the calling thread (the child) instead of the export thread; there the
 * register's rows are also read as they are written, page by page (decision 051). The organisers'
 * lists (at most a round's entries) are still read whole first: the results must be ranked whole.
 */
export async function jobExportFile(
  payload: ExportJobPayload,
  createdById: string | null,
  render?: Render,
): Promise<ExportFile> {
  if (payload.source === "register") {
    const filters = parseRegisterFilters(new URLSearchParams(payload.query)).filters;
    return render
      ? registerExportFileInPages(filters, payload.format, payload.locale, new Date())
      : registerExportFile(filters, payload.format, payload.locale, new Date());
  }
  if (!createdById) throw new Error("an organiser's export without its organiser");
  const roles = await loadRoles(createdById);
  if (payload.source === "entries")
    return entriesExportFile({ roles }, payload.roundId, payload.format, payload.filters, payload.locale, render);
  if (payload.source === "nominations")
    return nominationsExportFile({ roles }, payload.roundId, payload.format, payload.to, payload.locale, render);
  // The results are also a council secretary's (requireResultsViewer looks at their jury seat).
  const user = await prisma.user.findUniqueOrThrow({ where: { id: createdById } });
  return resultsExportFile(
    { user, roles },
    payload.roundId,
    { format: payload.format, group: payload.group, pass: payload.pass },
    payload.locale,
    render,
  );
}
