// URLs that name a parent and a child (/admin/rounds/:roundId/entries/:entryId, a judge's
// /judge/rounds/:roundId/entries/:entryId, a paper sheet /admin/rounds/:roundId/sheets/:entryId/
// :memberId …) answer 404 when the child is not the parent's (issue #10 finding 8), for GET and
// POST, even for a user who may act on both (the organiser of both rounds).
import { beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import * as screeningRoute from "~/routes/admin.rounds_.$roundId_.entries_.$entryId";
import * as paperSheetRoute from "~/routes/admin.rounds_.$roundId_.sheets_.$entryId_.$memberId";
import * as judgeEntryRoute from "~/routes/judge_.rounds.$roundId_.entries.$entryId";
import * as judgeSheetPdfRoute from "~/routes/judge_.rounds.$roundId_.entries.$entryId_.sheet[.pdf]";
import { firstRow } from "~/utils/arrays";
import { prisma } from "~/utils/db.server";
import { makeJudgingRound, type JudgingFixture } from "../support/judging-fixture";
import { call, cookieFor, get, post, type RouteFn } from "../support/route-calls";

let a: JudgingFixture;
let b: JudgingFixture;
let organiser: string;
let judgeOfA: string;
const firstEntry = (round: JudgingFixture) => firstRow(round.entries, "the round's entries");
const firstJudge = (round: JudgingFixture) => firstRow(round.judges, "the round's judges");

beforeAll(async () => {
  await seed(prisma, { demo: true });
  a = await makeJudgingRound({ judges: 2 });
  b = await makeJudgingRound({ judges: 2 });
  organiser = await cookieFor(a.organiserEmail); // organises both rounds
  judgeOfA = await cookieFor(firstJudge(a).email);
});

describe("an entry of round B under round A's URL is a 404", () => {
  test("screening: the page and each decision", async () => {
    const url = `/admin/rounds/${a.roundId}/entries/${firstEntry(b).id}`;
    const params = { roundId: a.roundId, entryId: firstEntry(b).id };
    expect((await call(screeningRoute.loader as RouteFn, get(url, organiser), params)).status).toBe(404);
    for (const fields of [
      { intent: "accept" } as Record<string, string>,
      { intent: "return", reason: "Thiếu giấy chứng nhận ATTP." },
      { intent: "reject", reason: "Không đúng nhóm sản phẩm." },
    ]) {
      expect((await call(screeningRoute.action as RouteFn, post(url, fields, organiser), params)).status).toBe(404);
    }
    const fileId = (
      await prisma.storedFile.findFirstOrThrow({
        where: { establishmentId: firstEntry(b).establishmentId },
        select: { id: true },
      })
    ).id;
    expect(
      (
        await call(
          screeningRoute.action as RouteFn,
          post(url, { intent: "fileVisibility", fileId, hidden: "true" }, organiser),
          params,
        )
      ).status,
    ).toBe(404);
    const entry = await prisma.entry.findUniqueOrThrow({ where: { id: firstEntry(b).id }, select: { status: true } });
    expect(entry.status).toBe("ACCEPTED");
  });

  test("the same entry under its own round still works", async () => {
    const url = `/admin/rounds/${b.roundId}/entries/${firstEntry(b).id}`;
    expect(
      (
        await call(screeningRoute.loader as RouteFn, get(url, organiser), {
          roundId: b.roundId,
          entryId: firstEntry(b).id,
        })
      ).status,
    ).toBe(200);
  });

  test("a judge's score sheet and its PDF", async () => {
    const params = { roundId: a.roundId, entryId: firstEntry(b).id };
    const url = `/judge/rounds/${a.roundId}/entries/${firstEntry(b).id}`;
    expect((await call(judgeEntryRoute.loader as RouteFn, get(url, judgeOfA), params)).status).toBe(404);
    expect(
      (await call(judgeEntryRoute.action as RouteFn, post(url, { intent: "save", version: "0" }, judgeOfA), params))
        .status,
    ).toBe(404);
    expect((await call(judgeSheetPdfRoute.loader as RouteFn, get(`${url}/sheet.pdf`, judgeOfA), params)).status).toBe(
      404,
    );
  });

  test("a paper sheet: an entry or a jury member of another round", async () => {
    const pairs: Array<[entryId: string, memberId: string]> = [
      [firstEntry(b).id, firstJudge(a).memberId],
      [firstEntry(a).id, firstJudge(b).memberId],
    ];
    for (const [entryId, memberId] of pairs) {
      const params = { roundId: a.roundId, entryId, memberId };
      const url = `/admin/rounds/${a.roundId}/sheets/${entryId}/${memberId}`;
      expect((await call(paperSheetRoute.loader as RouteFn, get(url, organiser), params)).status).toBe(404);
      expect(
        (await call(paperSheetRoute.action as RouteFn, post(url, { intent: "paper", version: "0" }, organiser), params))
          .status,
      ).toBe(404);
    }
  });
});
