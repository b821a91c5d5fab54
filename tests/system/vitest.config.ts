// The system tests (tests/system/): real production processes (`node ./scripts/start.js` on the
// build made by the step before them in scripts/test-all.js), driven over plain HTTP. Not part of
// the unit + integration run (vite.config.ts includes app/ and tests/integration/ only).
//   npx remix vite:build   # once
//   npx vitest run --config tests/system/vitest.config.ts
//   TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/postgres npx vitest run --config tests/system/vitest.config.ts
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    // The two-instance test needs PostgreSQL (several processes on one SQLite file is not a
    // supported deployment, decision 017): without TEST_POSTGRES_URL it is not collected, as the
    // PostgreSQL pass of the unit + integration tests is not run (scripts/test-all.js says so).
    include: [
      "tests/system/crash.test.ts",
      "tests/system/exchange.test.ts",
      ...(process.env.TEST_POSTGRES_URL?.trim() ? ["tests/system/multi-instance.test.ts"] : []),
    ],
    pool: "forks",
    // One file at a time: each starts production servers, and the machine has two cores.
    fileParallelism: false,
    // Generous on purpose: starts migrate and seed; a busy CI machine must never fail a test for
    // being slow (no timing assertions here).
    testTimeout: 900_000,
    hookTimeout: 900_000,
  },
});
