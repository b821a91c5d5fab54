// Site visits for the second scoring pass (issue #14, decision 039) through the real routes and
// services, on the real database and file storage: scheduling (organisers of the round only,
// one mail per member in the outbox), bad input (date outside the round, member not in the jury
// or conflicted, empty address, entry not in the second pass), who reads a visit (members, the
// round's jury minus conflicts, organisers; not producers, not another province's organiser),
// the producer's date, the report with a photo uploaded into the file storage, the photo and the
// calendar file (.ics) downloads, moving a visit, and the link from the second-pass sheet.
// Several visits per entry: scheduling twice (refused while one is pending), cancelling with a
// reason (kept in the history, STATUS:CANCELLED in the calendar), scheduling again after a
// cancellation and after a report, the round's calendar, and the sheet's links to every report.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { demoPhoto } from "../../prisma/demo-files";
import { seed } from "../../prisma/seed";
import { makeJudgingRound, type FixtureEntry, type JudgingFixture } from "../support/judging-fixture";
import { call, cookieFor, get, ORIGIN } from "../support/route-calls";
import { storageNamed } from "~/modules/files/storage.server";
import { toVnDateTimeInput } from "~/modules/rounds/round-fields";
import * as sheetRoute from "~/routes/judge_.rounds.$roundId_.entries.$entryId";
import * as listRoute from "~/routes/admin.rounds_.$roundId_.visits";
import * as producerEntryRoute from "~/routes/producer_.entries.$entryId";
import * as icsRoute from "~/routes/visits.$visitId_.calendar[.ics]";
import * as roundIcsRoute from "~/routes/visits.calendar[.ics]";
import * as photoRoute from "~/routes/visits.$visitId_.photos.$photoId";
import * as visitRoute from "~/routes/visits.$visitId";
import { prisma } from "~/utils/db.server";

const HOUR = 60 * 60 * 1000;
let fx: JudgingFixture;
/** a, b: selected for the second pass; c: not. */
let a: FixtureEntry, b: FixtureEntry, c: FixtureEntry;
let organiserCookie: string;
let hanoiCookie: string;
let producerACookie: string;
let judgeCookies: string[];
let visitA: string;
let visitB: string;

type Reply = { form?: string; result?: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> } };
const listPath = () => `/admin/rounds/${fx.roundId}/visits`;
const schedule = (cookie: string, fields: Record<string, string | string[]>) => {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return call(
    listRoute.action,
    new Request(`${ORIGIN}${listPath()}`, { method: "POST", body, headers: { Cookie: cookie } }),
    { roundId: fx.roundId },
  );
};
const scheduleFields = (over: Record<string, string | string[]> = {}) => ({
  intent: "schedule",
  entryId: a.id,
  scheduledAt: toVnDateTimeInput(new Date(Date.now() + 48 * HOUR)),
  durationMinutes: "90",
  address: "Thôn Chũ, phường Chũ, tỉnh Bắc Ninh",
  note: "Mang theo phiếu chấm vòng hai.",
  memberIds: [fx.judges[0]!.memberId, fx.judges[1]!.memberId],
  ...over,
});
const cancel = (cookie: string, id: string, reason: string) => {
  const body = new FormData();
  body.append("intent", "cancel");
  body.append("reason", reason);
  return call(
    visitRoute.action,
    new Request(`${ORIGIN}/visits/${id}`, { method: "POST", body, headers: { Cookie: cookie } }),
    { visitId: id },
  );
};
const calendarOf = async (cookie: string, id: string) =>
  (await call(icsRoute.loader, get(`/visits/${id}/calendar.ics`, cookie), { visitId: id })).response!.text();
const visitPage = (cookie: string | undefined, id: string) =>
  call(visitRoute.loader, get(`/visits/${id}`, cookie), { visitId: id });
