// Login throttling, as a pure function of recent attempts (tests: login-throttle.test.ts).
//  - per account AND address: after FREE_FAILURES failures in a row, each further try must wait
//    2^(n-FREE) seconds after the last failure, capped at MAX_DELAY; a success resets it.
//  - per address: more than IP_MAX_FAILURES failures in the window (any accounts) blocks the
//    address until the oldest of them leaves the window.
// No account is ever locked for everyone: the right password from another address still works.
export const WINDOW_MS = 15 * 60 * 1000;
export const FREE_FAILURES = 5;
export const MAX_DELAY_MS = 15 * 60 * 1000;
export const IP_MAX_FAILURES = 50;

export interface Attempt {
  email: string;
  ipAddress: string;
  success: boolean;
  createdAt: Date;
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export function throttleVerdict(input: {
  email: string;
  ip: string;
  now: Date;
  /** Attempts of this email (any address) and of this address (any email) within WINDOW_MS. */
  attempts: Attempt[];
}): ThrottleVerdict {
  const now = input.now.getTime();
  const recent = input.attempts.filter((a) => now - a.createdAt.getTime() < WINDOW_MS);

  const ipFailures = recent
    .filter((a) => a.ipAddress === input.ip && !a.success)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  if (ipFailures.length >= IP_MAX_FAILURES) {
    const oldest = ipFailures[ipFailures.length - IP_MAX_FAILURES].createdAt.getTime();
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000)) };
  }

  const pair = recent
    .filter((a) => a.email === input.email && a.ipAddress === input.ip)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  let consecutive = 0;
  for (const a of pair) {
    if (a.success) break;
    consecutive++;
  }
  if (consecutive < FREE_FAILURES) return { allowed: true };
  const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** (consecutive - FREE_FAILURES));
  const waitUntil = pair[0].createdAt.getTime() + delay;
  if (now >= waitUntil) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((waitUntil - now) / 1000)) };
}
