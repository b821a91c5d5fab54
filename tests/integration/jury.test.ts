// The jury and council of a round through their routes (app/modules/judging/jury.server.ts):
// invitations by email (new and existing accounts), scope, panels, judging settings, conflicts
// recorded by organisers and declared by judges, the assignment matrix, and a judge's home page.
import { beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { makeJudgingRound, type JudgingFixture } from "../support/judging-fixture";
import { call, cookieFor, get, ORIGIN, post } from "../support/route-calls";
import { login, resetPassword } from "~/modules/auth/auth.server";
import { hashToken } from "~/modules/auth/tokens.server";
import { assignedEntriesWhere } from "~/modules/judging/access.server";
import { cellKey } from "~/modules/judging/jury-schemas";
import { currentRubric } from "~/modules/judging/rubric.server";
import * as assignmentsRoute from "~/routes/admin.rounds_.$roundId_.assignments";
import * as juryRoute from "~/routes/admin.rounds_.$roundId_.jury/route";
import * as judgeHome from "~/routes/judge._index";
import * as declarationRoute from "~/routes/judge_.rounds.$roundId_.declaration";
import { firstRow, itemAt } from "~/utils/arrays";
import { prisma } from "~/utils/db.server";
import { groupList, replaceGroups } from "~/modules/rounds/groups";

let fx: JudgingFixture; // panels: B (judges 1 and 3), A,C (judge 2)
let other: JudgingFixture; // another Bắc Ninh round, judges not declared yet
let organiserCookie: string;
let hanoiCookie: string;
const judgeOf = (round: JudgingFixture, i: number) => itemAt(round.judges, i, "the round's judges");
const entryOf = (round: JudgingFixture, i: number) => itemAt(round.entries, i, "the round's entries");
const panelOf = (round: JudgingFixture, i: number) => itemAt(round.panels, i, "the round's panels");

const juryPath = (roundId: string) => `/admin/rounds/${roundId}/jury`;
const assignPath = (roundId: string) => `/admin/rounds/${roundId}/assignments`;
const declarationPath = (roundId: string) => `/judge/rounds/${roundId}/declaration`;

/** A POST with repeated field names (checkbox groups), which route-calls' post() cannot send. */
function postMany(path: string, fields: Array<[string, string]>, cookie?: string) {
  const body = new FormData();
  for (const [k, v] of fields) body.append(k, v);
  return new Request(`${ORIGIN}${path}`, { method: "POST", body, headers: cookie ? { Cookie: cookie } : {} });
}

type Reply = {
  form?: string;
  result: { error?: Record<string, string[] | null> | null; initialValue?: Record<string, unknown> | null };
};
const replyOf = (data: unknown) => data as Reply;

async function queue(memberId: string) {
  const member = await prisma.juryMember.findUniqueOrThrow({
    where: { id: memberId },
    include: { panel: { include: { groups: true } }, round: { include: { groups: true } } },
  });
  const entries = await prisma.entry.findMany({
    where: assignedEntriesWhere(member, member.round),
    select: { id: true },
  });
  return entries.map((e) => e.id).sort();
}

const auditCount = (action: string, entityId?: string) =>
  prisma.auditLog.count({ where: { action, ...(entityId ? { entityId } : {}) } });

beforeAll(async () => {
  await seed(prisma, { demo: true });
  fx = await makeJudgingRound({
    groups: ["B", "B", "A", "C"],
    judges: 3,
    panels: [
      { name: "Tiểu ban B", groups: ["B"] },
      { name: "Tiểu ban A, C", groups: ["A", "C"] },
    ],
  });
  other = await makeJudgingRound({ groups: ["B", "A"], judges: 2, declared: false });
  organiserCookie = await cookieFor(fx.organiserEmail);
  // An organiser of Hà Nội: the Bắc Ninh rounds are out of their scope.
  const hn = await prisma.province.findUniqueOrThrow({ where: { code: "HN" } });
  const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@tieubieu.test" } });
  const hnUser = await prisma.user.create({
    data: {
      email: "organiser.hanoi@example.vn",
      name: "Cán bộ Hà Nội",
      emailVerifiedAt: new Date(),
      passwordHash: admin.passwordHash,
    },
  });
  await prisma.roleAssignment.create({
    data: { userId: hnUser.id, role: "ORGANISER", level: "PROVINCE", provinceId: hn.id, grantedById: admin.id },
  });
  hanoiCookie = await cookieFor("organiser.hanoi@example.vn");
});

describe("inviting people into the jury", () => {
  test("a new address gets an account without password, a 7-day set-password link by mail, and a membership", async () => {
    const email = "Giam.Khao.Moi@Example.VN";
    const out = await call(
      juryRoute.action,
      post(
        juryPath(fx.roundId),
        {
          intent: "invite",
          email,
          name: "Nguyễn Văn Mới",
          title: "Chuyên gia thiết kế",
          isJudge: "on",
          panelId: panelOf(fx, 0).id,
        },
        organiserCookie,
      ),
      { roundId: fx.roundId },
    );
    expect(out.status).toBe(302);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "giam.khao.moi@example.vn" } });
    expect(user).toMatchObject({ passwordHash: null, emailVerifiedAt: null, locale: "vi", name: "Nguyễn Văn Mới" });
    const member = await prisma.juryMember.findUniqueOrThrow({
      where: { roundId_userId: { roundId: fx.roundId, userId: user.id } },
    });
    expect(member).toMatchObject({
      isJudge: true,
      panelId: panelOf(fx, 0).id,
      title: "Chuyên gia thiết kế",
      councilRole: null,
    });

    const mail = await prisma.mailMessage.findFirstOrThrow({
      where: { to: user.email },
      orderBy: { createdAt: "desc" },
    });
    expect(mail.text).toContain("Ban giám khảo");
    expect(mail.text).toContain("/judge");
    const token = /\/reset-password\/([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    expect(token).toBeTruthy();
    const row = await prisma.userToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token!) } });
    expect(row.purpose).toBe("RESET_PASSWORD");
    expect(row.userId).toBe(user.id);
    const days = (row.expiresAt.getTime() - Date.now()) / (24 * 60 * 60 * 1000);
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThan(7.1);

    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: "jury.invite", entityId: member.id } });
    expect(log.after).toMatchObject({ email: "giam.khao.moi@example.vn", newAccount: true });

    // The link sets the password and proves the address: the judge can then log in.
    await resetPassword(token!, "MatKhau@Moi2026", { ip: "127.0.0.1" });
    const { user: loggedIn } = await login({
      email: user.email,
      password: "MatKhau@Moi2026",
      meta: { ip: "127.0.0.1" },
    });
    expect(loggedIn.id).toBe(user.id);
  });

  test("an existing account is added and told by mail, without a new password link", async () => {
    const existing = await prisma.user.findUniqueOrThrow({ where: { email: judgeOf(other, 0).email } });
    const tokensBefore = await prisma.userToken.count({ where: { userId: existing.id } });
    const out = await call(
      juryRoute.action,
      post(
        juryPath(fx.roundId),
        { intent: "invite", email: existing.email.toUpperCase(), name: "Tên khác", councilRole: "SECRETARY" },
        organiserCookie,
      ),
      { roundId: fx.roundId },
    );
    expect(out.status).toBe(302);
    const member = await prisma.juryMember.findUniqueOrThrow({
      where: { roundId_userId: { roundId: fx.roundId, userId: existing.id } },
    });
    // The checkbox was not sent: a council secretary who does not score.
    expect(member).toMatchObject({ isJudge: false, councilRole: "SECRETARY" });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: existing.id } })).name).toBe(existing.name);
    expect(await prisma.userToken.count({ where: { userId: existing.id } })).toBe(tokensBefore);
    const mail = await prisma.mailMessage.findFirstOrThrow({
      where: { to: existing.email },
      orderBy: { createdAt: "desc" },
    });
    expect(mail.text).toContain("/judge");
    expect(mail.text).toContain("Thư ký");
    expect(mail.text).not.toContain("/reset-password/");
  });

  test("the same person twice is a 409 on the email field; a second secretary is refused", async () => {
    const before = await prisma.juryMember.count({ where: { roundId: fx.roundId } });
    const dup = await call(
      juryRoute.action,
      post(
        juryPath(fx.roundId),
        { intent: "invite", email: judgeOf(fx, 0).email, name: "X Y", isJudge: "on" },
        organiserCookie,
      ),
      {
        roundId: fx.roundId,
      },
    );
    expect(dup.status).toBe(409);
    expect(replyOf(dup.data).form).toBe("invite");
    expect(replyOf(dup.data).result.error?.email?.[0]).toContain(judgeOf(fx, 0).email);
    const second = await call(
      juryRoute.action,
      post(
        juryPath(fx.roundId),
        { intent: "invite", email: "thu.ky.hai@example.vn", name: "Thư ký Hai", councilRole: "SECRETARY" },
        organiserCookie,
      ),
      { roundId: fx.roundId },
    );
    expect(second.status).toBe(409);
    expect(replyOf(second.data).result.error?.councilRole?.[0]).toMatch(/Thư ký/);
    expect(await prisma.user.count({ where: { email: "thu.ky.hai@example.vn" } })).toBe(0);
    expect(await prisma.juryMember.count({ where: { roundId: fx.roundId } })).toBe(before);
  });

  test("neither judge nor council member, or a bad email, is a 400 that keeps what was typed", async () => {
    const noRole = await call(
      juryRoute.action,
      post(juryPath(fx.roundId), { intent: "invite", email: "ai.do@example.vn", name: "Ai Đó" }, organiserCookie),
      {
        roundId: fx.roundId,
      },
    );
    expect(noRole.status).toBe(400);
    expect(replyOf(noRole.data).result.error?.isJudge).toEqual(["jury.member.noRole"]);
    expect(replyOf(noRole.data).result.initialValue?.name).toBe("Ai Đó");
    const badEmail = await call(
      juryRoute.action,
      post(
        juryPath(fx.roundId),
        { intent: "invite", email: "khong-hop-le", name: "Ai Đó", isJudge: "on" },
        organiserCookie,
      ),
      {
        roundId: fx.roundId,
      },
    );
    expect(badEmail.status).toBe(400);
    expect(replyOf(badEmail.data).result.error?.email).toEqual(["jury.invite.email.invalid"]);
    expect(await prisma.user.count({ where: { email: { in: ["ai.do@example.vn", "khong-hop-le"] } } })).toBe(0);
  });

  test("an organiser of another province gets 403 and nothing is written", async () => {
    const users = await prisma.user.count();
    const members = await prisma.juryMember.count();
    const audits = await prisma.auditLog.count({ where: { action: { startsWith: "jury." } } });
    const page = await call(juryRoute.loader, get(juryPath(fx.roundId), hanoiCookie), { roundId: fx.roundId });
    expect(page.status).toBe(403);
    const attempts: Array<Record<string, string>> = [
      { intent: "invite", email: "xam.nhap@example.vn", name: "Xâm Nhập", isJudge: "on" },
      { intent: "createPanel", name: "Tiểu ban lạ", groups: "B" },
      { intent: "addConflict", memberId: judgeOf(fx, 0).memberId, establishmentId: entryOf(fx, 0).establishmentId },
      { intent: "settings", scoringPasses: "2", tieBreak1: "C1" },
    ];
    for (const fields of attempts) {
      const out = await call(juryRoute.action, post(juryPath(fx.roundId), fields, hanoiCookie), {
        roundId: fx.roundId,
      });
      expect(out.status).toBe(403);
    }
    const matrix = await call(
      assignmentsRoute.action,
      postMany(assignPath(fx.roundId), [["intent", "saveAssignments"]], hanoiCookie),
      { roundId: fx.roundId },
    );
    expect(matrix.status).toBe(403);
    expect(await prisma.user.count()).toBe(users);
    expect(await prisma.juryMember.count()).toBe(members);
    expect(await prisma.auditLog.count({ where: { action: { startsWith: "jury." } } })).toBe(audits);
    expect((await prisma.round.findUniqueOrThrow({ where: { id: fx.roundId } })).scoringPasses).toBe(1);
  });

  test("an unknown round is a 404", async () => {
    const out = await call(juryRoute.loader, get(juryPath("nosuchround0000000000"), organiserCookie), {
      roundId: "nosuchround0000000000",
    });
    expect(out.status).toBe(404);
  });
});

