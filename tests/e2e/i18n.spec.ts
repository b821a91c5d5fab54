// Languages: Vietnamese first, English on request (the choice is kept in a cookie), and the
// error pages speak the visitor's language.
import { expect, test } from "@playwright/test";

const VI_TITLE = "Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu";
const EN_TITLE = "Outstanding rural industrial products";

test("home is in Vietnamese by default", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page.getByRole("heading", { level: 1, name: VI_TITLE })).toBeVisible();
  await expect(page.getByRole("button", { name: "VI", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("button", { name: "EN", exact: true })).toHaveAttribute("aria-pressed", "false");
});

test("the EN button switches to English and the choice persists across pages", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "EN", exact: true }).click();

  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: EN_TITLE })).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("button", { name: "EN", exact: true })).toHaveAttribute("aria-pressed", "true");

  // Client-side navigation …
  await page.getByRole("navigation").getByRole("link", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Log in" })).toBeVisible();
  // … and a full page load both stay in English.
  await page.goto("/signup");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Create a producer account" })).toBeVisible();

  // Back to Vietnamese, staying on the same page.
  await page.getByRole("button", { name: "VI", exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page).toHaveURL(/\/signup$/);
  await expect(page.getByRole("heading", { level: 1, name: "Đăng ký tài khoản cơ sở sản xuất" })).toBeVisible();
});

test("/en sets English and /vi sets Vietnamese again", async ({ page }) => {
  await page.goto("/en");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: EN_TITLE })).toBeVisible();

  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.goto("/vi");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page.getByRole("heading", { level: 1, name: VI_TITLE })).toBeVisible();
});

test("/en?to= lands on the given page, but never on another site", async ({ page, baseURL }) => {
  await page.goto("/en?to=/login");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.goto("/vi?to=//evil.example/");
  await expect(page).toHaveURL(`${baseURL}/`);
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
});

test("an unknown page says 'Không tìm thấy trang' with a 404", async ({ page }) => {
  const response = await page.goto(`/trang-khong-ton-tai-${Date.now()}`);
  expect(response?.status()).toBe(404);
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page.getByRole("heading", { level: 1, name: "Không tìm thấy trang" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Về trang chủ" })).toBeVisible();
});

test("the 404 page is in English for an English visitor", async ({ page }) => {
  await page.goto("/en");
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
});
