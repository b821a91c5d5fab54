// The benchmark's databases: a fresh SQLite file in a temporary folder or a uniquely named
// PostgreSQL database (created and dropped here), migrated like server/main.ts does, seeded with
// the reference data (regions, provinces; demo off), then filled by direct inserts with a
// national cycle's register (certificates of products of establishments, over the provinces
// current and former, groups A–D, province/region/national levels, 2020–2026, some revoked and
// some expired) and a round in judging for the judges' scenario.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { seed } from "../../prisma/seed";
import { newVerificationCode } from "../../app/modules/certificates/codes";
import { validUntilFor } from "../../app/modules/certificates/validity";
import { effectiveItems } from "../../app/modules/judging/rubric";
import { ensureDefaultRubric } from "../../app/modules/judging/default-rubric.server";
import { currentRubric } from "../../app/modules/judging/rubric.server";
import { createDbClient, type Db } from "../../app/utils/db.server";
import { normalizeSearch } from "../../app/utils/text";
import { firstRow, itemAt } from "../../app/utils/arrays";
import { createGroups, PRODUCT_GROUPS } from "~/modules/rounds/groups";
import { DAILY_JOBS, dailyJobId } from "~/modules/jobs/daily.server";
import { vnDay } from "~/utils/date-range";

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

export type Provider = "sqlite" | "postgresql";

export interface BenchDatabase {
  provider: Provider;
  url: string;
  db: Db;
  drop(): Promise<void>;
}

