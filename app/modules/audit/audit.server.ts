// The one writer of the append-only audit trail. Call it inside the same transaction as the
// change it records, so a rolled-back change leaves no audit row and vice versa.
import type { Db, Tx } from "~/utils/db.server";

export interface RequestMeta {
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditEntry {
  actorId?: string | null;
  action: string; // dotted verb, e.g. "auth.login", "invitation.create"
  entityType?: string;
  entityId?: string;
  before?: unknown;
  after?: unknown;
  meta?: RequestMeta;
}

const SECRET_KEYS = /password|token|secret|hash/i;

/** Never let a secret reach the audit log, whatever a caller passes. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        SECRET_KEYS.test(k) ? "[redacted]" : redactSecrets(v),
      ]),
    );
  }
  return value;
}

const toJson = (v: unknown) => (v === undefined ? undefined : (JSON.parse(JSON.stringify(redactSecrets(v))) as object));

export async function audit(db: Db | Tx, entry: AuditEntry) {
  await db.auditLog.create({
    data: {
      actorId: entry.actorId ?? null,
      action: entry.action,
      entityType: entry.entityType ?? null,
      entityId: entry.entityId ?? null,
      before: toJson(entry.before),
      after: toJson(entry.after),
      ipAddress: entry.meta?.ip?.slice(0, 100) ?? null,
      userAgent: entry.meta?.userAgent?.slice(0, 500) ?? null,
    },
  });
}

export function requestMeta(request: Request, context?: { clientIp?: string }): RequestMeta {
  return { ip: context?.clientIp ?? null, userAgent: request.headers.get("user-agent") };
}
