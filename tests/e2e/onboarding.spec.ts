// Issue #13 items 1 and 6 on a 360×740 phone: a new producer signs up and lands on their first
// steps (establishment → product → photos and documents → an open round), always seeing where
// they are; each role lands where its work is; every page names itself in its <title>; the home
// page shows the live register.
import { expect, test, type Page } from "@playwright/test";
import { makeDossierFiles, type DossierFiles } from "./fixtures/dossier-files";
import { field, login, readOutbox } from "./utils";

const PASSWORD = "Nuoc-mam-Cat-Hai-2026";
const DEMO_PASSWORD = "TieuBieu@2026";
const DEMO_ROUND = "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2026 — đợt bổ sung";
const GENERIC_TITLE = "Quản trị — Tiêu Biểu";

let files: DossierFiles;
test.beforeAll(async () => {
  files = await makeDossierFiles();
});
test.afterAll(() => files?.remove());
test.use({ viewport: { width: 360, height: 740 } });

const steps = (page: Page) => page.getByRole("navigation", { name: "Các bước đầu tiên" });

/** The stepper says how far along the producer is and which step is current (aria-current="step"). */
async function expectStep(page: Page, done: number, current: string) {
  await expect(steps(page)).toBeVisible();
  await expect(steps(page)).toContainText(`Đã xong ${done}/4 bước`);
  const here = steps(page).locator('a[aria-current="step"]');
  await expect(here).toHaveCount(1);
  await expect(here).toContainText(current);
}

