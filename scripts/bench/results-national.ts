// Results of a national round at full size (issue #9): 500 accepted entries, 15 judges, two
// scoring passes, every judge scoring every entry they are not conflicted with in both passes
// (≈14,000 submitted sheets). Times what the results page does: load everything from the
// database and compute the table (results.server.ts#computeRoundResults), and apart the load,
// the pure computation and the cache key a reused page reads instead (results-cache.server.ts).
// Informs, never gates: prints figures, exits 0.
//
//   npx tsx scripts/bench/results-national.ts [--runs 7] [--entries 500] [--judges 15] [--postgres postgresql://postgres@127.0.0.1:5432/postgres]
//
// SQLite: a fresh database file in a temporary folder. PostgreSQL (when --postgres or
// BENCH_POSTGRES_URL names a server): a uniquely named database created, migrated and dropped.
// The benchmark runner imports benchNationalResults(opts) and gets the figures back.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createGroups, PRODUCT_GROUPS } from "~/modules/rounds/groups";
import { itemAt } from "../../app/utils/arrays";
import type { Db } from "~/utils/db.server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface NationalResultsOptions {
  /** "sqlite" (default) or a PostgreSQL server URL (a database is created on it and dropped). */
  database?: "sqlite" | { postgresUrl: string };
  entries?: number;
  judges?: number;
  runs?: number;
  log?: (line: string) => void;
}

export interface NationalResultsFigures {
  database: "sqlite" | "postgresql";
  entries: number;
  judges: number;
  sheets: number;
  runs: number;
  /** Medians and worst run, milliseconds. */
  loadAndCompute: { median: number; max: number };
  /** CPU time of this process for load + compute (steadier than wall time on a busy machine; PostgreSQL's own work is not in it). */
  loadAndComputeCpu: { median: number; max: number };
  load: { median: number; max: number };
  compute: { median: number; max: number };
  /** What a reused results page reads instead: the results key. */
  cacheKey: { median: number; max: number };
  targetMs: 300;
  pass: boolean;
}

const GROUPS = ["A", "B", "C", "D"] as const;
const PRODUCTS = [
  "Mỳ gạo Chũ",
  "Gốm men lam Bát Tràng",
  "Lụa Vạn Phúc",
  "Chè Tân Cương",
  "Nón lá Chuông",
  "Mành tre xuất khẩu",
  "Dao kéo Đa Sỹ",
  "Nước mắm Phú Quốc",
  "Máy tuốt lúa mini",
  "Kẹo dừa Bến Tre",
];
const SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"];

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const r = (n: number) => Math.round(n * 10) / 10;
  return {
    median: r(itemAt(s, Math.floor(s.length / 2), "the timings")),
    max: r(itemAt(s, s.length - 1, "the timings")),
  };
};

function migrate(url: string) {
  const res = spawnSync(
    path.join(root, "node_modules/.bin/prisma"),
    ["migrate", "deploy", "--config", path.join(root, "prisma.config.ts")],
    {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    },
  );
  if (res.status !== 0) throw new Error(`prisma migrate deploy failed:\n${res.stdout}\n${res.stderr}`);
}

async function withPg<T>(serverUrl: string, fn: (client: import("pg").Client) => Promise<T>) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Writes a national round at full size into `db` (seeded here): ENTRIES accepted entries in four
 * groups, JUDGES judges from different provinces (each conflicted with their home province),
 * every judge scoring every entry they may in both passes. Returns the round and its sheet count.
 */
