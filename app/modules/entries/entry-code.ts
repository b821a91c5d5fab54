// Mã số bình chọn: jurisdiction, year, group, number — e.g. "BN-2026-B-014". Unique across all the
// jurisdiction's rounds of the year (the database enforces it; numbers come from EntryCodeCounter).
const REGION_PREFIX: Record<string, string> = { NORTH: "MB", CENTRAL: "MT", SOUTH: "MN" };

export function jurisdictionPrefix(round: {
  level: string;
  provinceCode?: string | null;
  regionCode?: string | null;
}): string {
  if (round.level === "PROVINCE" && round.provinceCode) return round.provinceCode;
  if (round.level === "REGION" && round.regionCode) return REGION_PREFIX[round.regionCode] ?? round.regionCode;
  return "QG";
}

export function formatEntryCode(prefix: string, year: number, group: string, sequence: number): string {
  return `${prefix}-${year}-${group}-${String(sequence).padStart(3, "0")}`;
}

/** The next free number in a round and group, given the codes already issued there. */
export function nextSequence(existingCodes: string[]): number {
  let max = 0;
  for (const code of existingCodes) {
    const n = Number(code.split("-").pop());
    if (Number.isInteger(n) && n > max) max = n;
  }
  return max + 1;
}
