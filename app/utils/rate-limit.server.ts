// Rate limits on what costs us or others something: sign-ups and mails, password resets,
// invitations, uploads, the public search and open-data API (issue #10 finding 5). Counted by
// rate-limiter-flexible in the database (its Prisma store, table RateLimit) so that every
// instance of the app shares the same counters, on SQLite and PostgreSQL alike; each count is
// one atomic upsert-increment. docs/decisions/017-request-security.md.
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { prisma } from "./db.server";
import { DomainError } from "./errors";

/** points per duration (seconds), per key (an address or a user). */
export const RATE_LIMITS = {
  /** New accounts from one address (an office behind one NAT can still sign up its staff). */
  signup: { points: 20, duration: 60 * 60 },
  /** Reset-password and resend-verification mails requested from one address … */
  accountMail: { points: 10, duration: 15 * 60 },
  /** … and to one address (on top of the one-a-minute rule of the services). */
  accountMailTo: { points: 5, duration: 60 * 60 },
  /** Invitations sent by one user. */
  invitation: { points: 50, duration: 60 * 60 },
  /** Upload requests by one user (each carries up to 10 files). */
  upload: { points: 120, duration: 60 * 60 },
  /** Searches of the public register (/products?q=) and open-data calls (/api/products) per address. */
  publicSearch: { points: 120, duration: 60 },
  /** New public export jobs (large register downloads, decision 042) asked for from one address. */
  exportJob: { points: 20, duration: 60 * 60 },
  /** Consumers' reports about a product carrying the logo (/verify/<code>/report) per address. */
  consumerReport: { points: 5, duration: 60 * 60 },
} as const;
export type RateLimitName = keyof typeof RATE_LIMITS;

const limiters = new Map<RateLimitName, RateLimiterPrisma>();
function limiter(name: RateLimitName) {
  let found = limiters.get(name);
  if (!found) {
    found = new RateLimiterPrisma({
      storeClient: prisma,
      tableName: "rateLimit",
      keyPrefix: name,
      ...RATE_LIMITS[name],
    });
    limiters.set(name, found);
  }
  return found;
}

/** Thrown when a limit is reached; routes answer 429 with Retry-After (forms keep their values). */
export class RateLimitedError extends DomainError {
  constructor(public readonly retryAfterSeconds: number) {
    super(429, "error.rateLimited", { seconds: retryAfterSeconds });
  }
}

/** Counts one request against the limit `name` for `key`; throws RateLimitedError past it. */
export async function consumeRateLimit(name: RateLimitName, key: string | null | undefined): Promise<void> {
  try {
    await limiter(name).consume(key || "unknown");
  } catch (error) {
    if (error instanceof RateLimiterRes) throw new RateLimitedError(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
    throw error;
  }
}
