// End-to-end tests: a real browser against the real server (`node ./scripts/start.js`, which
// migrates and seeds its database on start). Run `remix vite:build` first (`npm test` does): it
// also compiles the server (build/start/).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { SERVER_MEMORY_ENV } from "./scripts/app-process";

// E2E_PORT lets two checkouts run their end-to-end tests on one machine at once.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;

// Every run starts from an empty SQLite database in a fresh DATA_DIR. Playwright loads this file
// in the runner AND in each worker; only the runner (no TEST_WORKER_INDEX) creates the directory,
// and the workers inherit it through E2E_DATA_DIR (tests/e2e/utils.ts reads the outbox there).
if (process.env.TEST_WORKER_INDEX === undefined) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tieubieu-e2e-"));
  process.env.E2E_DATA_DIR = dir;
  // Kept when E2E_KEEP_DATA=1, to look at the database of a failed run.
  if (!process.env.E2E_KEEP_DATA) {
    process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  }
}
const dataDir = process.env.E2E_DATA_DIR!;

// Debian's Chromium where it is installed (Playwright cannot download its own browsers on the
// project's machines); Playwright's own Chromium elsewhere. See docs platform notes.
const systemChromium = "/usr/bin/chromium";
const launchOptions = fs.existsSync(systemChromium)
  ? {
      executablePath: systemChromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    }
  : {};

export default defineConfig({
  testDir: "./tests/e2e",
  // The app uses one SQLite database and the tests share one server: run them one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0, // specs share one server and its data: a retry would not start from a clean state
  // Generous on purpose: a busy 2-core CI machine must not fail a test for being slow.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [
    ["list"],
    // scripts/test-all.js sets PLAYWRIGHT_JSON_OUTPUT_FILE to count the results.
    ["json", { outputFile: "playwright-report/results.json" }],
  ],
  use: {
    baseURL,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    trace: "retain-on-failure",
    launchOptions,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions } }],
  webServer: {
    command: "node ./scripts/start.js",
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      // Pinned so a DATABASE_URL in the developer's environment can't point the server elsewhere.
      DATABASE_URL: `file:${path.join(dataDir, "tieubieu.db")}`,
      APP_URL: baseURL,
      // What `npm start` sets (demo.env): React's production build, the demo data, plain HTTP.
      // Pinned so a value in the developer's environment can't change what is tested.
      NODE_ENV: "production",
      SEED_DEMO: "1",
      ALLOW_INSECURE_HTTP: "1",
      ...SERVER_MEMORY_ENV,
      // The demo register has 11 certificates: its whole list is a "large" export here, so
      // export-job.spec.ts follows one through the progress page (decision 042); filtered lists
      // and organisers' lists stay direct downloads.
      EXPORT_JOB_MIN_ROWS: "10",
    },
  },
});