describe("members and panels", () => {
  test("a panel needs at least one of the round's groups; a valid one is created and audited", async () => {
    await prisma.round.update({ where: { id: fx.roundId }, data: { groups: replaceGroups(["A", "B", "C"]) } });
    const before = await prisma.panel.count({ where: { roundId: fx.roundId } });
    const none = await call(
      juryRoute.action,
      postMany(
        juryPath(fx.roundId),
        [
          ["intent", "createPanel"],
          ["name", "Tiểu ban trống"],
        ],
        organiserCookie,
      ),
      {
        roundId: fx.roundId,
      },
    );
    expect(none.status).toBe(400);
    expect(replyOf(none.data).result.error?.groups).toEqual(["jury.panel.groups.required"]);
    const outside = await call(
      juryRoute.action,
      postMany(
        juryPath(fx.roundId),
        [
          ["intent", "createPanel"],
          ["name", "Tiểu ban D"],
          ["groups", "D"],
        ],
        organiserCookie,
      ),
      { roundId: fx.roundId },
    );
    expect(outside.status).toBe(400); // group D is not in this round (A, B, C)
    expect(await prisma.panel.count({ where: { roundId: fx.roundId } })).toBe(before);

    const ok = await call(
      juryRoute.action,
      postMany(
        juryPath(fx.roundId),
        [
          ["intent", "createPanel"],
          ["name", "Tiểu ban dự phòng"],
          ["groups", "C"],
          ["groups", "A"],
        ],
        organiserCookie,
      ),
      { roundId: fx.roundId },
    );
    expect(ok.status).toBe(302);
    const panel = await prisma.panel.findFirstOrThrow({
      where: { roundId: fx.roundId, name: "Tiểu ban dự phòng" },
      include: { groups: true },
    });
    expect(groupList(panel.groups)).toEqual(["A", "C"]);
    expect(await auditCount("jury.panel.create", panel.id)).toBe(1);
    const taken = await call(
      juryRoute.action,
      postMany(
        juryPath(fx.roundId),
        [
          ["intent", "createPanel"],
          ["name", "Tiểu ban dự phòng"],
          ["groups", "B"],
        ],
        organiserCookie,
      ),
      { roundId: fx.roundId },
    );
    expect(taken.status).toBe(409);
  });

  test("a panel with members is not deleted; an empty one is", async () => {
    const busy = await call(
      juryRoute.action,
      post(juryPath(fx.roundId), { intent: "deletePanel", panelId: panelOf(fx, 0).id }, organiserCookie),
      { roundId: fx.roundId },
    );
    expect(busy.status).toBe(409);
    expect(await prisma.panel.count({ where: { id: panelOf(fx, 0).id } })).toBe(1);
    const spare = await prisma.panel.findFirstOrThrow({ where: { roundId: fx.roundId, name: "Tiểu ban dự phòng" } });
    const done = await call(
      juryRoute.action,
      post(juryPath(fx.roundId), { intent: "deletePanel", panelId: spare.id }, organiserCookie),
      { roundId: fx.roundId },
    );
    expect(done.status).toBe(302);
    expect(await prisma.panel.count({ where: { id: spare.id } })).toBe(0);
  });

  test("editing a member sets the home province; a member with a score sheet cannot be removed", async () => {
    const judge = judgeOf(fx, 2);
    const hn = await prisma.province.findUniqueOrThrow({ where: { code: "HN" } });
    const edit = await call(
      juryRoute.action,
      post(
        juryPath(fx.roundId),
        {
          intent: "updateMember",
          memberId: judge.memberId,
          isJudge: "on",
          panelId: panelOf(fx, 0).id,
          councilRole: "MEMBER",
          title: "Ủy viên",
          provinceId: hn.id,
        },
        organiserCookie,
      ),
      { roundId: fx.roundId },
    );
    expect(edit.status).toBe(302);
    expect(await prisma.juryMember.findUniqueOrThrow({ where: { id: judge.memberId } })).toMatchObject({
      provinceId: hn.id,
      councilRole: "MEMBER",
      title: "Ủy viên",
    });

    const rubric = await currentRubric(prisma, fx.roundId);
    const entry = fx.entries.find((e) => e.group === "B")!;
    await prisma.scoreSheet.create({
      data: { roundId: fx.roundId, entryId: entry.id, juryMemberId: judge.memberId, rubricId: rubric!.id, scores: {} },
    });
    const refused = await call(
      juryRoute.action,
      post(juryPath(fx.roundId), { intent: "removeMember", memberId: judge.memberId }, organiserCookie),
      {
        roundId: fx.roundId,
      },
    );
    expect(refused.status).toBe(409);
    expect(replyOf(refused.data).result.error?.[""]?.[0]).toContain("1");
    expect(await prisma.juryMember.count({ where: { id: judge.memberId } })).toBe(1);
    // nor stop being a judge
    const notJudge = await call(
      juryRoute.action,
      post(
        juryPath(fx.roundId),
        { intent: "updateMember", memberId: judge.memberId, councilRole: "MEMBER" },
        organiserCookie,
      ),
      { roundId: fx.roundId },
    );
    expect(notJudge.status).toBe(409);
    await prisma.scoreSheet.deleteMany({ where: { juryMemberId: judge.memberId } });
    await prisma.juryMember.update({
      where: { id: judge.memberId },
      data: { provinceId: null, councilRole: null, title: null },
    });
  });

  test("a member without sheets is removed, audited", async () => {
    const invited = await prisma.user.findUniqueOrThrow({ where: { email: "giam.khao.moi@example.vn" } });
    const member = await prisma.juryMember.findUniqueOrThrow({
      where: { roundId_userId: { roundId: fx.roundId, userId: invited.id } },
    });
    const out = await call(
      juryRoute.action,
      post(juryPath(fx.roundId), { intent: "removeMember", memberId: member.id }, organiserCookie),
      { roundId: fx.roundId },
    );
    expect(out.status).toBe(302);
    expect(await prisma.juryMember.count({ where: { id: member.id } })).toBe(0);
    expect(await auditCount("jury.member.remove", member.id)).toBe(1);
  });

  test("the page lists members with their declaration and conflicts", async () => {
    const out = await call(juryRoute.loader, get(juryPath(fx.roundId), organiserCookie), { roundId: fx.roundId });
    expect(out.status).toBe(200);
    const page = out.data as Awaited<ReturnType<typeof juryRoute.loader>>;
    const names = page.members.map((m) => m.email);
    expect(names).toEqual(expect.arrayContaining(fx.judges.map((j) => j.email)));
    expect(firstRow(page.members, "the jury's members").councilRole).toBe("SECRETARY"); // council roles first
    expect(page.establishments.map((e) => e.id).sort()).toEqual(
      [...new Set(fx.entries.map((e) => e.establishmentId))].sort(),
    );
    expect(page.round.defaultCouncilName).toContain("tỉnh Bắc Ninh");
  });
});

