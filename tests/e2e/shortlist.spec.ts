// The nomination short list (danh sách trích ngang) through the real browser (issue #15, decision
// 044): the North regional organiser uploads a province's list with a wrong certificate number,
// reads the row error, uploads the corrected list, checks the preview and confirms it.
import { expect, test } from "@playwright/test";
import { login } from "./utils";

const DEMO_PASSWORD = "TieuBieu@2026";
const ROUND = "Bình chọn sản phẩm CNNT tiêu biểu khu vực phía Bắc năm 2026";
const HEADER = "STT,Mã số,Tên sản phẩm,Nhóm,Cơ sở,Địa chỉ,Số GCN,Ngày cấp,QĐ công nhận";
// A still-valid certificate of the former Bắc Ninh's 2024 round (prisma/demo-register.ts).
const GOOD = '1,,"Cuốc, xẻng rèn Đa Hội",,,,GCN-BN-2024-0002,,';
const WRONG = "2,,Mỳ gạo Chũ,,,,GCN-BN-2099-0001,,";

const csv = (...lines: string[]) => ({
  name: "trich-ngang.csv",
  mimeType: "text/csv",
  buffer: Buffer.from(`\uFEFF${[HEADER, ...lines].join("\r\n")}\r\n`),
});

test("the regional organiser imports a short list: a row error, then the corrected list, previewed and confirmed", async ({
  page,
}) => {
  await login(page, "organiser.mienbac@tieubieu.test", DEMO_PASSWORD);
  await page.goto("/admin/rounds");
  await page.getByRole("link", { name: ROUND, exact: true }).click();
  await page.getByRole("link", { name: "Nhập danh sách trích ngang (Excel, CSV)" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nhập danh sách trích ngang");

  const file = page.getByLabel(/^Danh sách trích ngang/);
  await file.setInputFiles(csv(GOOD, WRONG));
  await page.getByRole("button", { name: "Kiểm tra và xem trước" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Danh sách chưa được nhập, không có hồ sơ nào được tạo. 1 lỗi");
  await expect(alert).toContainText(
    "Dòng 3, cột “Số GCN”: Không tìm thấy giấy chứng nhận số GCN-BN-2099-0001 trong sổ đăng ký.",
  );
  await expect(page.getByRole("button", { name: /^Xác nhận nhập/ })).toHaveCount(0);

  await page.getByLabel(/^Danh sách trích ngang/).setInputFiles(csv(GOOD));
  await page.getByRole("button", { name: "Kiểm tra và xem trước" }).click();
  await expect(
    page.getByRole("heading", { name: `Xem trước: 1 hồ sơ đề cử sẽ được tạo trong ${ROUND}` }),
  ).toBeVisible();
  const row = page.locator("tbody tr").filter({ hasText: "GCN-BN-2024-0002" });
  await expect(row).toContainText("Cuốc, xẻng rèn Đa Hội");
  await expect(row).toContainText("Tạo hồ sơ đề cử");
  await expect(page.getByRole("alert")).toHaveCount(0);

  await page.getByRole("button", { name: "Xác nhận nhập 1 hồ sơ" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `Đã nhập 1 hồ sơ đề cử từ danh sách trích ngang vào ${ROUND}.` }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Cuốc, xẻng rèn Đa Hội", exact: true })).toBeVisible();
});
