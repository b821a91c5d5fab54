// A large export through its progress page (docs/decisions/042-export-jobs.md). The e2e server
// treats more than 10 rows as large (playwright.config.ts), so the demo register's whole list (11
// certificates) is made by a background job: the download link leads to /exports/<id>, which
// follows the job — reloading itself with JavaScript off, asking the server again with it on —
// until it offers the file, whose rows are the register's.
import fs from "node:fs";
import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { firstRow } from "../../app/utils/arrays";
import { expectNoAxeViolations } from "./a11y";

/** Opens `list`, follows its download link `link` to the progress page and waits there for the file. */
async function followToDownload(page: Page, list: string, link: string, { axe }: { axe: boolean }) {
  await page.goto(list);
  // A long list's links lead to a progress page: they must not be `download` links.
  await expect(page.getByRole("link", { name: link, exact: true })).not.toHaveAttribute("download");
  await page.getByRole("link", { name: link, exact: true }).click();
  await expect(page).toHaveURL(/\/exports\/[A-Za-z0-9_-]{22}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Chuẩn bị tệp tải về" })).toBeVisible();
  await expect(page.getByText("11 dòng", { exact: false }).first()).toBeVisible();
  // No click: the page updates itself until the file is ready.
  await expect(page.getByRole("status")).toHaveText("Tệp đã sẵn sàng.", { timeout: 120_000 });
  // axe runs as a script in the page: only where the page runs scripts.
  if (axe) await expectNoAxeViolations(page);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: /^Tải về / }).click(),
  ]);
  return download;
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the whole register as CSV is prepared in the background and downloaded from its progress page", async ({
    page,
  }) => {
    const download = await followToDownload(page, "/products", "CSV", { axe: false });
    expect(download.suggestedFilename()).toMatch(/^danh-sach-san-pham-cnnt-tieu-bieu-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = fs
      .readFileSync((await download.path())!, "utf8")
      .trim()
      .split(/\r\n/);
    expect(lines).toHaveLength(1 + 11);
    expect(lines[0]).toContain("Số giấy chứng nhận");
  });
});

test("with JavaScript, the progress page polls and offers the Excel file", async ({ page }) => {
  const download = await followToDownload(page, "/products?sort=name", "Excel (.xlsx)", { axe: true });
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await download.path())!);
  const sheet = firstRow(workbook.worksheets, "worksheets");
  expect(sheet.getRow(1).getCell(1).value).toBe("Số giấy chứng nhận");
  expect(sheet.actualRowCount).toBe(1 + 11);
});