async function upload(page: Page, choice: string, file: string) {
  const form = page.getByRole("form", { name: "Tải lên ảnh hoặc giấy tờ" });
  await form.getByRole("combobox", { name: "Tệp này là" }).selectOption({ label: choice });
  await form.getByLabel("Hoặc chọn tệp có sẵn").setInputFiles(file);
  await form.getByRole("button", { name: "Tải lên" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã tải lên" }).last()).toBeVisible();
}

test("a new producer is walked from sign-up to an open round, the progress always in view", async ({ page }) => {
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const email = `lan.${tag}@example.vn`;
  const establishment = `Hộ kinh doanh Mây tre Lan ${tag}`;
  const product = `Giỏ mây đan Lan ${tag}`;

  await page.goto("/signup");
  await field(page, "Họ và tên").fill("Đỗ Thị Lan");
  await field(page, "Email").fill(email);
  await field(page, "Mật khẩu").fill(PASSWORD);
  await field(page, "Nhập lại mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page).toHaveURL(/\/signup\/sent\?/);
  const mail = await readOutbox(email);
  const link = /https?:\/\/\S+\/verify-email\/[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
  expect(link, mail.text).toBeTruthy();
  await page.goto(new URL(link!).pathname);
  await page.getByRole("button", { name: "Xác nhận email" }).click();
  await login(page, email, PASSWORD);

  // Lands on the producer's home, at step 1.
  await expect(page).toHaveURL(/\/producer$/);
  await expect(page).toHaveTitle("Hồ sơ của tôi — Tiêu Biểu");
  await expectStep(page, 0, "Cơ sở sản xuất");

  // 1. The establishment: the current step is the link to its form, which shows the steps too.
  await steps(page).locator('a[aria-current="step"]').click();
  await expect(page).toHaveURL(/\/producer\/establishments\/new$/);
  await expectStep(page, 0, "Cơ sở sản xuất");
  await page.getByRole("combobox", { name: "Loại hình" }).selectOption({ label: "Hộ kinh doanh" });
  await field(page, "Tên cơ sở").fill(establishment);
  await field(page, "Số đăng ký kinh doanh").fill(`27B${Date.now().toString().slice(-7)}`);
  await page.getByLabel("Ngày cấp").fill("2020-03-12");
  await field(page, "Nơi cấp").fill("Ủy ban nhân dân xã Lục Nam");
  await field(page, "Người đại diện theo pháp luật").fill("Đỗ Thị Lan");
  await page.getByRole("combobox", { name: "Tỉnh/thành phố" }).selectOption({ label: "Bắc Ninh" });
  await field(page, "Xã/phường").fill("Xã Lục Nam");
  await field(page, "Điện thoại").fill("0912 000 111");
  await page.getByRole("button", { name: "Lưu cơ sở" }).click();
  await expect(page).toHaveURL(/\/producer\/establishments\/[a-z0-9]+$/);
  await expect(page).toHaveTitle(`${establishment} — Cơ sở sản xuất — Tiêu Biểu`);
  await expectStep(page, 1, "Sản phẩm");

  // 2. A product (group A: photos and the registration copy make its dossier).
  await steps(page).locator('a[aria-current="step"]').click();
  await expect(page).toHaveURL(/\/producer\/products\/new\?establishment=[a-z0-9]+$/);
  await expectStep(page, 1, "Sản phẩm");
  await field(page, "Tên sản phẩm").fill(product);
  await page.getByRole("combobox", { name: "Nhóm sản phẩm" }).selectOption({ label: "A. Thủ công mỹ nghệ" });
  await page.getByRole("radio", { name: "Một sản phẩm" }).check();
  await field(page, "Mô tả và công dụng").fill("Giỏ mây đan tay, dùng đựng hoa quả và làm quà tặng.");
  // What forms 01 and 02 are generated from: without it the dossier is not complete (decision 028).
  await field(page, "Nguyên liệu và nguồn gốc").fill("Mây rừng của các hộ trong xã");
  await field(page, "Quy trình, công nghệ sản xuất").fill("Chẻ mây, phơi, đan tay, sấy chống mốc");
  await field(page, "Năng lực sản xuất hằng năm").fill("3.000 chiếc/năm");
  await field(page, "Thị trường").fill("Bắc Ninh, Hà Nội");
  await field(page, "Ngành nghề kinh doanh có sản phẩm này").fill("3290 – Sản xuất khác chưa được phân vào đâu");
  await page.getByRole("spinbutton", { name: "Số lao động sản xuất sản phẩm" }).fill("4");
  await field(page, "Doanh thu từ sản phẩm (triệu đồng)").fill("320");
  await page.getByRole("spinbutton", { name: "Năm của doanh thu" }).fill("2025");
  await page.getByRole("button", { name: "Lưu sản phẩm" }).click();
  await expect(page).toHaveURL(/\/producer\/products\/[a-z0-9]+$/);
  await expect(page).toHaveTitle(`${product} — ${establishment} — Tiêu Biểu`);
  await expectStep(page, 2, "Ảnh và giấy tờ");

  // 3. Photos and documents, on the product's page (the current step's link).
  await upload(page, "Ảnh – mặt trước", files.front);
  await upload(page, "Ảnh – mặt bên", files.side);
  await upload(page, "Ảnh – mặt trên", files.top);
  await upload(page, "Bản sao giấy chứng nhận đăng ký kinh doanh", files.businessRegistration);
  await page.reload();
  await expectStep(page, 3, "Vào một đợt bình chọn đang mở");

  // 4. An open round: the step leads to /rounds, then the draft entry until it is submitted.
  await steps(page).locator('a[aria-current="step"]').click();
  await expect(page).toHaveURL(/\/rounds$/);
  await expectStep(page, 3, "Vào một đợt bình chọn đang mở");
  await page
    .getByRole("article", { name: DEMO_ROUND, exact: true })
    .getByRole("link", { name: "Đăng ký sản phẩm dự thi" })
    .click();
  await expect(page).toHaveURL(/\/producer\/entries\/new\?round=[a-z0-9]+$/);
  await page.getByRole("radio", { name: new RegExp(product) }).check();
  await page.getByRole("button", { name: "Tạo hồ sơ" }).click();
  await expect(page).toHaveURL(/\/producer\/entries\/[a-z0-9]+$/);
  await expect(page).toHaveTitle(`${product} — Hồ sơ dự thi của tôi — ${DEMO_ROUND} — Tiêu Biểu`);
  const entryUrl = page.url();
  await expectStep(page, 3, "Vào một đợt bình chọn đang mở");
  await expect(steps(page).locator('a[aria-current="step"]')).toHaveAttribute("href", new URL(entryUrl).pathname);

  // Withdrawing sits apart from submitting and asks before it acts: asking changes nothing.
  await page.getByRole("button", { name: "Rút hồ sơ khỏi đợt bình chọn…" }).click();
  await expect(page.getByRole("alert")).toContainText("Sau khi rút không thể nộp lại");
  await page.getByRole("link", { name: "Giữ hồ sơ" }).click();
  await expect(page.locator("span.badge").getByText("Đang soạn", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Nộp hồ sơ", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã nộp hồ sơ" })).toBeVisible();
  // Every step done: the path is no longer shown.
  await expect(steps(page)).toHaveCount(0);
  await page.goto("/producer");
  await expect(steps(page)).toHaveCount(0);
});

test.describe("each role lands where its work is", () => {
  for (const [email, landing] of [
    ["organiser.bacninh@tieubieu.test", /\/admin$/],
    ["admin@tieubieu.test", /\/admin$/],
    ["judge1@tieubieu.test", /\/judge$/],
    ["producer@tieubieu.test", /\/producer$/],
  ] as const) {
    test(email, async ({ page }) => {
      await login(page, email, DEMO_PASSWORD);
      await expect(page).toHaveURL(landing);
    });
  }

  test("a safe ?redirectTo still wins, an outside one does not", async ({ page }) => {
    await page.goto("/login?redirectTo=%2Fstatistics");
    await field(page, "Email").fill("producer@tieubieu.test");
    await field(page, "Mật khẩu").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page).toHaveURL(/\/statistics$/);
    await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("button", { name: "Đăng xuất" }).click();
    await page.goto("/login?redirectTo=%2F%2Fevil.example%2F");
    await field(page, "Email").fill("producer@tieubieu.test");
    await field(page, "Mật khẩu").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page).toHaveURL(/\/producer$/);
  });
});

/** Visits each path and returns its <title>, checking each is specific. */
async function titlesOf(page: Page, paths: string[]): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    const title = await page.title();
    expect(title, path).toMatch(/ — Tiêu Biểu$/);
    expect(title, path).not.toBe(GENERIC_TITLE);
    titles.set(path, title);
  }
  return titles;
}

