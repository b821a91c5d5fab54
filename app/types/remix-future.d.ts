// Remix's single fetch types (loaders' data as they arrive over the wire). Kept in app/ rather
// than vite.config.ts so that the app's own type-check sees it wherever it is run from.
import "@remix-run/node";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
