// Route labels for the access log and the metrics (route-label.server.ts): the route id that
// Remix will run, and the path with secret parameters replaced.
import type { ServerBuild } from "@remix-run/node";
import { describe, expect, test } from "vitest";
import { createRouteLabeller } from "./route-label.server";

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
    expect(label("/products/cm123abc.data")).toEqual({ route: "routes/products.$productId", path: "/products/cm123abc.data" });
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
