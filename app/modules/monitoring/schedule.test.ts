import { describe, expect, test } from "vitest";
import { validUntilFor } from "~/modules/certificates/validity";
import { firstRow, itemAt } from "~/utils/arrays";
import { changesOf, changesText, confirmationPeriods, obligationAt, overduePeriod, reminderDue } from "./schedule";

const issuedAt = new Date("2024-05-20T09:00:00+07:00");
const cert = { issuedAt, validUntil: validUntilFor(issuedAt), revokedAt: null };
const at = (s: string) => new Date(`${s}+07:00`);

describe("confirmation periods", () => {
  test("one per anniversary of issue within validity (issued 2024: 2025, 2026, 2027)", () => {
    const periods = confirmationPeriods(cert);
    expect(periods.map((p) => p.period)).toEqual([1, 2, 3]);
    const first = itemAt(periods, 0, "periods");
    expect(first.dueAt.toISOString()).toBe(at("2025-05-20T00:00:00").toISOString());
    expect(first.opensAt.toISOString()).toBe(at("2025-04-20T00:00:00").toISOString());
    expect(itemAt(periods, 2, "periods").overdueAt.toISOString()).toBe(at("2027-05-21T00:00:00").toISOString());
  });

  test("an issue on 29 February has its anniversaries on 28 February", () => {
    const leap = new Date("2028-02-29T10:00:00+07:00");
    const periods = confirmationPeriods({ issuedAt: leap, validUntil: validUntilFor(leap) });
    expect(firstRow(periods, "periods").dueAt.toISOString()).toBe(at("2029-02-28T00:00:00").toISOString());
  });
});

describe("obligation at a date", () => {
  test("nothing due in the first year; open a month before the anniversary; overdue the day after", () => {
    expect(obligationAt(cert, [], at("2024-12-01T12:00:00")).state).toBe("notDue");
    expect(obligationAt(cert, [], at("2024-12-01T12:00:00")).next?.period).toBe(1);
    expect(obligationAt(cert, [], at("2025-04-19T23:59:00")).state).toBe("notDue");
    expect(obligationAt(cert, [], at("2025-04-20T00:00:00")).state).toBe("open");
    expect(obligationAt(cert, [], at("2025-05-20T23:59:00")).state).toBe("open");
    expect(obligationAt(cert, [], at("2025-05-21T00:00:00")).state).toBe("overdue");
  });

  test("a confirmation of the current period settles it until the next window", () => {
    expect(obligationAt(cert, [1], at("2025-06-01T00:00:00")).state).toBe("confirmed");
    const o = obligationAt(cert, [1], at("2026-04-25T00:00:00"));
    expect(o.state).toBe("open");
    expect(o.current?.period).toBe(2);
  });

  test("a missed year stays overdue while the next window is open, until the holder confirms", () => {
    expect(obligationAt(cert, [], at("2026-04-25T00:00:00")).state).toBe("overdue");
    expect(obligationAt(cert, [2], at("2026-04-25T00:00:00")).state).toBe("confirmed");
  });

  test("revoked or expired certificates owe nothing", () => {
    expect(obligationAt({ ...cert, revokedAt: at("2025-01-01T00:00:00") }, [], at("2025-06-01T00:00:00")).state).toBe(
      "ended",
    );
    expect(obligationAt(cert, [], at("2028-01-01T00:00:00")).state).toBe("ended");
  });

  test("the reminder of a period is due once, from its window's opening", () => {
    expect(reminderDue(obligationAt(cert, [], at("2025-04-10T00:00:00")), [])).toBeNull();
    expect(reminderDue(obligationAt(cert, [], at("2025-04-21T00:00:00")), [])).toBe(1);
    expect(reminderDue(obligationAt(cert, [], at("2025-04-21T00:00:00")), [1])).toBeNull();
    expect(reminderDue(obligationAt(cert, [1], at("2025-05-01T00:00:00")), [])).toBeNull();
  });
});

test("changes are stored in one order and read back", () => {
  expect(changesText(["OWNERSHIP", "RECIPE"])).toBe("RECIPE,OWNERSHIP");
  expect(changesText([])).toBe("");
  expect(changesOf("RECIPE,OWNERSHIP,BOGUS")).toEqual(["RECIPE", "OWNERSHIP"]);
});

describe("the period the daily job flags", () => {
  test("none before the day after the anniversary; then that period; a later confirmation answers it", () => {
    expect(overduePeriod(cert, [], at("2025-05-20T23:59:00"))).toBeNull();
    expect(overduePeriod(cert, [], at("2025-05-21T00:00:00"))?.period).toBe(1);
    // Year 1 missed, year 2's window open: still year 1 until year 2 is itself past.
    expect(overduePeriod(cert, [], at("2026-05-01T12:00:00"))?.period).toBe(1);
    expect(overduePeriod(cert, [], at("2026-05-21T00:00:00"))?.period).toBe(2);
    expect(overduePeriod(cert, [1], at("2026-05-21T00:00:00"))?.period).toBe(2);
    expect(overduePeriod(cert, [2], at("2026-06-01T12:00:00"))).toBeNull();
    expect(overduePeriod(cert, [1], at("2025-06-01T12:00:00"))).toBeNull();
    expect(overduePeriod({ ...cert, revokedAt: at("2025-06-01T00:00:00") }, [], at("2025-06-02T12:00:00"))).toBeNull();
  });
});
