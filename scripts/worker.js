#!/usr/bin/env node
// `npm run worker`: a standalone background-job worker (docs/decisions/019-durable-jobs.md). Runs
// the compiled build/start/worker.js when `npm run build` made one, else the source through tsx.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { fileURLToPath } from "node:url";

const compiled = new URL("../build/start/worker.js", import.meta.url);
if (fs.existsSync(compiled)) {
  await import(compiled.href);
} else {
  const source = fileURLToPath(new URL("../server/worker.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", source], { stdio: "inherit" });
  for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
