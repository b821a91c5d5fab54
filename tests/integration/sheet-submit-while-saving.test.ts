// Submitting a sheet while its autosave is still on the way (issue #13, decision 030): the
// submission carries every number on the page and is saved and submitted in one write, whether
// the page's own autosave landed before it, after it, or never. Only the page's OWN earlier
// writes are taken over; another tab's save, a later save of the same page, or an organiser's
// reopening still answer 409 with nothing overwritten. Through the real sheet route, on SQLite
// and PostgreSQL.
import { beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { makeJudgingRound, type JudgingFixture } from "../support/judging-fixture";
import { call, cookieFor, post } from "../support/route-calls";
import { currentRubric } from "~/modules/judging/rubric.server";
import { sheetItems } from "~/modules/judging/sheet-rules";
import { scoreField } from "~/modules/judging/sheet-schemas";
import * as progressRoute from "~/routes/admin.rounds_.$roundId_.sheets";
import * as sheetRoute from "~/routes/judge_.rounds.$roundId_.entries.$entryId";
import { itemAt } from "~/utils/arrays";
import { prisma } from "~/utils/db.server";

let fx: JudgingFixture;
let judgeCookie: string;
let organiserCookie: string;
let items: Array<{ code: string; max: number }>;

const entryAt = (i: number) => itemAt(fx.entries, i, "the round's entries");
const judgeAt = (i: number) => itemAt(fx.judges, i, "the round's judges");
const rubricItem = (i: number) => itemAt(items, i, "the sheet's items");

const PAGE_A = "pageAaaaaaaaaaaaaaaaaaaa";
const PAGE_B = "pageBbbbbbbbbbbbbbbbbbbb";

beforeAll(async () => {
  await seed(prisma, { demo: true });
  fx = await makeJudgingRound({ groups: ["B", "B", "B", "B", "B", "B"], judges: 1 });
  judgeCookie = await cookieFor(judgeAt(0).email);
  organiserCookie = await cookieFor(fx.organiserEmail);
  items = sheetItems((await currentRubric(prisma, fx.roundId))!.items, "B").map((i) => ({ code: i.code, max: i.max }));
});

/** Every item scored at `share` of its maximum (half points), as form fields. */
function allScores(share: number): Record<string, string> {
  return Object.fromEntries(items.map((i) => [scoreField(i.code), String(Math.floor(i.max * share * 2) / 2)]));
}
const totalOf = (share: number) => items.reduce((sum, i) => sum + Math.floor(i.max * share * 2) / 2, 0);

function save(entryId: string, fields: Record<string, string>) {
  return call(sheetRoute.action, post(`/judge/rounds/${fx.roundId}/entries/${entryId}`, fields, judgeCookie), {
    roundId: fx.roundId,
    entryId,
  });
}
const writer = (page: string, seq: number) => ({ writerPage: page, writerSeq: String(seq) });

async function sheetOf(entryId: string) {
  return prisma.scoreSheet.findUniqueOrThrow({
    where: { entryId_juryMemberId_pass: { entryId, juryMemberId: judgeAt(0).memberId, pass: 1 } },
  });
}
const storedFirst = async (entryId: string) =>
  ((await sheetOf(entryId)).scores as Record<string, number>)[rubricItem(0).code];

describe("a submission from the page whose autosave is on the way", () => {
  test("the autosave landed first: the submission (naming the version before it) saves every number and submits, atomically", async () => {
    const entry = entryAt(0);
    // The page's first autosave (version 0 → 1), half the numbers typed.
    const auto = await save(entry.id, {
      intent: "autosave",
      version: "0",
      ...writer(PAGE_A, 1),
      [scoreField(rubricItem(0).code)]: "1",
    });
    expect(auto.status).toBe(200);
    // The judge pressed "Nộp phiếu" before the page saw that reply: still version 0, all numbers.
    const submit = await save(entry.id, {
      intent: "submit",
      version: "0",
      ...writer(PAGE_A, 2),
      ...allScores(0.8),
      comment: "Đạt",
    });
    expect(submit.status).toBe(302);
    expect(submit.headers.get("Location")).toBe(`/judge/rounds/${fx.roundId}?tab=submitted`);
    const sheet = await sheetOf(entry.id);
    expect(sheet.status).toBe("SUBMITTED");
    expect(sheet.version).toBe(2);
    expect(sheet.comment).toBe("Đạt");
    expect(Object.values(sheet.scores as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(totalOf(0.8));
    // A submitted sheet no longer remembers its page: nobody may write it by that route again.
    expect(sheet.writerPage).toBeNull();
    const audit = await prisma.auditLog.findFirst({ where: { entityId: sheet.id, action: "sheet.submit" } });
    expect(audit).not.toBeNull();
  });

  test("the autosave lands after the submission: it is refused and the submitted numbers stay", async () => {
    const entry = entryAt(1);
    const first = await save(entry.id, {
      intent: "autosave",
      version: "0",
      ...writer(PAGE_A, 1),
      [scoreField(rubricItem(0).code)]: "2",
    });
    expect(first.status).toBe(200);
    const submit = await save(entry.id, { intent: "submit", version: "1", ...writer(PAGE_A, 3), ...allScores(0.5) });
    expect(submit.status).toBe(302);
    const late = await save(entry.id, {
      intent: "autosave",
      version: "1",
      ...writer(PAGE_A, 2),
      [scoreField(rubricItem(0).code)]: "3",
    });
    expect(late.status).toBe(409);
    const sheet = await sheetOf(entry.id);
    expect(sheet.status).toBe("SUBMITTED");
    expect(await storedFirst(entry.id)).toBe(Math.floor(rubricItem(0).max * 0.5 * 2) / 2);
  });

  test("a first save and the submission both on the way (no sheet yet): whichever lands first, the submission wins", async () => {
    const entry = entryAt(2);
    const [auto, submit] = await Promise.all([
      save(entry.id, { intent: "autosave", version: "0", ...writer(PAGE_A, 1), [scoreField(rubricItem(0).code)]: "1" }),
      save(entry.id, { intent: "submit", version: "0", ...writer(PAGE_A, 2), ...allScores(0.6) }),
    ]);
    expect(submit.status).toBe(302);
    expect([200, 409]).toContain(auto.status);
    const sheet = await sheetOf(entry.id);
    expect(sheet.status).toBe("SUBMITTED");
    expect(await storedFirst(entry.id)).toBe(Math.floor(rubricItem(0).max * 0.6 * 2) / 2);
  });

  test("a refused submission (a number missing) writes nothing: the draft stays as it was", async () => {
    const entry = entryAt(3);
    expect(
      (
        await save(entry.id, {
          intent: "autosave",
          version: "0",
          ...writer(PAGE_A, 1),
          [scoreField(rubricItem(0).code)]: "4",
        })
      ).status,
    ).toBe(200);
    const { [scoreField(rubricItem(1).code)]: _missing, ...withoutOne } = allScores(0.9);
    const submit = await save(entry.id, { intent: "submit", version: "0", ...writer(PAGE_A, 2), ...withoutOne });
    expect(submit.status).toBe(400);
    const sheet = await sheetOf(entry.id);
    expect(sheet.status).toBe("DRAFT");
    expect(sheet.version).toBe(1);
    expect(await storedFirst(entry.id)).toBe(4);
  });
});

describe("what a page may not take over", () => {
  test("another tab saved since: the submission answers 409 and the other tab's numbers stay", async () => {
    const entry = entryAt(4);
    expect(
      (
        await save(entry.id, {
          intent: "autosave",
          version: "0",
          ...writer(PAGE_A, 1),
          [scoreField(rubricItem(0).code)]: "1",
        })
      ).status,
    ).toBe(200);
    // Tab B opened the sheet at version 1 and saved.
    expect(
      (
        await save(entry.id, {
          intent: "autosave",
          version: "1",
          ...writer(PAGE_B, 1),
          [scoreField(rubricItem(0).code)]: "5",
        })
      ).status,
    ).toBe(200);
    const submit = await save(entry.id, { intent: "submit", version: "1", ...writer(PAGE_A, 2), ...allScores(0.8) });
    expect(submit.status).toBe(409);
    expect((submit.data as { conflict: boolean }).conflict).toBe(true);
    const sheet = await sheetOf(entry.id);
    expect(sheet.status).toBe("DRAFT");
    expect(await storedFirst(entry.id)).toBe(5);
    // The same submission from a page that names the current version goes through.
    expect(
      (await save(entry.id, { intent: "submit", version: "2", ...writer(PAGE_A, 3), ...allScores(0.8) })).status,
    ).toBe(302);
  });

  test("an older save of the same page never replaces a newer one; a stale post without JavaScript is refused", async () => {
    const entry = entryAt(5);
    expect(
      (
        await save(entry.id, {
          intent: "autosave",
          version: "0",
          ...writer(PAGE_A, 1),
          [scoreField(rubricItem(0).code)]: "1",
        })
      ).status,
    ).toBe(200);
    // Save number 3 (an explicit "Lưu nháp") lands before save number 2 (the autosave before it).
    expect(
      (
        await save(entry.id, {
          intent: "save",
          version: "1",
          ...writer(PAGE_A, 3),
          [scoreField(rubricItem(0).code)]: "6",
        })
      ).status,
    ).toBe(302);
    const older = await save(entry.id, {
      intent: "autosave",
      version: "1",
      ...writer(PAGE_A, 2),
      [scoreField(rubricItem(0).code)]: "2",
    });
    expect(older.status).toBe(409);
    expect(await storedFirst(entry.id)).toBe(6);
    // Without JavaScript the form carries no page: only the current version is taken.
    expect((await save(entry.id, { intent: "submit", version: "1", ...allScores(0.7) })).status).toBe(409);
    expect((await save(entry.id, { intent: "submit", version: "2", ...allScores(0.7) })).status).toBe(302);
    expect(await storedFirst(entry.id)).toBe(Math.floor(rubricItem(0).max * 0.7 * 2) / 2);
  });

  test("after an organiser reopens a sheet, the page that submitted it must name the new version", async () => {
    const entry = entryAt(0); // submitted by PAGE_A in the first test (version 2)
    const sheet = await sheetOf(entry.id);
    const reopen = await call(
      progressRoute.action,
      post(
        `/admin/rounds/${fx.roundId}/sheets`,
        { intent: "reopen", sheetId: sheet.id, reason: "Xem lại tiêu chí 2" },
        organiserCookie,
      ),
      { roundId: fx.roundId },
    );
    expect(reopen.status).toBeLessThan(400);
    expect((await sheetOf(entry.id)).writerPage).toBeNull();
    expect(
      (await save(entry.id, { intent: "submit", version: "2", ...writer(PAGE_A, 9), ...allScores(0.4) })).status,
    ).toBe(409);
    expect(
      (await save(entry.id, { intent: "submit", version: "3", ...writer(PAGE_A, 10), ...allScores(0.4) })).status,
    ).toBe(302);
  });
});