export async function generateNationalRound(
  db: Db,
  opts: { entries?: number; judges?: number } = {},
): Promise<{ roundId: string; sheets: number }> {
  const ENTRIES = opts.entries ?? 500;
  const JUDGES = opts.judges ?? 15;
  const { seed } = await import("../../prisma/seed");
  const { ensureDefaultRubric } = await import("../../app/modules/judging/default-rubric.server");
  const { currentRubric } = await import("../../app/modules/judging/rubric.server");
  const { sheetItems, sheetItemTotals } = await import("../../app/modules/judging/sheet-rules");
  const { storedSheetTotals } = await import("../../app/modules/judging/sheet-data");
  const { normalizeSearch } = await import("../../app/utils/text");
  await seed(db, { demo: false });
  const provinces = await db.province.findMany({ select: { id: true }, orderBy: { code: "asc" } });
  /** The province the n-th producer or judge comes from: the seeded provinces taken in turn. */
  const provinceIdAt = (n: number) => itemAt(provinces, n % provinces.length, "the seeded provinces").id;
  const passwordHash = "bench-no-login";
  const organiser = await db.user.create({
    data: { email: "organiser.bench@tieubieu.test", name: "Ban tổ chức quốc gia", passwordHash },
  });
  const round = await db.round.create({
    data: {
      groups: createGroups(PRODUCT_GROUPS),
      name: "Bình chọn sản phẩm CNNT tiêu biểu cấp quốc gia năm 2026 (benchmark)",
      level: "NATION",
      year: 2026,
      entriesOpenAt: new Date("2026-03-01"),
      entriesCloseAt: new Date("2026-06-30"),
      status: "RESULTS",
      scoringPasses: 2,
      currentPass: 2,
      createdById: organiser.id,
    },
  });
  await ensureDefaultRubric(db, round.id, organiser.id);
  const rubric = (await currentRubric(db, round.id))!;
  await db.rubric.update({ where: { id: rubric.id }, data: { lockedAt: new Date() } });

  // Producers, establishments, products and entries: fast direct inserts.
  const ids = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(6, "0")}`);
  const owners = ids("benchowner", ENTRIES);
  await db.user.createMany({
    data: owners.map((id, i) => ({
      id,
      email: `producer${i}@bench.vn`,
      name: `${SURNAMES[i % 10]} Văn ${i}`,
      passwordHash,
    })),
  });
  const establishments = ids("benchest", ENTRIES);
  await db.establishment.createMany({
    data: establishments.map((id, i) => ({
      id,
      ownerId: itemAt(owners, i, "the producers"),
      legalForm: "COOPERATIVE" as const,
      name: `Hợp tác xã làng nghề số ${i + 1}`,
      registrationNumber: `BENCH${i}`,
      provinceId: provinceIdAt(i),
    })),
  });
  const products = ids("benchprod", ENTRIES);
  const groupOf = (i: number) => itemAt(GROUPS, i % GROUPS.length, "the groups");
  await db.product.createMany({
    data: products.map((id, i) => {
      const name = `${PRODUCTS[i % PRODUCTS.length]} ${i + 1}`;
      return {
        id,
        establishmentId: itemAt(establishments, i, "the establishments"),
        name,
        searchName: normalizeSearch(name),
        group: groupOf(i),
        description: "Sản phẩm dự thi cấp quốc gia.",
      };
    }),
  });
  const entries = ids("benchentry", ENTRIES);
  await db.entry.createMany({
    data: entries.map((id, i) => ({
      id,
      roundId: round.id,
      productId: itemAt(products, i, "the products"),
      establishmentId: itemAt(establishments, i, "the establishments"),
      group: groupOf(i),
      status: "ACCEPTED" as const,
      entryCode: `QG26-${groupOf(i)}-${String(i + 1).padStart(4, "0")}`,
      searchText: normalizeSearch(`${PRODUCTS[i % PRODUCTS.length]} ${i + 1}`),
    })),
  });
  await db.entryOutcome.createMany({
    data: entries.map((entryId) => ({ roundId: round.id, entryId, secondPass: true })),
  });

  // 15 judges from different provinces: at national level each is conflicted with their home province.
  const judgeUsers = ids("benchjudgeuser", JUDGES);
  await db.user.createMany({
    data: judgeUsers.map((id, k) => ({
      id,
      email: `judge${k}@bench.vn`,
      name: `Giám khảo ${SURNAMES[k % 10]} ${k + 1}`,
      passwordHash,
    })),
  });
  const members = ids("benchmember", JUDGES);
  await db.juryMember.createMany({
    data: members.map((id, k) => ({
      id,
      roundId: round.id,
      userId: itemAt(judgeUsers, k, "the judges' users"),
      isJudge: true,
      provinceId: provinceIdAt(k * 4),
      declaredAt: new Date(),
    })),
  });
  const memberProvince = new Map(members.map((id, k) => [id, provinceIdAt(k * 4)]));

  const itemsByGroup = new Map(GROUPS.map((g) => [g, sheetItems(rubric.items, g)]));
  let seedN = 1;
  const rnd = () => (seedN = (seedN * 16807) % 2147483647) / 2147483647;
  const sheets: Array<{
    roundId: string;
    entryId: string;
    juryMemberId: string;
    pass: number;
    rubricId: string;
    status: "SUBMITTED";
    scores: Record<string, number>;
    submittedAt: Date;
  }> = [];
  for (let i = 0; i < ENTRIES; i++) {
    const quality = 0.45 + rnd() * 0.5;
    for (const member of members) {
      if (memberProvince.get(member) === provinceIdAt(i)) continue;
      for (const pass of [1, 2]) {
        const scores: Record<string, number> = {};
        for (const item of itemsByGroup.get(groupOf(i))!)
          scores[item.code] = Math.round(Math.min(1, Math.max(0, quality + (rnd() - 0.5) * 0.3)) * item.max * 2) / 2;
        sheets.push({
          roundId: round.id,
          entryId: itemAt(entries, i, "the entries"),
          juryMemberId: member,
          pass,
          rubricId: rubric.id,
          status: "SUBMITTED",
          scores,
          // What a submission stores with the sheet (sheets.server.ts#writeSteps, decision 053).
          ...storedSheetTotals(sheetItemTotals(rubric.items, groupOf(i), scores)),
          submittedAt: new Date(),
        });
      }
    }
  }
  for (let i = 0; i < sheets.length; i += 1000) await db.scoreSheet.createMany({ data: sheets.slice(i, i + 1000) });
  return { roundId: round.id, sheets: sheets.length };
}

export async function benchNationalResults(opts: NationalResultsOptions = {}): Promise<NationalResultsFigures> {
  const ENTRIES = opts.entries ?? 500;
  const JUDGES = opts.judges ?? 15;
  const RUNS = Math.max(3, opts.runs ?? 7);
  const log = opts.log ?? (() => {});
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tieubieu-bench-results-"));
  let url: string;
  let drop = async () => {};
  if (opts.database && opts.database !== "sqlite") {
    const server = opts.database.postgresUrl;
    const name = `bench_results_${crypto.randomBytes(4).toString("hex")}`;
    await withPg(server, (c) => c.query(`CREATE DATABASE "${name}"`));
    const u = new URL(server);
    u.pathname = `/${name}`;
    url = u.toString();
    drop = () => withPg(server, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined);
  } else {
    url = `file:${path.join(dir, "bench.db")}`;
  }
  // The app's modules create their default client from DATABASE_URL when first imported: point
  // it at the throw-away database too, so nothing here can touch a real one.
  process.env.DATABASE_URL ??= url;
  process.env.DATA_DIR ??= dir;

  migrate(url);
  const { createDbClient } = await import("../../app/utils/db.server");
  const { loadResultsInput, computeRoundResults } = await import("../../app/modules/judging/results.server");
  const { resultsKey } = await import("../../app/modules/judging/results-cache.server");
  const { buildResults } = await import("../../app/modules/judging/results");
  const db = createDbClient({ ...process.env, DATABASE_URL: url });

  try {
    log(
      `generating ${ENTRIES} entries × ${JUDGES} judges × 2 passes (${url.startsWith("file:") ? "SQLite" : "PostgreSQL"})…`,
    );
    const { roundId, sheets } = await generateNationalRound(db, { entries: ENTRIES, judges: JUDGES });
    log(`${sheets} submitted sheets written; timing ${RUNS} runs after one warm-up…`);

    const time = async <T>(fn: () => Promise<T> | T) => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const value = await fn();
      const c = process.cpuUsage(c0);
      return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, value };
    };
    await computeRoundResults(roundId, undefined, db); // warm-up
    const total: number[] = [];
    const totalCpu: number[] = [];
    const load: number[] = [];
    const compute: number[] = [];
    const key: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const whole = await time(() => computeRoundResults(roundId, undefined, db));
      const loaded = await time(() => loadResultsInput(db, roundId));
      const computed = await time(() => buildResults(loaded.value.input));
      const keyed = await time(() => resultsKey(roundId, db));
      total.push(whole.ms);
      totalCpu.push(whole.cpuMs);
      load.push(loaded.ms);
      compute.push(computed.ms);
      key.push(keyed.ms);
      log(
        `run ${r + 1}: load+compute ${whole.ms.toFixed(1)} ms, cpu ${whole.cpuMs.toFixed(1)} ms (load ${loaded.ms.toFixed(1)}, compute ${computed.ms.toFixed(1)}, key ${keyed.ms.toFixed(1)}) loadavg ${os
          .loadavg()
          .map((x) => x.toFixed(2))
          .join(" ")}`,
      );
    }
    const loadAndCompute = stats(total);
    return {
      database: url.startsWith("file:") ? "sqlite" : "postgresql",
      entries: ENTRIES,
      judges: JUDGES,
      sheets,
      runs: RUNS,
      loadAndCompute,
      loadAndComputeCpu: stats(totalCpu),
      load: stats(load),
      compute: stats(compute),
      cacheKey: stats(key),
      targetMs: 300,
      pass: loadAndCompute.median < 300,
    };
  } finally {
    await db.$disconnect();
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function printTable(f: NationalResultsFigures) {
  console.log(
    `\nNational round results — ${f.database}: ${f.entries} entries × ${f.judges} judges × 2 passes = ${f.sheets} sheets, ${f.runs} runs`,
  );
  console.log("metric                     median ms    worst ms   target     pass");
  const row = (name: string, s: { median: number; max: number }, target = "", pass = "") =>
    console.log(
      `${name.padEnd(26)} ${String(s.median).padStart(9)} ${String(s.max).padStart(11)}   ${target.padEnd(10)} ${pass}`,
    );
  row("load + compute", f.loadAndCompute, "< 300", f.pass ? "yes" : "NO");
  row("load + compute, CPU", f.loadAndComputeCpu);
  row("  load (database)", f.load);
  row("  compute (pure)", f.compute);
  row("cache key (reused page)", f.cacheKey);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const arg = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const pg = arg("postgres") ?? process.env.BENCH_POSTGRES_URL?.trim();
  const common = {
    runs: Number(arg("runs") ?? 7),
    entries: Number(arg("entries") ?? 500),
    judges: Number(arg("judges") ?? 15),
    log: (l: string) => console.log(l),
  };
  printTable(await benchNationalResults({ ...common, database: "sqlite" }));
  if (pg) printTable(await benchNationalResults({ ...common, database: { postgresUrl: pg } }));
}
