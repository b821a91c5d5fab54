// The benchmark's baseline (docs/decisions/011): the smallest Remix 2.17 document, one root and
// one index route, no loader data. Scripts ship, as on a real page, so the ceiling includes them.
import { Links, Meta, Outlet, Scripts } from "@remix-run/react";

export default function Root() {
  return (
    <html lang="vi">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Outlet />
        <Scripts />
      </body>
    </html>
  );
}
