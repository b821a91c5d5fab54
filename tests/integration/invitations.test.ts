// Organisers' invitations end to end through the route modules (admin.invitations, invite.$token)
// against this file's own migrated and seeded database: scoping, the mail and its link,
// acceptance (new and existing accounts), single use, expiry, revocation and form errors.
import { beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { getAuth } from "~/modules/auth/auth.server";
import { hashToken } from "~/modules/auth/tokens.server";
import * as invitationsRoute from "~/routes/admin.invitations";
import * as adminRoute from "~/routes/admin";
import * as inviteRoute from "~/routes/invite.$token";
import { itemAt } from "~/utils/arrays";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { translate, type MessageKey } from "~/utils/i18n";
import { call, cookieFor, get, post, type Outcome } from "../support/route-calls";

/** The form result Conform sends back (what the user typed, and the errors as message keys). */
type FormResult = { initialValue?: Record<string, unknown>; error?: Record<string, string[] | null> };
const resultOf = (o: Outcome) => (o.data as { result: FormResult }).result;

const tokenInMail = (text: string) => {
  const m = new RegExp(`${getEnv().appUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/invite/([A-Za-z0-9_-]+)`).exec(text);
  const token = m?.[1];
  if (!token) throw new Error(`no invitation link in:\n${text}`);
  return token;
};

async function latestMailTo(email: string) {
  return prisma.mailMessage.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: "desc" } });
}

function sessionCookieFrom(headers: Headers) {
  const c = headers.getSetCookie().find((h) => h.startsWith("tb_session="));
  return c?.split(";")[0];
}

// ───────────── fixtures ─────────────

let admin: string;
let bacNinhOrganiser: string;
let producer: string;
let nationalOrganiser: string;
const ids = { BN: "", HN: "", formerBG: "", NORTH: "", SOUTH: "" };

beforeAll(async () => {
  await seed(prisma, { demo: true });
  const byCode = async (code: string) =>
    (await prisma.province.findUniqueOrThrow({ where: { code }, select: { id: true } })).id;
  ids.BN = await byCode("BN");
  ids.HN = await byCode("HN");
  ids.formerBG = await byCode("F-BG");
  ids.NORTH = (await prisma.region.findUniqueOrThrow({ where: { code: "NORTH" } })).id;
  ids.SOUTH = (await prisma.region.findUniqueOrThrow({ where: { code: "SOUTH" } })).id;
  [admin, bacNinhOrganiser, producer, nationalOrganiser] = await Promise.all([
    cookieFor("admin@tieubieu.test"),
    cookieFor("organiser.bacninh@tieubieu.test"),
    cookieFor("producer@tieubieu.test"),
    cookieFor("organiser.quocgia@tieubieu.test"),
  ]);
});

const invite = (fields: Record<string, string>, cookie: string) =>
  call(invitationsRoute.action, post("/admin/invitations", { intent: "invite", ...fields }, cookie));

// ───────────── tests ─────────────

