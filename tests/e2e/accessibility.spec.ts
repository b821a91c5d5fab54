// Issue #13: axe-core finds no WCAG 2.0/2.1 A or AA violation on any page of any role, on a phone
// (360 px) and on a desktop (1280 px).
//
// One test per role of the demo data (README "Demo accounts"). Each signs in once, then walks the
// pages its role can reach: it starts from the role's entry points and follows the links it finds,
// visiting each page of app/routes once (ids replaced by ":id"). A role with `detailRounds` sees
// every page of each of those rounds (a round's pages change with its status) and skips its other
// rounds. Every page is checked at 1280 px, then again at 360 px. At the end the test asserts
// that the walk reached every page expected for that role, so a page that stops being linked
// is noticed rather than silently skipped.
//
// Read-only: only GET requests are made (links are followed, no form is submitted), so the later
// specs find the demo data as the seed left it.
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./a11y";
import { e2eDataDir, login } from "./utils";

const DEMO_PASSWORD = "TieuBieu@2026";
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 800 };

/** Links never followed: downloads (PDF, Excel, CSV, files), state changes by GET, JSON. */
const NOT_PAGES =
  /(\.(pdf|json|csv|ics|xlsx)$|^\/\.well-known\/|\/export$|\/download$|^\/files\/|^\/api\/|^\/certificates\/|^\/decisions\/|^\/logout|^\/lang|\/bulk\/)/;

interface Role {
  name: string;
  email?: string;
  /** Where the walk starts. */
  start: () => string[];
  /** Paths this role's walk may enter. */
  scope: RegExp;
  /** Rounds whose pages are all visited, by name (other rounds: each page once). */
  detailRounds?: string[];
  /** Page patterns the walk must reach. */
  expected: string[];
}

const JUDGING_ROUND = "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2026";
const PAST_PROVINCE_ROUND = "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2024";
const OPEN_REGION_ROUND = "Bình chọn sản phẩm CNNT tiêu biểu khu vực phía Bắc năm 2026";
// Open for entries: the only provincial round whose screening page links "add an entry on a producer's behalf".
const OPEN_PROVINCE_ROUND = "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2026 — đợt bổ sung";

const ADMIN_ROUND_PAGES = [
  "/admin/rounds/:id",
  "/admin/rounds/:id/entries",
  "/admin/rounds/:id/entries/:id",
  "/admin/rounds/:id/entries/new",
  "/admin/rounds/:id/rubric",
  "/admin/rounds/:id/jury",
  "/admin/rounds/:id/assignments",
  "/admin/rounds/:id/sheets",
  "/admin/rounds/:id/sheets/:id/:id",
  "/admin/rounds/:id/results",
  "/admin/rounds/:id/recognition",
  "/admin/rounds/:id/complaints",
  "/admin/rounds/:id/nominations",
];

