// The rubric page and service (app/modules/judging/rubric.server.ts): in-place edits while the
// rubric is unlocked, refusals that keep what the organiser typed, scope, new versions with a
// reason once a sheet has been submitted (sheets reopened, scores following their items),
// concurrent saves, and no changes once judging has closed.
import { beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { authFor, makeJudgingRound, type JudgingFixture } from "../support/judging-fixture";
import { call, cookieFor, get, post } from "../support/route-calls";
import { defaultRubricItems } from "~/modules/judging/rubric";
import { ensureDefaultRubric } from "~/modules/judging/default-rubric.server";
import { currentRubric, RubricProblemsError, saveRubric, type RubricItemEdit } from "~/modules/judging/rubric.server";
import * as route from "~/routes/admin.rounds_.$roundId_.rubric/route";
import { prisma } from "~/utils/db.server";
import { firstRow, itemAt } from "~/utils/arrays";
import { DomainError } from "~/utils/errors";
import { createGroups } from "~/modules/rounds/groups";

const ORGANISER = "organiser.bacninh@tieubieu.test";
const HANOI = "organiser.hanoi.rubric@example.vn";
const DAY = 24 * 60 * 60 * 1000;
const meta = { ip: "127.0.0.1" };
let cookie: string;

type Item = {
  id: string;
  criterion: number;
  group: string | null;
  code: string;
  title: string;
  guidance: string | null;
  max: number;
  sortOrder: number;
};
type Reply = {
  result: { initialValue?: Record<string, unknown>; error?: Record<string, string[] | null> } | null;
  message: string | null;
  problems: { summary: string[]; byRow: Record<number, string[]>; byCriterion: Record<number, string[]> } | null;
};

const path = (roundId: string) => `/admin/rounds/${roundId}/rubric`;
const params = (roundId: string) => ({ roundId });

async function items(roundId: string): Promise<Item[]> {
  return (await currentRubric(prisma, roundId))!.items as Item[];
}

/** The editor's fields for these items, in the page's order, as a browser would post them. */
function fields(list: readonly Partial<Item>[], extra: Record<string, string> = {}) {
  const out: Record<string, string> = { intent: "save", ...extra };
  list.forEach((i, k) => {
    out[`items[${k}].criterion`] = String(i.criterion);
    if (i.id) out[`items[${k}].id`] = i.id;
    out[`items[${k}].group`] = i.group ?? "";
    out[`items[${k}].title`] = i.title ?? "";
    out[`items[${k}].max`] = i.max === undefined ? "" : String(i.max);
    out[`items[${k}].guidance`] = i.guidance ?? "";
  });
  return out;
}

const find = (list: Item[], group: string | null, code: string) =>
  list.find((i) => i.group === group && i.code === code)!;

async function bareRound(opts: { status?: "OPEN" | "JUDGING" | "RESULTS"; groups?: string[]; rubric?: boolean } = {}) {
  const bn = await prisma.province.findUniqueOrThrow({ where: { code: "BN" } });
  const organiser = await prisma.user.findUniqueOrThrow({ where: { email: ORGANISER } });
  const round = await prisma.round.create({
    data: {
      name: `Bình chọn thử tiêu chí ${Math.random().toString(36).slice(2, 7)}`,
      level: "PROVINCE",
      provinceId: bn.id,
      year: 2026,
      groups: createGroups(opts.groups ?? ["A", "B", "C", "D"]),
      entriesOpenAt: new Date(Date.now() - 10 * DAY),
      entriesCloseAt: new Date(Date.now() - DAY),
      status: opts.status ?? "JUDGING",
      createdById: organiser.id,
    },
  });
  if (opts.rubric !== false) await ensureDefaultRubric(prisma, round.id, organiser.id);
  return round;
}

/** A full score for every item an entry of `group` is scored on. */
const fullScores = (list: readonly Item[], group: string) => {
  const own = (c: number) => list.some((i) => i.criterion === c && i.group === group);
  return Object.fromEntries(
    list.filter((i) => (own(i.criterion) ? i.group === group : i.group === null)).map((i) => [i.code, i.max]),
  );
};

beforeAll(async () => {
  await seed(prisma, { demo: true });
  cookie = await cookieFor(ORGANISER);
  const hn = await prisma.province.findUniqueOrThrow({ where: { code: "HN" } });
  const passwordHash = (await prisma.user.findUniqueOrThrow({ where: { email: "admin@tieubieu.test" } })).passwordHash;
  await prisma.user.create({
    data: {
      email: HANOI,
      name: "Cán bộ Hà Nội",
      passwordHash,
      emailVerifiedAt: new Date(),
      roles: { create: { role: "ORGANISER", level: "PROVINCE", provinceId: hn.id } },
    },
  });
});

describe("the rubric page", () => {
  test("shows the current version, unlocked, valid, with its history", async () => {
    const round = await bareRound();
    const out = await call(route.loader, get(path(round.id), cookie), params(round.id));
    expect(out.status).toBe(200);
    const page = out.data as Awaited<ReturnType<typeof route.loader>>;
    expect(page.rubric?.version).toBe(1);
    expect(page.rubric?.locked).toBe(false);
    expect(page.rubric?.items).toHaveLength(defaultRubricItems().length);
    expect(page.problems).toEqual([]);
    expect(page.editable).toBe(true);
    expect(page.versions.map((v) => v.version)).toEqual([1]);
    expect(page.round.groups).toEqual(["A", "B", "C", "D"]);
  });

  test("is 403 for another province's organiser and 404 for an unknown round", async () => {
    const round = await bareRound();
    const hanoi = await cookieFor(HANOI);
    expect((await call(route.loader, get(path(round.id), hanoi), params(round.id))).status).toBe(403);
    const before = await items(round.id);
    const out = await call(route.action, post(path(round.id), fields(before), hanoi), params(round.id));
    expect(out.status).toBe(403);
    expect(
      (await call(route.loader, get(path("cl0000000000000000000000"), cookie), params("cl0000000000000000000000")))
        .status,
    ).toBe(404);
    // a producer is not let in at all
    expect(
      (await call(route.loader, get(path(round.id), await cookieFor("producer@tieubieu.test")), params(round.id)))
        .status,
    ).toBe(403);
  });

  test("offers the default rubric to a round without one, and creates it (only its groups) on POST", async () => {
    const round = await bareRound({ rubric: false, groups: ["B", "D"], status: "OPEN" });
    const page = (await call(route.loader, get(path(round.id), cookie), params(round.id))).data as Awaited<
      ReturnType<typeof route.loader>
    >;
    expect(page.rubric).toBeNull();
    expect(await prisma.rubric.count({ where: { roundId: round.id } })).toBe(0); // the loader never writes
    const out = await call(route.action, post(path(round.id), { intent: "createDefault" }, cookie), params(round.id));
    expect(out.status).toBe(302);
    const list = await items(round.id);
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((i) => i.group === null || i.group === "B")).toBe(true);
    expect(
      await prisma.auditLog.count({
        where: { action: "rubric.create", entityId: (await currentRubric(prisma, round.id))!.id },
      }),
    ).toBe(1);
  });
});

