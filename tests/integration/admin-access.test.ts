// The administration area through its route modules: who may open which page (checked in every
// loader and action, not only in the menu), and what administrators can do there — users and
// their roles, the outbox, the audit log, provinces' regions — with bad parameters answered by
// 400/404, never a crash.
import { beforeAll, describe, expect, test } from "vitest";
import { DEMO_PASSWORD, seed } from "../../prisma/seed";
import { getAuth, login } from "~/modules/auth/auth.server";
import { queueMail } from "~/modules/mail/outbox.server";
import * as adminRoute from "~/routes/admin";
import * as auditRoute from "~/routes/admin.audit";
import * as overviewRoute from "~/routes/admin._index";
import * as invitationsRoute from "~/routes/admin.invitations";
import * as outboxRoute from "~/routes/admin.outbox";
import * as mailRoute from "~/routes/admin.outbox_.$id";
import * as provincesRoute from "~/routes/admin.provinces";
import * as usersRoute from "~/routes/admin.users";
import { firstRow } from "~/utils/arrays";
import { prisma } from "~/utils/db.server";
import { call, cookieFor, get, post, type RouteFn } from "../support/route-calls";

type LoaderData<T extends (...args: never[]) => unknown> = Awaited<ReturnType<T>>;

// ───────────── fixtures ─────────────

let admin: string;
let bacNinh: string;
let north: string;
let producer: string;
let mailId: string;

beforeAll(async () => {
  await seed(prisma, { demo: true });
  [admin, bacNinh, north, producer] = await Promise.all([
    cookieFor("admin@tieubieu.test"),
    cookieFor("organiser.bacninh@tieubieu.test"),
    cookieFor("organiser.mienbac@tieubieu.test"),
    cookieFor("producer@tieubieu.test"),
  ]);
  mailId = (
    await queueMail(prisma, { to: "nguoi.nhan@example.vn", subject: "Thử", text: "Nội dung\nhttp://localhost:3000/x" })
  ).id;
});

// ───────────── who may open what ─────────────

const PAGES: Record<string, { fn: RouteFn; path: string; params?: Record<string, string> }> = {
  layout: { fn: adminRoute.loader, path: "/admin" },
  overview: { fn: overviewRoute.loader, path: "/admin" },
  invitations: { fn: invitationsRoute.loader, path: "/admin/invitations" },
  users: { fn: usersRoute.loader, path: "/admin/users" },
  outbox: { fn: outboxRoute.loader, path: "/admin/outbox" },
  mail: { fn: mailRoute.loader, path: "/admin/outbox/x", params: { id: "x" } },
  audit: { fn: auditRoute.loader, path: "/admin/audit" },
  provinces: { fn: provincesRoute.loader, path: "/admin/provinces" },
};

async function statusOf(page: keyof typeof PAGES, cookie?: string) {
  const p = PAGES[page];
  if (!p) throw new Error(`no admin page named ${page}`);
  const params = page === "mail" ? { id: mailId } : (p.params ?? {});
  return (await call(p.fn, get(page === "mail" ? `/admin/outbox/${mailId}` : p.path, cookie), params)).status;
}