function reportRequest(
  cookie: string,
  id: string,
  fields: Record<string, string | string[]>,
  photos: { name: string; bytes: Buffer; type: string }[] = [],
) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  for (const p of photos) body.append("photos", new Blob([new Uint8Array(p.bytes)], { type: p.type }), p.name);
  return new Request(`${ORIGIN}/visits/${id}`, { method: "POST", body, headers: { Cookie: cookie } });
}

beforeAll(async () => {
  await seed(prisma, { demo: true });
  fx = await makeJudgingRound({ groups: ["B", "A", "C"], judges: 3 });
  [a, b, c] = fx.entries as [FixtureEntry, FixtureEntry, FixtureEntry];
  // The first pass is over: a and b passed and go to the second pass.
  await prisma.round.update({
    where: { id: fx.roundId },
    data: { scoringPasses: 2, currentPass: 2, status: "JUDGING" },
  });
  await prisma.entryOutcome.createMany({
    data: [
      { roundId: fx.roundId, entryId: a.id, secondPass: true },
      { roundId: fx.roundId, entryId: b.id, secondPass: true },
      { roundId: fx.roundId, entryId: c.id, secondPass: false },
    ],
  });
  // Judge 3 declared a conflict with b's establishment.
  const organiser = await prisma.user.findUniqueOrThrow({ where: { email: fx.organiserEmail } });
  await prisma.conflict.create({
    data: {
      roundId: fx.roundId,
      juryMemberId: fx.judges[2]!.memberId,
      establishmentId: b.establishmentId,
      source: "DECLARED",
      createdById: organiser.id,
    },
  });

  organiserCookie = await cookieFor(fx.organiserEmail);
  producerACookie = await cookieFor(a.ownerEmail);
  judgeCookies = await Promise.all(fx.judges.map((j) => cookieFor(j.email)));
  const hn = await prisma.province.findUniqueOrThrow({ where: { code: "HN" } });
  const passwordHash = (await prisma.user.findUniqueOrThrow({ where: { email: "admin@tieubieu.test" } })).passwordHash;
  const email = `organiser.hanoi.visits.${fx.roundId}@example.vn`;
  await prisma.user.create({
    data: {
      email,
      name: "Cán bộ Hà Nội",
      passwordHash,
      emailVerifiedAt: new Date(),
      roles: { create: { role: "ORGANISER", level: "PROVINCE", provinceId: hn.id } },
    },
  });
  hanoiCookie = await cookieFor(email);
}, 240_000);

afterAll(async () => {
  await prisma.$disconnect();
});

