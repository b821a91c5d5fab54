// The pages of issue #13 on a 360 × 740 phone (decision 032): no page scrolls sideways, the key
// column of each table is on screen, every link and button in the page is at least 24 px each
// way; the register shows its first result before its filters, which open behind one button with
// or without JavaScript; the jury page starts with the invitation form, which is empty again
// after each invitation so two invitations in a row both go through; the administrator's lists
// (users, invitations, outbox, audit log, provinces, rounds) stack into cards whose every cell
// says its column, their filters folded behind one button (decision 043); so do a round's
// assignments matrix (its per-judge totals a last card), nominations, complaints and prizes.
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { e2eDataDir, field, login } from "./utils";

const DEMO_PASSWORD = "TieuBieu@2026";
const JUDGING_ROUND = "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2026";
const SCREENING_ROUND = "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2026 — đợt bổ sung";
const REGION_ROUND = "Bình chọn sản phẩm CNNT tiêu biểu khu vực phía Bắc năm 2026";
// Finalised, with certificates: nominations and complaints; the former Bắc Giang's awarded prizes.
const PAST_ROUND = "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2024";
const PRIZES_ROUND = "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Giang năm 2024";
const WIDTH = 360;

test.use({ viewport: { width: WIDTH, height: 740 }, isMobile: true, hasTouch: true });

function roundId(name: string): string {
  const db = new Database(path.join(e2eDataDir(), "tieubieu.db"), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT "id" FROM "Round" WHERE "name" = ?').get(name) as { id: string }).id;
  } finally {
    db.close();
  }
}

