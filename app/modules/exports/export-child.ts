// The export job's child process (docs/decisions/047-export-jobs-off-the-web-process.md): started
// by export-process.server.ts for one export job, it reads the rows from the database (its own
// connection, 250 rows a query) and writes the file (exceljs' streaming writer, csv-stringify or
// pdfkit) on its own event loop, so the web process' loop only passes the bytes on to the file
// store. Protocol: the parent sends one message { payload, createdById } over IPC; the child
// answers { type: "meta" } once the rows are read, writes the file's bytes to file descriptor 3
// (stdout is the logger's), and exits 0 — or sends { type: "error" } and exits 1. It ends at once
// when its parent goes (the IPC channel closes). Compiled to build/start/export-child.js by
// server/build.ts; run from the source through tsx in development and tests.
import net from "node:net";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { renderPdfTask } from "~/modules/print/pdf-tasks.server";
import { serveOneRequest, sendToParent } from "~/utils/child-process.server";
import { prisma } from "~/utils/db.server";
import { jobExportFile } from "./job-file.server";
import { ExportJobPayload } from "./schemas";

export type ChildRequest = { payload: unknown; createdById: string | null };
export type ChildMessage =
  { type: "meta"; fileName: string; contentType: string; rows: number } | { type: "error"; message: string };

const send = (message: ChildMessage) => sendToParent(message);

async function run(request: ChildRequest): Promise<void> {
  const payload = ExportJobPayload.parse(request.payload);
  const file = await jobExportFile(payload, request.createdById, renderPdfTask);
  await send({ type: "meta", fileName: file.fileName, contentType: file.contentType, rows: file.rows });
  const out = new net.Socket({ fd: 3, readable: false, writable: true });
  await pipeline(Readable.fromWeb(file.body as unknown as NodeReadableStream<Uint8Array>), out);
}

serveOneRequest(run, () => prisma.$disconnect());
