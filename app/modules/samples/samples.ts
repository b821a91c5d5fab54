// Physical samples and blind tasting (issue #14, decision 038): the pure rules. Which round states
// allow what, what a sample's status is for the people who see it, the random tasting numbers
// and the order in which each judge meets the samples (a Williams design). Shared by the server
// and the pages; nothing here touches the database.
import type { MessageKey } from "~/utils/i18n";

export const SAMPLE_CONDITIONS = ["GOOD", "DAMAGED", "SPOILED", "INCOMPLETE"] as const;
export type SampleConditionName = (typeof SAMPLE_CONDITIONS)[number];
export const SAMPLE_ENDS = ["RETURNED", "DISPOSED"] as const;
export type SampleEndName = (typeof SAMPLE_ENDS)[number];

/** Units a round may ask per entry (a tasting panel of a dozen judges needs a few packs, not crates). */
export const UNITS_MAX = 50;

/** Settings change from the draft until judging ends; after that they are the record. */
export const SAMPLE_SETTINGS_STATUSES = ["DRAFT", "OPEN", "SCREENING", "JUDGING"] as const;
/** Samples arrive once dossiers are in, and keep arriving during screening and judging. */
export const RECEIPT_STATUSES = ["OPEN", "SCREENING", "JUDGING", "RESULTS"] as const;
/** Entries whose sample may be received: submitted and not refused or withdrawn. */
export const RECEIPT_ENTRY_STATUSES = ["SUBMITTED", "RETURNED", "ACCEPTED"] as const;
/** A sample is returned or disposed of at the end: once results are compiled… */
export const END_ROUND_STATUSES = ["RESULTS", "PUBLISHED", "ARCHIVED"] as const;
/** …or earlier when its entry left the round. */
export const END_ENTRY_STATUSES = ["REJECTED", "WITHDRAWN"] as const;
/** Tasting numbers are drawn for accepted entries, before the first score is written. */
export const TASTING_STATUSES = ["SCREENING", "JUDGING"] as const;
/** panelKey of the judges who have no panel (they taste every group). */
export const ALL_PANELS = "ALL";

const within = (list: readonly string[], value: string) => list.includes(value);
export const sampleSettingsEditable = (roundStatus: string) => within(SAMPLE_SETTINGS_STATUSES, roundStatus);
export const receiptOpen = (roundStatus: string, entryStatus: string) =>
  within(RECEIPT_STATUSES, roundStatus) && within(RECEIPT_ENTRY_STATUSES, entryStatus);
export const endOpen = (roundStatus: string, entryStatus: string) =>
  within(END_ROUND_STATUSES, roundStatus) || within(END_ENTRY_STATUSES, entryStatus);

export type SampleStatus = "notRequired" | "awaiting" | "received" | "returned" | "disposed";

export interface SampleFacts {
  required: boolean;
  receipt: { condition: SampleConditionName; endAction: SampleEndName | null } | null;
}

/** The sample's one-word status, as the producer, the organiser and the judge read it. */
export function sampleStatus(f: SampleFacts): SampleStatus {
  if (f.receipt?.endAction === "RETURNED") return "returned";
  if (f.receipt?.endAction === "DISPOSED") return "disposed";
  if (f.receipt) return "received";
  return f.required ? "awaiting" : "notRequired";
}

export const sampleStatusKey = (s: SampleStatus): MessageKey => `samples.status.${s}`;
export const conditionKey = (c: SampleConditionName): MessageKey => `samples.condition.${c}`;
export const endKey = (e: SampleEndName): MessageKey => `samples.end.${e}`;

/** Whether the checklist item "sample sent" is done: received (and maybe already back home). */
export const sampleItemDone = (s: SampleStatus) => s !== "awaiting";

// ───────────── tasting numbers ─────────────

/**
 * The range the tasting numbers are drawn from: three digits while they fill at most half of
 * it (so a number says nothing about its neighbours), four beyond. Never the entry code.
 */
export function tastingRange(count: number): { min: number; max: number } {
  return count <= 449 ? { min: 101, max: 999 } : { min: 1001, max: 9999 };
}

/**
 * `count` distinct numbers drawn uniformly from tastingRange(count), in draw order.
 * `randomInt(n)` returns an integer in [0, n) (crypto.randomInt in the service, a seeded one in tests).
 */
export function drawTastingNumbers(count: number, randomInt: (n: number) => number): number[] {
  const { min, max } = tastingRange(count);
  const size = max - min + 1;
  if (count > size) throw new RangeError("too many samples for the tasting numbers");
  // A partial Fisher–Yates shuffle over the range, kept sparse.
  const swapped = new Map<number, number>();
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const j = i + randomInt(size - i);
    const atJ = swapped.get(j) ?? j;
    swapped.set(j, swapped.get(i) ?? i);
    out.push(min + atJ);
  }
  return out;
}

/** A repeatable randomInt for the demo data and tests (mulberry32); the service uses crypto.randomInt. */
export function seededRandomInt(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

// ───────────── serving order (Williams design) ─────────────

/**
 * Row `row` of a Williams design for n samples: a permutation of 0..n−1. Over n rows (n even)
 * or 2n rows (n odd, each row and its mirror), every sample is served once (twice) in every
 * position and follows every other sample equally often, so no sample is always first and no
 * sample always comes after the same strong one (first-order carry-over is balanced).
 */
export function williamsRow(n: number, row: number): number[] {
  if (n <= 0) return [];
  const cycle = n % 2 === 0 ? n : 2 * n;
  const r = ((row % cycle) + cycle) % cycle;
  const shift = r % n;
  // 0, 1, n−1, 2, n−2, 3, … shifted by the row.
  const base = Array.from({ length: n }, (_, k) => (k === 0 ? 0 : k % 2 === 1 ? (k + 1) / 2 : n - k / 2));
  const line = base.map((b) => (b + shift) % n);
  return r >= n ? line.reverse() : line;
}

/** Rows a balanced design needs for n samples (judges beyond it start the design again). */
export const williamsCycle = (n: number) => (n <= 0 ? 0 : n % 2 === 0 ? n : 2 * n);

/**
 * The order in which the judge at `judgeIndex` (0-based, among the panel's judges in a fixed
 * order) meets the panel's samples, given sorted by tasting number. Samples the judge does not
 * score (a conflict, an organiser's exclusion) are left out; the others keep the design's order.
 */
export function tastingOrder<T>(
  samples: readonly T[],
  judgeIndex: number,
  scores: (sample: T) => boolean = () => true,
): T[] {
  return williamsRow(samples.length, judgeIndex)
    .map((i) => samples[i] as T)
    .filter(scores);
}