describe("judging settings", () => {
  const settings = (over: Record<string, string>) => ({
    intent: "settings",
    blindJudging: "on",
    spreadOn: "on",
    spreadLimit: "10",
    scoringPasses: "1",
    tieBreak1: "C1",
    tieBreak2: "C2",
    ...over,
  });

  test("out-of-range spread limits and repeated tie-break criteria are 400s", async () => {
    for (const [over, field] of [
      [{ spreadLimit: "0" }, "spreadLimit"],
      [{ spreadLimit: "150" }, "spreadLimit"],
      [{ spreadLimit: "7.3" }, "spreadLimit"],
      [{ tieBreak2: "C1" }, "tieBreak2"],
      [{ tieBreak1: "", tieBreak2: "" }, "tieBreak1"],
    ] as const) {
      const out = await call(juryRoute.action, post(juryPath(fx.roundId), settings(over), organiserCookie), {
        roundId: fx.roundId,
      });
      expect(out.status, JSON.stringify(over)).toBe(400);
      expect(replyOf(out.data).result.error?.[field], JSON.stringify(over)).toBeTruthy();
    }
    const round = await prisma.round.findUniqueOrThrow({ where: { id: fx.roundId } });
    expect(round).toMatchObject({ spreadLimit: null, tieBreak: "C1,C2" });
  });

  test("valid settings are saved and audited with before and after", async () => {
    const out = await call(
      juryRoute.action,
      post(
        juryPath(fx.roundId),
        settings({
          spreadLimit: "12,5",
          scoringPasses: "2",
          tieBreak1: "C2",
          tieBreak2: "",
          tieBreak3: "C4",
          blindJudging: "",
          councilName: "  Hội đồng thử nghiệm  ",
        }),
        organiserCookie,
      ),
      { roundId: fx.roundId },
    );
    expect(out.status).toBe(302);
    const round = await prisma.round.findUniqueOrThrow({ where: { id: fx.roundId } });
    expect(round).toMatchObject({
      blindJudging: false,
      spreadLimit: 12.5,
      scoringPasses: 2,
      tieBreak: "C2,C4",
      councilName: "Hội đồng thử nghiệm",
    });
    const log = await prisma.auditLog.findFirstOrThrow({
      where: { action: "jury.settings.update", entityId: fx.roundId },
      orderBy: { createdAt: "desc" },
    });
    expect(log.before).toMatchObject({ blindJudging: true, spreadLimit: null, scoringPasses: 1, tieBreak: "C1,C2" });
    expect(log.after).toMatchObject({ blindJudging: false, spreadLimit: 12.5, scoringPasses: 2, tieBreak: "C2,C4" });
    // spread off: the limit is cleared
    await call(
      juryRoute.action,
      post(juryPath(fx.roundId), settings({ spreadOn: "", scoringPasses: "2" }), organiserCookie),
      { roundId: fx.roundId },
    );
    expect((await prisma.round.findUniqueOrThrow({ where: { id: fx.roundId } })).spreadLimit).toBeNull();
  });

  test("going back to one pass once the second has started is a 409", async () => {
    await prisma.round.update({ where: { id: fx.roundId }, data: { scoringPasses: 2, currentPass: 2 } });
    const out = await call(
      juryRoute.action,
      post(juryPath(fx.roundId), settings({ scoringPasses: "1" }), organiserCookie),
      { roundId: fx.roundId },
    );
    expect(out.status).toBe(409);
    expect(replyOf(out.data).result.error?.scoringPasses).toBeTruthy();
    expect((await prisma.round.findUniqueOrThrow({ where: { id: fx.roundId } })).scoringPasses).toBe(2);
    await prisma.round.update({
      where: { id: fx.roundId },
      data: { scoringPasses: 1, currentPass: 1, blindJudging: true, councilName: null },
    });
  });

  test("nothing changes once results are finalised", async () => {
    await prisma.round.update({
      where: { id: fx.roundId },
      data: { status: "RESULTS", resultsFinalisedAt: new Date() },
    });
    const out = await call(juryRoute.action, post(juryPath(fx.roundId), settings({}), organiserCookie), {
      roundId: fx.roundId,
    });
    expect(out.status).toBe(409);
    const invite = await call(
      juryRoute.action,
      post(
        juryPath(fx.roundId),
        { intent: "invite", email: "muon@example.vn", name: "Đến Muộn", isJudge: "on" },
        organiserCookie,
      ),
      {
        roundId: fx.roundId,
      },
    );
    expect(invite.status).toBe(409);
    expect(await prisma.user.count({ where: { email: "muon@example.vn" } })).toBe(0);
    await prisma.round.update({ where: { id: fx.roundId }, data: { status: "JUDGING", resultsFinalisedAt: null } });
  });
});

