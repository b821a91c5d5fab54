import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  formatSerial,
  formatVerificationCode,
  newVerificationCode,
  nextSerialSequence,
  normaliseVerificationCode,
} from "./codes";
import { certificateStatus, statusWhere, validUntilFor } from "./validity";

describe("validity", () => {
  test("runs to 31 December of the fourth year counting the issue year (2024 → 31/12/2027)", () => {
    expect(validUntilFor(new Date("2024-05-13T09:00:00+07:00")).toISOString()).toBe("2027-12-31T16:59:59.999Z");
    expect(validUntilFor(new Date("2024-01-01T00:30:00+07:00")).toISOString()).toBe("2027-12-31T16:59:59.999Z");
  });

  test("counts the issue year in Vietnam's time zone (31/12/2024 23:30 there is still 2024)", () => {
    // 2024-12-31T16:30Z is 23:30 on 31/12/2024 in Hà Nội
    expect(validUntilFor(new Date("2024-12-31T16:30:00Z")).toISOString()).toBe("2027-12-31T16:59:59.999Z");
    // 2024-12-31T17:30Z is already 1/1/2025 in Hà Nội
    expect(validUntilFor(new Date("2024-12-31T17:30:00Z")).toISOString()).toBe("2028-12-31T16:59:59.999Z");
  });

  test("status: valid up to the last instant, expired after, revoked whatever the date", () => {
    const cert = { validUntil: validUntilFor(new Date("2024-05-13T09:00:00+07:00")), revokedAt: null };
    expect(certificateStatus(cert, new Date("2027-12-31T23:59:00+07:00"))).toBe("valid");
    expect(certificateStatus(cert, new Date("2028-01-01T00:00:00+07:00"))).toBe("expired");
    expect(certificateStatus({ ...cert, revokedAt: new Date("2025-01-02") }, new Date("2025-06-01"))).toBe("revoked");
  });

  test("the where clauses partition certificates the same way as certificateStatus", () => {
    const now = new Date("2026-11-22T00:00:00Z");
    expect(statusWhere("valid", now)).toEqual({ revokedAt: null, validUntil: { gte: now } });
    expect(statusWhere("expired", now)).toEqual({ revokedAt: null, validUntil: { lt: now } });
    expect(statusWhere("revoked", now)).toEqual({ revokedAt: { not: null } });
  });

  test("property: a certificate is valid for at least three full years and at most four", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2015-01-01"), max: new Date("2040-01-01"), noInvalidDate: true }),
        (issued) => {
          const days = (validUntilFor(issued).getTime() - issued.getTime()) / 86_400_000;
          return days >= 3 * 365 && days <= 4 * 366;
        },
      ),
    );
  });
});

describe("codes", () => {
  test("verification codes are 10 unambiguous characters and normalise back", () => {
    for (let i = 0; i < 200; i++) {
      const code = newVerificationCode();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
      expect(normaliseVerificationCode(formatVerificationCode(code).toLowerCase())).toBe(code);
    }
  });

  test("typing mistakes people make are forgiven, anything else is refused", () => {
    expect(normaliseVerificationCode(" 7kq2o-9xmdl ")).toBe("7KQ20-9XMD1".replace("-", ""));
    expect(normaliseVerificationCode("ABC")).toBeNull();
    expect(normaliseVerificationCode("ABCDEFGHJKM")).toBeNull();
    expect(normaliseVerificationCode("ABCDE/FGHJK")).toBeNull();
    expect(normaliseVerificationCode("ABCDEUFGHJ")).toBeNull(); // U is not in the alphabet
  });

  test("serials count per prefix and year", () => {
    expect(formatSerial("BN", 2024, 7)).toBe("GCN-BN-2024-0007");
    expect(nextSerialSequence([])).toBe(1);
    expect(nextSerialSequence(["GCN-BN-2024-0007", "GCN-BN-2024-0012", "garbage"])).toBe(13);
  });
});
