// The operations settings checked at start (app/utils/env.server.ts, README "Production"): each
// wrong value stops the start with a message naming the variable; a real production deployment
// must say where its data lives.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { EnvError, readEnv } from "~/utils/env.server";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tieubieu-env-ops-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const dev = { NODE_ENV: "development", DATA_DIR: path.join(tmp, "dev") };
const prod = {
  NODE_ENV: "production",
  SESSION_SECRET: "s".repeat(40),
  APP_URL: "https://tieubieu.example.vn",
  SEED_DEMO: "0",
  DATABASE_URL: "postgresql://app@db.internal:5432/tieubieu",
  DATA_DIR: path.join(tmp, "prod"),
};

function problemOf(env: Record<string, string>): string {
  try {
    readEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
  throw new Error("readEnv accepted the environment");
}

describe("operations settings", () => {
  test("defaults: info-level logs, both workers on, 20 s to finish requests at shutdown, no metrics token", () => {
    const env = readEnv(dev);
    expect(env).toMatchObject({ runJobWorker: true, runMailWorker: true, SHUTDOWN_TIMEOUT_MS: 20_000 });
    expect(env.LOG_LEVEL).toBeUndefined();
    expect(env.METRICS_TOKEN).toBeUndefined();
    expect(env.warnings).toEqual([]);
  });

  test("LOG_LEVEL: one of pino's levels, any case", () => {
    expect(readEnv({ ...dev, LOG_LEVEL: "DEBUG" }).LOG_LEVEL).toBe("debug");
    expect(readEnv({ ...dev, LOG_LEVEL: "silent" }).LOG_LEVEL).toBe("silent");
    expect(problemOf({ ...dev, LOG_LEVEL: "verbose" })).toMatch(
      /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/,
    );
  });

  test("JOB_WORKER and MAIL_WORKER: 0 or 1, each named when wrong", () => {
    expect(readEnv({ ...dev, JOB_WORKER: "0", MAIL_WORKER: "1" })).toMatchObject({
      runJobWorker: false,
      runMailWorker: true,
    });
    expect(readEnv({ ...dev, MAIL_WORKER: "0" })).toMatchObject({ runJobWorker: true, runMailWorker: false });
    expect(problemOf({ ...dev, JOB_WORKER: "yes" })).toMatch(/JOB_WORKER must be 0 or 1/);
    expect(problemOf({ ...dev, MAIL_WORKER: "true" })).toMatch(/MAIL_WORKER must be 0 or 1/);
  });

  test("METRICS_TOKEN: at least 32 printable characters", () => {
    expect(readEnv({ ...dev, METRICS_TOKEN: "a".repeat(32) }).METRICS_TOKEN).toBe("a".repeat(32));
    expect(problemOf({ ...dev, METRICS_TOKEN: "short" })).toMatch(/METRICS_TOKEN must be at least 32 characters/);
    expect(problemOf({ ...dev, METRICS_TOKEN: `${"a".repeat(32)} b` })).toMatch(
      /METRICS_TOKEN must be printable ASCII without spaces/,
    );
  });

  test("SHUTDOWN_TIMEOUT_MS: a whole number of milliseconds up to 10 minutes", () => {
    expect(readEnv({ ...dev, SHUTDOWN_TIMEOUT_MS: "5000" }).SHUTDOWN_TIMEOUT_MS).toBe(5000);
    expect(problemOf({ ...dev, SHUTDOWN_TIMEOUT_MS: "soon" })).toMatch(
      /SHUTDOWN_TIMEOUT_MS must be a number of milliseconds/,
    );
    expect(problemOf({ ...dev, SHUTDOWN_TIMEOUT_MS: "-1" })).toMatch(/SHUTDOWN_TIMEOUT_MS cannot be negative/);
    expect(problemOf({ ...dev, SHUTDOWN_TIMEOUT_MS: "900000" })).toMatch(/SHUTDOWN_TIMEOUT_MS must be at most 600000/);
  });

  test("SMTP_URL names a server; MAIL_FROM is an address or Name <address>", () => {
    expect(readEnv({ ...dev, SMTP_URL: "smtps://user:pw@mail.example.vn:465" }).SMTP_URL).toBe(
      "smtps://user:pw@mail.example.vn:465",
    );
    expect(problemOf({ ...dev, SMTP_URL: "mail.example.vn" })).toMatch(
      /SMTP_URL must start with smtp:\/\/ or smtps:\/\//,
    );
    expect(problemOf({ ...dev, SMTP_URL: "smtp://" })).toMatch(/SMTP_URL must name the mail server/);
    expect(readEnv({ ...dev, MAIL_FROM: "Sở Công Thương <noreply@sct.example.gov.vn>" }).MAIL_FROM).toBe(
      "Sở Công Thương <noreply@sct.example.gov.vn>",
    );
    expect(readEnv({ ...dev, MAIL_FROM: "noreply@sct.example.gov.vn" }).MAIL_FROM).toBe("noreply@sct.example.gov.vn");
    for (const bad of ["Sở Công Thương", "a <b>", "x@y <z@w>"])
      expect(problemOf({ ...dev, MAIL_FROM: bad })).toMatch(/MAIL_FROM must be an address or "Name <address>"/);
  });

  test("a real production deployment names its database and its data folder (absolute) or UploadThing", () => {
    expect(readEnv(prod).isProduction).toBe(true);
    const { DATABASE_URL: _db, DATA_DIR: _dir, ...nowhere } = prod;
    const message = problemOf(nowhere);
    expect(message).toMatch(/DATABASE_URL is required when NODE_ENV=production/);
    expect(message).toMatch(
      /DATA_DIR \(an absolute path, e\.g\. \/var\/lib\/tieu-bieu\) or UPLOADTHING_TOKEN is required/,
    );
    expect(problemOf({ ...prod, DATA_DIR: "data" })).toMatch(
      /DATA_DIR must be an absolute path when NODE_ENV=production \(it is data\)/,
    );
    const token = Buffer.from(JSON.stringify({ apiKey: "sk_live_x", appId: "app", regions: ["sea1"] })).toString(
      "base64",
    );
    const { DATA_DIR: _unused, ...remote } = prod;
    expect(readEnv({ ...remote, UPLOADTHING_TOKEN: token }).UPLOADTHING_TOKEN).toBe(token);
  });

  test("production without SMTP runs, with a warning that mail stays in the outbox", () => {
    expect(readEnv(prod).warnings).toEqual([
      "SMTP_URL is not set: mail is kept in the outbox (/admin/outbox) and not delivered.",
    ]);
    expect(readEnv({ ...prod, SMTP_URL: "smtp://mail.example.vn:587" }).warnings).toEqual([]);
  });

  test("a local trial (ALLOW_INSECURE_HTTP=1, as `npm start` sets it) keeps its defaults", () => {
    const env = readEnv({
      NODE_ENV: "production",
      SEED_DEMO: "1",
      ALLOW_INSECURE_HTTP: "1",
      DATA_DIR: path.join(tmp, "trial"),
    });
    expect(env.appUrl).toBe("http://localhost:3000");
  });
});
