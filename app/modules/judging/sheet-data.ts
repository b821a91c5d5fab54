// How a score sheet's JSON columns are read back: scores and notes are keyed by rubric item code
// ("1.2"). Anything else in the column (a hand edit, an older format) is ignored, never trusted.

/** { code: number } from ScoreSheet.scores; non-numbers are dropped. */
export function parseScores(value: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (!value || typeof value !== "object" || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === "number" && Number.isFinite(v)) out[k] = v;
  }
  return out;
}

/** { code: note } from ScoreSheet.notes; empty notes are dropped. */
export function parseNotes(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value || typeof value !== "object" || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === "string" && v.trim()) out[k] = v;
  }
  return out;
}