describe("scheduling", () => {
  test("the round's organiser schedules a visit; each member gets a mail in the outbox; it is audited", async () => {
    const out = await schedule(organiserCookie, scheduleFields());
    expect(out.status).toBe(302);
    const visit = await prisma.siteVisit.findFirstOrThrow({ where: { entryId: a.id }, include: { members: true } });
    visitA = visit.id;
    expect(visit).toMatchObject({
      roundId: fx.roundId,
      durationMinutes: 90,
      address: "Thôn Chũ, phường Chũ, tỉnh Bắc Ninh",
      sequence: 0,
      reportedAt: null,
    });
    expect(visit.members.map((m) => m.juryMemberId).sort()).toEqual(
      [fx.judges[0]!.memberId, fx.judges[1]!.memberId].sort(),
    );
    for (const judge of fx.judges.slice(0, 2)) {
      const mail = await prisma.mailMessage.findFirst({ where: { to: judge.email }, orderBy: { createdAt: "desc" } });
      expect(mail?.subject).toContain(a.code);
      expect(mail?.text).toContain(`/visits/${visit.id}/calendar.ics`);
      expect(mail?.text).toContain("Thôn Chũ");
    }
    expect(await prisma.mailMessage.count({ where: { to: fx.judges[2]!.email } })).toBe(0);
    const log = await prisma.auditLog.findFirst({ where: { action: "visit.schedule", entityId: visit.id } });
    expect(log).not.toBeNull();

    const page = (await call(listRoute.loader, get(listPath(), organiserCookie), { roundId: fx.roundId })).data as {
      visits: { id: string; state: string }[];
      candidates: { id: string }[];
    };
    expect(page.visits.map((v) => [v.id, v.state])).toEqual([[visitA, "SCHEDULED"]]);
    // b still needs a visit; c is not in the second pass.
    expect(page.candidates.map((e) => e.id)).toEqual([b.id]);
  });

  test("bad input is refused with a message on its field and keeps what was typed", async () => {
    const before = await prisma.siteVisit.count({ where: { roundId: fx.roundId } });
    const mails = await prisma.mailMessage.count();
    const cases: [Record<string, string | string[]>, string, string][] = [
      [
        { entryId: b.id, scheduledAt: toVnDateTimeInput(new Date(Date.now() - 10 * 24 * HOUR)) },
        "scheduledAt",
        "thời gian chấm",
      ],
      [{ entryId: b.id, scheduledAt: `${new Date().getFullYear() + 2}-01-10T08:00` }, "scheduledAt", "thời gian chấm"],
      [
        { entryId: b.id, memberIds: [fx.judges[0]!.memberId, "khong-phai-thanh-vien"] },
        "memberIds",
        "visits.error.memberNotInJury",
      ],
      [{ entryId: b.id, memberIds: [fx.judges[2]!.memberId] }, "memberIds", "xung đột lợi ích"],
      [{ entryId: b.id, memberIds: [] }, "memberIds", "visits.members.required"],
      [{ entryId: b.id, address: "   " }, "address", "visits.address"],
      [{ entryId: b.id, scheduledAt: "ngày mai" }, "scheduledAt", "visits.date.invalid"],
      [{ entryId: c.id }, "entryId", "visits.error.entryNotSelected"],
    ];
    for (const [over, field, message] of cases) {
      const out = await schedule(
        organiserCookie,
        scheduleFields({ address: "Xã Đông Thương, tỉnh Bắc Ninh", ...over }),
      );
      expect(out.status, JSON.stringify(over)).toBe(400);
      const reply = out.data as Reply;
      expect(reply.result?.error?.[field]?.join(" "), JSON.stringify(over)).toContain(message);
      if (over.address === undefined) expect(reply.result?.initialValue?.address).toBe("Xã Đông Thương, tỉnh Bắc Ninh");
    }
    expect(await prisma.siteVisit.count({ where: { roundId: fx.roundId } })).toBe(before);
    expect(await prisma.mailMessage.count()).toBe(mails);
  });

  test("another province's organiser, a judge and a producer cannot schedule or list", async () => {
    expect((await schedule(hanoiCookie, scheduleFields({ entryId: b.id }))).status).toBe(404);
    expect((await call(listRoute.loader, get(listPath(), hanoiCookie), { roundId: fx.roundId })).status).toBe(404);
    expect((await schedule(judgeCookies[0]!, scheduleFields({ entryId: b.id }))).status).toBe(403);
    expect((await schedule(producerACookie, scheduleFields({ entryId: b.id }))).status).toBe(403);
    expect(await prisma.siteVisit.count({ where: { entryId: b.id } })).toBe(0);
  });
});

