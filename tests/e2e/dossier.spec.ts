// A new producer's whole dossier through the real browser, on a 360×740 phone screen: sign-up
// and email confirmation from the outbox, the establishment (Bắc Ninh), a group B product with
// three photos from different angles and PDF documents, an entry into the open demo round, the
// checklist of what is missing (submission refused with the list), then the submission with its
// receipt number, the same as in the confirmation mail. The submit path is run again with
// JavaScript disabled: every form of the journey is a plain HTML form.
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { makeDossierFiles, type DossierFiles } from "./fixtures/dossier-files";
import { field, login, readOutbox } from "./utils";

const PASSWORD = "Nuoc-mam-Cat-Hai-2026";
/** The open provincial round of prisma/demo-round.ts. */
const DEMO_ROUND = "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2026 — đợt bổ sung";

const FOOD_SAFETY = "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm";
const CHECK = {
  photos: "Ít nhất 3 ảnh màu, chụp từ 3 góc khác nhau",
  registration: "Bản sao giấy chứng nhận đăng ký kinh doanh",
  foodSafety: `${FOOD_SAFETY} (bắt buộc với nhóm B)`,
  form01: "Phiếu đăng ký (mẫu 01)",
  form02: "Bản thuyết minh sản phẩm (mẫu 02)",
};

/** A status message (a notice after a redirect, or a form's live region) with this text. */
const notice = (page: Page, text: string) => page.getByRole("status").filter({ hasText: text });

/** The entry's status badge under its title (the timeline below repeats the statuses). */
const statusBadge = (page: Page, text: string) => page.locator("span.badge").getByText(text, { exact: true });

const tag = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

let files: DossierFiles;
test.beforeAll(async () => {
  files = await makeDossierFiles();
});
test.afterAll(() => files?.remove());

test.use({ viewport: { width: 360, height: 740 } });

interface Producer {
  name: string;
  email: string;
  establishment: string;
  product: string;
}

function newProducer(): Producer {
  const t = tag();
  return {
    name: "Phạm Thị Hương",
    email: `huong.${t}@example.vn`,
    establishment: `Hộ kinh doanh Bánh gai Hương ${t}`,
    product: `Bánh gai Thanh Hương ${t}`,
  };
}

