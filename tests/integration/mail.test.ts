// The transactional mail outbox and its worker (docs/decisions/020-mail-outbox-worker.md),
// against a LOCAL SMTP STAND-IN (tests/support/smtp-stand-in.ts), since no real mail server is
// reachable here: a mail row commits or rolls back with its change; the worker delivers it;
// refusals and a server that is down are retried with backoff until the server recovers; after
// the last try the mail is FAILED with the server's answer and an administrator's "Gửi lại"
// sends it; two workers never send one mail twice; issuing certificates never waits for SMTP.
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { authFor, makeJudgingRound } from "../support/judging-fixture";
import { call, cookieFor, post } from "../support/route-calls";
import { startSmtpStandIn, type SmtpStandIn } from "../support/smtp-stand-in";
import { issueCertificates, recordDecision } from "~/modules/certificates/certificates.server";
import { queueMail } from "~/modules/mail/outbox.server";
import { createMailWorker, type MailWorker } from "~/modules/mail/worker.server";
import * as mailRoute from "~/routes/admin.outbox_.$id";
import * as outboxRoute from "~/routes/admin.outbox";
import { firstRow } from "~/utils/arrays";
import { createDbClient, databaseProvider, prisma } from "~/utils/db.server";
import { resetEnvCache } from "~/utils/env.server";

const meta = { ip: "127.0.0.1" };
let smtp: SmtpStandIn;
let admin: string;
let organiser: string;

function useSmtp(url: string | undefined) {
  if (url) process.env.SMTP_URL = url;
  else delete process.env.SMTP_URL;
  resetEnvCache();
}

/** A clock the test moves by hand, so backoff is checked without waiting for it. It starts a
 *  second ahead, so that mails queued just before or after it was made are already due. */
function manualClock() {
  let at = Date.now() + 1000;
  return {
    now: () => new Date(at),
    advance: (ms: number) => (at += ms),
    elapsed: (start: number) => at - start,
    at: () => at,
  };
}

const mail = (to: string, extra: Partial<{ subject: string; text: string }> = {}) => ({
  to,
  subject: extra.subject ?? "Xác nhận hồ sơ",
  text:
    extra.text ??
    "Kính gửi anh/chị,\n\nXem hồ sơ tại:\nhttp://localhost:3000/producer/entries/abc\n\n<b>Vải thiều</b> & mỳ gạo Chũ",
});

const row = (id: string) => prisma.mailMessage.findUniqueOrThrow({ where: { id } });

beforeAll(async () => {
  await seed(prisma, { demo: true });
  admin = await cookieFor("admin@tieubieu.test");
  organiser = await cookieFor("organiser.bacninh@tieubieu.test");
  smtp = await startSmtpStandIn();
});

afterAll(async () => {
  useSmtp(undefined);
  await smtp.close();
});

afterEach(() => {
  smtp.setMode("accept");
  smtp.received.length = 0;
});

