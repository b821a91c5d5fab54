// Stored serving orders of a blind tasting (decision 046) through the real services and routes:
// the draw stores every judge's order, the judges present form a balanced Williams square; a
// judge invited (or moved to a new panel) afterwards gets an order of their own, audited, and
// nobody else's order moves; the judge's queue follows the order and shows tasting numbers,
// never entry codes or product names.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createGroups } from "~/modules/rounds/groups";
import { seed } from "../../prisma/seed";
import { authFor, makeJudgingRound, type JudgingFixture } from "../support/judging-fixture";
import { call, cookieFor, get } from "../support/route-calls";
import { inviteJuryMember, updateJuryMember } from "~/modules/judging/jury.server";
import { drawTasting } from "~/modules/samples/samples.server";
import * as queueRoute from "~/routes/judge_.rounds.$roundId";
import * as tastingRoute from "~/routes/judge_.rounds.$roundId_.tasting";
import { prisma } from "~/utils/db.server";

const meta = { ip: "127.0.0.1" };
const jsonOf = (v: unknown) => (typeof v === "string" ? (JSON.parse(v) as unknown) : v);
let fx: JudgingFixture;

/** Every stored order of the round, as tasting numbers, by jury member id. */
async function ordersByMember(): Promise<Map<string, { designRow: number; panelKey: string; numbers: number[] }>> {
  const orders = await prisma.tastingOrder.findMany({
    where: { roundId: fx.roundId },
    select: {
      juryMemberId: true,
      designRow: true,
      panelKey: true,
      slots: { select: { entryId: true }, orderBy: { position: "asc" } },
    },
  });
  const numbers = await prisma.tastingNumber.findMany({
    where: { roundId: fx.roundId },
    select: { entryId: true, panelKey: true, number: true },
  });
  const numberOf = (entryId: string, panelKey: string) =>
    numbers.find((n) => n.entryId === entryId && n.panelKey === panelKey)!.number;
  return new Map(
    orders.map((o) => [
      o.juryMemberId,
      { designRow: o.designRow, panelKey: o.panelKey, numbers: o.slots.map((s) => numberOf(s.entryId, o.panelKey)) },
    ]),
  );
}

beforeAll(async () => {
  await seed(prisma, { demo: true });
  fx = await makeJudgingRound({ groups: ["B", "B", "B", "B"], judges: 4, blindJudging: true, status: "JUDGING" });
  await prisma.roundSampleSettings.create({
    data: { roundId: fx.roundId, required: true, unitsPerEntry: 2, receivingPlace: "Sở Công Thương" },
  });
}, 240_000);

afterAll(async () => {
  await prisma.$disconnect();
});

describe("the draw stores every judge's order", () => {
  test("four judges, four samples: a Williams square (each sample once in each turn, each pair in a row once)", async () => {
    const organiser = await authFor(fx.organiserEmail);
    await drawTasting(organiser, fx.roundId, meta);
    const orders = await ordersByMember();
    expect(orders.size).toBe(4);
    // Judges in the order they joined take rows 0..3.
    expect(fx.judges.map((j) => orders.get(j.memberId)!.designRow)).toEqual([0, 1, 2, 3]);
    const rows = fx.judges.map((j) => orders.get(j.memberId)!.numbers);
    const all = (await prisma.tastingNumber.findMany({ where: { roundId: fx.roundId } })).map((n) => n.number).sort();
    for (const row of rows) expect([...row].sort()).toEqual(all);
    for (let pos = 0; pos < 4; pos++) expect(new Set(rows.map((r) => r[pos])).size).toBe(4);
    const pairs = new Set(rows.flatMap((r) => r.slice(1).map((n, k) => `${r[k]}>${n}`)));
    expect(pairs.size).toBe(4 * 3);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "round.tasting", entityId: fx.roundId } });
    expect(jsonOf(audit.after)).toMatchObject({ numbers: 4, orders: 4 });
  });

  test("the judge's tasting page reads the stored order", async () => {
    const orders = await ordersByMember();
    const judge = fx.judges[2]!;
    const res = await call(
      tastingRoute.loader,
      get(`/judge/rounds/${fx.roundId}/tasting`, await cookieFor(judge.email)),
      { roundId: fx.roundId },
    );
    expect((res.data as { slots: Array<{ number: number; position: number }> }).slots.map((s) => s.number)).toEqual(
      orders.get(judge.memberId)!.numbers,
    );
  });
});

