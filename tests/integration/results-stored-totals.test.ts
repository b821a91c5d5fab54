// A submitted sheet stores its totals (decision 053) and the results read them instead of every
// score; a sheet without them (a paper sheet typed before, a hand edit, rows older than the
// migration's reach) is added up from its scores. Both ways must give the very same results:
// sheets submitted through the judge's own route, with ties, a missing sheet and half points, are
// computed once as stored and once with every stored total cleared.
import { beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { makeJudgingRound, type FixtureEntry, type JudgingFixture } from "../support/judging-fixture";
import { call, cookieFor, post } from "../support/route-calls";
import { computeRoundResults } from "~/modules/judging/results.server";
import { currentRubric } from "~/modules/judging/rubric.server";
import { sheetItems } from "~/modules/judging/sheet-rules";
import { scoreField } from "~/modules/judging/sheet-schemas";
import * as sheetRoute from "~/routes/judge_.rounds.$roundId_.entries.$entryId";
import { itemAt } from "~/utils/arrays";
import { prisma } from "~/utils/db.server";

let fx: JudgingFixture;
let judges: string[];

async function submit(k: number, e: FixtureEntry, step: number) {
  const items = sheetItems((await currentRubric(prisma, fx.roundId))!.items, e.group);
  // Every item scored from its maximum down by `step` half points (floored at 0): varied totals,
  // half points included; the same step for two judges gives a tie.
  const fields = Object.fromEntries(
    items.map((i, n) => [scoreField(i.code), String(Math.max(0, i.max - ((step + n) % 3) * 0.5 * step))]),
  );
  const res = await call(
    sheetRoute.action,
    post(
      `/judge/rounds/${fx.roundId}/entries/${e.id}`,
      { intent: "submit", version: "0", ...fields },
      itemAt(judges, k, "judges"),
    ),
    { roundId: fx.roundId, entryId: e.id },
  );
  expect(res.status).toBe(302);
}

beforeAll(async () => {
  await seed(prisma, { demo: true });
  fx = await makeJudgingRound({ groups: ["B", "B", "A", "C", "D"], judges: 3 });
  judges = await Promise.all(fx.judges.map((j) => cookieFor(j.email)));
  const entry = (i: number) => itemAt(fx.entries, i, "entries");
  // Entries 0 and 1 get identical sheets (a tie); entry 4 misses its third judge's sheet.
  for (const [i, steps] of [
    [0, [1, 2, 3]],
    [1, [1, 2, 3]],
    [2, [0, 4, 1]],
    [3, [5, 5, 2]],
    [4, [2, 3]],
  ] as const) {
    for (const [k, step] of steps.entries()) await submit(k, entry(i), step);
  }
});

describe("results from stored sheet totals", () => {
  test("every submitted sheet stored its totals with the submission", async () => {
    const sheets = await prisma.scoreSheet.findMany({
      where: { roundId: fx.roundId, status: "SUBMITTED" },
      select: { total: true, criterion1: true },
    });
    expect(sheets).toHaveLength(14);
    for (const s of sheets) {
      expect(s.total).not.toBeNull();
      expect(s.criterion1).not.toBeNull();
    }
  });

  test("are the same as the results added up from the scores", async () => {
    const stored = (await computeRoundResults(fx.roundId)).table;
    const rows = stored.groups.flatMap((g) => g.rows);
    expect(rows.length).toBe(5);
    expect(rows.some((r) => r.sheets === 2)).toBe(true);

    const { count } = await prisma.scoreSheet.updateMany({
      where: { roundId: fx.roundId },
      data: { total: null, criterion1: null, criterion2: null, criterion3: null, criterion4: null },
    });
    expect(count).toBe(14);
    const fromScores = (await computeRoundResults(fx.roundId)).table;
    expect(fromScores).toEqual(stored);
  });
});
