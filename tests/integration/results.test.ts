// The results of a round through the real routes (issue #4): means and ranks from SUBMITTED
// sheets, a conflict recorded after submission, the spread rule, the council's vote, finalisation
// and what it freezes, the second scoring pass, exports, and who may do what.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import {
  authFor,
  makeJudgingRound,
  type FixtureEntry,
  type FixtureJudge,
  type JudgingFixture,
} from "../support/judging-fixture";
import { exportJobIdOf, finishedExport, organiserExportThreshold } from "../support/export-job";
import { call, cookieFor, get, post } from "../support/route-calls";
import { subCriteriaFor } from "~/modules/judging/rubric";
import { currentRubric } from "~/modules/judging/rubric.server";
import type { ResultRow, ResultsTable } from "~/modules/judging/results";
import { transitionRound } from "~/modules/rounds/rounds.server";
import * as resultsRoute from "~/routes/admin.rounds_.$roundId_.results/route";
import * as exportRoute from "~/routes/admin.rounds_.$roundId_.results_.export";
import * as downloadRoute from "~/routes/exports.$jobId_.download";
import { firstRow, itemAt } from "~/utils/arrays";
import { prisma } from "~/utils/db.server";

const meta = { ip: "127.0.0.1" };

/** Scores keyed by the default rubric's codes for the group, adding up to `total` (filled in rubric order). */
async function scoresFor(roundId: string, group: string, total: number) {
  const rubric = (await currentRubric(prisma, roundId))!;
  const scores: Record<string, number> = {};
  let left = total;
  for (const sub of subCriteriaFor(rubric.items, group)) {
    const v = Math.min(sub.max, left);
    scores[sub.id] = v;
    left -= v;
  }
  expect(left).toBe(0);
  return { rubricId: rubric.id, scores };
}

async function submitSheet(fx: JudgingFixture, entry: FixtureEntry, judge: FixtureJudge, total: number, pass = 1) {
  const { rubricId, scores } = await scoresFor(fx.roundId, entry.group, total);
  return prisma.scoreSheet.create({
    data: {
      roundId: fx.roundId,
      entryId: entry.id,
      juryMemberId: judge.memberId,
      pass,
      rubricId,
      status: "SUBMITTED",
      scores,
      submittedAt: new Date(),
    },
  });
}

const entryOf = (f: JudgingFixture, i: number) => itemAt(f.entries, i, "the round's entries");
const judgeOf = (f: JudgingFixture, i: number) => itemAt(f.judges, i, "the round's judges");

type LoaderData = Awaited<ReturnType<typeof resultsRoute.loader>>;
const page = (fx: JudgingFixture, cookie: string, search = "") =>
  call(resultsRoute.loader, get(`/admin/rounds/${fx.roundId}/results${search}`, cookie), { roundId: fx.roundId });
const act = (fx: JudgingFixture, cookie: string, fields: Record<string, string>) =>
  call(resultsRoute.action, post(`/admin/rounds/${fx.roundId}/results`, fields, cookie), { roundId: fx.roundId });
const rowsOf = (table: ResultsTable, group: string): ResultRow[] => table.groups.find((g) => g.group === group)!.rows;
const vote = (entryId: string, extra: Record<string, string> = {}) => ({
  intent: "vote",
  entryId,
  votesFor: "5",
  votesAgainst: "1",
  votesAbstain: "0",
  membersPresent: "6",
  membersTotal: "7",
  chairPresent: "on",
  recognised: "yes",
  ...extra,
});

let organiser: string;
let fx: JudgingFixture;
let b1: FixtureEntry, b2: FixtureEntry, b3: FixtureEntry, a1: FixtureEntry;
let secretary: string;

