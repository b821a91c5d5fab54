import { describe, expect, it } from "vitest";
import {
  FREE_FAILURES,
  IP_SLOW_AFTER,
  MAX_DELAY_MS,
  MAX_SLOW_MS,
  WINDOW_MS,
  throttleVerdict,
  type Attempt,
} from "./login-throttle";

const t0 = new Date("2026-01-01T00:00:00Z").getTime();
const at = (ms: number) => new Date(t0 + ms);
const fail = (ms: number, ip = "1.1.1.1", email = "a@x.vn"): Attempt => ({
  email,
  ipAddress: ip,
  success: false,
  createdAt: at(ms),
});

describe("throttleVerdict", () => {
  it("allows the first failures freely", () => {
    const attempts = Array.from({ length: FREE_FAILURES - 1 }, (_, i) => fail(i * 1000));
    expect(throttleVerdict({ email: "a@x.vn", ip: "1.1.1.1", now: at(5000), attempts }).allowed).toBe(true);
  });

  it("makes each further try wait longer", () => {
    const attempts = Array.from({ length: FREE_FAILURES + 3 }, (_, i) => fail(i));
    const v = throttleVerdict({ email: "a@x.vn", ip: "1.1.1.1", now: at(FREE_FAILURES + 3), attempts });
    expect(v).toEqual({ allowed: false, retryAfterSeconds: 8 });
    expect(throttleVerdict({ email: "a@x.vn", ip: "1.1.1.1", now: at(10_000), attempts }).allowed).toBe(true);
  });

  it("caps the delay", () => {
    const attempts = Array.from({ length: 40 }, (_, i) => fail(i));
    const v = throttleVerdict({ email: "a@x.vn", ip: "1.1.1.1", now: at(40), attempts });
    expect(v.allowed).toBe(false);
    if (!v.allowed) expect(v.retryAfterSeconds).toBeLessThanOrEqual(MAX_DELAY_MS / 1000);
  });

  it("does not slow the same account from another address", () => {
    const attempts = Array.from({ length: 20 }, (_, i) => fail(i));
    expect(throttleVerdict({ email: "a@x.vn", ip: "2.2.2.2", now: at(21), attempts }).allowed).toBe(true);
  });

  it("resets after a success", () => {
    const attempts: Attempt[] = [
      ...Array.from({ length: 10 }, (_, i) => fail(i)),
      { email: "a@x.vn", ipAddress: "1.1.1.1", success: true, createdAt: at(100) },
      fail(101),
    ];
    expect(throttleVerdict({ email: "a@x.vn", ip: "1.1.1.1", now: at(102), attempts }).allowed).toBe(true);
  });

  it("forgets failures older than the window", () => {
    const attempts = Array.from({ length: 20 }, (_, i) => fail(i));
    expect(throttleVerdict({ email: "a@x.vn", ip: "1.1.1.1", now: at(WINDOW_MS + 100), attempts }).allowed).toBe(true);
  });

  it("slows down, but does not lock, an address that fails across many accounts (an office behind one NAT)", () => {
    const attempts = Array.from({ length: IP_SLOW_AFTER + 9 }, (_, i) => fail(i * 10, "9.9.9.9", `u${i}@x.vn`));
    const v = throttleVerdict({ email: "new@x.vn", ip: "9.9.9.9", now: at((IP_SLOW_AFTER + 9) * 10), attempts });
    expect(v).toEqual({ allowed: true, delayMs: 1000 });
    const below = throttleVerdict({
      email: "new@x.vn",
      ip: "9.9.9.9",
      now: at(1e6),
      attempts: attempts.slice(0, IP_SLOW_AFTER - 1),
    });
    expect(below).toEqual({ allowed: true, delayMs: 0 });
    const many = Array.from({ length: 500 }, (_, i) => fail(i, "9.9.9.9", `u${i}@x.vn`));
    expect(throttleVerdict({ email: "new@x.vn", ip: "9.9.9.9", now: at(501), attempts: many })).toEqual({
      allowed: true,
      delayMs: MAX_SLOW_MS,
    });
  });

  it("from a slowed-down address, an account gets one free failure, then waits", () => {
    const crowd = Array.from({ length: IP_SLOW_AFTER }, (_, i) => fail(i, "9.9.9.9", `u${i}@x.vn`));
    const v = throttleVerdict({
      email: "a@x.vn",
      ip: "9.9.9.9",
      now: at(1000),
      attempts: [...crowd, fail(999, "9.9.9.9")],
    });
    expect(v.allowed).toBe(false);
  });
});
