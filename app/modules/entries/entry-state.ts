// The one state machine of an entry (hồ sơ dự thi). Every status change goes through
// entries.server.ts#changeEntryStatus, which asks this module whether the move is allowed.
export type EntryStatusName = "DRAFT" | "SUBMITTED" | "RETURNED" | "ACCEPTED" | "REJECTED" | "WITHDRAWN";
export type EntryActor = "producer" | "organiser";
export type RoundStatusName = "DRAFT" | "OPEN" | "SCREENING" | "JUDGING" | "RESULTS" | "PUBLISHED" | "ARCHIVED";

interface Move {
  from: EntryStatusName[];
  to: EntryStatusName;
  by: EntryActor;
  reasonRequired: boolean;
}

export const MOVES = {
  submit: { from: ["DRAFT", "RETURNED"], to: "SUBMITTED", by: "producer", reasonRequired: false },
  accept: { from: ["SUBMITTED"], to: "ACCEPTED", by: "organiser", reasonRequired: false },
  return: { from: ["SUBMITTED"], to: "RETURNED", by: "organiser", reasonRequired: true },
  reject: { from: ["SUBMITTED"], to: "REJECTED", by: "organiser", reasonRequired: true },
  withdraw: {
    from: ["DRAFT", "SUBMITTED", "RETURNED", "ACCEPTED"],
    to: "WITHDRAWN",
    by: "producer",
    reasonRequired: false,
  },
} as const satisfies Record<string, Move>;

export type EntryMove = keyof typeof MOVES;

const BEFORE_JUDGING: RoundStatusName[] = ["DRAFT", "OPEN", "SCREENING"];

export type MoveCheck =
  | { ok: true; to: EntryStatusName }
  | {
      ok: false;
      reason: "wrongStatus" | "wrongActor" | "reasonRequired" | "deadlinePassed" | "roundNotOpen" | "judgingStarted";
    };

/**
 * Whether `actor` may make `move` on an entry in `status`, in a round in `roundStatus`.
 * - Producers submit while the round accepts entries (status OPEN, before the deadline); a
 *   dossier RETURNED for completion may be resubmitted during screening too.
 * - Organisers screen (accept / return / reject) while the round is OPEN or SCREENING.
 * - Producers may withdraw until judging starts.
 */
export function checkMove(input: {
  move: EntryMove;
  actor: EntryActor;
  status: EntryStatusName;
  roundStatus: RoundStatusName;
  acceptsEntries: boolean; // round OPEN and now within its entry period
  reason?: string | null;
}): MoveCheck {
  const m: Move = MOVES[input.move];
  if (m.by !== input.actor) return { ok: false, reason: "wrongActor" };
  if (!m.from.includes(input.status)) return { ok: false, reason: "wrongStatus" };
  if (m.reasonRequired && !input.reason?.trim()) return { ok: false, reason: "reasonRequired" };
  if (input.move === "submit") {
    if (input.status === "RETURNED") {
      if (!["OPEN", "SCREENING"].includes(input.roundStatus)) return { ok: false, reason: "roundNotOpen" };
    } else if (!input.acceptsEntries) {
      return { ok: false, reason: input.roundStatus === "OPEN" ? "deadlinePassed" : "roundNotOpen" };
    }
  }
  if (m.by === "organiser" && !["OPEN", "SCREENING"].includes(input.roundStatus))
    return { ok: false, reason: "roundNotOpen" };
  if (input.move === "withdraw" && !BEFORE_JUDGING.includes(input.roundStatus))
    return { ok: false, reason: "judgingStarted" };
  return { ok: true, to: m.to };
}

/** Moves offered in the UI for this actor now (the server re-checks on POST). */
export function availableMoves(input: Omit<Parameters<typeof checkMove>[0], "move" | "reason">): EntryMove[] {
  return (Object.keys(MOVES) as EntryMove[]).filter((move) => {
    const r = checkMove({ ...input, move, reason: "x" });
    return r.ok;
  });
}
