// The public register of certified products, as a visitor with no account sees it, with
// JavaScript off (the filters are a GET form, every combination a shareable URL): a search without
// diacritics finds Chũ rice noodles; filters combine; the Excel download holds the same rows in
// the same order; revalidating a page answers 304 without a new Content-Security-Policy (the
// browser keeps the page and the nonces it was served with).
import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { firstRow } from "../../app/utils/arrays";

test.use({ javaScriptEnabled: false });

const cardTitles = (page: import("@playwright/test").Page) => page.locator(".register-list h2").allTextContents();

test("a visitor searches without diacritics, combines filters and downloads the same list as Excel", async ({
  page,
}) => {
  await page.goto("/products");
  await page.getByRole("searchbox", { name: "Tìm sản phẩm, cơ sở, địa phương" }).fill("my gao chu");
  await page.getByRole("button", { name: "Tìm", exact: true }).click();
  await expect(page).toHaveURL(/[?&]q=my\+gao\+chu/);
  const found = await cardTitles(page);
  expect(found.length).toBeGreaterThanOrEqual(3); // provincial 2024, regional 2024, national 2025
  for (const title of found) expect(title).toContain("Mỳ gạo Chũ");

  // Combine: Bắc Ninh (which includes the former Bắc Giang), valid only, group B.
  await page.goto("/products");
  await page.getByText("Bộ lọc và sắp xếp").click(); // the filters are behind one button (a <details>)
  await page.getByRole("combobox", { name: "Tỉnh, thành phố" }).selectOption("BN");
  await page.getByRole("combobox", { name: "Tình trạng" }).selectOption("valid");
  await page.getByRole("combobox", { name: "Nhóm sản phẩm" }).selectOption("B");
  await page.getByRole("button", { name: "Tìm", exact: true }).click();
  await expect(page).toHaveURL(/province=BN/);
  await expect(page).toHaveURL(/status=valid/);
  await expect(page).toHaveURL(/group=B/);
  const combined = await cardTitles(page);
  expect(combined.length).toBeGreaterThan(0);
  await expect(page.locator(".register-list")).not.toContainText("Đã thu hồi");
  await expect(page.locator(".register-list")).not.toContainText("Hết hiệu lực");
  await expect(page.locator(".register-list")).not.toContainText("Tranh dân gian Đông Hồ"); // group A

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Excel (.xlsx)" }).click(),
  ]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await download.path())!);
  const sheet = firstRow(workbook.worksheets, "worksheets");
  const header = (sheet.getRow(1).values as unknown[]).map(String);
  const productColumn = header.findIndex((h) => /Sản phẩm|Tên sản phẩm/.test(h));
  expect(productColumn).toBeGreaterThan(0);
  const names: string[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) names.push(String(row.getCell(productColumn).value));
  });
  expect(names).toEqual(combined.map((s) => s.trim()));
});

test("a page revalidates with 304 and no new Content-Security-Policy", async ({ request }) => {
  const first = await request.get("/products?q=dong+ho", { headers: { Accept: "text/html" } });
  expect(first.status()).toBe(200);
  expect(first.headers()["content-security-policy"]).toContain("nonce-");
  const etag = first.headers()["etag"];
  expect(etag).toBeTruthy();
  const again = await request.get("/products?q=dong+ho", { headers: { Accept: "text/html", "If-None-Match": etag! } });
  expect(again.status()).toBe(304);
  expect(again.headers()["content-security-policy"]).toBeUndefined();
});
