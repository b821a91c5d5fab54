// The mail sender (docs/decisions/020-mail-outbox-worker.md). Every app instance runs one in
// its process (unless MAIL_WORKER=0): it claims due QUEUED messages with a conditional UPDATE,
// so two workers on one database never send the same message, sends each with nodemailer,
// retries refused or unreachable deliveries with exponential backoff, and marks a message
// FAILED with the server's answer after the last try (or at once on a permanent 5xx answer).
// A worker that dies mid-send leaves its claim to expire (lockedUntil); another one takes over.
import crypto from "node:crypto";
import os from "node:os";
import { prisma, type Db } from "~/utils/db.server";
import { databaseNow } from "~/utils/database-clock.server";
import { getEnv } from "~/utils/env.server";
import { getLogger } from "~/utils/logger.server";
import { retryDelayMs } from "./mail-format";

const log = getLogger("mail");

export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string; html?: string }): Promise<unknown>;
  close?(): void;
}

export interface MailWorkerOptions {
  db?: Db;
  /** Defaults to nodemailer over SMTP_URL. */
  transport?: MailTransport;
  /** How often the outbox is looked at when idle. */
  pollMs?: number;
  /** Messages claimed at once. */
  batchSize?: number;
  /** Tries before a message is FAILED. */
  maxAttempts?: number;
  /** Delay before the first retry; doubled for each further one, up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How long a claim holds; well above the SMTP timeouts below, so a live send is never taken over. */
  leaseMs?: number;
  workerId?: string;
  now?: () => Date;
}

export const MAIL_DEFAULTS = {
  pollMs: 2_000,
  batchSize: 10,
  maxAttempts: 6, // 30 s, 1, 2, 4, 8 min: about a quarter of an hour of tries
  baseDelayMs: 30_000,
  maxDelayMs: 60 * 60_000,
  leaseMs: 5 * 60_000,
} as const;

/** SMTP timeouts (nodemailer's own defaults are up to 10 minutes), kept well below the lease. */
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

export interface RunResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

/** What the server answered (e.g. "451 4.3.0 Try again later"), or the connection error. */
export function smtpAnswer(error: unknown): string {
  const e = error as { response?: unknown; message?: unknown };
  const text =
    typeof e?.response === "string" && e.response
      ? e.response
      : typeof e?.message === "string"
        ? e.message
        : String(error);
  return text.slice(0, 1000);
}

