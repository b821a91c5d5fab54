// Monitoring after recognition in a real browser (issue #14, decision 040), on the demo data:
// a shopper reports a problem from /verify/<code> with JavaScript off (bad input refused with
// what was typed kept, a photo that is not a picture refused, a real one accepted, too many
// reports from one address refused); the Bắc Ninh organiser sees the overdue confirmation and
// answers a report, while the northern region's organiser sees neither; the producer confirms an
// overdue certificate, reporting a change.
import path from "node:path";
import Database from "better-sqlite3";
import sharp from "sharp";
import { expect, test, type Page } from "@playwright/test";
import { e2eDataDir, login } from "./utils";

const DEMO_PASSWORD = "TieuBieu@2026";

/** A demo certificate (provincial, 2024) of a product, read from the e2e server's database. */
function certificate(productName: string): { id: string; code: string; serial: string; productId: string } {
  const db = new Database(path.join(e2eDataDir(), "tieubieu.db"), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare<[string], { id: string; code: string; serial: string; productId: string }>(
        `SELECT "id", "code", "serial", "productId" FROM "Certificate" WHERE "productName" = ? AND "level" = 'PROVINCE' AND "year" = 2024`,
      )
      .get(productName)!;
  } finally {
    db.close();
  }
}

async function openReportForm(page: Page, code: string) {
  await page.goto(`/verify/${code}`);
  await page.getByText("Phản ánh về sản phẩm này").click();
}

test.describe("a shopper's report, JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("bad input is refused with what was typed kept; a real report is sent; too many are refused", async ({
    page,
  }, testInfo) => {
    const cert = certificate("Tranh dân gian Đông Hồ");
    await openReportForm(page, cert.code);
    const form = page.locator("form[action$='/report']");
    await form.getByLabel("Vấn đề", { exact: true }).selectOption("MISMATCH");
    await form.getByLabel("Mô tả vấn đề", { exact: true }).fill("   ");
    await form.getByLabel("Nơi bạn thấy hoặc mua sản phẩm", { exact: true }).fill("Chợ Hồ, Thuận Thành");
    await form.getByRole("button", { name: "Gửi phản ánh" }).click();
    await expect(page).toHaveURL(new RegExp(`/verify/${cert.code}/report$`));
    await expect(page.getByText("Mô tả vấn đề (ít nhất 10 ký tự).")).toBeVisible();
    await expect(page.getByLabel("Nơi bạn thấy hoặc mua sản phẩm", { exact: true })).toHaveValue("Chợ Hồ, Thuận Thành");
    await expect(page.getByLabel("Vấn đề", { exact: true })).toHaveValue("MISMATCH");

    // A file that is not a picture, named like one.
    const fake = testInfo.outputPath("anh.jpg");
    await (await import("node:fs/promises")).writeFile(fake, "<html><script>alert(1)</script></html>".repeat(40));
    await page
      .getByLabel("Mô tả vấn đề", { exact: true })
      .fill("Tranh bán ở chợ in trên giấy công nghiệp, không phải giấy dó.");
    await page.getByLabel("Ảnh (không bắt buộc)", { exact: true }).setInputFiles(fake);
    await page.getByRole("button", { name: "Gửi phản ánh" }).click();
    await expect(page.locator("#report-photo-error")).toBeVisible();
    await expect(page.getByLabel("Mô tả vấn đề", { exact: true })).toHaveValue(
      "Tranh bán ở chợ in trên giấy công nghiệp, không phải giấy dó.",
    );

    const photo = testInfo.outputPath("tranh.png");
    await sharp({ create: { width: 64, height: 48, channels: 3, background: "#a52" } })
      .png()
      .toFile(photo);
    await page.getByLabel("Ảnh (không bắt buộc)", { exact: true }).setInputFiles(photo);
    await page.getByRole("button", { name: "Gửi phản ánh" }).click();
    await expect(page.getByRole("heading", { name: "Đã gửi phản ánh" })).toBeVisible();

    // The limit is 5 an hour per address; refused forms did not count, the sent report did.
    for (let i = 0; i < 4; i++) {
      await openReportForm(page, cert.code);
      await page.getByLabel("Vấn đề", { exact: true }).selectOption("OTHER");
      await page.getByLabel("Mô tả vấn đề", { exact: true }).fill(`Phản ánh lần ${i + 3} về cùng sản phẩm.`);
      await page.getByLabel("Nơi bạn thấy hoặc mua sản phẩm", { exact: true }).fill("Chợ Hồ");
      await page.getByRole("button", { name: "Gửi phản ánh" }).click();
      await expect(page.getByRole("heading", { name: "Đã gửi phản ánh" })).toBeVisible();
    }
    await openReportForm(page, cert.code);
    await page.getByLabel("Vấn đề", { exact: true }).selectOption("OTHER");
    await page.getByLabel("Mô tả vấn đề", { exact: true }).fill("Một phản ánh quá nhiều từ cùng địa chỉ.");
    await page.getByLabel("Nơi bạn thấy hoặc mua sản phẩm", { exact: true }).fill("Chợ Hồ");
    await page.getByRole("button", { name: "Gửi phản ánh" }).click();
    await expect(page.getByRole("alert")).toContainText(/quá nhiều|thử lại/i);
    await expect(page.getByLabel("Mô tả vấn đề", { exact: true })).toHaveValue(
      "Một phản ánh quá nhiều từ cùng địa chỉ.",
    );

    // The public page never shows what was reported.
    await page.goto(`/products/${cert.productId}`);
    await expect(page.getByText("Giám sát sau công nhận")).toBeVisible();
    await expect(page.locator("main")).not.toContainText("giấy công nghiệp");
  });
});