describe("editing an unlocked rubric", () => {
  test("replaces the items in place, audited", async () => {
    const round = await bareRound();
    const before = await items(round.id);
    const rubric = (await currentRubric(prisma, round.id))!;
    const edited = before.map((i) =>
      i.group === null && i.code === "1.1"
        ? { ...i, title: "Thị trường tiêu thụ và khách hàng", max: 10 }
        : i.group === null && i.code === "1.2"
          ? { ...i, max: 15 }
          : i,
    );
    const out = await call(
      route.action,
      post(
        path(round.id),
        fields(edited, { basedOn: rubric.id, basedOnUpdatedAt: rubric.updatedAt.toISOString() }),
        cookie,
      ),
      params(round.id),
    );
    expect(out.status).toBe(302);
    expect(out.headers.get("Location")).toBe(path(round.id));
    const after = await items(round.id);
    expect(await prisma.rubric.count({ where: { roundId: round.id } })).toBe(1);
    expect(find(after, null, "1.1")).toMatchObject({ title: "Thị trường tiêu thụ và khách hàng", max: 10 });
    expect(find(after, null, "1.2").max).toBe(15);
    expect(after).toHaveLength(before.length);
    const log = await prisma.auditLog.findFirst({ where: { action: "rubric.update", entityId: rubric.id } });
    expect(log).not.toBeNull();
    expect(JSON.stringify(log!.after)).toContain("Thị trường tiêu thụ và khách hàng");
  });

  test("adds a group's own items from an empty row and removes a ticked row", async () => {
    const round = await bareRound();
    const before = await items(round.id);
    const form = fields(before);
    const n = before.length;
    // group D gets its own criterion-3 item in an empty row; the shared 4.2 is removed and 4.1 takes its points
    const added = { criterion: "3", group: "D", title: "Giá trị văn hóa riêng của nhóm D", max: "10", guidance: "" };
    for (const [k, v] of Object.entries(added)) form[`items[${n}].${k}`] = v;
    const k41 = before.findIndex((i) => i.group === null && i.code === "4.1");
    const k42 = before.findIndex((i) => i.group === null && i.code === "4.2");
    form[`items[${k41}].max`] = "10";
    form[`items[${k42}].remove`] = "on";
    // and an empty row, which is ignored
    form[`items[${n + 1}].criterion`] = "2";
    const out = await call(route.action, post(path(round.id), form, cookie), params(round.id));
    expect(out.status).toBe(302);
    const after = await items(round.id);
    expect(after).toHaveLength(before.length); // one added, one removed
    expect(after.filter((i) => i.group === "D").map((i) => [i.code, i.title, i.max])).toEqual([
      ["3.1", "Giá trị văn hóa riêng của nhóm D", 10],
    ]);
    expect(after.filter((i) => i.group === null && i.criterion === 4).map((i) => [i.code, i.max])).toEqual([
      ["4.1", 10],
    ]);
  });

  test("re-keys judges' drafts when items move, so no score lands on another item", async () => {
    const fx = await makeJudgingRound({ groups: ["B"], judges: 1 });
    const before = await items(fx.roundId);
    const rubric = (await currentRubric(prisma, fx.roundId))!;
    const entry = firstRow(fx.entries, "entries");
    const sheet = await prisma.scoreSheet.create({
      data: {
        roundId: fx.roundId,
        entryId: entry.id,
        juryMemberId: firstRow(fx.judges, "judges").memberId,
        rubricId: rubric.id,
        scores: { "1.1": 12, "1.2": 8, "1.3": 9 },
        notes: { "1.2": "ghi chú 1.2" },
      },
    });
    // shared 1.1 (15 points) removed; 1.2 takes its points: old 1.2 → 1.1, old 1.3 → 1.2
    const edited = before
      .filter((i) => !(i.group === null && i.code === "1.1"))
      .map((i) => (i.group === null && i.code === "1.2" ? { ...i, max: 25 } : i));
    const out = await call(route.action, post(path(fx.roundId), fields(edited), cookie), params(fx.roundId));
    expect(out.status).toBe(302);
    const after = await prisma.scoreSheet.findUniqueOrThrow({ where: { id: sheet.id } });
    expect(after.scores).toEqual({ "1.1": 8, "1.2": 9 });
    expect(after.notes).toEqual({ "1.1": "ghi chú 1.2" });
    expect(after.version).toBe(2); // an open tab must reload
    expect(after.status).toBe("DRAFT");
  });

  test("a sum that misses the cap is refused with 400, what was typed kept and nothing changed", async () => {
    const round = await bareRound();
    const before = await items(round.id);
    const audits = await prisma.auditLog.count({ where: { action: { startsWith: "rubric." } } });
    const k = before.findIndex((i) => i.group === null && i.code === "1.1");
    const kB = before.findIndex((i) => i.group === "B" && i.code === "2.2");
    const edited = before.map((i, j) =>
      j === k ? { ...i, title: "Tên mới đã gõ", max: 10 } : j === kB ? { ...i, max: 5 } : i,
    );
    const out = await call(route.action, post(path(round.id), fields(edited), cookie), params(round.id));
    expect(out.status).toBe(400);
    const reply = out.data as Reply;
    const typed = itemAt(reply.result!.initialValue!.items as Array<Record<string, string>>, k, "the items typed");
    expect(typed.title).toBe("Tên mới đã gõ");
    expect(typed.max).toBe("10");
    expect(reply.problems!.summary).toContain(
      "Tiêu chí 1, nhóm A, B, C, D: tổng điểm tối đa các tiêu chí thành phần là 35, phải bằng 40.",
    );
    expect(reply.problems!.summary).toContain(
      "Tiêu chí 2, nhóm B: tổng điểm tối đa các tiêu chí thành phần là 35, phải bằng 40.",
    );
    expect(reply.problems!.byCriterion[1]).toHaveLength(1);
    expect(await items(round.id)).toEqual(before);
    expect(await prisma.auditLog.count({ where: { action: { startsWith: "rubric." } } })).toBe(audits);
  });

  test("a row's own problems are listed next to it", async () => {
    const round = await bareRound();
    const before = await items(round.id);
    const k = before.findIndex((i) => i.group === null && i.code === "3.2");
    const edited = before.map((i, j) => (j === k ? { ...i, title: "   ", max: 5.3 } : i));
    const out = await call(route.action, post(path(round.id), fields(edited), cookie), params(round.id));
    expect(out.status).toBe(400);
    const reply = out.data as Reply;
    expect(reply.problems!.byRow[k]).toEqual([
      "Thiếu tên tiêu chí thành phần.",
      "Điểm tối đa phải lớn hơn 0, không quá 10 và theo bước 0,5.",
    ]);
    expect(reply.problems!.summary).toContain("Tiêu chí 3, Chung, dòng 2: thiếu tên tiêu chí thành phần.");
  });

  test.each([
    ["a maximum that is not a number", (f: Record<string, string>) => void (f["items[0].max"] = "abc"), "items[0].max"],
    ["an unknown group", (f: Record<string, string>) => void (f["items[0].group"] = "Z"), "items[0].group"],
    [
      "a criterion outside 1–4",
      (f: Record<string, string>) => void (f["items[0].criterion"] = "9"),
      "items[0].criterion",
    ],
  ])("%s is a 400 on the row, not a 500", async (_label, mutate, field) => {
    const round = await bareRound();
    const before = await items(round.id);
    const form = fields(before);
    mutate(form);
    const out = await call(route.action, post(path(round.id), form, cookie), params(round.id));
    expect(out.status).toBe(400);
    expect((out.data as Reply).result!.error![field]?.length).toBeGreaterThan(0);
    expect(await items(round.id)).toEqual(before);
  });

  test("too many rows, a far row index or a group not in the round are refused with 400", async () => {
    const round = await bareRound({ groups: ["A", "B"] });
    const before = await items(round.id); // still has the default C items: a group not in the round
    const many = fields(Array.from({ length: 500 }, () => ({ criterion: 1, group: null, title: "x", max: 0.5 })));
    expect((await call(route.action, post(path(round.id), many, cookie), params(round.id))).status).toBe(400);
    const far = { ...fields(before), "items[99999999].title": "x" };
    const out = await call(route.action, post(path(round.id), far, cookie), params(round.id));
    expect(out.status).toBe(400);
    expect((out.data as Reply).message).toContain("200");
    const withC = await call(route.action, post(path(round.id), fields(before), cookie), params(round.id));
    expect(withC.status).toBe(400);
    expect((withC.data as Reply).problems!.summary.some((m) => m.includes("nhóm C không tham gia"))).toBe(true);
    expect(
      await call(route.action, post(path(round.id), { intent: "nothing" }, cookie), params(round.id)),
    ).toMatchObject({ status: 400 });
  });

  test("the page leaves out items of groups not in the round, and saving without them works", async () => {
    const round = await bareRound({ groups: ["A", "B"] });
    const page = (await call(route.loader, get(path(round.id), cookie), params(round.id))).data as Awaited<
      ReturnType<typeof route.loader>
    >;
    expect(page.otherGroups).toEqual(["C"]);
    expect(page.problems).toEqual([]);
    const out = await call(route.action, post(path(round.id), fields(page.rubric!.items), cookie), params(round.id));
    expect(out.status).toBe(302);
    expect((await items(round.id)).some((i) => i.group === "C")).toBe(false);
  });

  test("a form based on an older state of the rubric is refused (409), not silently applied", async () => {
    const round = await bareRound();
    const rubric = (await currentRubric(prisma, round.id))!;
    const before = await items(round.id);
    const stale = fields(
      before.map((i) => (i.group === null && i.code === "4.1" ? { ...i, title: "Sửa từ tab cũ" } : i)),
      { basedOn: rubric.id, basedOnUpdatedAt: new Date(rubric.updatedAt.getTime() - 1000).toISOString() },
    );
    const out = await call(route.action, post(path(round.id), stale, cookie), params(round.id));
    expect(out.status).toBe(409);
    expect(JSON.stringify((out.data as Reply).result!.error)).toContain("vừa được thay đổi");
    expect(await items(round.id)).toEqual(before);
  });

  test("reset to default puts the default items back, audited", async () => {
    const round = await bareRound();
    const before = await items(round.id);
    await call(
      route.action,
      post(path(round.id), fields(before.map((i) => ({ ...i, title: `${i.title} (sửa)` }))), cookie),
      params(round.id),
    );
    expect(firstRow(await items(round.id), "items").title).toMatch(/\(sửa\)$/);
    const out = await call(route.action, post(path(round.id), { intent: "reset" }, cookie), params(round.id));
    expect(out.status).toBe(302);
    expect((await items(round.id)).map((i) => [i.group, i.code, i.title, i.max])).toEqual(
      defaultRubricItems().map((i) => [i.group, i.code, i.title, i.max]),
    );
    expect(await prisma.auditLog.count({ where: { action: "rubric.reset" } })).toBeGreaterThan(0);
  });
});

