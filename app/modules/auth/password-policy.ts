// Password rules, shared by sign-up, reset and invitation forms (client and server).
import type { MessageKey } from "~/utils/i18n";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

const COMMON = new Set([
  "password123",
  "1234567890",
  "12345678910",
  "matkhau123",
  "qwertyuiop",
  "123456789a",
  "abc1234567",
  "iloveyou12",
  "password12",
  "admin12345",
  "0123456789",
  "tieubieu123",
]);

/** Returns the message key of the first rule a password breaks, or null if it is acceptable. */
export function passwordProblem(password: string, email?: string): MessageKey | null {
  if (password.length < PASSWORD_MIN) return "auth.password.tooShort";
  if (password.length > PASSWORD_MAX) return "auth.password.tooLong";
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return "auth.password.needsLetterAndDigit";
  if (COMMON.has(password.toLowerCase())) return "auth.password.common";
  const local = email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && password.toLowerCase().includes(local)) return "auth.password.containsEmail";
  return null;
}
