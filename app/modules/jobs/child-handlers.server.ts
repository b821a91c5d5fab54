// The kinds of job whose handler runs in a child process of its own (docs/decisions/054), not in
// the process whose worker claimed the job: work that reads and writes through thousands of rows
// at once and has no file to hand back. The web process keeps its memory (the daily reminders'
// first run over a national register took a web process from 180 MB to 1.2 GB, never returned)
// and its CPU (the child runs at a lower priority, in a scheduler group of its own).
import type { JobHandlers } from "./job-types";

export const CHILD_JOB_HANDLERS: JobHandlers = {
  "monitoring.reminders": () => import("~/modules/monitoring/confirmations.server").then((m) => m.runReminderJob),
};