beforeAll(async () => {
  await seed(prisma, { demo: true });
  organiser = await cookieFor("organiser.bacninh@tieubieu.test");
  fx = await makeJudgingRound({ groups: ["B", "B", "B", "A"], judges: 3 });
  [b1, b2, b3, a1] = [entryOf(fx, 0), entryOf(fx, 1), entryOf(fx, 2), entryOf(fx, 3)];
  await prisma.round.update({ where: { id: fx.roundId }, data: { spreadLimit: 10 } });
  await prisma.juryMember.update({ where: { id: judgeOf(fx, 0).memberId }, data: { councilRole: "CHAIR" } });
  await prisma.juryMember.update({ where: { id: judgeOf(fx, 1).memberId }, data: { councilRole: "SECRETARY" } });
  secretary = await cookieFor(judgeOf(fx, 1).email);
  const [j1, j2, j3] = [judgeOf(fx, 0), judgeOf(fx, 1), judgeOf(fx, 2)];
  for (const [entry, totals] of [
    [b1, [80, 76, 84]],
    [b2, [60, 64, 62]],
    [b3, [90, 70, 88]],
    [a1, [75, 73, 77]],
  ] as const) {
    await submitSheet(fx, entry, j1, totals[0]);
    await submitSheet(fx, entry, j2, totals[1]);
    await submitSheet(fx, entry, j3, totals[2]);
  }
  // a draft never counts
  await prisma.scoreSheet.updateMany({
    where: { entryId: b2.id, juryMemberId: j3.memberId },
    data: { status: "DRAFT" },
  });
});

describe("the results page", () => {
  test("shows means, sheets, ranks and the spread flag while judging (provisional)", async () => {
    const res = await page(fx, organiser);
    expect(res.status).toBe(200);
    const { table, round, can } = res.data as LoaderData;
    expect(round.status).toBe("JUDGING");
    expect(can.finalise).toBe(false);
    const b = rowsOf(table, "B");
    expect(b.map((r) => [r.code, r.rank, r.mean, r.sheets, r.assigned, r.missing, r.passed])).toEqual([
      [b3.code, 1, 82.67, 3, 3, 0, true],
      [b1.code, 2, 80, 3, 3, 0, true],
      [b2.code, 3, 62, 2, 3, 1, false],
    ]);
    expect(b[0]).toMatchObject({ min: 70, max: 90, spread: 20, spreadFlag: true });
    expect(itemAt(b, 1, "group B rows").spreadFlag).toBe(false);
    expect(itemAt(b, 0, "group B rows").establishmentName).toBe(b3.establishmentName); // results are not blind
    expect(rowsOf(table, "A")[0]).toMatchObject({ code: a1.code, mean: 75, rank: 1 });
    expect(table.judges).toHaveLength(3);
    expect(table.groups.find((g) => g.group === "B")!.agreement.judges).toBe(3);
  });

  test("a conflict recorded after submission removes that judge's sheet from the mean", async () => {
    await prisma.conflict.create({
      data: {
        roundId: fx.roundId,
        juryMemberId: judgeOf(fx, 2).memberId,
        establishmentId: b1.establishmentId,
        source: "ORGANISER",
        createdById: judgeOf(fx, 0).userId,
      },
    });
    const { table } = (await page(fx, organiser)).data as LoaderData;
    expect(rowsOf(table, "B").find((r) => r.entryId === b1.id)).toMatchObject({
      mean: 78,
      sheets: 2,
      assigned: 2,
      min: 76,
      max: 80,
    });
  });

  test("answers 403 to another jurisdiction's organiser, to a plain judge and, while judging, to the secretary; 404 for an unknown round", async () => {
    expect((await page(fx, await cookieFor("organiser.mienbac@tieubieu.test"))).status).toBe(403);
    expect((await page(fx, await cookieFor(judgeOf(fx, 2).email))).status).toBe(403);
    expect((await page(fx, secretary)).status).toBe(403);
    const unknown = await call(resultsRoute.loader, get(`/admin/rounds/nosuchround000000000/results`, organiser), {
      roundId: "nosuchround000000000",
    });
    expect(unknown.status).toBe(404);
    expect((await page(fx, organiser, "?group=Z")).status).toBe(400);
  });

  test("does not exist before judging (409)", async () => {
    const early = await makeJudgingRound({ groups: ["B"], judges: 1, status: "SCREENING" });
    const res = await page(early, organiser);
    expect(res.status).toBe(409);
    expect(res.data).toMatchObject({ messageKey: "results.notYet" });
  });
});

