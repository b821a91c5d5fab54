#!/usr/bin/env node
// The production entry point (`npm start`, `npm run serve`, a real deployment, the end-to-end
// tests): runs the server compiled by `npm run build` (build/start/main.js) as plain JavaScript,
// no TypeScript loader at run time (docs/decisions/014). `npm run dev` runs the sources instead.
import fs from "node:fs";

const main = new URL("../build/start/main.js", import.meta.url);
if (!fs.existsSync(main)) {
  console.error("\n✖ The compiled server (build/start/main.js) is missing: run `npm run build` first.\n");
  process.exit(1);
}
await import(main.href);
