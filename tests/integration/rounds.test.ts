// Rounds through their route modules and service, against this file's own database seeded with
// the demo accounts: creation scoped to the organiser's jurisdiction, the status machine (in
// order, audited, reopen with a reason before judging only, no double application), editing,
// the producers' list of open provincial rounds, and bad input answered with 4xx, never 500.
import { beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { call, cookieFor, get, ORIGIN } from "../support/route-calls";
import { getAuth } from "~/modules/auth/auth.server";
import { documentList, toVnDateTimeInput } from "~/modules/rounds/round-fields";
import {
  createRound,
  getRoundForManager,
  listOpenRoundsForProducer,
  listRoundsForManager,
  transitionRound,
  updateRound,
} from "~/modules/rounds/rounds.server";
import * as adminRoute from "~/routes/admin";
import * as listRoute from "~/routes/admin.rounds";
import * as detailRoute from "~/routes/admin.rounds_.$roundId";
import * as newRoute from "~/routes/admin.rounds_.new";
import * as publicRoute from "~/routes/rounds";
import { prisma } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { groupList } from "~/modules/rounds/groups";

const meta = { ip: "127.0.0.1" };
const DAY = 24 * 60 * 60 * 1000;

const cookies: Record<"bacninh" | "hanoi" | "mienbac" | "quocgia" | "admin" | "producer", string> = {
  bacninh: "",
  hanoi: "",
  mienbac: "",
  quocgia: "",
  admin: "",
  producer: "",
};
const ids = { bn: "", hn: "", north: "", south: "", hnProvince: "" };

/** A POST with repeated fields (checkboxes) as a browser sends them. */
function postForm(path: string, fields: Record<string, string | string[]>, cookie?: string) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return new Request(`${ORIGIN}${path}`, { method: "POST", body, headers: cookie ? { Cookie: cookie } : {} });
}

async function authOf(cookie: string) {
  const auth = await getAuth(new Request(`${ORIGIN}/`, { headers: { Cookie: cookie } }));
  if (!auth) throw new Error("no session");
  return auth;
}

function roundForm(overrides: Record<string, string | string[]> = {}) {
  return {
    jurisdiction: `PROVINCE:${ids.bn}`,
    year: "2026",
    name: "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2026",
    groups: ["A", "B", "C", "D"],
    entriesOpenAt: toVnDateTimeInput(new Date(Date.now() - DAY)),
    entriesCloseAt: toVnDateTimeInput(new Date(Date.now() + 20 * DAY)),
    judgingStartAt: "",
    resultsAt: "",
    passLine: "70",
    requiredDocuments: ["FOOD_SAFETY_CERT"],
    description: "Hồ sơ nộp tại Trung tâm Khuyến công tỉnh hoặc trực tuyến.",
    ...overrides,
  };
}

/** Creates a round through the real form; returns its id. */
async function createThroughForm(cookie: string, overrides: Record<string, string | string[]> = {}) {
  const res = await call(newRoute.action, postForm("/admin/rounds/new", roundForm(overrides), cookie));
  expect(res.status, JSON.stringify(res.data)).toBe(302);
  const location = res.headers.get("Location")!;
  expect(location).toMatch(/^\/admin\/rounds\/[a-z0-9]+$/);
  return location.split("/").at(-1)!;
}

const transition = (roundId: string, to: string, cookie: string) =>
  call(detailRoute.action, postForm(`/admin/rounds/${roundId}`, { intent: "transition", to }, cookie), { roundId });
const reopen = (roundId: string, reason: string, cookie: string) =>
  call(detailRoute.action, postForm(`/admin/rounds/${roundId}`, { intent: "reopen", reason }, cookie), { roundId });
const statusOf = async (id: string) => (await prisma.round.findUniqueOrThrow({ where: { id } })).status;

