// The one logger: structured JSON lines on standard output (pino), one object per line, for
// journald, Docker or any log shipper (docs/decisions/021-logs-and-metrics.md).
//
// - Every line written while a request is handled carries its request id (`reqId`): the HTTP
//   server (server/app.ts) runs each request inside runWithRequestContext, and AsyncLocalStorage
//   carries the context through every await down to the domain services.
// - No personal data or secrets: cookies, authorization headers, passwords, tokens and e-mail
//   fields are redacted by path, and e-mail addresses and secret-looking URL parts are scrubbed
//   from messages and error texts (the audit log in the database, behind permissions, is where
//   identities belong).
// - The server entry (build/start/main.js) and the Remix build (build/server/index.js) are two
//   bundles, each with its own copy of this module: the logger and the request context live on
//   globalThis so both write the same lines with the same request id.
import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";

export type Logger = pino.Logger;
export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
export const LOG_LEVELS: readonly LogLevel[] = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

export interface RequestContext {
  requestId: string;
}

const CENSOR = "[redacted]";

/** Keys whose values never reach a log line, at the top level and up to three levels down. */
const SECRET_KEYS = [
  "cookie",
  "cookies",
  "set-cookie",
  "authorization",
  "password",
  "newPassword",
  "currentPassword",
  "passwordHash",
  "token",
  "secret",
  "sessionId",
  "email",
  "to",
];
const REDACT_PATHS = SECRET_KEYS.flatMap((key) => {
  const k = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  const dot = k.startsWith("[") ? k : `.${k}`;
  return [k, `*${dot}`, `*.*${dot}`, `*.*.*${dot}`];
});

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
/** Tokens in the app's own links (invitations, password resets, address checks). */
const TOKEN_PATH = /\/(invite|reset-password|verify-email)\/[^\s/?#"'<>]+/g;
/** key=value pairs that carry credentials, in query strings, SMTP URLs or free text. */
const SECRET_PAIR = /\b(password|passwd|pass|token|secret|session|auth|api[_-]?key)=([^\s&;,"']+)/gi;
/** user:password@ in URLs (an SMTP_URL or DATABASE_URL quoted in an error). */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi;
const BEARER = /\bBearer\s+[A-Za-z0-9._~+/=-]+/g;

/** A text with e-mail addresses, link tokens and credentials replaced (messages, error texts). */
export function scrubText(text: string): string {
  return text
    .replace(URL_CREDENTIALS, `$1${CENSOR}@`)
    .replace(EMAIL, "[email]")
    .replace(TOKEN_PATH, `/$1/${CENSOR}`)
    .replace(SECRET_PAIR, `$1=${CENSOR}`)
    .replace(BEARER, `Bearer ${CENSOR}`);
}

function serializeError(error: unknown) {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  if (!serialized || typeof serialized !== "object") return serialized;
  for (const key of ["message", "stack"] as const) {
    if (typeof serialized[key] === "string") serialized[key] = scrubText(serialized[key]);
  }
  return serialized;
}

type Shared = { context: AsyncLocalStorage<RequestContext>; logger?: Logger };
const SHARED = Symbol.for("tieubieu.logging");
const shared: Shared = ((globalThis as Record<symbol, Shared>)[SHARED] ??= {
  context: new AsyncLocalStorage<RequestContext>(),
});

/** Runs fn with a request context: every log line inside it, however deep, carries the id. */
export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return shared.context.run(context, fn);
}

export function currentRequestId(): string | undefined {
  return shared.context.getStore()?.requestId;
}

/** The level from LOG_LEVEL; by default info, and warn under the test runner. */
export function defaultLogLevel(env: Record<string, string | undefined> = process.env): LogLevel {
  const wanted = env.LOG_LEVEL?.trim().toLowerCase();
  if (wanted && (LOG_LEVELS as readonly string[]).includes(wanted)) return wanted as LogLevel;
  return env.NODE_ENV === "test" ? "warn" : "info";
}

/** A logger with the app's redaction and request ids; `destination` for tests (default stdout). */
export function createLogger(opts: { level?: LogLevel; destination?: pino.DestinationStream } = {}): Logger {
  const options: pino.LoggerOptions = {
    level: opts.level ?? defaultLogLevel(),
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    messageKey: "msg",
    redact: { paths: REDACT_PATHS, censor: CENSOR },
    serializers: { err: serializeError, error: serializeError },
    mixin() {
      const context = shared.context.getStore();
      return context ? { reqId: context.requestId } : {};
    },
    hooks: {
      logMethod(args, method) {
        const [first, ...rest] = args as unknown[];
        // logger.error(error) alone: pino would take the error's raw message as the line's msg.
        if (first instanceof Error && typeof rest[0] !== "string") {
          return method.apply(this, [{ err: first }, scrubText(first.message)] as unknown as Parameters<typeof method>);
        }
        const scrubbed = args.map((arg) => (typeof arg === "string" ? scrubText(arg) : arg));
        return method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  };
  // Standard output written synchronously: a line logged just before process.exit is not lost.
  return pino(options, opts.destination ?? pino.destination({ dest: 1, sync: true }));
}

/** The process's logger (created on first use). */
export function rootLogger(): Logger {
  return (shared.logger ??= createLogger());
}

/**
 * Test hook: make `logger` the process's logger (e.g. one writing into an array). Only loggers
 * obtained with getLogger after this call use it, so call it before importing what logs.
 */
export function useLoggerForTests(logger: Logger) {
  shared.logger = logger;
}

/** A logger for one part of the app: its lines carry `module`. */
export function getLogger(module: string): Logger {
  return rootLogger().child({ module });
}
