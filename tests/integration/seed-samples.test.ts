// The demo samples (prisma/demo-samples.ts) on the demo judging round, seeded the way `npm start`
// does: samples received with one awaited and the label sheet printing on the main round (no
// tasting drawn there); the blind tasting round of its own with numbers and stored orders. A second seed run must change nothing.
import { beforeAll, describe, expect, test } from "vitest";
import { DEMO_JUDGING_ROUND_NAME } from "../../prisma/demo-judging";
import { DEMO_TASTING_ROUND_NAME } from "../../prisma/demo-samples";
import { seed } from "../../prisma/seed";
import { authFor } from "../support/judging-fixture";
import { getJudgeTasting, labelsPrint } from "~/modules/samples/samples.server";
import { prisma } from "~/utils/db.server";

let roundId: string;

beforeAll(async () => {
  await seed(prisma, { demo: true, demoRound: true });
  roundId = (await prisma.round.findFirstOrThrow({ where: { name: DEMO_JUDGING_ROUND_NAME } })).id;
}, 240_000);

describe("the demo samples", () => {
  test("nine of ten samples received (one damaged), one awaited", async () => {
    expect(await prisma.roundSampleSettings.findUniqueOrThrow({ where: { roundId } })).toMatchObject({
      required: true,
      unitsPerEntry: 3,
    });
    const receipts = await prisma.sampleReceipt.findMany({ where: { roundId } });
    expect(receipts).toHaveLength(9);
    expect(receipts.filter((r) => r.condition === "DAMAGED")).toHaveLength(1);
  });

  test("labels print for the ten entries; no tasting drawn, so the judges score by entry code", async () => {
    const organiser = await authFor("organiser.bacninh@tieubieu.test");
    expect((await labelsPrint(organiser, roundId)).labels).toHaveLength(10);
    // No numbers: a round with numbers and no stored orders would get orders on its first read
    // and become a blind tasting (decision 046); this round's judges score by entry code.
    expect(await prisma.tastingNumber.count({ where: { roundId } })).toBe(0);
    const judge1 = await authFor("judge1@tieubieu.test");
    expect((await getJudgeTasting(judge1, roundId)).slots).toEqual([]);
    expect(await prisma.tastingOrder.count({ where: { roundId } })).toBe(0);
  });

  test("the blind tasting round of its own: two of three samples received, numbers and both judges' orders stored (decision 046)", async () => {
    const own = await prisma.round.findFirstOrThrow({ where: { name: DEMO_TASTING_ROUND_NAME } });
    expect(own).toMatchObject({ blindJudging: true, status: "JUDGING" });
    expect(await prisma.sampleReceipt.count({ where: { roundId: own.id } })).toBe(2);
    expect(await prisma.tastingNumber.count({ where: { roundId: own.id } })).toBe(3);
    const judge6 = await authFor("judge6@tieubieu.test");
    expect((await getJudgeTasting(judge6, own.id)).slots).toHaveLength(3);
    expect(await prisma.tastingOrder.count({ where: { roundId: own.id } })).toBe(2);
  });

  test("a second seed run writes nothing new", async () => {
    const before = {
      r: await prisma.sampleReceipt.count(),
      n: await prisma.tastingNumber.count(),
      s: await prisma.roundSampleSettings.count(),
      o: await prisma.tastingOrder.count(),
    };
    await seed(prisma, { demo: true, demoRound: true });
    expect({
      r: await prisma.sampleReceipt.count(),
      n: await prisma.tastingNumber.count(),
      s: await prisma.roundSampleSettings.count(),
      o: await prisma.tastingOrder.count(),
    }).toEqual(before);
  }, 240_000);
});
