// Many autosaves at once through the real sheet route (issue #9): every request is answered 200
// or 409 (never an error), no two acknowledged saves of one sheet carry the same version, and
// what is stored is exactly the last acknowledged save — no acknowledged save is lost or
// silently overwritten. Several judges save different sheets at the same time, several tabs of
// one judge race on the same sheet and retry after a 409 as the page would after reloading.
import { beforeAll, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { makeJudgingRound, type JudgingFixture } from "../support/judging-fixture";
import { call, cookieFor, post } from "../support/route-calls";
import { currentRubric } from "~/modules/judging/rubric.server";
import { sheetItems } from "~/modules/judging/sheet-rules";
import { scoreField } from "~/modules/judging/sheet-schemas";
import * as sheetRoute from "~/routes/judge_.rounds.$roundId_.entries.$entryId";
import { firstRow, itemAt } from "~/utils/arrays";
import { prisma } from "~/utils/db.server";

let fx: JudgingFixture;
let cookies: string[];
let firstItem: { code: string; max: number };

beforeAll(async () => {
  await seed(prisma, { demo: true });
  fx = await makeJudgingRound({ groups: ["B", "B"], judges: 3 });
  cookies = await Promise.all(fx.judges.map((j) => cookieFor(j.email)));
  const item = firstRow(sheetItems((await currentRubric(prisma, fx.roundId))!.items, "B"), "the sheet's items");
  firstItem = { code: item.code, max: item.max };
});

const entryAt = (i: number) => itemAt(fx.entries, i, "the round's entries");
const judgeAt = (i: number) => itemAt(fx.judges, i, "the round's judges");
const cookieAt = (i: number) => itemAt(cookies, i, "the judges' cookies");

type Reply = { saved: { version: number } | null; conflict: boolean };

test("concurrent autosaves: 200 or 409 only, one acknowledgement per version, the stored sheet is the last acknowledged", async () => {
  const TABS = 4;
  const SAVES_PER_TAB = 5;
  const acks = new Map<string, Array<{ version: number; value: string }>>();
  const statuses: number[] = [];
  let counter = 0;

  // A tab saves SAVES_PER_TAB times; after a 409 it reloads the version (as the page would) and goes on.
  async function tab(judge: number, entryIndex: number) {
    const entry = entryAt(entryIndex);
    const sheetKey = `${judge}:${entryIndex}`;
    let version = 0;
    for (let i = 0; i < SAVES_PER_TAB; i++) {
      // A distinct number per save (half points, within the item's maximum) identifies what was stored.
      const value = String(((++counter % (firstItem.max * 2)) + 1) / 2);
      const res = await call(
        sheetRoute.action,
        post(
          `/judge/rounds/${fx.roundId}/entries/${entry.id}`,
          { intent: "autosave", version: String(version), [scoreField(firstItem.code)]: value },
          cookieAt(judge),
        ),
        { roundId: fx.roundId, entryId: entry.id },
      );
      statuses.push(res.status);
      const reply = res.data as Reply;
      if (res.status === 200 && reply.saved) {
        acks.set(sheetKey, [...(acks.get(sheetKey) ?? []), { version: reply.saved.version, value }]);
        version = reply.saved.version;
      } else {
        expect(res.status).toBe(409);
        expect(reply.conflict).toBe(true);
        const now = await prisma.scoreSheet.findUnique({
          where: { entryId_juryMemberId_pass: { entryId: entry.id, juryMemberId: judgeAt(judge).memberId, pass: 1 } },
        });
        version = now?.version ?? 0;
      }
    }
  }

  const tabs: Array<Promise<void>> = [];
  for (let judge = 0; judge < fx.judges.length; judge++) {
    for (let entryIndex = 0; entryIndex < fx.entries.length; entryIndex++) {
      for (let t = 0; t < TABS; t++) tabs.push(tab(judge, entryIndex));
    }
  }
  await Promise.all(tabs);

  expect(statuses.filter((s) => s !== 200 && s !== 409)).toEqual([]);
  expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(fx.judges.length * fx.entries.length);
  for (let judge = 0; judge < fx.judges.length; judge++) {
    for (let entryIndex = 0; entryIndex < fx.entries.length; entryIndex++) {
      const list = acks.get(`${judge}:${entryIndex}`) ?? [];
      expect(list.length).toBeGreaterThan(0);
      const versions = list.map((a) => a.version).sort((a, b) => a - b);
      // Each acknowledged save made its own version: none was written over another one's.
      expect(new Set(versions).size).toBe(versions.length);
      const last = list.reduce((a, b) => (b.version > a.version ? b : a));
      const stored = await prisma.scoreSheet.findUniqueOrThrow({
        where: {
          entryId_juryMemberId_pass: {
            entryId: entryAt(entryIndex).id,
            juryMemberId: judgeAt(judge).memberId,
            pass: 1,
          },
        },
      });
      // Nothing was written after the last acknowledgement, and it is what is stored.
      expect(stored.version).toBe(last.version);
      expect(stored.status).toBe("DRAFT");
      expect((stored.scores as Record<string, number>)[firstItem.code]).toBe(Number(last.value));
    }
  }
});

test("the version check still holds without a transaction: of many tabs saving the same version exactly one wins", async () => {
  const entry = entryAt(0);
  const judge = judgeAt(0);
  const current = await prisma.scoreSheet.findUniqueOrThrow({
    where: { entryId_juryMemberId_pass: { entryId: entry.id, juryMemberId: judge.memberId, pass: 1 } },
  });
  const results = await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      call(
        sheetRoute.action,
        post(
          `/judge/rounds/${fx.roundId}/entries/${entry.id}`,
          { intent: "autosave", version: String(current.version), [scoreField(firstItem.code)]: String(i / 2) },
          cookieAt(0),
        ),
        { roundId: fx.roundId, entryId: entry.id },
      ),
    ),
  );
  const winners = results.map((r, i) => ({ r, i })).filter(({ r }) => r.status === 200);
  expect(winners).toHaveLength(1);
  expect(results.filter((r) => r.status === 409)).toHaveLength(7);
  const stored = await prisma.scoreSheet.findUniqueOrThrow({ where: { id: current.id } });
  expect(stored.version).toBe(current.version + 1);
  expect((stored.scores as Record<string, number>)[firstItem.code]).toBe(firstRow(winners, "winners").i / 2);
});
