// Builds the bare baseline app with the same Remix plugin and target as the app's vite.config.ts.
// BENCH_BARE_OUT is the (temporary) build directory, set by scripts/bench/servers.ts.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  logLevel: "warn",
  build: { target: "es2022" },
  plugins: [
    remix({
      appDirectory: path.join(here, "app"),
      buildDirectory: process.env.BENCH_BARE_OUT ?? path.join(here, "build"),
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
  ],
});
