import { describe, expect, it } from "vitest";
import { entryOutcome, type EntryOutcomeInput } from "./entry-outcome";

const now = new Date("2026-06-01T00:00:00Z");
const base: EntryOutcomeInput = {
  status: "ACCEPTED",
  round: { level: "PROVINCE", status: "PUBLISHED", resultsFinalisedAt: "2025-11-01T00:00:00Z" },
  outcome: { recognised: true, finalPassed: true },
  certificate: null,
};

describe("entryOutcome", () => {
  it("shows the screening status before judging and for entries that never passed screening", () => {
    expect(
      entryOutcome(
        { ...base, status: "SUBMITTED", round: { ...base.round, status: "SCREENING", resultsFinalisedAt: null } },
        now,
      ),
    ).toEqual({ kind: "screening", status: "SUBMITTED" });
    expect(entryOutcome({ ...base, status: "REJECTED" }, now)).toEqual({ kind: "screening", status: "REJECTED" });
    expect(
      entryOutcome(
        { ...base, outcome: null, round: { ...base.round, status: "SCREENING", resultsFinalisedAt: null } },
        now,
      ),
    ).toEqual({ kind: "screening", status: "ACCEPTED" });
  });
  it("says the entry is being judged until the results are final", () => {
    expect(
      entryOutcome(
        { ...base, outcome: null, round: { ...base.round, status: "JUDGING", resultsFinalisedAt: null } },
        now,
      ),
    ).toEqual({ kind: "judging" });
    expect(
      entryOutcome({ ...base, round: { ...base.round, status: "RESULTS", resultsFinalisedAt: null } }, now),
    ).toEqual({ kind: "judging" });
  });
  it("shows recognition at the round's tier with the certificate's standing", () => {
    const nation = { ...base.round, level: "NATION" as const };
    expect(
      entryOutcome(
        { ...base, round: nation, certificate: { validUntil: "2029-12-31T16:59:59.999Z", revokedAt: null } },
        now,
      ),
    ).toEqual({ kind: "recognised", level: "NATION", certificate: "valid" });
    expect(
      entryOutcome({ ...base, certificate: { validUntil: "2025-12-31T16:59:59.999Z", revokedAt: null } }, now),
    ).toEqual({ kind: "recognised", level: "PROVINCE", certificate: "expired" });
    expect(
      entryOutcome(
        { ...base, certificate: { validUntil: "2029-12-31T16:59:59.999Z", revokedAt: "2026-01-10T00:00:00Z" } },
        now,
      ),
    ).toEqual({ kind: "recognised", level: "PROVINCE", certificate: "revoked" });
    expect(entryOutcome(base, now)).toEqual({ kind: "recognised", level: "PROVINCE", certificate: null });
  });
  it("says not recognised when the council voted no or the entry did not pass", () => {
    expect(entryOutcome({ ...base, outcome: { recognised: false, finalPassed: true } }, now)).toEqual({
      kind: "notRecognised",
    });
    expect(entryOutcome({ ...base, outcome: { recognised: null, finalPassed: false } }, now)).toEqual({
      kind: "notRecognised",
    });
  });
  it("waits for the council's decision when the results are final but nothing is decided", () => {
    expect(entryOutcome({ ...base, outcome: { recognised: null, finalPassed: true } }, now)).toEqual({
      kind: "awaitingDecision",
    });
    expect(entryOutcome({ ...base, outcome: null }, now)).toEqual({ kind: "awaitingDecision" });
  });
});
