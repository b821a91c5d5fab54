// Environment, validated once at start (Epic Stack habit). Safe local defaults let the app run
// with nothing set; production (NODE_ENV=production) insists on a real session secret, an https://
// APP_URL and an explicit SEED_DEMO (docs/decisions/014-lean-production-start.md), and on naming
// where its data lives: DATABASE_URL and an absolute DATA_DIR (or UploadThing). The operations
// settings (LOG_LEVEL, METRICS_TOKEN, JOB_WORKER, MAIL_WORKER, SHUTDOWN_TIMEOUT_MS, HEAP_GROWING_PERCENT) are checked
// here too (docs/decisions/021-logs-and-metrics.md, README "Production").
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { dataDir, resolveDatabase } from "./database-url";
import { LOG_LEVELS } from "./logger.server";
import { isTrustProxySetting } from "./security.server";

/** A 0/1 switch; the message names the variable. */
const flag = (name: string) => z.enum(["0", "1"], { message: `${name} must be 0 or 1` }).optional();
/** "address" or "Name <address>"; the address with one @ and a dotted or local domain. */
const MAIL_FROM_FORMAT = /^(?:[^<>@\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;

function hasHost(value: string): boolean {
  try {
    return new URL(value).hostname !== "";
  } catch {
    return false;
  }
}

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().optional(),
  DATA_DIR: z.string().optional(),
  DATABASE_URL: z.string().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).optional(),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
  APP_URL: z.string().url().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://")
    .refine(hasHost, "SMTP_URL must name the mail server, e.g. smtps://user:password@mail.example.vn:465")
    .optional(),
  MAIL_FROM: z
    .string()
    .regex(
      MAIL_FROM_FORMAT,
      'MAIL_FROM must be an address or "Name <address>", e.g. Tiêu Biểu <no-reply@tieubieu.example.vn>',
    )
    .default("Tiêu Biểu <no-reply@tieubieu.local>"),
  TRUST_PROXY: z
    .string()
    .refine(
      isTrustProxySetting,
      "TRUST_PROXY must be 0, 1 (a proxy on this machine) or a comma-separated list of proxy addresses/subnets, e.g. 10.0.0.5,10.1.0.0/16",
    )
    .optional(),
  SEED_DEMO: z.enum(["0", "1", "true", "false"]).optional(),
  ALLOW_INSECURE_HTTP: z.enum(["0", "1", "true", "false"]).optional(),
  // Files (docs/decisions/006-file-storage.md): local disk unless an UploadThing token is set.
  UPLOADTHING_TOKEN: z
    .string()
    .refine(
      isUploadThingToken,
      "UPLOADTHING_TOKEN must be the token from the UploadThing dashboard (base64 JSON with apiKey sk_…, appId, regions)",
    )
    .optional(),
  UPLOADTHING_API_URL: z.string().url().optional(),
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(100).default(10),
  // Nomination packages from other installations (decision 037): the sender DIDs (did:web:…) this
  // installation accepts packages from, separated by commas or spaces. Unset: none.
  EXCHANGE_TRUSTED_SENDERS: z
    .string()
    .refine(
      (v) => v.split(/[\s,]+/).every((d) => d === "" || /^did:web:[A-Za-z0-9.%:_-]+$/.test(d)),
      "EXCHANGE_TRUSTED_SENDERS must list did:web DIDs separated by commas or spaces",
    )
    .optional(),
  // Operations (docs/decisions/021-logs-and-metrics.md, README "Production").
  LOG_LEVEL: z
    .string()
    .transform((v) => v.toLowerCase())
    .pipe(z.enum(LOG_LEVELS as [string, ...string[]], { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}` }))
    .optional(),
  METRICS_TOKEN: z
    .string()
    .min(
      32,
      "METRICS_TOKEN must be at least 32 characters (e.g. `openssl rand -hex 32`); unset, /metrics answers loopback only",
    )
    .regex(
      /^[\x21-\x7e]+$/,
      "METRICS_TOKEN must be printable ASCII without spaces (it travels in an Authorization header)",
    )
    .optional(),
  JOB_WORKER: flag("JOB_WORKER"),
  MAIL_WORKER: flag("MAIL_WORKER"),
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number({ message: "SHUTDOWN_TIMEOUT_MS must be a number of milliseconds" })
    .int("SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds")
    .min(0, "SHUTDOWN_TIMEOUT_MS cannot be negative")
    .max(600_000, "SHUTDOWN_TIMEOUT_MS must be at most 600000 (10 minutes)")
    .default(20_000),
  // Background jobs (docs/decisions/019-durable-jobs.md): a worker that stops renewing its lease
  // for this long is presumed dead and its job is re-run.
  JOB_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  // Large exports (docs/decisions/042-export-jobs.md): a download of more rows than this is made
  // by a background job with a progress page; smaller ones stream at once (the public register's
  // downloads; an organiser's lists). Its file is kept this long after it is made; at most this
  // many public (anonymous) export jobs wait at a time.
  EXPORT_JOB_MIN_ROWS: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  EXPORT_JOB_MIN_ROWS_ORGANISER: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  EXPORT_JOB_RETENTION_MS: z.coerce
    .number()
    .int()
    .min(60_000)
    .max(7 * 24 * 3_600_000)
    .default(3_600_000),
  EXPORT_JOB_PUBLIC_PENDING: z.coerce.number().int().min(1).max(100).default(4),
  // V8's heap growth after a full collection, in per cent of the live heap (server/heap.ts,
  // docs/decisions/055-a-web-process-heap-sized-for-its-live-data.md); 0 leaves V8's own.
  HEAP_GROWING_PERCENT: z.coerce
    .number({ message: "HEAP_GROWING_PERCENT must be a number (per cent; 0 leaves V8's own)" })
    .int("HEAP_GROWING_PERCENT must be a whole number of per cent")
    .min(0, "HEAP_GROWING_PERCENT cannot be negative")
    .max(300, "HEAP_GROWING_PERCENT must be at most 300")
    .default(25),
});

/** The shape UploadThing's SDK accepts, checked at start so a pasted-wrong token fails early. */
function isUploadThingToken(value: string): boolean {
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64").toString("utf8")) as Record<string, unknown>;
    return (
      typeof parsed.apiKey === "string" &&
      parsed.apiKey.startsWith("sk_") &&
      typeof parsed.appId === "string" &&
      parsed.appId.length > 0 &&
      Array.isArray(parsed.regions) &&
      parsed.regions.length > 0 &&
      parsed.regions.every((r) => typeof r === "string")
    );
  } catch {
    return false;
  }
}

export type AppEnv = z.infer<typeof EnvSchema> & {
  isProduction: boolean;
  dataDir: string;
  sessionSecret: string;
  appUrl: string;
  /** Whether the start seeds the demo accounts and rounds: SEED_DEMO alone decides. */
  seedDemo: boolean;
  /** Whether this process runs the job worker / the mail worker (JOB_WORKER, MAIL_WORKER; default 1). */
  runJobWorker: boolean;
  runMailWorker: boolean;
  /** Settings that are allowed but worth a line in the log at start (e.g. no SMTP in production). */
  warnings: string[];
};

const isOn = (value: string | undefined) => value === "1" || value === "true";

let cached: AppEnv | undefined;

export class EnvError extends Error {}

export function readEnv(source: Record<string, string | undefined> = process.env): AppEnv {
  const parsed = EnvSchema.safeParse(
    Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== "")),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  resolveDatabase(source); // throws a clear error for an unsupported DATABASE_URL
  const isProduction = env.NODE_ENV === "production";
  // Plain HTTP in production only when asked for by name: a local trial (`npm start`), never by default.
  const insecureHttp = isOn(env.ALLOW_INSECURE_HTTP);
  if (isProduction) {
    // Every missing production setting at once, so a deployment is fixed in one go.
    const problems = [
      ...(insecureHttp ? [] : httpsAppUrlProblems(env.APP_URL)),
      ...(insecureHttp || env.SESSION_SECRET
        ? []
        : [
            "SESSION_SECRET is required when NODE_ENV=production (at least 32 random characters, e.g. `openssl rand -hex 32`).",
          ]),
      ...(env.SEED_DEMO === undefined
        ? [
            "SEED_DEMO must be set when NODE_ENV=production: SEED_DEMO=0 on a real deployment (no demo accounts), " +
              "SEED_DEMO=1 only for a demonstration (its accounts share a published password).",
          ]
        : []),
      ...(insecureHttp ? [] : deploymentProblems(env, source)),
    ];
    if (problems.length) throw new EnvError(problems.join("\n"));
  }
  const dir = dataDir(source);
  // Outside production, and on a plain-HTTP trial, a secret generated once into DATA_DIR.
  const sessionSecret = env.SESSION_SECRET ?? localSecret(dir);
  return {
    ...env,
    isProduction,
    dataDir: dir,
    sessionSecret,
    appUrl: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
    // Unset means on outside production (development, `npm run db:seed`); production must say.
    seedDemo: env.SEED_DEMO === undefined || isOn(env.SEED_DEMO),
    runJobWorker: env.JOB_WORKER !== "0",
    runMailWorker: env.MAIL_WORKER !== "0",
    warnings:
      isProduction && !env.SMTP_URL
        ? ["SMTP_URL is not set: mail is kept in the outbox (/admin/outbox) and not delivered."]
        : [],
  };
}

/**
 * A real deployment (production without ALLOW_INSECURE_HTTP) names where its data lives instead
 * of falling back to ./data beside wherever the service was started: DATABASE_URL, and DATA_DIR
 * (an absolute path) unless the files are on UploadThing.
 */
function deploymentProblems(env: z.infer<typeof EnvSchema>, source: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (!source.DATABASE_URL?.trim()) {
    problems.push(
      "DATABASE_URL is required when NODE_ENV=production: postgresql://user:password@host:5432/db for PostgreSQL, " +
        "or file:/absolute/path/tieubieu.db for SQLite (one instance only).",
    );
  }
  if (env.DATA_DIR && !path.isAbsolute(env.DATA_DIR)) {
    problems.push(`DATA_DIR must be an absolute path when NODE_ENV=production (it is ${env.DATA_DIR}).`);
  }
  if (!env.DATA_DIR && !env.UPLOADTHING_TOKEN) {
    problems.push(
      "DATA_DIR (an absolute path, e.g. /var/lib/tieu-bieu) or UPLOADTHING_TOKEN is required when NODE_ENV=production: " +
        "it is where uploaded files, certificates and exports are kept.",
    );
  }
  return problems;
}

/**
 * APP_URL is printed in the QR code of every certificate, goes into every mail link and decides
 * the cookies' Secure flag: production must name its public https:// address, not fall back to
 * http://localhost.
 */
function httpsAppUrlProblems(appUrl: string | undefined): string[] {
  const allow = "Set ALLOW_INSECURE_HTTP=1 only for a local trial over plain HTTP.";
  if (!appUrl) {
    return [
      "APP_URL is required when NODE_ENV=production: the public https:// address of the site (e.g. https://tieubieu.example.gov.vn); " +
        `it is printed in the certificates' QR codes and mail links and marks cookies Secure. ${allow}`,
    ];
  }
  if (new URL(appUrl).protocol !== "https:") {
    return [`APP_URL must be an https:// address when NODE_ENV=production (it is ${appUrl}). ${allow}`];
  }
  return [];
}

/** For the local demo only: a random secret generated once and kept in the data folder. */
function localSecret(dir: string): string {
  const file = path.join(dir, "session-secret");
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch {
    // not created yet
  }
  fs.mkdirSync(dir, { recursive: true });
  const secret = crypto.randomBytes(32).toString("hex");
  fs.writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

export function getEnv(): AppEnv {
  return (cached ??= readEnv());
}

/** Test hook: forget the cached environment. */
export function resetEnvCache() {
  cached = undefined;
}
