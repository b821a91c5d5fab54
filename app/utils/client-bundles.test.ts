// What the browser downloads for the public pages (issue #9, decision 015): no zod, no full
// translation table, and every message key a route's browser code uses is in a namespace the
// route (or the root) declares in `handle.i18n` — else the page would show raw keys after
// hydration. Builds the routes' browser code the way the Remix build does (Vite/Rollup, server
// exports removed with Remix's own transform, `.server` modules forbidden) and inspects the
// modules each route statically pulls in. Sizes are measured by scripts/js-weight.mjs, not here.
import { readFile } from "node:fs/promises";
import path from "node:path";
// Remix's own transform for browser route modules (loader, action and headers removed, then the
// code only they used), so this build keeps exactly what the real one keeps.
import { removeExports } from "@remix-run/dev/dist/vite/remove-exports.js";
import { build, transformWithEsbuild, type Rollup } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import { beforeAll, describe, expect, test } from "vitest";
import { viNamespaces } from "~/locales/vi";
import { itemAt } from "~/utils/arrays";

const ROOT = path.resolve(__dirname, "../..");
const PUBLIC_ROUTES = [
  "root.tsx",
  "routes/_index.tsx",
  "routes/products._index.tsx",
  "routes/products.$productId.tsx",
  "routes/verify._index.tsx",
  "routes/statistics.tsx",
  "routes/login.tsx",
  "routes/signup.tsx",
];
const ROOT_NAMESPACES = ["common", "site"];

type RouteBundle = { modules: string[]; code: string; declared: string[] | null };
const bundles = new Map<string, RouteBundle>();

beforeAll(async () => {
  const entries = Object.fromEntries(PUBLIC_ROUTES.map((file) => [file, path.join(ROOT, "app", file)]));
  const entryFiles = new Set(Object.values(entries));
  const output = (await build({
    configFile: false,
    root: ROOT,
    logLevel: "silent",
    plugins: [
      tsconfigPaths(),
      {
        name: "browser-route-modules",
        enforce: "pre",
        resolveId(source, importer) {
          if (importer && /\.server(\.[jt]sx?)?$/.test(source)) {
            throw new Error(`${path.relative(ROOT, importer)} reaches server-only ${source} from browser code`);
          }
          return null;
        },
        async load(id) {
          if (!entryFiles.has(id)) return null;
          const js = await transformWithEsbuild(await readFile(id, "utf8"), id, { jsx: "automatic", loader: "tsx" });
          return removeExports(js.code, ["loader", "action", "headers"], { filename: id }).code;
        },
      },
    ],
    build: {
      write: false,
      minify: false,
      target: "es2022",
      modulePreload: false,
      rollupOptions: { input: entries, preserveEntrySignatures: "exports-only" },
    },
  })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const chunks = (Array.isArray(output) ? output.flatMap((o) => o.output) : output.output).filter(
    (o): o is Rollup.OutputChunk => o.type === "chunk",
  );
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  for (const entry of chunks.filter((c) => c.isEntry && c.facadeModuleId)) {
    // The chunks the page loads up front: the entry and its static imports (not the lazy ones).
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const next of byFile.get(file)?.imports ?? []) visit(next);
    };
    visit(entry.fileName);
    const loaded = [...seen].map((f) => byFile.get(f)!);
    const file = entry.facadeModuleId!;
    const source = await readFile(file, "utf8");
    const declared = source.match(/export const handle[^=]*=\s*\{\s*i18n:\s*\[([^\]]*)\]/);
    bundles.set(path.relative(path.join(ROOT, "app"), file), {
      modules: loaded.flatMap((c) => c.moduleIds).map((id) => path.relative(ROOT, id)),
      code: loaded.map((c) => c.code).join("\n"),
      declared: declared
        ? [...itemAt(declared, 1, "the handle's i18n list").matchAll(/"(\w+)"/g)].map((m) =>
            itemAt(m, 1, "a namespace"),
          )
        : null,
    });
  }
}, 300_000);

/** The namespace of each message key, and the namespaces of the keys a piece of code uses. */
const namespaceOf = new Map<string, string>();
for (const [ns, table] of Object.entries(viNamespaces)) for (const key of Object.keys(table)) namespaceOf.set(key, ns);
function namespacesUsedBy(code: string): Map<string, string> {
  const used = new Map<string, string>();
  for (const match of code.matchAll(/["'`]([a-zA-Z][\w-]*(?:\.[\w-]+)+)["'`]/g)) {
    const literal = itemAt(match, 1, "a key literal");
    const ns = namespaceOf.get(literal);
    if (ns) used.set(literal, ns);
  }
  // Keys built at run time: t(`register.status.${status}`) needs every key with that prefix.
  for (const match of code.matchAll(/`([a-zA-Z][\w-]*(?:\.[\w-]+)*\.)\$\{/g)) {
    const prefix = itemAt(match, 1, "a key prefix");
    for (const [key, ns] of namespaceOf) if (key.startsWith(prefix)) used.set(`${prefix}*`, ns);
  }
  return used;
}

describe.each(PUBLIC_ROUTES)("browser code of %s", (file) => {
  const bundle = () => {
    const found = bundles.get(file);
    if (!found) throw new Error(`no bundle for ${file}`);
    return found;
  };

  test("has no zod and no translation table", () => {
    const { modules } = bundle();
    expect(modules.length).toBeGreaterThan(1);
    expect(modules.filter((m) => /node_modules\/(zod|@conform-to\/zod)\//.test(m))).toEqual([]);
    expect(modules.filter((m) => /^app\/locales\/((vi|en)\/|tables\.ts$)/.test(m))).toEqual([]);
  });

  test("declares the namespaces of every message key it uses", () => {
    const { code, declared } = bundle();
    const allowed = new Set([
      ...ROOT_NAMESPACES,
      ...(file === "root.tsx" ? [] : (declared ?? Object.keys(viNamespaces))),
    ]);
    if (file !== "root.tsx") expect(declared, `${file} declares handle.i18n`).not.toBeNull();
    const used = namespacesUsedBy(code);
    expect(used.size).toBeGreaterThan(0);
    const missing = [...used].filter(([, ns]) => !allowed.has(ns)).map(([key, ns]) => `${key} (${ns})`);
    expect(missing).toEqual([]);
  });
});
