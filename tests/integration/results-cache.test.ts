// The results page reuses its table until an input of the results changes (issue #9, decision
// 016): a judge's draft leaves it alone; a submission, a reopening, a paper sheet, a vote and a
// change made by another app instance on the same database (here: another database client) are
// seen on the next load. Reuse is observable: the loader hands back the very same table object.
import { beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { makeJudgingRound, type FixtureEntry, type JudgingFixture } from "../support/judging-fixture";
import { call, cookieFor, get, post } from "../support/route-calls";
import type { ResultsTable } from "~/modules/judging/results";
import { resultsKey } from "~/modules/judging/results-cache.server";
import { currentRubric } from "~/modules/judging/rubric.server";
import { sheetItems } from "~/modules/judging/sheet-rules";
import { scoreField } from "~/modules/judging/sheet-schemas";
import * as resultsRoute from "~/routes/admin.rounds_.$roundId_.results/route";
import * as progressRoute from "~/routes/admin.rounds_.$roundId_.sheets";
import * as paperRoute from "~/routes/admin.rounds_.$roundId_.sheets_.$entryId_.$memberId";
import * as sheetRoute from "~/routes/judge_.rounds.$roundId_.entries.$entryId";
import { firstRow, itemAt } from "~/utils/arrays";
import { createDbClient, prisma } from "~/utils/db.server";

let fx: JudgingFixture;
let organiser: string;
let judges: string[];
let full: Record<string, string>;

const entryAt = (i: number) => itemAt(fx.entries, i, "the round's entries");
const judgeAt = (i: number) => itemAt(fx.judges, i, "the round's judges");
const firstField = () => firstRow(Object.keys(full), "the score fields");

const tableOf = async () => {
  const res = await call(resultsRoute.loader, get(`/admin/rounds/${fx.roundId}/results`, organiser), {
    roundId: fx.roundId,
  });
  expect(res.status).toBe(200);
  return (res.data as { table: ResultsTable }).table;
};
const rowOf = (table: ResultsTable, e: FixtureEntry) =>
  table.groups.flatMap((g) => g.rows).find((r) => r.entryId === e.id)!;
const resultsVersion = async () =>
  (await prisma.round.findUniqueOrThrow({ where: { id: fx.roundId }, select: { resultsVersion: true } }))
    .resultsVersion;

function judgeSaves(k: number, e: FixtureEntry, fields: Record<string, string>) {
  return call(
    sheetRoute.action,
    post(`/judge/rounds/${fx.roundId}/entries/${e.id}`, fields, itemAt(judges, k, "the judges' cookies")),
    {
      roundId: fx.roundId,
      entryId: e.id,
    },
  );
}

beforeAll(async () => {
  await seed(prisma, { demo: true });
  fx = await makeJudgingRound({ groups: ["B", "B"], judges: 3 });
  organiser = await cookieFor(fx.organiserEmail);
  judges = await Promise.all(fx.judges.map((j) => cookieFor(j.email)));
  const items = sheetItems((await currentRubric(prisma, fx.roundId))!.items, "B");
  full = Object.fromEntries(items.map((i) => [scoreField(i.code), String(i.max)]));
  // Two judges submit the first entry through the real route.
  for (const k of [0, 1])
    expect((await judgeSaves(k, entryAt(0), { intent: "submit", version: "0", ...full })).status).toBe(302);
});

describe("the results page's table", () => {
  test("is reused while nothing changes, and a draft (autosave or save) does not change it", async () => {
    const first = await tableOf();
    expect(rowOf(first, entryAt(0)).sheets).toBe(2);
    expect(await tableOf()).toBe(first);

    const before = await resultsVersion();
    const auto = await judgeSaves(2, entryAt(0), { intent: "autosave", version: "0", [firstField()]: "1" });
    expect(auto.status).toBe(200);
    expect((await judgeSaves(2, entryAt(0), { intent: "save", version: "1", [firstField()]: "2" })).status).toBe(302);
    expect(await resultsVersion()).toBe(before);
    expect(await tableOf()).toBe(first);
  });

  test("a submission is seen on the next load", async () => {
    const before = await tableOf();
    const version = await resultsVersion();
    expect((await judgeSaves(2, entryAt(0), { intent: "submit", version: "2", ...full })).status).toBe(302);
    expect(await resultsVersion()).toBe(version + 1);
    const after = await tableOf();
    expect(after).not.toBe(before);
    expect(rowOf(after, entryAt(0)).sheets).toBe(3);
  });

  test("an organiser's reopening is seen on the next load", async () => {
    const before = await tableOf();
    const sheet = await prisma.scoreSheet.findFirstOrThrow({
      where: { entryId: entryAt(0).id, juryMemberId: judgeAt(2).memberId },
    });
    const res = await call(
      progressRoute.action,
      post(
        `/admin/rounds/${fx.roundId}/sheets`,
        { intent: "reopen", sheetId: sheet.id, reason: "Chấm nhầm mục 1.1" },
        organiser,
      ),
      { roundId: fx.roundId },
    );
    expect(res.status).toBe(302);
    const after = await tableOf();
    expect(after).not.toBe(before);
    expect(rowOf(after, entryAt(0)).sheets).toBe(2);
  });

  test("a paper sheet typed by the organiser is seen on the next load", async () => {
    const before = await tableOf();
    const [e, judge] = [entryAt(1), judgeAt(0)];
    const url = `/admin/rounds/${fx.roundId}/sheets/${e.id}/${judge.memberId}`;
    const res = await call(paperRoute.action, post(url, { intent: "paper", version: "0", ...full }, organiser), {
      roundId: fx.roundId,
      entryId: e.id,
      memberId: judge.memberId,
    });
    expect(res.status).toBe(302);
    const after = await tableOf();
    expect(after).not.toBe(before);
    expect(rowOf(after, e).sheets).toBe(1);
  });

  test("a change written by another app instance on the same database is seen (the key is read from the database)", async () => {
    const other = createDbClient();
    try {
      const before = await tableOf();
      // Another instance records a conflict of interest: judge 1 no longer counts for entry 1.
      await other.conflict.create({
        data: {
          roundId: fx.roundId,
          juryMemberId: judgeAt(0).memberId,
          establishmentId: entryAt(0).establishmentId,
          source: "ORGANISER",
          createdById: judgeAt(1).userId,
        },
      });
      const after = await tableOf();
      expect(after).not.toBe(before);
      expect(rowOf(after, entryAt(0)).sheets).toBe(1);

      // …and renames a product: the page shows names, so that too is a change.
      await other.product.updateMany({
        where: { entries: { some: { id: entryAt(1).id } } },
        data: { name: "Tên mới của sản phẩm" },
      });
      const renamed = await tableOf();
      expect(renamed).not.toBe(after);
      expect(rowOf(renamed, entryAt(1)).productName).toBe("Tên mới của sản phẩm");
    } finally {
      await other.$disconnect();
    }
  });

  test("the key moves with every results input and is null for an unknown round", async () => {
    const k1 = await resultsKey(fx.roundId);
    expect(k1).toEqual(expect.any(String));
    expect(await resultsKey(fx.roundId)).toBe(k1);
    await prisma.round.update({ where: { id: fx.roundId }, data: { passLine: 60 } });
    const k2 = await resultsKey(fx.roundId);
    expect(k2).not.toBe(k1);
    await prisma.assignmentOverride.create({
      data: {
        roundId: fx.roundId,
        entryId: entryAt(1).id,
        juryMemberId: judgeAt(2).memberId,
        include: false,
        createdById: judgeAt(0).userId,
      },
    });
    expect(await resultsKey(fx.roundId)).not.toBe(k2);
    expect(await resultsKey("nosuchround000000000")).toBeNull();
  });
});