async function expectNoSidewaysScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${page.url()} is ${width} px wide`).toBeLessThanOrEqual(WIDTH);
}

/** Links, buttons and disclosure buttons drawn in the main content that are smaller than 24 × 24 px. */
async function smallTapTargets(page: Page) {
  return page.locator("main").evaluate((main) =>
    [...main.querySelectorAll<HTMLElement>("a[href], button, summary")]
      .filter((el) => el.checkVisibility() && !el.closest(".sr-only"))
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      // An element clipped to 1 px (sr-only) is not drawn.
      .filter(({ box }) => box.width > 1 && box.height > 1)
      .filter(({ box }) => box.width < 24 || box.height < 24)
      .map(
        ({ el, box }) =>
          `${el.tagName.toLowerCase()} "${el.textContent?.trim()}" ${Math.round(box.width)}×${Math.round(box.height)}`,
      ),
  );
}

/** The element's box lies within the phone's width (nothing cut at the right edge). */
async function expectOnScreen(page: Page, selector: string) {
  const target = page.locator(selector).first();
  await expect(target).toBeVisible();
  const box = (await target.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
}

async function checkPage(page: Page, url: string, keyCell: string) {
  await page.goto(url);
  await expectNoSidewaysScroll(page);
  await expectOnScreen(page, keyCell);
  expect(await smallTapTargets(page)).toEqual([]);
}

test("admin tables fit a phone: results, screening, rubric, jury", async ({ page }) => {
  await login(page, "organiser.bacninh@tieubieu.test", DEMO_PASSWORD);
  const judging = roundId(JUDGING_ROUND);
  // the ranking: the mean of the first entry is on screen, labelled
  await checkPage(page, `/admin/rounds/${judging}/results`, 'td[data-label="Điểm TB"]');
  await expect(page.locator('td[data-label="Điểm TB"]').first()).toHaveText(/\d/);
  // screening: the status column is not cut off
  await checkPage(page, `/admin/rounds/${roundId(SCREENING_ROUND)}/entries`, 'td[data-label="Tình trạng"]');
  // the rubric editor: the title of the first sub-criterion is editable on screen
  await checkPage(page, `/admin/rounds/${judging}/rubric`, "main table");
  // the jury: the members' names
  await checkPage(page, `/admin/rounds/${judging}/jury`, "main table .cell-primary");
  // the scoring progress: one card per entry, one labelled line per judge
  await checkPage(page, `/admin/rounds/${judging}/sheets`, "main table .cell-primary");
  await expectLabelledCells(page);
});

test("the regional organiser's screening and jury pages fit a phone", async ({ page }) => {
  await login(page, "organiser.mienbac@tieubieu.test", DEMO_PASSWORD);
  const region = roundId(REGION_ROUND);
  await page.goto(`/admin/rounds/${region}/entries`);
  await expectNoSidewaysScroll(page);
  expect(await smallTapTargets(page)).toEqual([]);
});

/** Every table in the page stacks on a phone and every cell but a row's title says its column. */
async function expectLabelledCells(page: Page) {
  await expect(page.locator("main table:not(.table-stack)")).toHaveCount(0);
  const unlabelled = await page
    .locator("main table.table-stack tbody")
    .evaluateAll(
      (bodies) =>
        bodies.flatMap((b) =>
          [...b.querySelectorAll("td, th")].filter(
            (c) => !c.classList.contains("cell-primary") && !c.getAttribute("data-label"),
          ),
        ).length,
    );
  expect(unlabelled, `${page.url()} has cells without a label`).toBe(0);
}

test("the administrator's lists stack into labelled cards, their filters behind one button", async ({ page }) => {
  await login(page, "admin@tieubieu.test", DEMO_PASSWORD);
  // The demo data has no invitation until a test sends one: that list may show its empty state.
  const lists = [
    "/admin/users",
    "/admin/invitations",
    "/admin/outbox",
    "/admin/audit",
    "/admin/provinces",
    "/admin/rounds",
  ];
  for (const url of lists) {
    await page.goto(url);
    await expectNoSidewaysScroll(page);
    const shown =
      url === "/admin/invitations" ? "main table .cell-primary, main .empty-state" : "main table .cell-primary";
    await expect(page.locator(shown).first(), url).toBeVisible();
    await expectLabelledCells(page);
    expect(await smallTapTargets(page), url).toEqual([]);
  }
  // A list's filters fold into "Bộ lọc"; opened, they filter by GET and stay open, counted.
  await page.goto("/admin/rounds");
  const status = page.getByRole("combobox", { name: "Trạng thái" });
  await expect(status).toBeHidden();
  await page.locator("main summary", { hasText: "Bộ lọc" }).click();
  await status.selectOption({ label: "Đang nhận hồ sơ" });
  await page.getByRole("search").getByRole("button", { name: "Lọc" }).click();
  await expect(page).toHaveURL(/[?&]status=OPEN/);
  await expect(page.locator("main summary")).toContainText("1 đang dùng");
  await expect(status).toBeVisible();
  await expect(status).toHaveValue("OPEN");
  await expectLabelledCells(page);
});

test("without JavaScript a list's filter button opens and its GET form filters", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: WIDTH, height: 740 } });
  const page = await context.newPage();
  await login(page, "admin@tieubieu.test", DEMO_PASSWORD);
  await page.goto("/admin/users");
  const search = page.getByRole("searchbox", { name: "Tìm theo tên hoặc email" });
  await expect(search).toBeHidden();
  await page.locator("main summary", { hasText: "Bộ lọc" }).click();
  await search.fill("organiser.bacninh");
  await page.getByRole("search").getByRole("button", { name: "Tìm kiếm" }).click();
  await expect(page).toHaveURL(/[?&]q=organiser.bacninh/);
  await expect(page.locator("main tbody tr")).toHaveCount(1);
  await expect(page.locator('main td[data-label="Email"]')).toHaveText("organiser.bacninh@tieubieu.test");
  await expectNoSidewaysScroll(page);
  await context.close();
});

test("on a wide screen the filters show without the button", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await login(page, "admin@tieubieu.test", DEMO_PASSWORD);
  await page.goto("/admin/outbox");
  await expect(page.getByRole("searchbox", { name: "Người nhận" })).toBeVisible();
  await expect(page.locator("main summary", { hasText: "Bộ lọc" })).toBeHidden();
  await context.close();
});

test("the statistics page fits a phone and its links are big enough to tap", async ({ page }) => {
  await checkPage(page, "/statistics", ".bar-table th[scope=row] a");
});

test("the register shows results first; its filters open behind one button", async ({ page }) => {
  await page.goto("/products");
  await expectNoSidewaysScroll(page);
  expect(await smallTapTargets(page)).toEqual([]);
  const first = page.locator(".register-list > li").first();
  await expect(first).toBeInViewport();
  const province = page.getByRole("combobox", { name: "Tỉnh, thành phố" });
  await expect(province).toBeHidden();
  await page.getByText("Bộ lọc và sắp xếp").click();
  await expect(province).toBeVisible();
  // opened, the filters come after the search box and before the results
  expect((await province.boundingBox())!.y).toBeLessThan((await first.boundingBox())!.y);
});

test("without JavaScript the register's filter button opens and its GET form filters", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: WIDTH, height: 740 } });
  const page = await context.newPage();
  await page.goto("/products");
  await page.getByText("Bộ lọc và sắp xếp").click();
  await page.getByRole("combobox", { name: "Tình trạng" }).selectOption("revoked");
  await page.getByRole("button", { name: "Áp dụng bộ lọc" }).click();
  await expect(page).toHaveURL(/[?&]status=revoked/);
  await expect(page.getByText("1 đang chọn")).toBeVisible();
  await expect(page.locator(".register-list")).not.toContainText("Còn hiệu lực");
  await context.close();
});

test("the jury page starts with the invitation form, which is empty after each invitation", async ({ page }) => {
  await login(page, "organiser.mienbac@tieubieu.test", DEMO_PASSWORD);
  await page.goto(`/admin/rounds/${roundId(REGION_ROUND)}/jury`);
  await expectNoSidewaysScroll(page);
  expect(await smallTapTargets(page)).toEqual([]);
  // the invitation comes before the members, the panels and the settings
  const top = async (name: string) =>
    (await page.getByRole("heading", { level: 2, name, exact: true }).boundingBox())!.y;
  const invite = await top("Mời thành viên");
  expect(invite).toBeLessThan(await top("Thành viên"));
  expect(await top("Thành viên")).toBeLessThan(await top("Thiết lập chấm điểm"));
  expect(invite).toBeLessThan(740);
  // "Là giám khảo" sits beside its box, on the same line
  const box = (await page.getByRole("checkbox", { name: "Là giám khảo (chấm điểm)" }).boundingBox())!;
  const text = (await page.getByText("Là giám khảo (chấm điểm)", { exact: true }).boundingBox())!;
  expect(box.width).toBeLessThan(40);
  expect(text.x).toBeGreaterThan(box.x + box.width - 1);
  expect(Math.abs(text.y - box.y)).toBeLessThan(24);

  const stamp = Date.now();
  for (const n of [1, 2]) {
    const email = `phone-invite-${stamp}-${n}@tieubieu.test`;
    await field(page, "Email").fill(email);
    await field(page, "Họ và tên").fill(`Giám khảo thử ${n}`);
    await page.getByRole("button", { name: "Gửi lời mời" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Đã mời ${email}` })).toBeVisible();
    await expect(page.getByRole("cell", { name: email })).toBeVisible();
    await expect(field(page, "Email")).toHaveValue("");
    await expect(field(page, "Họ và tên")).toHaveValue("");
  }
});

