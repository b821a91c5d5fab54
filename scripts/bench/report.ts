// One table per database: metric, baseline, app, ratio, target, pass/fail.
import type { Row } from "./context";
import { itemAt } from "../../app/utils/arrays";

export function printTable(title: string, rows: Row[]) {
  const head = ["metric", "baseline", "app", "ratio", "target", "result"];
  const cells = rows.map((r) => [
    r.metric,
    r.baseline ?? "",
    r.app,
    r.ratio ?? "",
    r.target ?? "",
    r.pass === true ? "pass" : r.pass === false ? "FAIL" : "",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => itemAt(c, i, "cells").length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => (i === 0 ? v.padEnd(itemAt(widths, i, "widths")) : v.padStart(itemAt(widths, i, "widths"))))
      .join("  ");
  console.log(`\n${title}`);
  console.log(line(head));
  console.log(widths.map((w) => "─".repeat(w)).join("  "));
  for (const c of cells) console.log(line(c));
  const judged = rows.filter((r) => r.pass !== null && r.pass !== undefined);
  console.log(
    `${judged.filter((r) => r.pass).length} of ${judged.length} targets met (the benchmark informs; it never fails the build)\n`,
  );
}
