// One-time tokens for emailed links. The link carries a random token; only its SHA-256 is
// stored, so a database leak reveals no usable link. A token works once and expires.
import crypto from "node:crypto";

export function newToken(): { token: string; tokenHash: string } {
  const token = crypto.randomBytes(32).toString("base64url");
  return { token, tokenHash: hashToken(token) };
}

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export const TOKEN_TTL_MS = {
  VERIFY_EMAIL: 24 * 60 * 60 * 1000,
  RESET_PASSWORD: 60 * 60 * 1000,
  INVITATION: 7 * 24 * 60 * 60 * 1000,
} as const;
