// Heavy files — the register's list and a round's results as PDF, and every Excel and CSV
// download — are made in a worker thread, not on the server's event loop (issue #9;
// docs/decisions/019-durable-jobs.md for PDFs, 027-exports-off-the-event-loop.md for the
// spreadsheets, which supersede the time slices of decision 013 there). One thread per process,
// started by the first export; its tasks interleave there as they did on the main loop, and
// requests meanwhile see no delay from the work. The bytes stream back chunk by chunk as the
// client reads them. The thread ends once it has been idle for IDLE_MS, so the memory an export
// used (fonts, exceljs, pdfkit's pages) goes back to the system instead of staying with a thread
// that may not be needed again for hours; the next export starts a new one.
//
// The thread's code: build/start/pdf-thread.js in production (compiled by server/build.ts next to
// main.js), the TypeScript source through tsx in development and tests. Should neither be found,
// or the thread fail to start, the file is made in this thread as before (time-sliced).
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { compiledEntry } from "~/utils/child-process.server";
import { onShutdown } from "~/utils/lifecycle.server";
import type { Cell, Rows, Sheet, WorkbookInfo } from "~/utils/spreadsheet.server";
import { renderPdfTask, type PdfTask } from "./pdf-tasks.server";

export type { PdfTask } from "./pdf-tasks.server";

/** How long an idle thread is kept before it ends (and its memory is returned). */
const IDLE_MS = 2000;
/** A ceiling on the thread's heap: a runaway export fails alone instead of growing the process. */
const THREAD_HEAP_MB = 256;

type Reply =
  | { type: "chunk"; id: number; bytes: Uint8Array }
  | { type: "end"; id: number }
  | { type: "error"; id: number; message: string };

/** One running thread and its tasks: a thread that ends fails only its own tasks. */
interface Thread {
  worker: Worker;
  /** Pulls waiting for their chunk. */
  waiting: Map<number, (reply: Reply) => void>;
  /** Tasks started and not yet ended: the thread keeps the process alive only while it has some. */
  active: Set<number>;
  idleTimer: NodeJS.Timeout | null;
}

let thread: Thread | null = null;
let nextId = 1;

/** A task of the thread ended: when it was the last, the thread stops holding the process and, after IDLE_MS idle, ends. */
function settle(t: Thread, id: number) {
  if (!t.active.delete(id) || t.active.size) return;
  t.worker.unref();
  if (t.idleTimer) clearTimeout(t.idleTimer);
  t.idleTimer = setTimeout(() => {
    t.idleTimer = null;
    if (thread === t && !t.active.size) void stopPdfThread();
  }, IDLE_MS);
  t.idleTimer.unref();
}

/** Where the thread's code is, and how to run it; null when it cannot be found. */
export function pdfThreadEntry(here: string = import.meta.url): { code: string; eval: boolean } | null {
  if (here.endsWith(".ts")) {
    // The source: a two-line bootstrap registers tsx's loader in the thread, then imports it.
    // (require.resolve finds the CommonJS build of the API; the thread imports its ES module twin.)
    const tsx = pathToFileURL(
      createRequire(here)
        .resolve("tsx/esm/api")
        .replace(/\.cjs$/, ".mjs"),
    ).href;
    const source = new URL("./pdf-thread.worker.ts", here).href;
    return {
      code: `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(source)}); });`,
      eval: true,
    };
  }
  const file = compiledEntry("pdf-thread.js", here);
  return file ? { code: file, eval: false } : null;
}

