// Score sheets end to end through the real routes: a judge's queue and sheet, validation of every
// number against the rubric (400, nothing stored), drafts and submission (rubric locked,
// audited), the version check under concurrent saves (one winner, one 409), conflicts and blind
// judging in what the pages carry, judges' file access through /files/:id, the organiser's
// reopen and the secretary's paper sheets, and the lock once judging closes.
import { beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { makeJudgingRound, type FixtureEntry, type JudgingFixture } from "../support/judging-fixture";
import { call, cookieFor, get, post, type Outcome } from "../support/route-calls";
import { currentRubric } from "~/modules/judging/rubric.server";
import { sheetItems } from "~/modules/judging/sheet-rules";
import { scoreField } from "~/modules/judging/sheet-schemas";
import * as progressRoute from "~/routes/admin.rounds_.$roundId_.sheets";
import * as paperRoute from "~/routes/admin.rounds_.$roundId_.sheets_.$entryId_.$memberId";
import * as entryRoute from "~/routes/admin.rounds_.$roundId_.entries_.$entryId";
import * as fileRoute from "~/routes/files.$id";
import * as queueRoute from "~/routes/judge_.rounds.$roundId";
import * as sheetRoute from "~/routes/judge_.rounds.$roundId_.entries.$entryId";
import { firstRow, itemAt } from "~/utils/arrays";
import { prisma } from "~/utils/db.server";

let fx: JudgingFixture;
let open: JudgingFixture; // a round that is not blind
let organiserCookie: string;
let judgeCookies: string[];
let codesB: Array<{ code: string; max: number }>;

const entryAt = (i: number) => itemAt(fx.entries, i, "the round's entries");
const judgeAt = (i: number) => itemAt(fx.judges, i, "the round's judges");
const judgeCookie = (i: number) => itemAt(judgeCookies, i, "the judges' cookies");

const sheetUrl = (f: JudgingFixture, e: FixtureEntry) => `/judge/rounds/${f.roundId}/entries/${e.id}`;
const params = (f: JudgingFixture, e: FixtureEntry) => ({ roundId: f.roundId, entryId: e.id });

/** A full sheet: every item at its maximum, minus `less` points on the first item. */
function fullScores(less = 0): Record<string, string> {
  return Object.fromEntries(codesB.map((c, i) => [scoreField(c.code), String(i === 0 ? c.max - less : c.max)]));
}

function save(f: JudgingFixture, e: FixtureEntry, cookie: string, fields: Record<string, string>) {
  return call(sheetRoute.action, post(sheetUrl(f, e), fields, cookie), params(f, e));
}

const sheetOf = (e: FixtureEntry, memberId: string) =>
  prisma.scoreSheet.findUnique({
    where: { entryId_juryMemberId_pass: { entryId: e.id, juryMemberId: memberId, pass: 1 } },
  });

type Reply = {
  result: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> } | null;
  saved: { version: number } | null;
  conflict: boolean;
};
const reply = (o: Outcome) => o.data as Reply;

beforeAll(async () => {
  await seed(prisma, { demo: true });
  fx = await makeJudgingRound({ groups: ["B", "B", "B", "A"], judges: 3 });
  open = await makeJudgingRound({ groups: ["B"], judges: 1, blindJudging: false });
  organiserCookie = await cookieFor(fx.organiserEmail);
  judgeCookies = await Promise.all(fx.judges.map((j) => cookieFor(j.email)));
  const rubric = await currentRubric(prisma, fx.roundId);
  codesB = sheetItems(rubric!.items, "B").map((i) => ({ code: i.code, max: i.max }));
});

