import { describe, expect, it } from "vitest";
import { invitationStatus } from "./status";

const now = new Date("2026-03-01T00:00:00Z");
const later = new Date("2026-03-08T00:00:00Z");
const earlier = new Date("2026-02-20T00:00:00Z");

describe("invitationStatus", () => {
  it("is pending until it expires", () => {
    expect(invitationStatus({ acceptedAt: null, revokedAt: null, expiresAt: later }, now)).toBe("pending");
    expect(invitationStatus({ acceptedAt: null, revokedAt: null, expiresAt: now }, now)).toBe("expired");
    expect(invitationStatus({ acceptedAt: null, revokedAt: null, expiresAt: earlier }, now)).toBe("expired");
  });
  it("prefers accepted, then revoked, over expiry", () => {
    expect(invitationStatus({ acceptedAt: earlier, revokedAt: null, expiresAt: earlier }, now)).toBe("accepted");
    expect(invitationStatus({ acceptedAt: null, revokedAt: earlier, expiresAt: earlier }, now)).toBe("revoked");
    expect(
      invitationStatus({ acceptedAt: null, revokedAt: earlier.toISOString(), expiresAt: later.toISOString() }, now),
    ).toBe("revoked");
  });
});
