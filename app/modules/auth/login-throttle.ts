// Login throttling, as a pure function of recent attempts (tests: login-throttle.test.ts).
//  - per account AND address: after FREE_FAILURES failures in a row, each further try must wait
//    2^(n-FREE) seconds after the last failure, capped at MAX_DELAY; a success resets it.
//  - per address: past IP_SLOW_AFTER failures in the window (any accounts, e.g. an office behind
//    one NAT) the address is slowed down, never locked: each try waits a little longer before its
//    password is checked (up to MAX_SLOW_MS), and each account gets only HOT_FREE_FAILURES free
//    failures from it. The right password of another account from that address still works.
// No account is ever locked for everyone: the right password from another address still works.
// The caller reserves each attempt (counts it as a failure) before checking the password, in one
// transaction with this verdict, so that concurrent tries cannot all pass (auth.server.ts). A
// reserved attempt is dated IN_FLIGHT_MS ahead until its check is over and it is dated then:
// while a check runs, the next try of the same account and address waits for it.
export const WINDOW_MS = 15 * 60 * 1000;
export const FREE_FAILURES = 5;
export const MAX_DELAY_MS = 15 * 60 * 1000;
export const IP_SLOW_AFTER = 50;
export const HOT_FREE_FAILURES = 1;
export const SLOW_STEP_MS = 100;
export const MAX_SLOW_MS = 5000;
export const IN_FLIGHT_MS = 30_000;

export interface Attempt {
  email: string;
  ipAddress: string;
  success: boolean;
  createdAt: Date;
}

export type ThrottleVerdict = { allowed: true; delayMs: number } | { allowed: false; retryAfterSeconds: number };

export function throttleVerdict(input: {
  email: string;
  ip: string;
  now: Date;
  /** Attempts of this email (any address) and of this address (any email) within WINDOW_MS. */
  attempts: Attempt[];
}): ThrottleVerdict {
  const now = input.now.getTime();
  const recent = input.attempts.filter((a) => now - a.createdAt.getTime() < WINDOW_MS);

  const ipFailures = recent.filter((a) => a.ipAddress === input.ip && !a.success).length;
  const hot = ipFailures >= IP_SLOW_AFTER;
  const delayMs = hot ? Math.min(MAX_SLOW_MS, SLOW_STEP_MS * (ipFailures - IP_SLOW_AFTER + 1)) : 0;

  const pair = recent
    .filter((a) => a.email === input.email && a.ipAddress === input.ip)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  let consecutive = 0;
  for (const a of pair) {
    if (a.success) break;
    consecutive++;
  }
  const free = hot ? HOT_FREE_FAILURES : FREE_FAILURES;
  if (consecutive < free) return { allowed: true, delayMs };
  const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** (consecutive - free));
  const latest = pair[0];
  if (!latest) return { allowed: true, delayMs };
  const waitUntil = latest.createdAt.getTime() + delay;
  if (now >= waitUntil) return { allowed: true, delayMs };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((waitUntil - now) / 1000)) };
}