/** Links on the current page under a prefix (no exports, downloads or PDFs), each once. */
async function linksUnder(page: Page, prefix: string): Promise<string[]> {
  const hrefs = await page
    .locator(`main a[href^="${prefix}"]`)
    .evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  return [...new Set(hrefs.map((h) => h.split("#")[0]!))].filter((h) => !/export|download|\.pdf|print|\?/.test(h));
}

test("every page of every role names itself in its <title>, and no two pages share one", async ({ browser }) => {
  const all = new Map<string, string>();
  const crawl = async (email: string | null, paths: (page: Page) => Promise<string[]>) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "vi-VN" });
    const page = await context.newPage();
    if (email) await login(page, email, DEMO_PASSWORD);
    for (const [path, title] of await titlesOf(page, await paths(page))) all.set(path, title);
    await context.close();
  };

  await crawl(null, async () => [
    "/",
    "/products",
    "/statistics",
    "/rounds",
    "/verify",
    "/login",
    "/signup",
    "/forgot-password",
  ]);
  await crawl("producer@tieubieu.test", async (page) => {
    await page.goto("/producer/entries");
    return [
      "/producer",
      "/producer/entries",
      "/producer/certificates",
      "/account",
      ...(await linksUnder(page, "/producer/entries/")).slice(0, 3),
    ];
  });
  await crawl("admin@tieubieu.test", async () => [
    "/admin",
    "/admin/users",
    "/admin/invitations",
    "/admin/outbox",
    "/admin/audit",
    "/admin/provinces",
    "/admin/rounds",
  ]);
  await crawl("organiser.bacninh@tieubieu.test", async (page) => {
    await page.goto("/admin/rounds");
    const round = await page
      .getByRole("link", { name: "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2026", exact: true })
      .getAttribute("href");
    expect(round).toBeTruthy();
    await page.goto(round!);
    return [round!, ...(await linksUnder(page, `${round}/`))];
  });
  await crawl("judge1@tieubieu.test", async (page) => {
    await page.goto("/judge");
    return ["/judge", ...(await linksUnder(page, "/judge/rounds/"))];
  });

  // The organiser's round pages were found by following its links: make sure the crawl went deep.
  expect([...all.keys()].filter((p) => p.startsWith("/admin/rounds/")).length).toBeGreaterThanOrEqual(6);
  const byTitle = new Map<string, string[]>();
  for (const [path, title] of all) byTitle.set(title, [...(byTitle.get(title) ?? []), path]);
  const shared = [...byTitle].filter(([, paths]) => paths.length > 1);
  expect(shared, "pages sharing a title").toEqual([]);
});

test("the home page shows the live register, a verify box and the open rounds", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle("Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu — Tiêu Biểu");
  await expect(page.getByText("sẽ mở khi có kết quả bình chọn đầu tiên")).toHaveCount(0);
  const register = page.getByRole("region", { name: "Sổ đăng ký sản phẩm tiêu biểu" });
  const counts = register.getByRole("listitem").filter({ hasText: "giấy chứng nhận đã cấp" });
  const issued = Number(await counts.locator("strong").textContent());
  expect(issued).toBeGreaterThan(0);
  await expect(register.locator('a[href^="/products/"]').first()).toBeVisible();
  // The same count as the statistics page's total.
  await page.goto("/statistics");
  await expect(page.getByRole("main")).toContainText(String(issued));
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Đợt bình chọn đang nhận hồ sơ" })).toContainText(DEMO_ROUND);
  // The verify box is a plain GET form to /verify.
  await page.getByLabel("Mã tra cứu trên giấy chứng nhận").fill("KHONG-CO");
  await page.getByRole("button", { name: "Kiểm tra giấy chứng nhận" }).click();
  await expect(page).toHaveURL(/\/verify/);
});
