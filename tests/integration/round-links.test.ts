// The round page's links to samples and site visits (decision 046): the samples page only for a
// round that asks for samples (a set-up link while the requirement can still be turned on), the
// visits page only for a round with a second scoring pass or with visits already recorded.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { makeJudgingRound, type JudgingFixture } from "../support/judging-fixture";
import { call, cookieFor, get } from "../support/route-calls";
import * as roundRoute from "~/routes/admin.rounds_.$roundId";
import { prisma } from "~/utils/db.server";

let fx: JudgingFixture;
let cookie: string;

type Links = { links: { samples: "open" | "setup" | null; visits: boolean } };
const links = async () => {
  const res = await call(roundRoute.loader, get(`/admin/rounds/${fx.roundId}`, cookie), { roundId: fx.roundId });
  expect(res.status).toBe(200);
  return (res.data as Links).links;
};

beforeAll(async () => {
  await seed(prisma, { demo: true });
  fx = await makeJudgingRound({ groups: ["A", "B"], judges: 1, blindJudging: true, status: "JUDGING" });
  cookie = await cookieFor(fx.organiserEmail);
}, 240_000);

afterAll(async () => {
  await prisma.$disconnect();
});

describe("the round page's samples and visits links", () => {
  test("one scoring pass, no samples asked: a set-up link for samples while judging, no visits link", async () => {
    expect(await links()).toEqual({ samples: "setup", visits: false });
  });

  test("a round that asks for samples links to its samples page", async () => {
    await prisma.roundSampleSettings.create({
      data: { roundId: fx.roundId, required: true, unitsPerEntry: 1, receivingPlace: "Sở Công Thương" },
    });
    expect((await links()).samples).toBe("open");
    await prisma.roundSampleSettings.update({ where: { roundId: fx.roundId }, data: { required: false } });
    await prisma.round.update({ where: { id: fx.roundId }, data: { status: "RESULTS" } });
    // Past judging, a round without samples shows no samples link at all.
    expect((await links()).samples).toBeNull();
  });

  test("a second scoring pass, or a visit already recorded, shows the visits link", async () => {
    await prisma.round.update({ where: { id: fx.roundId }, data: { scoringPasses: 2 } });
    expect((await links()).visits).toBe(true);
    await prisma.round.update({ where: { id: fx.roundId }, data: { scoringPasses: 1 } });
    expect((await links()).visits).toBe(false);
    const organiser = await prisma.user.findUniqueOrThrow({ where: { email: fx.organiserEmail } });
    await prisma.siteVisit.create({
      data: {
        roundId: fx.roundId,
        entryId: fx.entries[0]!.id,
        scheduledAt: new Date(),
        address: "Thôn Đông",
        createdById: organiser.id,
      },
    });
    expect((await links()).visits).toBe(true);
  });
});
