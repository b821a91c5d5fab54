// The demo judging round (prisma/demo-judging.ts), seeded the way `npm start` does: the jury the
// issue asks for, one declared conflict enforced by the queue query, and sheets whose totals make
// a results page worth looking at. A second seed run must change nothing.
import { beforeAll, describe, expect, test } from "vitest";
import { DEMO_JUDGING_ROUND_NAME } from "../../prisma/demo-judging";
import { seed } from "../../prisma/seed";
import { assignedEntriesWhere } from "~/modules/judging/access.server";
import { subCriteriaFor } from "~/modules/judging/rubric";
import { aggregateEntry, sheetTotals } from "~/modules/judging/scoring";
import { parseScores } from "~/modules/judging/sheet-data";
import { groupList } from "~/modules/rounds/groups";
import { prisma } from "~/utils/db.server";

let roundId: string;

beforeAll(async () => {
  const first = await seed(prisma, { demo: true, demoRound: true });
  expect(first.demoSheets).toBe(32);
  roundId = (await prisma.round.findFirstOrThrow({ where: { name: DEMO_JUDGING_ROUND_NAME } })).id;
});

describe("the demo judging round", () => {
  test("is judging, with ten accepted entries, seven judges in two panels and a council", async () => {
    const round = await prisma.round.findUniqueOrThrow({
      where: { id: roundId },
      include: { panels: { include: { groups: true } }, juryMembers: { include: { user: true } } },
    });
    expect(round.status).toBe("JUDGING");
    expect(round.blindJudging).toBe(true);
    expect(
      await prisma.entry.count({ where: { roundId, status: "ACCEPTED", entryCode: { startsWith: "BN-2026-" } } }),
    ).toBe(10);
    expect(round.panels.map((p) => groupList(p.groups).join(",")).sort()).toEqual(["A,C,D", "B"]);
    expect(round.juryMembers.map((m) => m.user.email).sort()).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((n) => `judge${n}@tieubieu.test`),
    );
    expect(round.juryMembers.every((m) => m.declaredAt && m.panelId)).toBe(true);
    expect(round.juryMembers.filter((m) => m.councilRole === "CHAIR")).toHaveLength(1);
    expect(round.juryMembers.filter((m) => m.councilRole === "SECRETARY")).toHaveLength(1);
    const rubric = await prisma.rubric.findFirstOrThrow({ where: { roundId } });
    expect(rubric.lockedAt).not.toBeNull();
  });

  test("judge2's declared conflict keeps the lychee entry out of their queue", async () => {
    const member = await prisma.juryMember.findFirstOrThrow({
      where: { roundId, user: { email: "judge2@tieubieu.test" } },
      include: { panel: { include: { groups: true } }, round: { include: { groups: true } } },
    });
    const queue = await prisma.entry.findMany({
      where: assignedEntriesWhere(member, member.round),
      include: { product: true },
    });
    expect(queue).toHaveLength(4);
    expect(queue.map((e) => e.product.name)).not.toContain("Vải thiều Lục Ngạn tươi đóng hộp");
    const judge3 = await prisma.juryMember.findFirstOrThrow({
      where: { roundId, user: { email: "judge3@tieubieu.test" } },
      include: { panel: { include: { groups: true } }, round: { include: { groups: true } } },
    });
    expect(await prisma.entry.count({ where: assignedEntriesWhere(judge3, judge3.round) })).toBe(5);
  });

  test("judge1 has two entries left to score; drafts and submitted sheets are there", async () => {
    const judge1 = await prisma.juryMember.findFirstOrThrow({
      where: { roundId, user: { email: "judge1@tieubieu.test" } },
      include: { panel: { include: { groups: true } }, round: { include: { groups: true } } },
    });
    const assigned = await prisma.entry.count({ where: assignedEntriesWhere(judge1, judge1.round) });
    const sheets = await prisma.scoreSheet.count({ where: { juryMemberId: judge1.id } });
    expect(assigned - sheets).toBe(2);
    expect(await prisma.scoreSheet.count({ where: { roundId, status: "DRAFT" } })).toBe(2);
    expect(await prisma.scoreSheet.count({ where: { roundId, status: "SUBMITTED" } })).toBe(30);
  });

  test("every submitted sheet is complete and within the rubric; the means spread across the pass line", async () => {
    const rubric = await prisma.rubric.findFirstOrThrow({ where: { roundId }, include: { items: true } });
    const sheets = await prisma.scoreSheet.findMany({
      where: { roundId, status: "SUBMITTED" },
      include: { entry: true },
    });
    const byEntry = new Map<string, { judgeId: string; total: number; perCriterion: Record<string, number> }[]>();
    for (const s of sheets) {
      const subs = subCriteriaFor(rubric.items, s.entry.group);
      const scores = parseScores(s.scores);
      expect(Object.keys(scores).sort()).toEqual(subs.map((x) => x.id).sort());
      for (const sub of subs) expect(scores[sub.id]).toBeLessThanOrEqual(sub.max);
      byEntry.set(s.entryId, [
        ...(byEntry.get(s.entryId) ?? []),
        { judgeId: s.juryMemberId, ...sheetTotals(scores, subs) },
      ]);
    }
    const results = [...byEntry.values()].map((list) => aggregateEntry(list, { passLine: 70 }));
    expect(results.filter((r) => r.passed).length).toBeGreaterThanOrEqual(5);
    expect(results.filter((r) => !r.passed).length).toBeGreaterThanOrEqual(2);
  });

  test("a second seed run changes nothing", async () => {
    const again = await seed(prisma, { demo: true, demoRound: true });
    expect(again.demoSheets).toBe(0);
    expect(await prisma.round.count({ where: { name: DEMO_JUDGING_ROUND_NAME } })).toBe(1);
  });
});
