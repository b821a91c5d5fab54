// Serves the bare baseline build through the app's own Express stack (server/app.ts: helmet,
// CSP nonce, origin check, compression, static files, Remix handler).
//   node --import tsx scripts/bench/bare/serve.ts   (env BENCH_BARE_OUT, PORT)
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { createApp } from "../../../server/app";

const out = process.env.BENCH_BARE_OUT;
if (!out) throw new Error("BENCH_BARE_OUT is not set");
const port = Number(process.env.PORT ?? 3900);
const server = (await import(pathToFileURL(path.join(out, "server/index.js")).href)) as ServerBuild;
const app = await createApp({
  mode: "production",
  trustProxy: undefined,
  appUrl: `http://127.0.0.1:${port}`,
  build: { server, clientDir: path.join(out, "client") },
});
app.listen(port, "127.0.0.1", () => console.log(`bare baseline at http://127.0.0.1:${port}`));
