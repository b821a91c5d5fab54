// Gzipped JavaScript each public page ships: every /assets/*.js its HTML references
// (modulepreload links, module scripts and their imports), each gzipped at level 9, summed.
import zlib from "node:zlib";
import { fmt, type Row, type Section } from "../context";

async function pageJsKb(
  origin: string,
  page: string,
  cache: Map<string, number>,
): Promise<{ kb: number; files: number; status: number }> {
  const res = await fetch(`${origin}${page}`);
  const html = await res.text();
  const assets = new Set([...html.matchAll(/\/assets\/[^"'\s<>]+?\.js/g)].map((m) => m[0]));
  let bytes = 0;
  for (const a of assets) {
    if (!cache.has(a)) {
      const file = Buffer.from(await (await fetch(`${origin}${a}`)).arrayBuffer());
      cache.set(a, zlib.gzipSync(file, { level: 9 }).byteLength);
    }
    bytes += cache.get(a)!;
  }
  return { kb: bytes / 1024, files: assets.size, status: res.status };
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
