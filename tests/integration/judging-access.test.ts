// Which entries a judge reaches (app/modules/judging/access.server.ts): panels by group,
// organisers' per-entry overrides, declared conflicts, the home-province rule at regional level,
// the second scoring pass, and the 404/403/409 answers for one entry.
import { beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { makeJudgingRound, type JudgingFixture } from "../support/judging-fixture";
import {
  assignedEntriesWhere,
  isEntryAssigned,
  requireJudgeEntry,
  requireJuryMember,
  requireSecretaryOrOrganiser,
} from "~/modules/judging/access.server";
import { saveSheet } from "~/modules/judging/sheets.server";
import { loadDraftContext } from "~/modules/judging/sheet-sql.server";
import { itemAt } from "~/utils/arrays";
import { prisma } from "~/utils/db.server";

let fx: JudgingFixture;
const judgeAt = (i: number) => itemAt(fx.judges, i, "the round's judges");

async function queue(memberId: string) {
  const member = await prisma.juryMember.findUniqueOrThrow({
    where: { id: memberId },
    include: { panel: { include: { groups: true } }, round: { include: { groups: true } } },
  });
  const entries = await prisma.entry.findMany({
    where: assignedEntriesWhere(member, member.round),
    select: { entryCode: true },
    orderBy: { entryCode: "asc" },
  });
  const codes = entries.map((e) => e.entryCode);
  await expectSameRuleInMemory(member.userId, member.roundId, codes);
  return codes;
}

/**
 * The autosave path decides assignment from facts read in one raw statement (loadDraftContext +
 * isEntryAssigned); for every entry it must agree with the where clause above, in every state
 * these tests put the round in (panels, overrides, conflicts, home province, second pass).
 */
async function expectSameRuleInMemory(userId: string, roundId: string, queued: Array<string | null>) {
  for (const e of fx.entries) {
    const ctx = await loadDraftContext(userId, roundId, e.id);
    const inMemory =
      !!ctx?.entry &&
      isEntryAssigned(ctx.member, ctx.round, { ...ctx.entry, roundId: ctx.round.id, status: "ACCEPTED" });
    expect({ entry: e.code, assigned: inMemory }).toEqual({ entry: e.code, assigned: queued.includes(e.code) });
  }
}

const codes = (groups: string[]) =>
  fx.entries
    .filter((e) => groups.includes(e.group))
    .map((e) => e.code)
    .sort();

beforeAll(async () => {
  await seed(prisma, { demo: true });
  fx = await makeJudgingRound({
    groups: ["B", "B", "A", "C"],
    judges: 3,
    panels: [
      { name: "Tiểu ban B", groups: ["B"] },
      { name: "Tiểu ban A, C", groups: ["A", "C"] },
    ],
  });
});

describe("a judge's queue", () => {
  test("is every accepted entry of the panel's groups", async () => {
    // judges 1 and 3 are in panel B, judge 2 in panel A,C
    expect(await queue(judgeAt(0).memberId)).toEqual(codes(["B"]));
    expect(await queue(judgeAt(1).memberId)).toEqual(codes(["A", "C"]));
  });

  test("covers every group when the judge has no panel, and nothing when they are not a judge", async () => {
    await prisma.juryMember.update({ where: { id: judgeAt(2).memberId }, data: { panelId: null } });
    expect(await queue(judgeAt(2).memberId)).toEqual(codes(["A", "B", "C"]));
    await prisma.juryMember.update({ where: { id: judgeAt(2).memberId }, data: { isJudge: false } });
    expect(await queue(judgeAt(2).memberId)).toEqual([]);
    await prisma.juryMember.update({
      where: { id: judgeAt(2).memberId },
      data: { isJudge: true, panelId: itemAt(fx.panels, 0, "the round's panels").id },
    });
  });

  test("follows the organiser's overrides both ways", async () => {
    const a = fx.entries.find((e) => e.group === "A")!;
    const b = fx.entries.find((e) => e.group === "B")!;
    const judge = judgeAt(0);
    await prisma.assignmentOverride.create({
      data: {
        roundId: fx.roundId,
        entryId: a.id,
        juryMemberId: judge.memberId,
        include: true,
        createdById: judge.userId,
      },
    });
    await prisma.assignmentOverride.create({
      data: {
        roundId: fx.roundId,
        entryId: b.id,
        juryMemberId: judge.memberId,
        include: false,
        createdById: judge.userId,
      },
    });
    expect(await queue(judge.memberId)).toEqual([...codes(["B"]).filter((c) => c !== b.code), a.code].sort());
    await prisma.assignmentOverride.deleteMany({ where: { juryMemberId: judge.memberId } });
    expect(await queue(judge.memberId)).toEqual(codes(["B"]));
  });

  test("never holds an entry of an establishment the judge is conflicted with", async () => {
    const b = fx.entries.find((e) => e.group === "B")!;
    const judge = judgeAt(0);
    const conflict = await prisma.conflict.create({
      data: {
        roundId: fx.roundId,
        juryMemberId: judge.memberId,
        establishmentId: b.establishmentId,
        source: "DECLARED",
        createdById: judge.userId,
      },
    });
    // not even when an organiser includes it explicitly
    await prisma.assignmentOverride.create({
      data: {
        roundId: fx.roundId,
        entryId: b.id,
        juryMemberId: judge.memberId,
        include: true,
        createdById: judge.userId,
      },
    });
    expect(await queue(judge.memberId)).not.toContain(b.code);
    await expect(requireJudgeEntry({ user: { id: judge.userId } } as never, fx.roundId, b.id)).rejects.toMatchObject({
      status: 403,
    });
    await prisma.conflict.delete({ where: { id: conflict.id } });
    await prisma.assignmentOverride.deleteMany({ where: { juryMemberId: judge.memberId } });
    expect(await queue(judge.memberId)).toContain(b.code);
  });

  test("at regional level excludes the judge's home province by default", async () => {
    const judge = judgeAt(0);
    const bn = await prisma.province.findUniqueOrThrow({ where: { code: "BN" } });
    const hn = await prisma.province.findUniqueOrThrow({ where: { code: "HN" } });
    await prisma.juryMember.update({ where: { id: judge.memberId }, data: { provinceId: bn.id } });
    // a provincial round: no such rule
    expect(await queue(judge.memberId)).toEqual(codes(["B"]));
    await prisma.round.update({
      where: { id: fx.roundId },
      data: { level: "REGION", provinceId: null, regionId: bn.regionId },
    });
    expect(await queue(judge.memberId)).toEqual([]);
    await prisma.juryMember.update({ where: { id: judge.memberId }, data: { provinceId: hn.id } });
    expect(await queue(judge.memberId)).toEqual(codes(["B"]));
    await prisma.juryMember.update({ where: { id: judge.memberId }, data: { provinceId: null } });
    await prisma.round.update({
      where: { id: fx.roundId },
      data: { level: "PROVINCE", provinceId: bn.id, regionId: null },
    });
  });

  test("in a second pass holds only the entries selected for it", async () => {
    const groupB = fx.entries.filter((e) => e.group === "B");
    const [first, second] = [itemAt(groupB, 0, "group B's entries"), itemAt(groupB, 1, "group B's entries")];
    await prisma.round.update({ where: { id: fx.roundId }, data: { scoringPasses: 2, currentPass: 2 } });
    await prisma.entryOutcome.create({ data: { roundId: fx.roundId, entryId: first.id, secondPass: true } });
    await prisma.entryOutcome.create({ data: { roundId: fx.roundId, entryId: second.id, secondPass: false } });
    expect(await queue(judgeAt(0).memberId)).toEqual([first.code]);
    await prisma.entryOutcome.deleteMany({ where: { roundId: fx.roundId } });
    await prisma.round.update({ where: { id: fx.roundId }, data: { scoringPasses: 1, currentPass: 1 } });
  });
});

describe("opening one entry", () => {
  test("answers 404 for an entry of another round or unknown, 403 to a non-member", async () => {
    const judge = { user: { id: judgeAt(0).userId } } as never;
    const other = await makeJudgingRound({ groups: ["B"], judges: 1 });
    await expect(
      requireJudgeEntry(judge, fx.roundId, itemAt(other.entries, 0, "the other round's entries").id),
    ).rejects.toMatchObject({ status: 404 });
    await expect(requireJudgeEntry(judge, fx.roundId, "nosuchentry0000000000")).rejects.toMatchObject({ status: 404 });
    await expect(requireJuryMember(judge, other.roundId)).rejects.toMatchObject({ status: 403 });
    await expect(requireJuryMember(judge, "nosuchround000000000")).rejects.toMatchObject({ status: 404 });
  });

  test("needs the declaration first (409), then works for an assigned entry", async () => {
    const judge = judgeAt(0);
    const b = fx.entries.find((e) => e.group === "B")!;
    await prisma.juryMember.update({ where: { id: judge.memberId }, data: { declaredAt: null } });
    await expect(requireJudgeEntry({ user: { id: judge.userId } } as never, fx.roundId, b.id)).rejects.toMatchObject({
      status: 409,
    });
    await prisma.juryMember.update({ where: { id: judge.memberId }, data: { declaredAt: new Date() } });
    const { member } = await requireJudgeEntry({ user: { id: judge.userId } } as never, fx.roundId, b.id);
    expect(member.id).toBe(judge.memberId);
    // an entry of a group outside the judge's panel
    const a = fx.entries.find((e) => e.group === "A")!;
    await expect(requireJudgeEntry({ user: { id: judge.userId } } as never, fx.roundId, a.id)).rejects.toMatchObject({
      status: 403,
    });
  });
});

describe("a draft save (the autosave path, raw statements) answers as opening the entry does", () => {
  const save = (userId: string, entryId: string, version: number, roundId = fx.roundId) =>
    saveSheet(
      { user: { id: userId } } as never,
      roundId,
      entryId,
      { intent: "autosave", version, scores: { "1.1": "3" } },
      { ip: null, userAgent: null },
    );

  test("404/403/409 like requireJudgeEntry, then the version, lock and conflict rules on an existing sheet", async () => {
    const judge = judgeAt(0);
    const b = fx.entries.find((e) => e.group === "B")!;
    const a = fx.entries.find((e) => e.group === "A")!;
    const other = await makeJudgingRound({ groups: ["B"], judges: 1 });
    const first = await save(judge.userId, b.id, 0); // creates the sheet (general path)
    expect(first.version).toBe(1);
    const second = await save(judge.userId, b.id, 1); // updates it (raw path)
    expect(second).toMatchObject({ version: 2, status: "DRAFT" });
    const stored = await prisma.scoreSheet.findFirstOrThrow({
      where: { entryId: b.id, juryMemberId: judge.memberId },
      select: { version: true, scores: true, updatedAt: true },
    });
    expect(stored.version).toBe(2);
    expect(stored.scores).toEqual({ "1.1": 3 });
    expect(Math.abs(stored.updatedAt.getTime() - second.savedAt.getTime())).toBeLessThan(1000);

    await expect(save(judge.userId, b.id, 1)).rejects.toMatchObject({
      status: 409,
      messageKey: "sheets.conflict",
      params: { version: 2 },
    });
    await expect(save(judge.userId, itemAt(other.entries, 0, "the other round's entries").id, 2)).rejects.toMatchObject(
      { status: 404 },
    );
    await expect(save(judge.userId, b.id, 2, other.roundId)).rejects.toMatchObject({ status: 403 });
    await expect(save(judge.userId, b.id, 2, "nosuchround000000000")).rejects.toMatchObject({ status: 404 });
    await expect(save(judge.userId, a.id, 0)).rejects.toMatchObject({ status: 403 });

    // a conflict declared after the sheet was started: no more saves
    const conflict = await prisma.conflict.create({
      data: {
        roundId: fx.roundId,
        juryMemberId: judge.memberId,
        establishmentId: b.establishmentId,
        source: "ORGANISER",
        createdById: judge.userId,
      },
    });
    await expect(save(judge.userId, b.id, 2)).rejects.toMatchObject({ status: 403 });
    await prisma.conflict.delete({ where: { id: conflict.id } });

    await prisma.juryMember.update({ where: { id: judge.memberId }, data: { declaredAt: null } });
    await expect(save(judge.userId, b.id, 2)).rejects.toMatchObject({
      status: 409,
      messageKey: "jury.declaration.required",
    });
    await prisma.juryMember.update({ where: { id: judge.memberId }, data: { declaredAt: new Date(), isJudge: false } });
    await expect(save(judge.userId, b.id, 2)).rejects.toMatchObject({ status: 403 });
    await prisma.juryMember.update({ where: { id: judge.memberId }, data: { isJudge: true } });

    // judging closed, then finalised: the round's lock
    await prisma.round.update({ where: { id: fx.roundId }, data: { status: "RESULTS" } });
    await expect(save(judge.userId, b.id, 2)).rejects.toMatchObject({ status: 409, messageKey: "sheets.lock.ended" });
    await prisma.round.update({
      where: { id: fx.roundId },
      data: { status: "JUDGING", resultsFinalisedAt: new Date() },
    });
    await expect(save(judge.userId, b.id, 2)).rejects.toMatchObject({
      status: 409,
      messageKey: "sheets.lock.finalised",
    });
    await prisma.round.update({ where: { id: fx.roundId }, data: { resultsFinalisedAt: null } });

    // a submitted sheet is not a draft any more
    await prisma.scoreSheet.updateMany({
      where: { entryId: b.id, juryMemberId: judge.memberId },
      data: { status: "SUBMITTED" },
    });
    await expect(save(judge.userId, b.id, 2)).rejects.toMatchObject({
      status: 409,
      messageKey: "sheets.lock.submitted",
    });
    await prisma.scoreSheet.deleteMany({ where: { entryId: b.id, juryMemberId: judge.memberId } });
  });
});

describe("secretary or organiser", () => {
  test("the round's organiser and the council secretary pass, a plain judge does not", async () => {
    const organiser = await prisma.user.findUniqueOrThrow({ where: { email: fx.organiserEmail } });
    const roles = await prisma.roleAssignment.findMany({ where: { userId: organiser.id } });
    const asOrganiser = await requireSecretaryOrOrganiser({ user: { id: organiser.id }, roles } as never, fx.roundId);
    expect(asOrganiser.asOrganiser).toBe(true);
    const judge = judgeAt(1);
    await expect(
      requireSecretaryOrOrganiser({ user: { id: judge.userId }, roles: [] } as never, fx.roundId),
    ).rejects.toMatchObject({ status: 403 });
    await prisma.juryMember.update({ where: { id: judge.memberId }, data: { councilRole: "SECRETARY" } });
    const asSecretary = await requireSecretaryOrOrganiser(
      { user: { id: judge.userId }, roles: [] } as never,
      fx.roundId,
    );
    expect(asSecretary).toMatchObject({ asOrganiser: false, member: { id: judge.memberId } });
  });
});
