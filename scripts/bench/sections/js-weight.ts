// Gzipped JavaScript each public page ships: every /assets/*.js its HTML makes the browser load
// (modulepreload links, module scripts and their imports: scripts/page-scripts.mjs), each
// gzipped at level 9, summed. Not the route modules the inline manifest merely lists for a later
// navigation (lazy route discovery), which the browser does not fetch when the page loads.
import zlib from "node:zlib";
import { pageScripts } from "../../page-scripts.mjs";
import { fmt, type Row, type Section } from "../context";

async function pageJsKb(
  origin: string,
  page: string,
  cache: Map<string, number>,
): Promise<{ kb: number; files: number; status: number }> {
  const res = await fetch(`${origin}${page}`);
  const html = await res.text();
  const assets = pageScripts(html);
  let bytes = 0;
  for (const a of assets) {
    if (!cache.has(a)) {
      const file = Buffer.from(await (await fetch(`${origin}${a}`)).arrayBuffer());
      cache.set(a, zlib.gzipSync(file, { level: 9 }).byteLength);
    }
    bytes += cache.get(a)!;
  }
  return { kb: bytes / 1024, files: assets.length, status: res.status };
}

export const jsWeightSection: Section = {
  name: "js",
  async run(ctx) {
    const cache = new Map<string, number>();
    const bare = await pageJsKb(ctx.bare.url, "/", new Map());
    const pages = [
      "/",
      "/products",
      "/products?q=my+gao+chu",
      `/products/${ctx.register.sampleProductIds[0]}`,
      "/verify",
      `/verify/${ctx.register.sampleCodes[0]}`,
      "/statistics",
      "/rounds",
    ];
    const rows: Row[] = [];
    for (const page of pages) {
      const js = await pageJsKb(ctx.app.url, page, cache);
      rows.push({
        metric: `JS gzipped ${page.replace(/\/c[0-9a-f]{24}$/, "/<id>").replace(/verify\/[^/?]+$/, "verify/<code>")} (KB, ${js.files} files)`,
        baseline: fmt(bare.kb, 1),
        app: js.status === 200 ? fmt(js.kb, 1) : `HTTP ${js.status}`,
        target: "≤ 100",
        pass: js.status === 200 && js.kb <= 100,
      });
    }
    return rows;
  },
};
