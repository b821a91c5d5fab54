// Requests that run while another request's interactive transaction is open (docs/decisions/041).
// On SQLite the app has one connection: a statement of another request must never run inside
// someone else's open transaction — it would be rolled back with it (an acknowledged save lost),
// or read what that transaction has not committed. The same tests run on PostgreSQL, where every
// transaction has its own connection from the pool.
import { beforeAll, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { makeJudgingRound, type JudgingFixture } from "../support/judging-fixture";
import { call, cookieFor, get, post } from "../support/route-calls";
import { currentRubric } from "~/modules/judging/rubric.server";
import { sheetItems } from "~/modules/judging/sheet-rules";
import { scoreField } from "~/modules/judging/sheet-schemas";
import * as sheetRoute from "~/routes/judge_.rounds.$roundId_.entries.$entryId";
import { firstRow, itemAt } from "~/utils/arrays";
import { prisma } from "~/utils/db.server";

let fx: JudgingFixture;
let cookie: string;
let item: { code: string; max: number };

beforeAll(async () => {
  await seed(prisma, { demo: true });
  fx = await makeJudgingRound({ groups: ["B", "B"], judges: 1 });
  cookie = await cookieFor(judgeAt(0).email);
  const first = firstRow(sheetItems((await currentRubric(prisma, fx.roundId))!.items, "B"), "the sheet's items");
  item = { code: first.code, max: first.max };
});

const entryAt = (i: number) => itemAt(fx.entries, i, "the round's entries");
const judgeAt = (i: number) => itemAt(fx.judges, i, "the round's judges");

class Abandoned extends Error {}

/**
 * Opens an interactive transaction that writes `write`, then waits until `whileOpen` has settled
 * (or has had ample time to: on SQLite, after the fix, it can only finish once the transaction has
 * ended), then throws so that the transaction rolls back. Returns what `whileOpen` produced.
 */
async function duringAbandonedTransaction<T>(
  write: (tx: Parameters<Parameters<typeof prisma.$transaction>[0]>[0]) => Promise<unknown>,
  whileOpen: () => Promise<T>,
): Promise<T> {
  let other: Promise<T> | undefined;
  const outcome = prisma.$transaction(
    async (tx) => {
      await write(tx);
      other = whileOpen();
      // Not a timing assertion: the other request is given a generous chance to run while the
      // transaction is open; whether it finished or is still waiting, the transaction then fails.
      await Promise.race([other.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 3_000))]);
      throw new Abandoned();
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
  await expect(outcome).rejects.toBeInstanceOf(Abandoned);
  return await other!;
}

async function autosave(entryIndex: number, value: string) {
  const entry = entryAt(entryIndex);
  const version =
    (
      await prisma.scoreSheet.findUnique({
        where: { entryId_juryMemberId_pass: { entryId: entry.id, juryMemberId: judgeAt(0).memberId, pass: 1 } },
      })
    )?.version ?? 0;
  return call(
    sheetRoute.action,
    post(
      `/judge/rounds/${fx.roundId}/entries/${entry.id}`,
      { intent: "autosave", version: String(version), [scoreField(item.code)]: value },
      cookie,
    ),
    { roundId: fx.roundId, entryId: entry.id },
  );
}

const storedScore = async (entryIndex: number) => {
  const sheet = await prisma.scoreSheet.findUniqueOrThrow({
    where: {
      entryId_juryMemberId_pass: { entryId: entryAt(entryIndex).id, juryMemberId: judgeAt(0).memberId, pass: 1 },
    },
  });
  return (sheet.scores as Record<string, number>)[item.code];
};

test("a judge's autosave acknowledged while another request's transaction is open survives that transaction's rollback", async () => {
  const value = String(item.max / 2);
  const res = await duringAbandonedTransaction(
    (tx) => tx.entry.update({ where: { id: entryAt(1).id }, data: { updatedAt: new Date() } }),
    () => autosave(0, value),
  );
  expect(res.status).toBe(200);
  expect((res.data as { saved: { version: number } | null }).saved).not.toBeNull();
  // Acknowledged, so stored: the other transaction's rollback did not take it along.
  expect(await storedScore(0)).toBe(Number(value));
});

test("a page read while another request's transaction is open does not see that transaction's uncommitted write", async () => {
  const entry = entryAt(1);
  const where = { entryId_juryMemberId_pass: { entryId: entry.id, juryMemberId: judgeAt(0).memberId, pass: 1 } };
  expect((await autosave(1, "1")).status).toBe(200);
  await prisma.scoreSheet.update({ where, data: { comment: "Committed comment" } });
  const seen = await duringAbandonedTransaction(
    (tx) => tx.scoreSheet.update({ where, data: { comment: "Never committed" } }),
    async () => {
      // The judge's sheet page shows the sheet's comment.
      const res = await call(sheetRoute.loader, get(`/judge/rounds/${fx.roundId}/entries/${entry.id}`, cookie), {
        roundId: fx.roundId,
        entryId: entry.id,
      });
      expect(res.status).toBe(200);
      return JSON.stringify(res.data);
    },
  );
  expect(seen).not.toContain("Never committed");
  expect(seen).toContain("Committed comment");
  expect((await prisma.scoreSheet.findUniqueOrThrow({ where })).comment).toBe("Committed comment");
});
