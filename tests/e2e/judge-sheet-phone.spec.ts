// The judge's queue and score sheet on a 360 × 740 phone (issue #13): nothing wider than the
// screen, the queue's key columns and tap targets, the first score on the first screen, the total
// and the buttons in view at the last criterion, the dossier one tap away, and "Nộp phiếu" while
// the page's autosave is on its way: the confirmation answers at once and the submission carries
// every number. judge4 finishes the half-filled demo draft of the Bắc Ninh 2026 round (this file
// runs before judging.spec.ts, whose steps do not depend on that sheet).
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page, type Route } from "@playwright/test";
import { e2eDataDir, login } from "./utils";

const ROUND = "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2026";
const PHONE = { width: 360, height: 740 };

test.use({ viewport: PHONE });

async function expectFitsTheScreen(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

/** Every link and button of the page's main part is at least 24 px tall and wide (WCAG 2.5.8). */
async function expectTapTargets(page: Page) {
  const small = await page.locator("main a:visible, main button:visible").evaluateAll((els) =>
    els
      .map((el) => ({ text: (el.textContent ?? "").trim(), box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.height < 24 || box.width < 24)
      .map(({ text, box }) => `${text} (${Math.round(box.width)}×${Math.round(box.height)})`),
  );
  expect(small).toEqual([]);
}

function storedSheet(entryCode: string) {
  const db = new Database(path.join(e2eDataDir(), "tieubieu.db"), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT s."status" AS status, s."scores" AS scores FROM "ScoreSheet" s JOIN "Entry" e ON e."id" = s."entryId" JOIN "Round" r ON r."id" = s."roundId"
         JOIN "JuryMember" m ON m."id" = s."juryMemberId" JOIN "User" u ON u."id" = m."userId"
         WHERE r."name" = ? AND e."entryCode" = ? AND u."email" = 'judge4@tieubieu.test'`,
      )
      .get(ROUND, entryCode) as { status: string; scores: string };
  } finally {
    db.close();
  }
}

test("a judge scores and submits on a phone; submitting while the autosave is on its way answers at once", async ({
  page,
}) => {
  await login(page, "judge4@tieubieu.test", "TieuBieu@2026");
  await page.getByRole("link", { name: "Mở danh sách chấm" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // ── the queue: key columns on the screen, nothing wider than it ──
  await page.getByRole("link", { name: /^Bản nháp/ }).click();
  await expect(page).toHaveURL(/tab=draft/);
  const header = page.getByRole("columnheader", { name: "Tổng điểm" });
  await expect(header).toBeVisible();
  const headerBox = (await header.boundingBox())!;
  expect(headerBox.x + headerBox.width).toBeLessThanOrEqual(PHONE.width);
  await expectFitsTheScreen(page);
  await expectTapTargets(page);
  // The link's visible words start its name, then the entry's code (read by screen readers only).
  const open = page.getByRole("link", { name: /^Chấm tiếp BN-2026-B-\d{3}$/ });
  await expect(open).toHaveCount(1);
  const code = /BN-2026-B-\d{3}/.exec((await open.textContent()) ?? "")![0];
  await open.click();

  // ── the sheet: the first score on the first screen, the dossier one tap away ──
  await expect(page.getByRole("heading", { level: 1 })).toContainText(code);
  await page.waitForLoadState("load");
  const inputs = page.locator('form input[type="number"]');
  const firstBox = (await inputs.first().boundingBox())!;
  expect(firstBox.y).toBeLessThan(PHONE.height);
  await expectFitsTheScreen(page);
  await expectTapTargets(page);
  await expect(page.getByText("Đã lưu", { exact: true })).toBeVisible(); // the draft, as saved

  await page.getByRole("link", { name: /^Xem hồ sơ sản phẩm/ }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Hồ sơ sản phẩm" })).toBeInViewport();

  // Hold the page's autosave: the server gets it and applies it, the page does not see the answer
  // until the submission is done — the page still names the version before that autosave.
  let autosaveLanded!: () => void;
  const landed = new Promise<void>((resolve) => (autosaveLanded = resolve));
  let releaseReply!: () => void;
  const replyHeld = new Promise<void>((resolve) => (releaseReply = resolve));
  await page.route(/\/entries\/[^/?]+\.data/, async (route: Route) => {
    const request = route.request();
    if (request.method() !== "POST" || !/autosave/.test(request.postData() ?? "")) return route.continue();
    const response = await route.fetch();
    autosaveLanded();
    await replyHeld;
    await route.fulfill({ response }).catch(() => {}); // the page may have moved on
  });

  // Fill the items the draft left blank, the last criterion last.
  const n = await inputs.count();
  const typed: Record<string, number> = {};
  let total = 0;
  for (let i = 0; i < n; i++) {
    const input = inputs.nth(i);
    const name = (await input.getAttribute("name"))!;
    let value = Number((await input.inputValue()) || "NaN");
    if (Number.isNaN(value)) {
      value = Math.floor(Number(await input.getAttribute("max")) * 0.75 * 2) / 2;
      await input.fill(String(value));
    }
    typed[name.replace(/^score_/, "").replace(/_/g, ".")] = value;
    total += value;
  }
  const points = total.toLocaleString("vi-VN", { maximumFractionDigits: 2 });

  // At the last criterion the total, the save state and the buttons are on the screen.
  await inputs.last().scrollIntoViewIfNeeded();
  await expect(page.locator("#sheet-total")).toHaveText(`Tổng điểm: ${points}/100`);
  await expect(page.locator("#sheet-total")).toBeInViewport({ ratio: 1 });
  await expect(page.locator("#sheet-save-state")).toHaveText("Có thay đổi chưa lưu…");
  await expect(page.locator("#sheet-save-state")).toBeInViewport();
  const submit = page.getByRole("button", { name: "Nộp phiếu" });
  await expect(submit).toBeInViewport();

  // "Nộp phiếu" while the sheet says "Có thay đổi chưa lưu…"; the autosave goes out meanwhile.
  await submit.click();
  await landed;
  const confirm = page.getByRole("button", { name: "Xác nhận" });
  await expect(confirm).toBeEnabled();
  await confirm.click();
  await expect(page.getByRole("status").filter({ hasText: `Đã nộp phiếu (${points} điểm)` })).toBeVisible();
  releaseReply();

  const sheet = storedSheet(code);
  expect(sheet.status).toBe("SUBMITTED");
  expect(JSON.parse(sheet.scores)).toEqual(typed);
});