describe("writing a mail", () => {
  test("without SMTP_URL it is STORED in the outbox only, with the subject prefix, a text and an HTML part", async () => {
    useSmtp(undefined);
    const { id } = await queueMail(prisma, mail("a@example.vn"));
    const m = await row(id);
    expect(m).toMatchObject({ status: "STORED", transport: "outbox", attempts: 0, nextAttemptAt: null });
    expect(m.subject).toBe("[Tiêu Biểu] Xác nhận hồ sơ");
    expect(m.text).toContain("<b>Vải thiều</b>");
    // The HTML part escapes the content and makes the address a link.
    expect(m.html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(m.html).toContain("&lt;b&gt;Vải thiều&lt;/b&gt; &amp; mỳ gạo Chũ");
    expect(m.html).toContain('href="http://localhost:3000/producer/entries/abc"');
    expect(m.html).not.toContain("<b>");
  });

  test("rolls back with the transaction that wrote it", async () => {
    useSmtp(smtp.url);
    const to = "rollback@example.vn";
    await expect(
      prisma.$transaction(async (tx) => {
        await queueMail(tx, mail(to));
        throw new Error("the change failed after the mail was written");
      }),
    ).rejects.toThrow("the change failed");
    expect(await prisma.mailMessage.count({ where: { to } })).toBe(0);
    await prisma.$transaction(async (tx) => {
      await queueMail(tx, mail(to));
    });
    expect(await prisma.mailMessage.findMany({ where: { to }, select: { status: true, transport: true } })).toEqual([
      { status: "QUEUED", transport: "smtp" },
    ]);
    await prisma.mailMessage.deleteMany({ where: { to } });
  });
});

describe("the worker", () => {
  let worker: MailWorker | undefined;
  beforeAll(() => useSmtp(smtp.url));
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });

  test("delivers a queued mail to the server with a plain-text and an HTML part and marks it SENT", async () => {
    const { id } = await queueMail(prisma, mail("hoptac@example.vn"));
    expect((await row(id)).status).toBe("QUEUED");
    worker = createMailWorker();
    expect(await worker.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    const m = await row(id);
    expect(m).toMatchObject({ status: "SENT", attempts: 1, lockedBy: null, lastError: null });
    expect(m.sentAt).toBeInstanceOf(Date);
    expect(smtp.received).toHaveLength(1);
    const got = firstRow(smtp.received, "the mails the SMTP stand-in received");
    expect(got.to).toEqual(["hoptac@example.vn"]);
    expect(got.from).toBe("no-reply@tieubieu.local");
    expect(got.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(got.raw).toMatch(/Content-Type: text\/plain; charset=utf-8/i);
    expect(got.raw).toMatch(/Content-Type: text\/html; charset=utf-8/i);
    // The Vietnamese subject is MIME-encoded; decoded it carries the prefix.
    const encoded = /^Subject: (.+(?:\r?\n[ \t].+)*)/m.exec(got.raw)?.[1];
    if (encoded === undefined) throw new Error(`no Subject header in the message:\n${got.raw}`);
    const decoded = encoded
      .replace(/\r?\n[ \t]/g, "")
      .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, enc: string, s: string) =>
        enc.toUpperCase() === "B"
          ? Buffer.from(s, "base64").toString("utf8")
          : Buffer.from(
              s.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
              "latin1",
            ).toString("utf8"),
      );
    expect(decoded).toBe("[Tiêu Biểu] Xác nhận hồ sơ");
  });

  test("a refusing server (451), then one that is down (connection refused), then recovered: retried with backoff, ends SENT", async () => {
    const clock = manualClock();
    const start = clock.at();
    const base = 30_000;
    worker = createMailWorker({ now: clock.now, baseDelayMs: base, maxAttempts: 6 });
    const { id } = await queueMail(prisma, mail("vaithieu@example.vn", { subject: "Hồ sơ đã được tiếp nhận" }));
    const transcript: string[] = [];
    const log = async (what: string) => {
      const m = await row(id);
      const next = m.nextAttemptAt ? ` next try at +${(m.nextAttemptAt.getTime() - start) / 1000}s` : "";
      transcript.push(
        `[+${clock.elapsed(start) / 1000}s] ${what} → ${m.status}, tries ${m.attempts}${next}${m.lastError && m.status !== "SENT" ? `, server: ${m.lastError.split("\n")[0]}` : ""}`,
      );
    };

    smtp.setMode({ code: 451, message: "4.3.0 Mail server temporarily rejected message (stand-in)" });
    expect(await worker.runOnce()).toMatchObject({ claimed: 1, retried: 1 });
    await log("try 1, server answers 451");
    let m = await row(id);
    expect(m.status).toBe("QUEUED");
    expect(m.lastError).toMatch(/^451/);
    expect(m.nextAttemptAt!.getTime() - clock.at()).toBe(base);

    // Not due yet: nothing is claimed before the backoff has passed.
    clock.advance(base - 1000);
    expect((await worker.runOnce()).claimed).toBe(0);
    clock.advance(1000);

    await smtp.stop();
    expect(await worker.runOnce()).toMatchObject({ claimed: 1, retried: 1 });
    await log("try 2, server down");
    m = await row(id);
    expect(m.lastError).toMatch(/ECONNREFUSED/);
    expect(m.nextAttemptAt!.getTime() - clock.at()).toBe(2 * base); // doubled

    clock.advance(2 * base);
    await smtp.restart();
    smtp.setMode("accept");
    expect(await worker.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    await log("try 3, server recovered");
    m = await row(id);
    expect(m).toMatchObject({ status: "SENT", attempts: 3 });
    expect(smtp.received.map((r) => r.to)).toEqual([["vaithieu@example.vn"]]);
    console.log(`mail retried after a refusing SMTP server recovers (local stand-in):\n  ${transcript.join("\n  ")}`);
  });

  test("after the last try it is FAILED with the server's answer; a 5xx answer fails it at once", async () => {
    const clock = manualClock();
    worker = createMailWorker({ now: clock.now, baseDelayMs: 1000, maxAttempts: 3 });
    const { id } = await queueMail(prisma, mail("hethan@example.vn"));
    smtp.setMode({ code: 451, message: "4.7.1 Try again later (stand-in)" });
    for (let i = 0; i < 3; i++) {
      expect((await worker.runOnce()).claimed).toBe(1);
      clock.advance(60_000);
    }
    const m = await row(id);
    expect(m).toMatchObject({ status: "FAILED", attempts: 3, nextAttemptAt: null, lockedBy: null });
    expect(m.lastError).toBe("451 4.7.1 Try again later (stand-in)");
    expect((await worker.runOnce()).claimed).toBe(0); // never tried again by itself

    smtp.setMode({ code: 550, message: "5.1.1 Mailbox unavailable (stand-in)" });
    const permanent = await queueMail(prisma, mail("khongton@example.vn"));
    expect(await worker.runOnce()).toMatchObject({ claimed: 1, failed: 1 });
    expect(await row(permanent.id)).toMatchObject({
      status: "FAILED",
      attempts: 1,
      lastError: "550 5.1.1 Mailbox unavailable (stand-in)",
    });
  });

  test("a claim whose worker died is taken over once it expires", async () => {
    const clock = manualClock();
    const { id } = await queueMail(prisma, mail("bo-do@example.vn"));
    await prisma.mailMessage.update({
      where: { id },
      data: { status: "SENDING", attempts: 1, lockedBy: "dead-worker", lockedUntil: new Date(clock.at() + 60_000) },
    });
    worker = createMailWorker({ now: clock.now });
    expect((await worker.runOnce()).claimed).toBe(0); // still held
    clock.advance(61_000);
    expect(await worker.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await row(id)).toMatchObject({ status: "SENT", attempts: 2 });
  });

  test("two workers on one database never send the same mail twice", async () => {
    const count = 24;
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push((await queueMail(prisma, mail(`song-song-${i}@example.vn`))).id);
    // On PostgreSQL the second worker has its own connection pool, as a second app instance would.
    // SQLite is one file for one process (several instances need PostgreSQL), and better-sqlite3
    // blocks the thread while it waits for a lock, so there both workers share the client and
    // interleave at every await.
    const postgres = databaseProvider() === "postgresql";
    const otherClient = postgres ? createDbClient() : prisma;
    try {
      const a = createMailWorker({ batchSize: 3, workerId: "worker-a" });
      const b = createMailWorker({ db: otherClient, batchSize: 3, workerId: "worker-b" });
      await otherClient.mailMessage.count(); // connected before the race starts
      const drain = async (w: MailWorker) => {
        let sent = 0;
        // A pass that lost every claim to the other worker is not the end: go on while any is left.
        while (await prisma.mailMessage.count({ where: { id: { in: ids }, status: { in: ["QUEUED", "SENDING"] } } })) {
          sent += (await w.runOnce()).sent;
          // On SQLite every query settles without real I/O: without a turn of the event loop this
          // loop starves the other worker's SMTP socket (and vitest's own RPC) forever.
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        return sent;
      };
      const [sentA, sentB] = await Promise.all([drain(a), drain(b)]);
      await Promise.all([a.stop(), b.stop()]);
      expect(sentA + sentB).toBe(count);
      const delivered = smtp.received.flatMap((r) => r.to).filter((to) => to.startsWith("song-song-"));
      expect(delivered).toHaveLength(count);
      expect(new Set(delivered).size).toBe(count);
      expect(await prisma.mailMessage.count({ where: { id: { in: ids }, status: "SENT", attempts: 1 } })).toBe(count);
      console.log(
        `two workers, ${count} mails: worker-a sent ${sentA}, worker-b sent ${sentB}, stand-in received ${delivered.length} (${new Set(delivered).size} distinct)`,
      );
    } finally {
      if (postgres) await otherClient.$disconnect();
    }
  });
});

describe("/admin/outbox", () => {
  let failedId: string;
  beforeAll(async () => {
    useSmtp(smtp.url);
    smtp.setMode({ code: 554, message: "5.7.1 Relay access denied (stand-in)" });
    failedId = (await queueMail(prisma, mail("guilai@example.vn", { subject: "Thư cần gửi lại" }))).id;
    const worker = createMailWorker();
    await worker.runOnce();
    await worker.stop();
    smtp.setMode("accept");
  });

  test("filters by status and shows tries and the server's answer", async () => {
    const out = await call(
      outboxRoute.loader,
      new Request("http://localhost/admin/outbox?status=FAILED", { headers: { Cookie: admin } }),
    );
    const items = (out.data as Awaited<ReturnType<typeof outboxRoute.loader>>).list.items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((m) => m.status === "FAILED")).toBe(true);
    expect(items.find((m) => m.id === failedId)).toMatchObject({
      attempts: 1,
      lastError: "554 5.7.1 Relay access denied (stand-in)",
    });
    // An unknown status shows every mail instead of an error.
    const all = await call(
      outboxRoute.loader,
      new Request("http://localhost/admin/outbox?status=BOGUS", { headers: { Cookie: admin } }),
    );
    expect(all.status).toBe(200);
  });

  test("only an administrator may send a FAILED mail again; it is audited and the worker sends it", async () => {
    const retry = (cookie: string, id = failedId) =>
      call(mailRoute.action, post(`/admin/outbox/${id}`, { intent: "retry" }, cookie), { id });
    expect((await retry(organiser)).status).toBe(403);
    expect(
      (await call(mailRoute.action, post(`/admin/outbox/${failedId}`, { intent: "other" }, admin), { id: failedId }))
        .status,
    ).toBe(400);
    expect((await retry(admin, "khongco")).status).toBe(404);
    expect((await row(failedId)).status).toBe("FAILED");

    const out = await retry(admin);
    expect(out.status).toBe(302);
    expect(await row(failedId)).toMatchObject({ status: "QUEUED", attempts: 0 });
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "mail.retry", entityId: failedId } });
    expect(entry.before).toMatchObject({ status: "FAILED", lastError: "554 5.7.1 Relay access denied (stand-in)" });
    // A second click finds it no longer FAILED.
    expect((await retry(admin)).status).toBe(409);

    const worker = createMailWorker();
    expect(await worker.runOnce()).toMatchObject({ sent: 1 });
    await worker.stop();
    expect(await row(failedId)).toMatchObject({ status: "SENT", attempts: 1 });
    expect(smtp.received.flatMap((r) => r.to)).toContain("guilai@example.vn");
  });

  test("the mail page offers the retry only for a FAILED mail and links the addresses in the body", async () => {
    const { id } = await queueMail(prisma, mail("lienket@example.vn"));
    const page = await call(
      mailRoute.loader,
      new Request(`http://localhost/admin/outbox/${id}`, { headers: { Cookie: admin } }),
      { id },
    );
    expect((page.data as Awaited<ReturnType<typeof mailRoute.loader>>).mail).toMatchObject({
      status: "QUEUED",
      canRetry: false,
    });
    expect((await call(mailRoute.action, post(`/admin/outbox/${id}`, { intent: "retry" }, admin), { id })).status).toBe(
      409,
    );
  });

  test("without a mail server configured there is nothing to retry with (409)", async () => {
    const { id } = await queueMail(prisma, mail("khongsmtp@example.vn"));
    await prisma.mailMessage.update({ where: { id }, data: { status: "FAILED", lastError: "old" } });
    useSmtp(undefined);
    try {
      expect(
        (await call(mailRoute.action, post(`/admin/outbox/${id}`, { intent: "retry" }, admin), { id })).status,
      ).toBe(409);
      expect((await row(id)).status).toBe("FAILED");
    } finally {
      useSmtp(smtp.url);
    }
  });
});