beforeAll(async () => {
  await seed(prisma, { demo: true });
  const province = (code: string) => prisma.province.findUniqueOrThrow({ where: { code } });
  ids.bn = (await province("BN")).id;
  ids.hn = (await province("HN")).id;
  ids.north = (await prisma.region.findUniqueOrThrow({ where: { code: "NORTH" } })).id;
  ids.south = (await prisma.region.findUniqueOrThrow({ where: { code: "SOUTH" } })).id;
  // A Hà Nội organiser, to check that rounds are scoped to the organiser's own province.
  const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@tieubieu.test" } });
  const hnUser = await prisma.user.create({
    data: {
      email: "organiser.hanoi.rounds@example.vn",
      name: "Cán bộ Hà Nội",
      emailVerifiedAt: new Date(),
      passwordHash: admin.passwordHash,
    },
  });
  await prisma.roleAssignment.create({
    data: { userId: hnUser.id, role: "ORGANISER", level: "PROVINCE", provinceId: ids.hn, grantedById: admin.id },
  });

  cookies.bacninh = await cookieFor("organiser.bacninh@tieubieu.test");
  cookies.hanoi = await cookieFor("organiser.hanoi.rounds@example.vn");
  cookies.mienbac = await cookieFor("organiser.mienbac@tieubieu.test");
  cookies.quocgia = await cookieFor("organiser.quocgia@tieubieu.test");
  cookies.admin = await cookieFor("admin@tieubieu.test");
  cookies.producer = await cookieFor("producer@tieubieu.test");
});

