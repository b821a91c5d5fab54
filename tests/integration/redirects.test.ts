// Open redirects (issue #10 finding 1): every redirect target that comes from input goes through
// safeRedirectPath, which keeps it only when it resolves to this app's own origin. Checked on
// the helper and at each route that takes a target (/en?to=, /lang, /login, /admin/users).
import { beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import * as adminUsersRoute from "~/routes/admin.users";
import * as enRoute from "~/routes/en";
import * as langRoute from "~/routes/lang";
import * as loginRoute from "~/routes/login";
import { prisma } from "~/utils/db.server";
import { safeRedirectPath } from "~/utils/http.server";
import { call, cookieFor, get, post, type RouteFn } from "../support/route-calls";

// Targets a browser would follow off the site, or that cannot go into a Location header.
const HOSTILE = [
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/\u0000/evil.example",
  "//evil.example",
  "/\\evil.example",
  "/\\/evil.example",
  "/./\t/evil.example",
  "/.//evil.example",
  "/%2e//evil.example",
  "https://evil.example/",
  "javascript:alert(1)",
  "/x\nSet-Cookie: a=b",
];

/** Where a browser would go, given the Location header of a response from http://localhost. */
function followed(location: string | null) {
  return new URL(location ?? "", "http://localhost/here").origin;
}

beforeAll(async () => {
  await seed(prisma, { demo: true });
});

describe("safeRedirectPath", () => {
  test.each(HOSTILE)("refuses %j", (to) => {
    expect(safeRedirectPath(to, "/fallback")).toBe("/fallback");
  });

  test("keeps a same-site path with its query and fragment", () => {
    expect(safeRedirectPath("/products?q=m%E1%BB%B3&page=2#list")).toBe("/products?q=m%E1%BB%B3&page=2#list");
    expect(safeRedirectPath("/admin/rounds/abc/entries")).toBe("/admin/rounds/abc/entries");
    expect(safeRedirectPath("/a/../b")).toBe("/b");
  });
});

describe("routes that redirect to a target taken from input", () => {
  test.each(HOSTILE)("/en?to=%j stays on the site (never a 500)", async (to) => {
    const res = await call(enRoute.loader as RouteFn, get(`/en?to=${encodeURIComponent(to)}`));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/");
    expect(followed(res.headers.get("Location"))).toBe("http://localhost");
  });

  test.each(HOSTILE)("the /lang form's redirectTo %j stays on the site", async (to) => {
    const res = await call(langRoute.action as RouteFn, post("/lang", { lang: "en", redirectTo: to }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/");
  });

  test("after a successful log-in, a hostile redirectTo goes to the person's landing page instead", async () => {
    for (const to of ["/\t/evil.example", "/\n/evil.example", "/.//evil.example"]) {
      const res = await call(
        loginRoute.action as RouteFn,
        post(`/login?redirectTo=${encodeURIComponent(to)}`, {
          email: "producer@tieubieu.test",
          password: "TieuBieu@2026",
          redirectTo: to,
        }),
      );
      expect(res.status).toBe(302);
      expect(res.headers.get("Location")).toBe("/producer");
    }
  });

  test.each([
    ["producer@tieubieu.test", "/producer"],
    ["organiser.bacninh@tieubieu.test", "/admin"],
    ["admin@tieubieu.test", "/admin"],
  ])("without a redirectTo, %s lands on %s (where their work is)", async (email, landing) => {
    const res = await call(loginRoute.action as RouteFn, post("/login", { email, password: "TieuBieu@2026" }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(landing);
  });

  test("a same-site redirectTo after log-in is kept", async () => {
    const res = await call(
      loginRoute.action as RouteFn,
      post("/login", {
        email: "producer@tieubieu.test",
        password: "TieuBieu@2026",
        redirectTo: "/producer/entries?page=1",
      }),
    );
    expect(res.headers.get("Location")).toBe("/producer/entries?page=1");
  });

  test("/admin/users with a hostile redirectTo goes back to the list (never a 500)", async () => {
    const cookie = await cookieFor("admin@tieubieu.test");
    const producer = await prisma.user.findUniqueOrThrow({
      where: { email: "organiser.mienbac@tieubieu.test" },
      select: { id: true },
    });
    for (const [intent, to] of [
      ["disable", "/admin/users?q=\n/evil"],
      ["enable", "/\t/evil.example"],
    ] as const) {
      const res = await call(
        adminUsersRoute.action as RouteFn,
        post("/admin/users", { intent, userId: producer.id, redirectTo: to }, cookie),
      );
      expect(res.status).toBe(302);
      expect(res.headers.get("Location")).toBe("/admin/users");
    }
  });
});
