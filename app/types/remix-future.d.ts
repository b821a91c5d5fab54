// Remix's single fetch types (loaders' data as they arrive over the wire). Kept in app/ rather
// than vite.config.ts so that every TypeScript project of the repository sees it, including
// tsconfig.strict.json, which checks only the production code.
import "@remix-run/node";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
