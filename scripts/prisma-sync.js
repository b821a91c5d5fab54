#!/usr/bin/env node
// Keeps the two database providers in step with ONE source schema (prisma/schema.prisma).
//
//   node scripts/prisma-sync.js generate          render provider schemas' clients (postinstall)
//   node scripts/prisma-sync.js migration <name>  write a new migration for SQLite AND PostgreSQL
//   node scripts/prisma-sync.js check             fail if the source and the migrations differ
//
// `check` proves two things for each provider: the rendered schema is the source's (text), and
// the committed migrations, replayed into an empty database, build exactly the tables, columns,
// indexes, foreign keys and enums that the schema describes. The second part compares two real
// databases: one migrated with `prisma migrate deploy`, one built from the schema alone
// (`prisma migrate diff --from-empty --script`). Prisma's own `migrate diff --from-migrations`
// would do it, but its WebAssembly engine cannot replay into a shadow database here (P3006 on
// SQLite, "Column type 'char'" on PostgreSQL; docs/decisions/002). SQLite is always checked;
// PostgreSQL when TEST_POSTGRES_URL (a server URL) is set, as in CI. Hand-written objects that
// the schema cannot express (triggers, and tables listed in RAW_TABLES) are left out of the
// comparison on purpose.
//
// The rendered schemas prisma/sqlite/schema.prisma and prisma/postgresql/schema.prisma are
// committed and change only together with a migration, so each one is also the record of the
// database shape that its migrations produce. See docs/decisions/002-two-database-providers.md.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = path.join(root, "prisma", "schema.prisma");
const providers = ["sqlite", "postgresql"];
const prismaBin = path.join(root, "node_modules", ".bin", "prisma");

export function renderSchema(text, provider) {
  const header = "// GENERATED from prisma/schema.prisma by scripts/prisma-sync.js — do not edit.\n";
  const out = text
    .replace(/provider\s*=\s*"sqlite"/, `provider = "${provider}"`)
    .replace('output          = "../app/generated/PROVIDER"', `output          = "../../app/generated/${provider}"`);
  if (!out.includes(`provider = "${provider}"`) || !out.includes(`app/generated/${provider}`)) {
    throw new Error("prisma/schema.prisma no longer has the expected datasource/generator lines");
  }
  return header + out;
}

const schemaPath = (p) => path.join(root, "prisma", p, "schema.prisma");

const configFile = path.join(root, "prisma.config.ts");
// prisma.config.ts picks the schema by DATABASE_URL; the URLs below are never connected to.
const fakeUrl = {
  sqlite: `file:${path.join(os.tmpdir(), "prisma-sync-unused.db")}`,
  postgresql: "postgresql://unused@127.0.0.1:1/unused",
};

function prisma(provider, args) {
  return execFileSync(prismaBin, [...args, "--config", configFile], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DATABASE_URL: fakeUrl[provider], PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
}

const isEmptyDiff = (sql) => sql.replace(/--.*$/gm, "").trim() === "";

function generate() {
  for (const provider of providers) {
    if (!fs.existsSync(schemaPath(provider))) continue;
    prisma(provider, ["generate", "--schema", schemaPath(provider)]);
  }
  console.log("prisma clients generated for: " + providers.join(", "));
}

function migration(name) {
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: migration <snake_case_name>");
  const text = fs.readFileSync(source, "utf8");
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "prisma-sync-"));
  let wrote = 0;
  for (const provider of providers) {
    const current = schemaPath(provider);
    const previous = path.join(tmp, `${provider}.previous.prisma`);
    const hadPrevious = fs.existsSync(current);
    if (hadPrevious) fs.copyFileSync(current, previous);
    fs.mkdirSync(path.dirname(current), { recursive: true });
    // The CLI reads the schema named in prisma.config.ts, so the new one must be in place.
    fs.writeFileSync(current, renderSchema(text, provider));
    const from = hadPrevious ? ["--from-schema-datamodel", previous] : ["--from-empty"];
    // The diff runs under the SQLite config whatever the provider: both datamodels carry their
    // own provider, and this way no PostgreSQL server is needed to write a migration.
    const sql = prisma("sqlite", ["migrate", "diff", "--script", ...from, "--to-schema-datamodel", current]);
    if (isEmptyDiff(sql)) continue;
    const dir = path.join(root, "prisma", provider, "migrations", `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    const lock = path.join(root, "prisma", provider, "migrations", "migration_lock.toml");
    fs.writeFileSync(lock, `# Please do not edit this file manually\nprovider = "${provider}"\n`);
    wrote++;
    console.log(`wrote ${path.relative(root, dir)}`);
  }
  if (!wrote) console.log("no changes: both providers already match prisma/schema.prisma");
  generate();
}

