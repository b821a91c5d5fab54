// The server's own entry points compiled ahead of time, called at the end of `remix vite:build`
// (vite.config.ts, buildEnd), so production runs plain JavaScript with no TypeScript loader
// (docs/decisions/014-lean-production-start.md):
//   build/start/main.js  server/main.ts: checks the environment, migrates, seeds, serves
//   build/start/seed.js  prisma/seed.ts: run by main.js in a child process; the demo modules are
//                        chunks it imports only when SEED_DEMO is on
//   build/start/worker.js server/worker.ts: a standalone background-job worker (`npm run worker`)
//   build/start/pdf-thread.js app/modules/print/pdf-thread.worker.ts: the thread that draws PDFs
//                        off the server's event loop (docs/decisions/019)
//   build/start/export-child.js app/modules/exports/export-child.ts: the process that makes one
//                        export job's file off the web process (docs/decisions/047)
//   build/start/job-child.js app/modules/jobs/job-child.ts: the process that runs one job of a
//                        kind that runs apart, e.g. the daily reminders (docs/decisions/054)
// Vite's SSR build, the app's bundler already: the same TypeScript, `~/` alias and resolution as
// the Remix build; packages stay in node_modules and are imported at run time.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import { getLogger } from "../app/utils/logger.server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export async function buildServer(): Promise<void> {
  await build({
    root,
    configFile: false,
    publicDir: false,
    logLevel: "warn",
    plugins: [tsconfigPaths()],
    build: {
      ssr: true,
      outDir: "build/start",
      emptyOutDir: true,
      target: "node20",
      minify: false,
      rollupOptions: {
        input: {
          main: path.join(root, "server/main.ts"),
          seed: path.join(root, "prisma/seed.ts"),
          worker: path.join(root, "server/worker.ts"),
          "pdf-thread": path.join(root, "app/modules/print/pdf-thread.worker.ts"),
          "export-child": path.join(root, "app/modules/exports/export-child.ts"),
          "job-child": path.join(root, "app/modules/jobs/job-child.ts"),
        },
        output: { format: "esm", entryFileNames: "[name].js", chunkFileNames: "chunks/[name]-[hash].js" },
      },
    },
  });
  getLogger("build").info(
    "server compiled to build/start/ (main.js, seed.js, worker.js, pdf-thread.js, export-child.js, job-child.js)",
  );
}