describe("conflicts recorded by organisers", () => {
  test("a recorded conflict takes the entry out of the judge's queue; removing it puts it back", async () => {
    const judge = judgeOf(fx, 0); // panel B
    const entry = fx.entries.find((e) => e.group === "B")!;
    expect(await queue(judge.memberId)).toContain(entry.id);
    const out = await call(
      juryRoute.action,
      post(
        juryPath(fx.roundId),
        {
          intent: "addConflict",
          memberId: judge.memberId,
          establishmentId: entry.establishmentId,
          note: "Người thân của chủ cơ sở",
        },
        organiserCookie,
      ),
      { roundId: fx.roundId },
    );
    expect(out.status).toBe(302);
    expect(await queue(judge.memberId)).not.toContain(entry.id);
    const conflict = await prisma.conflict.findFirstOrThrow({
      where: { juryMemberId: judge.memberId, establishmentId: entry.establishmentId },
    });
    expect(conflict).toMatchObject({ source: "ORGANISER", note: "Người thân của chủ cơ sở" });
    expect(await auditCount("jury.conflict.record", conflict.id)).toBe(1);

    const again = await call(
      juryRoute.action,
      post(
        juryPath(fx.roundId),
        { intent: "addConflict", memberId: judge.memberId, establishmentId: entry.establishmentId },
        organiserCookie,
      ),
      {
        roundId: fx.roundId,
      },
    );
    expect(again.status).toBe(409);
    // an establishment with no entry in this round is refused
    const stranger = await call(
      juryRoute.action,
      post(
        juryPath(fx.roundId),
        { intent: "addConflict", memberId: judge.memberId, establishmentId: entryOf(other, 0).establishmentId },
        organiserCookie,
      ),
      { roundId: fx.roundId },
    );
    expect(stranger.status).toBe(400);

    const removed = await call(
      juryRoute.action,
      post(juryPath(fx.roundId), { intent: "removeConflict", conflictId: conflict.id }, organiserCookie),
      { roundId: fx.roundId },
    );
    expect(removed.status).toBe(302);
    expect(await queue(judge.memberId)).toContain(entry.id);
    expect(await auditCount("jury.conflict.remove", conflict.id)).toBe(1);
  });

  test("a conflict the judge declared cannot be removed by the organiser", async () => {
    const judge = judgeOf(fx, 0);
    const entry = fx.entries.find((e) => e.group === "C")!;
    const declared = await prisma.conflict.create({
      data: {
        roundId: fx.roundId,
        juryMemberId: judge.memberId,
        establishmentId: entry.establishmentId,
        source: "DECLARED",
        createdById: judge.userId,
      },
    });
    const out = await call(
      juryRoute.action,
      post(juryPath(fx.roundId), { intent: "removeConflict", conflictId: declared.id }, organiserCookie),
      { roundId: fx.roundId },
    );
    expect(out.status).toBe(409);
    expect(await prisma.conflict.count({ where: { id: declared.id } })).toBe(1);
    await prisma.conflict.delete({ where: { id: declared.id } });
  });
});