describe("who may invite whom", () => {
  test("a province organiser invites into Bắc Ninh, but not Hà Nội, a region or the nation", async () => {
    const ok = await invite(
      { email: "can.bo.moi@bacninh.test", level: "PROVINCE", provinceId: ids.BN },
      bacNinhOrganiser,
    );
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/admin/invitations");
    const row = await prisma.invitation.findFirstOrThrow({ where: { email: "can.bo.moi@bacninh.test" } });
    expect(row).toMatchObject({
      role: "ORGANISER",
      level: "PROVINCE",
      provinceId: ids.BN,
      regionId: null,
      acceptedAt: null,
      revokedAt: null,
    });
    // 7 days, give or take the test's own run time.
    expect(Math.abs(row.expiresAt.getTime() - Date.now() - 7 * 24 * 3600 * 1000)).toBeLessThan(60_000);
    expect(await prisma.auditLog.count({ where: { action: "invitation.create", entityId: row.id } })).toBe(1);

    const outOfScope: Record<string, string>[] = [
      { email: "ha.noi@example.vn", level: "PROVINCE", provinceId: ids.HN },
      { email: "mien.bac@example.vn", level: "REGION", regionId: ids.NORTH },
      { email: "quoc.gia@example.vn", level: "NATION" },
    ];
    for (const fields of outOfScope) {
      const refused = await invite(fields, bacNinhOrganiser);
      expect(refused.status, JSON.stringify(fields)).toBe(403);
      expect(resultOf(refused).error?.[""]).toEqual(["admin.invite.forbidden"]);
      expect(await prisma.invitation.count({ where: { email: fields.email } })).toBe(0);
      expect(await prisma.mailMessage.count({ where: { to: fields.email } })).toBe(0);
    }
  });

  test("the list of a province organiser shows Bắc Ninh invitations only", async () => {
    await invite({ email: "thu.do@example.vn", level: "PROVINCE", provinceId: ids.HN }, admin);
    await invite({ email: "phia.nam@example.vn", level: "REGION", regionId: ids.SOUTH }, admin);

    const mine = await call(invitationsRoute.loader, get("/admin/invitations", bacNinhOrganiser));
    expect(mine.status).toBe(200);
    const list = (mine.data as Awaited<ReturnType<typeof invitationsRoute.loader>>).list;
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((i) => i.scope.level === "PROVINCE" && i.scope.provinceName === "Bắc Ninh")).toBe(true);
    expect(list.items.map((i) => i.email)).not.toContain("thu.do@example.vn");
    // The form offers their own province only.
    const options = (mine.data as Awaited<ReturnType<typeof invitationsRoute.loader>>).options;
    expect(options).toEqual({ levels: ["PROVINCE"], regions: [], provinces: [{ id: ids.BN, name: "Bắc Ninh" }] });

    const all = (await call(invitationsRoute.loader, get("/admin/invitations", admin))).data as Awaited<
      ReturnType<typeof invitationsRoute.loader>
    >;
    expect(all.list.items.map((i) => i.email)).toEqual(
      expect.arrayContaining(["thu.do@example.vn", "phia.nam@example.vn", "can.bo.moi@bacninh.test"]),
    );
    expect(all.options.levels).toEqual(["NATION", "REGION", "PROVINCE"]);
    expect(all.options.provinces).toHaveLength(34);

    // Nor can they revoke another province's invitation: it does not exist for them.
    const hanoi = await prisma.invitation.findFirstOrThrow({ where: { email: "thu.do@example.vn" } });
    const revoke = await call(
      invitationsRoute.action,
      post("/admin/invitations", { intent: "revoke", invitationId: hanoi.id }, bacNinhOrganiser),
    );
    expect(revoke.status).toBe(404);
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: hanoi.id } })).revokedAt).toBeNull();
  });

  test("status filter and paging parameters never break the list", async () => {
    for (const search of ["?status=pending", "?status=bogus", "?page=abc", "?page=-3", "?page=99999", "?page=1.5"]) {
      const o = await call(invitationsRoute.loader, get(`/admin/invitations${search}`, admin));
      expect(o.status, search).toBe(200);
      const list = (o.data as Awaited<ReturnType<typeof invitationsRoute.loader>>).list;
      expect(list.page).toBeGreaterThanOrEqual(1);
      expect(list.page).toBeLessThanOrEqual(list.pages);
    }
    const pending = (await call(invitationsRoute.loader, get("/admin/invitations?status=pending", admin)))
      .data as Awaited<ReturnType<typeof invitationsRoute.loader>>;
    expect(pending.list.items.every((i) => i.status === "pending")).toBe(true);
  });
});