describe("access", () => {
  test("anonymous visitors are sent to the log-in page and back", async () => {
    const o = await call(usersRoute.loader, get("/admin/users?q=a"));
    expect(o.status).toBe(302);
    expect(o.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent("/admin/users?q=a")}`);
  });

  test("a producer gets 403 everywhere in the admin area", async () => {
    for (const page of Object.keys(PAGES) as (keyof typeof PAGES)[]) {
      expect(await statusOf(page, producer), page).toBe(403);
    }
  });

  test("a province organiser opens the overview and invitations, and nothing for administrators", async () => {
    const expected: Record<keyof typeof PAGES, number> = {
      layout: 200,
      overview: 200,
      invitations: 200,
      users: 403,
      outbox: 403,
      mail: 403,
      audit: 403,
      provinces: 403,
    };
    for (const [page, status] of Object.entries(expected)) expect(await statusOf(page, bacNinh), page).toBe(status);
    const layout = (await call(adminRoute.loader, get("/admin", bacNinh))).data as LoaderData<typeof adminRoute.loader>;
    expect(layout.nav).toEqual({ invitations: true, users: false, outbox: false, audit: false, provinces: false });
  });

  test("a regional organiser has the area but cannot invite", async () => {
    expect(await statusOf("layout", north)).toBe(200);
    expect(await statusOf("overview", north)).toBe(200);
    expect(await statusOf("invitations", north)).toBe(403);
    expect(await statusOf("users", north)).toBe(403);
  });

  test("an administrator opens every page", async () => {
    for (const page of Object.keys(PAGES) as (keyof typeof PAGES)[]) {
      expect(await statusOf(page, admin), page).toBe(200);
    }
  });

  test("state changes are refused on the server to those who may not make them", async () => {
    const target = await prisma.user.findUniqueOrThrow({ where: { email: "producer@tieubieu.test" } });
    const role = await prisma.roleAssignment.findFirstOrThrow({ where: { userId: target.id } });
    const province = await prisma.province.findUniqueOrThrow({ where: { code: "BN" } });
    const south = await prisma.region.findUniqueOrThrow({ where: { code: "SOUTH" } });
    for (const cookie of [bacNinh, producer]) {
      expect(
        (await call(usersRoute.action, post("/admin/users", { intent: "disable", userId: target.id }, cookie))).status,
      ).toBe(403);
      expect(
        (await call(usersRoute.action, post("/admin/users", { intent: "removeRole", roleId: role.id }, cookie))).status,
      ).toBe(403);
      expect(
        (
          await call(
            provincesRoute.action,
            post("/admin/provinces", { provinceId: province.id, regionId: south.id }, cookie),
          )
        ).status,
      ).toBe(403);
    }
    expect(
      (
        await call(
          invitationsRoute.action,
          post("/admin/invitations", { intent: "invite", email: "a@b.vn", level: "NATION" }, producer),
        )
      ).status,
    ).toBe(403);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: target.id } })).disabledAt).toBeNull();
    expect(await prisma.roleAssignment.count({ where: { id: role.id } })).toBe(1);
  });
});

describe("overview", () => {
  test("shows each person the figures of their scope", async () => {
    const forAdmin = (await call(overviewRoute.loader, get("/admin", admin))).data as LoaderData<
      typeof overviewRoute.loader
    >;
    expect(forAdmin.counts).toMatchObject({ users: 5, pendingInvitations: 0 });
    expect(forAdmin.counts.mails).toBeGreaterThanOrEqual(1);
    expect(forAdmin.counts.auditToday).toBeGreaterThanOrEqual(4); // the log-ins above
    const forBacNinh = (await call(overviewRoute.loader, get("/admin", bacNinh))).data as LoaderData<
      typeof overviewRoute.loader
    >;
    expect(forBacNinh.counts).toEqual({ pendingInvitations: 0, users: null, mails: null, auditToday: null });
    expect(forBacNinh.roles).toEqual([
      expect.objectContaining({
        role: "ORGANISER",
        scope: expect.objectContaining({ level: "PROVINCE", provinceName: "Bắc Ninh" }),
      }),
    ]);
  });
});

// ───────────── users ─────────────

describe("users", () => {
  const list = async (search: string) =>
    ((await call(usersRoute.loader, get(`/admin/users${search}`, admin))).data as LoaderData<typeof usersRoute.loader>)
      .list;

  test("search ignores case in names and emails", async () => {
    for (const q of ["nguyễn", "NGUYỄN", "Nguyễn", "nGuYễN"]) {
      const emails = (await list(`?q=${encodeURIComponent(q)}`)).items.map((u) => u.email).sort();
      expect(emails, q).toEqual(["organiser.bacninh@tieubieu.test", "producer@tieubieu.test"]);
    }
    expect((await list("?q=ADMIN%40TIEUBIEU")).items.map((u) => u.email)).toEqual(["admin@tieubieu.test"]);
    expect((await list("?q=kh%C3%B4ng-c%C3%B3-ai")).items).toEqual([]);
    const all = await list("?page=zzz");
    expect(all).toMatchObject({ page: 1, pages: 1, total: 5 });
    const producerRow = all.items.find((u) => u.email === "producer@tieubieu.test");
    expect(producerRow?.roles).toEqual([
      expect.objectContaining({ role: "PRODUCER", scope: expect.objectContaining({ provinceName: "Bắc Ninh" }) }),
    ]);
  });

  test("an administrator removes a role, audited", async () => {
    const role = await prisma.roleAssignment.findFirstOrThrow({
      where: { user: { email: "organiser.mienbac@tieubieu.test" } },
    });
    const o = await call(
      usersRoute.action,
      post("/admin/users", { intent: "removeRole", roleId: role.id, redirectTo: "/admin/users?q=tran" }, admin),
    );
    expect(o.status).toBe(302);
    expect(o.headers.get("Location")).toBe("/admin/users?q=tran");
    expect(await prisma.roleAssignment.count({ where: { id: role.id } })).toBe(0);
    const entry = await prisma.auditLog.findFirstOrThrow({
      where: { action: "user.role_removed", entityId: role.userId },
    });
    expect(entry.before).toMatchObject({
      role: "ORGANISER",
      level: "REGION",
      email: "organiser.mienbac@tieubieu.test",
    });
    // Without the role the area is closed to them at once (same session).
    expect(await statusOf("layout", north)).toBe(403);
    // Removing it again: it no longer exists.
    expect(
      (await call(usersRoute.action, post("/admin/users", { intent: "removeRole", roleId: role.id }, admin))).status,
    ).toBe(404);
  });

  test("an administrator cannot remove their own last ADMIN role nor disable themselves", async () => {
    const me = await prisma.user.findUniqueOrThrow({
      where: { email: "admin@tieubieu.test" },
      select: { id: true, roles: true },
    });
    const o = await call(
      usersRoute.action,
      post("/admin/users", { intent: "removeRole", roleId: firstRow(me.roles, "the administrator's roles").id }, admin),
    );
    expect(o.status).toBe(409);
    expect(o.data).toEqual({ error: "admin.users.lastAdminRole" });
    expect(await prisma.roleAssignment.count({ where: { userId: me.id, role: "ADMIN" } })).toBe(1);
    const d = await call(usersRoute.action, post("/admin/users", { intent: "disable", userId: me.id }, admin));
    expect(d.status).toBe(409);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: me.id } })).disabledAt).toBeNull();
  });

  test("disabling an account ends its sessions; enabling lets it log in again", async () => {
    const target = await prisma.user.findUniqueOrThrow({ where: { email: "producer@tieubieu.test" } });
    expect(await getAuth(get("/account", producer))).not.toBeNull();
    const o = await call(usersRoute.action, post("/admin/users", { intent: "disable", userId: target.id }, admin));
    expect(o.status).toBe(302);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: target.id } })).disabledAt).toBeInstanceOf(Date);
    expect(await prisma.session.count({ where: { userId: target.id } })).toBe(0);
    expect(await getAuth(get("/account", producer))).toBeNull();
    await expect(
      login({ email: "producer@tieubieu.test", password: DEMO_PASSWORD, meta: { ip: "127.0.0.1" } }),
    ).rejects.toMatchObject({ status: 400 });
    expect(await prisma.auditLog.count({ where: { action: "user.disabled", entityId: target.id } })).toBe(1);

    const e = await call(usersRoute.action, post("/admin/users", { intent: "enable", userId: target.id }, admin));
    expect(e.status).toBe(302);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: target.id } })).disabledAt).toBeNull();
    expect(await prisma.auditLog.count({ where: { action: "user.enabled", entityId: target.id } })).toBe(1);
    producer = await cookieFor("producer@tieubieu.test");
  });

  test("bad input is a 400 or 404", async () => {
    expect((await call(usersRoute.action, post("/admin/users", { intent: "explode" }, admin))).status).toBe(400);
    expect((await call(usersRoute.action, post("/admin/users", { intent: "disable" }, admin))).status).toBe(400);
    expect(
      (await call(usersRoute.action, post("/admin/users", { intent: "disable", userId: "khong-co" }, admin))).status,
    ).toBe(404);
    // An open redirect is not possible through redirectTo.
    const target = await prisma.user.findUniqueOrThrow({ where: { email: "organiser.quocgia@tieubieu.test" } });
    const o = await call(
      usersRoute.action,
      post("/admin/users", { intent: "enable", userId: target.id, redirectTo: "//evil.example/admin/users" }, admin),
    );
    expect(o.headers.get("Location")).toBe("/admin/users");
  });
});

// ───────────── outbox and audit log ─────────────

describe("outbox", () => {
  test("lists, filters by recipient and shows a mail's text", async () => {
    const all = (
      (await call(outboxRoute.loader, get("/admin/outbox?page=-1", admin))).data as LoaderData<
        typeof outboxRoute.loader
      >
    ).list;
    expect(all.items.map((m) => m.to)).toContain("nguoi.nhan@example.vn");
    const filtered = (
      (await call(outboxRoute.loader, get("/admin/outbox?to=NGUOI.NHAN", admin))).data as LoaderData<
        typeof outboxRoute.loader
      >
    ).list;
    expect(filtered.items.map((m) => m.id)).toEqual([mailId]);
    const one = await call(mailRoute.loader, get(`/admin/outbox/${mailId}`, admin), { id: mailId });
    expect((one.data as LoaderData<typeof mailRoute.loader>).mail).toMatchObject({
      to: "nguoi.nhan@example.vn",
      text: "Nội dung\nhttp://localhost:3000/x",
      status: "STORED",
    });
  });

  test("an unknown or malformed id is a 404", async () => {
    expect((await call(mailRoute.loader, get("/admin/outbox/khongco", admin), { id: "khongco" })).status).toBe(404);
    expect((await call(mailRoute.loader, get("/admin/outbox/..%2Fx", admin), { id: "../x" })).status).toBe(404);
  });
});

describe("audit log", () => {
  const entries = async (search: string) => {
    const o = await call(auditRoute.loader, get(`/admin/audit${search}`, admin));
    expect(o.status, search).toBe(200);
    return (o.data as LoaderData<typeof auditRoute.loader>).list;
  };

  test("newest first, filtered by action prefix, actor and dates", async () => {
    const all = await entries("");
    const times = all.items.map((e) => new Date(e.createdAt).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const logins = await entries("?action=auth.login");
    expect(logins.total).toBeGreaterThan(0);
    expect(logins.items.every((e) => e.action.startsWith("auth.login"))).toBe(true);

    const byAdmin = await entries("?actor=ADMIN%40tieubieu.test");
    expect(byAdmin.total).toBeGreaterThan(0);
    expect(byAdmin.items.every((e) => e.actor?.email === "admin@tieubieu.test")).toBe(true);

    const todayVn = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
    expect((await entries(`?from=${todayVn}&to=${todayVn}`)).total).toBe(all.total);
    expect((await entries("?from=2000-01-01&to=2000-01-31")).total).toBe(0);
    expect((await entries("?from=&to=&action=&actor=")).total).toBe(all.total);
  });

  test("a malformed date is a 400, and before/after are part of the entry", async () => {
    for (const bad of ["?from=31/01/2026", "?to=2026-02-31", "?from=yesterday"]) {
      expect((await call(auditRoute.loader, get(`/admin/audit${bad}`, admin))).status, bad).toBe(400);
    }
    const changes = await entries("?action=user.role_removed");
    expect(firstRow(changes.items, "the role removals").before).toMatchObject({ role: "ORGANISER" });
  });
});

// ───────────── provinces ─────────────

describe("provinces", () => {
  test("regions with their current provinces, and the former ones with their successors", async () => {
    const d = (await call(provincesRoute.loader, get("/admin/provinces", admin))).data as LoaderData<
      typeof provincesRoute.loader
    >;
    expect(d.regions.map((r) => [r.code, r.provinces.length])).toEqual([
      ["NORTH", 18],
      ["CENTRAL", 8],
      ["SOUTH", 8],
    ]);
    expect(firstRow(firstRow(d.regions, "the regions").provinces, "the North's provinces").name).toBe("Bắc Ninh"); // Vietnamese order, not code points
    expect(d.unassigned).toEqual([]);
    expect(d.former).toHaveLength(63);
    expect(d.former.find((p) => p.code === "F-BG")?.successor?.name).toBe("Bắc Ninh");
  });

  test("an administrator moves a province to another region, audited with before and after", async () => {
    const lamDong = await prisma.province.findUniqueOrThrow({
      where: { code: "LD" },
      select: { id: true, regionId: true },
    });
    const south = await prisma.region.findUniqueOrThrow({ where: { code: "SOUTH" } });
    const o = await call(
      provincesRoute.action,
      post("/admin/provinces", { provinceId: lamDong.id, regionId: south.id }, admin),
    );
    expect(o.status).toBe(302);
    expect((await prisma.province.findUniqueOrThrow({ where: { id: lamDong.id } })).regionId).toBe(south.id);
    const entry = await prisma.auditLog.findFirstOrThrow({
      where: { action: "province.region_changed", entityId: lamDong.id },
    });
    expect(entry.before).toMatchObject({ code: "LD", regionId: lamDong.regionId, region: "CENTRAL" });
    expect(entry.after).toMatchObject({ code: "LD", regionId: south.id, region: "SOUTH" });
  });

  test("former provinces, unknown ids and missing fields are refused", async () => {
    const former = await prisma.province.findUniqueOrThrow({ where: { code: "F-BG" } });
    const south = await prisma.region.findUniqueOrThrow({ where: { code: "SOUTH" } });
    const bn = await prisma.province.findUniqueOrThrow({ where: { code: "BN" } });
    const status = async (fields: Record<string, string>) =>
      (await call(provincesRoute.action, post("/admin/provinces", fields, admin))).status;
    expect(await status({ provinceId: former.id, regionId: south.id })).toBe(400);
    expect(await status({ provinceId: "khong-co", regionId: south.id })).toBe(404);
    expect(await status({ provinceId: bn.id, regionId: "khong-co" })).toBe(400);
    expect(await status({ provinceId: bn.id })).toBe(400);
    expect((await prisma.province.findUniqueOrThrow({ where: { id: former.id } })).regionId).toBe(former.regionId);
  });
});
