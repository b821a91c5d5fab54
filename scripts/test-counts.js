// How scripts/test-all.js counts a runner's report (kept apart so that a test can check it).
// Rules: a file that fails without a failing test (it did not import, or its set-up threw and its
// tests were skipped) is 1 failure; an error outside any test is a failure; a runner that exits
// non-zero with nothing failed in its report (it crashed, the report is missing) is 1 failure.

/** A vitest JSON report (jest-compatible fields): tests, plus files that failed on their own. */
export function countVitestReport(report, exitCode) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  if (!report) return { ...counts, failed: exitCode === 0 ? 0 : 1 };
  counts.passed = report.numPassedTests ?? 0;
  counts.skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  for (const file of report.testResults ?? []) {
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === "failed").length;
    // A file that failed with no failing test did not import or its set-up threw.
    counts.failed += file.status === "failed" ? Math.max(failedTests, 1) : failedTests;
  }
  if (exitCode !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

/** A Playwright JSON report (a flaky test passed on retry; an error outside tests is a failure). */
export function countPlaywrightReport(report, exitCode) {
  const stats = report?.stats;
  const counts = { passed: 0, failed: 0, skipped: 0 };
  if (stats) {
    counts.passed = (stats.expected ?? 0) + (stats.flaky ?? 0);
    counts.failed = (stats.unexpected ?? 0) + (report.errors?.length ?? 0);
    counts.skipped = stats.skipped ?? 0;
    counts.flaky = stats.flaky ?? 0;
  }
  if (exitCode !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

export function formatCounts({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`;
}