describe("a new regional organiser", () => {
  let token: string;

  test("is invited by an administrator and receives a mail with a working link", async () => {
    const o = await invite({ email: "  Mien.Bac.Moi@Example.VN ", level: "REGION", regionId: ids.NORTH }, admin);
    expect(o.status).toBe(302);
    const mail = await latestMailTo("mien.bac.moi@example.vn");
    expect(mail.subject).toContain("Khu vực Phía Bắc");
    expect(mail.text).toContain("Quản trị hệ thống"); // the inviter, by name
    expect(mail.text).toContain("admin@tieubieu.test");
    token = tokenInMail(mail.text);
    // Only the hash is stored.
    const row = await prisma.invitation.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    expect(row).toMatchObject({ email: "mien.bac.moi@example.vn", level: "REGION", regionId: ids.NORTH });
    expect(JSON.stringify(row)).not.toContain(token);
    expect(JSON.stringify(await prisma.auditLog.findMany({ where: { action: "invitation.create" } }))).not.toContain(
      token,
    );

    const page = await call(inviteRoute.loader, get(`/invite/${token}`), { token });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({
      email: "mien.bac.moi@example.vn",
      inviter: "Quản trị hệ thống",
      accountExists: false,
      viewer: null,
      scope: { level: "REGION", regionName: "Phía Bắc" },
    });
  });

  test("a weak password is refused and leaves the invitation pending", async () => {
    const o = await call(
      inviteRoute.action,
      post(`/invite/${token}`, { intent: "create", name: "Phạm Thị Lan", password: "ngan", confirmPassword: "ngan" }),
      { token },
    );
    expect(o.status).toBe(400);
    expect(resultOf(o).error?.password).toEqual(["auth.password.tooShort"]);
    expect(resultOf(o).initialValue).toMatchObject({ name: "Phạm Thị Lan" });
    expect(resultOf(o).initialValue).not.toHaveProperty("password");
    expect(await prisma.user.count({ where: { email: "mien.bac.moi@example.vn" } })).toBe(0);
  });

  test("accepting creates the account with the scoped role and logs it in", async () => {
    const o = await call(
      inviteRoute.action,
      post(`/invite/${token}`, {
        intent: "create",
        name: "Phạm Thị Lan",
        password: "Lua-nep-cai-2026",
        confirmPassword: "Lua-nep-cai-2026",
      }),
      { token },
    );
    expect(o.status).toBe(302);
    expect(o.headers.get("Location")).toBe("/admin");
    const user = await prisma.user.findUniqueOrThrow({
      where: { email: "mien.bac.moi@example.vn" },
      select: {
        id: true,
        name: true,
        emailVerifiedAt: true,
        roles: { select: { role: true, level: true, regionId: true, provinceId: true } },
      },
    });
    expect(user.name).toBe("Phạm Thị Lan");
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);
    expect(user.roles).toEqual([{ role: "ORGANISER", level: "REGION", regionId: ids.NORTH, provinceId: null }]);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);

    const cookie = sessionCookieFrom(o.headers);
    expect(cookie).toBeDefined();
    const auth = await getAuth(get("/admin", cookie));
    expect(auth?.user.id).toBe(user.id);
    expect((await call(adminRoute.loader, get("/admin", cookie))).status).toBe(200);

    const row = await prisma.invitation.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    expect(row.acceptedAt).toBeInstanceOf(Date);
    expect(row.acceptedById).toBe(user.id);
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "invitation.accept", entityId: row.id } });
    expect(entry).toMatchObject({ actorId: user.id, ipAddress: "127.0.0.1" });
  });

  test("the same link works only once", async () => {
    const again = await call(
      inviteRoute.action,
      post(`/invite/${token}`, {
        intent: "create",
        name: "Kẻ Khác",
        password: "Lua-nep-cai-2027",
        confirmPassword: "Lua-nep-cai-2027",
      }),
      { token },
    );
    expect(again.status).toBe(410);
    expect(resultOf(again).error?.[""]).toEqual(["invite.token.used"]);
    const page = await call(inviteRoute.loader, get(`/invite/${token}`), { token });
    expect(page.status).toBe(410);
    expect(page.data).toMatchObject({ messageKey: "invite.token.used" });
    expect(await prisma.user.count({ where: { email: "mien.bac.moi@example.vn" } })).toBe(1);
    expect(await prisma.roleAssignment.count({ where: { user: { email: "mien.bac.moi@example.vn" } } })).toBe(1);
  });

  test("inviting them again to the same scope is refused with a clear message", async () => {
    const o = await invite({ email: "mien.bac.moi@example.vn", level: "REGION", regionId: ids.NORTH }, admin);
    expect(o.status).toBe(409);
    const [message] = resultOf(o).error?.email ?? [];
    expect(message).toBe(translate("vi", "admin.invite.alreadyHolds", { email: "mien.bac.moi@example.vn" }));
    expect(resultOf(o).initialValue).toMatchObject({ email: "mien.bac.moi@example.vn" });
  });
});

