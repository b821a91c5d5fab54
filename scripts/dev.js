#!/usr/bin/env node
// `npm run dev`: the same server with Vite's dev middleware (hot reload).
import { register } from "tsx/esm/api";

process.argv.push("--dev");
register();
await import("../server/main.ts");