describe("a locked rubric", () => {
  let fx: JudgingFixture;
  let submittedId: string;
  let draftId: string;
  let v1: { id: string; items: Item[] };

  beforeAll(async () => {
    fx = await makeJudgingRound({ groups: ["B", "A"], judges: 2 });
    const rubric = (await currentRubric(prisma, fx.roundId))!;
    v1 = { id: rubric.id, items: rubric.items as Item[] };
    const b = fx.entries.find((e) => e.group === "B")!;
    // What the sheets service does on the first submission: the sheet, and the rubric's lock.
    const submitted = await prisma.scoreSheet.create({
      data: {
        roundId: fx.roundId,
        entryId: b.id,
        juryMemberId: itemAt(fx.judges, 0, "judges").memberId,
        rubricId: rubric.id,
        status: "SUBMITTED",
        submittedAt: new Date(),
        scores: { ...fullScores(v1.items, "B"), "1.1": 12, "1.2": 8 },
      },
    });
    const draft = await prisma.scoreSheet.create({
      data: {
        roundId: fx.roundId,
        entryId: b.id,
        juryMemberId: itemAt(fx.judges, 1, "judges").memberId,
        rubricId: rubric.id,
        scores: { "1.1": 3 },
      },
    });
    await prisma.rubric.update({ where: { id: rubric.id }, data: { lockedAt: new Date() } });
    submittedId = submitted.id;
    draftId = draft.id;
  });

  /** Shared 1.1 (15 points) removed, 1.2 takes its points. */
  const edit = () =>
    v1.items
      .filter((i) => !(i.group === null && i.code === "1.1"))
      .map((i) => (i.group === null && i.code === "1.2" ? { ...i, max: 25 } : i));

  test("the page says so and counts the sheets a new version would reopen", async () => {
    const page = (await call(route.loader, get(path(fx.roundId), cookie), params(fx.roundId))).data as Awaited<
      ReturnType<typeof route.loader>
    >;
    expect(page.rubric?.locked).toBe(true);
    expect(page.rubric?.lockedAt).toBeInstanceOf(Date);
    expect(page.sheets).toEqual({ submitted: 1, total: 2 });
  });

  test("cannot be reset to the default", async () => {
    const out = await call(route.action, post(path(fx.roundId), { intent: "reset" }, cookie), params(fx.roundId));
    expect(out.status).toBe(409);
    expect((out.data as Reply).message).toContain("đã khóa");
  });

  test("needs a reason: without one it is a 400 on the reason field and nothing changes", async () => {
    const out = await call(
      route.action,
      post(path(fx.roundId), fields(edit(), { reason: "   " }), cookie),
      params(fx.roundId),
    );
    expect(out.status).toBe(400);
    expect((out.data as Reply).result!.error!.reason).toEqual(["Vui lòng nêu lý do tạo phiên bản mới."]);
    expect(await prisma.rubric.count({ where: { roundId: fx.roundId } })).toBe(1);
    expect((await prisma.scoreSheet.findUniqueOrThrow({ where: { id: submittedId } })).status).toBe("SUBMITTED");
  });

  test("with a reason becomes version 2: sheets move to it, the submitted one reopened, scores following their items, audited", async () => {
    const reason = "Hội đồng gộp tiêu chí 1.1 vào 1.2 theo biên bản họp ngày 10/6";
    const out = await call(
      route.action,
      post(path(fx.roundId), fields(edit(), { reason, basedOn: v1.id }), cookie),
      params(fx.roundId),
    );
    expect(out.status).toBe(302);
    const v2 = (await currentRubric(prisma, fx.roundId))!;
    expect(v2.version).toBe(2);
    expect(v2.reason).toBe(reason);
    expect(v2.lockedAt).toBeNull();
    // version 1 is kept as it was
    expect(
      (await prisma.rubricItem.findMany({ where: { rubricId: v1.id }, orderBy: { sortOrder: "asc" } })).map(
        (i) => i.id,
      ),
    ).toEqual(v1.items.map((i) => i.id));

    const reopened = await prisma.scoreSheet.findUniqueOrThrow({ where: { id: submittedId } });
    expect(reopened).toMatchObject({
      status: "DRAFT",
      reopenReason: reason,
      submittedAt: null,
      rubricId: v2.id,
      version: 2,
    });
    expect((reopened.scores as Record<string, number>)["1.1"]).toBe(8); // was 1.2
    expect((reopened.scores as Record<string, number>)["1.2"]).toBe(
      v1.items.find((i) => i.group === null && i.code === "1.3")!.max,
    ); // was 1.3
    const draft = await prisma.scoreSheet.findUniqueOrThrow({ where: { id: draftId } });
    expect(draft).toMatchObject({ status: "DRAFT", reopenReason: null, rubricId: v2.id, version: 2 });
    expect(draft.scores).toEqual({}); // its only score was on the removed item

    const log = await prisma.auditLog.findFirst({ where: { action: "rubric.version", entityId: v2.id } });
    expect(log?.after).toMatchObject({ version: 2, reason, reopenedSheets: 1, movedSheets: 2 });

    const page = (await call(route.loader, get(path(fx.roundId), cookie), params(fx.roundId))).data as Awaited<
      ReturnType<typeof route.loader>
    >;
    expect(page.versions.map((v) => [v.version, v.reason])).toEqual([
      [2, reason],
      [1, null],
    ]);
    expect(page.rubric?.locked).toBe(false);
  });

  test("two concurrent saves of a locked rubric: one new version, the other refused with 409", async () => {
    const round = await bareRound();
    const rubric = (await currentRubric(prisma, round.id))!;
    await prisma.rubric.update({ where: { id: rubric.id }, data: { lockedAt: new Date() } });
    const auth = await authFor(ORGANISER);
    const list = (rubric.items as Item[]).map((i): RubricItemEdit => ({
      ...i,
      group: i.group as RubricItemEdit["group"],
    }));
    const a = list.map((i) => (i.group === null && i.criterion === 4 ? { ...i, title: `${i.title} (A)` } : i));
    const b = list.map((i) => (i.group === null && i.criterion === 4 ? { ...i, title: `${i.title} (B)` } : i));
    const results = await Promise.allSettled([
      saveRubric(auth, round.id, { items: a, reason: "Lần A", basedOn: { rubricId: rubric.id } }, meta),
      saveRubric(auth, round.id, { items: b, reason: "Lần B", basedOn: { rubricId: rubric.id } }, meta),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failure = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(failure.reason).toBeInstanceOf(DomainError);
    expect(failure.reason).toMatchObject({ status: 409 });
    expect((await prisma.rubric.findMany({ where: { roundId: round.id } })).map((r) => r.version).sort()).toEqual([
      1, 2,
    ]);
  });

  test("the service refuses invalid items with every problem listed", async () => {
    const round = await bareRound();
    const auth = await authFor(ORGANISER);
    const error = await saveRubric(
      auth,
      round.id,
      { items: [{ criterion: 1, group: null, title: "", max: 40 }] },
      meta,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RubricProblemsError);
    const kinds = (error as RubricProblemsError).problems.map((p) => p.kind);
    expect(kinds).toContain("title");
    expect(kinds.filter((k) => k === "empty")).toHaveLength(12); // criteria 2–4 × groups A–D
  });
});

describe("once judging has closed", () => {
  test("the rubric is read only and a save is refused with 409", async () => {
    const round = await bareRound({ status: "RESULTS" });
    const before = await items(round.id);
    const page = (await call(route.loader, get(path(round.id), cookie), params(round.id))).data as Awaited<
      ReturnType<typeof route.loader>
    >;
    expect(page.editable).toBe(false);
    const out = await call(
      route.action,
      post(path(round.id), fields(before.map((i) => ({ ...i, title: `${i.title}!` }))), cookie),
      params(round.id),
    );
    expect(out.status).toBe(409);
    expect(JSON.stringify((out.data as Reply).result!.error)).toContain("mở lại vòng chấm điểm");
    expect(await items(round.id)).toEqual(before);
    expect((await call(route.action, post(path(round.id), { intent: "reset" }, cookie), params(round.id))).status).toBe(
      409,
    );
  });

  test("finalised results also lock it, whatever the status", async () => {
    const round = await bareRound({ status: "JUDGING" });
    await prisma.round.update({ where: { id: round.id }, data: { resultsFinalisedAt: new Date() } });
    const auth = await authFor(ORGANISER);
    await expect(saveRubric(auth, round.id, { items: defaultRubricItems() }, meta)).rejects.toMatchObject({
      status: 409,
      messageKey: "rubric.error.judgingClosed",
    });
  });
});
