// Site visits end to end (issue #14, decisions 039 and 046) on the demo national round in its
// second pass (prisma/demo-visits.ts), which no other spec changes: the ministry's organiser
// schedules a visit for the entry that has none, records the report after it, downloads the
// calendar file; a member judge's second-pass sheet links to the visit.
import { readFile } from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { e2eDataDir, login } from "./utils";
import { vnDay } from "../../app/utils/date-range";

const ROUND = "Bình chọn sản phẩm CNNT tiêu biểu cấp quốc gia năm 2026";
const CODE = "QG-2026-A-902";
const PASSWORD = "TieuBieu@2026";

function facts() {
  const db = new Database(path.join(e2eDataDir(), "tieubieu.db"), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT r."id" AS roundId, e."id" AS entryId FROM "Round" r JOIN "Entry" e ON e."roundId" = r."id" WHERE r."name" = ? AND e."entryCode" = ?`,
      )
      .get(ROUND, CODE) as {
      roundId: string;
      entryId: string;
    };
  } finally {
    db.close();
  }
}

/** Yesterday at 09:00 in Vietnam, as a datetime-local value (the visit has taken place, so it can be reported). */
function yesterdayInput(): string {
  return `${vnDay(new Date(Date.now() - 24 * 3600_000))}T09:00`;
}

test("the organiser schedules and reports a visit, downloads its calendar; the second-pass sheet links to it", async ({
  browser,
}) => {
  const { roundId, entryId } = facts();
  const organiser = await browser.newPage();
  await login(organiser, "organiser.quocgia@tieubieu.test", PASSWORD);
  await organiser.goto(`/admin/rounds/${roundId}`);
  await organiser.getByRole("link", { name: "Thăm thực tế cơ sở", exact: true }).click();
  await expect(organiser).toHaveURL(new RegExp(`/admin/rounds/${roundId}/visits$`));

  // ── schedule ──
  const form = organiser.locator("form", { has: organiser.getByRole("button", { name: "Lên lịch và gửi thư mời" }) });
  await form.getByLabel("Sản phẩm vòng hai").selectOption(entryId);
  await form.getByLabel("Ngày giờ thăm").fill(yesterdayInput());
  const address = form.getByRole("textbox", { name: /Địa chỉ cơ sở/ });
  if (!(await address.inputValue())) await address.fill("Xã Đông Thọ, tỉnh Bắc Ninh");
  for (const box of await form
    .getByRole("group", { name: /Thành viên đoàn thăm/ })
    .getByRole("checkbox")
    .all())
    await box.check();
  await form.getByRole("button", { name: "Lên lịch và gửi thư mời" }).click();
  await expect(organiser.getByText(`Đã lên lịch thăm ${CODE}; thư mời đã gửi tới các thành viên.`)).toBeVisible();

  // ── the visit: report and calendar ──
  const db = new Database(path.join(e2eDataDir(), "tieubieu.db"), { readonly: true, fileMustExist: true });
  const visitId = (db.prepare(`SELECT "id" FROM "SiteVisit" WHERE "entryId" = ?`).get(entryId) as { id: string }).id;
  db.close();
  await organiser.goto(`/visits/${visitId}`);
  await organiser
    .getByLabel("Nhận xét, kết quả kiểm tra tại cơ sở")
    .fill("Xưởng mộc và kho gỗ gụ đúng như hồ sơ; quy trình chạm khắc thủ công được ghi chép đầy đủ.");
  for (const box of await organiser
    .getByRole("group", { name: /Thành viên có mặt/ })
    .getByRole("checkbox")
    .all())
    await box.check();
  await organiser.getByRole("button", { name: "Lưu biên bản" }).click();
  await expect(organiser.getByText(`Đã lưu biên bản thăm ${CODE}.`)).toBeVisible();
  const download = organiser.waitForEvent("download");
  await organiser.getByRole("link", { name: "Tải tệp lịch (.ics)" }).click();
  const file = await download;
  const ics = await readFile(await file.path(), "utf8");
  expect(ics).toContain("BEGIN:VCALENDAR");
  expect(ics).toContain(`UID:site-visit-${visitId}@tieubieu.vn`);
  await organiser.close();

  // ── a member judge's second-pass sheet links to the visit ──
  const judge = await browser.newPage();
  await login(judge, "judge3@tieubieu.test", PASSWORD);
  await judge.goto(`/judge/rounds/${roundId}/entries/${entryId}`);
  const link = judge.locator(".visit-link a");
  await expect(link).toHaveAttribute("href", `/visits/${visitId}`);
  await link.click();
  await expect(judge).toHaveURL(new RegExp(`/visits/${visitId}$`));
  await expect(judge.getByText(/Xưởng mộc và kho gỗ gụ/)).toBeVisible();
  await judge.close();
});

test("a scheduled visit is cancelled with a reason, kept in the history, and the entry scheduled again; another province's organiser sees none of it", async ({
  browser,
}) => {
  const db = new Database(path.join(e2eDataDir(), "tieubieu.db"), { readonly: true, fileMustExist: true });
  const row = db
    .prepare(
      `SELECT v."id" AS visitId, e."id" AS entryId, r."id" AS roundId FROM "SiteVisit" v JOIN "Entry" e ON e."id" = v."entryId" JOIN "Round" r ON r."id" = v."roundId" WHERE r."name" = ? AND e."entryCode" = ? AND v."status" = 'SCHEDULED'`,
    )
    .get(ROUND, "QG-2026-A-901") as { visitId: string; entryId: string; roundId: string };
  db.close();
  const organiser = await browser.newPage();
  await login(organiser, "organiser.quocgia@tieubieu.test", PASSWORD);
  await organiser.goto(`/visits/${row.visitId}`);
  // The demo's first date for this entry was cancelled: the history shows it with its reason.
  const history = organiser.getByRole("region", { name: "Các buổi thăm khác của sản phẩm này" });
  await expect(history.getByText("Đã hủy")).toBeVisible();
  await expect(history.getByText(/hội chợ làng nghề/)).toBeVisible();

  // A reason is required; what was typed stays.
  const cancel = organiser.locator("form", {
    has: organiser.getByRole("button", { name: "Hủy buổi thăm và báo các thành viên" }),
  });
  await cancel.getByLabel("Lý do hủy").fill("ốm");
  await cancel.getByRole("button", { name: "Hủy buổi thăm và báo các thành viên" }).click();
  await expect(cancel.getByText("Lý do quá ngắn (ít nhất 5 ký tự).")).toBeVisible();
  await expect(cancel.getByLabel("Lý do hủy")).toHaveValue("ốm");
  await cancel.getByLabel("Lý do hủy").fill("Đường vào làng sạt lở sau mưa lớn, hoãn buổi thăm.");
  await cancel.getByRole("button", { name: "Hủy buổi thăm và báo các thành viên" }).click();
  await expect(organiser.getByText("Đã hủy buổi thăm QG-2026-A-901; thư báo đã gửi tới các thành viên.")).toBeVisible();
  await expect(organiser.getByText(/Lý do: Đường vào làng sạt lở/)).toBeVisible();

  // The entry can be scheduled again from the round's page; both visits stay listed.
  await organiser.goto(`/admin/rounds/${row.roundId}/visits`);
  const form = organiser.locator("form", { has: organiser.getByRole("button", { name: "Lên lịch và gửi thư mời" }) });
  await form.getByLabel("Sản phẩm vòng hai").selectOption(row.entryId);
  await form.getByLabel("Ngày giờ thăm").fill(`${vnDay(new Date(Date.now() + 6 * 24 * 3600_000))}T08:30`);
  const address = form.getByRole("textbox", { name: /Địa chỉ cơ sở/ });
  if (!(await address.inputValue())) await address.fill("Xã Song Hồ, tỉnh Bắc Ninh");
  await form
    .getByRole("group", { name: /Thành viên đoàn thăm/ })
    .getByRole("checkbox")
    .first()
    .check();
  await form.getByRole("button", { name: "Lên lịch và gửi thư mời" }).click();
  await expect(organiser.getByText("Đã lên lịch thăm QG-2026-A-901; thư mời đã gửi tới các thành viên.")).toBeVisible();
  await expect(organiser.getByRole("link", { name: "Xem buổi thăm QG-2026-A-901" })).toHaveCount(3);
  await organiser.close();

  const other = await browser.newPage();
  await login(other, "organiser.bacninh@tieubieu.test", PASSWORD);
  const res = await other.goto(`/visits/${row.visitId}`);
  expect(res?.status()).toBe(403);
  const list = await other.goto(`/admin/rounds/${row.roundId}/visits`);
  expect(list?.status()).toBe(404);
  await other.close();
});
