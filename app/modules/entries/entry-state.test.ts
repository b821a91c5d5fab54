import { describe, expect, it } from "vitest";
import {
  availableMoves,
  checkMove,
  MOVES,
  type EntryMove,
  type EntryStatusName,
  type RoundStatusName,
} from "./entry-state";

const STATUSES: EntryStatusName[] = ["DRAFT", "SUBMITTED", "RETURNED", "ACCEPTED", "REJECTED", "WITHDRAWN"];
const ROUNDS: RoundStatusName[] = ["DRAFT", "OPEN", "SCREENING", "JUDGING", "RESULTS", "PUBLISHED", "ARCHIVED"];

describe("entry state machine", () => {
  it("only allows each move from its listed statuses, by its actor", () => {
    for (const move of Object.keys(MOVES) as EntryMove[]) {
      for (const status of STATUSES) {
        const m = MOVES[move];
        const r = checkMove({ move, actor: m.by, status, roundStatus: "OPEN", acceptsEntries: true, reason: "lý do" });
        expect(r.ok, `${move} from ${status}`).toBe((m.from as readonly string[]).includes(status));
        const other = m.by === "producer" ? "organiser" : "producer";
        expect(
          checkMove({ move, actor: other, status, roundStatus: "OPEN", acceptsEntries: true, reason: "x" }).ok,
        ).toBe(false);
      }
    }
  });

  it("refuses a submission after the deadline, and says so", () => {
    expect(
      checkMove({ move: "submit", actor: "producer", status: "DRAFT", roundStatus: "OPEN", acceptsEntries: false }),
    ).toEqual({
      ok: false,
      reason: "deadlinePassed",
    });
    expect(
      checkMove({
        move: "submit",
        actor: "producer",
        status: "DRAFT",
        roundStatus: "SCREENING",
        acceptsEntries: false,
      }),
    ).toEqual({
      ok: false,
      reason: "roundNotOpen",
    });
  });

  it("lets a returned dossier be completed during screening, but not once judging starts", () => {
    expect(
      checkMove({
        move: "submit",
        actor: "producer",
        status: "RETURNED",
        roundStatus: "SCREENING",
        acceptsEntries: false,
      }).ok,
    ).toBe(true);
    expect(
      checkMove({
        move: "submit",
        actor: "producer",
        status: "RETURNED",
        roundStatus: "JUDGING",
        acceptsEntries: false,
      }).ok,
    ).toBe(false);
  });

  it("needs a written reason to return or reject", () => {
    for (const move of ["return", "reject"] as const) {
      expect(
        checkMove({
          move,
          actor: "organiser",
          status: "SUBMITTED",
          roundStatus: "SCREENING",
          acceptsEntries: false,
          reason: "  ",
        }),
      ).toEqual({
        ok: false,
        reason: "reasonRequired",
      });
    }
    expect(
      checkMove({
        move: "accept",
        actor: "organiser",
        status: "SUBMITTED",
        roundStatus: "SCREENING",
        acceptsEntries: false,
      }).ok,
    ).toBe(true);
  });

  it("allows withdrawal only before judging", () => {
    for (const roundStatus of ROUNDS) {
      const r = checkMove({
        move: "withdraw",
        actor: "producer",
        status: "ACCEPTED",
        roundStatus,
        acceptsEntries: false,
      });
      expect(r.ok, roundStatus).toBe(["DRAFT", "OPEN", "SCREENING"].includes(roundStatus));
    }
  });

  it("screening happens only while the round is open or screening", () => {
    for (const roundStatus of ROUNDS) {
      const r = checkMove({
        move: "accept",
        actor: "organiser",
        status: "SUBMITTED",
        roundStatus,
        acceptsEntries: false,
      });
      expect(r.ok, roundStatus).toBe(roundStatus === "OPEN" || roundStatus === "SCREENING");
    }
  });

  it("offers the moves that are possible now", () => {
    expect(availableMoves({ actor: "producer", status: "DRAFT", roundStatus: "OPEN", acceptsEntries: true })).toEqual([
      "submit",
      "withdraw",
    ]);
    expect(
      availableMoves({ actor: "organiser", status: "SUBMITTED", roundStatus: "SCREENING", acceptsEntries: false }),
    ).toEqual(["accept", "return", "reject"]);
    expect(
      availableMoves({ actor: "producer", status: "REJECTED", roundStatus: "SCREENING", acceptsEntries: false }),
    ).toEqual([]);
  });
});