const ROLES: Role[] = [
  {
    name: "public visitor",
    start: () => [
      "/",
      "/products",
      "/statistics",
      "/rounds",
      "/verify",
      ...certificateCodes().map((code) => `/verify/${encodeURIComponent(code)}`),
      "/verify/KHONG-CO-MA-NAY",
      "/login",
      "/signup",
      "/signup/sent",
      "/forgot-password",
      "/reset-password/khong-hop-le",
      "/verify-email/khong-hop-le",
      "/invite/khong-hop-le",
      "/khong-co-trang-nay",
    ],
    scope: /^\/(?!admin|producer|judge|account)/,
    expected: [
      "/",
      "/products",
      "/products/:id",
      "/statistics",
      "/rounds",
      "/verify",
      "/verify/:code",
      "/login",
      "/signup",
      "/signup/sent",
      "/forgot-password",
      "/reset-password/:token",
      "/verify-email/:token",
      "/invite/:token",
    ],
  },
  {
    name: "producer",
    email: "producer@tieubieu.test",
    start: () => ["/producer", "/producer/entries", "/producer/certificates", "/rounds", "/account"],
    scope: /^\/(producer|account|rounds)/,
    expected: [
      "/producer",
      "/producer/establishments/new",
      "/producer/establishments/:id",
      "/producer/products/new",
      "/producer/products/:id",
      "/producer/entries",
      "/producer/entries/new",
      "/producer/entries/:id",
      "/producer/certificates",
      "/rounds",
      "/account",
    ],
  },
  {
    name: "judge",
    email: "judge1@tieubieu.test",
    start: () => ["/judge"],
    scope: /^\/(judge|account)/,
    expected: ["/judge", "/judge/rounds/:id", "/judge/rounds/:id/declaration", "/judge/rounds/:id/entries/:id"],
  },
  {
    name: "provincial organiser",
    email: "organiser.bacninh@tieubieu.test",
    start: () => ["/admin", "/admin/rounds", "/admin/rounds/new"],
    scope: /^\/(admin|account)/,
    detailRounds: [JUDGING_ROUND, PAST_PROVINCE_ROUND, OPEN_PROVINCE_ROUND],
    expected: ["/admin", "/admin/rounds", "/admin/rounds/new", ...ADMIN_ROUND_PAGES],
  },
  {
    name: "regional organiser",
    email: "organiser.mienbac@tieubieu.test",
    start: () => ["/admin", "/admin/rounds"],
    scope: /^\/(admin|account)/,
    detailRounds: [OPEN_REGION_ROUND],
    // The open regional round's results are not final, so it links no nominations page (onward to the nation) yet.
    expected: [
      "/admin",
      "/admin/rounds",
      "/admin/rounds/:id",
      "/admin/rounds/:id/entries",
      "/admin/rounds/:id/jury",
      "/admin/rounds/:id/rubric",
      "/admin/rounds/:id/short-list-import",
    ],
  },
  {
    name: "national organiser",
    email: "organiser.quocgia@tieubieu.test",
    start: () => ["/admin", "/admin/rounds"],
    scope: /^\/(admin|account)/,
    expected: ["/admin", "/admin/rounds", "/admin/rounds/:id"],
  },
  {
    name: "administrator",
    email: "admin@tieubieu.test",
    start: () => [
      "/admin",
      "/admin/users",
      "/admin/invitations",
      "/admin/outbox",
      "/admin/audit",
      "/admin/provinces",
      "/admin/rounds",
    ],
    scope: /^\/(admin|account)/,
    expected: [
      "/admin",
      "/admin/users",
      "/admin/invitations",
      "/admin/outbox",
      "/admin/outbox/:id",
      "/admin/audit",
      "/admin/provinces",
      "/admin/rounds",
      "/admin/rounds/new",
      "/admin/rounds/:id",
      "/account",
    ],
  },
];