describe("validation", () => {
  test("out-of-range, negative, non-half-step and non-numbers answer 400 with messages, keep what was typed and store nothing", async () => {
    const e = entryAt(0);
    const res = await save(fx, e, judgeCookie(0), {
      intent: "save",
      version: "0",
      score_1_1: "16",
      score_1_2: "-1",
      score_1_3: "2.3",
      score_1_4: "abc",
      score_2_1: "7,5",
    });
    expect(res.status).toBe(400);
    const { result } = reply(res);
    expect(result?.error?.score_1_1).toEqual(["Điểm 1.1 phải từ 0 đến 15, bước 0,5"]);
    expect(result?.error?.score_1_2).toEqual(["Điểm 1.2 phải từ 0 đến 10, bước 0,5"]);
    expect(result?.error?.score_1_3).toEqual(["Điểm 1.3 phải từ 0 đến 10, bước 0,5"]);
    expect(result?.error?.score_1_4).toEqual(["Điểm 1.4 phải từ 0 đến 5, bước 0,5"]);
    expect(result?.error?.score_2_1).toBeUndefined();
    expect(result?.initialValue).toMatchObject({ score_1_1: "16", score_1_4: "abc", score_2_1: "7,5" });
    expect(await sheetOf(e, judgeAt(0).memberId)).toBeNull();
  });

  test("a draft saves with blanks; submitting with a missing item is refused and lists it", async () => {
    const e = entryAt(0);
    const judge = judgeAt(0);
    const draft = await save(fx, e, judgeCookie(0), {
      intent: "save",
      version: "0",
      score_1_1: "12,5",
      note_1_1: "Thị trường ổn định",
      comment: "Khá",
    });
    expect(draft.status).toBe(302);
    expect(draft.headers.get("Location")).toBe(sheetUrl(fx, e));
    const sheet = await sheetOf(e, judge.memberId);
    expect(sheet).toMatchObject({
      status: "DRAFT",
      version: 1,
      scores: { "1.1": 12.5 },
      notes: { "1.1": "Thị trường ổn định" },
      comment: "Khá",
      onPaper: false,
    });
    // no audit row for drafts
    expect(await prisma.auditLog.count({ where: { entityType: "ScoreSheet", entityId: sheet!.id } })).toBe(0);

    const missing = fullScores();
    delete missing.score_3_2;
    missing.score_4_1 = "";
    const res = await save(fx, e, judgeCookie(0), { intent: "submit", version: "1", ...missing });
    expect(res.status).toBe(400);
    const { result } = reply(res);
    expect(result?.error?.[""]?.[0]).toBe("Chưa nộp được: còn thiếu điểm các mục 3.2, 4.1.");
    expect(result?.error?.score_3_2).toEqual(["Mục 3.2 chưa có điểm."]);
    expect(await sheetOf(e, judge.memberId)).toMatchObject({ status: "DRAFT", version: 1 });
  });

  test("the sheet page shows the saved values, the totals and the version", async () => {
    const e = entryAt(0);
    const res = await call(sheetRoute.loader, get(sheetUrl(fx, e), judgeCookie(0)), params(fx, e));
    expect(res.status).toBe(200);
    const d = res.data as {
      version: number;
      totals: { total: number };
      sheet: { scores: Record<string, number> };
      lock: string | null;
      items: Array<{ code: string }>;
    };
    expect(d.version).toBe(1);
    expect(d.sheet.scores).toEqual({ "1.1": 12.5 });
    expect(d.totals.total).toBe(12.5);
    expect(d.lock).toBeNull();
    expect(d.items.map((i) => i.code)).toEqual(codesB.map((c) => c.code));
  });
});

