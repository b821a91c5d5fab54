// Stored serving orders of a blind tasting (issue #14, decision 046). The tasting numbers and each
// judge's order are drawn once and kept: the judges present at the draw take the rows 0..k−1 of
// their panel's Williams design (in the order they joined the jury), so position and carry-over
// are balanced among them; a judge who joins (or changes panel) afterwards gets the panel's next
// row, drawn for them alone, and nobody else's order moves. Orders hold every sample of the
// panel; the entries a judge does not score (conflicts, exclusions) are left out when read.
// No import from the judging services, so the jury service can call syncTastingOrder.
import { randomInt } from "node:crypto";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import { groupList, type GroupRows, type ProductGroupName } from "~/modules/rounds/groups";
import { isUniqueViolation } from "~/utils/db-errors";
import { databaseProvider, prisma, type Tx } from "~/utils/db.server";
import { ALL_PANELS, drawTastingNumbers, williamsRow } from "./samples";

export interface PanelPlan {
  key: string;
  name: string | null;
  groups: ProductGroupName[];
}

const panelKeyOf = (m: { panelId: string | null }) => m.panelId ?? ALL_PANELS;

/** The tasting panels: each panel with judges, and "ALL" for the judges without a panel. */
export async function tastingPanels(db: Tx, roundId: string, roundGroups: GroupRows): Promise<PanelPlan[]> {
  const judges = await db.juryMember.findMany({
    where: { roundId, isJudge: true },
    select: { panelId: true, panel: { select: { name: true, groups: true } } },
  });
  const plans = new Map<string, PanelPlan>();
  for (const j of judges) {
    const key = panelKeyOf(j);
    if (!plans.has(key))
      plans.set(key, { key, name: j.panel?.name ?? null, groups: groupList(j.panel ? j.panel.groups : roundGroups) });
  }
  return [...plans.values()].sort((a, b) => (a.name ?? "").localeCompare(b.name ?? ""));
}

