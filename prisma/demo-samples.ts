// Demo data for issue #14 (decision 038): the main Bắc Ninh 2026 round (blind, in judging) asks for
// three units of each product at the Department of Industry and Trade. Nine of its ten samples are
// received (one with damaged packaging), one is still awaited, and the labels print
// (/admin/rounds/…/samples); no tasting numbers are drawn, so its judges keep scoring by entry code
// (the blind tasting round below has numbers and orders). Deterministic and idempotent: a second
// run writes nothing.
import { ALL_PANELS, drawTastingNumbers, seededRandomInt } from "~/modules/samples/samples";
import { createGroups, PRODUCT_GROUPS } from "~/modules/rounds/groups";
import { drawRoundOrders } from "~/modules/samples/tasting-orders.server";
import type { Db } from "~/utils/db.server";
import { ensureDefaultRubric } from "~/modules/judging/default-rubric.server";
import { normalizeSearch } from "~/utils/text";
import { DEMO_JUDGING_ROUND_NAME } from "./demo-judging";

const DAY = 24 * 60 * 60 * 1000;
const STORAGE = "Kho mẫu Sở Công Thương, phòng 204 — nhiệt độ phòng";

/** Returns the number of samples received (0 when already seeded or the round is absent). */
export async function seedDemoSamples(db: Db): Promise<number> {
  const round = await db.round.findFirst({
    where: { name: DEMO_JUDGING_ROUND_NAME },
    select: { id: true, createdById: true, judgingStartAt: true },
  });
  if (!round || (await db.roundSampleSettings.findUnique({ where: { roundId: round.id }, select: { id: true } })))
    return 0;
  const start = round.judgingStartAt ?? new Date();
  await db.roundSampleSettings.create({
    data: {
      roundId: round.id,
      required: true,
      unitsPerEntry: 3,
      receivingPlace: "Sở Công Thương tỉnh Bắc Ninh, phòng 204",
      deadline: new Date(start.getTime() - DAY),
    },
  });
  const entries = await db.entry.findMany({
    where: { roundId: round.id, status: "ACCEPTED" },
    select: { id: true, group: true },
    orderBy: { entryCode: "asc" },
  });
  // The last entry's sample has not arrived; the second one's packaging was damaged on the way.
  const received = entries.slice(0, -1);
  await db.sampleReceipt.createMany({
    data: received.map((e, i) => ({
      roundId: round.id,
      entryId: e.id,
      receivedAt: new Date(start.getTime() - (3 - (i % 3)) * DAY),
      units: 3,
      condition: i === 1 ? ("DAMAGED" as const) : ("GOOD" as const),
      storage: STORAGE,
      note: i === 1 ? "Một hộp móp góc; sản phẩm bên trong còn nguyên." : null,
      receivedById: round.createdById,
    })),
  });
  // No tasting numbers here: this round's judges score by entry code in the demo and in the
  // end-to-end tests. (A round with numbers and no stored orders would become a blind tasting on
  // its first read, decision 046.) The blind tasting round below has numbers and orders.
  return received.length;
}

/**
 * A small blind tasting round of its own (decision 046) for the end-to-end samples test, which
 * no other test changes: Bắc Ninh, in judging, three of the main round's products, samples
 * asked, two received and one awaited, the tasting numbers and both judges' orders drawn
 * (judge6 and judge7, declared, no panel). Idempotent: nothing when the round exists.
 */
export const DEMO_TASTING_ROUND_NAME = "Nếm mẫu kín sản phẩm thực phẩm tỉnh Bắc Ninh năm 2026";
const TASTING_JUDGES = ["judge6@tieubieu.test", "judge7@tieubieu.test"];

export async function seedDemoTastingRound(db: Db): Promise<number> {
  if (await db.round.findFirst({ where: { name: DEMO_TASTING_ROUND_NAME }, select: { id: true } })) return 0;
  const main = await db.round.findFirst({
    where: { name: DEMO_JUDGING_ROUND_NAME },
    select: { provinceId: true, createdById: true },
  });
  if (!main) return 0;
  const sources = await db.entry.findMany({
    where: { round: { name: DEMO_JUDGING_ROUND_NAME }, status: "ACCEPTED" },
    select: {
      productId: true,
      establishmentId: true,
      group: true,
      commune: true,
      product: { select: { name: true } },
      establishment: { select: { name: true } },
    },
    orderBy: { entryCode: "asc" },
    take: 3,
  });
  const judges = await db.user.findMany({
    where: { email: { in: TASTING_JUDGES } },
    select: { id: true, email: true },
  });
  if (sources.length < 3 || judges.length !== TASTING_JUDGES.length) return 0;
  const now = Date.now();
  const round = await db.round.create({
    data: {
      name: DEMO_TASTING_ROUND_NAME,
      groups: createGroups(PRODUCT_GROUPS),
      level: "PROVINCE",
      provinceId: main.provinceId,
      year: 2026,
      entriesOpenAt: new Date(now - 40 * DAY),
      entriesCloseAt: new Date(now - 20 * DAY),
      judgingStartAt: new Date(now - 5 * DAY),
      status: "JUDGING",
      blindJudging: true,
      description: "Đợt nếm mẫu kín: mỗi mẫu có số nếm riêng, mỗi giám khảo nếm theo thứ tự của mình.",
      createdById: main.createdById,
    },
  });
  await ensureDefaultRubric(db, round.id, main.createdById);
  const entries = [];
  for (const [i, src] of sources.entries()) {
    entries.push(
      await db.entry.create({
        data: {
          roundId: round.id,
          productId: src.productId,
          establishmentId: src.establishmentId,
          group: src.group,
          status: "ACCEPTED",
          entryCode: `NM-2026-${src.group}-0${i + 1}`,
          searchText: normalizeSearch(`${src.product.name} ${src.establishment.name} ${src.commune ?? ""}`),
          commune: src.commune,
          submittedAt: new Date(now - 25 * DAY),
          decidedAt: new Date(now - 10 * DAY),
          onBehalf: true,
          registeredById: main.createdById,
        },
        select: { id: true },
      }),
    );
  }
  for (const email of TASTING_JUDGES) {
    const user = judges.find((j) => j.email === email)!;
    await db.juryMember.create({
      data: { roundId: round.id, userId: user.id, isJudge: true, declaredAt: new Date(now - 4 * DAY) },
    });
  }
  await db.roundSampleSettings.create({
    data: {
      roundId: round.id,
      required: true,
      unitsPerEntry: 2,
      receivingPlace: "Sở Công Thương tỉnh Bắc Ninh, phòng 204",
      deadline: new Date(now - 6 * DAY),
      tastingDrawnAt: new Date(now - 5 * DAY),
      tastingDrawnById: main.createdById,
    },
  });
  // The last sample is still awaited (the end-to-end test records its receipt).
  await db.sampleReceipt.createMany({
    data: entries.slice(0, -1).map((e) => ({
      roundId: round.id,
      entryId: e.id,
      receivedAt: new Date(now - 7 * DAY),
      units: 2,
      condition: "GOOD" as const,
      storage: STORAGE,
      receivedById: main.createdById,
    })),
  });
  const numbers = drawTastingNumbers(entries.length, seededRandomInt(46));
  await db.tastingNumber.createMany({
    data: entries.map((e, i) => ({ roundId: round.id, entryId: e.id, panelKey: ALL_PANELS, number: numbers[i]! })),
  });
  await drawRoundOrders(db, round.id, main.createdById);
  return entries.length;
}
