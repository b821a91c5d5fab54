// What an update changed, so the audit trail records only the fields that differ.

function comparable(v: unknown) {
  return v instanceof Date ? v.getTime() : (v ?? null);
}

/** The fields whose value differs, so the audit trail shows what was changed. */
export function changedFields(before: object, after: object): string[] {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return Object.keys(a).filter((k) => comparable(b[k]) !== comparable(a[k]));
}

export function pick(row: object, keys: string[]): Record<string, unknown> {
  const r = row as Record<string, unknown>;
  return Object.fromEntries(keys.map((k) => [k, r[k]]));
}
