// Printed score sheets through the routes (issue #4): a judge's own sheet (filled or blank), a
// blank sheet per group, and the organisers'/secretary's print of blank sheets for a group or one
// judge's sheet. The access rules of judging are the PDF's too: a conflicted judge gets 403,
// another province's organiser gets 403, bad parameters 400/404 — never a 500. In a blind round
// nothing on the judge's sheet names the producer.
import { extractText, getDocumentProxy } from "unpdf";
import { beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { makeJudgingRound, type FixtureEntry, type JudgingFixture } from "../support/judging-fixture";
import { call, cookieFor, get, type Outcome } from "../support/route-calls";
import { currentRubric } from "~/modules/judging/rubric.server";
import * as adminPrint from "~/routes/admin.rounds_.$roundId_.sheets_.print[.pdf]";
import * as blankSheet from "~/routes/judge_.rounds.$roundId_.blank-sheet[.pdf]";
import * as judgeSheet from "~/routes/judge_.rounds.$roundId_.entries.$entryId_.sheet[.pdf]";
import { firstRow, itemAt } from "~/utils/arrays";
import { prisma } from "~/utils/db.server";
import { replaceGroups } from "~/modules/rounds/groups";

let fx: JudgingFixture;
let b1: FixtureEntry;
let b2: FixtureEntry;
let a1: FixtureEntry;
const judgeAt = (i: number) => itemAt(fx.judges, i, "the round's judges");
const cookies = new Map<string, string>();
const cookie = async (email: string) => {
  if (!cookies.has(email)) cookies.set(email, await cookieFor(email));
  return cookies.get(email)!;
};

async function pdfText(outcome: Outcome) {
  expect(outcome.status).toBe(200);
  expect(outcome.response).not.toBeNull();
  const bytes = new Uint8Array(await outcome.response!.arrayBuffer());
  const pdf = await getDocumentProxy(bytes);
  const { text, totalPages } = await extractText(pdf, { mergePages: false });
  const pages = text as string[];
  return { pages, totalPages, flat: pages.join("\n").replace(/\s+/g, " ") };
}

const sheetPath = (entryId: string) => `/judge/rounds/${fx.roundId}/entries/${entryId}/sheet.pdf`;
const judgeSheetCall = async (email: string, entryId: string, roundId = fx.roundId) =>
  call(judgeSheet.loader as never, get(sheetPath(entryId), await cookie(email)), { roundId, entryId });
const blankCall = async (email: string, query: string, roundId = fx.roundId) =>
  call(blankSheet.loader as never, get(`/judge/rounds/${roundId}/blank-sheet.pdf${query}`, await cookie(email)), {
    roundId,
  });
const adminCall = async (email: string, query: string, roundId = fx.roundId) =>
  call(adminPrint.loader as never, get(`/admin/rounds/${roundId}/sheets/print.pdf${query}`, await cookie(email)), {
    roundId,
  });

beforeAll(async () => {
  await seed(prisma, { demo: true });
  fx = await makeJudgingRound({ groups: ["B", "B", "A", "C"], judges: 3 });
  const entry = (i: number) => itemAt(fx.entries, i, "the round's entries");
  [b1, b2, a1] = [entry(0), entry(1), entry(2)];
  const rubric = await currentRubric(prisma, fx.roundId);
  // judge 1 has submitted a sheet for b1: every group-B item at its maximum except 1.1 = 12,5
  const items = rubric!.items.filter((i) => i.group === null || i.group === "B");
  const scores: Record<string, number> = {};
  for (const i of items)
    if (!(i.group === null && items.some((o) => o.group === "B" && o.criterion === i.criterion)))
      scores[i.code] = i.max;
  scores["1.1"] = 12.5;
  await prisma.scoreSheet.create({
    data: {
      roundId: fx.roundId,
      entryId: b1.id,
      juryMemberId: judgeAt(0).memberId,
      rubricId: rubric!.id,
      status: "SUBMITTED",
      scores,
      notes: { "1.2": "Có hợp đồng với siêu thị" },
      comment: "Bao bì cần cải tiến.",
      submittedAt: new Date("2026-03-04T20:30:00Z"),
    },
  });
  await prisma.juryMember.update({
    where: { id: judgeAt(0).memberId },
    data: { title: "Phó Giám đốc Sở Công Thương" },
  });
});

describe("a judge's own sheet", () => {
  test("is the filled form, with the entry code and product and no producer, served inline and uncached", async () => {
    const out = await judgeSheetCall(judgeAt(0).email, b1.id);
    expect(out.headers.get("Content-Type")).toBe("application/pdf");
    expect(out.headers.get("Content-Disposition")).toMatch(
      new RegExp(`^inline; filename="phieu-cham-diem-${b1.code}\\.pdf"`),
    );
    expect(out.headers.get("Cache-Control")).toBe("private, no-store");
    const { flat, totalPages } = await pdfText(out);
    expect(totalPages).toBe(1);
    expect(flat).toContain("PHIẾU CHẤM ĐIỂM");
    expect(flat).toContain(`Mã số sản phẩm: ${b1.code}`);
    expect(flat).toContain(`Tên sản phẩm: ${b1.productName}`);
    expect(flat).toContain(`Họ và tên giám khảo: ${judgeAt(0).name}`);
    expect(flat).toContain("Chức danh: Phó Giám đốc Sở Công Thương");
    expect(flat).toContain("HỘI ĐỒNG BÌNH CHỌN SẢN PHẨM CÔNG NGHIỆP NÔNG THÔN TIÊU BIỂU TỈNH BẮC NINH NĂM 2026");
    expect(flat).toContain("12,5");
    // the default rubric at its maxima is 100; 1.1 is 15 → 12,5
    expect(flat).toMatch(/TỔNG CỘNG 100 97,5/);
    expect(flat).toContain("Có hợp đồng với siêu thị");
    expect(flat).toContain("Bao bì cần cải tiến.");
    expect(flat).toContain("ngày 05 tháng 3 năm 2026");
    // blind round: nothing that names the producer
    expect(flat).not.toContain(b1.establishmentName);
    expect(flat).not.toContain(b1.ownerName);
  });

  test("is blank, with the entry code and product, when the judge has not started it — never another judge's", async () => {
    const { flat } = await pdfText(await judgeSheetCall(judgeAt(1).email, b1.id));
    expect(flat).toContain(`Mã số sản phẩm: ${b1.code}`);
    expect(flat).toContain(b1.productName);
    expect(flat).toContain(judgeAt(1).name);
    expect(flat).not.toContain(judgeAt(0).name);
    expect(flat).not.toContain("12,5");
    expect(flat).not.toContain("Bao bì cần cải tiến.");
    expect(flat).toMatch(/TỔNG CỘNG 100( |$)/);
    expect(flat).toContain("ngày …… tháng …… năm");
  });

  test("uses the group's own sub-criteria", async () => {
    const { flat } = await pdfText(await judgeSheetCall(judgeAt(1).email, a1.id));
    expect(flat).toContain("Nhóm sản phẩm: A – Thủ công mỹ nghệ");
    expect(flat).toContain("Kỹ thuật chế tác, độ tinh xảo của sản phẩm");
  });

  test("is refused to a conflicted judge (403), for an entry of another round (404), and asks anonymous users to log in", async () => {
    const judge = judgeAt(1);
    const conflict = await prisma.conflict.create({
      data: {
        roundId: fx.roundId,
        juryMemberId: judge.memberId,
        establishmentId: b2.establishmentId,
        source: "DECLARED",
        createdById: judge.userId,
      },
    });
    try {
      expect((await judgeSheetCall(judge.email, b2.id)).status).toBe(403);
      expect((await judgeSheetCall(judge.email, b1.id)).status).toBe(200);
    } finally {
      await prisma.conflict.delete({ where: { id: conflict.id } });
    }
    expect((await judgeSheetCall(judge.email, b2.id)).status).toBe(200);

    const other = await makeJudgingRound({ groups: ["B"], judges: 1 });
    expect((await judgeSheetCall(judge.email, firstRow(other.entries, "the other round's entries").id)).status).toBe(
      404,
    ); // not in this round
    expect(
      (await judgeSheetCall(judge.email, firstRow(other.entries, "the other round's entries").id, other.roundId))
        .status,
    ).toBe(403); // not in that jury
    expect((await judgeSheetCall(judge.email, "not-an-id")).status).toBe(404);

    const anonymous = await call(judgeSheet.loader as never, get(sheetPath(b1.id)), {
      roundId: fx.roundId,
      entryId: b1.id,
    });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  test("waits for the judge's declaration of conflicts (409)", async () => {
    const judge = judgeAt(2);
    await prisma.juryMember.update({ where: { id: judge.memberId }, data: { declaredAt: null } });
    try {
      const out = await judgeSheetCall(judge.email, b1.id);
      expect(out.status).toBe(409);
      expect(await out.response!.text()).toContain("kê khai xung đột lợi ích");
    } finally {
      await prisma.juryMember.update({ where: { id: judge.memberId }, data: { declaredAt: new Date() } });
    }
  });
});

describe("a blank sheet for a group", () => {
  test("is the group's rubric without any entry, for members of the jury", async () => {
    const out = await blankCall(judgeAt(0).email, "?group=B");
    expect(out.headers.get("Content-Type")).toBe("application/pdf");
    const { flat, totalPages } = await pdfText(out);
    expect(totalPages).toBe(1);
    expect(flat).toContain("Nhóm sản phẩm: B – Chế biến nông, lâm, thủy sản và thực phẩm");
    expect(flat).toContain("Công nghệ chế biến, bảo quản");
    for (const e of fx.entries) expect(flat).not.toContain(e.code);
  });

  test("answers 400 for an unknown or missing group, 403 to someone outside the jury", async () => {
    const bad = await blankCall(judgeAt(0).email, "?group=Z");
    expect(bad.status).toBe(400);
    expect(await bad.response!.text()).toBe("Yêu cầu không hợp lệ.\n");
    expect((await blankCall(judgeAt(0).email, "")).status).toBe(400);
    await prisma.round.update({ where: { id: fx.roundId }, data: { groups: replaceGroups(["A", "B", "C"]) } });
    try {
      expect((await blankCall(judgeAt(0).email, "?group=D")).status).toBe(400); // not a group of this round
    } finally {
      await prisma.round.update({ where: { id: fx.roundId }, data: { groups: replaceGroups(["A", "B", "C", "D"]) } });
    }
    expect((await blankCall(fx.organiserEmail, "?group=B")).status).toBe(403);
  });
});

describe("printing for organisers and the secretary", () => {
  test("gives blank sheets for every accepted entry of a group, one per page, judge left blank", async () => {
    const { pages, totalPages } = await pdfText(await adminCall(fx.organiserEmail, "?group=B"));
    expect(totalPages).toBe(2);
    const codes = [b1.code, b2.code].sort();
    pages.forEach((page, i) => {
      expect(page).toContain(codes[i]);
      expect(page).toContain("Trang 1/1");
      expect(page.replace(/\s+/g, " ")).not.toContain(judgeAt(0).name);
    });
    expect(pages.join(" ")).not.toContain(a1.code);
  });

  test("gives one judge's existing sheet filled in, or a blank sheet for one entry", async () => {
    const filled = await pdfText(
      await adminCall(fx.organiserEmail, `?entryId=${b1.id}&memberId=${judgeAt(0).memberId}`),
    );
    expect(filled.flat).toContain(judgeAt(0).name);
    expect(filled.flat).toContain("12,5");
    expect(filled.flat).toMatch(/TỔNG CỘNG 100 97,5/);
    const one = await pdfText(await adminCall(fx.organiserEmail, `?entryId=${a1.id}&memberId=`));
    expect(one.totalPages).toBe(1);
    expect(one.flat).toContain(a1.code);
  });

  test("answers 404 for a sheet that does not exist and 400 for bad parameters", async () => {
    expect((await adminCall(fx.organiserEmail, `?entryId=${b1.id}&memberId=${judgeAt(1).memberId}`)).status).toBe(404); // no sheet
    expect(
      (await adminCall(fx.organiserEmail, `?entryId=${b1.id}&memberId=${judgeAt(0).memberId}&pass=2`)).status,
    ).toBe(404);
    const other = await makeJudgingRound({ groups: ["B"], judges: 1 });
    expect(
      (await adminCall(fx.organiserEmail, `?entryId=${firstRow(other.entries, "the other round's entries").id}`))
        .status,
    ).toBe(404); // entry of another round
    expect((await adminCall(fx.organiserEmail, "")).status).toBe(400);
    expect((await adminCall(fx.organiserEmail, `?memberId=${judgeAt(0).memberId}`)).status).toBe(400);
    expect((await adminCall(fx.organiserEmail, "?group=Z")).status).toBe(400);
    expect((await adminCall(fx.organiserEmail, "?entryId=../../etc")).status).toBe(400);
    expect((await adminCall(fx.organiserEmail, "?group=B&pass=x")).status).toBe(400);
  });

  test("is refused to another province's organiser and to a judge who is not the secretary; the secretary may", async () => {
    const hn = await prisma.province.findUniqueOrThrow({ where: { code: "HN" } });
    const passwordHash = (await prisma.user.findUniqueOrThrow({ where: { email: "admin@tieubieu.test" } }))
      .passwordHash;
    const email = `organiser-hn-${Date.now()}@example.vn`;
    await prisma.user.create({
      data: {
        email,
        name: "Cán bộ Sở Công Thương Hà Nội",
        passwordHash,
        emailVerifiedAt: new Date(),
        roles: { create: { role: "ORGANISER", level: "PROVINCE", provinceId: hn.id } },
      },
    });
    const outsider = await adminCall(email, "?group=B");
    expect(outsider.status).toBe(403);
    // a message a person can read in the tab the PDF link opened, not a PDF
    expect(outsider.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(await outsider.response!.text()).toContain("Bạn không có quyền");

    const secretary = judgeAt(2);
    expect((await adminCall(secretary.email, "?group=B")).status).toBe(403);
    await prisma.juryMember.update({ where: { id: secretary.memberId }, data: { councilRole: "SECRETARY" } });
    try {
      const { flat } = await pdfText(
        await adminCall(secretary.email, `?entryId=${b1.id}&memberId=${judgeAt(0).memberId}`),
      );
      expect(flat).toContain("12,5");
    } finally {
      await prisma.juryMember.update({ where: { id: secretary.memberId }, data: { councilRole: null } });
    }
  });
});