function readDemo<T>(read: (db: Database.Database) => T): T {
  const db = new Database(path.join(e2eDataDir(), "tieubieu.db"), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

function certificateCodes(): string[] {
  return readDemo((db) => {
    // one certificate per status (valid, expired, revoked), so that each verdict of /verify/<code> is checked
    const rows = db.prepare('SELECT "code", "validUntil", "revokedAt" FROM "Certificate" ORDER BY "serial"').all() as {
      code: string;
      validUntil: string | number;
      revokedAt: string | number | null;
    }[];
    const byStatus = new Map<string, string>();
    for (const row of rows) {
      const validUntil =
        typeof row.validUntil === "number" || /^\d+$/.test(row.validUntil)
          ? new Date(Number(row.validUntil))
          : new Date(row.validUntil);
      const status = row.revokedAt !== null ? "revoked" : validUntil < new Date() ? "expired" : "valid";
      if (!byStatus.has(status)) byStatus.set(status, row.code);
    }
    return [...byStatus.values()];
  });
}

function roundIds(names: string[]): Set<string> {
  return readDemo((db) => {
    const statement = db.prepare('SELECT "id" FROM "Round" WHERE "name" = ?');
    return new Set(names.map((name) => (statement.get(name) as { id: string }).id));
  });
}

/** A path's page pattern: ids and tokens replaced by placeholders. */
function patternOf(pathname: string): string {
  if (/^\/verify\/./.test(pathname)) return "/verify/:code";
  const token = /^\/(reset-password|verify-email|invite)\/./.exec(pathname);
  if (token) return `/${token[1]}/:token`;
  return pathname
    .split("/")
    .map((segment) => (/^[a-z0-9]{20,}$/i.test(segment) ? ":id" : segment))
    .join("/");
}

/**
 * The key a page is visited once for: its pattern, and its round id for a detail round. Null for
 * the pages of a round the walk leaves out: when a role names detail rounds, its other rounds
 * (same pages, other data) are skipped, to keep the walk's time reasonable.
 */
function visitKey(pathname: string, detailRoundIds: Set<string>): string | null {
  const round = /^\/admin\/rounds\/([^/]+)/.exec(pathname)?.[1];
  const pattern = patternOf(pathname);
  if (!round || round === "new" || detailRoundIds.size === 0) return pattern;
  return detailRoundIds.has(round) ? `${pattern} @${round}` : null;
}

/** The same-origin links of the page, as path and query (a query may carry a page's subject, e.g. ?round=). */
async function linksOn(page: Page): Promise<string[]> {
  const origin = new URL(page.url()).origin;
  const hrefs = await page
    .locator("a[href]")
    .evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
  const links = new Set<string>();
  for (const href of hrefs) {
    const url = new URL(href);
    if (url.origin === origin) links.add(url.pathname + url.search);
  }
  return [...links];
}

async function walk(browser: Browser, role: Role) {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  if (role.email) await login(page, role.email, DEMO_PASSWORD);
  const detailRoundIds = role.detailRounds ? roundIds(role.detailRounds) : new Set<string>();
  const queue = role.start();
  const seen = new Set<string>(queue);
  const visitedKeys = new Set<string>();
  const visitedPatterns = new Set<string>();
  while (queue.length > 0) {
    const link = queue.shift()!;
    const pathname = new URL(link, "http://x").pathname;
    const key = visitKey(pathname, detailRoundIds);
    if (key === null || visitedKeys.has(key)) continue;
    visitedKeys.add(key);
    await page.setViewportSize(DESKTOP);
    const response = await page.goto(link);
    await page.waitForLoadState("load");
    // a link to a document that is not a page (a JSON credential, an issuer's DID document) has no page to check
    const contentType = response?.headers()["content-type"] ?? "";
    if (!contentType.startsWith("text/html")) continue;
    const landed = new URL(page.url()).pathname;
    // a redirect (e.g. to the declaration, or to /login) is checked where it lands, under its own key
    if (landed !== pathname) {
      const landedKey = visitKey(landed, detailRoundIds);
      if (landedKey === null || visitedKeys.has(landedKey)) continue;
      visitedKeys.add(landedKey);
    }
    visitedPatterns.add(patternOf(landed));
    const label = `[${role.name}] ${landed} (HTTP ${response?.status() ?? "?"})`;
    console.log(`${label}: checking`);
    await expectNoAxeViolations(page, `${label} at 1280 px`);
    await page.setViewportSize(PHONE);
    await expectNoAxeViolations(page, `${label} at 360 px`);
    for (const next of await linksOn(page)) {
      const nextPath = new URL(next, "http://x").pathname;
      if (seen.has(next) || NOT_PAGES.test(nextPath) || !role.scope.test(nextPath)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  await context.close();
  return [...visitedPatterns].sort();
}

for (const role of ROLES) {
  test(`no accessibility violation on the pages of the ${role.name}, at 360 and 1280 px`, async ({ browser }) => {
    test.setTimeout(1_800_000); // about 60 axe runs for an organiser: minutes on a loaded machine
    const visited = await walk(browser, role);
    console.log(`[${role.name}] ${visited.length} pages: ${visited.join(", ")}`);
    expect(visited).toEqual(expect.arrayContaining(role.expected));
  });
}
