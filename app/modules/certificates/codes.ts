// Identifiers printed on a certificate: the serial number people read ("GCN-BN-2024-0007", per
// issuing jurisdiction and year) and the verification code behind the QR code (10 characters of
// Crockford base32, about 50 random bits: unguessable, and easy to type from paper because it
// has no I, L, O or U).
import crypto from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 10;

export function newVerificationCode(bytes: Uint8Array = crypto.randomBytes(CODE_LENGTH)): string {
  let out = "";
  for (let i = 0; i < CODE_LENGTH; i++) out += ALPHABET.charAt((bytes[i] ?? 0) % 32);
  return out;
}

/**
 * A typed or scanned code made canonical: upper case, separators dropped, and the letters people
 * confuse with digits read as those digits (O → 0, I/L → 1). Null when it cannot be a code.
 */
export function normaliseVerificationCode(input: string): string | null {
  const s = input.trim().toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (s.length !== CODE_LENGTH) return null;
  for (const c of s) if (!ALPHABET.includes(c)) return null;
  return s;
}

/** "ABCDE-FGHJK" for print: two groups of five are easier to read aloud and type. */
export const formatVerificationCode = (code: string) => `${code.slice(0, 5)}-${code.slice(5)}`;

export function formatSerial(prefix: string, year: number, sequence: number): string {
  return `GCN-${prefix}-${year}-${String(sequence).padStart(4, "0")}`;
}

/** The next sequence number after the serials already issued for that prefix and year. */
export function nextSerialSequence(existing: string[]): number {
  let max = 0;
  for (const s of existing) {
    const n = Number(s.split("-").pop());
    if (Number.isInteger(n) && n > max) max = n;
  }
  return max + 1;
}
