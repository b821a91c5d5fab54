// The app's basic contracts, through a real browser and the real server.
import { expect, test } from "@playwright/test";

test("home page renders in Vietnamese", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page.locator("body")).not.toBeEmpty();
});

test("/healthz reports a working database", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  expect(await response.json()).toMatchObject({ database: "ok" });
});

test("an unknown URL returns 404", async ({ page }) => {
  const response = await page.goto("/khong-co-trang-nay-" + Date.now());
  expect(response?.status()).toBe(404);
});

// React 18.3's Node stream renderer padded a buffer with zero bytes when a Vietnamese letter
// straddled its end (app/entry.server.tsx): pages long enough to cross those edges must arrive
// without a single NUL byte and decode as clean UTF-8.
test("long Vietnamese pages arrive without NUL bytes", async ({ request }) => {
  for (const path of [
    "/",
    "/signup",
    "/login",
    "/rounds",
    "/products",
    "/statistics",
    "/products?q=my+gao+chu",
    "/verify",
  ]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const bytes = await response.body();
    expect(bytes.length, path).toBeGreaterThan(4096);
    expect(bytes.includes(0), `NUL byte in ${path}`).toBe(false);
    expect(new TextDecoder("utf-8", { fatal: true }).decode(bytes), path).toContain("Tiêu Biểu");
  }
});
