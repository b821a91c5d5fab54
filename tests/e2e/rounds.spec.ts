// Rounds through the real browser: the Bắc Ninh organiser creates a provincial round and opens
// it; the demo producer (whose cooperative is in Bắc Ninh) then finds it on /rounds, on a
// phone-sized screen, with the deadline in Vietnam time. The form also works without JavaScript
// and keeps what was typed when it is refused.
import { expect, test, type Page } from "@playwright/test";
import { field, login } from "./utils";

const DEMO_PASSWORD = "TieuBieu@2026";
const DAY = 24 * 60 * 60 * 1000;

/** "yyyy-mm-ddTHH:mm" in Vietnam time, as a datetime-local input takes it. */
function vnInput(date: Date) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Asia/Ho_Chi_Minh",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return {
    input: `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`,
    shown: `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`,
  };
}

async function fillRound(page: Page, name: string, open: string, close: string) {
  await field(page, "Tên đợt bình chọn").fill(name);
  await page.getByLabel("Bắt đầu nhận hồ sơ").fill(open);
  await page.getByLabel("Hạn nộp hồ sơ").fill(close);
}

test("the Bắc Ninh organiser creates and opens a round; the demo producer sees it on /rounds", async ({
  page,
  browser,
}) => {
  const name = `Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2026 — đợt ${Date.now().toString(36)}`;
  const open = vnInput(new Date(Date.now() - DAY));
  // Noon in Vietnam, 15 days ahead: "còn 15 ngày" whatever the hour the test runs.
  const close = vnInput(new Date(Date.now() + 15 * DAY));
  close.input = `${close.input.slice(0, 10)}T12:00`;
  close.shown = `${close.shown.slice(0, 10)} 12:00`;

  await login(page, "organiser.bacninh@tieubieu.test", DEMO_PASSWORD);
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Mục quản trị" }).getByRole("link", { name: "Đợt bình chọn" }).click();
  await expect(page).toHaveURL(/\/admin\/rounds$/);
  await page.getByRole("link", { name: "Tạo đợt bình chọn" }).click();
  await expect(page).toHaveURL(/\/admin\/rounds\/new$/);

  // A province organiser can only choose their own province.
  await expect(page.getByRole("combobox", { name: "Cấp và phạm vi" }).locator("option")).toHaveText(["Bắc Ninh"]);
  await fillRound(page, name, open.input, close.input);
  await page.getByRole("checkbox", { name: /C — Thiết bị/ }).uncheck();
  await page.getByRole("checkbox", { name: /an toàn thực phẩm/ }).check();
  await page.getByRole("button", { name: "Tạo đợt (lưu nháp)" }).click();

  await expect(page).toHaveURL(/\/admin\/rounds\/[a-z0-9]+$/);
  await expect(page.getByRole("status")).toContainText("Đã tạo đợt bình chọn ở trạng thái nháp");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByText("Nháp", { exact: true })).toBeVisible();

  // Opening asks for confirmation first.
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Mở nhận hồ sơ" }).click();
  await page.getByRole("button", { name: "Xác nhận" }).click();
  await expect(page.getByRole("status")).toContainText("Đã mở nhận hồ sơ");
  await expect(page.getByText("Đang nhận hồ sơ", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Đóng nhận hồ sơ, chuyển sang thẩm định" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Hồ sơ dự thi \(0\)/ })).toBeVisible();

  // The producer, on a 360 px phone screen.
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
  });
  const phone = await context.newPage();
  await login(phone, "producer@tieubieu.test", DEMO_PASSWORD);
  await phone.goto("/rounds");
  const card = phone.getByRole("article", { name: name });
  await expect(card).toBeVisible();
  await expect(card).toContainText(`${close.shown} (Giờ Việt Nam) — còn 15 ngày`);
  await expect(card).toContainText("Chế biến nông, lâm, thủy sản và thực phẩm");
  await expect(card).not.toContainText("Thiết bị, máy móc");
  await expect(card).toContainText("Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm");
  await expect(card.getByRole("link", { name: "Đăng ký sản phẩm dự thi" })).toHaveAttribute(
    "href",
    /^\/producer\/entries\/new\?round=[a-z0-9]+$/,
  );
  const overflow = await phone.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await context.close();
});

test("without JavaScript a refused form keeps what was typed, then creates the round", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await login(page, "organiser.bacninh@tieubieu.test", DEMO_PASSWORD);
  await page.goto("/admin/rounds/new");
  const name = `Đợt thử không JavaScript ${Date.now().toString(36)}`;
  const open = vnInput(new Date(Date.now() + 5 * DAY)).input;
  const early = vnInput(new Date(Date.now() + 2 * DAY)).input;
  await fillRound(page, name, open, early);
  await field(page, "Ghi chú, hướng dẫn cho cơ sở").fill("Nộp bản giấy tại Trung tâm Khuyến công.");
  await page.getByRole("button", { name: "Tạo đợt (lưu nháp)" }).click();

  await expect(page.getByText("Hạn nộp hồ sơ phải sau thời điểm bắt đầu nhận hồ sơ.")).toBeVisible();
  await expect(field(page, "Tên đợt bình chọn")).toHaveValue(name);
  await expect(page.getByLabel("Bắt đầu nhận hồ sơ")).toHaveValue(open);
  await expect(page.getByLabel("Hạn nộp hồ sơ")).toHaveValue(early);
  await expect(field(page, "Ghi chú, hướng dẫn cho cơ sở")).toHaveValue("Nộp bản giấy tại Trung tâm Khuyến công.");

  await page.getByLabel("Hạn nộp hồ sơ").fill(vnInput(new Date(Date.now() + 30 * DAY)).input);
  await page.getByRole("button", { name: "Tạo đợt (lưu nháp)" }).click();
  await expect(page).toHaveURL(/\/admin\/rounds\/[a-z0-9]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await context.close();
});