describe("links that no longer work", () => {
  async function inviteAndGetToken(email: string) {
    const o = await invite({ email, level: "PROVINCE", provinceId: ids.BN }, admin);
    expect(o.status).toBe(302);
    return tokenInMail((await latestMailTo(email)).text);
  }

  test("an expired invitation says so", async () => {
    const token = await inviteAndGetToken("het.han@example.vn");
    await prisma.invitation.update({
      where: { tokenHash: hashToken(token) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const page = await call(inviteRoute.loader, get(`/invite/${token}`), { token });
    expect(page.status).toBe(410);
    expect(page.data).toMatchObject({ messageKey: "invite.token.expired" });
    const accept = await call(
      inviteRoute.action,
      post(`/invite/${token}`, {
        intent: "create",
        name: "Hết Hạn",
        password: "Lua-nep-cai-2026",
        confirmPassword: "Lua-nep-cai-2026",
      }),
      { token },
    );
    expect(accept.status).toBe(410);
    expect(resultOf(accept).error?.[""]).toEqual(["invite.token.expired"]);
    expect(await prisma.user.count({ where: { email: "het.han@example.vn" } })).toBe(0);
  });

  test("a revoked invitation says so, and revoking is audited", async () => {
    const token = await inviteAndGetToken("thu.hoi@example.vn");
    const row = await prisma.invitation.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    const revoke = await call(
      invitationsRoute.action,
      post(
        "/admin/invitations",
        { intent: "revoke", invitationId: row.id, redirectTo: "/admin/invitations?page=1" },
        bacNinhOrganiser,
      ),
    );
    expect(revoke.status).toBe(302);
    expect(revoke.headers.get("Location")).toBe("/admin/invitations?page=1");
    expect(await prisma.auditLog.count({ where: { action: "invitation.revoke", entityId: row.id } })).toBe(1);

    const page = await call(inviteRoute.loader, get(`/invite/${token}`), { token });
    expect(page.status).toBe(410);
    expect(page.data).toMatchObject({ messageKey: "invite.token.revoked" });
    expect(translate("vi", "invite.token.revoked")).not.toBe(translate("vi", "invite.token.expired"));
  });

  test("an unknown or malformed token is a 404", async () => {
    const unknown = "A".repeat(43);
    const a = await call(inviteRoute.loader, get(`/invite/${unknown}`), { token: unknown });
    expect(a.status).toBe(404);
    expect(a.data).toMatchObject({ messageKey: "invite.token.invalid" });
    const b = await call(inviteRoute.loader, get("/invite/x'%20or%201=1"), { token: "x' or 1=1" });
    expect(b.status).toBe(404);
  });

  test("a second invitation to the same person and scope replaces the pending one", async () => {
    const first = await inviteAndGetToken("hai.lan@example.vn");
    const second = await inviteAndGetToken("hai.lan@example.vn");
    expect(second).not.toBe(first);
    const rows = await prisma.invitation.findMany({
      where: { email: "hai.lan@example.vn" },
      orderBy: { createdAt: "asc" },
    });
    expect(rows).toHaveLength(2);
    expect(itemAt(rows, 0, "the invitations").revokedAt).toBeInstanceOf(Date);
    expect(itemAt(rows, 1, "the invitations").revokedAt).toBeNull();
    expect((await call(inviteRoute.loader, get(`/invite/${first}`), { token: first })).data).toMatchObject({
      messageKey: "invite.token.revoked",
    });
    expect((await call(inviteRoute.loader, get(`/invite/${second}`), { token: second })).status).toBe(200);
  });
});

describe("an existing account", () => {
  let token: string;

  beforeAll(async () => {
    const o = await invite({ email: "producer@tieubieu.test", level: "PROVINCE", provinceId: ids.BN }, admin);
    expect(o.status).toBe(302);
    token = tokenInMail((await latestMailTo("producer@tieubieu.test")).text);
  });

  test("must log in first; the page links to the log-in with a way back", async () => {
    const page = await call(inviteRoute.loader, get(`/invite/${token}`), { token });
    expect(page.data).toMatchObject({
      accountExists: true,
      viewer: null,
      loginUrl: `/login?redirectTo=${encodeURIComponent(`/invite/${token}`)}`,
    });
    const anonymous = await call(inviteRoute.action, post(`/invite/${token}`, { intent: "accept" }), { token });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/invite/${token}`)}`);
    // Trying to create a second account for the address is refused too.
    const create = await call(
      inviteRoute.action,
      post(`/invite/${token}`, {
        intent: "create",
        name: "Giả Danh",
        password: "Lua-nep-cai-2026",
        confirmPassword: "Lua-nep-cai-2026",
      }),
      { token },
    );
    expect(create.status).toBe(401);
    expect(resultOf(create).error?.[""]?.[0]).toBe(
      translate("vi", "invite.accept.loginFirst", { email: "producer@tieubieu.test" }),
    );
  });

  test("logged in as someone else, it explains and refuses", async () => {
    const page = await call(inviteRoute.loader, get(`/invite/${token}`, nationalOrganiser), { token });
    expect(page.data).toMatchObject({ viewer: { email: "organiser.quocgia@tieubieu.test", isInvitee: false } });
    const o = await call(inviteRoute.action, post(`/invite/${token}`, { intent: "accept" }, nationalOrganiser), {
      token,
    });
    expect(o.status).toBe(403);
    expect(o.data).toMatchObject({ messageKey: "invite.accept.wrongAccount" });
  });

  test("logged in as themselves, the role is added to the ones they have", async () => {
    const page = await call(inviteRoute.loader, get(`/invite/${token}`, producer), { token });
    expect(page.data).toMatchObject({ viewer: { isInvitee: true } });
    const sessionsBefore = await prisma.session.count({ where: { user: { email: "producer@tieubieu.test" } } });
    const o = await call(inviteRoute.action, post(`/invite/${token}`, { intent: "accept" }, producer), { token });
    expect(o.status).toBe(302);
    expect(o.headers.get("Location")).toBe("/admin");
    const roles = await prisma.roleAssignment.findMany({
      where: { user: { email: "producer@tieubieu.test" } },
      select: { role: true, level: true, provinceId: true },
      orderBy: { role: "asc" },
    });
    expect(roles).toEqual([
      { role: "ORGANISER", level: "PROVINCE", provinceId: ids.BN },
      { role: "PRODUCER", level: "PROVINCE", provinceId: ids.BN },
    ]);
    expect(await prisma.session.count({ where: { user: { email: "producer@tieubieu.test" } } })).toBe(sessionsBefore);
    // The same cookie now opens the admin area.
    expect((await call(adminRoute.loader, get("/admin", producer))).status).toBe(200);
  });
});

describe("form errors", () => {
  const key = (o: Outcome, field: string) => resultOf(o).error?.[field]?.[0] as MessageKey;

  test("a level without its region or province is a 400 in Vietnamese that keeps the email", async () => {
    const region = await invite({ email: "ai.do@example.vn", level: "REGION" }, admin);
    expect(region.status).toBe(400);
    expect(resultOf(region).initialValue).toMatchObject({ email: "ai.do@example.vn", level: "REGION" });
    expect(translate("vi", key(region, "regionId"))).toBe("Vui lòng chọn khu vực cho lời mời cấp khu vực.");

    const province = await invite({ email: "ai.do@example.vn", level: "PROVINCE", regionId: ids.NORTH }, admin);
    expect(province.status).toBe(400);
    expect(resultOf(province).initialValue).toMatchObject({ email: "ai.do@example.vn" });
    expect(translate("vi", key(province, "provinceId"))).toBe("Vui lòng chọn tỉnh/thành phố cho lời mời cấp tỉnh.");
  });

  test("a bad email or level is a 400 that keeps what was typed", async () => {
    const email = await invite({ email: "khong-phai-email", level: "NATION" }, admin);
    expect(email.status).toBe(400);
    expect(resultOf(email).initialValue).toMatchObject({ email: "khong-phai-email" });
    expect(translate("vi", key(email, "email"))).toMatch(/^Địa chỉ email không hợp lệ/);

    for (const level of ["COMMUNE", "", "DROP TABLE"]) {
      const o = await invite({ email: "ai.do@example.vn", level }, admin);
      expect(o.status, level).toBe(400);
      expect(resultOf(o).initialValue).toMatchObject({ email: "ai.do@example.vn" });
      expect(translate("vi", key(o, "level"))).toMatch(/^Vui lòng chọn cấp/);
    }
    expect(await prisma.invitation.count({ where: { email: "ai.do@example.vn" } })).toBe(0);
  });

  test("a former (merged) or unknown province is refused on its field", async () => {
    for (const provinceId of [ids.formerBG, "khong-ton-tai"]) {
      const o = await invite({ email: "ai.do@example.vn", level: "PROVINCE", provinceId }, admin);
      expect(o.status).toBe(400);
      expect(key(o, "provinceId")).toBe("admin.invite.province.unknown");
      expect(resultOf(o).initialValue).toMatchObject({ email: "ai.do@example.vn" });
    }
    const region = await invite({ email: "ai.do@example.vn", level: "REGION", regionId: "khong-ton-tai" }, admin);
    expect(region.status).toBe(400);
    expect(key(region, "regionId")).toBe("admin.invite.region.unknown");
  });

  test("without JavaScript the select that does not match the level is ignored", async () => {
    const o = await invite(
      { email: "ca.hai.o@example.vn", level: "NATION", regionId: ids.NORTH, provinceId: ids.BN },
      admin,
    );
    expect(o.status).toBe(302);
    expect(await prisma.invitation.findFirstOrThrow({ where: { email: "ca.hai.o@example.vn" } })).toMatchObject({
      level: "NATION",
      regionId: null,
      provinceId: null,
    });
    expect((await latestMailTo("ca.hai.o@example.vn")).subject).toContain("Toàn quốc");
  });
});