describe("issuing a round's certificates", () => {
  test("returns without touching SMTP; each producer's mail is queued for the worker", async () => {
    useSmtp(smtp.url);
    const fx = await makeJudgingRound({ groups: ["B", "A"], judges: 1 });
    const organiserUser = await prisma.user.findUniqueOrThrow({ where: { email: fx.organiserEmail } });
    await prisma.round.update({
      where: { id: fx.roundId },
      data: {
        status: "RESULTS",
        resultsFinalisedAt: new Date("2026-05-10T10:00:00+07:00"),
        resultsFinalisedById: organiserUser.id,
      },
    });
    for (const [i, e] of fx.entries.entries()) {
      await prisma.entryOutcome.create({
        data: {
          roundId: fx.roundId,
          entryId: e.id,
          recognised: true,
          finalScore: 90 - i,
          finalPassed: true,
          finalRank: i + 1,
          finalPass: 1,
        },
      });
    }
    const auth = await authFor(fx.organiserEmail);
    await recordDecision(
      auth,
      fx.roundId,
      {
        number: "45/QĐ-UBND",
        signedAt: "2026-05-13",
        authority: "Ủy ban nhân dân tỉnh Bắc Ninh",
        signerName: "Nguyễn Văn Hùng",
        signerTitle: "Phó Chủ tịch",
        documentSource: "GENERATED",
      },
      meta,
    );
    const owners = [...new Set(fx.entries.map((e) => e.ownerEmail))];
    const connectionsBefore = smtp.connections;
    const result = await issueCertificates(auth, fx.roundId, meta);
    expect(result.issued).toHaveLength(fx.entries.length);
    expect(smtp.connections).toBe(connectionsBefore); // the request never opened an SMTP connection
    const queued = await prisma.mailMessage.findMany({
      where: { to: { in: owners }, subject: { contains: "Giấy chứng nhận" } },
    });
    expect(queued).toHaveLength(owners.length);
    expect(queued.every((m) => m.status === "QUEUED" && m.subject.startsWith("[Tiêu Biểu] "))).toBe(true);

    const worker = createMailWorker();
    while ((await worker.runOnce()).claimed);
    await worker.stop();
    expect(smtp.connections).toBeGreaterThan(connectionsBefore);
    expect(await prisma.mailMessage.count({ where: { id: { in: queued.map((m) => m.id) }, status: "SENT" } })).toBe(
      owners.length,
    );
  });
});
