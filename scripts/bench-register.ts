// Timings of the public register's loaders with a realistic amount of data (not a test).
//
//   npx tsx scripts/bench-register.ts [--certificates 1000] [--runs 30] [--keep]
//
// Creates a throw-away SQLite database in a temporary folder (or uses TEST_POSTGRES_URL's server
// when BENCH_POSTGRES_URL is set to a database URL you own), migrates it, seeds the provinces and
// writes ~1000 certificates of ~600 products (province, region and national levels over seven
// years, some expired, some revoked, some in former provinces), then times the queries behind
// /products (plain, search, combined filters, level sort, a far page), the product page,
// /verify, the statistics and the Excel export. Prints milliseconds: median and 95th percentile.
// --keep leaves the database and prints its DATABASE_URL, to browse the pages with `npm run dev`.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const CERTIFICATES = arg("certificates", 1000);
const RUNS = arg("runs", 30);
const KEEP = args.includes("--keep");

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tieubieu-bench-"));
const pgUrl = process.env.BENCH_POSTGRES_URL?.trim();
process.env.DATABASE_URL = pgUrl || `file:${path.join(dir, "bench.db")}`;
process.env.DATA_DIR = dir;

const migrate = spawnSync(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy", "--config", path.join(root, "prisma.config.ts")], {
  cwd: root,
  encoding: "utf8",
  env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});
if (migrate.status !== 0) {
  console.error(migrate.stdout, migrate.stderr);
  process.exit(1);
}

const { seed } = await import("../prisma/seed");
const { prisma } = await import("../app/utils/db.server");
const { normalizeSearch } = await import("../app/utils/text");
const { validUntilFor } = await import("../app/modules/certificates/validity");
const { newVerificationCode } = await import("../app/modules/certificates/codes");
const register = await import("../app/modules/register/register.server");
const { registerStats } = await import("../app/modules/register/stats.server");
const { exportTable, registerPdf, registerXlsx } = await import("../app/modules/register/export.server");
const { parseRegisterFilters } = await import("../app/modules/register/filters");
const { getT } = await import("../app/utils/i18n");

await seed(prisma, { demo: false });

// ───────────── data ─────────────

const NAMES = [
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
];
const FORMS = ["Hợp tác xã", "Công ty TNHH", "Hộ kinh doanh", "Tổ hợp tác"];
const LEGAL = ["COOPERATIVE", "SME", "HOUSEHOLD", "COOP_GROUP"] as const;
const GROUPS = ["A", "B", "B", "C", "D"] as const;

const started = Date.now();
const provinces = await prisma.province.findMany({ select: { id: true, code: true, name: true, validTo: true, successorId: true, regionId: true } });
const current = provinces.filter((p) => !p.validTo);
const former = provinces.filter((p) => p.validTo);
const regions = await prisma.region.findMany({ select: { id: true, code: true, nameVi: true } });
const user = await prisma.user.create({ data: { email: "bench@example.vn", name: "Bench" } });

const rnd = (() => {
  let s = 42;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
})();
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];

const establishmentCount = Math.max(10, Math.round(CERTIFICATES / 5));
const establishments: Array<{ id: string; name: string; provinceId: string; addressLine: string }> = [];
for (let i = 0; i < establishmentCount; i++) {
  const p = pick(current);
  const name = `${pick(FORMS)} ${pick(NAMES)} ${i + 1}`;
  establishments.push({ id: crypto.randomUUID().replace(/-/g, "").slice(0, 25), name, provinceId: p.id, addressLine: `Thôn ${i + 1}, tỉnh ${p.name}` });
}
await prisma.establishment.createMany({
  data: establishments.map((e, i) => ({ ...e, ownerId: user.id, legalForm: LEGAL[i % 4], registrationNumber: `B${i}`, phone: "0204 000 000", email: `e${i}@example.vn` })),
});
const products: Array<{ id: string; name: string; group: (typeof GROUPS)[number]; est: (typeof establishments)[number] }> = [];
for (let i = 0; i < Math.round(CERTIFICATES * 0.6); i++) {
  const est = establishments[i % establishments.length];
  products.push({ id: crypto.randomUUID().replace(/-/g, "").slice(0, 25), name: `${pick(NAMES)} loại ${i + 1}`, group: pick(GROUPS), est });
}
await prisma.product.createMany({
  data: products.map((p) => ({ id: p.id, establishmentId: p.est.id, name: p.name, searchName: normalizeSearch(p.name), group: p.group, description: `${p.name}: mô tả.` })),
});

// Rounds: provincial rounds per province and year, regional per region and even year, national per odd year.
const years = [2020, 2021, 2022, 2023, 2024, 2025, 2026];
const roundKey = (level: string, place: string, year: number) => `${level}:${place}:${year}`;
const rounds = new Map<string, { id: string; decisionId: string }>();
async function roundFor(level: "PROVINCE" | "REGION" | "NATION", place: { provinceId?: string; regionId?: string }, year: number) {
  const key = roundKey(level, place.provinceId ?? place.regionId ?? "VN", year);
  const found = rounds.get(key);
  if (found) return found;
  const r = await prisma.round.create({
    data: {
      name: `Bình chọn ${level} ${year} ${key}`,
      level,
      year,
      ...place,
      entriesOpenAt: new Date(`${year}-01-01`),
      entriesCloseAt: new Date(`${year}-03-01`),
      status: "PUBLISHED",
      resultsFinalisedAt: new Date(`${year}-05-01`),
      createdById: user.id,
    },
  });
  const d = await prisma.recognitionDecision.create({
    data: { roundId: r.id, number: `${rounds.size + 1}/QĐ-UBND`, signedAt: new Date(`${year}-05-13`), authority: "UBND", signerName: "A", signerTitle: "Phó Chủ tịch", createdById: user.id },
  });
  const v = { id: r.id, decisionId: d.id };
  rounds.set(key, v);
  return v;
}

