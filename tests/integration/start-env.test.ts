// The production rules checked at start (docs/decisions/014-lean-production-start.md): an https://
// APP_URL unless plain HTTP is allowed by name, SEED_DEMO stated explicitly and the only switch
// of the demo data; through readEnv and through the real start and seed processes.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { EnvError, readEnv } from "~/utils/env.server";

const SECRET = "x".repeat(40);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tieubieu-start-env-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs a TypeScript entry point as its own process (as `npm run dev` would), with only `env`. */
function runTs(file: string, env: Record<string, string>) {
  return spawnSync(process.execPath, ["--import", "tsx", path.resolve(file)], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", ...env },
    timeout: 120_000,
  });
}

/** Where a real deployment keeps its data (required in production, tested in env-operations.test.ts). */
const WHERE = { DATABASE_URL: "postgresql://app@db.internal:5432/tieubieu", DATA_DIR: path.join(tmp, "deployment") };

describe("APP_URL in production", () => {
  const prod = { NODE_ENV: "production", SESSION_SECRET: SECRET, SEED_DEMO: "0", ...WHERE };

  test("without APP_URL the start is refused with a message naming APP_URL", () => {
    expect(() => readEnv(prod)).toThrow(EnvError);
    expect(() => readEnv(prod)).toThrow(/APP_URL is required when NODE_ENV=production: the public https:\/\/ address/);
  });

  test("a plain http:// APP_URL is refused too, and the message names the way out", () => {
    expect(() => readEnv({ ...prod, APP_URL: "http://tieubieu.example.vn" })).toThrow(
      /APP_URL must be an https:\/\/ address when NODE_ENV=production \(it is http:\/\/tieubieu\.example\.vn\)\. Set ALLOW_INSECURE_HTTP=1/,
    );
  });

  test("an https:// APP_URL is accepted and marks the site secure", () => {
    const env = readEnv({ ...prod, APP_URL: "https://tieubieu.example.vn/" });
    expect(env.appUrl).toBe("https://tieubieu.example.vn");
    expect(env.isProduction).toBe(true);
  });

  test("ALLOW_INSECURE_HTTP=1 allows plain HTTP: localhost fallback and a secret generated into DATA_DIR", () => {
    const dir = path.join(tmp, "insecure");
    const env = readEnv({
      NODE_ENV: "production",
      SEED_DEMO: "1",
      ALLOW_INSECURE_HTTP: "1",
      PORT: "3456",
      DATA_DIR: dir,
    });
    expect(env.appUrl).toBe("http://localhost:3456");
    expect(env.sessionSecret).toBe(fs.readFileSync(path.join(dir, "session-secret"), "utf8").trim());
    expect(readEnv({ ...prod, ALLOW_INSECURE_HTTP: "true", APP_URL: "http://192.168.1.10:3000" }).appUrl).toBe(
      "http://192.168.1.10:3000",
    );
    // "0" is not permission.
    expect(() => readEnv({ ...prod, ALLOW_INSECURE_HTTP: "0", APP_URL: "http://192.168.1.10:3000" })).toThrow(
      /APP_URL must be an https:\/\//,
    );
    expect(() => readEnv({ ...prod, ALLOW_INSECURE_HTTP: "yes" })).toThrow(/ALLOW_INSECURE_HTTP/);
  });

  test("every missing production setting is named in one message", () => {
    const error = (() => {
      try {
        readEnv({ NODE_ENV: "production", DATA_DIR: path.join(tmp, "all") });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(EnvError);
    expect(error?.message).toMatch(/APP_URL is required/);
    expect(error?.message).toMatch(/SESSION_SECRET is required/);
    expect(error?.message).toMatch(/SEED_DEMO must be set/);
  });

  test("outside production nothing changes: http://localhost:PORT is the default", () => {
    expect(readEnv({ DATA_DIR: path.join(tmp, "dev"), PORT: "3001" }).appUrl).toBe("http://localhost:3001");
  });

  test("the server's start stops with the message on its error output, before touching the database", () => {
    const dir = path.join(tmp, "start");
    const run = runTs("server/main.ts", {
      NODE_ENV: "production",
      SESSION_SECRET: SECRET,
      SEED_DEMO: "0",
      DATA_DIR: dir,
      APP_URL: "http://example.vn",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/✖ APP_URL must be an https:\/\/ address when NODE_ENV=production/);
    expect(fs.existsSync(path.join(dir, "tieubieu.db"))).toBe(false);
  });
});

describe("SEED_DEMO alone decides the demo data", () => {
  test("1/true seed it and 0/false do not, whatever NODE_ENV is", () => {
    const https = { SESSION_SECRET: SECRET, APP_URL: "https://tieubieu.example.vn", ...WHERE };
    for (const NODE_ENV of ["production", "development", "test"]) {
      expect(readEnv({ ...https, NODE_ENV, SEED_DEMO: "1" }).seedDemo).toBe(true);
      expect(readEnv({ ...https, NODE_ENV, SEED_DEMO: "true" }).seedDemo).toBe(true);
      expect(readEnv({ ...https, NODE_ENV, SEED_DEMO: "0" }).seedDemo).toBe(false);
      expect(readEnv({ ...https, NODE_ENV, SEED_DEMO: "false" }).seedDemo).toBe(false);
    }
    expect(() => readEnv({ ...https, SEED_DEMO: "no" })).toThrow(/SEED_DEMO/);
  });

  test("unset, it is on outside production and refused in production with a message naming SEED_DEMO", () => {
    expect(readEnv({ SESSION_SECRET: SECRET }).seedDemo).toBe(true);
    expect(() =>
      readEnv({ NODE_ENV: "production", SESSION_SECRET: SECRET, APP_URL: "https://tieubieu.example.vn", ...WHERE }),
    ).toThrow(/SEED_DEMO must be set when NODE_ENV=production: SEED_DEMO=0 on a real deployment/);
  });

  test("the seed process with SEED_DEMO=0 in production loads the reference data and no demo account", async () => {
    const run = runTs("prisma/seed.ts", {
      NODE_ENV: "production",
      SESSION_SECRET: SECRET,
      APP_URL: "https://tieubieu.example.vn",
      SEED_DEMO: "0",
      DATA_DIR: process.env.DATA_DIR!,
      DATABASE_URL: process.env.DATABASE_URL!,
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Seed: 3 regions, 97 provinces .*; demo data skipped/);
    expect(await prisma.province.count()).toBe(97);
    expect(await prisma.user.count()).toBe(0);
  });
});