async function signUpConfirmAndLogIn(page: Page, p: Producer) {
  await page.goto("/signup");
  await field(page, "Họ và tên").fill(p.name);
  await field(page, "Email").fill(p.email);
  await field(page, "Mật khẩu").fill(PASSWORD);
  await field(page, "Nhập lại mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page).toHaveURL(/\/signup\/sent\?/);

  const mail = await readOutbox(p.email);
  const link = /https?:\/\/\S+\/verify-email\/[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
  expect(link, `verification link in:\n${mail.text}`).toBeTruthy();
  await page.goto(new URL(link!).pathname);
  await page.getByRole("button", { name: "Xác nhận email" }).click();
  await expect(notice(page, "Đã xác nhận email")).toBeVisible();

  await login(page, p.email, PASSWORD);
}

/** "Hồ sơ của tôi" → the establishment form; returns on the establishment's page. */
async function registerEstablishment(page: Page, p: Producer) {
  await page.goto("/producer");
  await page.getByRole("link", { name: "Khai báo cơ sở sản xuất" }).click();
  await expect(page).toHaveURL(/\/producer\/establishments\/new$/);
  await page.getByRole("combobox", { name: "Loại hình" }).selectOption({ label: "Hộ kinh doanh" });
  await field(page, "Tên cơ sở").fill(p.establishment);
  // A household-business certificate number: letters and digits, unique per legal form.
  await field(page, "Số đăng ký kinh doanh").fill(`27A${Date.now().toString().slice(-7)}`);
  await page.getByLabel("Ngày cấp").fill("2019-05-20");
  await field(page, "Nơi cấp").fill("Phòng Tài chính – Kế hoạch huyện Lục Nam");
  await field(page, "Người đại diện theo pháp luật").fill(p.name);
  // The current (post-2025) list of 34 provinces.
  await page.getByRole("combobox", { name: "Tỉnh/thành phố" }).selectOption({ label: "Bắc Ninh" });
  await field(page, "Xã/phường").fill("Xã Lục Nam");
  await field(page, "Địa chỉ").fill("Thôn Thanh Hương");
  await field(page, "Điện thoại").fill("0912 345 678");
  await page.getByRole("spinbutton", { name: "Số lao động" }).fill("6");
  await page.getByRole("button", { name: "Lưu cơ sở" }).click();

  await expect(page).toHaveURL(/\/producer\/establishments\/[a-z0-9]+$/);
  await expect(notice(page, `Đã lưu cơ sở “${p.establishment}”`)).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(p.establishment);
  await expect(page.getByText("Hộ kinh doanh · 27A")).toContainText("Bắc Ninh");
}

/** From the establishment's page: a single product of group B; returns on the product's page. */
async function addProduct(page: Page, p: Producer) {
  await page.getByRole("link", { name: "Thêm sản phẩm" }).click();
  await expect(page).toHaveURL(/\/producer\/products\/new\?establishment=[a-z0-9]+$/);
  await field(page, "Tên sản phẩm").fill(p.product);
  await page
    .getByRole("combobox", { name: "Nhóm sản phẩm" })
    .selectOption({ label: "B. Chế biến nông, lâm, thủy sản và thực phẩm" });
  await page.getByRole("radio", { name: "Một sản phẩm" }).check();
  await field(page, "Mô tả và công dụng").fill(
    "Bánh gai nhân đỗ xanh, dừa và mỡ, gói lá chuối khô; dùng làm quà biếu, ăn trong ngày lễ tết.",
  );
  await field(page, "Nguyên liệu và nguồn gốc").fill("Lá gai, gạo nếp cái hoa vàng, đỗ xanh của các hộ trong xã");
  await field(page, "Số giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm").fill("123/2025/ATTP-CNĐK");
  // What forms 01 and 02 ask: the platform generates both from these (decision 028).
  await field(page, "Quy trình, công nghệ sản xuất").fill("Ngâm gạo, giã bột với lá gai, gói nhân, hấp chín");
  await field(page, "Năng lực sản xuất hằng năm").fill("60.000 chiếc/năm");
  await field(page, "Thị trường").fill("Bắc Ninh, Hà Nội");
  await field(page, "Ngành nghề kinh doanh có sản phẩm này").fill("1071 – Sản xuất các loại bánh từ bột");
  await page.getByRole("spinbutton", { name: "Số lao động sản xuất sản phẩm" }).fill("6");
  await field(page, "Doanh thu từ sản phẩm (triệu đồng)").fill("1.250,5");
  await page.getByRole("spinbutton", { name: "Năm của doanh thu" }).fill("2025");
  await page.getByRole("button", { name: "Lưu sản phẩm" }).click();

  await expect(page).toHaveURL(/\/producer\/products\/[a-z0-9]+$/);
  await expect(notice(page, `Đã lưu sản phẩm “${p.product}”`)).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(p.product);
}

/**
 * One upload through the product page's form. With JavaScript the form is sent in the
 * background and its live region says it is done; without, the server redirects back with the
 * same message as a notice. Either way it is a status naming the file.
 */
async function upload(
  page: Page,
  javaScript: boolean,
  choice: string,
  file: string,
  input: "Chụp ảnh bằng điện thoại" | "Hoặc chọn tệp có sẵn",
) {
  const form = page.getByRole("form", { name: "Tải lên ảnh hoặc giấy tờ" });
  await form.getByRole("combobox", { name: "Tệp này là" }).selectOption({ label: choice });
  await form.getByLabel(input).setInputFiles(file);
  const sent = page.waitForRequest(
    (r) => r.method() === "POST" && /\/producer\/products\/[a-z0-9]+\/files$/.test(new URL(r.url()).pathname),
  );
  await form.getByRole("button", { name: "Tải lên" }).click();
  // With JavaScript the page's script sends it (asking for JSON), for the progress bar; without,
  // the browser posts the form itself.
  const accept = (await (await sent).allHeaders())["accept"] ?? "";
  if (javaScript) expect(accept).toContain("application/json");
  else expect(accept).not.toContain("application/json");
  await expect(notice(page, `Đã tải lên “${path.basename(file)}”.`)).toBeVisible();
}

/** Three photos (front, side, top) and the business registration copy; no food-safety PDF yet. */
async function uploadPhotosAndRegistration(page: Page, javaScript: boolean) {
  await upload(page, javaScript, "Ảnh – mặt trước", files.front, "Chụp ảnh bằng điện thoại");
  await upload(page, javaScript, "Ảnh – mặt bên", files.side, "Chụp ảnh bằng điện thoại");
  await upload(page, javaScript, "Ảnh – mặt trên", files.top, "Hoặc chọn tệp có sẵn");
  await upload(
    page,
    javaScript,
    "Bản sao giấy chứng nhận đăng ký kinh doanh",
    files.businessRegistration,
    "Hoặc chọn tệp có sẵn",
  );

  await expect(page.getByRole("img", { name: "Mặt trước: mat-truoc.jpg" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Mặt bên: mat-ben.png" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Mặt trên: mat-tren.jpg" })).toBeVisible();
  await expect(page.getByRole("link", { name: "giay-dang-ky-kinh-doanh.pdf" })).toBeVisible();
  // The product page's own checklist already says what is left: the food-safety certificate.
  const checklist = page.getByRole("region", { name: "Hồ sơ còn thiếu gì?" });
  await expect(checklist.getByRole("listitem").filter({ hasText: CHECK.foodSafety })).toContainText("Còn thiếu");
  await expect(checklist.getByRole("listitem").filter({ hasText: CHECK.photos })).toContainText("Đã có");
}

/** /rounds → the demo round's card → "Đăng ký sản phẩm dự thi" → the product → the new entry. */
async function enterDemoRound(page: Page, p: Producer) {
  await page.goto("/rounds");
  const card = page.getByRole("article", { name: DEMO_ROUND, exact: true });
  await expect(card).toContainText("Bắc Ninh");
  await card.getByRole("link", { name: "Đăng ký sản phẩm dự thi" }).click();
  await expect(page).toHaveURL(/\/producer\/entries\/new\?round=[a-z0-9]+$/);
  await expect(page.getByText(DEMO_ROUND)).toBeVisible();
  await expect(page.getByRole("radio", { name: new RegExp(p.product) })).toBeChecked();
  await page.getByRole("button", { name: "Tạo hồ sơ" }).click();
  await expect(page).toHaveURL(/\/producer\/entries\/[a-z0-9]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(p.product);
  await expect(statusBadge(page, "Đang soạn")).toBeVisible();
  return new URL(page.url()).pathname;
}

const checklistOf = (page: Page) => page.getByRole("region", { name: "Hồ sơ còn thiếu gì?" });
const item = (page: Page, text: string) => checklistOf(page).getByRole("listitem").filter({ hasText: text });

/** The entry's checklist shows the food-safety certificate missing and refuses the submission. */
async function expectRefusedForFoodSafety(page: Page, entryPath: string, javaScript: boolean) {
  await expect(item(page, CHECK.photos)).toContainText("đã có");
  await expect(item(page, CHECK.registration)).toContainText("đã có");
  // The round requires forms 01 and 02; the platform generates them from the product's details.
  await expect(item(page, CHECK.form01)).toContainText("hệ thống tạo từ thông tin bạn đã khai");
  await expect(item(page, CHECK.form02)).toContainText("đã có");
  await expect(
    page
      .getByRole("region", { name: "Phiếu đăng ký và bản thuyết minh" })
      .getByRole("link", { name: "Tạo từ thông tin đã khai (PDF)" }),
  ).toHaveCount(2);
  await expect(item(page, CHECK.foodSafety)).toContainText("còn thiếu");

  const answer = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes(entryPath));
  await page.getByRole("button", { name: "Nộp hồ sơ" }).click();
  // Without JavaScript the refusal is the page itself, answered with 400.
  if (!javaScript) expect((await answer).status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText(
    "Hồ sơ chưa đủ, chưa thể nộp. Hãy bổ sung các mục còn thiếu dưới đây.",
  );
  await expect(item(page, CHECK.foodSafety)).toContainText("còn thiếu");
  await expect(statusBadge(page, "Đang soạn")).toBeVisible();
  await expect(page.getByText("Số biên nhận")).toHaveCount(0);
}

/** Submits the complete dossier; returns the receipt number shown on the entry's page. */
async function submitComplete(page: Page, p: Producer, entryPath: string) {
  await expect(item(page, CHECK.foodSafety)).toContainText("đã có");
  await expect(checklistOf(page).getByRole("listitem").filter({ hasText: "còn thiếu" })).toHaveCount(0);

  const before = new Date();
  await page.getByRole("button", { name: "Nộp hồ sơ" }).click();
  await expect(
    notice(page, "Đã nộp hồ sơ. Thư xác nhận kèm số biên nhận đã được gửi tới email của bạn."),
  ).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${entryPath}$`));
  await expect(statusBadge(page, "Đã nộp, chờ thẩm định")).toBeVisible();
  const receiptLine = page.getByText(/Số biên nhận: TB2026-/);
  await expect(receiptLine).toBeVisible();
  const receipt = /TB2026-[0-9A-F]{8}/.exec((await receiptLine.textContent()) ?? "")?.[0];
  expect(receipt, "a receipt number on the entry's page").toBeTruthy();
  // Submitted: nothing left to submit, the checklist is no longer an editing aid.
  await expect(page.getByRole("button", { name: "Nộp hồ sơ" })).toHaveCount(0);

  const mail = await readOutbox(p.email, { after: before });
  expect(mail.subject).toBe(`[Tiêu Biểu] Đã nhận hồ sơ ${receipt}: ${p.product}`);
  expect(mail.text).toContain(p.name);
  expect(mail.text).toContain(`Số biên nhận: ${receipt}`);
  expect(mail.text).toContain(DEMO_ROUND);
  expect(mail.text).toContain(entryPath);
  return receipt!;
}

async function wholeJourney(page: Page, javaScript: boolean) {
  const p = newProducer();
  await signUpConfirmAndLogIn(page, p);
  await registerEstablishment(page, p);
  await addProduct(page, p);
  const productPath = new URL(page.url()).pathname;
  if (javaScript) await page.waitForLoadState("networkidle"); // the upload form's script
  await uploadPhotosAndRegistration(page, javaScript);

  const entryPath = await enterDemoRound(page, p);
  if (javaScript) await page.waitForLoadState("networkidle");
  await expectRefusedForFoodSafety(page, entryPath, javaScript);

  // "Bổ sung ảnh, giấy tờ và thông tin sản phẩm" leads back to the product's page.
  await page.getByRole("link", { name: "Bổ sung ảnh, giấy tờ và thông tin sản phẩm" }).click();
  await expect(page).toHaveURL(new RegExp(`${productPath}$`));
  if (javaScript) await page.waitForLoadState("networkidle");
  await upload(page, javaScript, FOOD_SAFETY, files.foodSafety, "Hoặc chọn tệp có sẵn");
  await expect(page.getByRole("link", { name: "chung-nhan-attp.pdf" })).toBeVisible();
  await expect(page.getByText("Đã đủ ảnh và giấy tờ cơ bản.")).toBeVisible();

  // Back to the entry through the producer's list of entries.
  await page.goto("/producer/entries");
  await page.getByRole("link", { name: p.product }).click();
  await expect(page).toHaveURL(new RegExp(`${entryPath}$`));
  if (javaScript) await page.waitForLoadState("networkidle");
  await submitComplete(page, p, entryPath);

  // Nothing wider than the phone's screen.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

test("a new producer on a phone builds a dossier, sees what is missing, submits and gets the receipt mail", async ({
  page,
}) => {
  await wholeJourney(page, true);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the same journey with plain forms: uploads, the refused and the accepted submission", async ({ page }) => {
    await wholeJourney(page, false);
  });
});

test.describe("withdrawing without JavaScript (issue #13)", () => {
  test.use({ javaScriptEnabled: false });

  test("the first press asks on the page, keeping the entry changes nothing, confirming withdraws it", async ({
    page,
  }) => {
    const p = newProducer();
    await signUpConfirmAndLogIn(page, p);
    await registerEstablishment(page, p);
    await addProduct(page, p);
    const entryPath = await enterDemoRound(page, p);

    // Asking is a POST that only answers with the confirmation: the entry is still a draft.
    await page.getByRole("button", { name: "Rút hồ sơ khỏi đợt bình chọn…" }).click();
    await expect(page.getByRole("alert")).toContainText("Sau khi rút không thể nộp lại");
    await expect(statusBadge(page, "Đang soạn")).toBeVisible();
    await page.getByRole("link", { name: "Giữ hồ sơ" }).click();
    await expect(page).toHaveURL(new RegExp(`${entryPath}$`));
    await expect(page.getByRole("alert")).toHaveCount(0);
    await expect(statusBadge(page, "Đang soạn")).toBeVisible();

    await page.getByRole("button", { name: "Rút hồ sơ khỏi đợt bình chọn…" }).click();
    await page.getByRole("button", { name: "Xác nhận rút hồ sơ" }).click();
    await expect(page).toHaveURL(new RegExp(`${entryPath}$`));
    await expect(notice(page, "Đã rút hồ sơ.")).toBeVisible();
    await expect(statusBadge(page, "Đã rút")).toBeVisible();
    // Withdrawn for good: neither submitting nor withdrawing is offered any more.
    await expect(page.getByRole("button", { name: "Rút hồ sơ khỏi đợt bình chọn…" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Nộp hồ sơ", exact: true })).toHaveCount(0);
  });
});
