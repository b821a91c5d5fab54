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
