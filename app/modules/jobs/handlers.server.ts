// The kinds of background job and where their code lives. Each handler is imported by the first
// job of its kind, not when a worker starts: the PDF, QR and ZIP libraries stay out of a process
// that never prints (docs/decisions/014).
import type { JobHandlers } from "./job-types";

export type { JobContext, JobHandler, JobHandlers, JobOutput } from "./job-types";

export const JOB_HANDLERS: JobHandlers = {
  // In a child process of its own (child-handlers.server.ts, decision 054).
  "monitoring.reminders": () => import("./job-process.server").then((m) => m.inChildProcess("monitoring.reminders")),
  "certificates.bulk": () =>
    import("~/modules/certificates/bulk.server").then((m) =>
      Object.assign(m.runBulkPrintJob, { cleanup: m.removeBulkParts }),
    ),
  "exports.file": () => import("~/modules/exports/export-job-handler.server").then((m) => m.runExportJob),
};
