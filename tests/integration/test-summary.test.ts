// The closing line of `npm test` is what CI reads: scripts/test-counts.js must not let a broken
// file, a failed set-up or a crashed runner read as "0 failed". The report shapes below are the
// ones vitest 3 and Playwright write with their JSON reporters (taken from real runs).
import { describe, expect, test } from "vitest";
import { countPlaywrightReport, countVitestReport, formatCounts } from "../../scripts/test-counts.js";

const file = (status: "passed" | "failed", tests: string[], message = "") => ({
  name: "/repo/x.test.ts",
  status,
  message,
  assertionResults: tests.map((s) => ({ status: s })),
});

describe("vitest reports", () => {
  test("a file that fails to import counts as one failure", () => {
    const report = {
      numPassedTests: 3,
      numFailedTests: 0,
      numPendingTests: 0,
      numTodoTests: 0,
      testResults: [file("passed", ["passed", "passed", "passed"]), file("failed", [], "Cannot find module './x'")],
    };
    expect(countVitestReport(report, 1)).toEqual({ passed: 3, failed: 1, skipped: 0 });
  });

  test("a beforeAll that throws fails its file even though its tests read as skipped", () => {
    const report = {
      numPassedTests: 0,
      numFailedTests: 0,
      numPendingTests: 2,
      numTodoTests: 0,
      testResults: [file("failed", ["skipped", "skipped"], "setup broke")],
    };
    expect(countVitestReport(report, 1)).toEqual({ passed: 0, failed: 1, skipped: 2 });
  });

  test("failing tests count once each, not once more for their file", () => {
    const report = {
      numPassedTests: 1,
      numFailedTests: 2,
      numPendingTests: 0,
      numTodoTests: 0,
      testResults: [file("failed", ["passed", "failed", "failed"])],
    };
    expect(countVitestReport(report, 1)).toEqual({ passed: 1, failed: 2, skipped: 0 });
  });

  test("a runner that crashed without a report, or exited non-zero with nothing failed, is a failure", () => {
    expect(countVitestReport(undefined, 1)).toEqual({ passed: 0, failed: 1, skipped: 0 });
    expect(countVitestReport({ numPassedTests: 5, testResults: [file("passed", ["passed"])] }, 1).failed).toBe(1);
    expect(countVitestReport({ numPassedTests: 5, testResults: [file("passed", ["passed"])] }, 0)).toEqual({
      passed: 5,
      failed: 0,
      skipped: 0,
    });
  });
});

describe("Playwright reports", () => {
  test("flaky tests pass, unexpected ones and errors outside tests fail", () => {
    const report = {
      stats: { expected: 30, unexpected: 1, flaky: 2, skipped: 1 },
      errors: [{ message: "webServer exited" }],
    };
    expect(countPlaywrightReport(report, 1)).toEqual({ passed: 32, failed: 2, skipped: 1, flaky: 2 });
  });

  test("a server that never started (no report) is a failure", () => {
    expect(countPlaywrightReport(undefined, 1).failed).toBe(1);
  });
});

test("the summary format is the one CI reads", () => {
  expect(formatCounts({ passed: 12, failed: 0, skipped: 0 })).toBe("12 passed, 0 failed");
  expect(formatCounts({ passed: 12, failed: 3, skipped: 2 })).toBe("12 passed, 3 failed, 2 skipped");
});
