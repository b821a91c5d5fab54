// Which Remix route answers a URL, for the access log and the metrics' `route` label: the route
// id ("routes/products.$productId"), never the raw URL, so the number of label values stays
// bounded by the number of route files. The matching is Remix's own (@remix-run/router's
// matchRoutes over the build's route manifest), so the label is the route that really ran.
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import type { ServerBuild } from "@remix-run/node";

type RouteNode = AgnosticRouteObject & { id: string };

/** Parameters whose values are secrets: replaced in the logged path. */
const SECRET_PARAM = /token|secret/i;

export interface RouteLabel {
  /** The deepest matched route's id, e.g. "routes/invite.$token". */
  route: string;
  /** The URL path without its query string, secret parameters replaced ("/invite/:token"). */
  path: string;
}

function routeTree(manifest: ServerBuild["routes"]): RouteNode[] {
  const byParent = new Map<string | undefined, RouteNode[]>();
  for (const route of Object.values(manifest)) {
    const node = { id: route.id, path: route.path, index: route.index, caseSensitive: route.caseSensitive } as RouteNode;
    const siblings = byParent.get(route.parentId) ?? [];
    siblings.push(node);
    byParent.set(route.parentId, siblings);
  }
  const attach = (parentId: string | undefined): RouteNode[] =>
    (byParent.get(parentId) ?? []).map((node) => {
      const children = attach(node.id);
      return node.index ? node : ({ ...node, children } as RouteNode);
    });
  return attach(undefined);
}

/** Builds the labeller for one server build (cheap enough to rebuild when the dev build changes). */
export function createRouteLabeller(manifest: ServerBuild["routes"]): (pathname: string) => RouteLabel {
  const tree = routeTree(manifest);
  return (pathname) => {
    // Single-fetch data requests: /products.data, and /_root.data for the index route.
    const isData = pathname.endsWith(".data");
    let location = isData ? pathname.slice(0, -".data".length) : pathname;
    if (location === "/_root") location = "/";
    const matches = matchRoutes(tree, location);
    const leaf = matches?.[matches.length - 1];
    if (!leaf) return { route: "unmatched", path: pathname };
    let path = location;
    for (const [name, value] of Object.entries(leaf.params)) {
      if (!SECRET_PARAM.test(name) || !value) continue;
      path = path
        .split("/")
        .map((segment) => (segment === value || safeDecode(segment) === value ? `:${name}` : segment))
        .join("/");
    }
    return { route: leaf.route.id, path: isData ? `${path}.data` : path };
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
