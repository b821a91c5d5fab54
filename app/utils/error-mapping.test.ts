// The one mapping from a DomainError to a route's answer (http.server.ts, forms.server.ts):
// which errors become the error page, which come back to the form, and that status, message,
// parameters and Retry-After survive the trip unchanged.
import { describe, expect, it } from "vitest";
import { DomainError, forbidden, isDomainError, notFound } from "./errors";
import { replyWithDomainError } from "./forms.server";
import { formFailure, mapDomainErrors, throwHttpError } from "./http.server";
import { getT } from "./i18n";
import { RateLimitedError } from "./rate-limit.server";

type Thrown = { type: string; data: unknown; init: { status?: number; headers?: HeadersInit } | null };

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

function asHttp(thrown: unknown) {
  const t = thrown as Thrown;
  expect(t.type).toBe("DataWithResponseInit");
  return { status: t.init?.status, data: t.data, headers: new Headers(t.init?.headers) };
}

// A stand-in for Conform's submission: reply() echoes the errors it is given.
const submission = { reply: (options?: object) => ({ status: "error" as const, ...options }) };

describe("DomainError codes", () => {
  it("derives the code from the status, telling the generic refusals from the ones with a message", () => {
    expect(forbidden().code).toBe("forbidden");
    expect(notFound().code).toBe("not_found");
    expect(forbidden("producers.error.notProducer").code).toBe("refused");
    expect(notFound("files.error.notFound").code).toBe("missing");
    expect(new DomainError(400, "error.400").code).toBe("invalid");
    expect(new DomainError(401, "files.error.loginRequired").code).toBe("unauthenticated");
    expect(new DomainError(409, "sheets.conflict").code).toBe("conflict");
    expect(new DomainError(410, "error.404").code).toBe("gone");
    expect(new DomainError(422, "files.error.cannotAnonymise").code).toBe("unprocessable");
    expect(new RateLimitedError(7).code).toBe("rate_limited");
  });

  it("keeps a named code given by the service, and isDomainError matches on it", () => {
    const e = new DomainError(409, "jury.declaration.required", undefined, undefined, "declaration_required");
    expect(e.status).toBe(409);
    expect(isDomainError(e, "declaration_required")).toBe(true);
    expect(isDomainError(e, "conflict")).toBe(false);
    expect(isDomainError(e)).toBe(true);
    expect(isDomainError(new Error("x"))).toBe(false);
  });
});

describe("throwHttpError / mapDomainErrors (loaders)", () => {
  it("turns any DomainError into the HTTP error with the same status, key and parameters", () => {
    const e = new DomainError(409, "certificates.error.notFinalised", { round: "Bắc Ninh 2026" });
    const http = asHttp(thrownBy(() => throwHttpError(e)));
    expect(http.status).toBe(409);
    expect(http.data).toEqual({ messageKey: "certificates.error.notFinalised", params: { round: "Bắc Ninh 2026" } });
  });

  it("adds Retry-After to a 429", async () => {
    const thrown = await mapDomainErrors(() => Promise.reject(new RateLimitedError(42))).catch(
      (error: unknown) => error,
    );
    const http = asHttp(thrown);
    expect(http.status).toBe(429);
    expect(http.headers.get("Retry-After")).toBe("42");
  });

  it("lets anything else through untouched (a real 500) and passes results on", async () => {
    const boom = new TypeError("boom");
    expect(thrownBy(() => throwHttpError(boom))).toBe(boom);
    await expect(mapDomainErrors(() => Promise.reject(boom))).rejects.toBe(boom);
    await expect(mapDomainErrors(() => Promise.resolve(3))).resolves.toBe(3);
  });
});

describe("formFailure (actions)", () => {
  it("throws the generic 403 and 404 as the error page", () => {
    expect(asHttp(thrownBy(() => formFailure(forbidden())))).toMatchObject({
      status: 403,
      data: { messageKey: "error.403" },
    });
    expect(asHttp(thrownBy(() => formFailure(notFound())))).toMatchObject({
      status: 404,
      data: { messageKey: "error.404" },
    });
  });

  it("returns every other DomainError for the form, a 403/404 with its own message included", () => {
    for (const e of [
      new DomainError(409, "rounds.transition.same"),
      new DomainError(400, "rounds.reopen.reasonRequired", undefined, "reason"),
      forbidden("results.secretary.notYet"),
      notFound("nominations.error.targetNotFound"),
      new DomainError(401, "invite.accept.loginFirst", { email: "a@b.vn" }),
    ]) {
      expect(formFailure(e)).toBe(e);
    }
  });

  it("rethrows what is not a DomainError", () => {
    const boom = new Error("boom");
    expect(thrownBy(() => formFailure(boom))).toBe(boom);
  });
});

describe("replyWithDomainError (Conform forms)", () => {
  const t = getT("vi");

  it("puts a field's error on the field and keeps the status", () => {
    const reply = replyWithDomainError(
      new DomainError(400, "rounds.reopen.reasonRequired", undefined, "reason"),
      submission,
      { t },
    );
    expect(reply.init?.status).toBe(400);
    expect(reply.data.result).toMatchObject({ fieldErrors: { reason: ["rounds.reopen.reasonRequired"] } });
  });

  it("translates a message with parameters on the server, and sends a plain key as a key", () => {
    const withParams = replyWithDomainError(
      new DomainError(409, "certificates.error.notFinalised", { round: "Bắc Ninh 2026" }),
      submission,
      { t },
    );
    expect(withParams.init?.status).toBe(409);
    expect(withParams.data.result).toMatchObject({
      formErrors: [t("certificates.error.notFinalised", { round: "Bắc Ninh 2026" })],
    });
    expect(t("certificates.error.notFinalised", { round: "Bắc Ninh 2026" })).toContain("Bắc Ninh 2026");
    const plain = replyWithDomainError(new DomainError(409, "rounds.transition.same"), submission, { t });
    expect(plain.data.result).toMatchObject({ formErrors: ["rounds.transition.same"] });
  });

  it("answers a 429 with Retry-After and a generic refusal with the error page", () => {
    const limited = replyWithDomainError(new RateLimitedError(9), submission, { t });
    expect(limited.init?.status).toBe(429);
    expect(new Headers(limited.init?.headers).get("Retry-After")).toBe("9");
    expect(asHttp(thrownBy(() => replyWithDomainError(forbidden(), submission)))).toMatchObject({ status: 403 });
  });
});
