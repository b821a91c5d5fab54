// Child processes that take heavy work off a web process (docs/decisions/047, 051, 054): where
// their script is, and how they are put below the web process in the scheduler's order.
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";

/** A child's scheduling priority (nice): lower than the web process'. */
export const CHILD_NICE = 10;
/**
 * The nice value of a child's own scheduler group. Left at 0: a group lowered to 10 got the child
 * almost no CPU on a machine loaded by other sessions (load 40–50 on 2 cores: the export's tests,
 * which start the child from the TypeScript source, timed out), while what the web process needs
 * is only that the child not be in its group (decision 051).
 */
export const CHILD_GROUP_NICE = 0;

/**
 * Puts the child below the web process in the scheduler's order, so that on a busy machine requests
 * come first and the child takes the CPU they leave (decision 051).
 *
 * Lowering its nice alone is not enough where the kernel groups processes by session (Linux
 * autogroups, on by default on desktops and on this project's machines): the kernel first shares
 * the CPU fairly between groups, then between the processes of a group. A child in the web
 * process' session would keep that group busy, so when a request arrived the web process, although
 * it wins over the child, would wait for its group's turn among every other session's (the
 * wake-up credit of an idle group is lost). A child therefore starts in a session of its own
 * (`detached`), a group of its own (CHILD_GROUP_NICE says how that group is weighed). Threads
 * inherit the nice value: fork returns once the child has exec'd, before Node starts its threads.
 * Failures are not errors: the child then runs at the parent's priority.
 */
export function lowerPriority(pid: number): void {
  try {
    os.setPriority(pid, Math.max(CHILD_NICE, os.getPriority()));
  } catch {
    // not permitted here
  }
  try {
    if (CHILD_GROUP_NICE) fs.writeFileSync(`/proc/${pid}/autogroup`, String(CHILD_GROUP_NICE));
  } catch {
    // no autogroups (another system, or a kernel without them), or not permitted
  }
}

/**
 * Where a script compiled to build/start/ by server/build.ts is, seen from compiled code at `here`:
 * the Remix server build (build/server/…, build/server/assets/…) or the start build
 * (build/start/…, build/start/chunks/…). Null when none is found.
 */
export function compiledEntry(name: string, here: string): string | null {
  for (const candidate of [`../start/${name}`, `./${name}`, `../${name}`, `../../start/${name}`]) {
    const file = fileURLToPath(new URL(candidate, here));
    if (fs.existsSync(file)) return file;
  }
  return null;
}

/**
 * A child's script and the Node flags it needs, seen from the module at `here` that starts it:
 * the TypeScript source next to that module through tsx (development and tests), or the script
 * compiled to build/start/ (production). `source` is the source's file name ("export-child.ts").
 * Null when neither is found.
 */
export function childEntry(source: string, here: string): { script: string; execArgv: string[] } | null {
  if (here.endsWith(".ts")) {
    const tsx = pathToFileURL(
      createRequire(here)
        .resolve("tsx/esm/api")
        .replace(/api\/index\.cjs$/, "index.mjs"),
    ).href;
    return { script: fileURLToPath(new URL(`./${source}`, here)), execArgv: ["--import", tsx] };
  }
  const script = compiledEntry(source.replace(/\.ts$/, ".js"), here);
  return script ? { script, execArgv: [] } : null;
}

/** In a child script: sends a message to the parent; resolves once it is written. */
export const sendToParent = (message: unknown) =>
  new Promise<void>((resolve, reject) => {
    if (!process.send) return reject(new Error("this process has no IPC channel to a parent"));
    process.send(message, (error: Error | null) => (error ? reject(error) : resolve()));
  });

/**
 * A child script's one piece of work: runs `run` on the first message from its parent, then ends
 * the process, 0 once `run` resolves, 1 after sending `{ type: "error", message }` once it rejects,
 * calling `close` (the database connection) before either. Should the parent go first (the IPC
 * channel closes: the parent stopped or killed the work), `onParentGone` is called and the process
 * exits 1 at once.
 */
export function serveOneRequest<T>(
  run: (request: T) => Promise<void>,
  close: () => Promise<unknown>,
  onParentGone?: () => void,
): void {
  if (!process.send) throw new Error("a child script runs as a child process with an IPC channel");
  let finished = false;
  process.on("disconnect", () => {
    onParentGone?.();
    if (!finished) process.exit(1);
  });
  const end = async (code: number) => {
    finished = true;
    await close().catch(() => {});
    process.exit(code);
  };
  process.once("message", (request: T) => {
    run(request).then(
      () => end(0),
      async (error: unknown) => {
        finished = true;
        await sendToParent({ type: "error", message: error instanceof Error ? error.message : String(error) }).catch(
          () => {},
        );
        await end(1);
      },
    );
  });
}