test("the Bắc Ninh organiser sees the overdue confirmation and answers a report; the region's organiser sees neither", async ({
  page,
}) => {
  const chu = certificate("Mỳ gạo Chũ");
  await login(page, "organiser.bacninh@tieubieu.test", DEMO_PASSWORD);
  await page.goto("/admin/monitoring");
  await expect(page.getByRole("heading", { name: "Giám sát sau công nhận", level: 1 })).toBeVisible();
  const overdue = page.getByRole("region", { name: "Xác nhận hằng năm quá hạn" });
  await expect(overdue.getByRole("link", { name: chu.serial })).toBeVisible();

  const item = page.locator("li.card").filter({ hasText: "Mỳ có mùi lạ" });
  await item.getByLabel("Trả lời", { exact: true }).fill("Đã xem");
  await item.getByRole("button", { name: "Gửi trả lời" }).click();
  await expect(item.getByText("Nhập nội dung trả lời (ít nhất 10 ký tự).")).toBeVisible();
  await item
    .getByLabel("Trả lời", { exact: true })
    .fill("Cơ quan tổ chức sẽ kiểm tra cơ sở trong tháng này và trả lời kết quả.");
  await item.getByRole("button", { name: "Gửi trả lời" }).click();
  await expect(page.getByRole("status")).toContainText(`Đã trả lời phản ánh về giấy chứng nhận ${chu.serial}`);

  await page.getByRole("link", { name: chu.serial }).first().click();
  await expect(page.getByRole("heading", { name: `Giám sát giấy chứng nhận ${chu.serial}` })).toBeVisible();
  await expect(page.getByText("Quá hạn xác nhận")).toBeVisible();

  await page.context().clearCookies();
  await login(page, "organiser.mienbac@tieubieu.test", DEMO_PASSWORD);
  await page.goto("/admin/monitoring");
  await expect(page.getByRole("heading", { name: "Xác nhận hằng năm quá hạn" })).toBeVisible();
  await expect(page.getByRole("link", { name: chu.serial })).toHaveCount(0); // the region's own 2024 certificates may be listed, not the province's
  await expect(page.locator("main")).not.toContainText("Mỳ có mùi lạ");
  const denied = await page.goto(`/admin/monitoring/certificates/${chu.id}`);
  expect(denied?.status()).toBe(403);
});

test("the producer confirms an overdue certificate, reporting a change", async ({ page }) => {
  const chu = certificate("Mỳ gạo Chũ");
  await login(page, "producer@tieubieu.test", DEMO_PASSWORD);
  await page.goto("/producer/certificates");
  await page.getByRole("link", { name: "Xác nhận hằng năm" }).click();
  const card = page.locator("li.card").filter({ hasText: chu.serial });
  await expect(card.getByText("Quá hạn xác nhận")).toBeVisible();
  await card.getByLabel("Có thay đổi (ghi rõ bên dưới)", { exact: true }).check();
  await card.getByLabel("Mô tả thay đổi", { exact: true }).fill("Đổi sang túi giấy có cửa sổ từ tháng 10/2026.");
  await card.getByRole("button", { name: "Gửi xác nhận" }).click();
  await expect(card.getByText("Chọn ít nhất một điều đã thay đổi.")).toBeVisible();
  await expect(card.getByLabel("Mô tả thay đổi", { exact: true })).toHaveValue(
    "Đổi sang túi giấy có cửa sổ từ tháng 10/2026.",
  );
  await card.getByLabel("Bao bì, nhãn", { exact: true }).check();
  await card.getByRole("button", { name: "Gửi xác nhận" }).click();
  await expect(page.getByRole("status")).toContainText(
    `Đã ghi nhận xác nhận và các thay đổi của giấy chứng nhận ${chu.serial}`,
  );
  await expect(page.locator("li.card").filter({ hasText: chu.serial }).getByText("Đã xác nhận năm nay")).toBeVisible();

  await page.goto(`/products/${chu.productId}`);
  await expect(page.getByText("Cơ sở xác nhận gần nhất")).toBeVisible();
});
