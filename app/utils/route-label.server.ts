// Which Remix route answers a URL, for the access log and the metrics' `route` label: the route
// id ("routes/products.$productId"), never the raw URL, so the number of label values stays
// bounded by the number of route files. The matching is Remix's own (@remix-run/router's
// matchRoutes over the build's route manifest), so the label is the route that really ran.
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import type { ServerBuild } from "@remix-run/node";
import { LRUCache } from "lru-cache";

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
    const node = {
      id: route.id,
      path: route.path,
      index: route.index,
      caseSensitive: route.caseSensitive,
    } as RouteNode;
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

/**
 * Builds the labeller for one server build (cheap enough to rebuild when the dev build changes).
 * matchRoutes flattens and ranks the whole route tree and compiles a pattern per branch on every
 * call (≈ 10 % of a cached public page's CPU with this app's 120 routes, issue #9), so the labels
 * of the last `remember` paths are kept: a page asked for again is labelled from memory.
 */
export function createRouteLabeller(
  manifest: ServerBuild["routes"],
  remember = 2000,
): (pathname: string) => RouteLabel {
  const tree = routeTree(manifest);
  const known = new LRUCache<string, Readonly<RouteLabel>>({ max: remember });
  return (pathname) => {
    let label = known.get(pathname);
    if (!label) known.set(pathname, (label = Object.freeze(labelOf(tree, pathname))));
    return label;
  };
}

function labelOf(tree: RouteNode[], pathname: string): RouteLabel {
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
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