describe("the declaration", () => {
  test("without the confirmation it is a 400 and writes nothing", async () => {
    const judge = judgeOf(other, 0);
    const cookie = await cookieFor(judge.email);
    const out = await call(
      declarationRoute.action,
      postMany(
        declarationPath(other.roundId),
        [
          ["establishmentId", entryOf(other, 0).establishmentId],
          ["note", "Họ hàng"],
        ],
        cookie,
      ),
      { roundId: other.roundId },
    );
    expect(out.status).toBe(400);
    expect(replyOf(out.data).result.error?.confirm).toEqual(["jury.declaration.confirm.required"]);
    expect(replyOf(out.data).result.initialValue?.note).toBe("Họ hàng");
    expect(await prisma.conflict.count({ where: { juryMemberId: judge.memberId } })).toBe(0);
    expect((await prisma.juryMember.findUniqueOrThrow({ where: { id: judge.memberId } })).declaredAt).toBeNull();
  });

  test("shows participating establishments by name only", async () => {
    const cookie = await cookieFor(judgeOf(other, 0).email);
    const out = await call(declarationRoute.loader, get(declarationPath(other.roundId), cookie), {
      roundId: other.roundId,
    });
    expect(out.status).toBe(200);
    const d = out.data as Awaited<ReturnType<typeof declarationRoute.loader>>;
    expect(d.establishments.map((e) => e.name).sort()).toEqual(other.entries.map((e) => e.establishmentName).sort());
    const text = JSON.stringify(d.establishments);
    for (const e of other.entries) {
      expect(text).not.toContain(e.code);
      expect(text).not.toContain(e.productName);
    }
    expect(d.open).toBe(true);
  });

  test("two establishments make two DECLARED conflicts and set declaredAt once; more can be added later", async () => {
    const judge = judgeOf(other, 0);
    const cookie = await cookieFor(judge.email);
    const [a, b] = [entryOf(other, 0), entryOf(other, 1)];
    const out = await call(
      declarationRoute.action,
      postMany(
        declarationPath(other.roundId),
        [
          ["establishmentId", a.establishmentId],
          ["establishmentId", b.establishmentId],
          ["note", "Cùng hợp tác xã"],
          ["confirm", "on"],
        ],
        cookie,
      ),
      { roundId: other.roundId },
    );
    expect(out.status).toBe(302);
    expect(out.headers.get("Location")).toBe(`/judge/rounds/${other.roundId}`);
    const conflicts = await prisma.conflict.findMany({ where: { juryMemberId: judge.memberId } });
    expect(conflicts).toHaveLength(2);
    expect(
      conflicts.every((c) => c.source === "DECLARED" && c.note === "Cùng hợp tác xã" && c.createdById === judge.userId),
    ).toBe(true);
    const declaredAt = (await prisma.juryMember.findUniqueOrThrow({ where: { id: judge.memberId } })).declaredAt;
    expect(declaredAt).not.toBeNull();
    expect(await auditCount("jury.declare", judge.memberId)).toBe(1);
    expect(await queue(judge.memberId)).toEqual([]);

    // confirming again (nothing new ticked) keeps the conflicts and the first date
    const again = await call(
      declarationRoute.action,
      postMany(declarationPath(other.roundId), [["confirm", "on"]], cookie),
      { roundId: other.roundId },
    );
    expect(again.status).toBe(302);
    expect(await prisma.conflict.count({ where: { juryMemberId: judge.memberId } })).toBe(2);
    expect((await prisma.juryMember.findUniqueOrThrow({ where: { id: judge.memberId } })).declaredAt).toEqual(
      declaredAt,
    );
  });

  test("an establishment outside the round is refused", async () => {
    const judge = judgeOf(other, 1);
    const cookie = await cookieFor(judge.email);
    const out = await call(
      declarationRoute.action,
      postMany(
        declarationPath(other.roundId),
        [
          ["establishmentId", entryOf(fx, 0).establishmentId],
          ["confirm", "on"],
        ],
        cookie,
      ),
      { roundId: other.roundId },
    );
    expect(out.status).toBe(400);
    expect(await prisma.conflict.count({ where: { juryMemberId: judge.memberId } })).toBe(0);
    expect((await prisma.juryMember.findUniqueOrThrow({ where: { id: judge.memberId } })).declaredAt).toBeNull();
  });

  test("a judge cannot open another round's declaration (403), nor declare there", async () => {
    const cookie = await cookieFor(judgeOf(fx, 0).email);
    const page = await call(declarationRoute.loader, get(declarationPath(other.roundId), cookie), {
      roundId: other.roundId,
    });
    expect(page.status).toBe(403);
    const out = await call(
      declarationRoute.action,
      postMany(declarationPath(other.roundId), [["confirm", "on"]], cookie),
      { roundId: other.roundId },
    );
    expect(out.status).toBe(403);
  });

  test("is closed before screening", async () => {
    await prisma.round.update({ where: { id: other.roundId }, data: { status: "OPEN" } });
    const judge = judgeOf(other, 1);
    const cookie = await cookieFor(judge.email);
    const out = await call(
      declarationRoute.action,
      postMany(declarationPath(other.roundId), [["confirm", "on"]], cookie),
      { roundId: other.roundId },
    );
    expect(out.status).toBe(409);
    expect((await prisma.juryMember.findUniqueOrThrow({ where: { id: judge.memberId } })).declaredAt).toBeNull();
    await prisma.round.update({ where: { id: other.roundId }, data: { status: "JUDGING" } });
  });
});

