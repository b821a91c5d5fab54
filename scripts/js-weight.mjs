#!/usr/bin/env node
// How much JavaScript does each public page make a visitor download? (issue #9, decision 015)
//
// Usage: build (`npx remix vite:build`), start the built app
// (`PORT=3300 DATA_DIR=$(mktemp -d) node ./scripts/start.js`), then
//   node scripts/js-weight.mjs [base URL, default http://127.0.0.1:3300] [--lang=en] [--cookie=...]
//
// For each page it fetches the HTML, collects every /assets/*.js it makes the browser load
// (modulepreload links and module scripts: scripts/page-scripts.mjs), and sums the gzip -9 size of those
// files as built in build/client/assets. A measurement, not a test: it prints a table and never
// fails on a size (timings and sizes belong to benchmark scripts, not to pass/fail tests).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { pageScripts } from "./page-scripts.mjs";

const args = process.argv.slice(2);
const base = (args.find((a) => !a.startsWith("--")) ?? "http://127.0.0.1:3300").replace(/\/$/, "");
const lang = args.find((a) => a.startsWith("--lang="))?.slice("--lang=".length);
const extraCookie = args.find((a) => a.startsWith("--cookie="))?.slice("--cookie=".length);
const assetsDir = join(process.cwd(), "build", "client");
const cookie = [lang ? `tb_lang=${lang}` : null, extraCookie ?? null].filter(Boolean).join("; ");

async function html(path) {
  const response = await fetch(base + path, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
  return { status: response.status, body: await response.text() };
}

/** The first product page linked from the register's list, so the table needs no id by hand. */
async function firstProductPath() {
  const { body } = await html("/products");
  const match = body.match(/href="(\/products\/[A-Za-z0-9_-]+)"/);
  return match ? match[1] : null;
}

/** The first verification code on a product page (a certificate's /verify/<code> link), if any. */
async function firstVerifyPath(productPath) {
  if (!productPath) return null;
  const { body } = await html(productPath);
  const match = body.match(/href="(\/verify\/[A-Za-z0-9-]+)"/);
  return match ? match[1] : "/verify/TB-0000-0000";
}

const gzipCache = new Map();
function gzipSize(assetPath) {
  if (!gzipCache.has(assetPath)) {
    const raw = readFileSync(join(assetsDir, assetPath));
    gzipCache.set(assetPath, { raw: raw.length, gz: gzipSync(raw, { level: 9 }).length });
  }
  return gzipCache.get(assetPath);
}

const product = await firstProductPath();
const pages = [
  "/",
  "/products",
  product,
  "/verify",
  await firstVerifyPath(product),
  "/statistics",
  "/login",
  "/signup",
];
const kb = (n) => (n / 1024).toFixed(1);
const rows = [];
for (const path of pages) {
  if (!path) continue;
  const { status, body } = await html(path);
  const files = pageScripts(body);
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const size = gzipSize(f);
    raw += size.raw;
    gz += size.gz;
  }
  rows.push({ path, status, files: files.length, raw, gz });
}

const width = Math.max(...rows.map((r) => r.path.length), 4);
console.log(`${"page".padEnd(width)}  status  files  raw KB  gzip KB${lang ? `   (lang=${lang})` : ""}`);
for (const r of rows) {
  console.log(
    `${r.path.padEnd(width)}  ${String(r.status).padStart(6)}  ${String(r.files).padStart(5)}  ${kb(r.raw).padStart(6)}  ${kb(r.gz).padStart(7)}`,
  );
}
