// Online judging through the real browser, on the demo judging round of prisma/demo-judging.ts
// (Bắc Ninh 2026, blind, seven judges; judge1 has two entries left; judge2 declared a conflict
// with the Lục Ngạn lychee cooperative). In order, because each step changes the shared server:
//   1. judge1 scores one entry with JavaScript off (save draft, reload, submit) and the other with
//      it on (live total, autosave, submit with confirmation); no producer name on their pages;
//   2. judge2 never sees the conflicted entry in any list, and its URL answers 403;
//   3. the organiser closes judging, reads the results, records the council's vote for every
//      passing entry and finalises;
//   4. (issue #5) the organiser records the recognition decision and issues the certificates; a
//      shopper opens /verify/<code> with the code printed under a certificate's QR code and reads
//      "valid"; a certificate the organiser revokes then reads "revoked";
//   5. the organiser nominates two products to the open North regional round, whose organiser
//      finds them in screening with their dossiers, files included, without any re-upload.
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { extractText, getDocumentProxy } from "unpdf";
import { firstRow } from "../../app/utils/arrays";
import { e2eDataDir, login } from "./utils";

const DEMO_PASSWORD = "TieuBieu@2026";
const ROUND = "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2026";
const CONFLICTED_PRODUCT = "Vải thiều Lục Ngạn tươi đóng hộp";
/** Names judge1's two remaining entries must never show in a blind round (producer, establishment). */
const HIDDEN_NAMES = [
  "Hộ kinh doanh Mỳ Thủ Dương",
  "Trần Văn Dương",
  "Hộ kinh doanh Mỳ Châu Sơn",
  "Lê Thị Sơn",
  "20A8012345",
];

function db() {
  return new Database(path.join(e2eDataDir(), "tieubieu.db"), { readonly: true, fileMustExist: true });
}
function roundId(): string {
  const d = db();
  try {
    return (d.prepare('SELECT "id" FROM "Round" WHERE "name" = ?').get(ROUND) as { id: string }).id;
  } finally {
    d.close();
  }
}
function entryIdOf(productName: string): string {
  const d = db();
  try {
    const row = d
      .prepare(
        'SELECT e."id" AS id FROM "Entry" e JOIN "Product" p ON p."id" = e."productId" JOIN "Round" r ON r."id" = e."roundId" WHERE p."name" = ? AND r."name" = ?',
      )
      .get(productName, ROUND) as { id: string };
    return row.id;
  } finally {
    d.close();
  }
}

async function signedIn(browser: Browser, email: string, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await login(page, email, DEMO_PASSWORD);
  return { context, page };
}

/** Fills every score of the open sheet with ~80 % of its maximum (steps of 0.5); returns the total. */
async function fillScores(page: Page): Promise<number> {
  const inputs = page.locator('form input[type="number"]');
  // the total comes after the last input: once it is there, the whole form is
  await page.waitForLoadState("load");
  await expect(page.locator("#sheet-total")).toBeVisible();
  const n = await inputs.count();
  expect(n).toBeGreaterThan(4);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const input = inputs.nth(i);
    const max = Number(await input.getAttribute("max"));
    const value = Math.floor(max * 0.8 * 2) / 2;
    await input.fill(String(value));
    total += value;
  }
  return total;
}

const points = (n: number) => n.toLocaleString("vi-VN", { maximumFractionDigits: 2 });

async function expectNoProducerNames(page: Page) {
  const html = await page.content();
  for (const name of HIDDEN_NAMES) expect(html, `"${name}" on ${page.url()}`).not.toContain(name);
}