describe("creating a round", () => {
  test("the Bắc Ninh organiser is offered Bắc Ninh only", async () => {
    const res = await call(newRoute.loader, get("/admin/rounds/new", cookies.bacninh));
    expect(res.status).toBe(200);
    const { options } = res.data as { options: { jurisdictions: { value: string }[] } };
    expect(options.jurisdictions.map((j) => j.value)).toEqual([`PROVINCE:${ids.bn}`]);
    const admin = await call(newRoute.loader, get("/admin/rounds/new", cookies.admin));
    const all = (admin.data as { options: { jurisdictions: { level: string }[] } }).options.jurisdictions;
    expect(all.filter((j) => j.level === "PROVINCE")).toHaveLength(34);
    expect(all.filter((j) => j.level === "REGION")).toHaveLength(3);
    expect(all.filter((j) => j.level === "NATION")).toHaveLength(1);
  });

  test("the Bắc Ninh organiser creates a Bắc Ninh round as a draft, audited", async () => {
    const id = await createThroughForm(cookies.bacninh);
    const round = await prisma.round.findUniqueOrThrow({ where: { id }, include: { groups: true } });
    expect(groupList(round.groups)).toEqual(["A", "B", "C", "D"]);
    expect(round).toMatchObject({
      level: "PROVINCE",
      provinceId: ids.bn,
      regionId: null,
      year: 2026,
      status: "DRAFT",
      passLine: 70,
    });
    expect(documentList(await prisma.roundDocument.findMany({ where: { roundId: id } }))).toEqual([
      "PHOTO",
      "BUSINESS_REGISTRATION",
      "FOOD_SAFETY_CERT",
    ]);
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: "round.create", entityId: id } });
    expect(log.actorId).toBe((await authOf(cookies.bacninh)).user.id);
    expect(log.after).toMatchObject({ level: "PROVINCE", provinceId: ids.bn, status: "DRAFT" });
  });

  test("the Bắc Ninh organiser cannot create a Hà Nội, regional or national round (403)", async () => {
    const before = await prisma.round.count();
    for (const jurisdiction of [`PROVINCE:${ids.hn}`, `REGION:${ids.north}`, "NATION"]) {
      const res = await call(
        newRoute.action,
        postForm("/admin/rounds/new", roundForm({ jurisdiction }), cookies.bacninh),
      );
      expect(res.status, jurisdiction).toBe(403);
      const result = (res.data as { result: { error: Record<string, string[]> } }).result;
      expect(result.error.jurisdiction).toEqual(["rounds.create.forbidden"]);
    }
    expect(await prisma.round.count()).toBe(before);
  });

  test("each organiser creates at their own level only; producers get 403", async () => {
    const auth = await authOf(cookies.mienbac);
    const base = {
      name: "Bình chọn sản phẩm CNNT tiêu biểu khu vực phía Bắc năm 2026",
      year: 2026,
      groups: ["A", "B"],
      entriesOpenAt: new Date(),
      entriesCloseAt: new Date(Date.now() + 30 * DAY),
    };
    const regional = await createRound(auth, { ...base, level: "REGION", regionId: ids.north }, meta);
    expect((await prisma.round.findUniqueOrThrow({ where: { id: regional.id } })).regionId).toBe(ids.north);
    await expect(createRound(auth, { ...base, level: "REGION", regionId: ids.south }, meta)).rejects.toMatchObject({
      status: 403,
    });
    await expect(createRound(auth, { ...base, level: "PROVINCE", provinceId: ids.bn }, meta)).rejects.toMatchObject({
      status: 403,
    });
    const national = await createRound(await authOf(cookies.quocgia), { ...base, level: "NATION" }, meta);
    expect((await prisma.round.findUniqueOrThrow({ where: { id: national.id } })).level).toBe("NATION");
    await expect(
      createRound(await authOf(cookies.quocgia), { ...base, level: "REGION", regionId: ids.north }, meta),
    ).rejects.toMatchObject({ status: 403 });
    // Commune rounds are not run yet: no jurisdiction can be named for them.
    await expect(
      createRound(await authOf(cookies.admin), { ...base, level: "COMMUNE", provinceId: ids.bn }, meta),
    ).rejects.toMatchObject({ status: 400 });
    const producer = await call(newRoute.action, postForm("/admin/rounds/new", roundForm(), cookies.producer));
    expect(producer.status).toBe(403);
    const anonymous = await call(newRoute.loader, get("/admin/rounds/new"));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toContain("/login?redirectTo=");
  });

  test("a bad timeline is a 400 with the message on the field and everything typed kept", async () => {
    const before = await prisma.round.count();
    const form = roundForm({
      name: "Đợt thử thời gian sai",
      entriesOpenAt: "2026-05-01T08:00",
      entriesCloseAt: "2026-04-01T17:00",
      passLine: "72,5",
      groups: ["B", "D"],
    });
    const res = await call(newRoute.action, postForm("/admin/rounds/new", form, cookies.bacninh));
    expect(res.status).toBe(400);
    const result = (res.data as { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } })
      .result;
    expect(result.error.entriesCloseAt).toEqual(["rounds.timeline.closeBeforeOpen"]);
    expect(result.initialValue).toMatchObject({
      name: "Đợt thử thời gian sai",
      entriesOpenAt: "2026-05-01T08:00",
      entriesCloseAt: "2026-04-01T17:00",
      passLine: "72,5",
      groups: ["B", "D"],
      description: form.description,
    });
    // Judging before the deadline, a pass line off the 0.5 steps and no group at all.
    const more = await call(
      newRoute.action,
      postForm(
        "/admin/rounds/new",
        { ...roundForm({ judgingStartAt: "2020-01-01", passLine: "70.3" }), groups: [] },
        cookies.bacninh,
      ),
    );
    expect(more.status).toBe(400);
    const err = (more.data as { result: { error: Record<string, string[]> } }).result.error;
    expect(err.groups).toEqual(["rounds.groups.required"]);
    expect(err.passLine).toEqual(["rounds.passLine.step"]);
    expect(await prisma.round.count()).toBe(before);
    // The service refuses the same timeline whatever the caller (not only the form).
    await expect(
      createRound(
        await authOf(cookies.bacninh),
        {
          name: "Đợt thử",
          level: "PROVINCE",
          provinceId: ids.bn,
          year: 2026,
          groups: ["A"],
          entriesOpenAt: new Date(),
          entriesCloseAt: new Date(Date.now() - DAY),
        },
        meta,
      ),
    ).rejects.toMatchObject({ status: 400, messageKey: "rounds.timeline.closeBeforeOpen", field: "entriesCloseAt" });
  });
});