describe("after judging closes", () => {
  beforeAll(async () => {
    await transitionRound(await authFor(fx.organiserEmail), fx.roundId, "RESULTS", null, meta);
  });

  test("the secretary may now see the results", async () => {
    const res = await page(fx, secretary);
    expect(res.status).toBe(200);
    expect((res.data as LoaderData).can).toMatchObject({
      organiser: false,
      vote: true,
      finalise: false,
      spread: false,
    });
  });

  test("a spread flag blocks finalisation until the organiser records a decision", async () => {
    const refused = await act(fx, organiser, { intent: "finalise" });
    expect(refused.status).toBe(409);
    expect((refused.data as { message: string }).message).toContain(b3.code);
    expect(await prisma.round.count({ where: { id: fx.roundId, resultsFinalisedAt: { not: null } } })).toBe(0);

    const notFlagged = await act(fx, organiser, { intent: "spread", entryId: b1.id, decision: "Giữ nguyên điểm." });
    expect(notFlagged.status).toBe(409);
    const tooShort = await act(fx, organiser, { intent: "spread", entryId: b3.id, decision: "ok" });
    expect(tooShort.status).toBe(400);
    // the secretary records votes, not spread decisions
    expect(
      (await act(fx, secretary, { intent: "spread", entryId: b3.id, decision: "Giữ nguyên điểm các giám khảo." }))
        .status,
    ).toBe(403);

    const done = await act(fx, organiser, {
      intent: "spread",
      entryId: b3.id,
      decision: "Hội đồng thảo luận, giữ nguyên điểm các giám khảo.",
    });
    expect(done.status).toBe(302);
    const outcome = await prisma.entryOutcome.findUniqueOrThrow({ where: { entryId: b3.id } });
    expect(outcome.spreadDecision).toBe("Hội đồng thảo luận, giữ nguyên điểm các giám khảo.");
    expect(await prisma.auditLog.count({ where: { action: "results.spread_decision", entityId: b3.id } })).toBe(1);

    const { problems } = (await page(fx, organiser)).data as LoaderData;
    expect(problems!.unresolvedSpread).toEqual([]);
  });

  test("a vote that does not add up is refused with 400, keeping what was typed", async () => {
    const overPresent = await act(
      fx,
      secretary,
      vote(b1.id, { votesFor: "6", votesAgainst: "1", membersPresent: "6" }),
    );
    expect(overPresent.status).toBe(400);
    const reply = overPresent.data as {
      form: string;
      result: { initialValue: Record<string, unknown>; error: Record<string, string[]> };
    };
    expect(reply.form).toBe(`vote-${b1.id}`);
    expect(reply.result.initialValue.votesFor).toBe("6");
    expect(reply.result.error.votesFor).toEqual(["results.vote.error.votesOverPresent"]);

    const presentOverTotal = await act(fx, secretary, vote(b1.id, { membersPresent: "8", membersTotal: "7" }));
    expect(presentOverTotal.status).toBe(400);
    const negative = await act(fx, secretary, vote(b1.id, { votesAgainst: "-1" }));
    expect(negative.status).toBe(400);
    const noDecision = await act(fx, secretary, { ...vote(b1.id), recognised: "" });
    expect(noDecision.status).toBe(400);
    // b2 did not pass: no vote
    const failed = await act(fx, secretary, vote(b2.id, { recognised: "no" }));
    expect(failed.status).toBe(409);
    expect(await prisma.entryOutcome.count({ where: { roundId: fx.roundId, votedAt: { not: null } } })).toBe(0);
  });

  test("finalisation is refused while a passing entry has no vote, then the secretary votes", async () => {
    const refused = await act(fx, organiser, { intent: "finalise" });
    expect(refused.status).toBe(409);
    const message = (refused.data as { message: string }).message;
    for (const e of [b1, b3, a1]) expect(message).toContain(e.code);
    expect(message).not.toContain(b2.code);

    for (const [e, recognised] of [
      [b1, "yes"],
      [b3, "yes"],
      [a1, "no"],
    ] as const) {
      const res = await act(fx, secretary, vote(e.id, { recognised }));
      expect(res.status).toBe(302);
    }
    // voting again replaces the vote, audited with both
    expect(
      (
        await act(
          fx,
          organiser,
          vote(a1.id, { votesFor: "2", votesAgainst: "4", recognised: "no", note: "Chưa tiêu biểu." }),
        )
      ).status,
    ).toBe(302);
    const a1Outcome = await prisma.entryOutcome.findUniqueOrThrow({ where: { entryId: a1.id } });
    expect(a1Outcome).toMatchObject({
      votesFor: 2,
      votesAgainst: 4,
      recognised: false,
      voteNote: "Chưa tiêu biểu.",
      chairPresent: true,
    });
    const audits = await prisma.auditLog.findMany({
      where: { action: "results.vote", entityId: a1.id },
      orderBy: { createdAt: "asc" },
    });
    expect(audits).toHaveLength(2);
    expect(itemAt(audits, 1, "vote audits").before).toMatchObject({ votesFor: 5, recognised: false });

    const { table } = (await page(fx, organiser)).data as LoaderData;
    expect(firstRow(rowsOf(table, "B"), "group B rows").vote).toMatchObject({
      votesFor: 5,
      membersPresent: 6,
      membersTotal: 7,
      quorum: true,
      majority: true,
      recognised: true,
    });
    expect(table.councilSize).toBe(2);
  });

  test("the secretary cannot finalise (403)", async () => {
    expect((await act(fx, secretary, { intent: "finalise" })).status).toBe(403);
    expect((await act(fx, secretary, { intent: "secondPass" })).status).toBe(403);
  });

  test("the organiser finalises: scores are frozen, and nothing changes afterwards", async () => {
    const done = await act(fx, organiser, { intent: "finalise" });
    expect(done.status).toBe(302);
    const round = await prisma.round.findUniqueOrThrow({ where: { id: fx.roundId } });
    expect(round.resultsFinalisedAt).not.toBeNull();
    const outcomes = await prisma.entryOutcome.findMany({ where: { roundId: fx.roundId } });
    expect(outcomes).toHaveLength(4);
    const b1Outcome = outcomes.find((o) => o.entryId === b1.id)!;
    expect(b1Outcome).toMatchObject({ finalScore: 78, finalSheets: 2, finalRank: 2, finalPassed: true, finalPass: 1 });
    expect(outcomes.find((o) => o.entryId === b2.id)).toMatchObject({
      finalScore: 62,
      finalRank: 3,
      finalPassed: false,
    });
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "results.finalise", entityId: fx.roundId },
    });
    expect((audit.after as { entries: unknown[] }).entries).toHaveLength(4);

    // a sheet changed behind the platform's back does not change the official score
    const { scores } = await scoresFor(fx.roundId, "B", 20);
    await prisma.scoreSheet.updateMany({
      where: { entryId: b1.id, juryMemberId: judgeOf(fx, 0).memberId },
      data: { scores },
    });
    const { table } = (await page(fx, organiser)).data as LoaderData;
    expect(table.official).toBe(true);
    const row = rowsOf(table, "B").find((r) => r.entryId === b1.id)!;
    expect(row).toMatchObject({ mean: 78, rank: 2, passed: true, frozen: true, changedSinceFinal: true });

    expect((await act(fx, organiser, { intent: "finalise" })).status).toBe(409);
    const lateVote = await act(fx, secretary, vote(b1.id));
    expect(lateVote.status).toBe(409);
    expect(JSON.stringify(lateVote.data)).toContain("results.finalised.locked");
    expect((await act(fx, organiser, { intent: "spread", entryId: b3.id, decision: "Quyết định muộn." })).status).toBe(
      409,
    );
    await expect(
      transitionRound(await authFor(fx.organiserEmail), fx.roundId, "JUDGING", "Chấm lại", meta),
    ).rejects.toMatchObject({
      status: 409,
      messageKey: "results.finalised.locked",
    });
  });
});