/** Checkboxes drawn in the main content whose tap target (the box, or the label around it) is under 24 × 24 px. */
async function smallCheckboxes(page: Page) {
  return page.locator("main").evaluate((main) =>
    [...main.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')]
      .filter((el) => el.checkVisibility())
      .map((el) => ({ el, box: (el.closest("label") ?? el).getBoundingClientRect() }))
      .filter(({ box }) => box.width < 24 || box.height < 24)
      .map(
        ({ el, box }) =>
          `${el.getAttribute("aria-label") ?? el.value} ${Math.round(box.width)}×${Math.round(box.height)}`,
      ),
  );
}

/**
 * A complaint about the first recognised entry of the past round, written straight into the
 * database (the demo data has none, and lodging one needs an open complaints period).
 */
function seedComplaint(): { id: string; code: string } {
  const db = new Database(path.join(e2eDataDir(), "tieubieu.db"), { fileMustExist: true });
  try {
    const entry = db
      .prepare(
        'SELECT e."id", e."entryCode", e."roundId", e."createdAt" FROM "Entry" e JOIN "Round" r ON r."id" = e."roundId" JOIN "EntryOutcome" o ON o."entryId" = e."id" WHERE r."name" = ? ORDER BY e."entryCode" LIMIT 1',
      )
      .get(PAST_ROUND) as { id: string; entryCode: string; roundId: string; createdAt: string | number };
    const producer = db.prepare('SELECT "id" FROM "User" WHERE "email" = ?').get("producer@tieubieu.test") as {
      id: string;
    };
    const id = `e2ephone${Date.now()}`.padEnd(24, "0");
    // The entry's own createdAt: a date stored the way this database stores dates.
    db.prepare(
      'INSERT INTO "Complaint" ("id", "roundId", "entryId", "lodgedById", "text", "status", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, \'OPEN\', ?, ?)',
    ).run(
      id,
      entry.roundId,
      entry.id,
      producer.id,
      "Đề nghị hội đồng xem lại điểm tiêu chí chất lượng: hồ sơ đã có kết quả kiểm nghiệm mới.",
      entry.createdAt,
      entry.createdAt,
    );
    return { id, code: entry.entryCode };
  } finally {
    db.close();
  }
}

test("a round's assignments, nominations, complaints and prizes stack into labelled cards", async ({ page }) => {
  await login(page, "organiser.bacninh@tieubieu.test", DEMO_PASSWORD);
  const judging = roundId(JUDGING_ROUND);
  const past = roundId(PAST_ROUND);

  // Assignments: one card per entry, a labelled checkbox per judge; the per-judge totals last.
  await checkPage(page, `/admin/rounds/${judging}/assignments`, "main table tbody .cell-primary");
  await expectLabelledCells(page);
  expect(await smallCheckboxes(page)).toEqual([]);
  const totals = page.locator("main table tfoot");
  await expect(totals.locator("th")).toHaveText("Số hồ sơ của giám khảo (mọi nhóm)");
  await expect(totals.locator("td[data-label]").first()).toHaveText(/^\d+$/);
  // the group filter folds behind "Bộ lọc" and filters by GET
  await page.locator("main summary", { hasText: "Bộ lọc" }).click();
  const group = page.getByRole("combobox", { name: "Nhóm sản phẩm" });
  const firstGroup = (await group.locator("option").nth(1).getAttribute("value"))!;
  await group.selectOption(firstGroup);
  await page.getByRole("search").getByRole("button", { name: "Lọc" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]group=${firstGroup}`));
  await expect(page.locator("main summary")).toContainText("1 đang dùng");
  for (const title of await page.locator("main table tbody .cell-primary").allTextContents())
    expect(title).toContain(`(${firstGroup})`);
  await expectNoSidewaysScroll(page);

  // Nominations: the recognised products and those already sent onward.
  await checkPage(page, `/admin/rounds/${past}/nominations`, "main table .cell-primary");
  await expectLabelledCells(page);
  expect(await smallCheckboxes(page)).toEqual([]);
  await checkPage(page, `/admin/rounds/${past}/nominations/package`, "main table .cell-primary");
  await expectLabelledCells(page);
  expect(await smallCheckboxes(page)).toEqual([]);

  // Complaints: a row per complaint; its link opens it below the list with the decision form.
  const complaint = seedComplaint();
  await checkPage(page, `/admin/rounds/${past}/complaints`, "main table .cell-primary");
  await expectLabelledCells(page);
  const row = page.locator("main table tbody tr", { hasText: complaint.code });
  await expect(row.locator('td[data-label="Tình trạng"]')).toHaveText("Đang chờ giải quyết");
  await row.getByRole("link", { name: `Xem và quyết định ${complaint.code}` }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]complaint=${complaint.id}`));
  const opened = page.locator("main section#complaint");
  await expect(opened).toContainText("hồ sơ đã có kết quả kiểm nghiệm mới");
  await expect(opened.getByRole("button", { name: "Ghi quyết định" })).toBeVisible();
  await expectNoSidewaysScroll(page);
  expect(await smallTapTargets(page)).toEqual([]);
  // the status filter keeps the list to the open complaints
  await page.goto(`/admin/rounds/${past}/complaints?status=DISMISSED`);
  await expect(page.locator("main .empty-state")).toBeVisible();
  await expect(page.locator("main summary")).toContainText("1 đang dùng");

  // Prizes: the recognised products with their prize and vote, filtered by prize.
  const prizes = roundId(PRIZES_ROUND);
  await checkPage(page, `/admin/rounds/${prizes}/prizes`, "main table .cell-primary");
  await expectLabelledCells(page);
  await expect(page.locator('main td[data-label="Giải"]', { hasText: "Giải A" })).toHaveCount(1);
  await page.goto(`/admin/rounds/${prizes}/prizes?prize=A`);
  await expect(page.locator("main tbody tr")).toHaveCount(1);
  await expect(page.locator("main tbody .cell-primary")).toContainText("Mỳ gạo Chũ");
  await expectNoSidewaysScroll(page);
});
