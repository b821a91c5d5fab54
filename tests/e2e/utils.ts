// Helpers for end-to-end tests.
import path from "node:path";
import Database from "better-sqlite3";
import { expect, type Page } from "@playwright/test";

/**
 * A form field by its label, matched exactly on the accessible name (a screen reader's view:
 * the aria-hidden " *" of a required field is not part of it, unlike with getByLabel).
 */
export function field(page: Page, label: string) {
  return page.getByRole("textbox", { name: label, exact: true });
}

/** Signs in through the real login form and waits until the app has left /login. */
export async function login(page: Page, email: string, password: string) {
  await page.goto("/login");
  await field(page, "Email").fill(email);
  await field(page, "Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).not.toHaveURL(/\/login(\?|$)/);
}

/** The e2e server's DATA_DIR, created per run by playwright.config.ts. */
export function e2eDataDir(): string {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir)
    throw new Error("E2E_DATA_DIR is not set: run the tests with `playwright test` (playwright.config.ts sets it)");
  return dir;
}

export interface OutboxMail {
  to: string;
  subject: string;
  text: string;
  createdAt: Date;
}

type MailRow = { to: string; subject: string; text: string; createdAt: string | number };

/**
 * The newest mail to `to` in the e2e server's outbox (table MailMessage of its SQLite file),
 * read straight from the database. Mail may be written just after the response that caused
 * it, so this polls until one arrives (newer than `after`, if given) or `timeoutMs` passes.
 */
export async function readOutbox(
  to: string,
  { after, timeoutMs = 60_000 }: { after?: Date; timeoutMs?: number } = {},
): Promise<OutboxMail> {
  const file = path.join(e2eDataDir(), "tieubieu.db");
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const mail = newestMail(file, to);
      if (mail && (!after || mail.createdAt > after)) return mail;
    } catch (error) {
      lastError = error; // the server may not have created the table yet
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : "";
      throw new Error(
        `No mail to ${to}${after ? ` after ${after.toISOString()}` : ""} in ${file} within ${timeoutMs} ms${why}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function newestMail(file: string, to: string): OutboxMail | undefined {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare<[string], MailRow>(
        'SELECT "to", "subject", "text", "createdAt" FROM "MailMessage" WHERE "to" = ? ORDER BY "createdAt" DESC, rowid DESC LIMIT 1',
      )
      .get(to);
    if (!row) return undefined;
    return { to: row.to, subject: row.subject, text: row.text, createdAt: toDate(row.createdAt) };
  } finally {
    db.close();
  }
}

/**
 * Prisma's SQLite adapter stores DateTime as ISO text ("…T…+00:00") or epoch milliseconds;
 * SQLite's own CURRENT_TIMESTAMP default is UTC text without a zone.
 */
function toDate(value: string | number): Date {
  if (typeof value === "number" || /^\d+$/.test(value)) return new Date(Number(value));
  if (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(value)) return new Date(`${value.replace(" ", "T")}Z`);
  return new Date(value);
}