const entries: Array<{ id: string; roundId: string; productId: string; establishmentId: string; group: (typeof GROUPS)[number]; status: "ACCEPTED"; searchText: string }> = [];
const certificates: Array<Record<string, unknown>> = [];
const taken = new Set<string>();
for (let i = 0; certificates.length < CERTIFICATES && i < CERTIFICATES * 5; i++) {
  const product = products[i % products.length];
  const year = pick(years);
  const level = i % 10 === 0 ? "NATION" : i % 4 === 0 ? "REGION" : "PROVINCE";
  // Before the merger, certificates name the former province.
  const est = product.est;
  const issuedProvince = year < 2025 ? (former.find((f) => f.successorId === est.provinceId && rnd() < 0.7) ?? provinces.find((p) => p.id === est.provinceId)!) : provinces.find((p) => p.id === est.provinceId)!;
  const region = regions.find((r) => r.id === issuedProvince.regionId) ?? regions[0];
  const place = level === "PROVINCE" ? { provinceId: issuedProvince.id } : level === "REGION" ? { regionId: region.id } : {};
  const key = `${product.id}:${roundKey(level, place.provinceId ?? place.regionId ?? "VN", year)}`;
  if (taken.has(key)) continue;
  taken.add(key);
  const round = await roundFor(level, place, year);
  const entryId = crypto.randomUUID().replace(/-/g, "").slice(0, 25);
  entries.push({ id: entryId, roundId: round.id, productId: product.id, establishmentId: est.id, group: product.group, status: "ACCEPTED", searchText: normalizeSearch(product.name) });
  const issuedAt = new Date(`${year}-05-20T09:00:00+07:00`);
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
    jurisdiction: level === "PROVINCE" ? `cấp tỉnh ${issuedProvince.name}` : level === "REGION" ? `cấp khu vực ${region.nameVi}` : "cấp quốc gia",
    year,
    productName: product.name,
    productGroup: product.group,
    establishmentName: est.name,
    establishmentAddress: est.addressLine,
    searchText: normalizeSearch(`${product.name} ${est.name} ${issuedProvince.name}`),
    issuedAt,
    validUntil: validUntilFor(issuedAt),
    revokedAt: i % 50 === 7 ? new Date(`${year + 1}-01-10`) : null,
    revokedReason: i % 50 === 7 ? "Vi phạm quy định" : null,
  });
}
await prisma.entry.createMany({ data: entries });
await prisma.certificate.createMany({ data: certificates as never });
const count = await prisma.certificate.count();
console.log(`data: ${count} certificates, ${products.length} products, ${establishments.length} establishments, ${rounds.size} rounds (${Date.now() - started} ms)`);

// ───────────── timings ─────────────

async function time(label: string, fn: () => Promise<unknown>, runs = RUNS) {
  await fn(); // warm-up (prepared statements, caches)
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)];
  const p95 = ms[Math.min(ms.length - 1, Math.floor(ms.length * 0.95))];
  console.log(`${label.padEnd(44)} median ${median.toFixed(2).padStart(7)} ms   p95 ${p95.toFixed(2).padStart(7)} ms`);
}
const filters = (q: string) => parseRegisterFilters(new URLSearchParams(q)).filters;
const sample = await prisma.certificate.findFirstOrThrow({ select: { code: true, productId: true }, orderBy: { serial: "asc" } });
const t = getT("vi");

console.log(`provider: ${pgUrl ? "postgresql" : "sqlite"}, ${RUNS} runs each`);
await time("validator (registerVersion)", () => register.registerVersion());
await time("loadGeo", () => register.loadGeo());
await time("/products", () => register.listRegister(filters("")));
await time("/products?q=my gao chu", () => register.listRegister(filters("q=my+gao+chu")));
await time("/products?province=BN&status=valid&group=B", () => register.listRegister(filters("province=BN&status=valid&group=B")));
await time("/products?sort=level&page=20", () => register.listRegister(filters("sort=level&page=20")));
await time("/products?sort=province&page=30", () => register.listRegister(filters("sort=province&page=30")));
await time("registerYears", () => register.registerYears());
await time("/api/products?pageSize=100&page=5", () => register.apiRegisterPage(filters("page=5"), 100));
await time("/products/:id", () => register.getPublicProduct(sample.productId));
await time("/verify/:code", () => register.findCertificateByCode(sample.code));
await time("/statistics", () => registerStats());
await time("/statistics?status=valid", () => registerStats({ status: "valid" }));
const all = await register.exportRegister(filters(""));
const info = { source: "", generatedAt: new Date(), filters: "", rows: all.rows.length, total: all.total, cap: all.cap, truncated: all.truncated };
await time(`/products/export xlsx (${all.rows.length} rows)`, async () => registerXlsx(exportTable((await register.exportRegister(filters(""))).rows, t), info, t));
await time(`/products/export pdf (${all.rows.length} rows)`, async () => registerPdf(exportTable((await register.exportRegister(filters(""))).rows, t), info, t), 5);

await prisma.$disconnect();
if (KEEP) console.log(`kept: DATABASE_URL=${process.env.DATABASE_URL} DATA_DIR=${dir}`);
else if (!pgUrl) fs.rmSync(dir, { recursive: true, force: true });
