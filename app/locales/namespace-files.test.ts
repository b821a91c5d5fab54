// The browser finds a namespace by its file name (tables.browser.ts) and the server by its export
// name (index.ts): they must be the same word, or a page's messages fail to load in the browser,
// React's hydration fails and the page reloads itself for ever (seen with "export-jobs.ts").
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { viNamespaces } from "./vi";
import { enNamespaces } from "./en";

const here = path.dirname(fileURLToPath(import.meta.url));

test.each(["vi", "en"] as const)("every %s dictionary file exports the namespace named after it", async (locale) => {
  const files = fs.readdirSync(path.join(here, locale)).filter((f) => f.endsWith(".ts") && f !== "index.ts");
  expect(files.length).toBeGreaterThan(20);
  for (const file of files) {
    const name = file.slice(0, -".ts".length);
    const mod = (await import(`./${locale}/${name}.ts`)) as Record<string, unknown>;
    expect(Object.keys(mod), file).toContain(name);
  }
  const registered = Object.keys(locale === "vi" ? viNamespaces : enNamespaces).sort();
  expect(registered).toEqual(files.map((f) => f.slice(0, -".ts".length)).sort());
});