describe("jurisdiction in every query", () => {
  let roundId: string;
  beforeAll(async () => {
    roundId = await createThroughForm(cookies.bacninh, { name: "Đợt kiểm tra phạm vi Bắc Ninh" });
  });

  test("Hà Nội, regional and national organisers get 404 on the Bắc Ninh round; producers 403", async () => {
    for (const who of ["hanoi", "mienbac", "quocgia"] as const) {
      const page = await call(detailRoute.loader, get(`/admin/rounds/${roundId}`, cookies[who]), { roundId });
      expect(page.status, who).toBe(404);
      const move = await transition(roundId, "OPEN", cookies[who]);
      expect(move.status, who).toBe(404);
      const edit = await call(
        detailRoute.action,
        postForm(`/admin/rounds/${roundId}`, { intent: "update", ...roundForm() }, cookies[who]),
        { roundId },
      );
      expect(edit.status, who).toBe(404);
      await expect(getRoundForManager(await authOf(cookies[who]), roundId)).rejects.toMatchObject({ status: 404 });
    }
    const producer = await call(detailRoute.loader, get(`/admin/rounds/${roundId}`, cookies.producer), { roundId });
    expect(producer.status).toBe(403);
    expect(await statusOf(roundId)).toBe("DRAFT");
    const own = await call(detailRoute.loader, get(`/admin/rounds/${roundId}`, cookies.bacninh), { roundId });
    expect(own.status).toBe(200);
    const admin = await call(detailRoute.loader, get(`/admin/rounds/${roundId}`, cookies.admin), { roundId });
    expect(admin.status).toBe(200);
  });

  test("lists show each organiser their own rounds only", async () => {
    const names = async (cookie: string, search = "") => {
      const res = await call(listRoute.loader, get(`/admin/rounds${search}`, cookie));
      expect(res.status).toBe(200);
      return (res.data as { list: { items: { id: string; level: string; status: string }[] } }).list.items;
    };
    expect((await names(cookies.bacninh)).some((r) => r.id === roundId)).toBe(true);
    expect((await names(cookies.bacninh)).every((r) => r.level === "PROVINCE")).toBe(true);
    expect((await names(cookies.hanoi)).some((r) => r.id === roundId)).toBe(false);
    expect((await names(cookies.mienbac)).every((r) => r.level === "REGION")).toBe(true);
    expect((await names(cookies.quocgia)).every((r) => r.level === "NATION")).toBe(true);
    expect((await names(cookies.admin)).some((r) => r.id === roundId)).toBe(true);
    expect((await names(cookies.bacninh, "?status=OPEN")).some((r) => r.id === roundId)).toBe(false);
    expect((await names(cookies.bacninh, "?status=DRAFT&year=2026")).some((r) => r.id === roundId)).toBe(true);
    // Hand-edited filters are ignored, not errors.
    expect(
      (await call(listRoute.loader, get("/admin/rounds?status=BOGUS&year=abc&page=-2", cookies.bacninh))).status,
    ).toBe(200);
    expect((await call(listRoute.loader, get("/admin/rounds", cookies.producer))).status).toBe(403);
    await expect(listRoundsForManager(await authOf(cookies.producer), { page: 1 })).rejects.toMatchObject({
      status: 403,
    });
  });

  test("the admin menu links to the rounds for every organiser and administrator", async () => {
    for (const who of ["bacninh", "hanoi", "mienbac", "quocgia", "admin"] as const) {
      const layout = await call(adminRoute.loader, get("/admin", cookies[who]));
      expect((layout.data as { rounds: boolean }).rounds, who).toBe(true);
    }
    expect((await call(adminRoute.loader, get("/admin", cookies.producer))).status).toBe(403);
  });

  test("bad route params and intents are 404/400, never 500", async () => {
    for (const bad of ["../x", "a b", "x".repeat(101)]) {
      const res = await call(detailRoute.loader, get(`/admin/rounds/x`, cookies.bacninh), { roundId: bad });
      expect(res.status).toBe(404);
    }
    expect(
      (await call(detailRoute.loader, get(`/admin/rounds/nope`, cookies.bacninh), { roundId: "doesnotexist123" }))
        .status,
    ).toBe(404);
    expect((await transition(roundId, "BOGUS", cookies.bacninh)).status).toBe(400);
    const noIntent = await call(
      detailRoute.action,
      postForm(`/admin/rounds/${roundId}`, { foo: "bar" }, cookies.bacninh),
      { roundId },
    );
    expect(noIntent.status).toBe(400);
  });
});

