#!/usr/bin/env node
// Entry point of `npm start`/`npm run serve`: runs server/main.ts through tsx, so the server,
// the seed and the app share one TypeScript source (and its ~ path alias).
import { register } from "tsx/esm/api";

register();
await import("../server/main.ts");