/** A new, migrated, seeded database: SQLite under `dir`, or a new database on the PostgreSQL server of `pgUrl`. */
export async function createDatabase(opts: {
  provider: Provider;
  dir: string;
  name: string;
  pgUrl?: string;
}): Promise<BenchDatabase> {
  let url: string;
  let dropDb = async () => {};
  if (opts.provider === "sqlite") {
    url = `file:${path.join(opts.dir, `${opts.name}.db`)}`;
  } else {
    if (!opts.pgUrl) throw new Error("a PostgreSQL URL is needed");
    const dbName = `tieubieu_bench_${opts.name}_${process.pid}_${crypto.randomBytes(3).toString("hex")}`
      .toLowerCase()
      .replace(/[^a-z0-9_]/g, "_");
    const admin = new pg.Client({ connectionString: opts.pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${dbName}"`);
    await admin.end();
    const u = new URL(opts.pgUrl);
    u.pathname = `/${dbName}`;
    url = u.toString();
    dropDb = async () => {
      const c = new pg.Client({ connectionString: opts.pgUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await c.end();
    };
  }
  const migrate = spawnSync(path.join(ROOT, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
  if (migrate.status !== 0) {
    await dropDb();
    throw new Error(`prisma migrate deploy failed:\n${migrate.stdout}\n${migrate.stderr}`);
  }
  const db = createDbClient({ DATABASE_URL: url, DATA_DIR: opts.dir });
  await seed(db, { demo: false });
  return {
    provider: opts.provider,
    url,
    db,
    async drop() {
      await db.$disconnect();
      await dropDb();
      if (opts.provider === "sqlite")
        for (const f of fs.readdirSync(opts.dir))
          if (f.startsWith(`${opts.name}.db`)) fs.rmSync(path.join(opts.dir, f), { force: true });
    },
  };
}

// ───────────── the register ─────────────

const PRODUCTS = [
  "Mỳ gạo Chũ",
  "Vải thiều Lục Ngạn sấy khô",
  "Gà đồi Yên Thế",
  "Bánh đa Kế",
  "Mỳ Thủ Dương",
  "Bún Châu Sơn",
  "Bàn ghế gỗ Đông Thương",
  "Tượng gỗ Bãi Ổi",
  "Gốm men lam Bát Tràng",
  "Nón lá Chuông",
  "Lụa Vạn Phúc",
  "Chè Tân Cương",
  "Nước mắm Phú Quốc",
  "Kẹo dừa Bến Tre",
  "Cà phê Buôn Ma Thuột",
  "Máy tuốt lúa mini",
  "Dao kéo Đa Sỹ",
  "Mành tre xuất khẩu",
  "Hương trầm Quảng Phú Cầu",
  "Mật ong bạc hà Mèo Vạc",
  "Thổ cẩm Mai Châu",
  "Nem chua Thanh Hóa",
  "Bánh pía Sóc Trăng",
  "Chiếu cói Kim Sơn",
  "Tranh sơn mài Hạ Thái",
];
const FORMS = ["Hợp tác xã", "Công ty TNHH", "Hộ kinh doanh", "Tổ hợp tác"];
const LEGAL = ["COOPERATIVE", "SME", "HOUSEHOLD", "COOP_GROUP"] as const;
const GROUPS = ["A", "B", "B", "C", "D"] as const;
const YEARS = [2020, 2021, 2022, 2023, 2024, 2025, 2026];
type Group = (typeof GROUPS)[number];
type Level = "PROVINCE" | "REGION" | "NATION";

const cuid = () => `c${crypto.randomBytes(12).toString("hex")}`;

function random(seedValue: number) {
  let s = seedValue;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

async function insertChunked<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>, size = 500) {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

export interface Register {
  certificates: number;
  products: number;
  establishments: number;
  rounds: number;
  /** Verification codes and product ids to request. */
  sampleCodes: string[];
  sampleProductIds: string[];
  ms: number;
}

/** About `certificates` certificates of 0.6 × as many products (6,700 → 4,020, a national cycle). */
export async function generateRegister(db: Db, certificatesWanted: number): Promise<Register> {
  const started = Date.now();
  const rnd = random(42);
  const pick = <T>(xs: readonly T[]) => itemAt(xs, Math.floor(rnd() * xs.length), "pick");
  const provinces = await db.province.findMany({
    select: { id: true, code: true, name: true, validTo: true, successorId: true, regionId: true },
  });
  const current = provinces.filter((p) => !p.validTo);
  const former = provinces.filter((p) => p.validTo);
  const regions = await db.region.findMany({ select: { id: true, code: true, nameVi: true } });
  const user = await db.user.create({
    data: { email: `bench-${crypto.randomBytes(4).toString("hex")}@example.vn`, name: "Cán bộ đo hiệu năng" },
  });

  const establishments = Array.from({ length: Math.max(10, Math.round(certificatesWanted / 5)) }, (_, i) => {
    const p = pick(current);
    return {
      id: cuid(),
      name: `${pick(FORMS)} ${pick(PRODUCTS)} ${i + 1}`,
      provinceId: p.id,
      addressLine: `Thôn ${(i % 30) + 1}, tỉnh ${p.name}`,
    };
  });
  await insertChunked(establishments, (chunk) =>
    db.establishment.createMany({
      data: chunk.map((e, i) => ({
        ...e,
        ownerId: user.id,
        legalForm: itemAt(LEGAL, i % LEGAL.length, "legal forms"),
        registrationNumber: `B${e.id.slice(-8)}`,
        phone: "0204 000 000",
        email: `e${e.id.slice(-8)}@example.vn`,
      })),
    }),
  );
  const products = Array.from({ length: Math.round(certificatesWanted * 0.6) }, (_, i) => ({
    id: cuid(),
    name: `${pick(PRODUCTS)} loại ${i + 1}`,
    group: pick(GROUPS) as Group,
    est: itemAt(establishments, i % establishments.length, "establishments"),
  }));
  await insertChunked(products, (chunk) =>
    db.product.createMany({
      data: chunk.map((p) => ({
        id: p.id,
        establishmentId: p.est.id,
        name: p.name,
        searchName: normalizeSearch(p.name),
        group: p.group,
        description: `${p.name}: sản phẩm công nghiệp nông thôn tiêu biểu.`,
      })),
    }),
  );

  // One published round with its recognition decision per (level, place, year).
  const rounds = new Map<string, { id: string; decisionId: string }>();
  const roundRows: Array<Record<string, unknown>> = [];
  const decisionRows: Array<Record<string, unknown>> = [];
  const roundFor = (level: Level, place: { provinceId?: string; regionId?: string }, year: number) => {
    const key = `${level}:${place.provinceId ?? place.regionId ?? "VN"}:${year}`;
    let r = rounds.get(key);
    if (!r) {
      r = { id: cuid(), decisionId: cuid() };
      rounds.set(key, r);
      roundRows.push({
        id: r.id,
        name: `Bình chọn sản phẩm CNNT tiêu biểu ${level === "NATION" ? "cấp quốc gia" : level === "REGION" ? "cấp khu vực" : "cấp tỉnh"} năm ${year} (${rounds.size})`,
        level,
        year,
        ...place,
        entriesOpenAt: new Date(`${year}-01-01`),
        entriesCloseAt: new Date(`${year}-03-01`),
        status: "PUBLISHED",
        resultsFinalisedAt: new Date(`${year}-05-01`),
        createdById: user.id,
      });
      decisionRows.push({
        id: r.decisionId,
        roundId: r.id,
        number: `${rounds.size}/QĐ-UBND`,
        signedAt: new Date(`${year}-05-13`),
        authority: "UBND",
        signerName: "Nguyễn Văn An",
        signerTitle: "Phó Chủ tịch",
        createdById: user.id,
      });
    }
    return { key, ...r };
  };

  const entries: Array<Record<string, unknown>> = [];
  const certificates: Array<Record<string, unknown>> = [];
  const taken = new Set<string>();
  for (let i = 0; certificates.length < certificatesWanted && i < certificatesWanted * 5; i++) {
    const product = itemAt(products, i % products.length, "products");
    const year = pick(YEARS);
    const level: Level = i % 10 === 0 ? "NATION" : i % 4 === 0 ? "REGION" : "PROVINCE";
    const est = product.est;
    const home = provinces.find((p) => p.id === est.provinceId)!;
    // Before the 2025 merger, certificates name the former province.
    const issuedProvince =
      year < 2025 ? (former.find((f) => f.successorId === est.provinceId && rnd() < 0.7) ?? home) : home;
    const region = regions.find((r) => r.id === issuedProvince.regionId) ?? firstRow(regions, "regions");
    const place =
      level === "PROVINCE" ? { provinceId: issuedProvince.id } : level === "REGION" ? { regionId: region.id } : {};
    const round = roundFor(level, place, year);
    if (taken.has(`${product.id}:${round.key}`)) continue;
    taken.add(`${product.id}:${round.key}`);
    const entryId = cuid();
    entries.push({
      id: entryId,
      roundId: round.id,
      productId: product.id,
      establishmentId: est.id,
      group: product.group,
      status: "ACCEPTED",
      searchText: normalizeSearch(product.name),
    });
    const issuedAt = new Date(`${year}-05-20T09:00:00+07:00`);
    const revoked = i % 50 === 7;
    certificates.push({
      serial: `GCN-${i}-${year}`,
      code: newVerificationCode(),
      decisionId: round.decisionId,
      roundId: round.id,
      entryId,
      productId: product.id,
      establishmentId: est.id,
      provinceId: issuedProvince.id,
      regionId: level === "NATION" ? null : region.id,
      level,
      jurisdiction:
        level === "PROVINCE"
          ? `cấp tỉnh ${issuedProvince.name}`
          : level === "REGION"
            ? `cấp khu vực ${region.nameVi}`
            : "cấp quốc gia",
      year,
      productName: product.name,
      productGroup: product.group,
      establishmentName: est.name,
      establishmentAddress: est.addressLine,
      searchText: normalizeSearch(`${product.name} ${est.name} ${issuedProvince.name}`),
      issuedAt,
      validUntil: validUntilFor(issuedAt),
      revokedAt: revoked ? new Date(`${year + 1}-01-10`) : null,
      revokedReason: revoked ? "Vi phạm quy định về chất lượng sản phẩm" : null,
    });
  }
  await insertChunked(roundRows, (chunk) => db.round.createMany({ data: chunk as never }));
  const groupRows = roundRows.flatMap((r) => PRODUCT_GROUPS.map((group) => ({ roundId: r.id as string, group })));
  await insertChunked(groupRows, (chunk) => db.roundGroup.createMany({ data: chunk }));
  await insertChunked(decisionRows, (chunk) => db.recognitionDecision.createMany({ data: chunk as never }));
  await insertChunked(entries, (chunk) => db.entry.createMany({ data: chunk as never }));
  await insertChunked(certificates, (chunk) => db.certificate.createMany({ data: chunk as never }));
  await markDailyJobsDone(db);
  const withCert = certificates.filter((c) => !c.revokedAt);
  const sample = (k: number) => itemAt(withCert, Math.floor((k * withCert.length) / 20), "unrevoked certificates");
  return {
    certificates: certificates.length,
    products: products.length,
    establishments: establishments.length,
    rounds: rounds.size,
    sampleCodes: Array.from({ length: 20 }, (_, k) => sample(k).code as string),
    sampleProductIds: Array.from({ length: 20 }, (_, k) => sample(k).productId as string),
    ms: Date.now() - started,
  };
}

/**
 * Today's daily jobs (the yearly-confirmation reminders) recorded as done, as on a server that ran
 * them this morning. Otherwise the app's worker runs them over the whole generated register (every
 * certificate owes a reminder on a new database) while the figures are taken: in a child process
 * since decision 054, but on the same two cores, and its CPU would be charged to the requests.
 */
async function markDailyJobsDone(db: Db) {
  const day = vnDay(new Date());
  const now = new Date();
  await db.job.createMany({
    data: DAILY_JOBS.map(({ kind }) => ({
      id: dailyJobId(kind, day),
      kind,
      payload: { day },
      status: "SUCCEEDED" as const,
      attempts: 1,
      runAt: now,
      startedAt: now,
      finishedAt: now,
    })),
  });
}

// ───────────── the judges' round ─────────────

export interface JudgingFixture {
  roundId: string;
  judges: Array<{ userId: string; cookie: string; entryId: string; items: Array<{ code: string; max: number }> }>;
}

/**
 * A provincial round in JUDGING with `judges` accepted entries and as many judges (no panel:
 * each scores every entry), declarations confirmed, a session each. Judge k works on entry k.
 */
export async function generateJudging(db: Db, judgeCount: number): Promise<JudgingFixture> {
  const province = await db.province.findFirstOrThrow({ where: { code: "BN" }, select: { id: true } });
  const organiser = await db.user.create({
    data: { email: `organiser-${crypto.randomBytes(4).toString("hex")}@example.vn`, name: "Ban tổ chức" },
  });
  const now = Date.now();
  const round = await db.round.create({
    data: {
      groups: createGroups(PRODUCT_GROUPS),
      name: "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh — đợt đo hiệu năng",
      level: "PROVINCE",
      provinceId: province.id,
      year: 2026,
      entriesOpenAt: new Date(now - 90 * 86400_000),
      entriesCloseAt: new Date(now - 30 * 86400_000),
      judgingStartAt: new Date(now - 86400_000),
      status: "JUDGING",
      createdById: organiser.id,
    },
  });
  await ensureDefaultRubric(db, round.id, organiser.id);
  const rubric = (await currentRubric(db, round.id))!;
  const products = await db.product.findMany({
    take: judgeCount,
    orderBy: { id: "asc" },
    select: { id: true, name: true, group: true, establishmentId: true },
  });
  if (products.length < judgeCount) throw new Error(`only ${products.length} products for ${judgeCount} judges`);
  const entries = products.map((p, i) => ({
    id: cuid(),
    roundId: round.id,
    productId: p.id,
    establishmentId: p.establishmentId,
    group: p.group,
    status: "ACCEPTED" as const,
    entryCode: `BN-2026-${p.group}-${String(i + 1).padStart(3, "0")}`,
    searchText: normalizeSearch(p.name),
  }));
  await db.entry.createMany({ data: entries });
  const users = Array.from({ length: judgeCount }, (_, i) => ({
    id: cuid(),
    email: `giamkhao${i + 1}-${round.id.slice(-6)}@example.vn`,
    name: `Giám khảo số ${i + 1}`,
    emailVerifiedAt: new Date(),
  }));
  await db.user.createMany({ data: users });
  await db.juryMember.createMany({
    data: users.map((u) => ({ roundId: round.id, userId: u.id, isJudge: true, declaredAt: new Date(now - 3600_000) })),
  });
  const sessions = users.map((u) => ({
    id: crypto.randomBytes(20).toString("hex"),
    userId: u.id,
    expiresAt: new Date(now + 86400_000),
    ipAddress: "127.0.0.1",
    userAgent: "scripts/bench",
  }));
  await db.session.createMany({ data: sessions });
  return {
    roundId: round.id,
    judges: users.map((u, i) => {
      const entry = itemAt(entries, i, "entries");
      return {
        userId: u.id,
        cookie: `tb_session=${itemAt(sessions, i, "sessions").id}`,
        entryId: entry.id,
        items: effectiveItems(rubric.items, entry.group).map((it) => ({ code: it.code, max: it.max })),
      };
    }),
  };
}