describe("a judge who joins after the draw", () => {
  test("is invited: gets the panel's next design row, audited; nobody else's order moves", async () => {
    const before = await ordersByMember();
    const organiser = await authFor(fx.organiserEmail);
    const { memberId } = await inviteJuryMember(
      organiser,
      fx.roundId,
      { email: `late-${fx.roundId}@example.vn`, name: "Giám khảo Muộn", isJudge: true },
      meta,
    );
    const after = await ordersByMember();
    expect(after.size).toBe(5);
    for (const [id, order] of before) expect(after.get(id)).toEqual(order);
    const late = after.get(memberId)!;
    expect(late.designRow).toBe(4);
    expect([...late.numbers].sort()).toEqual([...before.values().next().value!.numbers].sort());
    const entry = await prisma.auditLog.findFirstOrThrow({
      where: { action: "round.tasting.order", entityId: memberId },
    });
    expect(jsonOf(entry.after)).toMatchObject({ designRow: 4, samples: 4 });
  });

  test("moved to a panel that had no judge at the draw: the panel's numbers are drawn, the others keep theirs", async () => {
    const panel = await prisma.panel.create({
      data: { roundId: fx.roundId, name: "Tổ nếm muộn", groups: createGroups(["B"]) },
    });
    const before = await ordersByMember();
    const numbersBefore = await prisma.tastingNumber.findMany({
      where: { roundId: fx.roundId, panelKey: "ALL" },
      orderBy: { entryId: "asc" },
    });
    const organiser = await authFor(fx.organiserEmail);
    const moved = fx.judges[3]!;
    await updateJuryMember(organiser, fx.roundId, moved.memberId, { isJudge: true, panelId: panel.id }, meta);
    const after = await ordersByMember();
    for (const [id, order] of before) if (id !== moved.memberId) expect(after.get(id)).toEqual(order);
    expect(after.get(moved.memberId)).toMatchObject({ panelKey: panel.id, designRow: 0 });
    expect(await prisma.tastingNumber.count({ where: { roundId: fx.roundId, panelKey: panel.id } })).toBe(4);
    expect(
      await prisma.tastingNumber.findMany({
        where: { roundId: fx.roundId, panelKey: "ALL" },
        orderBy: { entryId: "asc" },
      }),
    ).toEqual(numbersBefore);
    // Back to no panel: the next row of the whole-round design, not their old one.
    await updateJuryMember(organiser, fx.roundId, moved.memberId, { isJudge: true, panelId: null }, meta);
    expect((await ordersByMember()).get(moved.memberId)).toMatchObject({ panelKey: "ALL", designRow: 5 });
  });
});

describe("the judge's queue at the blind tasting", () => {
  test("lists the samples in the judge's order by tasting number; no entry code or product name leaves the server", async () => {
    const judge = fx.judges[1]!;
    const res = await call(
      queueRoute.loader,
      get(`/judge/rounds/${fx.roundId}?tab=todo`, await cookieFor(judge.email)),
      { roundId: fx.roundId },
    );
    expect(res.status).toBe(200);
    const data = res.data as {
      tasting: boolean;
      rows: Array<{ code: string | null; tastingNumber: number | null; productName: string | null }>;
    };
    expect(data.tasting).toBe(true);
    expect(data.rows.map((r) => r.tastingNumber)).toEqual((await ordersByMember()).get(judge.memberId)!.numbers);
    const json = JSON.stringify(res.data);
    for (const e of fx.entries) {
      expect(json).not.toContain(e.code);
      expect(json).not.toContain(e.productName);
    }
  });

  test("a conflicted sample leaves the judge's queue and order; the other turns keep their sequence", async () => {
    const judge = fx.judges[0]!;
    const full = (await ordersByMember()).get(judge.memberId)!.numbers;
    const skipped = await prisma.tastingNumber.findFirstOrThrow({
      where: { roundId: fx.roundId, panelKey: "ALL", number: full[1]! },
    });
    const entry = fx.entries.find((e) => e.id === skipped.entryId)!;
    const organiserId = (await prisma.user.findUniqueOrThrow({ where: { email: fx.organiserEmail } })).id;
    await prisma.conflict.create({
      data: {
        roundId: fx.roundId,
        juryMemberId: judge.memberId,
        establishmentId: entry.establishmentId,
        source: "ORGANISER",
        createdById: organiserId,
      },
    });
    const res = await call(queueRoute.loader, get(`/judge/rounds/${fx.roundId}`, await cookieFor(judge.email)), {
      roundId: fx.roundId,
    });
    expect((res.data as { rows: Array<{ tastingNumber: number }> }).rows.map((r) => r.tastingNumber)).toEqual(
      full.filter((n) => n !== full[1]),
    );
  });

  test("a round that is not blind keeps entry codes in the queue", async () => {
    const open = await makeJudgingRound({ groups: ["A", "B"], judges: 1, blindJudging: false, status: "JUDGING" });
    const res = await call(
      queueRoute.loader,
      get(`/judge/rounds/${open.roundId}`, await cookieFor(open.judges[0]!.email)),
      { roundId: open.roundId },
    );
    const data = res.data as { tasting: boolean; rows: Array<{ code: string | null; tastingNumber: number | null }> };
    expect(data.tasting).toBe(false);
    expect(data.rows.map((r) => r.code).sort()).toEqual(open.entries.map((e) => e.code).sort());
    expect(data.rows.every((r) => r.tastingNumber === null)).toBe(true);
  }, 120_000);
});