/** Draws (and stores) the tasting numbers of one panel: its groups' accepted entries, plus entries an organiser included for one of its judges. */
export async function drawPanelNumbers(db: Tx, roundId: string, panel: PanelPlan): Promise<number> {
  const entries = await db.entry.findMany({
    where: {
      roundId,
      status: "ACCEPTED",
      OR: [
        { group: { in: panel.groups } },
        {
          assignmentOverrides: {
            some: { include: true, juryMember: { panelId: panel.key === ALL_PANELS ? null : panel.key } },
          },
        },
      ],
    },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  const numbers = drawTastingNumbers(entries.length, randomInt);
  if (entries.length) {
    await db.tastingNumber.createMany({
      data: entries.map((e, i) => ({ roundId, entryId: e.id, panelKey: panel.key, number: numbers[i]! })),
    });
  }
  return entries.length;
}

/** Stores one judge's order: row `designRow` of the Williams design over the panel's samples by tasting number. */
async function storeOrder(
  db: Tx,
  roundId: string,
  juryMemberId: string,
  panelKey: string,
  designRow: number,
  drawnById: string | null,
) {
  const samples = await db.tastingNumber.findMany({
    where: { roundId, panelKey },
    select: { entryId: true },
    orderBy: { number: "asc" },
  });
  const row = williamsRow(samples.length, designRow);
  await db.tastingOrder.create({
    data: {
      roundId,
      juryMemberId,
      panelKey,
      designRow,
      drawnById,
      slots: { create: row.map((i, k) => ({ entryId: samples[i]!.entryId, position: k + 1 })) },
    },
  });
  return samples.length;
}

/**
 * Draws every judge's order anew (after the numbers were drawn): per panel, the judges in the
 * order they joined the jury take rows 0, 1, … of the design. Returns how many orders were stored.
 */
export async function drawRoundOrders(db: Tx, roundId: string, drawnById: string | null): Promise<number> {
  await db.tastingOrder.deleteMany({ where: { roundId } });
  const judges = await db.juryMember.findMany({
    where: { roundId, isJudge: true },
    select: { id: true, panelId: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const rows = new Map<string, number>();
  for (const j of judges) {
    const key = panelKeyOf(j);
    const row = rows.get(key) ?? 0;
    rows.set(key, row + 1);
    await storeOrder(db, roundId, j.id, key, row, drawnById);
  }
  return judges.length;
}

/**
 * Keeps one member's stored order in step with their membership, inside the jury service's
 * transaction: nothing before the round's tasting is drawn; no order for a member who is not a
 * judge; a judge without an order for their current panel gets one (the panel's next design row;
 * the panel's numbers are drawn first when it had no judge at the draw). Other orders never
 * change. Audited as round.tasting.order when an order is drawn or dropped.
 */
export async function syncTastingOrder(
  db: Tx,
  roundId: string,
  juryMemberId: string,
  actorId: string,
  meta?: RequestMeta,
): Promise<"none" | "kept" | "drawn" | "dropped"> {
  const round = await db.round.findUnique({
    where: { id: roundId },
    select: { groups: true, blindJudging: true, sampleSettings: { select: { required: true, tastingDrawnAt: true } } },
  });
  if (!round?.blindJudging || !round.sampleSettings?.required || !round.sampleSettings.tastingDrawnAt) return "none";
  const member = await db.juryMember.findUnique({
    where: { id: juryMemberId },
    select: {
      isJudge: true,
      panelId: true,
      panel: { select: { name: true, groups: true } },
      tastingOrder: { select: { id: true, panelKey: true } },
    },
  });
  if (!member) return "none";
  const key = panelKeyOf(member);
  const had = member.tastingOrder;
  if (had && member.isJudge && had.panelKey === key) return "kept";
  if (had) await db.tastingOrder.delete({ where: { id: had.id } });
  if (!member.isJudge) {
    if (had)
      await audit(db, {
        actorId,
        action: "round.tasting.order",
        entityType: "JuryMember",
        entityId: juryMemberId,
        before: { panelKey: had.panelKey },
        after: null,
        meta,
      });
    return had ? "dropped" : "none";
  }
  let numbersDrawn = 0;
  if (!(await db.tastingNumber.count({ where: { roundId, panelKey: key } }))) {
    numbersDrawn = await drawPanelNumbers(db, roundId, {
      key,
      name: member.panel?.name ?? null,
      groups: groupList(member.panel ? member.panel.groups : round.groups),
    });
  }
  const last = await db.tastingOrder.findFirst({
    where: { roundId, panelKey: key },
    orderBy: { designRow: "desc" },
    select: { designRow: true },
  });
  const designRow = last ? last.designRow + 1 : 0;
  const samples = await storeOrder(db, roundId, juryMemberId, key, designRow, actorId);
  await audit(db, {
    actorId,
    action: "round.tasting.order",
    entityType: "JuryMember",
    entityId: juryMemberId,
    before: had ? { panelKey: had.panelKey } : null,
    after: { roundId, panelKey: key, designRow, samples, numbersDrawn },
    meta,
  });
  return "drawn";
}

/**
 * Rounds drawn before orders were stored (decision 046, amended) have tasting numbers and no
 * TastingOrder: the first read that needs an order stores every judge's, exactly as decision 038
 * derived them (per panel, judges in the order they joined take rows 0, 1, … of the design), so
 * what a judge may already have printed does not move. A panel with judges and no numbers gets
 * its numbers drawn first, as syncTastingOrder does. Once: nothing happens when the round has
 * any order. Two first reads at once: the unique juryMemberId (and roundId, panelKey, designRow)
 * lets one transaction through; the other's unique violation is ignored and it reads the
 * winner's orders. Audited as round.tasting.store. Returns how many orders were stored.
 */
export async function storeMissingOrders(roundId: string, actorId: string | null, meta?: RequestMeta): Promise<number> {
  const [numbers, orders] = await Promise.all([
    prisma.tastingNumber.count({ where: { roundId } }),
    prisma.tastingOrder.count({ where: { roundId } }),
  ]);
  if (!numbers || orders) return 0;
  try {
    return await prisma.$transaction(async (tx) => {
      // Two first reads at once: on PostgreSQL the second waits here for the first to commit, then
      // sees its orders (drawRoundOrders below replaces a round's orders, so no unique key would
      // stop it). SQLite runs one transaction at a time anyway (decision 041).
      if (databaseProvider() === "postgresql")
        await tx.$queryRawUnsafe(`SELECT 1 FROM "Round" WHERE "id" = $1 FOR UPDATE`, roundId);
      if (await tx.tastingOrder.count({ where: { roundId } })) return 0;
      const round = await tx.round.findUnique({ where: { id: roundId }, select: { blindJudging: true, groups: true } });
      if (!round?.blindJudging) return 0;
      let numbersDrawn = 0;
      for (const panel of await tastingPanels(tx, roundId, round.groups)) {
        if (!(await tx.tastingNumber.count({ where: { roundId, panelKey: panel.key } })))
          numbersDrawn += await drawPanelNumbers(tx, roundId, panel);
      }
      const stored = await drawRoundOrders(tx, roundId, null);
      await audit(tx, {
        actorId,
        action: "round.tasting.store",
        entityType: "Round",
        entityId: roundId,
        before: { orders: 0, numbers },
        after: { orders: stored, numbersDrawn },
        meta,
      });
      return stored;
    });
  } catch (error) {
    // Another request stored them first (its transaction committed before ours could insert).
    if (isUniqueViolation(error)) return 0;
    throw error;
  }
}

/**
 * Whether this judge sits a blind tasting in the round's current pass, and if so their turns by
 * entry id: a blind round, the first pass (the second pass re-scores after site visits, where the
 * producer is met in person), and a stored order for the judge's panel. null otherwise. The queue,
 * the sheet and the printed sheet all ask this one question (decision 046).
 */
export async function blindTastingTurns(
  round: { id: string; blindJudging: boolean; currentPass: number },
  member: { id: string; panelId: string | null; userId: string },
): Promise<Map<string, TastingTurn> | null> {
  if (!round.blindJudging || round.currentPass !== 1) return null;
  return judgeTastingTurns(round.id, member);
}

export interface TastingTurn {
  /** The turn in the judge's stored order (samples that reached the panel after the draw come last). */
  rank: number;
  number: number;
}

/**
 * A judge's tasting turns by entry id, for the queue of a blind tasting session: null when the
 * judge has no stored order (no tasting drawn, or not a judge of it). A round drawn before orders
 * were stored gets them here, on first need (storeMissingOrders).
 */
export async function judgeTastingTurns(
  roundId: string,
  member: { id: string; panelId: string | null; userId: string },
): Promise<Map<string, TastingTurn> | null> {
  const key = panelKeyOf(member);
  const read = () =>
    prisma.tastingOrder.findUnique({
      where: { juryMemberId: member.id },
      select: { panelKey: true, slots: { select: { entryId: true, position: true } } },
    });
  let order = await read();
  if (!order) {
    await storeMissingOrders(roundId, member.userId);
    order = await read();
  }
  if (!order || order.panelKey !== key) return null;
  const numbers = await prisma.tastingNumber.findMany({
    where: { roundId, panelKey: key },
    select: { entryId: true, number: true },
    orderBy: { number: "asc" },
  });
  const positions = new Map(order.slots.map((s) => [s.entryId, s.position]));
  const late = order.slots.length;
  return new Map(
    numbers.map((n, i) => [n.entryId, { rank: positions.get(n.entryId) ?? late + 1 + i, number: n.number }]),
  );
}
