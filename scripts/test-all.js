#!/usr/bin/env node
// The whole test command (`npm test`, also what .ci/run runs). In order, stopping at the first
// failure with a non-zero exit:
//   schema check → typecheck → lint → formatting → vitest on SQLite → vitest on PostgreSQL (when
//   TEST_POSTGRES_URL is set) → production build → Playwright end-to-end tests → system tests
//   (tests/system/: production processes on the build just made — a crash test on SQLite, and
//   with TEST_POSTGRES_URL the crash test on PostgreSQL and the two-instance test).
// SKIP_E2E=1 skips the build, the end-to-end and the system tests for quick local loops.
//
// Counting (CI reads the last line, so it must not lie):
// - every step gets a subtotal line `  <step>: N passed, N failed[, N skipped]`;
// - a check that is not a test runner (schema check, typecheck, lint, build) counts 1 passed or
//   1 failed, so a run stopped by a type error never ends with "0 failed";
// - a vitest file that fails without a failing test (it does not import, or a beforeAll threw
//   and its tests were skipped) counts as 1 failed; a runner that exits non-zero with no
//   failure in its report (it crashed, the report is missing) counts as 1 failed too;
// - the SQLite and PostgreSQL passes are separate subtotals; the last line is their true sum
//   with every other step: `tests: N passed, N failed[, N skipped]`.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { countPlaywrightReport, countVitestReport, formatCounts } from "./test-counts.js";

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

/** Counts of one step; `subtotals` keeps them in order for the summary. */
const subtotals = [];
function record(label, { passed, failed, skipped }) {
  subtotals.push({ label, passed, failed, skipped });
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
}

function finish(code) {
  fs.rmSync(reportDir, { recursive: true, force: true });
  if (code !== 0) console.log("\ntest-all: FAILED (see the first ✘ step above)");
  console.log("\nsubtotals:");
  for (const { label, ...counts } of subtotals) console.log(`  ${label}: ${formatCounts(counts)}`);
  console.log(`tests: ${formatCounts(totals)}`);
  process.exit(code);
}

/** A step that is not a test runner counts as one check, passed or failed. */
async function check(label, command, args, env) {
  const code = await run(label, command, args, env);
  record(label, { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 });
  return code;
}

async function vitest(label, env, reportName, extraArgs = []) {
  const report = path.join(reportDir, reportName);
  const code = await run(
    label,
    bin("vitest"),
    ["run", ...extraArgs, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
    env,
  );
  record(label, countVitestReport(readJson(report), code));
  return code;
}

async function main() {
  const steps = [];
  const withoutPostgres = { ...process.env };
  delete withoutPostgres.TEST_POSTGRES_URL;
  const postgresUrl = process.env.TEST_POSTGRES_URL?.trim();
  const skipE2e = flag(process.env.SKIP_E2E);

  steps.push(() => check("prisma schemas in step", process.execPath, ["scripts/prisma-sync.js", "check"]));
  steps.push(() => check("typecheck (noUncheckedIndexedAccess)", bin("tsc"), ["--noEmit"]));
  steps.push(() => check("lint", bin("eslint"), ["--max-warnings", "0", "."]));
  steps.push(() => check("formatting (Prettier)", bin("prettier"), ["--check", "--log-level", "warn", "."]));
  steps.push(() => vitest("unit + integration tests (SQLite)", withoutPostgres, "vitest-sqlite.json"));
  if (postgresUrl) {
    steps.push(() =>
      vitest(
        "unit + integration tests (PostgreSQL)",
        { ...process.env, TEST_POSTGRES_URL: postgresUrl },
        "vitest-postgresql.json",
      ),
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
    steps.push(() => check("production build", bin("remix"), ["vite:build"], withoutPostgres));
    steps.push(async () => {
      const report = path.join(reportDir, "playwright.json");
      const code = await run("end-to-end tests (Playwright)", bin("playwright"), ["test"], {
        ...withoutPostgres,
        PLAYWRIGHT_JSON_OUTPUT_FILE: report,
      });
      const counts = countPlaywrightReport(readJson(report), code);
      if (counts.flaky) console.log(`note: ${counts.flaky} end-to-end test(s) passed only on retry (flaky)`);
      record("end-to-end tests (Playwright)", counts);
      return code;
    });
    // After the end-to-end tests, on the same build (not rebuilt). One vitest run, counted like
    // the others; it carries TEST_POSTGRES_URL when set (the two-instance test needs it).
    steps.push(() => {
      if (!postgresUrl) {
        console.log(
          "\n⏭ Two-instance system test and PostgreSQL crash test skipped: TEST_POSTGRES_URL is not set (the crash test runs on SQLite).",
        );
      }
      return vitest("system tests (production processes)", process.env, "vitest-system.json", [
        "--config",
        "tests/system/vitest.config.ts",
      ]);
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
  record("test-all itself", { passed: 0, failed: 1, skipped: 0 });
  finish(1);
});
