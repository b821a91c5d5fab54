import type { exportJobs as vi } from "../vi/exportJobs";

export const exportJobs: Record<keyof typeof vi, string> = {
  "exports.page.title": "Preparing your download",
  "exports.what": "{rows} rows, {format} file",
  "exports.askedAt": "Requested at {date}",
  "exports.step": "Step {step}/{steps}",
  "exports.status.queued":
    "Waiting for its turn. Large lists are prepared in the background; you can keep this page open.",
  "exports.status.reading": "Reading the data ({rows} rows)…",
  "exports.status.writing": "Writing the file ({rows} rows)…",
  "exports.status.done": "The file is ready.",
  "exports.status.failed": "The file could not be made.",
  "exports.status.expired":
    "This file was kept for a limited time and has been deleted. Download it again from the list.",
  "exports.attempt": "Attempt {attempt}/{max}",
  "exports.lastError": "Last attempt's error: {error}",
  "exports.reload": "Reload the page",
  "exports.reloadHint": "(the page updates itself every {seconds} seconds)",
  "exports.download": "Download {name}",
  "exports.keptUntil": "The file is kept until {date}.",
  "exports.again": "Make the file again from the list",
  "exports.back.register": "Back to the product list",
  "exports.back.entries": "Back to the entry list",
  "exports.back.results": "Back to the results",
  "exports.back.nominations": "Back to the nominations",
  "exports.notFound":
    "This download was not found. The link may be wrong, the file may not be yours, or it has been deleted.",
  "exports.notReady": "The file is not ready yet. See the progress page.",
  "exports.expired": "This file was kept for a limited time and has been deleted. Download it again from the list.",
  "exports.note.background":
    "A long list is prepared in the background: the link opens a progress page, then the download.",
  "exports.busy": "Many large files are being prepared. Please try again in a few minutes.",
};
