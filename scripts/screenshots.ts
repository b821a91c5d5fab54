// Screenshots of each role's main screen on a 360 px phone, for the README (docs/screenshots/).
//
//   npm run build && npm run screenshots
//
// Starts the compiled server (build/start/main.js) the way playwright.config.ts does: a fresh
// SQLite database in a temporary DATA_DIR, the demo data, production React — so the pictures show
// the demo story as the seed tells it. SCREENSHOT_PORT picks its port (default 3190).
// SCREENSHOT_URL=http://… uses a server that is already running instead (it must have the demo data).
// Chromium: /usr/bin/chromium when present, otherwise Playwright's own.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.join(ROOT, "docs", "screenshots");
const PASSWORD = "TieuBieu@2026";
const PHONE = { width: 360, height: 800 };
/** Long pages are cut here: the top of a page is what a reader needs to see, and a file stays small. */
const MAX_HEIGHT = 2000;

interface Shot {
  file: string;
  email?: string;
  /** Opens the screen to capture, following links as a person would. */
  open: (page: Page) => Promise<void>;
}

const JUDGING_ROUND = "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2026";

const SHOTS: Shot[] = [
  { file: "public-home.png", open: (page) => goto(page, "/") },
  { file: "public-register.png", open: (page) => goto(page, "/products") },
  {
    file: "public-verify.png",
    open: async (page) => {
      // the register → a certified product → the check of its first certificate
      await goto(page, "/products");
      await follow(page, page.locator('main a[href^="/products/"]:not([href*="export"])').first());
      await follow(page, page.locator('main a[href^="/verify/"]').first());
    },
  },
  { file: "producer.png", email: "producer@tieubieu.test", open: (page) => goto(page, "/producer") },
  {
    file: "judge-sheet.png",
    email: "judge1@tieubieu.test",
    open: async (page) => {
      await goto(page, "/judge");
      await follow(page, page.getByRole("link", { name: "Mở danh sách chấm" }).first());
      await follow(page, page.locator('main a[href*="/entries/"]:not([href$=".pdf"])').first());
    },
  },
  {
    file: "organiser-round.png",
    email: "organiser.bacninh@tieubieu.test",
    open: async (page) => {
      await goto(page, "/admin/rounds");
      await follow(page, page.getByRole("link", { name: JUDGING_ROUND, exact: true }));
    },
  },
  { file: "admin.png", email: "admin@tieubieu.test", open: (page) => goto(page, "/admin/users") },
];

async function goto(page: Page, url: string) {
  const response = await page.goto(url);
  if (!response || response.status() >= 400) throw new Error(`${url} answered ${response?.status() ?? "nothing"}`);
  await page.waitForLoadState("load");
}

async function follow(page: Page, link: ReturnType<Page["locator"]>) {
  const href = await link.getAttribute("href", { timeout: 30_000 });
  if (!href) throw new Error(`no link to follow on ${page.url()}`);
  await goto(page, href);
}

async function login(page: Page, email: string) {
  await goto(page, "/login");
  await page.getByRole("textbox", { name: "Email", exact: true }).fill(email);
  await page.getByRole("textbox", { name: "Mật khẩu", exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: 60_000 });
}

async function waitForHealth(baseURL: string, server: ChildProcess) {
  const deadline = Date.now() + 300_000; // the first start migrates and seeds: slow on a busy machine
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server stopped (exit code ${server.exitCode})`);
    try {
      if ((await fetch(`${baseURL}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${baseURL}/healthz did not answer within 5 minutes`);
}

/** Starts build/start/main.js on a fresh database with the demo data; returns its URL and a stop function. */
async function startServer(): Promise<{ baseURL: string; stop: () => void }> {
  if (!fs.existsSync(path.join(ROOT, "build", "start", "main.js"))) {
    throw new Error("build/start/main.js is missing: run `npm run build` first");
  }
  const port = Number(process.env.SCREENSHOT_PORT ?? 3190);
  const baseURL = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tieubieu-screenshots-"));
  const server = spawn(process.execPath, ["./scripts/start.js"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DATABASE_URL: `file:${path.join(dataDir, "tieubieu.db")}`,
      APP_URL: baseURL,
      NODE_ENV: "production",
      SEED_DEMO: "1",
      ALLOW_INSECURE_HTTP: "1",
    },
  });
  const stop = () => {
    server.kill("SIGTERM");
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseURL, server);
  } catch (error) {
    stop();
    throw error;
  }
  return { baseURL, stop };
}

async function capture(browser: Browser, baseURL: string, shot: Shot) {
  const context = await browser.newContext({
    baseURL,
    viewport: PHONE,
    deviceScaleFactor: 1,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
  });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    if (shot.email) await login(page, shot.email);
    await shot.open(page);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const file = path.join(OUT, shot.file);
    await page.screenshot({
      path: file,
      fullPage: true,
      clip: { x: 0, y: 0, width: PHONE.width, height: Math.min(height, MAX_HEIGHT) },
    });
    console.log(
      `${path.relative(ROOT, file)}  ${new URL(page.url()).pathname}  ${Math.round(fs.statSync(file).size / 1024)} KB`,
    );
  } finally {
    await context.close();
  }
}

const systemChromium = "/usr/bin/chromium";
const external = process.env.SCREENSHOT_URL;
const server = external ? { baseURL: external.replace(/\/$/, ""), stop: () => {} } : await startServer();
try {
  const browser = await chromium.launch(
    fs.existsSync(systemChromium)
      ? { executablePath: systemChromium, args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] }
      : {},
  );
  try {
    fs.mkdirSync(OUT, { recursive: true });
    for (const shot of SHOTS) await capture(browser, server.baseURL, shot);
  } finally {
    await browser.close();
  }
} finally {
  server.stop();
}
