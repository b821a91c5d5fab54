// Demo data for issue #14 (decision 038): the main Bắc Ninh 2026 round (blind, in judging) asks for
// three units of each product at the Department of Industry and Trade. Nine of its ten samples are
// received (one with damaged packaging), one is still awaited; the tasting numbers are drawn with
// a fixed seed, so every judge has a serving order (/judge/rounds/…/tasting) and the labels and
// the order print (/admin/rounds/…/samples). Deterministic and idempotent: a second run writes nothing.
import { ALL_PANELS, drawTastingNumbers, seededRandomInt } from "~/modules/samples/samples";
import { drawRoundOrders } from "~/modules/samples/tasting-orders.server";
import { parseGroups } from "~/modules/rounds/round-fields";
import type { Db } from "~/utils/db.server";
import { DEMO_JUDGING_ROUND_NAME } from "./demo-judging";

const DAY = 24 * 60 * 60 * 1000;
const STORAGE = "Kho mẫu Sở Công Thương, phòng 204 — nhiệt độ phòng";

/** Returns the number of samples received (0 when already seeded or the round is absent). */
export async function seedDemoSamples(db: Db): Promise<number> {
  const round = await db.round.findFirst({ where: { name: DEMO_JUDGING_ROUND_NAME }, select: { id: true, groups: true, createdById: true, judgingStartAt: true } });
  if (!round || (await db.roundSampleSettings.findUnique({ where: { roundId: round.id }, select: { id: true } }))) return 0;
  const start = round.judgingStartAt ?? new Date();
  await db.roundSampleSettings.create({
    data: {
      roundId: round.id,
      required: true,
      unitsPerEntry: 3,
      receivingPlace: "Sở Công Thương tỉnh Bắc Ninh, phòng 204",
      deadline: new Date(start.getTime() - DAY),
      tastingDrawnAt: new Date(start.getTime() - DAY / 2),
      tastingDrawnById: round.createdById,
    },
  });
  const entries = await db.entry.findMany({ where: { roundId: round.id, status: "ACCEPTED" }, select: { id: true, group: true }, orderBy: { entryCode: "asc" } });
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
  const members = await db.juryMember.findMany({ where: { roundId: round.id, isJudge: true }, select: { panelId: true, panel: { select: { groups: true } } } });
  const panels = new Map(members.map((m) => [m.panelId ?? ALL_PANELS, parseGroups(m.panel ? m.panel.groups : round.groups) as string[]]));
  let seed = 14;
  for (const [panelKey, groups] of panels) {
    const own = entries.filter((e) => groups.includes(e.group));
    const numbers = drawTastingNumbers(own.length, seededRandomInt(seed++));
    await db.tastingNumber.createMany({ data: own.map((e, i) => ({ roundId: round.id, entryId: e.id, panelKey, number: numbers[i]! })) });
  }
  // Every judge's serving order, stored as the organiser's draw stores it (decision 046).
  await drawRoundOrders(db, round.id, round.createdById);
  return received.length;
}
