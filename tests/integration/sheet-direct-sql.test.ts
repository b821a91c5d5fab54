// The judge's autosave goes straight to the driver (issue #9, decision 016): the session lookup,
// the save's checks, the rubric items (kept in memory per rubric and its updatedAt) and the
// guarded UPDATE. The statement itself must refuse what the checks before it refuse (a stale
// version, a submitted sheet, a closed round), a save never touches another judge's sheet, an
// edit of the rubric in place is seen by the next save, and what the direct reads return (dates
// included) is what Prisma reads — on SQLite and on PostgreSQL.
import { beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { authFor, makeJudgingRound, type JudgingFixture } from "../support/judging-fixture";
import { cookieFor } from "../support/route-calls";
import { getAuth } from "~/modules/auth/auth.server";
import { currentRubric, saveRubric } from "~/modules/judging/rubric.server";
import { saveSheet } from "~/modules/judging/sheets.server";
import { loadDraftContext, updateDraftSheet } from "~/modules/judging/sheet-sql.server";
import { firstRow, itemAt } from "~/utils/arrays";
import { directRows, prisma, queryDirect, sqlDate } from "~/utils/db.server";

let fx: JudgingFixture;
const meta = { ip: null, userAgent: null };

beforeAll(async () => {
  await seed(prisma, { demo: true });
  fx = await makeJudgingRound({ groups: ["B", "B"], judges: 2 });
});

const entryAt = (i: number) => itemAt(fx.entries, i, "the round's entries");
const judgeAt = (i: number) => itemAt(fx.judges, i, "the round's judges");

const save = (userId: string, entryId: string, version: number, scores: Record<string, unknown> = { "1.1": "3" }) =>
  saveSheet({ user: { id: userId } } as never, fx.roundId, entryId, { intent: "autosave", version, scores }, meta);

const sheetOf = (entryId: string, memberId: string) =>
  prisma.scoreSheet.findUniqueOrThrow({
    where: { entryId_juryMemberId_pass: { entryId, juryMemberId: memberId, pass: 1 } },
    select: { id: true, version: true, status: true, scores: true, comment: true, updatedAt: true },
  });

describe("the guarded UPDATE sent straight to the driver", () => {
  test("writes only the DRAFT at the named version of a round still judging, and nothing else", async () => {
    const judge = judgeAt(0);
    const entry = entryAt(0);
    await save(judge.userId, entry.id, 0); // creates version 1
    const sheet = await sheetOf(entry.id, judge.memberId);
    const write = (version: number, currentPass = 1) =>
      updateDraftSheet({
        sheetId: sheet.id,
        version,
        currentPass,
        scores: { "1.1": 4 },
        notes: {},
        comment: `lần ${version}`,
        writer: { page: "page-a", seq: version },
        now: new Date(),
      });

    expect(await write(0)).toBe(0); // stale version
    expect(await write(1, 2)).toBe(0); // another pass
    expect(await sheetOf(entry.id, judge.memberId)).toMatchObject({ version: 1, scores: { "1.1": 3 } });

    const before = Date.now();
    expect(await write(1)).toBe(1);
    const written = await sheetOf(entry.id, judge.memberId);
    expect(written).toMatchObject({ version: 2, status: "DRAFT", scores: { "1.1": 4 }, comment: "lần 1" });
    // The time is written as Prisma writes it: read back through Prisma, it is the same instant.
    expect(Math.abs(written.updatedAt.getTime() - before)).toBeLessThan(60_000);
    expect(await write(1)).toBe(0); // the same version twice: the second is refused

    await prisma.round.update({ where: { id: fx.roundId }, data: { status: "RESULTS" } });
    expect(await write(2)).toBe(0);
    await prisma.round.update({
      where: { id: fx.roundId },
      data: { status: "JUDGING", resultsFinalisedAt: new Date() },
    });
    expect(await write(2)).toBe(0);
    await prisma.round.update({ where: { id: fx.roundId }, data: { resultsFinalisedAt: null } });

    await prisma.scoreSheet.update({ where: { id: sheet.id }, data: { status: "SUBMITTED" } });
    expect(await write(2)).toBe(0);
    expect(await sheetOf(entry.id, judge.memberId)).toMatchObject({ version: 2, status: "SUBMITTED" });
    await prisma.scoreSheet.delete({ where: { id: sheet.id } });
  });

  test("a judge's save never reaches another judge's sheet of the same entry", async () => {
    const a = judgeAt(0);
    const b = judgeAt(1);
    const entry = entryAt(1);
    await save(a.userId, entry.id, 0, { "1.1": "2" });
    await save(a.userId, entry.id, 1, { "1.1": "2.5" });
    const theirs = await sheetOf(entry.id, a.memberId);
    expect(theirs.version).toBe(2);

    // Judge B names A's version: B has no sheet yet, so this is B's first save (version 0 expected).
    await expect(save(b.userId, entry.id, 2, { "1.1": "5" })).rejects.toMatchObject({
      status: 409,
      messageKey: "sheets.conflict",
    });
    const mine = await save(b.userId, entry.id, 0, { "1.1": "1" });
    expect(mine.version).toBe(1);
    await save(b.userId, entry.id, 1, { "1.1": "1.5" });
    expect(await sheetOf(entry.id, a.memberId)).toMatchObject({ version: 2, scores: { "1.1": 2.5 } });
    expect(await sheetOf(entry.id, b.memberId)).toMatchObject({ version: 2, scores: { "1.1": 1.5 } });
    // What the context read found for B is B's own sheet.
    const ctx = await loadDraftContext(b.userId, fx.roundId, entry.id);
    expect(ctx?.sheet?.id).toBe((await sheetOf(entry.id, b.memberId)).id);
    expect(ctx?.member.id).toBe(b.memberId);
  });
});

describe("the rubric's items kept in memory", () => {
  test("an edit of the rubric in place is seen by the next save", async () => {
    const judge = judgeAt(1);
    const entry = entryAt(0);
    const rubric = (await currentRubric(prisma, fx.roundId))!;
    // Two items of one criterion and group with different maxima: their maxima are swapped.
    const items = rubric.items.map((i) => ({
      id: i.id,
      criterion: i.criterion,
      group: i.group,
      title: i.title,
      max: i.max,
    }));
    const pair = firstRow(
      items.flatMap((x, i) =>
        items
          .slice(i + 1)
          .filter((y) => y.criterion === x.criterion && y.group === x.group && y.max !== x.max)
          .map((y) => [x, y] as const),
      ),
      "two items of one criterion and group with different maxima",
    );
    const [big, small] = pair[0].max > pair[1].max ? pair : [pair[1], pair[0]];
    const code = rubric.items.find((i) => i.id === big.id)!.code;

    // The old maximum is accepted (and the items are now in memory).
    const first = await save(judge.userId, entry.id, 0, { [code]: String(big.max) });
    const second = await save(judge.userId, entry.id, first.version, { [code]: String(big.max) });
    expect(second.version).toBe(2);

    const organiser = await authFor(fx.organiserEmail);
    const edited = items.map((i) =>
      i.id === big.id ? { ...i, max: small.max } : i.id === small.id ? { ...i, max: big.max } : i,
    );
    await saveRubric(organiser, fx.roundId, { items: edited }, meta);
    const version = (await sheetOf(entry.id, judge.memberId)).version; // an edit moves every draft's version on
    expect(version).toBeGreaterThan(2);
    await expect(save(judge.userId, entry.id, version, { [code]: String(big.max) })).rejects.toMatchObject({
      status: 400,
    });
    const ok = await save(judge.userId, entry.id, version, { [code]: String(small.max) });
    expect(ok.version).toBe(version + 1);
  });
});

describe("direct reads return what Prisma reads", () => {
  test("the session and its user, dates included; an expired session is refused", async () => {
    const judge = judgeAt(0);
    const cookie = await cookieFor(judge.email);
    const auth = (await getAuth(new Request("http://localhost/", { headers: { Cookie: cookie } })))!;
    expect(auth.user.id).toBe(judge.userId);
    const stored = await prisma.session.findUniqueOrThrow({ where: { id: auth.session.id } });
    expect(auth.session.expiresAt.getTime()).toBe(stored.expiresAt.getTime());
    expect(auth.session.createdAt.getTime()).toBe(stored.createdAt.getTime());
    const user = await prisma.user.findUniqueOrThrow({ where: { id: judge.userId } });
    expect(auth.user.emailVerifiedAt?.getTime()).toBe(user.emailVerifiedAt?.getTime());
    expect(auth.user.disabledAt).toBeNull();

    await prisma.session.update({ where: { id: auth.session.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getAuth(new Request("http://localhost/", { headers: { Cookie: cookie } }))).toBeNull();
  });

  test("a judge's roles and sheet context come back typed as Prisma types them", async () => {
    const organiser = await authFor(fx.organiserEmail);
    const roles = await prisma.roleAssignment.findMany({
      where: { userId: organiser.user.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, role: true, level: true, regionId: true, provinceId: true },
    });
    expect(
      organiser.roles.map(({ id, role, level, regionId, provinceId }) => ({ id, role, level, regionId, provinceId })),
    ).toEqual(roles);
    const ctx = await loadDraftContext(judgeAt(0).userId, fx.roundId, entryAt(0).id);
    expect(ctx).toMatchObject({
      member: { id: judgeAt(0).memberId, isJudge: true },
      round: { id: fx.roundId, currentPass: 1, status: "JUDGING", resultsFinalisedAt: null },
      entry: { id: entryAt(0).id, group: "B", entryCode: entryAt(0).code, conflictDeclared: false },
    });
  });

  test("placeholders, null and repeated parameters; a transaction client has no direct path", async () => {
    const rows = await directRows(
      `SELECT "id" FROM "Round" WHERE "id" = $1 AND (CAST($2 AS TEXT) IS NULL OR "id" = $1)`,
      [fx.roundId, null],
    );
    expect(rows.map((r) => String(r[0]))).toEqual([fx.roundId]);
    await prisma.$transaction(async (tx) => {
      expect(await queryDirect("SELECT 1", tx)).toBeNull();
    });
  });

  test("dates in every form a direct read meets", () => {
    const at = new Date("2026-12-06T08:52:56.897Z");
    expect(sqlDate(at)).toBe(at);
    expect(sqlDate("2026-12-06T08:52:56.897+00:00")?.getTime()).toBe(at.getTime());
    expect(sqlDate("2026-12-06T15:52:56.897+07:00")?.getTime()).toBe(at.getTime());
    expect(sqlDate("2026-12-06 08:52:56.897")?.getTime()).toBe(at.getTime()); // SQLite's CURRENT_TIMESTAMP: UTC
    expect(sqlDate(BigInt(at.getTime()))?.getTime()).toBe(at.getTime());
    expect(sqlDate(null)).toBeNull();
  });
});