describe("the assignment matrix", () => {
  type Matrix = Awaited<ReturnType<typeof assignmentsRoute.loader>>;
  const load = async () =>
    (await call(assignmentsRoute.loader, get(assignPath(fx.roundId), organiserCookie), { roundId: fx.roundId }))
      .data as Matrix;
  const overrides = () =>
    prisma.assignmentOverride.findMany({
      where: { roundId: fx.roundId },
      select: { id: true, entryId: true, juryMemberId: true, include: true, updatedAt: true },
      orderBy: { id: "asc" },
    });
  /** The form as the page would send it, with some cells flipped. */
  function form(m: Matrix, flip: string[] = [], extra: string[] = []) {
    const fields: Array<[string, string]> = [["intent", "saveAssignments"]];
    for (const r of m.rows) fields.push(["row", r.id]);
    for (const j of m.judges) fields.push(["col", j.id]);
    for (const r of m.rows)
      for (const c of r.cells) {
        const key = cellKey(r.id, c.memberId);
        if (!c.conflicted && c.assigned !== flip.includes(key)) fields.push(["cell", key]);
      }
    for (const key of extra) fields.push(["cell", key]);
    return fields;
  }

  test("shows the default by panel, with counts per judge and per entry", async () => {
    const m = await load();
    const judge1 = judgeOf(fx, 0).memberId; // panel B
    const judge2 = judgeOf(fx, 1).memberId; // panel A, C
    for (const r of m.rows) {
      const cell = (id: string) => r.cells.find((c) => c.memberId === id)!;
      expect(cell(judge1).assigned).toBe(r.group === "B");
      expect(cell(judge2).assigned).toBe(r.group !== "B");
    }
    expect(m.judges.find((j) => j.id === judge1)!.entries).toBe(2);
    expect(m.rows.every((r) => r.judges >= 1)).toBe(true);
  });

  test("saving creates exactly the overrides needed, and a second identical save changes nothing", async () => {
    const judge1 = judgeOf(fx, 0).memberId;
    const bEntry = fx.entries.find((e) => e.group === "B")!;
    const aEntry = fx.entries.find((e) => e.group === "A")!;
    const m = await load();
    const fields = form(m, [cellKey(bEntry.id, judge1), cellKey(aEntry.id, judge1)]);
    const out = await call(assignmentsRoute.action, postMany(assignPath(fx.roundId), fields, organiserCookie), {
      roundId: fx.roundId,
    });
    expect(out.status).toBe(302);
    const saved = await overrides();
    expect(
      saved
        .map((o) => ({ entryId: o.entryId, juryMemberId: o.juryMemberId, include: o.include }))
        .sort((x, y) => x.entryId.localeCompare(y.entryId)),
    ).toEqual(
      [
        { entryId: bEntry.id, juryMemberId: judge1, include: false },
        { entryId: aEntry.id, juryMemberId: judge1, include: true },
      ].sort((x, y) => x.entryId.localeCompare(y.entryId)),
    );
    const queue1 = await queue(judge1);
    expect(queue1).toContain(aEntry.id);
    expect(queue1).not.toContain(bEntry.id);
    const audits = await auditCount("jury.assignments.save", fx.roundId);
    expect(audits).toBe(1);

    // The page now shows the saved state; saving it as is writes nothing.
    const again = await call(
      assignmentsRoute.action,
      postMany(assignPath(fx.roundId), form(await load()), organiserCookie),
      { roundId: fx.roundId },
    );
    expect(again.status).toBe(302);
    expect(await overrides()).toEqual(saved);
    expect(await auditCount("jury.assignments.save", fx.roundId)).toBe(audits);

    // Back to the default: the overrides go away.
    const back = await call(
      assignmentsRoute.action,
      postMany(
        assignPath(fx.roundId),
        form(await load(), [cellKey(bEntry.id, judge1), cellKey(aEntry.id, judge1)]),
        organiserCookie,
      ),
      {
        roundId: fx.roundId,
      },
    );
    expect(back.status).toBe(302);
    expect(await overrides()).toEqual([]);
  });

  test("a conflicted cell submitted as checked is ignored: never assignable", async () => {
    const judge1 = judgeOf(fx, 0);
    const aEntry = fx.entries.find((e) => e.group === "A")!;
    await prisma.conflict.create({
      data: {
        roundId: fx.roundId,
        juryMemberId: judge1.memberId,
        establishmentId: aEntry.establishmentId,
        source: "ORGANISER",
        createdById: judge1.userId,
      },
    });
    const m = await load();
    const row = m.rows.find((r) => r.id === aEntry.id)!;
    expect(row.cells.find((c) => c.memberId === judge1.memberId)!.conflicted).toBe(true);
    const out = await call(
      assignmentsRoute.action,
      postMany(assignPath(fx.roundId), form(m, [], [cellKey(aEntry.id, judge1.memberId)]), organiserCookie),
      {
        roundId: fx.roundId,
      },
    );
    expect(out.status).toBe(302);
    expect(await overrides()).toEqual([]);
    expect(await queue(judge1.memberId)).not.toContain(aEntry.id);
    await prisma.conflict.deleteMany({ where: { juryMemberId: judge1.memberId } });
  });

  test("only the rows and columns the page showed change", async () => {
    const judge2 = judgeOf(fx, 1).memberId;
    const cEntry = fx.entries.find((e) => e.group === "C")!;
    // a form that showed only the C row and sent nothing checked: judge 2 loses it, others unchanged
    const fields: Array<[string, string]> = [
      ["intent", "saveAssignments"],
      ["row", cEntry.id],
      ["col", judge2],
    ];
    const out = await call(assignmentsRoute.action, postMany(assignPath(fx.roundId), fields, organiserCookie), {
      roundId: fx.roundId,
    });
    expect(out.status).toBe(302);
    const saved = await overrides();
    expect(saved.map((o) => [o.entryId, o.juryMemberId, o.include])).toEqual([[cEntry.id, judge2, false]]);
    const m = await load();
    expect(m.rows.find((r) => r.id === cEntry.id)!.judges).toBe(0);
    expect(m.totals.unassigned).toBe(1);
    await prisma.assignmentOverride.deleteMany({ where: { roundId: fx.roundId } });
  });

  test("changes are refused once judging has closed", async () => {
    await prisma.round.update({ where: { id: fx.roundId }, data: { status: "RESULTS" } });
    const m = await load();
    expect(m.editable).toBe(false);
    const out = await call(
      assignmentsRoute.action,
      postMany(assignPath(fx.roundId), form(m, [cellKey(entryOf(fx, 0).id, judgeOf(fx, 0).memberId)]), organiserCookie),
      {
        roundId: fx.roundId,
      },
    );
    expect(out.status).toBe(409);
    expect(await overrides()).toEqual([]);
    await prisma.round.update({ where: { id: fx.roundId }, data: { status: "JUDGING" } });
  });
});

