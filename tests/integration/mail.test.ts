// The SMTP adapter is tested against a local SMTP stand-in (smtp-server on a loopback port),
// since no real mail server is reachable here. The outbox-only default needs no server.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sendMail, setMailTransportForTests } from "~/modules/mail/mailer.server";
import { prisma } from "~/utils/db.server";
import { resetEnvCache } from "~/utils/env.server";

interface Received {
  from: string;
  to: string[];
  raw: string;
}

function startLocalSmtpStandIn(opts: { reject?: boolean } = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => (raw += chunk));
      stream.on("end", () => {
        if (opts.reject) return callback(new Error("550 mailbox unavailable (stand-in refuses)"));
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  return new Promise<{ port: number; received: Received[]; close: () => Promise<void> }>((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.server.address() as AddressInfo;
      resolve({ port, received, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

function useSmtp(url: string | undefined) {
  if (url) process.env.SMTP_URL = url;
  else delete process.env.SMTP_URL;
  resetEnvCache();
  setMailTransportForTests(undefined); // re-read SMTP_URL on next send
}

describe("mail without SMTP (default)", () => {
  beforeAll(() => useSmtp(undefined));
  it("stores the message in the outbox only", async () => {
    const m = await sendMail(prisma, { to: "a@example.vn", subject: "Chào bạn", text: "Nội dung có dấu: Mỳ gạo Chũ" });
    expect(m).toMatchObject({ status: "STORED", transport: "outbox" });
    const row = await prisma.mailMessage.findUniqueOrThrow({ where: { id: m.id } });
    expect(row.text).toContain("Mỳ gạo Chũ");
  });
});

describe("mail through SMTP (local stand-in)", () => {
  let smtp: Awaited<ReturnType<typeof startLocalSmtpStandIn>>;
  beforeAll(async () => {
    smtp = await startLocalSmtpStandIn();
    useSmtp(`smtp://127.0.0.1:${smtp.port}`);
  });
  afterAll(async () => {
    await smtp.close();
    useSmtp(undefined);
  });
  afterEach(() => {
    smtp.received.length = 0;
  });

  it("delivers to the server, keeps a copy in the outbox and marks it SENT", async () => {
    const m = await sendMail(prisma, { to: "hoptac@example.vn", subject: "Xác nhận hồ sơ", text: "Vải thiều Lục Ngạn" });
    expect(m).toMatchObject({ status: "SENT", transport: "smtp" });
    expect(m.sentAt).toBeInstanceOf(Date);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].to).toEqual(["hoptac@example.vn"]);
    expect(smtp.received[0].from).toBe("no-reply@tieubieu.local");
    // Vietnamese subject survives MIME encoding (encoded-word), so check the decoded header.
    expect(smtp.received[0].raw).toMatch(/^Subject: .+$/m);
  });
});

describe("mail through SMTP that refuses", () => {
  let smtp: Awaited<ReturnType<typeof startLocalSmtpStandIn>>;
  beforeAll(async () => {
    smtp = await startLocalSmtpStandIn({ reject: true });
    useSmtp(`smtp://127.0.0.1:${smtp.port}`);
  });
  afterAll(async () => {
    await smtp.close();
    useSmtp(undefined);
  });

  it("keeps the message, marked FAILED with the server's error", async () => {
    const m = await sendMail(prisma, { to: "x@example.vn", subject: "S", text: "T" });
    expect(m.status).toBe("FAILED");
    expect(m.error).toMatch(/550|refuses/);
    expect(await prisma.mailMessage.count({ where: { id: m.id } })).toBe(1);
  });
});
