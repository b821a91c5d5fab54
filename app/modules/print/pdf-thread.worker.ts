// The PDF thread's entry (docs/decisions/019): a worker_threads worker that draws PDFs for the
// server's requests so the drawing never holds the server's event loop. It answers the messages
// of pdf-thread.server.ts: "start" a task, "pull" its next chunk (one chunk in flight per task:
// the client's reading speed paces the drawing), "cancel" it. Compiled to build/start/pdf-thread.js
// by server/build.ts; run from the source through tsx in development and tests.
import { parentPort } from "node:worker_threads";
import { renderPdfTask, type PdfTask } from "./pdf-tasks.server";

type Message =
  { type: "start"; id: number; task: PdfTask } | { type: "pull"; id: number } | { type: "cancel"; id: number };

const port = parentPort;
if (!port) throw new Error("pdf-thread.worker must run in a worker thread");
const readers = new Map<number, ReadableStreamDefaultReader<Uint8Array>>();

port.on("message", (message: Message) => {
  void handle(message);
});

async function handle(message: Message) {
  const { id } = message;
  try {
    if (message.type === "start") {
      readers.set(id, renderPdfTask(message.task).getReader());
      return;
    }
    const reader = readers.get(id);
    if (!reader) return;
    if (message.type === "cancel") {
      readers.delete(id);
      await reader.cancel();
      return;
    }
    const { done, value } = await reader.read();
    if (done) {
      readers.delete(id);
      port!.postMessage({ type: "end", id });
      return;
    }
    // A copy the thread can hand over without cloning (the chunk may be a view of a larger buffer).
    const bytes = value.slice();
    port!.postMessage({ type: "chunk", id, bytes }, [bytes.buffer]);
  } catch (error) {
    readers.delete(id);
    port!.postMessage({ type: "error", id, message: error instanceof Error ? error.message : String(error) });
  }
}