function getThread(): Thread | null {
  if (thread) return thread;
  const entry = pdfThreadEntry();
  if (!entry) return null;
  const worker = new Worker(entry.code, {
    eval: entry.eval,
    resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB },
  });
  // An idle thread must not keep a stopping process alive.
  worker.unref();
  const t: Thread = { worker, waiting: new Map(), active: new Set(), idleTimer: null };
  worker.on("message", (reply: Reply) => {
    const resolve = t.waiting.get(reply.id);
    t.waiting.delete(reply.id);
    if (reply.type !== "chunk") settle(t, reply.id);
    resolve?.(reply);
  });
  const fail = (error: Error) => {
    if (thread === t) thread = null;
    if (t.idleTimer) clearTimeout(t.idleTimer);
    for (const [id, resolve] of t.waiting) resolve({ type: "error", id, message: error.message });
    t.waiting.clear();
    t.active.clear();
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`the export thread exited (${code})`)));
  thread = t;
  // Stopped with the process (an export in progress then fails cleanly); registered only once a thread exists.
  onShutdown("pdf-thread", () => stopPdfThread());
  return t;
}

/** Tells the thread to start or cancel a task (no answer expected). */
function send(t: Thread, message: { type: "start" | "cancel"; id: number; task?: PdfTask }): void {
  t.worker.postMessage(message);
}

/** Asks the thread for a task's next piece; resolves with its answer. */
function pull(t: Thread, id: number): Promise<Reply> {
  return new Promise<Reply>((resolve) => {
    t.waiting.set(id, resolve);
    t.worker.postMessage({ type: "pull", id });
  });
}

/** The task's file, made in the export thread (or here when no thread can run), as a stream. */
export function pdfInThread(task: PdfTask): ReadableStream<Uint8Array> {
  const t = getThread();
  if (!t) return renderPdfTask(task);
  const id = nextId++;
  t.active.add(id);
  t.worker.ref();
  if (t.idleTimer) clearTimeout(t.idleTimer);
  t.idleTimer = null;
  send(t, { type: "start", id, task });
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const reply = await pull(t, id);
        if (reply.type === "chunk") controller.enqueue(reply.bytes);
        else if (reply.type === "end") controller.close();
        else controller.error(new Error(`export thread: ${reply.message}`));
      },
      cancel() {
        t.waiting.delete(id);
        settle(t, id);
        send(t, { type: "cancel", id });
      },
    },
    { highWaterMark: 0 },
  );
}

/** Rows as an array that can be posted to a thread; rows read as they are written (async) cannot be. */
function postable<T>(rows: Rows<T>): T[] {
  if (Array.isArray(rows)) return rows as T[];
  if (Symbol.asyncIterator in rows)
    throw new Error("rows read as they are written cannot be posted to the export thread");
  return Array.from(rows);
}

/** A CSV download (csvStream's file) as a task that can be posted to a thread. */
export function csvTask(table: { header: string[]; rows: Iterable<Cell[]> }): PdfTask {
  return { kind: "csv", table: { header: table.header, rows: postable(table.rows) } };
}

/** An Excel download (xlsxStream's workbook) as a task that can be posted to a thread. */
export function xlsxTask(sheets: Sheet[], info: WorkbookInfo): PdfTask {
  return {
    kind: "xlsx",
    sheets: sheets.map((sheet) => ({ ...sheet, rows: postable(sheet.rows) })),
    info,
  };
}

/** A CSV download (csvStream's file), written in the export thread. */
export function csvInThread(table: { header: string[]; rows: Iterable<Cell[]> }): ReadableStream<Uint8Array> {
  return pdfInThread(csvTask(table));
}

/** An Excel download (xlsxStream's workbook), written in the export thread. */
export function xlsxInThread(sheets: Sheet[], info: WorkbookInfo): ReadableStream<Uint8Array> {
  return pdfInThread(xlsxTask(sheets, info));
}

/** The whole PDF as bytes (for callers that answer with a buffer). */
export async function pdfBufferInThread(task: PdfTask): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of pdfInThread(task) as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Ends the export thread (idle, tests, shutdown); the next export starts a new one. */
export async function stopPdfThread(): Promise<void> {
  const t = thread;
  thread = null;
  if (t?.idleTimer) clearTimeout(t.idleTimer);
  await t?.worker.terminate();
}
