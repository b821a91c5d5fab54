// Recognising database errors the same way on SQLite and PostgreSQL (no client needed).

/** A write refused by a unique constraint (Prisma P2002): a lost race or a duplicate. */
export const isUniqueViolation = (error: unknown): boolean =>
  typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
