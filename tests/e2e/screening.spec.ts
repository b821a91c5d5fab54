// Screening (thẩm định hồ sơ) through the real browser, on the demo round of prisma/demo-round.ts:
// the Bắc Ninh organiser finds a submitted entry by a search without diacritics, returns it with
// a written reason (an empty one is refused); the producer reads the reason, adds the photo asked
// for and resubmits; the organiser accepts it and the entry code appears. Then who may not see
// it: the national organiser (another scope) gets 403 on the entry and its files, and
// another producer gets 403 on the files. Finally the list exports to Excel.
//
// It changes a demo entry ("Vải thiều Lục Ngạn sấy khô" ends ACCEPTED): the server's database is
// fresh for each run, but not for a retry within the same run.
import fs from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { makeDossierFiles, type DossierFiles } from "./fixtures/dossier-files";
import { login, readOutbox } from "./utils";

const DEMO_PASSWORD = "TieuBieu@2026";
/** The open provincial round of prisma/demo-round.ts and one of its SUBMITTED entries. */
const DEMO_ROUND = "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2026 — đợt bổ sung";
const PRODUCT = "Vải thiều Lục Ngạn sấy khô";
const PRODUCT_OWNER = "vaithieu@tieubieu.test";

let files: DossierFiles;
test.beforeAll(async () => {
  files = await makeDossierFiles();
});
test.afterAll(() => files?.remove());

const notice = (page: Page, text: string) => page.getByRole("status").filter({ hasText: text });
/** The entry's status badge under its title (the timeline below repeats the statuses). */
const statusBadge = (page: Page, text: string) => page.locator("span.badge").getByText(text, { exact: true });

/** A browser context of its own for each person, logged in through the form. */
async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, email, DEMO_PASSWORD);
  return { context, page };
}

