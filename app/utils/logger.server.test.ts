// The logger's promises (docs/decisions/021): one JSON object per line, the request id on every
// line written inside a request, and no cookie, authorization, password, token or e-mail address
// in the output, whether passed as fields or written into a message or an error.
import { Writable } from "node:stream";
import { describe, expect, test } from "vitest";
import { itemAt } from "./arrays";
import { createLogger, currentRequestId, runWithRequestContext, scrubText } from "./logger.server";

function capture(level: "info" | "debug" = "info") {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  const logger = createLogger({ level, destination });
  const text = () => chunks.join("");
  const lines = () =>
    text()
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  /** The line logged at `index` (throws if fewer were logged). */
  const line = (index: number) => itemAt(lines(), index, "logged lines");
  return { logger, text, line };
}

const SESSION = "auth_session=s3cr3tS3ss10nV4lue; tb_lang=vi";
const PASSWORD = "Mật-khẩu-bí-mật-42";
const EMAIL = "nguyen.van.a@example.vn";

describe("logger", () => {
  test("a request carrying a session cookie and a login body: neither reaches the output", () => {
    const { logger, text, line } = capture("debug");
    logger.info(
      {
        req: {
          method: "POST",
          url: "/login",
          headers: {
            cookie: SESSION,
            authorization: "Bearer abc.def.ghi",
            "content-type": "application/x-www-form-urlencoded",
          },
        },
        body: { email: EMAIL, password: PASSWORD, redirectTo: "/producer" },
        res: { headers: { "set-cookie": ["auth_session=n3wS3ss10n; HttpOnly"] } },
      },
      "login request",
    );
    logger.warn(`login failed for ${EMAIL} with password=${PASSWORD}`);
    logger.debug({ form: { fields: { password: PASSWORD, token: "invite-token-123" } } }, "nested form");
    const out = text();
    for (const secret of ["s3cr3tS3ss10nV4lue", "abc.def.ghi", PASSWORD, EMAIL, "n3wS3ss10n", "invite-token-123"]) {
      expect(out).not.toContain(secret);
    }
    const [request, failed, nested] = [line(0), line(1), line(2)];
    expect(request).toMatchObject({
      level: "info",
      msg: "login request",
      req: {
        method: "POST",
        url: "/login",
        headers: {
          cookie: "[redacted]",
          authorization: "[redacted]",
          "content-type": "application/x-www-form-urlencoded",
        },
      },
      body: { email: "[redacted]", password: "[redacted]", redirectTo: "/producer" },
    });
    expect(failed.msg).toBe("login failed for [email] with password=[redacted]");
    expect(nested).toMatchObject({ form: { fields: { password: "[redacted]", token: "[redacted]" } } });
  });

  test("error messages and stacks are scrubbed too", () => {
    const { logger, text, line } = capture();
    logger.error(
      { err: new Error(`SMTP refused ${EMAIL} via smtps://mailer:hunter2@mail.example.vn:465`) },
      "mail failed",
    );
    logger.error(new Error(`reset link https://tieubieu.example.vn/reset-password/AbCdEf0123 failed`));
    expect(text()).not.toContain(EMAIL);
    expect(text()).not.toContain("hunter2");
    expect(text()).not.toContain("AbCdEf0123");
    const [first, second] = [line(0), line(1)];
    expect((first.err as { message: string }).message).toBe(
      "SMTP refused [email] via smtps://[redacted]@mail.example.vn:465",
    );
    expect((second.err as { type: string; stack: string }).type).toBe("Error");
    expect((second.err as { stack: string }).stack).toContain("/reset-password/[redacted]");
  });

  test("every line inside a request context carries its id, however deep the await chain", async () => {
    const { logger, line } = capture();
    logger.info("before");
    await runWithRequestContext({ requestId: "req-123" }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await Promise.resolve().then(() => logger.child({ module: "deep" }).info("inside"));
      expect(currentRequestId()).toBe("req-123");
    });
    logger.info("after");
    const [before, inside, after] = [line(0), line(1), line(2)];
    expect(before.reqId).toBeUndefined();
    expect(inside).toMatchObject({ reqId: "req-123", module: "deep", msg: "inside" });
    expect(after.reqId).toBeUndefined();
    expect(typeof inside.time).toBe("string");
    expect(inside.pid).toBe(process.pid);
  });

  test("scrubText keeps ordinary text and replaces what identifies or authenticates", () => {
    expect(scrubText("bulk job 42 failed after 3 tries")).toBe("bulk job 42 failed after 3 tries");
    expect(scrubText("gửi thư tới trần.thị.b@tinh.gov.vn thất bại")).toBe("gửi thư tới [email] thất bại");
    expect(scrubText("GET /invite/Zz9_token?lang=vi")).toBe("GET /invite/[redacted]?lang=vi");
    expect(scrubText("Authorization: Bearer eyJhbGciOi.x.y")).toBe("Authorization: Bearer [redacted]");
    expect(scrubText("postgresql://app:pa55@db:5432/tb")).toBe("postgresql://[redacted]@db:5432/tb");
    expect(scrubText("?token=abc&page=2")).toBe("?token=[redacted]&page=2");
  });
});
