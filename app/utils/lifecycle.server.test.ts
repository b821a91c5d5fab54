// Shutdown hooks (lifecycle.server.ts): what started last stops first, a failing or hanging hook
// does not stop the others, and readiness knows the process is stopping.
import { afterEach, describe, expect, test } from "vitest";
import {
  beginShutdown,
  isShuttingDown,
  onShutdown,
  resetLifecycleForTests,
  runShutdownHooks,
} from "./lifecycle.server";
import { readiness } from "./readiness.server";

afterEach(() => resetLifecycleForTests());

describe("shutdown hooks", () => {
  test("run in reverse order of registration; a name registered twice runs once, with its last function", async () => {
    const ran: string[] = [];
    onShutdown("database", () => ran.push("database"));
    onShutdown("jobs", () => ran.push("jobs (old)"));
    onShutdown("mail", async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      ran.push("mail");
    });
    onShutdown("jobs", () => ran.push("jobs"));
    expect(await runShutdownHooks(5_000)).toEqual([]);
    expect(ran).toEqual(["jobs", "mail", "database"]);
  });

  test("a hook that throws or never finishes is reported, and the ones after it still run", async () => {
    const ran: string[] = [];
    onShutdown("database", () => ran.push("database"));
    onShutdown("stuck", () => new Promise(() => {}));
    onShutdown("broken", () => {
      throw new Error("cannot release leases");
    });
    expect(await runShutdownHooks(200)).toEqual(["broken", "stuck"]);
    expect(ran).toEqual(["database"]);
  });

  test("once shutdown has begun, readiness answers 'shutting down' without touching the database or the files", async () => {
    expect((await readiness()).status).toBe("ok");
    expect(isShuttingDown()).toBe(false);
    beginShutdown();
    expect(await readiness()).toEqual({
      status: "shutting_down",
      reason: "shutting down",
      database: "skipped",
      files: "skipped",
    });
  });
});