/** Tables and indexes that hand-written SQL in the migrations adds and the schema cannot describe
 *  (docs/decisions/012): SQLite's FTS5 table for the register search and its shadow tables,
 *  PostgreSQL's trigram index for the same search, and the partial unique index that allows one
 *  SCHEDULED site visit per entry (docs/decisions/039). */
export const RAW_TABLES = [/^CertificateSearch(_\w+)?$/];
export const RAW_INDEXES = ["Certificate_searchText_trgm_idx", "SiteVisit_one_scheduled_per_entry"];
const isRawIndex = (sql) => RAW_INDEXES.some((name) => new RegExp(`INDEX "?${name}"? `).test(sql));

const isRawTable = (name) => RAW_TABLES.some((raw) => (raw instanceof RegExp ? raw.test(name) : raw === name));
const normaliseSql = (sql) => (sql ?? "").replace(/\s+/g, " ").replace(/"/g, "").trim();

/** The SQLite file's tables, columns, indexes and foreign keys, as comparable text lines. */
async function describeSqlite(file) {
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(file, { readonly: true });
  try {
    const lines = [];
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'",
      )
      .all()
      .map((t) => t.name)
      .filter((name) => !isRawTable(name));
    for (const table of tables) {
      for (const c of db.prepare(`PRAGMA table_xinfo("${table}")`).all()) {
        lines.push(`column ${table}.${c.name} ${c.type} notnull=${c.notnull} default=${c.dflt_value} pk=${c.pk}`);
      }
      for (const f of db.prepare(`PRAGMA foreign_key_list("${table}")`).all()) {
        lines.push(`fk ${table}.${f.from} -> ${f.table}.${f.to} update=${f.on_update} delete=${f.on_delete}`);
      }
    }
    for (const i of db
      .prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
      .all()) {
      if (!isRawTable(i.tbl_name) && i.tbl_name !== "_prisma_migrations" && !isRawIndex(i.sql))
        lines.push(`index ${normaliseSql(i.sql)}`);
    }
    return lines.sort();
  } finally {
    db.close();
  }
}

/** The PostgreSQL database's tables, columns, indexes, constraints and enums, as text lines. */
async function describePostgres(url) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const lines = [];
    const keep = (table) => table !== "_prisma_migrations" && !isRawTable(table);
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
         FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    for (const c of columns.rows) {
      if (keep(c.table_name)) {
        lines.push(
          `column ${c.table_name}.${c.column_name} ${c.data_type}/${c.udt_name} null=${c.is_nullable} default=${c.column_default}`,
        );
      }
    }
    const indexes = await client.query(`SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'`);
    for (const i of indexes.rows)
      if (keep(i.tablename) && !isRawIndex(i.indexdef)) lines.push(`index ${normaliseSql(i.indexdef)}`);
    const constraints = await client.query(
      `SELECT rel.relname AS table, con.conname AS name, pg_get_constraintdef(con.oid) AS def
         FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid
         JOIN pg_namespace ns ON ns.oid = rel.relnamespace WHERE ns.nspname = 'public'`,
    );
    for (const c of constraints.rows)
      if (keep(c.table)) lines.push(`constraint ${c.table}.${c.name} ${normaliseSql(c.def)}`);
    const enums = await client.query(
      `SELECT t.typname AS type, e.enumlabel AS label FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
         JOIN pg_namespace ns ON ns.oid = t.typnamespace WHERE ns.nspname = 'public'`,
    );
    for (const e of enums.rows) lines.push(`enum ${e.type} ${e.label}`);
    return lines.sort();
  } finally {
    await client.end();
  }
}

