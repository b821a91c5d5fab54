// The JavaScript files a page makes the browser load, read from its HTML: modulepreload links,
// script tags and the imports of Remix's inline module script (the root's and the matched
// routes' modules, then `import()` of the entry). Shared by scripts/js-weight.mjs and the
// benchmark's js section (scripts/bench/sections/js-weight.ts).
//
// Not every /assets/*.js in the HTML is loaded: with lazy route discovery (v3_lazyRouteDiscovery)
// Remix inlines a partial route manifest (`window.__remixManifest = {…}`) that also lists the
// routes of the parent paths (on /products/<id>: `/` and `/products`) and the manifest file's own
// URL. Those are fetched only on a client-side navigation to such a route, so they are not part of
// what the page downloads (checked against a real Chromium: the same files, and only those, are
// requested when a product page loads and hydrates).

/**
 * @param {string} html
 * @returns {string[]} the /assets/….js paths, each once, in the order they appear
 */
export function pageScripts(html) {
  const found = new Set();
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*>/g)) {
    const href = /\bhref="(\/assets\/[^"]+\.js)"/.exec(m[0]);
    if (href?.[1]) found.add(href[1]);
  }
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="(\/assets\/[^"]+\.js)"/g)) if (m[1]) found.add(m[1]);
  for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    const body = m[1] ?? "";
    // Static imports (`import * as route0 from "…"`, `import "…"`) and the entry's `import("…")`.
    for (const i of body.matchAll(/\bimport\s*(?:\*\s*as\s*\w+\s*from\s*)?"(\/assets\/[^"]+\.js)"/g))
      if (i[1]) found.add(i[1]);
    for (const i of body.matchAll(/\bimport\(\s*"(\/assets\/[^"]+\.js)"\s*\)/g)) if (i[1]) found.add(i[1]);
  }
  return [...found];
}
