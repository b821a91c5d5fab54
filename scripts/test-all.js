#!/usr/bin/env node
// The whole test command (`npm test`, also what .ci/run runs). In order, stopping at the first
// failure with a non-zero exit:
//   schema check → typecheck → lint → vitest on SQLite → vitest on PostgreSQL (when
//   TEST_POSTGRES_URL is set) → production build → Playwright end-to-end tests.
// SKIP_E2E=1 skips the build and the end-to-end tests for quick local loops.
// The last line is always `tests: N passed, N failed[, N skipped]`, summed over every vitest
// and Playwright run (CI reads that line).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", process.platform === "win32" ? `${name}.cmd` : name);
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), "tieubieu-test-all-"));
const totals = { passed: 0, failed: 0, skipped: 0 };
const flag = (value) => ["1", "true", "yes"].includes(String(value ?? "").toLowerCase());

function run(label, command, args, env = process.env) {
  console.log(`\n▶ ${label}: ${[path.basename(command), ...args].join(" ")}`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      env,
      stdio: "inherit",
      shell: process.platform === "win32",
    });
    const forward = (signal) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    const done = (code) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`${code === 0 ? "✔" : "✘"} ${label} (${seconds} s${code === 0 ? "" : `, exit ${code}`})`);
      resolve(code);
    };
    child.on("error", (error) => {
      console.error(`${label}: could not start ${command}: ${error.message}`);
      done(127);
    });
    child.on("close", (code, signal) => done(code ?? (signal ? 128 : 1)));
  });
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/** Adds a vitest JSON report (jest-compatible fields) to the totals. */
function countVitest(file) {
  const report = readJson(file);
  if (!report) return;
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}

/** Adds a Playwright JSON report to the totals (a flaky test passed on retry). */
function countPlaywright(file) {
  const stats = readJson(file)?.stats;
  if (!stats) return;
  totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  totals.failed += stats.unexpected ?? 0;
  totals.skipped += stats.skipped ?? 0;
  if (stats.flaky) console.log(`note: ${stats.flaky} end-to-end test(s) passed only on retry (flaky)`);
}

function finish(code) {
  fs.rmSync(reportDir, { recursive: true, force: true });
  if (code !== 0) console.log("\ntest-all: FAILED (see the first ✘ step above)");
  const skipped = totals.skipped ? `, ${totals.skipped} skipped` : "";
  console.log(`tests: ${totals.passed} passed, ${totals.failed} failed${skipped}`);
  process.exit(code);
}

async function vitest(label, env, reportName) {
  const report = path.join(reportDir, reportName);
  const code = await run(
    label,
    bin("vitest"),
    ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
    env,
  );
  countVitest(report);
  return code;
}

async function main() {
  const steps = [];
  const withoutPostgres = { ...process.env };
  delete withoutPostgres.TEST_POSTGRES_URL;
  const postgresUrl = process.env.TEST_POSTGRES_URL?.trim();
  const skipE2e = flag(process.env.SKIP_E2E);

  steps.push(() => run("prisma schemas in step", process.execPath, ["scripts/prisma-sync.js", "check"]));
  steps.push(() => run("typecheck", bin("tsc"), ["--noEmit"]));
  steps.push(() => run("lint", bin("eslint"), ["--max-warnings", "0", "."]));
  steps.push(() => vitest("unit + integration tests (SQLite)", withoutPostgres, "vitest-sqlite.json"));
  if (postgresUrl) {
    steps.push(() =>
      vitest("unit + integration tests (PostgreSQL)", { ...process.env, TEST_POSTGRES_URL: postgresUrl }, "vitest-postgresql.json"),
    );
  } else {
    steps.push(async () => {
      console.log(
        "\n⏭ PostgreSQL test pass skipped: TEST_POSTGRES_URL is not set (e.g. TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/postgres npm test).",
      );
      return 0;
    });
  }
  if (skipE2e) {
    steps.push(async () => {
      console.log("\n⏭ Build and end-to-end tests skipped: SKIP_E2E is set.");
      return 0;
    });
  } else {
    steps.push(() => run("production build", bin("remix"), ["vite:build"], withoutPostgres));
    steps.push(async () => {
      const report = path.join(reportDir, "playwright.json");
      const code = await run("end-to-end tests (Playwright)", bin("playwright"), ["test"], {
        ...withoutPostgres,
        PLAYWRIGHT_JSON_OUTPUT_FILE: report,
      });
      countPlaywright(report);
      return code;
    });
  }

  for (const step of steps) {
    const code = await step();
    if (code !== 0) return finish(code);
  }
  finish(0);
}

main().catch((error) => {
  console.error(error);
  finish(1);
});