test.describe.serial("online judging", () => {
  test("judge1 scores one entry without JavaScript and one with it, never seeing who made them", async ({
    browser,
  }) => {
    const id = roundId();

    // ── without JavaScript ──
    const noJs = await signedIn(browser, "judge1@tieubieu.test", false);
    let page = noJs.page;
    await expect(page).toHaveURL(/\/judge$/); // judges land on their judging page
    await expect(page.getByRole("heading", { level: 2, name: ROUND })).toBeVisible();
    await expect(
      page.getByText("Còn phải chấm: 2 · Bản nháp: 0 · Đã nộp: 3 (trên 5 hồ sơ được phân công)"),
    ).toBeVisible();
    await page.getByRole("link", { name: "Mở danh sách chấm" }).click();
    await expect(page).toHaveURL(new RegExp(`/judge/rounds/${id}`));
    const todo = page.getByRole("link", { name: /^Chấm điểm BN-2026-B-\d{3}$/ });
    await expect(todo).toHaveCount(2);
    await expectNoProducerNames(page);
    await todo.first().click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("BN-2026-B-");
    await expectNoProducerNames(page);
    const first = await fillScores(page);
    await page.getByRole("button", { name: "Lưu nháp" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Đã lưu nháp lúc" })).toBeVisible();
    // the numbers came back from the server, and so did the total
    await expect(page.locator('form input[type="number"]').first()).not.toHaveValue("");
    await expect(page.locator("#sheet-total")).toHaveText(`Tổng điểm: ${points(first)}/100`);
    await page.getByRole("button", { name: "Nộp phiếu" }).click(); // no JavaScript: no second click
    await expect(page.getByRole("status").filter({ hasText: `Đã nộp phiếu (${points(first)} điểm)` })).toBeVisible();
    await noJs.context.close();

    // ── with JavaScript ──
    const js = await signedIn(browser, "judge1@tieubieu.test");
    page = js.page;
    await page.goto(`/judge/rounds/${id}`);
    const left = page.getByRole("link", { name: /^Chấm điểm BN-2026-B-\d{3}$/ });
    await expect(left).toHaveCount(1);
    await left.click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("BN-2026-B-");
    await expectNoProducerNames(page);
    const second = await fillScores(page);
    // the total follows the inputs before anything is saved
    await expect(page.locator("#sheet-total")).toHaveText(`Tổng điểm: ${points(second)}/100`);
    await expect(page.getByText(/^Đã lưu lúc \d\d:\d\d/)).toBeVisible();
    await page.getByRole("button", { name: "Nộp phiếu" }).click();
    await expect(page.getByText("Sau khi nộp bạn không sửa được nữa.")).toBeVisible();
    await page.getByRole("button", { name: "Xác nhận" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Đã nộp phiếu (${points(second)} điểm)` })).toBeVisible();
    await expect(page.getByText(/Đã nộp 5\/5 phiếu/)).toBeVisible();
    await js.context.close();
  });

  test("judge2 never sees the entry they declared a conflict with, and its URL answers 403", async ({ browser }) => {
    const id = roundId();
    const { context, page } = await signedIn(browser, "judge2@tieubieu.test");
    for (const tab of ["todo", "draft", "submitted"]) {
      await page.goto(`/judge/rounds/${id}?tab=${tab}`);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      expect(await page.content()).not.toContain(CONFLICTED_PRODUCT);
    }
    await expect(page.getByRole("link", { name: /^Xem phiếu BN-2026-/ })).toHaveCount(4);
    const response = await page.goto(`/judge/rounds/${id}/entries/${entryIdOf(CONFLICTED_PRODUCT)}`);
    expect(response?.status()).toBe(403);
    expect(await page.content()).not.toContain(CONFLICTED_PRODUCT);
    // the printable sheet is refused too
    const pdf = await page.request.get(`/judge/rounds/${id}/entries/${entryIdOf(CONFLICTED_PRODUCT)}/sheet.pdf`);
    expect(pdf.status()).toBe(403);
    await context.close();
  });

  test("the organiser closes judging, reads the results, records the council's votes and finalises", async ({
    page,
  }) => {
    await login(page, "organiser.bacninh@tieubieu.test", DEMO_PASSWORD);
    await page.goto("/admin/rounds");
    await page.getByRole("link", { name: ROUND, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(ROUND);
    await page.getByRole("button", { name: "Chuyển sang tổng hợp kết quả" }).click();
    await page.getByRole("button", { name: "Xác nhận" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Đợt đã chuyển sang tổng hợp kết quả." })).toBeVisible();

    await page.getByRole("link", { name: "Tổng hợp kết quả", exact: true }).click();
    await expect(page).toHaveURL(/\/results/);
    // the best-scored demo entries are ranked and passed
    await expect(page.getByRole("cell", { name: "Tranh Đông Hồ Đám cưới chuột" }).first()).toBeVisible();
    await expect(page.getByRole("cell", { name: "Mỳ gạo Chũ truyền thống" }).first()).toBeVisible();

    // one vote per passing entry: fill the first unrecorded form until none is left
    for (let i = 0; i < 20; i++) {
      const form = page
        .locator("form")
        .filter({ has: page.getByRole("button", { name: "Ghi biểu quyết" }) })
        .first();
      if ((await form.count()) === 0) break;
      const code = (await form.locator("legend strong").first().textContent())!.trim();
      await form.getByLabel("Số phiếu tán thành").fill("4");
      await form.getByLabel("Số phiếu không tán thành").fill("1");
      await form.getByLabel("Số phiếu không ý kiến").fill("0");
      await form.getByLabel("Số thành viên có mặt").fill("5");
      await form.getByLabel("Tổng số thành viên Hội đồng").fill("5");
      await form.getByLabel("Chủ tịch Hội đồng có mặt").check();
      await form.getByLabel("Công nhận", { exact: true }).check();
      await form.getByRole("button", { name: "Ghi biểu quyết" }).click();
      await expect(
        page.getByRole("status").filter({ hasText: `Đã ghi biểu quyết cho sản phẩm ${code}.` }),
      ).toBeVisible();
    }
    await expect(page.getByRole("button", { name: "Ghi biểu quyết" })).toHaveCount(0);
    expect(await page.getByRole("button", { name: "Cập nhật biểu quyết" }).count()).toBeGreaterThanOrEqual(5);

    await page.getByRole("button", { name: "Chốt kết quả" }).click();
    await page.getByRole("button", { name: "Xác nhận" }).click();
    await expect(page.getByRole("status").filter({ hasText: /Đã chốt kết quả của \d+ sản phẩm\./ })).toBeVisible();
    await expect(page.getByText(/Kết quả đã được chốt lúc/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Cập nhật biểu quyết" })).toHaveCount(0);
  });

  test("the organiser records the decision and issues certificates; /verify says valid, then revoked once revoked", async ({
    page,
    browser,
  }) => {
    await login(page, "organiser.bacninh@tieubieu.test", DEMO_PASSWORD);
    await page.goto("/admin/rounds");
    await page.getByRole("link", { name: ROUND, exact: true }).click();
    await page.getByRole("link", { name: "Quyết định công nhận và giấy chứng nhận" }).click();
    await expect(page).toHaveURL(/\/recognition$/);
    await page.getByRole("textbox", { name: "Số quyết định" }).fill("88/QĐ-UBND");
    await page.getByRole("textbox", { name: "Chức vụ người ký" }).fill("Phó Chủ tịch");
    await page.getByRole("textbox", { name: "Họ và tên người ký" }).fill("Nguyễn Văn Minh");
    await page.getByRole("radio", { name: /Hệ thống tạo văn bản quyết định/ }).check();
    await page.getByRole("button", { name: "Ghi nhận quyết định" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Đã ghi nhận quyết định công nhận." })).toBeVisible();

    await page.getByRole("button", { name: "Cấp giấy chứng nhận" }).click();
    await page.getByRole("button", { name: "Xác nhận" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: /Đã cấp \d+ giấy chứng nhận \(từ GCN-BN-2026-0001/ }),
    ).toBeVisible();
    const recognitionUrl = page.url();

    // All certificates as one ZIP: a background job run by the server's worker (decision 019);
    // its page reloads itself, with no JavaScript needed, until the file is ready.
    await page.getByRole("radio", { name: "Tệp ZIP, mỗi giấy chứng nhận một tệp PDF" }).check();
    await page.getByRole("button", { name: "Tạo tệp", exact: true }).click();
    await expect(page).toHaveURL(/\/recognition\/bulk\?job=[A-Za-z0-9_-]{22}$/);
    await expect(page.getByText("Đã xong. Tệp được giữ trong một ngày.")).toBeVisible({ timeout: 180_000 });
    const zipLink = page.getByRole("link", { name: "Tải xuống giay-chung-nhan-GCN-BN-2026.zip" });
    const zip = await page.request.get((await zipLink.getAttribute("href"))!);
    expect(zip.headers()["content-type"]).toBe("application/zip");
    const zipBytes = await zip.body();
    expect(zipBytes.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(zipBytes.toString("latin1")).toContain("giay-chung-nhan-GCN-BN-2026-0001.pdf");
    await page.goto(recognitionUrl);

    // The certificate PDF: product name with its diacritics, serial, validity, and the code printed under the QR code.
    const pdfLink = page
      .locator("tbody tr")
      .filter({ hasText: "GCN-BN-2026-0001" })
      .getByRole("link", { name: "Tải PDF" });
    const pdfResponse = await page.request.get((await pdfLink.getAttribute("href"))!);
    expect(pdfResponse.headers()["content-type"]).toContain("application/pdf");
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(await pdfResponse.body())), {
      mergePages: true,
    });
    expect(text).toContain("GCN-BN-2026-0001");
    expect(text).toContain("31/12/2029");
    const code = /([0-9A-HJKMNP-TV-Z]{5})-([0-9A-HJKMNP-TV-Z]{5})/.exec(text);
    expect(code, "a verification code printed on the certificate").not.toBeNull();

    // A shopper, not logged in, on a phone.
    const shopper = await browser.newContext({ viewport: { width: 390, height: 800 } });
    const phone = await shopper.newPage();
    await phone.goto(`/verify/${code![1]}${code![2]}`);
    await expect(phone.getByText("GIẤY CHỨNG NHẬN HỢP LỆ")).toBeVisible();
    await expect(phone.getByText("GCN-BN-2026-0001")).toBeVisible();

    // Revoke the last certificate issued, with a reason; its page then says revoked.
    const rows = page.locator("tbody tr").filter({ hasText: /GCN-BN-2026-\d{4}/ });
    const last = rows.last();
    const serial = /GCN-BN-2026-\d{4}/.exec((await last.textContent())!)![0];
    const verifyHref = (await last.getByRole("link", { name: /^Trang xác thực/ }).getAttribute("href"))!;
    await last.getByText("Thu hồi…").click();
    await last
      .getByRole("textbox", { name: `Lý do thu hồi ${serial}` })
      .fill("Cơ sở đề nghị thu hồi do ngừng sản xuất sản phẩm.");
    await last.getByRole("button", { name: "Thu hồi giấy chứng nhận" }).click();
    await page.getByRole("button", { name: "Xác nhận" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Đã thu hồi giấy chứng nhận ${serial}.` })).toBeVisible();
    await phone.goto(verifyHref);
    await expect(phone.getByText(/ĐÃ BỊ THU HỒI ngày/)).toBeVisible();
    await expect(phone.getByText("Lý do: Cơ sở đề nghị thu hồi do ngừng sản xuất sản phẩm.")).toBeVisible();
    // JSON for apps, from the same address
    const json = await phone.request.get(verifyHref, { headers: { Accept: "application/json" } });
    expect(await json.json()).toMatchObject({ serial, status: "revoked", valid: false });
    await shopper.close();
  });

  test("the organiser nominates two products to the North regional round; its organiser screens them with their dossiers", async ({
    page,
    browser,
  }) => {
    await login(page, "organiser.bacninh@tieubieu.test", DEMO_PASSWORD);
    await page.goto("/admin/rounds");
    await page.getByRole("link", { name: ROUND, exact: true }).click();
    await page.getByRole("link", { name: "Đề cử lên cấp trên (liên thông)" }).click();
    await expect(page.getByRole("combobox", { name: "Đợt nhận đề cử" })).toHaveValue(/.+/);
    const boxes = page.getByRole("checkbox", { name: /^Chọn GCN-BN-2026-/ });
    const products: string[] = [];
    for (let i = 0; products.length < 2; i++) {
      const box = boxes.nth(i);
      if (await box.isDisabled()) continue;
      await box.check();
      // its label: the one wrapping it or naming it by id (input.labels holds either)
      const name = await box.evaluate(
        (el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? el.getAttribute("aria-label") ?? "",
      );
      products.push(/– (.+)$/.exec(name)![1]!);
    }
    await page.getByRole("button", { name: "Gửi danh sách đề cử" }).click();
    await page.getByRole("button", { name: "Xác nhận" }).click();
    await expect(
      page
        .getByRole("status")
        .filter({ hasText: /Đã đề cử 2 sản phẩm vào «Bình chọn sản phẩm CNNT tiêu biểu khu vực phía Bắc năm 2026»/ }),
    ).toBeVisible();

    const regional = await signedIn(browser, "organiser.mienbac@tieubieu.test");
    const r = regional.page;
    await r.goto("/admin/rounds");
    await r
      .getByRole("link", { name: "Bình chọn sản phẩm CNNT tiêu biểu khu vực phía Bắc năm 2026", exact: true })
      .click();
    await r.getByRole("link", { name: /^Hồ sơ dự thi \(\d+\)$/ }).click();
    for (const name of products) await expect(r.getByRole("link", { name, exact: true })).toBeVisible();
    const opened = firstRow(products, "nominated products");
    await r.getByRole("link", { name: opened, exact: true }).click();
    await expect(r.getByRole("heading", { level: 1 })).toHaveText(opened);
    await expect(r.getByText(/Liên thông từ: GCN-BN-2026-\d{4}/)).toBeVisible();
    // the dossier's photos are the ones uploaded for the provincial round, and they open
    const photo = r.locator('a[href^="/files/"]').first();
    const response = await r.request.get((await photo.getAttribute("href"))!);
    expect(response.status()).toBe(200);
    await regional.context.close();
  });
});