describe("the status machine", () => {
  test("moves in order, each step audited with from and to", async () => {
    const id = await createThroughForm(cookies.bacninh, { name: "Đợt đi hết vòng đời" });
    const path: string[] = [];
    // A new round starts with the default rubric (version 1).
    expect(await prisma.rubric.count({ where: { roundId: id, version: 1 } })).toBe(1);
    for (const to of ["OPEN", "SCREENING", "JUDGING", "RESULTS", "PUBLISHED", "ARCHIVED"]) {
      if (to === "PUBLISHED") {
        // Results are published only once finalised (the results page does that; here, directly).
        const early = await transition(id, to, cookies.bacninh);
        expect(early.status).toBe(409);
        expect((early.data as { message: string }).message).toBe("Hãy chốt kết quả trước khi công bố.");
        await prisma.round.update({ where: { id }, data: { resultsFinalisedAt: new Date() } });
      }
      const res = await transition(id, to, cookies.bacninh);
      expect(res.status, to).toBe(302);
      expect(res.headers.get("Location")).toBe(`/admin/rounds/${id}`);
      expect(await statusOf(id)).toBe(to);
      path.push(to);
    }
    const logs = await prisma.auditLog.findMany({
      where: { entityType: "Round", entityId: id, action: "round.transition" },
      orderBy: { createdAt: "asc" },
    });
    expect(logs.map((l) => (l.after as { to: string }).to)).toEqual(path);
    expect(logs.map((l) => (l.after as { from: string }).from)).toEqual(["DRAFT", ...path.slice(0, -1)]);
    expect(logs.every((l) => l.actorId !== null && l.ipAddress === "127.0.0.1")).toBe(true);
    const page = await call(detailRoute.loader, get(`/admin/rounds/${id}`, cookies.bacninh), { roundId: id });
    const data = page.data as { moves: unknown[]; round: { history: { action: string }[] } };
    expect(data.moves).toEqual([]);
    expect(data.round.history.map((h) => h.action)).toEqual(["round.create", ...path.map(() => "round.transition")]);
  });

  test("skipping a step (draft → judging) is refused with a message", async () => {
    const id = await createThroughForm(cookies.bacninh, { name: "Đợt thử nhảy bước" });
    const res = await transition(id, "JUDGING", cookies.bacninh);
    expect(res.status).toBe(409);
    expect((res.data as { message: string }).message).toBe(
      "Không chuyển được đợt từ “Nháp” sang “Đang chấm điểm”: các bước phải đi lần lượt, và chỉ mở lại nhận hồ sơ được trước khi chấm điểm.",
    );
    expect(await statusOf(id)).toBe("DRAFT");
    expect(await prisma.auditLog.count({ where: { entityId: id, action: "round.transition" } })).toBe(0);
    const same = await transition(id, "DRAFT", cookies.bacninh);
    expect(same.status).toBe(409);
  });

  test("reopening entries before judging needs a reason and is audited with it", async () => {
    const id = await createThroughForm(cookies.bacninh, { name: "Đợt thử mở lại" });
    expect((await transition(id, "OPEN", cookies.bacninh)).status).toBe(302);
    expect((await transition(id, "SCREENING", cookies.bacninh)).status).toBe(302);
    const blank = await reopen(id, "   ", cookies.bacninh);
    expect(blank.status).toBe(400);
    expect((blank.data as { result: { error: Record<string, string[]> } }).result.error.reason).toEqual([
      "rounds.reopen.reasonRequired",
    ]);
    // A reopen posted as a plain transition has no reason either.
    const plain = await transition(id, "OPEN", cookies.bacninh);
    expect(plain.status).toBe(400);
    expect(await statusOf(id)).toBe("SCREENING");

    const reason = "Gia hạn nhận hồ sơ theo đề nghị của UBND phường Chũ (công văn số 15).";
    const ok = await reopen(id, reason, cookies.bacninh);
    expect(ok.status).toBe(302);
    expect(await statusOf(id)).toBe("OPEN");
    const log = await prisma.auditLog.findFirstOrThrow({
      where: { entityId: id, action: "round.transition" },
      orderBy: { createdAt: "desc" },
    });
    expect(log.after).toMatchObject({ from: "SCREENING", to: "OPEN", kind: "reopen", reason });
  });

  test("reopening after judging has started is refused", async () => {
    const id = await createThroughForm(cookies.bacninh, { name: "Đợt thử mở lại muộn" });
    for (const to of ["OPEN", "SCREENING", "JUDGING"])
      expect((await transition(id, to, cookies.bacninh)).status).toBe(302);
    const res = await reopen(id, "Muốn nhận thêm hồ sơ", cookies.bacninh);
    expect(res.status).toBe(409);
    expect((res.data as { result: { error: Record<string, string[]> } }).result.error[""]?.[0]).toContain(
      "chỉ mở lại nhận hồ sơ được trước khi chấm điểm",
    );
    await expect(transitionRound(await authOf(cookies.bacninh), id, "OPEN", "lý do", meta)).rejects.toMatchObject({
      status: 409,
      messageKey: "rounds.transition.notAllowed",
    });
    expect(await statusOf(id)).toBe("JUDGING");
  });

  test("judging reopens from the results with a reason, until the results are finalised", async () => {
    const id = await createThroughForm(cookies.bacninh, { name: "Đợt thử mở lại chấm điểm" });
    for (const to of ["OPEN", "SCREENING", "JUDGING", "RESULTS"])
      expect((await transition(id, to, cookies.bacninh)).status).toBe(302);
    const blank = await call(
      detailRoute.action,
      postForm(`/admin/rounds/${id}`, { intent: "reopen", to: "JUDGING", reason: " " }, cookies.bacninh),
      { roundId: id },
    );
    expect(blank.status).toBe(400);
    const reason = "Giám khảo số 3 chấm nhầm tiêu chí 2 của hai sản phẩm.";
    const ok = await call(
      detailRoute.action,
      postForm(`/admin/rounds/${id}`, { intent: "reopen", to: "JUDGING", reason }, cookies.bacninh),
      { roundId: id },
    );
    expect(ok.status).toBe(302);
    expect(await statusOf(id)).toBe("JUDGING");
    const log = await prisma.auditLog.findFirstOrThrow({
      where: { entityId: id, action: "round.transition" },
      orderBy: { createdAt: "desc" },
    });
    expect(log.after).toMatchObject({ from: "RESULTS", to: "JUDGING", kind: "reopen", reason });
    expect((await transition(id, "RESULTS", cookies.bacninh)).status).toBe(302);
    await prisma.round.update({ where: { id }, data: { resultsFinalisedAt: new Date() } });
    await expect(transitionRound(await authOf(cookies.bacninh), id, "JUDGING", reason, meta)).rejects.toMatchObject({
      status: 409,
      messageKey: "results.finalised.locked",
    });
    expect(await statusOf(id)).toBe("RESULTS");
  });

  test("opening a draft whose deadline has passed is refused", async () => {
    const id = await createThroughForm(cookies.bacninh, {
      name: "Đợt thử hạn đã qua",
      entriesOpenAt: toVnDateTimeInput(new Date(Date.now() - 20 * DAY)),
      entriesCloseAt: toVnDateTimeInput(new Date(Date.now() - DAY)),
    });
    const res = await transition(id, "OPEN", cookies.bacninh);
    expect(res.status).toBe(409);
    expect((res.data as { message: string }).message).toContain("Hạn nộp hồ sơ đã qua");
  });

  test("two clicks at once apply once", async () => {
    const id = await createThroughForm(cookies.bacninh, { name: "Đợt thử bấm hai lần" });
    const auth = await authOf(cookies.bacninh);
    const results = await Promise.allSettled([
      transitionRound(auth, id, "OPEN", null, meta),
      transitionRound(auth, id, "OPEN", null, meta),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(DomainError);
    expect((failed.reason as DomainError).status).toBe(409);
    expect(await statusOf(id)).toBe("OPEN");
    expect(await prisma.auditLog.count({ where: { entityId: id, action: "round.transition" } })).toBe(1);
  });
});

describe("editing a round", () => {
  test("works while DRAFT or OPEN, audited with before and after; not once screening", async () => {
    const id = await createThroughForm(cookies.bacninh, { name: "Đợt thử sửa" });
    const {
      jurisdiction: _j,
      year: _y,
      ...settings
    } = roundForm({ name: "Đợt thử sửa (bản 2)", passLine: "75,5", groups: ["A", "B"] });
    const res = await call(
      detailRoute.action,
      postForm(`/admin/rounds/${id}`, { intent: "update", ...settings }, cookies.bacninh),
      { roundId: id },
    );
    expect(res.status).toBe(302);
    const row = await prisma.round.findUniqueOrThrow({ where: { id }, include: { groups: true } });
    expect(row).toMatchObject({ name: "Đợt thử sửa (bản 2)", passLine: 75.5, status: "DRAFT" });
    expect(groupList(row.groups)).toEqual(["A", "B"]);
    const log = await prisma.auditLog.findFirstOrThrow({ where: { entityId: id, action: "round.update" } });
    expect(log.before).toMatchObject({ name: "Đợt thử sửa", passLine: 70, groups: ["A", "B", "C", "D"] });
    expect(log.after).toMatchObject({ name: "Đợt thử sửa (bản 2)", passLine: 75.5, groups: ["A", "B"] });
    expect(Object.keys(log.after as object).sort()).toEqual(["groups", "name", "passLine"]);

    const bad = await call(
      detailRoute.action,
      postForm(
        `/admin/rounds/${id}`,
        { intent: "update", ...settings, entriesCloseAt: settings.entriesOpenAt },
        cookies.bacninh,
      ),
      { roundId: id },
    );
    expect(bad.status).toBe(400);
    expect((bad.data as { form: string; result: { error: Record<string, string[]> } }).form).toBe("update");

    await transition(id, "OPEN", cookies.bacninh);
    const auth = await authOf(cookies.bacninh);
    const input = {
      name: "Đợt thử sửa (bản 3)",
      groups: ["A", "B"],
      entriesOpenAt: row.entriesOpenAt,
      entriesCloseAt: new Date(Date.now() + 40 * DAY),
    };
    expect(await updateRound(auth, id, input, meta)).toEqual({ changed: true });
    await transition(id, "SCREENING", cookies.bacninh);
    await expect(updateRound(auth, id, input, meta)).rejects.toMatchObject({
      status: 409,
      messageKey: "rounds.update.notEditable",
    });
  });

  test("nomination quotas: regional rounds, provinces of the region only", async () => {
    const auth = await authOf(cookies.mienbac);
    const base = {
      name: "Bình chọn khu vực phía Bắc — chỉ tiêu",
      year: 2026,
      groups: ["A", "B", "C", "D"],
      entriesOpenAt: new Date(),
      entriesCloseAt: new Date(Date.now() + 30 * DAY),
    };
    const round = await createRound(
      auth,
      { ...base, level: "REGION", regionId: ids.north, quotas: { [ids.bn]: 12, [ids.hn]: 20 } },
      meta,
    );
    const quotas = await prisma.roundQuota.findMany({ where: { roundId: round.id } });
    expect(Object.fromEntries(quotas.map((q) => [q.provinceId, q.quota]))).toEqual({ [ids.bn]: 12, [ids.hn]: 20 });
    const hcm = (await prisma.province.findUniqueOrThrow({ where: { code: "HCM" } })).id;
    await expect(updateRound(auth, round.id, { ...base, quotas: { [hcm]: 5 } }, meta)).rejects.toMatchObject({
      status: 400,
      messageKey: "rounds.quotas.unknownProvince",
    });
    await expect(updateRound(auth, round.id, { ...base, quotas: { [ids.bn]: -1 } }, meta)).rejects.toMatchObject({
      status: 400,
      messageKey: "rounds.quota.invalid",
    });
    await updateRound(auth, round.id, { ...base, quotas: { [ids.bn]: 15 } }, meta);
    expect(
      await prisma.roundQuota.findMany({ where: { roundId: round.id }, select: { provinceId: true, quota: true } }),
    ).toEqual([{ provinceId: ids.bn, quota: 15 }]);
    // The page offers one quota field per province of the North (18 after the 2025 merger).
    const page = await call(detailRoute.loader, get(`/admin/rounds/${round.id}`, cookies.mienbac), {
      roundId: round.id,
    });
    expect((page.data as { round: { quotaProvinces: unknown[] } }).round.quotaProvinces).toHaveLength(18);
    // Provincial rounds take no quotas.
    await expect(
      createRound(
        await authOf(cookies.bacninh),
        { ...base, level: "PROVINCE", provinceId: ids.bn, quotas: { [ids.bn]: 3 } },
        meta,
      ),
    ).rejects.toMatchObject({ status: 400, messageKey: "rounds.quotas.notForLevel" });
  });
});

describe("the producers' list of open rounds", () => {
  test("shows the open Bắc Ninh round, not a draft, not Hà Nội's, not a regional one", async () => {
    const open = await createThroughForm(cookies.bacninh, {
      name: "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2026 (mở)",
    });
    expect((await transition(open, "OPEN", cookies.bacninh)).status).toBe(302);
    const draft = await createThroughForm(cookies.bacninh, { name: "Đợt Bắc Ninh còn nháp" });
    const hanoi = await createThroughForm(cookies.hanoi, {
      jurisdiction: `PROVINCE:${ids.hn}`,
      name: "Bình chọn sản phẩm CNNT tiêu biểu TP Hà Nội năm 2026",
    });
    expect((await transition(hanoi, "OPEN", cookies.hanoi)).status).toBe(302);
    const regional = await createRound(
      await authOf(cookies.mienbac),
      {
        name: "Bình chọn khu vực phía Bắc năm 2026 (mở)",
        level: "REGION",
        regionId: ids.north,
        year: 2026,
        groups: ["A"],
        entriesOpenAt: new Date(Date.now() - DAY),
        entriesCloseAt: new Date(Date.now() + 10 * DAY),
      },
      meta,
    );
    await transitionRound(await authOf(cookies.mienbac), regional.id, "OPEN", null, meta);

    const res = await call(publicRoute.loader, get("/rounds", cookies.producer));
    expect(res.status).toBe(200);
    const data = res.data as {
      producer: boolean;
      hasEstablishment: boolean;
      rounds: { id: string; daysLeft: number; acceptingNow: boolean; province: string; entriesCloseAt: Date }[];
    };
    expect(data).toMatchObject({ producer: true, hasEstablishment: true });
    const shown = data.rounds.map((r) => r.id);
    expect(shown).toContain(open);
    expect(shown).not.toContain(draft);
    expect(shown).not.toContain(hanoi);
    expect(shown).not.toContain(regional.id);
    const mine = data.rounds.find((r) => r.id === open)!;
    expect(mine).toMatchObject({ acceptingNow: true, province: "Bắc Ninh" });
    expect(mine.daysLeft).toBeGreaterThanOrEqual(19);
    expect(mine.daysLeft).toBeLessThanOrEqual(21);

    // Past the deadline (still OPEN, not yet closed by the organiser) it drops off the list.
    expect((await listOpenRoundsForProducer([ids.bn], new Date(Date.now() + 30 * DAY))).map((r) => r.id)).not.toContain(
      open,
    );
    // Before entries open it is listed but not accepting yet.
    const early = await listOpenRoundsForProducer([ids.bn], new Date(Date.now() - 2 * DAY));
    expect(early.find((r) => r.id === open)?.acceptingNow).toBe(false);
  });

  test("anyone else gets an explanation, not a list", async () => {
    const anonymous = await call(publicRoute.loader, get("/rounds"));
    expect(anonymous.status).toBe(200);
    expect(anonymous.data).toMatchObject({ signedIn: false, producer: false, rounds: [] });
    const organiser = await call(publicRoute.loader, get("/rounds", cookies.bacninh));
    expect(organiser.data).toMatchObject({ signedIn: true, producer: false, manager: true, rounds: [] });
  });
});