/** A 5xx answer is permanent in SMTP (RFC 5321 §4.2.1): trying again will not help. */
export function isPermanentRefusal(error: unknown): boolean {
  const code = (error as { responseCode?: unknown })?.responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

async function smtpTransport(): Promise<MailTransport | null> {
  const url = getEnv().SMTP_URL;
  if (!url) return null;
  // Loaded on the worker's first message, not at the server's start (docs/decisions/014).
  const nodemailer = (await import("nodemailer")).default;
  return nodemailer.createTransport({ url, ...SMTP_TIMEOUTS } as Parameters<
    typeof nodemailer.createTransport
  >[0]) as MailTransport;
}

export function createMailWorker(options: MailWorkerOptions = {}) {
  const db = options.db ?? prisma;
  const cfg = {
    ...MAIL_DEFAULTS,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  } as typeof MAIL_DEFAULTS;
  const id = options.workerId ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
  // Leases are compared across instances: the database's clock, unless a test sets one.
  const testNow = options.now;
  const clock = testNow ? async () => testNow() : () => databaseNow(db);
  let transport: MailTransport | null | undefined = options.transport;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  /** Claims up to batchSize due messages; each claim is one conditional UPDATE that only one worker can win. */
  async function claim(): Promise<
    Array<{ id: string; to: string; subject: string; text: string; html: string | null; attempts: number }>
  > {
    const at = await clock();
    const due = await db.mailMessage.findMany({
      where: {
        OR: [
          { status: "QUEUED", nextAttemptAt: { lte: at } },
          // A claim whose worker died (or was stopped hard) before it finished.
          { status: "SENDING", lockedUntil: { lt: at } },
        ],
      },
      select: { id: true, status: true, attempts: true },
      orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
      take: cfg.batchSize,
    });
    const claimed = [];
    for (const m of due) {
      // `attempts` is the row's version: whoever claims it first increments it, so the other
      // worker's UPDATE matches no row (PostgreSQL re-checks the WHERE after the row lock).
      const lost = m.status === "SENDING" && m.attempts >= cfg.maxAttempts;
      const { count } = await db.mailMessage.updateMany({
        where: { id: m.id, status: m.status, attempts: m.attempts },
        data: lost
          ? {
              status: "FAILED",
              lastError: "the worker stopped during the last try (claim expired)",
              lockedBy: null,
              lockedUntil: null,
              nextAttemptAt: null,
            }
          : {
              status: "SENDING",
              lockedBy: id,
              lockedUntil: new Date(at.getTime() + cfg.leaseMs),
              lastAttemptAt: at,
              attempts: { increment: 1 },
            },
      });
      if (count !== 1 || lost) continue;
      const row = await db.mailMessage.findUnique({
        where: { id: m.id },
        select: { id: true, to: true, subject: true, text: true, html: true, attempts: true },
      });
      if (row) claimed.push(row);
    }
    return claimed;
  }

  /** Puts claimed messages that were not tried back in the queue, as they were. */
  async function release(ids: string[]) {
    if (!ids.length) return;
    await db.mailMessage.updateMany({
      where: { id: { in: ids }, status: "SENDING", lockedBy: id },
      data: { status: "QUEUED", lockedBy: null, lockedUntil: null, attempts: { decrement: 1 } },
    });
  }

  /** One pass: claim due messages and try each once. */
  async function runOnce(): Promise<RunResult> {
    const result: RunResult = { claimed: 0, sent: 0, retried: 0, failed: 0 };
    const messages = await claim();
    result.claimed = messages.length;
    if (!messages.length) return result;
    transport ??= await smtpTransport();
    for (const [i, m] of messages.entries()) {
      if (stopping || !transport) {
        await release(messages.slice(i).map((x) => x.id));
        break;
      }
      const mine = { id: m.id, status: "SENDING" as const, lockedBy: id };
      try {
        await transport.sendMail({
          from: getEnv().MAIL_FROM,
          to: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html ?? undefined,
        });
        await db.mailMessage.updateMany({
          where: mine,
          data: {
            status: "SENT",
            sentAt: await clock(),
            transport: "smtp",
            lastError: null,
            lockedBy: null,
            lockedUntil: null,
            nextAttemptAt: null,
          },
        });
        result.sent++;
      } catch (error) {
        const answer = smtpAnswer(error);
        const last = isPermanentRefusal(error) || m.attempts >= cfg.maxAttempts;
        await db.mailMessage.updateMany({
          where: mine,
          data: last
            ? { status: "FAILED", lastError: answer, lockedBy: null, lockedUntil: null, nextAttemptAt: null }
            : {
                status: "QUEUED",
                lastError: answer,
                lockedBy: null,
                lockedUntil: null,
                nextAttemptAt: new Date(
                  (await clock()).getTime() + retryDelayMs(m.attempts, cfg.baseDelayMs, cfg.maxDelayMs),
                ),
              },
        });
        if (last) {
          result.failed++;
          log.error({ messageId: m.id, attempts: m.attempts, answer }, "mail FAILED after its last try");
        } else {
          result.retried++;
        }
      }
    }
    return result;
  }

  /** Passes until nothing is due. */
  async function drain() {
    try {
      while (!stopping && (await runOnce()).claimed >= cfg.batchSize);
    } catch (error) {
      log.error({ err: error }, "mail worker: a pass failed, trying again later");
    }
  }

  function schedule(ms: number) {
    if (stopping || timer || running) return;
    timer = setTimeout(() => {
      timer = undefined;
      running = drain().finally(() => {
        running = undefined;
        schedule(cfg.pollMs);
      });
    }, ms);
  }

  return {
    id,
    runOnce,
    start() {
      stopping = false;
      schedule(0);
    },
    /** Stops polling; a send in progress finishes and claimed messages not yet tried are released. */
    async stop() {
      stopping = true;
      clearTimeout(timer);
      timer = undefined;
      await running;
      if (!options.transport) transport?.close?.();
      transport = options.transport;
    },
  };
}

export type MailWorker = ReturnType<typeof createMailWorker>;

let current: MailWorker | undefined;

/**
 * Starts this process's mail worker, unless MAIL_WORKER=0 or no SMTP_URL is set (then mails are
 * only STORED and there is nothing to send). Returns whether it runs.
 */
export function startMailWorker(options: MailWorkerOptions = {}): boolean {
  const env = getEnv();
  if (env.MAIL_WORKER === "0") return false;
  if (!env.SMTP_URL && !options.transport) return false;
  current ??= createMailWorker(options);
  current.start();
  return true;
}

/** Stops the worker started by startMailWorker (for a graceful shutdown). */
export async function stopMailWorker(): Promise<void> {
  const worker = current;
  current = undefined;
  await worker?.stop();
}