describe("who reads a visit", () => {
  test("members, the round's jury and organisers read it; a conflicted judge, producers and other provinces do not", async () => {
    const member = await visitPage(judgeCookies[0], visitA);
    expect(member.status).toBe(200);
    expect((member.data as { address: string; canRecord: boolean }).address).toBe(
      "Thôn Chũ, phường Chũ, tỉnh Bắc Ninh",
    );
    expect((member.data as { canRecord: boolean }).canRecord).toBe(false);
    // Judge 3 is not a member but scores a in the second pass.
    expect((await visitPage(judgeCookies[2], visitA)).status).toBe(200);
    expect(((await visitPage(organiserCookie, visitA)).data as { canRecord: boolean }).canRecord).toBe(true);
    expect((await visitPage(producerACookie, visitA)).status).toBe(403);
    expect((await visitPage(hanoiCookie, visitA)).status).toBe(403);
    expect((await visitPage(organiserCookie, "khong-co")).status).toBe(404);
    const anonymous = await visitPage(undefined, visitA);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toContain("/login");
  });

  test("the producer sees the date of their own visit on their entry's page, and nothing of another's", async () => {
    const own = await call(producerEntryRoute.loader, get(`/producer/entries/${a.id}`, producerACookie), {
      entryId: a.id,
    });
    const visit = await prisma.siteVisit.findUniqueOrThrow({ where: { id: visitA } });
    expect(new Date((own.data as { visitDate: string | Date }).visitDate).getTime()).toBe(visit.scheduledAt.getTime());
    const producerB = await cookieFor(b.ownerEmail);
    const other = await call(producerEntryRoute.loader, get(`/producer/entries/${b.id}`, producerB), { entryId: b.id });
    expect((other.data as { visitDate: unknown }).visitDate).toBeNull();
    expect(
      (await call(icsRoute.loader, get(`/visits/${visitA}/calendar.ics`, producerACookie), { visitId: visitA })).status,
    ).toBe(403);
  });

  test("a member downloads the calendar file: one event, UTC start, the members as attendees", async () => {
    const out = await call(icsRoute.loader, get(`/visits/${visitA}/calendar.ics`, judgeCookies[1]), {
      visitId: visitA,
    });
    expect(out.status).toBe(200);
    expect(out.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(out.headers.get("Content-Disposition")).toContain("attachment");
    const text = await out.response!.text();
    const visit = await prisma.siteVisit.findUniqueOrThrow({ where: { id: visitA } });
    const utc = visit.scheduledAt
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d{3}/, "");
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(text).toContain(`UID:site-visit-${visitA}@tieubieu.vn`);
    expect(text).toContain(`DTSTART:${utc}`);
    expect(text).toContain("DURATION:PT1H30M");
    expect(text).toContain("SEQUENCE:0");
    const unfolded = text.replace(/\r\n[ \t]/g, "");
    expect(unfolded).toContain(`mailto:${fx.judges[0]!.email}`);
    expect(unfolded).toContain(`mailto:${fx.judges[1]!.email}`);
    expect(unfolded).toContain("LOCATION:Thôn Chũ\\, phường Chũ\\, tỉnh Bắc Ninh");
  });

  test("the second-pass sheet links to no visit before one is reported", async () => {
    const out = await call(sheetRoute.loader, get(`/judge/rounds/${fx.roundId}/entries/${a.id}`, judgeCookies[0]), {
      roundId: fx.roundId,
      entryId: a.id,
    });
    expect(out.status).toBe(200);
    // Not reported yet: no link.
    expect((out.data as { visits: unknown[] }).visits).toEqual([]);
  });
});