describe("submission", () => {
  test("a full sheet submits: SUBMITTED, rubric locked, audited; then it cannot be saved (409)", async () => {
    const e = entryAt(0);
    const judge = judgeAt(0);
    const rubric = await currentRubric(prisma, fx.roundId);
    expect(rubric!.lockedAt).toBeNull();
    const res = await save(fx, e, judgeCookie(0), { intent: "submit", version: "1", ...fullScores(1.5) });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/judge/rounds/${fx.roundId}?tab=submitted`);
    const sheet = await sheetOf(e, judge.memberId);
    expect(sheet).toMatchObject({ status: "SUBMITTED", version: 2 });
    expect(sheet!.submittedAt).toBeInstanceOf(Date);
    expect((sheet!.scores as Record<string, number>)["1.1"]).toBe(13.5);
    expect((await currentRubric(prisma, fx.roundId))!.lockedAt).toBeInstanceOf(Date);
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: "sheet.submit", entityId: sheet!.id } });
    expect(log.actorId).toBe(judge.userId);
    expect(log.after).toMatchObject({ total: 98.5, version: 2 });

    const again = await save(fx, e, judgeCookie(0), { intent: "save", version: "2", ...fullScores() });
    expect(again.status).toBe(409);
    expect(reply(again).result?.error?.[""]?.[0]).toContain("Phiếu đã nộp / đã khóa");
    expect((await sheetOf(e, judge.memberId))!.version).toBe(2);

    const page = await call(sheetRoute.loader, get(sheetUrl(fx, e), judgeCookie(0)), params(fx, e));
    expect((page.data as { lock: string }).lock).toBe("submitted");
  });

  test("the queue splits entries into tabs and counts progress", async () => {
    const todo = await call(queueRoute.loader, get(`/judge/rounds/${fx.roundId}`, judgeCookie(0)), {
      roundId: fx.roundId,
    });
    expect(todo.status).toBe(200);
    const q = todo.data as {
      progress: { assigned: number; submitted: number; todo: number };
      rows: Array<{ id: string; tab: string }>;
      tab: string;
    };
    expect(q.tab).toBe("todo");
    expect(q.progress).toMatchObject({ assigned: 4, submitted: 1, todo: 3 });
    expect(q.rows.map((r) => r.id)).not.toContain(entryAt(0).id);
    const done = await call(queueRoute.loader, get(`/judge/rounds/${fx.roundId}?tab=submitted`, judgeCookie(0)), {
      roundId: fx.roundId,
    });
    const rows = (done.data as { rows: Array<{ id: string; total: number }> }).rows;
    expect(rows).toEqual([expect.objectContaining({ id: entryAt(0).id, total: 98.5 })]);
    const bad = await call(queueRoute.loader, get(`/judge/rounds/${fx.roundId}?tab=zzz&page=-1`, judgeCookie(0)), {
      roundId: fx.roundId,
    });
    expect((bad.data as { tab: string }).tab).toBe("todo");
  });
});

describe("concurrent saves never overwrite silently", () => {
  test("two sessions saving the same version: one wins, the other gets 409 sheets.conflict, the winner's scores stay", async () => {
    const e = entryAt(1);
    const judge = judgeAt(1);
    const tabA = judgeCookie(1);
    const tabB = await cookieFor(judge.email); // a second session of the same judge
    expect((await save(fx, e, tabA, { intent: "save", version: "0", score_1_1: "10" })).status).toBe(302);

    // sequential: B still holds version 1 after A saved version 2
    expect((await save(fx, e, tabA, { intent: "autosave", version: "1", score_1_1: "11" })).status).toBe(200);
    const stale = await save(fx, e, tabB, { intent: "autosave", version: "1", score_1_1: "3" });
    expect(stale.status).toBe(409);
    expect(reply(stale).conflict).toBe(true);
    expect(reply(stale).result?.error?.[""]?.[0]).toBe(
      "Phiếu này vừa được lưu ở một cửa sổ/phiên khác (phiên bản 2). Số bạn vừa nhập vẫn còn trên trang; hãy tải lại trang để xem bản mới nhất rồi nhập lại.",
    );
    expect(reply(stale).result?.initialValue).toMatchObject({ score_1_1: "3" });
    expect(await sheetOf(e, judge.memberId)).toMatchObject({ version: 2, scores: { "1.1": 11 } });

    // at the same time
    const [a, b] = await Promise.all([
      save(fx, e, tabA, { intent: "autosave", version: "2", score_1_1: "14" }),
      save(fx, e, tabB, { intent: "autosave", version: "2", score_1_1: "4" }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
    expect(reply(winner).saved?.version).toBe(3);
    expect(reply(loser).conflict).toBe(true);
    const stored = await sheetOf(e, judge.memberId);
    expect(stored!.version).toBe(3);
    expect((stored!.scores as Record<string, number>)["1.1"]).toBe(winner === a ? 14 : 4);
  });

  test("two concurrent first saves: exactly one sheet is created", async () => {
    const e = entryAt(2);
    const judge = judgeAt(1);
    const other = await cookieFor(judge.email);
    const [a, b] = await Promise.all([
      save(fx, e, judgeCookie(1), { intent: "autosave", version: "0", score_1_1: "9" }),
      save(fx, e, other, { intent: "autosave", version: "0", score_1_1: "8" }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
    expect(reply(loser).conflict).toBe(true);
    expect(await prisma.scoreSheet.count({ where: { entryId: e.id, juryMemberId: judge.memberId } })).toBe(1);
    expect((await sheetOf(e, judge.memberId))!.scores).toEqual({ "1.1": winner === a ? 9 : 8 });
  });
});

describe("conflicts of interest and blind judging", () => {
  test("a conflicted judge gets 403 on the sheet and never sees the entry in the queue", async () => {
    const e = entryAt(3);
    const judge = judgeAt(2);
    const conflict = await prisma.conflict.create({
      data: {
        roundId: fx.roundId,
        juryMemberId: judge.memberId,
        establishmentId: e.establishmentId,
        source: "DECLARED",
        createdById: judge.userId,
      },
    });
    try {
      const page = await call(sheetRoute.loader, get(sheetUrl(fx, e), judgeCookie(2)), params(fx, e));
      expect(page.status).toBe(403);
      const posted = await save(fx, e, judgeCookie(2), { intent: "save", version: "0", score_1_1: "5" });
      expect(posted.status).toBe(403);
      for (const tab of ["todo", "draft", "submitted"]) {
        const q = await call(queueRoute.loader, get(`/judge/rounds/${fx.roundId}?tab=${tab}`, judgeCookie(2)), {
          roundId: fx.roundId,
        });
        expect(JSON.stringify(q.data)).not.toContain(e.id);
        expect(JSON.stringify(q.data)).not.toContain(e.code);
      }
      // the organisers' matrix says so
      const matrix = await call(progressRoute.loader, get(`/admin/rounds/${fx.roundId}/sheets`, organiserCookie), {
        roundId: fx.roundId,
      });
      const m = matrix.data as {
        judges: Array<{ id: string; assigned: number }>;
        rows: Array<{ entry: { id: string }; cells: Array<{ kind: string }> }>;
      };
      const col = m.judges.findIndex((j) => j.id === judge.memberId);
      expect(m.rows.find((r) => r.entry.id === e.id)!.cells[col]).toEqual({ kind: "conflicted" });
      expect(itemAt(m.judges, col, "the matrix's judges").assigned).toBe(3);
      // and its photos stay closed to that judge
      const photo = await prisma.storedFile.findFirstOrThrow({
        where: { establishmentId: e.establishmentId, kind: "PHOTO" },
      });
      expect((await call(fileRoute.loader, get(`/files/${photo.id}`, judgeCookie(2)), { id: photo.id })).status).toBe(
        403,
      );
    } finally {
      await prisma.conflict.delete({ where: { id: conflict.id } });
    }
  });

  test("in a blind round the queue and the sheet never carry the producer's name", async () => {
    const e = entryAt(1);
    const q = await call(queueRoute.loader, get(`/judge/rounds/${fx.roundId}?tab=draft`, judgeCookie(1)), {
      roundId: fx.roundId,
    });
    const s = await call(sheetRoute.loader, get(sheetUrl(fx, e), judgeCookie(1)), params(fx, e));
    expect(s.status).toBe(200);
    const text = JSON.stringify(q.data) + JSON.stringify(s.data);
    expect(text).toContain(e.productName);
    for (const x of fx.entries) {
      expect(text).not.toContain(x.establishmentName);
      expect(text).not.toContain(x.ownerName);
      expect(text).not.toContain(x.ownerEmail);
    }
    const d = s.data as {
      dossier: { establishment: unknown; photos: unknown[]; documents: Array<{ kind: string; name: string | null }> };
    };
    expect(d.dossier.establishment).toBeNull();
    expect(d.dossier.photos).toHaveLength(3);
    expect(d.dossier.documents).toEqual([expect.objectContaining({ kind: "FOOD_SAFETY_CERT", name: null })]);
  });

  test("a non-blind round shows the establishment", async () => {
    const e = firstRow(open.entries, "the open round's entries");
    const cookie = await cookieFor(firstRow(open.judges, "the open round's judges").email);
    const s = await call(sheetRoute.loader, get(sheetUrl(open, e), cookie), params(open, e));
    expect(s.status).toBe(200);
    expect((s.data as { dossier: { establishment: { name: string } } }).dossier.establishment.name).toBe(
      e.establishmentName,
    );
    const reg = await prisma.storedFile.findFirstOrThrow({
      where: { establishmentId: e.establishmentId, kind: "BUSINESS_REGISTRATION" },
    });
    expect((await call(fileRoute.loader, get(`/files/${reg.id}`, cookie), { id: reg.id })).status).toBe(200);
  });

  test("a judge who has not declared is sent to the declaration", async () => {
    const judge = judgeAt(2);
    await prisma.juryMember.update({ where: { id: judge.memberId }, data: { declaredAt: null } });
    try {
      const q = await call(queueRoute.loader, get(`/judge/rounds/${fx.roundId}`, judgeCookie(2)), {
        roundId: fx.roundId,
      });
      expect(q.status).toBe(302);
      expect(q.headers.get("Location")).toBe(`/judge/rounds/${fx.roundId}/declaration`);
      const s = await call(sheetRoute.loader, get(sheetUrl(fx, entryAt(0)), judgeCookie(2)), params(fx, entryAt(0)));
      expect(s.headers.get("Location")).toBe(`/judge/rounds/${fx.roundId}/declaration`);
      const photo = await prisma.storedFile.findFirstOrThrow({
        where: { establishmentId: entryAt(0).establishmentId, kind: "PHOTO" },
      });
      expect((await call(fileRoute.loader, get(`/files/${photo.id}`, judgeCookie(2)), { id: photo.id })).status).toBe(
        403,
      );
    } finally {
      await prisma.juryMember.update({ where: { id: judge.memberId }, data: { declaredAt: new Date() } });
    }
  });
});

describe("judges' file access", () => {
  test("a photo of an assigned entry opens; the business registration of a blind round and hidden files do not", async () => {
    const e = entryAt(0);
    const photos = await prisma.storedFile.findMany({
      where: { establishmentId: e.establishmentId, kind: "PHOTO" },
      orderBy: { createdAt: "asc" },
    });
    const photoAt = (i: number) => itemAt(photos, i, "the entry's photos");
    const reg = await prisma.storedFile.findFirstOrThrow({
      where: { establishmentId: e.establishmentId, kind: "BUSINESS_REGISTRATION" },
    });
    const fetchFile = (id: string, cookie = judgeCookie(0)) =>
      call(fileRoute.loader, get(`/files/${id}`, cookie), { id });
    expect((await fetchFile(photoAt(0).id)).status).toBe(200);
    expect((await fetchFile(reg.id)).status).toBe(403);
    // a judge of another round
    expect(
      (await fetchFile(photoAt(0).id, await cookieFor(firstRow(open.judges, "the open round's judges").email))).status,
    ).toBe(403);

    // the organiser hides a photo from judges through the entry page (audited)
    const toggle = await call(
      entryRoute.action,
      post(
        `/admin/rounds/${fx.roundId}/entries/${e.id}`,
        { intent: "fileVisibility", fileId: photoAt(1).id, hidden: "true" },
        organiserCookie,
      ),
      { roundId: fx.roundId, entryId: e.id },
    );
    expect(toggle.status).toBe(302);
    expect((await prisma.storedFile.findUniqueOrThrow({ where: { id: photoAt(1).id } })).hiddenFromJudges).toBe(true);
    expect(await prisma.auditLog.count({ where: { action: "file.hide_from_judges", entityId: photoAt(1).id } })).toBe(
      1,
    );
    expect((await fetchFile(photoAt(1).id)).status).toBe(403);
    const page = await call(sheetRoute.loader, get(sheetUrl(fx, e), judgeCookie(0)), params(fx, e));
    expect((page.data as { dossier: { photos: Array<{ id: string }> } }).dossier.photos.map((p) => p.id)).not.toContain(
      photoAt(1).id,
    );
    const shown = await call(entryRoute.loader, get(`/admin/rounds/${fx.roundId}/entries/${e.id}`, organiserCookie), {
      roundId: fx.roundId,
      entryId: e.id,
    });
    expect((shown.data as { judges: { hidden: Record<string, boolean> } }).judges.hidden[photoAt(1).id]).toBe(true);

    // a judge cannot toggle it
    const byJudge = await call(
      entryRoute.action,
      post(
        `/admin/rounds/${fx.roundId}/entries/${e.id}`,
        { intent: "fileVisibility", fileId: photoAt(1).id, hidden: "false" },
        judgeCookie(0),
      ),
      { roundId: fx.roundId, entryId: e.id },
    );
    expect(byJudge.status).toBe(403);
    expect((await prisma.storedFile.findUniqueOrThrow({ where: { id: photoAt(1).id } })).hiddenFromJudges).toBe(true);
  });
});

describe("organisers and the council secretary", () => {
  let secretaryCookie: string;
  let secretaryId: string;

  beforeAll(async () => {
    const passwordHash = (await prisma.user.findUniqueOrThrow({ where: { email: "admin@tieubieu.test" } }))
      .passwordHash;
    const user = await prisma.user.create({
      data: { email: "thuky.sheets@example.vn", name: "Thư ký Hội đồng", passwordHash, emailVerifiedAt: new Date() },
    });
    await prisma.juryMember.create({
      data: { roundId: fx.roundId, userId: user.id, isJudge: false, councilRole: "SECRETARY", declaredAt: new Date() },
    });
    secretaryId = user.id;
    secretaryCookie = await cookieFor(user.email);
  });

  test("reopening needs a reason; the organiser reopens, the judge sees why; the secretary may not", async () => {
    const e = entryAt(0);
    const sheet = (await sheetOf(e, judgeAt(0).memberId))!;
    const url = `/admin/rounds/${fx.roundId}/sheets`;
    const noReason = await call(
      progressRoute.action,
      post(url, { intent: "reopen", sheetId: sheet.id, reason: " " }, organiserCookie),
      { roundId: fx.roundId },
    );
    expect(noReason.status).toBe(400);
    expect((await sheetOf(e, judgeAt(0).memberId))!.status).toBe("SUBMITTED");
    const bySecretary = await call(
      progressRoute.action,
      post(url, { intent: "reopen", sheetId: sheet.id, reason: "Chấm nhầm mục 1.1" }, secretaryCookie),
      { roundId: fx.roundId },
    );
    expect(bySecretary.status).toBe(403);

    const done = await call(
      progressRoute.action,
      post(url, { intent: "reopen", sheetId: sheet.id, reason: "Chấm nhầm mục 1.1" }, organiserCookie),
      { roundId: fx.roundId },
    );
    expect(done.status).toBe(302);
    const reopened = await sheetOf(e, judgeAt(0).memberId);
    expect(reopened).toMatchObject({
      status: "DRAFT",
      version: sheet.version + 1,
      reopenReason: "Chấm nhầm mục 1.1",
      submittedAt: null,
    });
    expect(await prisma.auditLog.count({ where: { action: "sheet.reopen", entityId: sheet.id } })).toBe(1);
    const page = await call(sheetRoute.loader, get(sheetUrl(fx, e), judgeCookie(0)), params(fx, e));
    expect(page.data).toMatchObject({
      lock: null,
      sheet: { status: "DRAFT", reopenReason: "Chấm nhầm mục 1.1" },
      version: sheet.version + 1,
    });
    // the judge submits again
    expect(
      (await save(fx, e, judgeCookie(0), { intent: "submit", version: String(sheet.version + 1), ...fullScores(2) }))
        .status,
    ).toBe(302);
  });

  test("the secretary types a paper sheet: submitted, onPaper, enteredById, audited; never over a submitted sheet", async () => {
    const e = entryAt(3); // judge 3 has no sheet for it
    const judge = judgeAt(2);
    const url = `/admin/rounds/${fx.roundId}/sheets/${e.id}/${judge.memberId}`;
    const p = { roundId: fx.roundId, entryId: e.id, memberId: judge.memberId };
    const page = await call(paperRoute.loader, get(url, secretaryCookie), p);
    expect(page.status).toBe(200);
    const itemsA = (page.data as { items: Array<{ code: string; max: number }> }).items;
    const scoresA = Object.fromEntries(itemsA.map((i) => [scoreField(i.code), String(i.max / 2)]));

    const incomplete = await call(
      paperRoute.action,
      post(url, { intent: "paper", version: "0", score_1_1: "5" }, secretaryCookie),
      p,
    );
    expect(incomplete.status).toBe(400);
    const bad = await call(
      paperRoute.action,
      post(url, { intent: "paper", version: "0", ...scoresA, score_1_1: "99" }, secretaryCookie),
      p,
    );
    expect(bad.status).toBe(400);
    expect(await sheetOf(e, judge.memberId)).toBeNull();

    const res = await call(
      paperRoute.action,
      post(url, { intent: "paper", version: "0", ...scoresA }, secretaryCookie),
      p,
    );
    expect(res.status).toBe(302);
    const sheet = await sheetOf(e, judge.memberId);
    expect(sheet).toMatchObject({ status: "SUBMITTED", onPaper: true, enteredById: secretaryId, version: 1 });
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: "sheet.paper", entityId: sheet!.id } });
    expect(log.actorId).toBe(secretaryId);
    expect(log.after).toMatchObject({ onPaper: true, enteredById: secretaryId, total: 50 });

    const again = await call(
      paperRoute.action,
      post(url, { intent: "paper", version: "1", ...scoresA }, secretaryCookie),
      p,
    );
    expect(again.status).toBe(409);

    const matrix = await call(progressRoute.loader, get(`/admin/rounds/${fx.roundId}/sheets`, secretaryCookie), {
      roundId: fx.roundId,
    });
    const m = matrix.data as {
      judges: Array<{ id: string }>;
      rows: Array<{ entry: { id: string }; cells: Array<{ kind: string; onPaper?: boolean; total?: number }> }>;
    };
    const col = m.judges.findIndex((j) => j.id === judge.memberId);
    expect(m.rows.find((r) => r.entry.id === e.id)!.cells[col]).toMatchObject({
      kind: "submitted",
      onPaper: true,
      total: 50,
    });
    // The judge sees it as submitted on paper.
    const judgeView = await call(sheetRoute.loader, get(sheetUrl(fx, e), judgeCookie(2)), params(fx, e));
    expect(judgeView.data).toMatchObject({ lock: "submitted", sheet: { onPaper: true } });
  });

  test("a paper sheet needs the judge to be assigned and not conflicted; plain judges cannot type one", async () => {
    const e = entryAt(1);
    const judge = judgeAt(0);
    const conflict = await prisma.conflict.create({
      data: {
        roundId: fx.roundId,
        juryMemberId: judge.memberId,
        establishmentId: e.establishmentId,
        source: "ORGANISER",
        createdById: secretaryId,
      },
    });
    try {
      const url = `/admin/rounds/${fx.roundId}/sheets/${e.id}/${judge.memberId}`;
      const p = { roundId: fx.roundId, entryId: e.id, memberId: judge.memberId };
      expect((await call(paperRoute.loader, get(url, secretaryCookie), p)).status).toBe(403);
      expect(
        (
          await call(
            paperRoute.action,
            post(url, { intent: "paper", version: "0", ...fullScores() }, secretaryCookie),
            p,
          )
        ).status,
      ).toBe(403);
      expect(await sheetOf(e, judge.memberId)).toBeNull();
    } finally {
      await prisma.conflict.delete({ where: { id: conflict.id } });
    }
    const url = `/admin/rounds/${fx.roundId}/sheets/${e.id}/${judgeAt(0).memberId}`;
    expect(
      (
        await call(paperRoute.loader, get(url, judgeCookie(1)), {
          roundId: fx.roundId,
          entryId: e.id,
          memberId: judgeAt(0).memberId,
        })
      ).status,
    ).toBe(403);
  });
  test("while judging, the secretary sees which sheets are in but only the totals of the paper sheets they typed; organisers see all", async () => {
    type Matrix = { rows: Array<{ cells: Array<{ kind: string; onPaper?: boolean; total?: number | null }> }> };
    const submitted = (data: unknown) =>
      (data as Matrix).rows.flatMap((r) => r.cells).filter((c) => c.kind === "submitted");
    const organiser = await cookieFor(fx.organiserEmail);
    const asOrganiser = submitted(
      (await call(progressRoute.loader, get(`/admin/rounds/${fx.roundId}/sheets`, organiser), { roundId: fx.roundId }))
        .data,
    );
    const asSecretary = submitted(
      (
        await call(progressRoute.loader, get(`/admin/rounds/${fx.roundId}/sheets`, secretaryCookie), {
          roundId: fx.roundId,
        })
      ).data,
    );
    expect(asSecretary.length).toBe(asOrganiser.length);
    expect(asOrganiser.every((c) => typeof c.total === "number")).toBe(true);
    expect(asSecretary.filter((c) => !c.onPaper).length).toBeGreaterThan(0);
    expect(asSecretary.filter((c) => !c.onPaper).every((c) => c.total === null)).toBe(true);
    expect(asSecretary.filter((c) => c.onPaper).every((c) => typeof c.total === "number")).toBe(true);
  });
});

describe("when judging closes", () => {
  test("saving is refused with 409 and the pages say the sheets are locked; files stay open in RESULTS", async () => {
    const e = entryAt(2);
    await prisma.round.update({ where: { id: fx.roundId }, data: { status: "RESULTS" } });
    try {
      const sheet = await prisma.scoreSheet.findFirstOrThrow({ where: { entryId: e.id } });
      const judgeIndex = fx.judges.findIndex((j) => j.memberId === sheet.juryMemberId);
      const res = await save(fx, e, judgeCookie(judgeIndex), {
        intent: "save",
        version: String(sheet.version),
        score_1_1: "1",
      });
      expect(res.status).toBe(409);
      expect(reply(res).result?.error?.[""]?.[0]).toBe("Đã kết thúc chấm điểm: các phiếu đã khóa.");
      expect(await prisma.scoreSheet.findUniqueOrThrow({ where: { id: sheet.id } })).toMatchObject({
        version: sheet.version,
        scores: sheet.scores,
      });
      const q = await call(queueRoute.loader, get(`/judge/rounds/${fx.roundId}`, judgeCookie(judgeIndex)), {
        roundId: fx.roundId,
      });
      expect((q.data as { lock: string }).lock).toBe("ended");
      const paper = await call(
        paperRoute.action,
        post(
          `/admin/rounds/${fx.roundId}/sheets/${e.id}/${judgeAt(0).memberId}`,
          { intent: "paper", version: "0", ...fullScores() },
          organiserCookie,
        ),
        { roundId: fx.roundId, entryId: e.id, memberId: judgeAt(0).memberId },
      );
      expect(paper.status).toBe(409);
      const photo = await prisma.storedFile.findFirstOrThrow({
        where: { establishmentId: e.establishmentId, kind: "PHOTO" },
      });
      expect((await call(fileRoute.loader, get(`/files/${photo.id}`, judgeCookie(0)), { id: photo.id })).status).toBe(
        200,
      );
      await prisma.round.update({ where: { id: fx.roundId }, data: { status: "PUBLISHED" } });
      expect((await call(fileRoute.loader, get(`/files/${photo.id}`, judgeCookie(0)), { id: photo.id })).status).toBe(
        403,
      );
    } finally {
      await prisma.round.update({ where: { id: fx.roundId }, data: { status: "JUDGING" } });
    }
  });
});
