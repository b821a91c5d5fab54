import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import { buildServer } from "./server/build";

export default defineConfig({
  server: { port: 3000 },
  build: { target: "es2022" },
  // Pre-bundle the form libraries up front; a late re-optimisation in dev broke hydration.
  optimizeDeps: { include: ["zod", "@conform-to/zod/v4", "@conform-to/react"], exclude: ["@node-rs/argon2"] },
  ssr: {
    // Native modules and the Prisma runtime stay outside the server bundle.
    external: ["better-sqlite3", "@node-rs/argon2", "pg", "@prisma/client", "nodemailer"],
  },
  plugins: [
    !process.env.VITEST &&
      remix({
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          v3_lazyRouteDiscovery: true,
        },
        // build/start/: the production server compiled ahead of time (server/build.ts).
        buildEnd: buildServer,
      }),
    tsconfigPaths(),
  ],
  test: {
    include: ["app/**/*.test.{ts,tsx}", "tests/integration/**/*.test.{ts,tsx}"],
    setupFiles: ["./tests/setup/setup-test-env.ts"],
    globalSetup: ["./tests/setup/global-setup.ts"],
    pool: "forks",
    // Generous on purpose: a busy 2-core CI machine must never fail a test for being slow
    // (timings belong to `npm run bench`, never to a pass/fail test).
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