function migrateDeploy(url) {
  execFileSync(prismaBin, ["migrate", "deploy", "--config", configFile], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
}

/** The SQL that builds `provider`'s rendered schema in an empty database. */
const schemaSql = (provider) =>
  prisma("sqlite", ["migrate", "diff", "--script", "--from-empty", "--to-schema-datamodel", schemaPath(provider)]);

/** Lines present on one side only, for the error message. */
function differences(migrated, expected) {
  const a = new Set(migrated);
  const b = new Set(expected);
  return [
    ...migrated.filter((l) => !b.has(l)).map((l) => `  only after the migrations: ${l}`),
    ...expected.filter((l) => !a.has(l)).map((l) => `  only in the schema:        ${l}`),
  ];
}

async function replaySqlite() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "prisma-sync-replay-"));
  try {
    const migrated = path.join(tmp, "migrated.db");
    const expected = path.join(tmp, "expected.db");
    migrateDeploy(`file:${migrated}`);
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(expected);
    db.exec(schemaSql("sqlite"));
    db.close();
    return differences(await describeSqlite(migrated), await describeSqlite(expected));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function replayPostgres(serverUrl) {
  const { default: pg } = await import("pg");
  const suffix = crypto.randomBytes(4).toString("hex");
  const names = { migrated: `tb_replay_${suffix}_m`, expected: `tb_replay_${suffix}_e` };
  const urlOf = (name) => {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    for (const name of Object.values(names)) await admin.query(`CREATE DATABASE "${name}"`);
    migrateDeploy(urlOf(names.migrated));
    const client = new pg.Client({ connectionString: urlOf(names.expected) });
    await client.connect();
    try {
      await client.query(schemaSql("postgresql"));
    } finally {
      await client.end();
    }
    return differences(await describePostgres(urlOf(names.migrated)), await describePostgres(urlOf(names.expected)));
  } finally {
    for (const name of Object.values(names)) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

async function check() {
  const text = fs.readFileSync(source, "utf8");
  const problems = [];
  for (const provider of providers) {
    const current = schemaPath(provider);
    if (!fs.existsSync(current) || fs.readFileSync(current, "utf8") !== renderSchema(text, provider)) {
      problems.push(
        `${provider}: prisma/schema.prisma changed without a migration (run npm run db:migrate:new -- <name>)`,
      );
    }
  }
  if (!problems.length) {
    const checked = ["sqlite"];
    const sqlite = await replaySqlite();
    if (sqlite.length) problems.push("sqlite: the migrations do not build the schema:", ...sqlite);
    const serverUrl = process.env.TEST_POSTGRES_URL?.trim();
    if (serverUrl) {
      checked.push("postgresql");
      const postgres = await replayPostgres(serverUrl);
      if (postgres.length) problems.push("postgresql: the migrations do not build the schema:", ...postgres);
    } else {
      console.log("postgresql migrations not replayed: TEST_POSTGRES_URL is not set");
    }
    if (!problems.length) console.log(`migrations replay to the schema on: ${checked.join(", ")}`);
  }
  if (problems.length) {
    console.error(problems.join("\n"));
    process.exit(1);
  }
  console.log("prisma schemas in step for: " + providers.join(", "));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [cmd, arg] = process.argv.slice(2);
  if (cmd === "generate") generate();
  else if (cmd === "migration") migration(arg);
  else if (cmd === "check") await check();
  else {
    console.error("usage: prisma-sync.js generate | migration <name> | check");
    process.exit(2);
  }
}
