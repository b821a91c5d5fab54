// Accounts through a real browser and the real server: sign-up, email verification from the
// outbox, log-in, log-out, the admin area's permission check, and sign-up errors with and
// without JavaScript (producers are on cheap phones: the main flow runs on a 360×740 screen).
import { expect, test, type Page } from "@playwright/test";
import { field, login, readOutbox } from "./utils";

const DEMO_PASSWORD = "TieuBieu@2026";
const PASSWORD = "Lua-nep-cai-2026";

function uniqueEmail(tag: string) {
  return `${tag}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.vn`;
}

async function fillSignup(page: Page, v: { name: string; email: string; password: string; confirm?: string }) {
  await field(page, "Họ và tên").fill(v.name);
  await field(page, "Email").fill(v.email);
  await field(page, "Mật khẩu").fill(v.password);
  await field(page, "Nhập lại mật khẩu").fill(v.confirm ?? v.password);
}

test.describe("a new producer on a phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("signs up, confirms the email from the outbox, logs in, sees the account and logs out", async ({ page }) => {
    const name = "Hoàng Thị Mai";
    const email = uniqueEmail("mai");

    await page.goto("/signup");
    await fillSignup(page, { name, email, password: PASSWORD });
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();

    await expect(page).toHaveURL(/\/signup\/sent\?/);
    // Soft, so that one wrong page does not hide whether the rest of the journey works.
    await expect(page.getByRole("heading", { level: 1, name: "Hãy kiểm tra hộp thư" })).toBeVisible();
    await expect(page.getByRole("status")).toContainText(email);

    const mail = await readOutbox(email);
    expect(mail.subject).toBe("[Tiêu Biểu] Xác nhận địa chỉ email");
    expect(mail.text).toContain(name);
    const link = /https?:\/\/\S+\/verify-email\/[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
    expect(link, `verification link in:\n${mail.text}`).toBeTruthy();

    // Log-in is refused before the address is confirmed.
    await page.goto("/login");
    await field(page, "Email").fill(email);
    await field(page, "Mật khẩu").fill(PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page.getByRole("alert")).toContainText("Tài khoản chưa được xác nhận email");
    await expect(page).toHaveURL(/\/login$/);

    await page.goto(new URL(link!).pathname);
    await expect(page.getByRole("heading", { level: 1, name: "Xác nhận địa chỉ email" })).toBeVisible();
    await expect(page.getByText(email)).toBeVisible();
    await page.getByRole("button", { name: "Xác nhận email" }).click();

    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("status")).toContainText("Đã xác nhận email");
    await field(page, "Email").fill(email);
    await field(page, "Mật khẩu").fill(PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();

    // A new producer lands on their first steps (issue #13), not on a dead end.
    await expect(page).toHaveURL(/\/producer$/);
    await expect(page.getByRole("status")).toContainText(`Xin chào ${name}!`);
    await expect(page.getByRole("navigation", { name: "Các bước đầu tiên" })).toBeVisible();
    await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Tài khoản" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("heading", { level: 1, name: "Tài khoản của tôi" })).toBeVisible();
    await expect(field(page, "Họ và tên")).toHaveValue(name);
    await expect(page.getByText(email, { exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Cơ sở sản xuất của tôi" })).toBeVisible();

    const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
    await nav.getByRole("button", { name: "Đăng xuất" }).click();

    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("status")).toContainText("Bạn đã đăng xuất.");
    await expect(nav.getByRole("link", { name: "Đăng nhập" })).toBeVisible();
    await expect(nav.getByRole("button", { name: "Đăng xuất" })).toHaveCount(0);
    await page.goto("/account");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/);

    // The used link does not work a second time.
    const again = await page.goto(new URL(link!).pathname);
    expect(again?.status()).toBe(410);
    await expect(page.getByText("Đường link này đã được sử dụng")).toBeVisible();
  });
});

test.describe("the admin area", () => {
  test("is forbidden (403) to the demo producer", async ({ page }) => {
    await login(page, "producer@tieubieu.test", DEMO_PASSWORD);
    const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
    await expect(nav.getByRole("link", { name: "Quản trị" })).toHaveCount(0);
    const response = await page.goto("/admin");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "Không có quyền truy cập" })).toBeVisible();
  });

  test("opens for the demo administrator", async ({ page }) => {
    await login(page, "admin@tieubieu.test", DEMO_PASSWORD);
    const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
    await expect(nav.getByRole("link", { name: "Quản trị" })).toBeVisible();
    const response = await page.goto("/admin");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: /Quản trị/ })).toBeVisible();
  });

  test("sends anonymous visitors to log in", async ({ page }) => {
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin$/);
  });
});

async function expectInvalidEmailKeepsName(page: Page) {
  const name = "Đinh Công Tráng";
  await page.goto("/signup");
  await fillSignup(page, { name, email: "khong-phai-email", password: PASSWORD });
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page.getByText("Địa chỉ email không hợp lệ, ví dụ đúng: ten@example.vn.")).toBeVisible();
  await expect(field(page, "Email")).toHaveAttribute("aria-invalid", "true");
  await expect(field(page, "Họ và tên")).toHaveValue(name);
  await expect(field(page, "Email")).toHaveValue("khong-phai-email");
  await expect(page).toHaveURL(/\/signup$/);
}

test("a sign-up with an invalid email shows the Vietnamese message and keeps the name", async ({ page }) => {
  await expectInvalidEmailKeepsName(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the server answers an invalid sign-up with 400, the message, the typed name and no passwords", async ({
    page,
  }) => {
    const answer = page.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/signup",
    );
    await expectInvalidEmailKeepsName(page);
    expect((await answer).status()).toBe(400);
    await expect(field(page, "Mật khẩu")).toHaveValue("");
    await expect(field(page, "Nhập lại mật khẩu")).toHaveValue("");
    expect(await page.content()).not.toContain(PASSWORD);
  });

  test("a valid sign-up works too", async ({ page }) => {
    const email = uniqueEmail("nojs");
    await page.goto("/signup");
    await fillSignup(page, { name: "Lý Văn Phúc", email, password: PASSWORD });
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    await expect(page).toHaveURL(/\/signup\/sent\?/);
    await expect(page.getByRole("heading", { level: 1, name: "Hãy kiểm tra hộp thư" })).toBeVisible();
    expect((await readOutbox(email)).subject).toBe("[Tiêu Biểu] Xác nhận địa chỉ email");
  });
});
