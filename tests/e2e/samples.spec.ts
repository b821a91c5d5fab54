// Physical samples and blind tasting end to end (issue #14, decisions 038 and 046), on the demo
// blind tasting round of its own (prisma/demo-samples.ts), which no other spec changes: the
// organiser records the awaited sample's receipt and prints the labels (entry-code sheet and the
// panel's tasting-number plates); a judge meets the samples by tasting number in their queue
// (no entry code) and scores on a sheet that shows the sample's number and status, never its entry
// code or dossier.
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { e2eDataDir, login } from "./utils";

const ROUND = "Nếm mẫu kín sản phẩm thực phẩm tỉnh Bắc Ninh năm 2026";
const PASSWORD = "TieuBieu@2026";

function roundFacts() {
  const db = new Database(path.join(e2eDataDir(), "tieubieu.db"), { readonly: true, fileMustExist: true });
  try {
    const round = db.prepare(`SELECT "id" FROM "Round" WHERE "name" = ?`).get(ROUND) as { id: string };
    const entries = db
      .prepare(
        `SELECT e."id" AS id, e."entryCode" AS code, n."number" AS number, r."id" AS receipt FROM "Entry" e
         JOIN "TastingNumber" n ON n."entryId" = e."id" LEFT JOIN "SampleReceipt" r ON r."entryId" = e."id"
         WHERE e."roundId" = ? ORDER BY e."entryCode"`,
      )
      .all(round.id) as Array<{ id: string; code: string; number: number; receipt: string | null }>;
    return { roundId: round.id, entries };
  } finally {
    db.close();
  }
}

test("the organiser records a sample and prints labels; the judge tastes by number", async ({ browser }) => {
  const { roundId, entries } = roundFacts();
  const awaited = entries.find((e) => !e.receipt)!;
  expect(awaited).toBeTruthy();

  // ── the organiser: the round page links to its samples ──
  const organiser = await browser.newPage();
  await login(organiser, "organiser.bacninh@tieubieu.test", PASSWORD);
  await organiser.goto(`/admin/rounds/${roundId}`);
  await organiser.getByRole("link", { name: "Mẫu sản phẩm", exact: true }).click();
  await expect(organiser).toHaveURL(new RegExp(`/admin/rounds/${roundId}/samples$`));
  await organiser.getByRole("link", { name: `Hồ sơ mẫu ${awaited.code}` }).click();
  await organiser.getByRole("textbox", { name: /Nơi và cách bảo quản/ }).fill("Tủ mát phòng 204, 6 °C");
  await organiser.getByRole("button", { name: "Ghi nhận đã nhận mẫu" }).click();
  await expect(organiser.getByText(`Đã ghi nhận mẫu của hồ sơ ${awaited.code}.`)).toBeVisible();

  // ── labels: the entry-code sheet and the panel's tasting-number plates, both PDFs ──
  for (const url of [
    `/admin/rounds/${roundId}/samples/labels.pdf`,
    `/admin/rounds/${roundId}/samples/labels.pdf?panel=ALL`,
  ]) {
    const res = await organiser.request.get(url);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("application/pdf");
    expect((await res.body()).subarray(0, 5).toString()).toBe("%PDF-");
  }
  await organiser.goto(`/admin/rounds/${roundId}/samples`);
  await expect(organiser.getByRole("link", { name: "In nhãn số nếm (PDF)" })).toBeVisible();
  await organiser.close();

  // ── the judge: the queue by tasting number, no entry code; the sheet shows the sample ──
  const judge = await browser.newPage();
  await login(judge, "judge6@tieubieu.test", PASSWORD);
  await judge.goto(`/judge/rounds/${roundId}`);
  await expect(judge.getByRole("columnheader", { name: "Số nếm" })).toBeVisible();
  const main = judge.locator("main");
  for (const e of entries) await expect(main).not.toContainText(e.code);
  const first = judge.getByRole("link", { name: /^Chấm điểm \d+$/ }).first();
  const number = Number((await first.textContent())!.replace(/\D/g, ""));
  expect(entries.map((e) => e.number)).toContain(number);
  await first.click();
  // The sheet at the blind tasting: the number, not the entry code; no dossier (decision 046).
  await expect(judge.getByRole("heading", { level: 1 })).toHaveText(`Phiếu chấm mẫu nếm số ${number}`);
  const line = judge.locator(".sample-line");
  await expect(line).toContainText(`Số mẫu nếm ${number}`);
  await expect(line).toContainText("Đã nhận");
  await expect(judge.getByRole("heading", { name: "Mẫu nếm kín" })).toBeVisible();
  await expect(judge.getByRole("heading", { name: "Hồ sơ sản phẩm" })).toHaveCount(0);
  for (const e of entries) await expect(judge.locator("main")).not.toContainText(e.code);
  await judge.close();
});
