// What a producer's entry came to (issue #13 item 6): the screening status ("Hợp lệ") says only
// that the dossier was accepted; once judged, the producer wants the result — recognised at which
// tier and the certificate's standing, not recognised, or still being judged. Pure: the list
// loads the entry's round, outcome and certificate and asks here.
import { certificateStatus, type CertificateStatus } from "~/modules/certificates/validity";
import type { LevelName } from "~/modules/access/permissions";
import type { RoundStatusName } from "~/modules/rounds/round-state";
import type { EntryStatusName } from "./entry-state";

export interface EntryOutcomeInput {
  status: EntryStatusName;
  round: { level: LevelName; status: RoundStatusName; resultsFinalisedAt: Date | string | null };
  /** The council's vote and the final result, once there are any. */
  outcome: { recognised: boolean | null; finalPassed: boolean | null } | null;
  certificate: { validUntil: Date | string; revokedAt: Date | string | null } | null;
}

export type EntryOutcome =
  /** Not past screening (or screened out): the screening status is the news. */
  | { kind: "screening"; status: EntryStatusName }
  /** Accepted; the jury is scoring or the results are being settled. */
  | { kind: "judging" }
  /** Results final, the council has not decided on it yet. */
  | { kind: "awaitingDecision" }
  | { kind: "notRecognised" }
  /** Recognised at this tier; the certificate's standing once issued. */
  | { kind: "recognised"; level: LevelName; certificate: CertificateStatus | null };

const JUDGED: ReadonlySet<RoundStatusName> = new Set(["JUDGING", "RESULTS", "PUBLISHED", "ARCHIVED"]);

export function entryOutcome(entry: EntryOutcomeInput, now: Date = new Date()): EntryOutcome {
  if (entry.status !== "ACCEPTED") return { kind: "screening", status: entry.status };
  if (entry.certificate)
    return { kind: "recognised", level: entry.round.level, certificate: certificateStatus(entry.certificate, now) };
  if (!JUDGED.has(entry.round.status)) return { kind: "screening", status: entry.status };
  if (!entry.round.resultsFinalisedAt) return { kind: "judging" };
  if (entry.outcome?.recognised === true) return { kind: "recognised", level: entry.round.level, certificate: null };
  if (entry.outcome?.recognised === false || entry.outcome?.finalPassed === false) return { kind: "notRecognised" };
  return { kind: "awaitingDecision" };
}