/** /admin/rounds → the demo round → its entry list; returns the list's path. */
async function openDemoRoundEntries(page: Page) {
  await page.goto("/admin/rounds");
  await page.getByRole("link", { name: DEMO_ROUND, exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/rounds\/[a-z0-9]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(DEMO_ROUND);
  await page.getByRole("link", { name: /^Hồ sơ dự thi \(\d+\)$/ }).click();
  await expect(page).toHaveURL(/\/admin\/rounds\/[a-z0-9]+\/entries$/);
  await expect(page.getByRole("heading", { level: 1, name: "Thẩm định hồ sơ" })).toBeVisible();
  return new URL(page.url()).pathname;
}

test("an organiser returns an entry with a reason, the producer completes and resubmits it, the organiser accepts it; others are kept out", async ({
  page,
  browser,
}) => {
  await login(page, "organiser.bacninh@tieubieu.test", DEMO_PASSWORD);
  const listPath = await openDemoRoundEntries(page);

  // Search without diacritics.
  const search = page.getByRole("search", { name: "Lọc danh sách hồ sơ" });
  await search.getByRole("searchbox", { name: "Tìm theo tên sản phẩm, cơ sở, xã" }).fill("vai thieu luc ngan");
  await search.getByRole("button", { name: "Lọc" }).click();
  await expect(page).toHaveURL(/[?&]q=vai\+thieu\+luc\+ngan/);
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(2); // the header and the one entry found
  await expect(rows.nth(1)).toContainText("Hợp tác xã Vải thiều Lục Ngạn");
  await expect(rows.nth(1)).toContainText("Đã nộp, chờ thẩm định");
  await rows.nth(1).getByRole("link", { name: PRODUCT }).click();

  await expect(page).toHaveURL(/\/admin\/rounds\/[a-z0-9]+\/entries\/[a-z0-9]+$/);
  const entryPath = new URL(page.url()).pathname;
  const entryId = entryPath.split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(PRODUCT);
  await expect(statusBadge(page, "Đã nộp, chờ thẩm định")).toBeVisible();
  await expect(page.getByText("Phiên bản hồ sơ: 1")).toBeVisible();
  // A document of the dossier, to try its URL as other people later; the organiser may open it.
  const documentLink = page.getByRole("link", { name: "chung-nhan-attp.pdf" });
  const fileUrl = await documentLink.getAttribute("href");
  expect(fileUrl).toMatch(/^\/files\/[a-z0-9]+$/);
  const own = await page.request.get(fileUrl!);
  expect(own.status()).toBe(200);
  expect(own.headers()["content-type"]).toContain("application/pdf");

  // An empty reason is refused with a message; nothing changes.
  await page.waitForLoadState("networkidle");
  const reason = page.getByRole("textbox", { name: "Lý do (gửi cho cơ sở)" });
  await page.getByRole("button", { name: "Trả lại để bổ sung" }).click();
  await expect(page.getByRole("alert")).toContainText("Vui lòng ghi rõ lý do để cơ sở biết cần làm gì.");
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expect(statusBadge(page, "Đã nộp, chờ thẩm định")).toBeVisible();

  const why = "Thiếu ảnh chụp chi tiết bao bì có nhãn mác. Đề nghị chụp bổ sung rồi nộp lại.";
  await reason.fill(why);
  await page.getByRole("button", { name: "Trả lại để bổ sung" }).click();
  await expect(notice(page, "Đã trả lại hồ sơ để bổ sung.")).toBeVisible();
  await expect(statusBadge(page, "Trả lại để bổ sung")).toBeVisible();
  await expect(page.getByRole("region", { name: "Diễn biến hồ sơ" })).toContainText(why);
  const returnedMail = await readOutbox(PRODUCT_OWNER);
  expect(returnedMail.subject).toBe(`[Tiêu Biểu] Hồ sơ cần bổ sung: ${PRODUCT}`);
  expect(returnedMail.text).toContain(why);

  // The producer reads the reason on the entry's page and resubmits.
  const producer = await signedIn(browser, PRODUCT_OWNER);
  const mine = producer.page;
  await mine.goto(`/producer/entries/${entryId}`);
  await expect(mine.getByRole("heading", { level: 1 })).toHaveText(PRODUCT);
  await expect(statusBadge(mine, "Trả lại để bổ sung")).toBeVisible();
  await expect(mine.getByText(why)).toBeVisible();
  // Completes it: the close-up asked for, from the product's page.
  await mine.getByRole("link", { name: "Bổ sung ảnh, giấy tờ và thông tin sản phẩm" }).click();
  await expect(mine).toHaveURL(/\/producer\/products\/[a-z0-9]+$/);
  await mine.waitForLoadState("networkidle");
  const upload = mine.getByRole("form", { name: "Tải lên ảnh hoặc giấy tờ" });
  await upload.getByRole("combobox", { name: "Tệp này là" }).selectOption({ label: "Ảnh – chi tiết" });
  await upload.getByLabel("Chụp ảnh bằng điện thoại").setInputFiles(files.detail);
  await upload.getByRole("button", { name: "Tải lên" }).click();
  await expect(notice(mine, "Đã tải lên “chi-tiet-nhan.jpg”.")).toBeVisible();
  await expect(mine.getByRole("img", { name: "Chi tiết: chi-tiet-nhan.jpg" })).toBeVisible();
  await mine.goto(`/producer/entries/${entryId}`);
  await mine.waitForLoadState("networkidle");
  await mine.getByRole("button", { name: "Nộp lại hồ sơ đã bổ sung" }).click();
  await expect(notice(mine, "Đã nộp hồ sơ.")).toBeVisible();
  await expect(statusBadge(mine, "Đã nộp, chờ thẩm định")).toBeVisible();
  await expect(mine.getByRole("button", { name: "Nộp lại hồ sơ đã bổ sung" })).toHaveCount(0);

  // The organiser accepts the resubmitted version; the entry code appears.
  await page.reload();
  await expect(statusBadge(page, "Đã nộp, chờ thẩm định")).toBeVisible();
  await expect(page.getByText("Phiên bản hồ sơ: 2")).toBeVisible();
  await expect(page.getByRole("img", { name: `${PRODUCT} — Chi tiết` })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Chấp nhận và cấp mã số" }).click();
  await expect(page.getByText("Chấp nhận hồ sơ này và cấp mã số bình chọn?")).toBeVisible();
  await page.getByRole("button", { name: "Xác nhận" }).click();
  await expect(notice(page, "Đã chấp nhận hồ sơ. Mã số bình chọn: BN-2026-B-")).toBeVisible();
  await expect(statusBadge(page, "Hợp lệ")).toBeVisible();
  const codeShown = page.getByRole("strong").filter({ hasText: /^BN-2026-B-\d{3}$/ });
  await expect(codeShown).toBeVisible();
  const code = (await codeShown.textContent())!;
  await expect(notice(page, `Mã số bình chọn: ${code}.`)).toBeVisible();
  // The producer sees it too, and has it by mail.
  await mine.reload();
  await expect(statusBadge(mine, "Hợp lệ")).toBeVisible();
  await expect(mine.getByText(code, { exact: true })).toBeVisible();
  expect((await readOutbox(PRODUCT_OWNER)).subject).toBe(`[Tiêu Biểu] Hồ sơ hợp lệ, mã số ${code}: ${PRODUCT}`);
  await producer.context.close();

  // An organiser of another scope (the North region's) is refused the provincial entry…
  // Not the North organiser: this product went to the 2024 North round (prisma/demo-register.ts),
  // so its files are legitimately theirs to read. The national round never had it.
  const regional = await signedIn(browser, "organiser.quocgia@tieubieu.test");
  const screening = await regional.page.goto(entryPath);
  expect(screening?.status()).toBe(403);
  await expect(regional.page.getByText(PRODUCT)).toHaveCount(0);
  // …nor its files.
  const regionalFile = await regional.page.request.get(fileUrl!);
  expect(regionalFile.status()).toBe(403);
  expect(regionalFile.headers()["content-type"] ?? "").not.toContain("application/pdf");
  await regional.context.close();

  // Another producer is refused the file.
  const other = await signedIn(browser, "producer@tieubieu.test");
  const otherFile = await other.page.request.get(fileUrl!);
  expect(otherFile.status()).toBe(403);
  expect(otherFile.headers()["content-type"] ?? "").not.toContain("application/pdf");
  const otherPage = await other.page.goto(fileUrl!);
  expect(otherPage?.status()).toBe(403);
  await other.context.close();

  // The round's entry list as Excel.
  await page.goto(listPath);
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải Excel" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const saved = await download.path();
  const head = Buffer.alloc(2);
  const fd = fs.openSync(saved, "r");
  fs.readSync(fd, head, 0, 2, 0);
  fs.closeSync(fd);
  expect(head.toString("latin1")).toBe("PK");
});
