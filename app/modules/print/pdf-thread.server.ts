// Heavy PDFs (the register's list, a round's results) are drawn in a worker thread, not on the
// server's event loop (issue #9; docs/decisions/019-durable-jobs.md, which supersedes the time
// slices of decision 013 for PDFs). One thread per process, started by the first PDF and kept:
// its tasks interleave there as they did on the main loop, and requests meanwhile see no delay
// from the drawing. The bytes stream back chunk by chunk as the client reads them.
//
// The thread's code: build/start/pdf-thread.js in production (compiled by server/build.ts next to
// main.js), the TypeScript source through tsx in development and tests. Should neither be found,
// or the thread fail to start, the PDF is drawn in this thread as before (time-sliced).
import fs from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { onShutdown } from "~/utils/lifecycle.server";
import { renderPdfTask, type PdfTask } from "./pdf-tasks.server";

export type { PdfTask } from "./pdf-tasks.server";

type Reply = { type: "chunk"; id: number; bytes: Uint8Array } | { type: "end"; id: number } | { type: "error"; id: number; message: string };
interface Pending {
  resolve: (reply: Reply) => void;
}

let thread: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, Pending>();
/** Tasks started and not yet ended: the thread keeps the process alive only while it has some. */
const active = new Set<number>();

function settle(worker: Worker, id: number) {
  if (active.delete(id) && !active.size) worker.unref();
}

/** Where the thread's code is, and how to run it; null when it cannot be found. */
export function pdfThreadEntry(here: string = import.meta.url): { code: string; eval: boolean } | null {
  if (here.endsWith(".ts")) {
    // The source: a two-line bootstrap registers tsx's loader in the thread, then imports it.
    // (require.resolve finds the CommonJS build of the API; the thread imports its ES module twin.)
    const tsx = pathToFileURL(createRequire(here).resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href;
    const source = new URL("./pdf-thread.worker.ts", here).href;
    return { code: `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(source)}); });`, eval: true };
  }
  // Compiled: the Remix server build (build/server/…) or the start build (build/start/…).
  for (const candidate of ["../start/pdf-thread.js", "./pdf-thread.js", "../../start/pdf-thread.js"]) {
    const file = fileURLToPath(new URL(candidate, here));
    if (fs.existsSync(file)) return { code: file, eval: false };
  }
  return null;
}

function getThread(): Worker | null {
  if (thread) return thread;
  const entry = pdfThreadEntry();
  if (!entry) return null;
  const worker = new Worker(entry.code, { eval: entry.eval });
  // An idle thread must not keep a stopping process alive.
  worker.unref();
  worker.on("message", (reply: Reply) => {
    const pending = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.type !== "chunk") settle(worker, reply.id);
    pending?.resolve(reply);
  });
  const fail = (error: Error) => {
    if (thread === worker) thread = null;
    for (const [id, pending] of waiting) pending.resolve({ type: "error", id, message: error.message });
    waiting.clear();
    active.clear();
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`the PDF thread exited (${code})`)));
  thread = worker;
  // Stopped with the process (a PDF in progress then fails cleanly); registered only once a thread exists.
  onShutdown("pdf-thread", () => stopPdfThread());
  return worker;
}

function request(worker: Worker, message: { type: "start" | "pull" | "cancel"; id: number; task?: PdfTask }): Promise<Reply> | void {
  if (message.type !== "pull") {
    worker.postMessage(message);
    return;
  }
  return new Promise<Reply>((resolve) => {
    waiting.set(message.id, { resolve });
    worker.postMessage(message);
  });
}

/** The task's PDF, drawn in the PDF thread (or here when no thread can run), as a stream. */
export function pdfInThread(task: PdfTask): ReadableStream<Uint8Array> {
  const worker = getThread();
  if (!worker) return renderPdfTask(task);
  const id = nextId++;
  active.add(id);
  worker.ref();
  request(worker, { type: "start", id, task });
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const reply = await request(worker, { type: "pull", id })!;
        if (reply.type === "chunk") controller.enqueue(reply.bytes);
        else if (reply.type === "end") controller.close();
        else controller.error(new Error(`PDF thread: ${reply.message}`));
      },
      cancel() {
        waiting.delete(id);
        settle(worker, id);
        request(worker, { type: "cancel", id });
      },
    },
    { highWaterMark: 0 },
  );
}

/** The whole PDF as bytes (for callers that answer with a buffer). */
export async function pdfBufferInThread(task: PdfTask): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of pdfInThread(task) as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Ends the PDF thread (tests, shutdown); the next PDF starts a new one. */
export async function stopPdfThread(): Promise<void> {
  const worker = thread;
  thread = null;
  await worker?.terminate();
}