describe("the judge's home page", () => {
  test("anonymous visitors are sent to log in and come back", async () => {
    const out = await call(judgeHome.loader, get("/judge"));
    expect(out.status).toBe(302);
    expect(out.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent("/judge")}`);
  });

  test("lists only the caller's own rounds, with progress for the current pass", async () => {
    const judge = judgeOf(fx, 0); // panel B: two entries
    const rubric = await currentRubric(prisma, fx.roundId);
    const b = fx.entries.find((e) => e.group === "B")!;
    await prisma.scoreSheet.create({
      data: {
        roundId: fx.roundId,
        entryId: b.id,
        juryMemberId: judge.memberId,
        rubricId: rubric!.id,
        scores: { "1.1": 5 },
      },
    });
    const out = await call(judgeHome.loader, get("/judge", await cookieFor(judge.email)));
    expect(out.status).toBe(200);
    const { rounds } = out.data as Awaited<ReturnType<typeof judgeHome.loader>>;
    expect(rounds.map((r) => r.round.id)).toEqual([fx.roundId]);
    const round = firstRow(rounds, "the judge's rounds");
    expect(round).toMatchObject({ isJudge: true, panel: { name: "Tiểu ban B" }, secretary: false });
    expect(round.progress).toEqual({ assigned: 2, draft: 1, submitted: 0, toScore: 1 });
    await prisma.scoreSheet.deleteMany({ where: { juryMemberId: judge.memberId } });

    // The secretary invited earlier sits in two rounds: both listed, the secretary one flagged.
    const secretary = await cookieFor(judgeOf(other, 0).email);
    const both = (await call(judgeHome.loader, get("/judge", secretary))).data as Awaited<
      ReturnType<typeof judgeHome.loader>
    >;
    expect(both.rounds.map((r) => r.round.id).sort()).toEqual([fx.roundId, other.roundId].sort());
    expect(both.rounds.find((r) => r.round.id === fx.roundId)).toMatchObject({
      secretary: true,
      isJudge: false,
      progress: null,
    });

    // Someone in no jury sees the empty state.
    const nobody = (await call(judgeHome.loader, get("/judge", await cookieFor("producer@tieubieu.test"))))
      .data as Awaited<ReturnType<typeof judgeHome.loader>>;
    expect(nobody.rounds).toEqual([]);
  });

  test("organising a round is not a membership", async () => {
    const out = await call(judgeHome.loader, get("/judge", organiserCookie));
    expect((out.data as Awaited<ReturnType<typeof judgeHome.loader>>).rounds).toEqual([]);
  });
});
