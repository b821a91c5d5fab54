// Route labels for the access log and the metrics (route-label.server.ts): the route id that
// Remix will run, and the path with secret parameters replaced.
import type { ServerBuild } from "@remix-run/node";
import { matchRoutes } from "@remix-run/router";
import { beforeEach, describe, expect, test, vi } from "vitest";
import { createRouteLabeller } from "./route-label.server";

// Counts the route matching the labeller does (it is the costly part).
vi.mock("@remix-run/router", async (importOriginal) => {
  const original = await importOriginal<typeof import("@remix-run/router")>();
  return { ...original, matchRoutes: vi.fn(original.matchRoutes) };
});

// The shape of a build's manifest (the real one has the modules too; matching needs only these).
const manifest = {
  root: { id: "root", path: "" },
  "routes/_index": { id: "routes/_index", parentId: "root", index: true },
  "routes/products._index": { id: "routes/products._index", parentId: "root", path: "products", index: true },
  "routes/products.$productId": { id: "routes/products.$productId", parentId: "root", path: "products/:productId" },
  "routes/invite.$token": { id: "routes/invite.$token", parentId: "root", path: "invite/:token" },
  "routes/admin": { id: "routes/admin", parentId: "root", path: "admin" },
  "routes/admin.users": { id: "routes/admin.users", parentId: "routes/admin", path: "users" },
  "routes/$": { id: "routes/$", parentId: "root", path: "*" },
} as unknown as ServerBuild["routes"];

const label = createRouteLabeller(manifest);

describe("route labels", () => {
  test("the deepest matching route's id, for pages and single-fetch data requests", () => {
    expect(label("/")).toEqual({ route: "routes/_index", path: "/" });
    expect(label("/_root.data")).toEqual({ route: "routes/_index", path: "/.data" });
    expect(label("/products")).toEqual({ route: "routes/products._index", path: "/products" });
    expect(label("/products/cm123abc")).toEqual({ route: "routes/products.$productId", path: "/products/cm123abc" });
    expect(label("/products/cm123abc.data")).toEqual({
      route: "routes/products.$productId",
      path: "/products/cm123abc.data",
    });
    expect(label("/admin/users")).toEqual({ route: "routes/admin.users", path: "/admin/users" });
  });

  test("unknown URLs land on the splat route: the label set stays bounded", () => {
    expect(label("/no/such/page/12345").route).toBe("routes/$");
    expect(label("/wp-login.php").route).toBe("routes/$");
  });

  test("a token in the path is replaced by the parameter's name, encoded or not", () => {
    expect(label("/invite/AbC-123_x")).toEqual({ route: "routes/invite.$token", path: "/invite/:token" });
    expect(label("/invite/a%20b.data")).toEqual({ route: "routes/invite.$token", path: "/invite/:token.data" });
  });
});

describe("labels are remembered per path", () => {
  beforeEach(() => {
    vi.mocked(matchRoutes).mockClear();
  });

  test("a path asked for again is not matched again, and gets the same label", () => {
    const fresh = createRouteLabeller(manifest);
    const first = fresh("/products/cm999zzz");
    expect(fresh("/products/cm999zzz")).toEqual(first);
    expect(fresh("/invite/secret-1")).toEqual({ route: "routes/invite.$token", path: "/invite/:token" });
    expect(fresh("/invite/secret-1").path).toBe("/invite/:token");
    expect(vi.mocked(matchRoutes)).toHaveBeenCalledTimes(2);
  });

  test("only the last paths are kept: memory stays bounded, an old path is matched again", () => {
    const fresh = createRouteLabeller(manifest, 2);
    fresh("/products/a1");
    fresh("/products/a2");
    fresh("/products/a3");
    expect(vi.mocked(matchRoutes)).toHaveBeenCalledTimes(3);
    expect(fresh("/products/a1")).toEqual({ route: "routes/products.$productId", path: "/products/a1" });
    expect(vi.mocked(matchRoutes)).toHaveBeenCalledTimes(4);
  });
});
