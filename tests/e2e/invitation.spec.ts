// Inviting organisers through the real browser: an administrator invites a regional organiser
// and a province organiser invites a colleague of the same province; each invitee opens the
// emailed link, creates the account and lands in the admin area with the scoped role.
import { expect, test, type Browser } from "@playwright/test";
import { field, login, readOutbox } from "./utils";

const DEMO_PASSWORD = "TieuBieu@2026";
const NEW_PASSWORD = "Khuyen-cong-2026";

const uniqueEmail = (tag: string) =>
  `${tag}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.vn`;

async function acceptAsNewUser(browser: Browser, email: string, name: string) {
  const mail = await readOutbox(email);
  expect(mail.subject).toContain("Tiêu Biểu");
  const link = mail.text.match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/)?.[0];
  expect(link, "the invitation mail carries a link").toBeTruthy();
  // A fresh browser context: the invitee is nobody's session.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(new URL(link!).pathname);
  await field(page, "Họ và tên").fill(name);
  await field(page, "Mật khẩu").fill(NEW_PASSWORD);
  await field(page, "Nhập lại mật khẩu").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Tạo tài khoản và nhận lời mời" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("status")).toContainText("Đã nhận lời mời");
  return { page, context, path: new URL(link!).pathname };
}

test("an administrator invites a regional organiser, who accepts and gets the North scope", async ({
  page,
  browser,
}) => {
  const email = uniqueEmail("mienbac");
  await login(page, "admin@tieubieu.test", DEMO_PASSWORD);
  await page.goto("/admin/invitations");
  await field(page, "Email").fill(email);
  await page.getByRole("combobox", { name: "Cấp" }).selectOption({ label: "Cấp khu vực" });
  await page.getByRole("combobox", { name: "Khu vực" }).selectOption({ label: "Phía Bắc" });
  await page.getByRole("button", { name: "Gửi thư mời" }).click();
  await expect(page.getByRole("status")).toContainText(`Đã gửi thư mời tới ${email}`);
  await expect(page.getByRole("table")).toContainText(email);

  const { page: invitee, context, path } = await acceptAsNewUser(browser, email, "Phạm Quốc Huy");
  await invitee.goto("/account");
  await expect(invitee.getByText("Cơ quan tổ chức")).toBeVisible();
  await expect(invitee.getByText("Khu vực Phía Bắc")).toBeVisible();
  // The link worked once.
  const again = await invitee.goto(path);
  expect(again?.status()).toBe(410);
  await context.close();
});

test("a province organiser invites a colleague of Bắc Ninh only", async ({ page, browser }) => {
  const email = uniqueEmail("bacninh");
  await login(page, "organiser.bacninh@tieubieu.test", DEMO_PASSWORD);
  await page.goto("/admin/invitations");
  // A province organiser can only choose the provincial level and their own province.
  await expect(page.getByRole("combobox", { name: "Cấp" }).locator("option")).toHaveText(["Cấp tỉnh"]);
  await expect(page.getByRole("combobox", { name: "Tỉnh/thành phố" }).locator("option")).toHaveText(["Bắc Ninh"]);
  await field(page, "Email").fill(email);
  await page.getByRole("button", { name: "Gửi thư mời" }).click();
  await expect(page.getByRole("status")).toContainText(`Đã gửi thư mời tới ${email}`);

  const { page: invitee, context } = await acceptAsNewUser(browser, email, "Đỗ Thị Lan");
  await invitee.goto("/account");
  await expect(invitee.getByText("Tỉnh/thành phố Bắc Ninh")).toBeVisible();
  // Organisers of a province see no outbox (administrators only).
  const outbox = await invitee.goto("/admin/outbox");
  expect(outbox?.status()).toBe(403);
  await context.close();
});