describe("moving and reporting", () => {
  test("moving a visit raises its calendar sequence and mails the members again", async () => {
    const at = new Date(Date.now() + 72 * HOUR);
    const body = new FormData();
    for (const [k, v] of Object.entries(
      scheduleFields({
        scheduledAt: toVnDateTimeInput(at),
        address: "Số 5 đường Chũ, tỉnh Bắc Ninh",
        memberIds: [fx.judges[0]!.memberId],
      }),
    ))
      for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    const out = await call(
      visitRoute.action,
      new Request(`${ORIGIN}/visits/${visitA}`, { method: "POST", body, headers: { Cookie: organiserCookie } }),
      { visitId: visitA },
    );
    expect(out.status).toBe(302);
    const visit = await prisma.siteVisit.findUniqueOrThrow({ where: { id: visitA }, include: { members: true } });
    expect(visit.sequence).toBe(1);
    expect(visit.address).toBe("Số 5 đường Chũ, tỉnh Bắc Ninh");
    expect(visit.members.map((m) => m.juryMemberId)).toEqual([fx.judges[0]!.memberId]);
    const mail = await prisma.mailMessage.findFirst({
      where: { to: fx.judges[0]!.email },
      orderBy: { createdAt: "desc" },
    });
    expect(mail?.subject).toContain("Dời lịch");
    const ics = await (
      await call(icsRoute.loader, get(`/visits/${visitA}/calendar.ics`, judgeCookies[0]), { visitId: visitA })
    ).response!.text();
    expect(ics).toContain("SEQUENCE:1");
    // Judge 2 is no longer a member but still scores a: reads the visit, not as a member.
    expect((await visitPage(judgeCookies[1], visitA)).status).toBe(200);
  });

  test("a report waits for the visit to take place", async () => {
    const out = await call(
      visitRoute.action,
      reportRequest(organiserCookie, visitA, {
        intent: "report",
        findings: "Cơ sở sản xuất sạch sẽ, đúng quy trình.",
        presentIds: [fx.judges[0]!.memberId],
      }),
      { visitId: visitA },
    );
    expect(out.status).toBe(409);
    expect(JSON.stringify(out.data)).toContain("chưa diễn ra");
  });

  test("the organiser records the report of a past visit with a photo; bad reports are refused", async () => {
    const at = new Date(Date.now() - 3 * HOUR); // the round's judging began yesterday
    const out = await schedule(
      organiserCookie,
      scheduleFields({
        entryId: b.id,
        scheduledAt: toVnDateTimeInput(at),
        memberIds: [fx.judges[0]!.memberId, fx.judges[1]!.memberId],
      }),
    );
    expect(out.status).toBe(302);
    visitB = (await prisma.siteVisit.findFirstOrThrow({ where: { entryId: b.id } })).id;
    const report = (
      fields: Record<string, string | string[]>,
      photos: { name: string; bytes: Buffer; type: string }[] = [],
      cookie = organiserCookie,
    ) =>
      call(visitRoute.action, reportRequest(cookie, visitB, { intent: "report", ...fields }, photos), {
        visitId: visitB,
      });

    const findings = "Đoàn kiểm tra dây chuyền sản xuất, kho nguyên liệu và sổ sách; cơ sở đáp ứng yêu cầu.";
    const empty = await report({ findings: "   ", presentIds: [fx.judges[0]!.memberId] });
    expect(empty.status).toBe(400);
    expect((empty.data as Reply).result?.error?.findings).toBeDefined();
    const stranger = await report({ findings, presentIds: [fx.judges[2]!.memberId] });
    expect(stranger.status).toBe(400);
    expect((stranger.data as Reply).result?.error?.presentIds?.join(" ")).toContain("visits.error.presentNotMember");
    expect((stranger.data as Reply).result?.initialValue?.findings).toBe(findings);
    const notImage = await report({ findings, presentIds: [fx.judges[0]!.memberId] }, [
      { name: "bien-ban.pdf", bytes: Buffer.from("%PDF-1.4\n%%EOF\n"), type: "application/pdf" },
    ]);
    expect(notImage.status).toBe(400);
    expect(await prisma.siteVisitPhoto.count({ where: { visitId: visitB } })).toBe(0);
    // Refused: another province's organiser may not even read it; a member reads it but does not record.
    expect([403, 404]).toContain(
      (await report({ findings, presentIds: [fx.judges[0]!.memberId] }, [], hanoiCookie)).status,
    );
    expect((await report({ findings, presentIds: [fx.judges[0]!.memberId] }, [], judgeCookies[0])).status).toBe(404);
    expect(await prisma.siteVisit.count({ where: { id: visitB, reportedAt: { not: null } } })).toBe(0);

    const photo = await demoPhoto(7, "FRONT");
    const ok = await report({ findings, presentIds: [fx.judges[0]!.memberId] }, [
      { name: "xuong-san-xuat.jpg", bytes: photo, type: "image/jpeg" },
    ]);
    expect(ok.status).toBe(302);
    const visit = await prisma.siteVisit.findUniqueOrThrow({
      where: { id: visitB },
      include: { members: true, photos: true },
    });
    expect(visit.findings).toBe(findings);
    expect(visit.reportedAt).not.toBeNull();
    expect(Object.fromEntries(visit.members.map((m) => [m.juryMemberId, m.present]))).toEqual({
      [fx.judges[0]!.memberId]: true,
      [fx.judges[1]!.memberId]: false,
    });
    expect(visit.photos).toHaveLength(1);
    const stored = visit.photos[0]!;
    expect(stored.contentType).toBe("image/jpeg");
    expect(await storageNamed(stored.storage).get(stored.storageKey)).not.toBeNull();
    expect(await prisma.auditLog.count({ where: { action: "visit.report", entityId: visitB } })).toBe(1);

    // The photo opens for a member, not for the conflicted judge nor the producer.
    const photoOf = (cookie: string) =>
      call(photoRoute.loader, get(`/visits/${visitB}/photos/${stored.id}`, cookie), {
        visitId: visitB,
        photoId: stored.id,
      });
    const seen = await photoOf(judgeCookies[1]!);
    expect(seen.status).toBe(200);
    expect(seen.headers.get("Content-Type")).toBe("image/jpeg");
    expect((await seen.response!.arrayBuffer()).byteLength).toBe(stored.size);
    expect((await photoOf(judgeCookies[2]!)).status).toBe(403);
    expect((await photoOf(await cookieFor(b.ownerEmail))).status).toBe(403);
    expect((await visitPage(judgeCookies[2], visitB)).status).toBe(403);

    expect(visit.status).toBe("DONE");
    // Reported: no longer moved nor cancelled.
    const moveFields = scheduleFields({ scheduledAt: toVnDateTimeInput(new Date(Date.now() + 5 * HOUR)) });
    const body = new FormData();
    for (const [k, v] of Object.entries(moveFields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    const moved = await call(
      visitRoute.action,
      new Request(`${ORIGIN}/visits/${visitB}`, { method: "POST", body, headers: { Cookie: organiserCookie } }),
      { visitId: visitB },
    );
    expect(moved.status).toBe(409);
    expect((await cancel(organiserCookie, visitB, "Đoàn không đi được.")).status).toBe(409);
  });

  test("once the second pass is over, nothing is scheduled or reported", async () => {
    await prisma.round.update({ where: { id: fx.roundId }, data: { status: "RESULTS" } });
    try {
      const out = await call(
        visitRoute.action,
        reportRequest(organiserCookie, visitB, {
          intent: "report",
          findings: "Bổ sung nhận xét sau khi có kết quả vòng hai.",
          presentIds: [fx.judges[0]!.memberId],
        }),
        { visitId: visitB },
      );
      expect(out.status).toBe(409);
      expect((await visitPage(judgeCookies[0], visitB)).status).toBe(200);
    } finally {
      await prisma.round.update({ where: { id: fx.roundId }, data: { status: "JUDGING" } });
    }
  });
});

describe("several visits per entry", () => {
  test("a second visit while one is pending is refused; the pending one is cancelled with a reason and kept", async () => {
    const before = await prisma.siteVisit.count({ where: { entryId: a.id } });
    const twice = await schedule(organiserCookie, scheduleFields());
    expect(twice.status).toBe(409);
    expect((twice.data as Reply).result?.error?.entryId?.join(" ")).toContain("đang chờ");
    expect((twice.data as Reply).result?.initialValue?.address).toBe("Thôn Chũ, phường Chũ, tỉnh Bắc Ninh");
    expect(await prisma.siteVisit.count({ where: { entryId: a.id } })).toBe(before);

    // Bad input keeps what was typed; others may not cancel.
    const blank = await cancel(organiserCookie, visitA, "   ");
    expect(blank.status).toBe(400);
    expect((blank.data as Reply).result?.error?.reason?.join(" ")).toContain("visits.cancel.reason");
    const short = await cancel(organiserCookie, visitA, "ốm");
    expect(short.status).toBe(400);
    expect((short.data as Reply).result?.initialValue?.reason).toBe("ốm");
    expect([403, 404]).toContain((await cancel(hanoiCookie, visitA, "Tỉnh khác muốn hủy buổi này.")).status);
    expect((await cancel(judgeCookies[0]!, visitA, "Thành viên muốn hủy buổi này.")).status).toBe(404);
    expect((await prisma.siteVisit.findUniqueOrThrow({ where: { id: visitA } })).status).toBe("SCHEDULED");

    const reason = "Chủ cơ sở đi vắng đột xuất, hẹn lại tuần sau.";
    const mails = await prisma.mailMessage.count({ where: { to: fx.judges[0]!.email } });
    const out = await cancel(organiserCookie, visitA, reason);
    expect(out.status).toBe(302);
    const visit = await prisma.siteVisit.findUniqueOrThrow({ where: { id: visitA } });
    expect(visit).toMatchObject({ status: "CANCELLED", cancelReason: reason, sequence: 2 });
    expect(visit.cancelledAt).not.toBeNull();
    expect(await prisma.mailMessage.count({ where: { to: fx.judges[0]!.email } })).toBe(mails + 1);
    const mail = await prisma.mailMessage.findFirst({
      where: { to: fx.judges[0]!.email },
      orderBy: { createdAt: "desc" },
    });
    expect(mail?.subject).toMatch(/^\[Tiêu Biểu\] Hủy/);
    expect(mail?.text).toContain(reason);
    expect(await prisma.auditLog.count({ where: { action: "visit.cancel", entityId: visitA } })).toBe(1);

    // Its calendar event keeps its UID, with a higher SEQUENCE and STATUS:CANCELLED.
    const ics = await calendarOf(judgeCookies[0]!, visitA);
    expect(ics).toContain(`UID:site-visit-${visitA}@tieubieu.vn`);
    expect(ics).toContain("SEQUENCE:2");
    expect(ics).toContain("STATUS:CANCELLED");
    const page = (await visitPage(organiserCookie, visitA)).data as { state: string; canRecord: boolean };
    expect(page).toMatchObject({ state: "CANCELLED", canRecord: false });

    // A cancelled visit is neither reported, moved nor cancelled again.
    const report = await call(
      visitRoute.action,
      reportRequest(organiserCookie, visitA, {
        intent: "report",
        findings: "Biên bản cho một buổi thăm đã bị hủy thì không hợp lệ.",
        presentIds: [fx.judges[0]!.memberId],
      }),
      { visitId: visitA },
    );
    expect(report.status).toBe(409);
    expect(JSON.stringify(report.data)).toContain("đã bị hủy");
    expect((await cancel(organiserCookie, visitA, "Hủy lần nữa cho chắc.")).status).toBe(409);
  });

  test("the entry is scheduled again: a new visit with its own UID; the history and the round's calendar hold both", async () => {
    const at = new Date(Date.now() + 96 * HOUR);
    const out = await schedule(
      organiserCookie,
      scheduleFields({ scheduledAt: toVnDateTimeInput(at), memberIds: [fx.judges[1]!.memberId] }),
    );
    expect(out.status).toBe(302);
    const visits = await prisma.siteVisit.findMany({ where: { entryId: a.id }, orderBy: { scheduledAt: "asc" } });
    expect(visits.map((v) => v.status)).toEqual(["CANCELLED", "SCHEDULED"]);
    const again = visits[1]!;
    expect(again.id).not.toBe(visitA);
    expect(again.sequence).toBe(0);

    const list = (await call(listRoute.loader, get(listPath(), organiserCookie), { roundId: fx.roundId })).data as {
      visits: { id: string; state: string; cancelReason: string | null }[];
      candidates: { id: string }[];
    };
    expect(list.visits.filter((v) => [visitA, again.id].includes(v.id)).map((v) => v.state)).toEqual([
      "CANCELLED",
      "SCHEDULED",
    ]);
    expect(list.visits.find((v) => v.id === visitA)?.cancelReason).toContain("đi vắng");
    // a has a pending visit again; b has only a done one, so it may have a second.
    expect(list.candidates.map((e) => e.id)).toEqual([b.id]);

    const page = (await visitPage(organiserCookie, again.id)).data as {
      history: { id: string; state: string; cancelReason: string | null }[];
    };
    expect(page.history).toEqual([expect.objectContaining({ id: visitA, state: "CANCELLED" })]);

    // The round's calendar: one event per visit the reader may read, the cancelled one flagged.
    const roundIcs = (cookie: string | undefined) =>
      call(roundIcsRoute.loader, get(`/visits/calendar.ics?round=${fx.roundId}`, cookie), {});
    const text = await (await roundIcs(judgeCookies[1])).response!.text();
    const events = text.split("BEGIN:VEVENT").slice(1);
    const eventOf = (id: string) => events.find((e) => e.includes(`UID:site-visit-${id}@tieubieu.vn`));
    expect(eventOf(visitA)).toContain("STATUS:CANCELLED");
    expect(eventOf(again.id)).toContain("STATUS:CONFIRMED");
    expect(eventOf(visitB)).toContain("STATUS:CONFIRMED");
    expect((await roundIcs(hanoiCookie)).status).toBe(404);
    expect((await roundIcs(producerACookie)).status).toBe(404);
    expect((await call(roundIcsRoute.loader, get(`/visits/calendar.ics?round=`, organiserCookie), {})).status).toBe(
      404,
    );
  });

  test("a second visit after a report; the sheet links to every reported visit, latest first", async () => {
    const out = await schedule(
      organiserCookie,
      scheduleFields({
        entryId: b.id,
        scheduledAt: toVnDateTimeInput(new Date(Date.now() - HOUR)),
        memberIds: [fx.judges[0]!.memberId],
      }),
    );
    expect(out.status).toBe(302);
    const second = await prisma.siteVisit.findFirstOrThrow({ where: { entryId: b.id, status: "SCHEDULED" } });
    const reported = await call(
      visitRoute.action,
      reportRequest(organiserCookie, second.id, {
        intent: "report",
        findings: "Kiểm tra lại kho nguyên liệu theo đề nghị của đoàn lần trước: đã khắc phục.",
        presentIds: [fx.judges[0]!.memberId],
      }),
      { visitId: second.id },
    );
    expect(reported.status).toBe(302);
    const sheet = await call(sheetRoute.loader, get(`/judge/rounds/${fx.roundId}/entries/${b.id}`, judgeCookies[0]), {
      roundId: fx.roundId,
      entryId: b.id,
    });
    expect(sheet.status).toBe(200);
    expect((sheet.data as { visits: { id: string; state: string }[] }).visits).toEqual([
      expect.objectContaining({ id: second.id, state: "DONE" }),
      expect.objectContaining({ id: visitB, state: "DONE" }),
    ]);
    const own = await call(producerEntryRoute.loader, get(`/producer/entries/${b.id}`, await cookieFor(b.ownerEmail)), {
      entryId: b.id,
    });
    expect(new Date((own.data as { visitDate: string }).visitDate).getTime()).toBe(second.scheduledAt.getTime());
  });

  test("organisers scheduling the same entry at the same instant: one visit is made, the others are told one is pending", async () => {
    const at = toVnDateTimeInput(new Date(Date.now() + 120 * HOUR));
    const before = await prisma.siteVisit.count({ where: { entryId: b.id } });
    const outs = await Promise.all(
      [0, 1, 2, 3].map(() => schedule(organiserCookie, scheduleFields({ entryId: b.id, scheduledAt: at }))),
    );
    expect(outs.map((o) => o.status).sort()).toEqual([302, 409, 409, 409]);
    for (const o of outs.filter((x) => x.status === 409))
      expect((o.data as Reply).result?.error?.entryId?.join(" ")).toContain("đang chờ");
    expect(await prisma.siteVisit.count({ where: { entryId: b.id } })).toBe(before + 1);
    const made = await prisma.siteVisit.findFirstOrThrow({ where: { entryId: b.id, status: "SCHEDULED" } });
    expect(await prisma.auditLog.count({ where: { action: "visit.schedule", entityId: made.id } })).toBe(1);
  });
});