describe("exports", () => {
  test("Excel has the ranked rows in the page's order, per group and overall", async () => {
    const { table } = (await page(fx, organiser)).data as LoaderData;
    const res = await call(
      exportRoute.loader,
      get(`/admin/rounds/${fx.roundId}/results/export?format=xlsx&group=all`, organiser),
      { roundId: fx.roundId },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="Ket qua binh chon 2026\.xlsx"; filename\*=UTF-8''K%E1%BA%BFt/,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.response!.arrayBuffer());
    const sheet = firstRow(workbook.worksheets, "worksheets");
    expect(sheet.getCell("B1").value).toBe("Mã số");
    const codes = sheet.getColumn(2).values.slice(2).filter(Boolean);
    expect(codes).toEqual(table.groups.flatMap((g) => g.rows.map((r) => r.code)));
    // Rank, sheets and scores are numbers (#12 item 7).
    expect(sheet.getRow(2).getCell(1).value).toBe(1);
    const first = firstRow(
      table.groups.flatMap((g) => g.rows),
      "result rows",
    );
    expect(sheet.getRow(2).getCell(6).value).toBe(first.sheets);
    expect(sheet.getRow(2).getCell(7).type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getRow(2).getCell(7).value).toBe(first.mean);

    const groupB = await call(
      exportRoute.loader,
      get(`/admin/rounds/${fx.roundId}/results/export?format=xlsx&group=B`, organiser),
      { roundId: fx.roundId },
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await groupB.response!.arrayBuffer());
    expect(firstRow(wb.worksheets, "worksheets").getColumn(2).values.slice(2).filter(Boolean)).toEqual(
      rowsOf(table, "B").map((r) => r.code),
    );
  });

  test("CSV and PDF, and bad parameters are a 400", async () => {
    const csv = await call(
      exportRoute.loader,
      get(`/admin/rounds/${fx.roundId}/results/export?format=csv&group=A`, secretary),
      { roundId: fx.roundId },
    );
    expect(csv.status).toBe(200);
    const text = await csv.response!.text();
    expect(text.split("\r\n")[1]).toContain(a1.code);
    const pdf = await call(
      exportRoute.loader,
      get(`/admin/rounds/${fx.roundId}/results/export?format=pdf&group=all`, organiser),
      { roundId: fx.roundId },
    );
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.response!.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    expect(
      (
        await call(exportRoute.loader, get(`/admin/rounds/${fx.roundId}/results/export?format=doc`, organiser), {
          roundId: fx.roundId,
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(exportRoute.loader, get(`/admin/rounds/${fx.roundId}/results/export?group=E`, organiser), {
          roundId: fx.roundId,
        })
      ).status,
    ).toBe(400);
    const outsider = await call(
      exportRoute.loader,
      get(`/admin/rounds/${fx.roundId}/results/export`, await cookieFor("organiser.mienbac@tieubieu.test")),
      { roundId: fx.roundId },
    );
    expect(outsider.status).toBe(403);
    expect(await prisma.auditLog.count({ where: { action: "results.export", entityId: fx.roundId } })).toBe(4);
  });

  test("above the threshold, an export is a job only its asker follows, with the direct download's file", async () => {
    const url = `/admin/rounds/${fx.roundId}/results/export?format=csv&group=all`;
    const direct = await call(exportRoute.loader, get(url, secretary), { roundId: fx.roundId });
    const directCsv = await direct.response!.text();
    expect(directCsv.trim().split("\r\n").length).toBeGreaterThan(2);
    const threshold = organiserExportThreshold(1);
    try {
      const jobId = exportJobIdOf(await call(exportRoute.loader, get(url, secretary), { roundId: fx.roundId }));
      const audited = await prisma.auditLog.findMany({
        where: { action: "results.export", entityId: fx.roundId },
        select: { after: true },
      });
      expect(audited.filter((a) => (a.after as { jobId?: string } | null)?.jobId === jobId)).toHaveLength(1);
      const file = await finishedExport(jobId, secretary);
      expect(file.status).toBe(200);
      expect(file.headers.get("Content-Disposition")).toBe(direct.headers.get("Content-Disposition"));
      expect(await file.response!.text()).toBe(directCsv);
      // The organiser of the round may export the results too, but not follow the secretary's job.
      expect((await call(downloadRoute.loader, get(`/exports/${jobId}/download`, organiser), { jobId })).status).toBe(
        404,
      );

      const pdfJob = exportJobIdOf(
        await call(
          exportRoute.loader,
          get(`/admin/rounds/${fx.roundId}/results/export?format=pdf&group=B`, organiser),
          { roundId: fx.roundId },
        ),
      );
      const pdf = await finishedExport(pdfJob, organiser);
      expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
      expect(
        Buffer.from(await pdf.response!.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe("%PDF-");
      // Someone who may not see these results gets no job either.
      expect(
        (
          await call(exportRoute.loader, get(url, await cookieFor("organiser.mienbac@tieubieu.test")), {
            roundId: fx.roundId,
          })
        ).status,
      ).toBe(403);
    } finally {
      threshold.restore();
    }
  });
});

describe("the second scoring pass", () => {
  test("selects only the entries that passed, and sets pass 2 and judging", async () => {
    const two = await makeJudgingRound({ groups: ["B", "B", "A"], judges: 2 });
    await prisma.round.update({ where: { id: two.roundId }, data: { scoringPasses: 2 } });
    const [p1, p2, p3] = [entryOf(two, 0), entryOf(two, 1), entryOf(two, 2)];
    for (const [e, t] of [
      [p1, 80],
      [p2, 60],
      [p3, 72],
    ] as const) {
      for (const j of two.judges) await submitSheet(two, e, j, t);
    }
    // while judging, the second pass cannot start
    expect((await act(two, organiser, { intent: "secondPass" })).status).toBe(409);
    await transitionRound(await authFor(two.organiserEmail), two.roundId, "RESULTS", null, meta);
    // a vote on pass 1 is cleared when the pass it was about is replaced
    expect((await act(two, organiser, vote(p1.id))).status).toBe(302);

    const res = await act(two, organiser, { intent: "secondPass" });
    expect(res.status).toBe(302);
    const round = await prisma.round.findUniqueOrThrow({ where: { id: two.roundId } });
    expect(round).toMatchObject({ status: "JUDGING", currentPass: 2 });
    const outcomes = await prisma.entryOutcome.findMany({
      where: { roundId: two.roundId },
      orderBy: { entryId: "asc" },
    });
    expect(
      outcomes
        .filter((o) => o.secondPass)
        .map((o) => o.entryId)
        .sort(),
    ).toEqual([p1.id, p3.id].sort());
    expect(outcomes.find((o) => o.entryId === p1.id)).toMatchObject({ votedAt: null, recognised: null });
    const transitions = await prisma.auditLog.findMany({
      where: { action: "round.transition", entityId: two.roundId },
      orderBy: { createdAt: "asc" },
    });
    expect(transitions.at(-1)!.after).toMatchObject({
      from: "RESULTS",
      to: "JUDGING",
      kind: "secondPass",
      currentPass: 2,
    });
    expect((transitions.at(-1)!.after as { entries: string[] }).entries.sort()).toEqual([p1.code, p3.code].sort());

    // pass 2: the selected entries on their new sheets, p2 keeps its pass-1 result after them
    await submitSheet(two, p3, judgeOf(two, 0), 90, 2);
    const { table } = (await page(two, organiser)).data as LoaderData;
    expect(table.pass).toBe(2);
    const b = rowsOf(table, "B");
    expect(b.map((r) => [r.code, r.inPass, r.sheets, r.rank])).toEqual([
      [p1.code, true, 0, 1],
      [p2.code, false, 2, 2],
    ]);
    expect(rowsOf(table, "A")[0]).toMatchObject({ mean: 90, sheets: 1, assigned: 2, missing: 1 });
    const first = (await page(two, organiser, "?pass=1")).data as LoaderData;
    expect(firstRow(rowsOf(first.table, "A"), "group A rows").mean).toBe(72);
    expect((await page(two, organiser, "?pass=3")).status).toBe(400);

    // a second click: the round is no longer in RESULTS
    expect((await act(two, organiser, { intent: "secondPass" })).status).toBe(409);
  });

  test("is refused when no entry passed, leaving the round as it was", async () => {
    const none = await makeJudgingRound({ groups: ["B"], judges: 1 });
    await prisma.round.update({ where: { id: none.roundId }, data: { scoringPasses: 2 } });
    await submitSheet(none, entryOf(none, 0), judgeOf(none, 0), 50);
    await transitionRound(await authFor(none.organiserEmail), none.roundId, "RESULTS", null, meta);
    const res = await act(none, organiser, { intent: "secondPass" });
    expect(res.status).toBe(409);
    expect((res.data as { message: string }).message).toBe("Không có sản phẩm nào đạt ở vòng 1 để chấm lại.");
    expect(await prisma.round.findUniqueOrThrow({ where: { id: none.roundId } })).toMatchObject({
      status: "RESULTS",
      currentPass: 1,
    });
    expect(await prisma.entryOutcome.count({ where: { roundId: none.roundId } })).toBe(0);
  });
});
