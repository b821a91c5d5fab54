// The public register of certified products (issue #5 "Public register"): the queries behind
// /products, the product page, /verify/<code>, the downloads and the open-data API. Nothing here
// needs a login, so nothing here may return what is not public: only certificates and what they
// copied at issue, the current contact of the holding establishment, and photos the producer
// marked public.
//
// The list's unit is the CERTIFICATE, not the product: a product recognised at province level
// in 2024 and at region level in 2024 appears twice, once per certificate, because level, year
// and status belong to a certificate. Counts (the list's total, the statistics, the API) count
// certificates too; the product page gathers a product's certificates.
//
// Queries: one count and one findMany per list (the "level" sort needs a count per level instead,
// and a second findMany when a page straddles two levels, because enum order differs between
// SQLite and PostgreSQL); photos come through the same findMany (Prisma batches the relation,
// no query per row); the province look-up is one small query of the ~100 provinces.
import type { Prisma } from "~/generated/sqlite/client.ts";
import { certificateStatus, statusWhere, type CertificateStatus } from "~/modules/certificates/validity";
import type { PrizeTierName } from "~/modules/certificates/prizes";
import { THUMB_SIDE } from "~/modules/files/image.server";
import { publicFilesWhere } from "~/modules/files/access.server";
import { paging } from "~/utils/paging";
import { databaseProvider, prisma, type Db } from "~/utils/db.server";
import { foreignIssuers, type ForeignIssuer } from "./issuers.server";
import { memoByVersion, readRegisterVersion, versionTag } from "./version.server";
import {
  EXPORT_CAP,
  LEVELS,
  REGISTER_PAGE_SIZE,
  searchWords,
  serialQuery,
  type RegisterFilters,
  type RegisterLevel,
  type RegisterSort,
} from "./filters";

type ReadDb = Pick<
  Db,
  "certificate" | "province" | "region" | "product" | "entry" | "storedFile" | "exchangeSourceRound" | "$queryRawUnsafe"
>;

// ───────────── provinces and regions ─────────────

export interface ProvinceInfo {
  id: string;
  code: string;
  name: string;
  /** False for a province absorbed in the 12/6/2025 merger. */
  current: boolean;
  /** For a former province: the current one that absorbed it. */
  successorId: string | null;
}

export interface RegionInfo {
  id: string;
  code: string;
  nameVi: string;
  nameEn: string;
}

export interface Geo {
  provinces: ProvinceInfo[];
  regions: RegionInfo[];
  provinceById: Map<string, ProvinceInfo>;
  provinceByCode: Map<string, ProvinceInfo>;
  regionById: Map<string, RegionInfo>;
  regionByCode: Map<string, RegionInfo>;
}

/** Every province (current first, then former, by name) and region: two small queries. */
export async function loadGeo(db: Pick<Db, "province" | "region"> = prisma): Promise<Geo> {
  const [rows, regions] = await Promise.all([
    db.province.findMany({
      select: { id: true, code: true, name: true, searchName: true, validTo: true, successorId: true },
      orderBy: [{ searchName: "asc" }, { code: "asc" }],
    }),
    db.region.findMany({ select: { id: true, code: true, nameVi: true, nameEn: true }, orderBy: { sortOrder: "asc" } }),
  ]);
  const provinces = rows
    .map((p) => ({
      id: p.id,
      code: p.code,
      name: p.name,
      current: p.validTo === null,
      successorId: p.validTo === null ? null : p.successorId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
  return {
    provinces,
    regions,
    provinceById: new Map(provinces.map((p) => [p.id, p])),
    provinceByCode: new Map(provinces.map((p) => [p.code, p])),
    regionById: new Map(regions.map((r) => [r.id, r])),
    regionByCode: new Map(regions.map((r) => [r.code, r])),
  };
}

/** How a province is shown: its name, and for a former province the current one, when it differs. */
export interface ProvinceLabel {
  code: string;
  name: string;
  /** "Bắc Ninh" for Bắc Giang: shown as "Bắc Giang (nay là Bắc Ninh)". Null when current or unchanged. */
  nowPartOf: string | null;
  /** The current province this one is or became part of (statistics roll up to it). */
  currentCode: string;
  currentName: string;
}

export function provinceLabel(geo: Geo, provinceId: string | null | undefined): ProvinceLabel | null {
  const p = provinceId ? geo.provinceById.get(provinceId) : undefined;
  if (!p) return null;
  const now = p.current ? p : (p.successorId && geo.provinceById.get(p.successorId)) || p;
  return {
    code: p.code,
    name: p.name,
    nowPartOf: now.id !== p.id && now.name !== p.name ? now.name : null,
    currentCode: now.code,
    currentName: now.name,
  };
}

/** The province ids a province filter matches: a current province with its predecessors; a former one alone. */
export function provinceIdsFor(geo: Geo, province: ProvinceInfo): string[] {
  if (!province.current) return [province.id];
  return [province.id, ...geo.provinces.filter((p) => p.successorId === province.id).map((p) => p.id)];
}

// ───────────── where ─────────────

export interface RegisterWhere {
  where: Prisma.CertificateWhereInput;
  /** Filters whose value names nothing known (a province code that does not exist): dropped. */
  unknown: string[];
}

/** Above this many matches the search index narrows little: the words then filter the rows directly. */
const INDEXED_SEARCH_MAX = 1000;

/**
 * SQLite: the ids of the certificates whose searchText contains every word, read from the FTS5
 * trigram index (migration register_search) — the same LIKE '%word%' test as `contains`, on the
 * same text, answered by the index. Null when there are no words, on PostgreSQL (its pg_trgm
 * index serves `contains` itself) and when more than INDEXED_SEARCH_MAX match.
 */
export async function searchIds(db: Pick<Db, "$queryRawUnsafe">, q: string | undefined): Promise<string[] | null> {
  const words = searchWords(q);
  if (!words.length || databaseProvider() !== "sqlite") return null;
  // Words hold only letters and digits (searchWords), so no LIKE wildcard can slip in.
  const sql = `SELECT "certificateId" AS "id" FROM "CertificateSearch" WHERE ${words.map(() => `"searchText" LIKE ?`).join(" AND ")} LIMIT ${INDEXED_SEARCH_MAX + 1}`;
  const rows = await db.$queryRawUnsafe<Array<{ id: string }>>(sql, ...words.map((w) => `%${w}%`));
  return rows.length > INDEXED_SEARCH_MAX ? null : rows.map((r) => r.id);
}

/**
 * The filters as a where clause on Certificate; status is computed against `now`. `ids`, from
 * searchIds, stands for the search words when given.
 */
export function registerWhere(
  filters: Partial<RegisterFilters>,
  geo: Geo,
  now: Date = new Date(),
  ids: string[] | null = null,
): RegisterWhere {
  const and: Prisma.CertificateWhereInput[] = [];
  const unknown: string[] = [];
  const words: Prisma.CertificateWhereInput[] = ids
    ? [{ id: { in: ids } }]
    : searchWords(filters.q).map((word) => ({ searchText: { contains: word } }));
  const serial = serialQuery(filters.q);
  // Every word must match; a typed serial number finds its certificate too.
  if (serial) and.push({ OR: [{ serial }, ...(words.length ? [{ AND: words }] : [])] });
  else and.push(...words);
  if (filters.province) {
    const p = geo.provinceByCode.get(filters.province);
    if (p) and.push({ provinceId: { in: provinceIdsFor(geo, p) } });
    else unknown.push("province");
  }
  if (filters.region) {
    const r = geo.regionByCode.get(filters.region);
    if (r) and.push({ regionId: r.id });
    else unknown.push("region");
  }
  if (filters.group) and.push({ productGroup: filters.group });
  if (filters.level) and.push({ level: filters.level });
  if (filters.year) and.push({ year: filters.year });
  if (filters.status) and.push(statusWhere(filters.status, now));
  if (filters.prize)
    and.push({ prize: filters.prize === "any" ? { not: null } : (filters.prize.toUpperCase() as PrizeTierName) });
  return { where: and.length ? { AND: and } : {}, unknown };
}

// ───────────── photos ─────────────

/**
 * The photos anyone may see: marked public by the producer, not deleted — and only as far as
 * the file access rules serve them to anonymous visitors (publicFilesWhere). Null while those rules
 * serve none, so the register never shows an image that would answer "log in".
 */
export function publicPhotoWhere(): Prisma.StoredFileWhereInput | null {
  const open = publicFilesWhere();
  if (!open) return null;
  return { AND: [{ kind: "PHOTO", isPublic: true, deletedAt: null }, open] };
}

export interface Photo {
  id: string;
  /** The thumbnail's size (the stored photo scaled to fit THUMB_SIDE), for width/height attributes. */
  width: number;
  height: number;
}

/** Thumbnail dimensions of a stored photo of size w×h (4:3 when unknown). */
export function thumbSize(width: number | null, height: number | null): { width: number; height: number } {
  if (!width || !height) return { width: THUMB_SIDE, height: Math.round((THUMB_SIDE * 3) / 4) };
  const scale = Math.min(1, THUMB_SIDE / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

const photoSelect = { id: true, width: true, height: true } satisfies Prisma.StoredFileSelect;
const photoOrder: Prisma.StoredFileOrderByWithRelationInput[] = [{ createdAt: "asc" }, { id: "asc" }];
const toPhoto = (f: { id: string; width: number | null; height: number | null }): Photo => ({
  id: f.id,
  ...thumbSize(f.width, f.height),
});

// ───────────── rows ─────────────

const rowSelect = {
  id: true,
  roundId: true,
  serial: true,
  code: true,
  productId: true,
  productName: true,
  productGroup: true,
  establishmentName: true,
  provinceId: true,
  regionId: true,
  level: true,
  jurisdiction: true,
  year: true,
  issuedAt: true,
  validUntil: true,
  revokedAt: true,
  prize: true,
} satisfies Prisma.CertificateSelect;

type RawRow = Prisma.CertificateGetPayload<{ select: typeof rowSelect }> & {
  product?: { files: Array<{ id: string; width: number | null; height: number | null }> };
};

export interface RegisterRow {
  id: string;
  serial: string;
  code: string;
  productId: string;
  productName: string;
  productGroup: "A" | "B" | "C" | "D";
  establishmentName: string;
  province: ProvinceLabel | null;
  region: RegionInfo | null;
  level: RegisterLevel;
  jurisdiction: string;
  year: number;
  issuedAt: Date;
  validUntil: Date;
  revokedAt: Date | null;
  status: CertificateStatus;
  photo: Photo | null;
  prize: PrizeTierName | null;
  /** Another installation, when the certificate was imported from it with a nomination package. */
  issuedBy: ForeignIssuer | null;
}

function toRow(r: RawRow, geo: Geo, now: Date, issuers?: Map<string, ForeignIssuer>): RegisterRow {
  const photo = r.product?.files[0];
  return {
    id: r.id,
    serial: r.serial,
    code: r.code,
    productId: r.productId,
    productName: r.productName,
    productGroup: r.productGroup,
    establishmentName: r.establishmentName,
    province: provinceLabel(geo, r.provinceId),
    region: r.regionId ? (geo.regionById.get(r.regionId) ?? null) : null,
    level: r.level,
    jurisdiction: r.jurisdiction,
    year: r.year,
    issuedAt: r.issuedAt,
    validUntil: r.validUntil,
    revokedAt: r.revokedAt,
    status: certificateStatus(r, now),
    photo: photo ? toPhoto(photo) : null,
    prize: r.prize,
    issuedBy: issuers?.get(r.roundId) ?? null,
  };
}

/**
 * Orders of the sorts. searchText begins with the product's name, normalised (no diacritics,
 * lower case), so sorting on it is an A–Z that puts "Đồ gỗ" among the D's on both databases,
 * where a plain sort on productName would put every accented capital after Z. The serial breaks
 * ties, so pages never overlap.
 */
function orderBy(sort: RegisterSort): Prisma.CertificateOrderByWithRelationInput[] {
  switch (sort) {
    case "name":
      return [{ searchText: "asc" }, { year: "desc" }, { serial: "asc" }];
    case "province":
      return [{ province: { searchName: "asc" } }, { searchText: "asc" }, { serial: "asc" }];
    case "level":
      return [{ year: "desc" }, { searchText: "asc" }, { serial: "asc" }];
    default:
      return [{ issuedAt: "desc" }, { serial: "asc" }];
  }
}

interface Window {
  skip: number;
  take: number;
}

/**
 * Rows read per query: an export's 5,000 rows come in slices of this many, with a turn of the
 * event loop between them, so no single read (the driver's rows, then Prisma turning them into
 * objects) holds other requests for long (decision 027). A page of the register is one slice.
 */
const READ_BATCH = 250;

/** `take` rows from `skip` on, `size` a query, page by page, yielding to the event loop between reads. */
async function* batches(
  skip: number,
  take: number,
  read: (skip: number, take: number) => Promise<RawRow[]>,
  size = READ_BATCH,
): AsyncGenerator<RawRow[]> {
  for (let offset = 0; offset < take; offset += size) {
    if (offset) await new Promise<void>((resolve) => setImmediate(resolve));
    const part = await read(skip + offset, Math.min(size, take - offset));
    if (part.length) yield part;
    if (part.length < Math.min(size, take - offset)) return;
  }
}

/** What a read of the list needs besides its window: the rows' select and, for the level sort, the count per level. */
interface ListQuery {
  where: Prisma.CertificateWhereInput;
  sort: RegisterSort;
  select: typeof rowSelect;
  /** The level sort only: how many rows each level has. */
  perLevel: Map<string, number> | null;
}

/** The count of `where` (per level, for the level sort) and the select of its rows. */
async function listQuery(
  db: ReadDb,
  where: Prisma.CertificateWhereInput,
  sort: RegisterSort,
  withPhotos: boolean,
): Promise<{ query: ListQuery; total: number }> {
  const photos = withPhotos ? publicPhotoWhere() : null;
  const select = (
    photos
      ? {
          ...rowSelect,
          product: { select: { files: { where: photos, orderBy: photoOrder, take: 1, select: photoSelect } } },
        }
      : rowSelect
  ) as typeof rowSelect;
  if (sort !== "level")
    return { query: { where, sort, select, perLevel: null }, total: await db.certificate.count({ where }) };
  const counts = await db.certificate.groupBy({ by: ["level"], where, _count: { _all: true } });
  const perLevel = new Map(counts.map((c) => [c.level as string, c._count._all]));
  return { query: { where, sort, select, perLevel }, total: counts.reduce((sum, c) => sum + c._count._all, 0) };
}

/**
 * The rows of the list in its sort order, `take` from `skip` on, one page (`size` rows, one
 * query) at a time: a reader that writes each page before asking for the next never holds more.
 * For the level sort (highest tier first), the levels the window touches, one after the other.
 */
async function* rowPages(db: ReadDb, q: ListQuery, skip: number, take: number, size = READ_BATCH) {
  const { where, select } = q;
  if (!q.perLevel) {
    yield* batches(
      skip,
      take,
      async (skip, take) =>
        (await db.certificate.findMany({ where, select, orderBy: orderBy(q.sort), skip, take })) as RawRow[],
      size,
    );
    return;
  }
  let offset = skip;
  let remaining = take;
  for (const level of LEVELS) {
    const n = q.perLevel.get(level) ?? 0;
    if (remaining <= 0) break;
    if (offset >= n) {
      offset -= n;
      continue;
    }
    for await (const part of batches(
      offset,
      Math.min(remaining, n - offset),
      async (skip, take) =>
        (await db.certificate.findMany({
          where: { AND: [where, { level }] },
          select,
          orderBy: orderBy("level"),
          skip,
          take,
        })) as RawRow[],
      size,
    )) {
      yield part;
      remaining -= part.length;
    }
    offset = 0;
  }
}

/**
 * The rows of `where` in `sort` order, in the window that `window(total)` picks from the total:
 * a count, then a findMany. For the level sort (highest tier first), a count per level and
 * a findMany per level the window touches.
 */
async function queryRows(
  db: ReadDb,
  where: Prisma.CertificateWhereInput,
  sort: RegisterSort,
  window: (total: number) => Window,
  withPhotos: boolean,
) {
  const { query, total } = await listQuery(db, where, sort, withPhotos);
  const { skip, take } = window(total);
  const rows: RawRow[] = [];
  if (take > 0 && skip < total)
    for await (const part of rowPages(db, query, skip, take)) for (const r of part) rows.push(r);
  return { total, rows };
}

export interface RegisterPage {
  rows: RegisterRow[];
  total: number;
  page: number;
  pages: number;
  pageSize: number;
  /** Filter names dropped because their value names nothing known. */
  unknown: string[];
}

/** A page of the register (/products): a page past the end shows the last one. */
export async function listRegister(
  filters: RegisterFilters,
  opts: { geo?: Geo; now?: Date; db?: ReadDb; pageSize?: number } = {},
): Promise<RegisterPage> {
  const db = opts.db ?? prisma;
  const now = opts.now ?? new Date();
  const geo = opts.geo ?? (await loadGeo(db));
  const size = opts.pageSize ?? REGISTER_PAGE_SIZE;
  const { where, unknown } = registerWhere(filters, geo, now, await searchIds(db, filters.q));
  let pg = paging(filters.page, 0, size);
  const { total, rows } = await queryRows(
    db,
    where,
    filters.sort,
    (count) => {
      pg = paging(filters.page, count, size);
      return { skip: pg.skip, take: pg.take };
    },
    true,
  );
  const issuers = await foreignIssuers(
    rows.map((r) => r.roundId),
    db,
  );
  return {
    rows: rows.map((r) => toRow(r, geo, now, issuers)),
    total,
    page: pg.page,
    pages: pg.pages,
    pageSize: size,
    unknown,
  };
}

/** A page of the open-data API: pages past the end are empty (not clamped), as clients expect. */
export async function apiRegisterPage(
  filters: RegisterFilters,
  pageSize: number,
  opts: { geo?: Geo; now?: Date; db?: ReadDb } = {},
) {
  const db = opts.db ?? prisma;
  const now = opts.now ?? new Date();
  const geo = opts.geo ?? (await loadGeo(db));
  const { where, unknown } = registerWhere(filters, geo, now, await searchIds(db, filters.q));
  const { total, rows } = await queryRows(
    db,
    where,
    filters.sort,
    () => ({ skip: (filters.page - 1) * pageSize, take: pageSize }),
    true,
  );
  return {
    rows: rows.map((r) => toRow(r, geo, now)),
    total,
    totalPages: Math.max(1, Math.ceil(total / pageSize)),
    unknown,
  };
}

/** Every row of the filtered list in page order, up to EXPORT_CAP (the downloads); searched through the index like the list. */
export async function exportRegister(
  filters: RegisterFilters,
  opts: { geo?: Geo; now?: Date; db?: ReadDb; cap?: number } = {},
) {
  const db = opts.db ?? prisma;
  const now = opts.now ?? new Date();
  const geo = opts.geo ?? (await loadGeo(db));
  const cap = opts.cap ?? EXPORT_CAP;
  const { where, unknown } = registerWhere(filters, geo, now, await searchIds(db, filters.q));
  const { total, rows } = await queryRows(db, where, filters.sort, () => ({ skip: 0, take: cap }), false);
  return { rows: rows.map((r) => toRow(r, geo, now)), total, truncated: total > rows.length, cap, unknown };
}

/**
 * The filtered list's download read page by page (the export job's child process, decision 051):
 * the count now, the rows when `pages()` is iterated — one query of `pageSize` rows at a time,
 * each page mapped and handed on before the next is read, so the reader holds one page whatever
 * the list's length. Each call of `pages()` reads the same window again (the PDF lays the list out
 * twice: once to count its pages, once to draw them), at most the `rows` counted now.
 */
export async function exportRegisterPages(
  filters: RegisterFilters,
  opts: { geo?: Geo; now?: Date; db?: ReadDb; cap?: number; pageSize?: number } = {},
) {
  const db = opts.db ?? prisma;
  const now = opts.now ?? new Date();
  const geo = opts.geo ?? (await loadGeo(db));
  const cap = opts.cap ?? EXPORT_CAP;
  const { where, unknown } = registerWhere(filters, geo, now, await searchIds(db, filters.q));
  const { query, total } = await listQuery(db, where, filters.sort, false);
  const rows = Math.min(total, cap);
  async function* pages(): AsyncGenerator<RegisterRow[]> {
    if (!rows) return;
    for await (const part of rowPages(db, query, 0, rows, opts.pageSize)) yield part.map((r) => toRow(r, geo, now));
  }
  return { rows, total, truncated: total > rows, cap, unknown, pages };
}

/** How many rows the filtered list's download would have (capped like it): decides whether it is made as a background job (decision 042). */
export async function registerExportCount(
  filters: RegisterFilters,
  opts: { geo?: Geo; now?: Date; db?: ReadDb } = {},
): Promise<number> {
  const db = opts.db ?? prisma;
  const geo = opts.geo ?? (await loadGeo(db));
  const { where } = registerWhere(filters, geo, opts.now ?? new Date(), await searchIds(db, filters.q));
  return Math.min(EXPORT_CAP, await db.certificate.count({ where }));
}

/** The years that have certificates, newest first (the year filter's options). */
export async function registerYears(db: ReadDb = prisma): Promise<number[]> {
  const rows = await db.certificate.groupBy({ by: ["year"], _count: { _all: true }, orderBy: { year: "desc" } });
  return rows.map((r) => r.year);
}

/** registerYears and loadGeo of the default database, computed once per register version. */
export const cachedYears = (version: number | null) => memoByVersion(version, "years", "", () => registerYears());
export const cachedGeo = (version: number | null) => memoByVersion(version, "geo", "", () => loadGeo());

/**
 * What the register's pages are made of, for their ETag: the register's version (raised by every
 * write to certificates, decisions, provinces and public photos, see version.server.ts) and whether
 * photos are served to anonymous visitors at all. One primary-key read.
 */
export async function registerVersion(db: Pick<Db, "registerVersion"> = prisma): Promise<unknown[]> {
  return [versionTag(await readRegisterVersion(db)), publicPhotoWhere() !== null];
}

// ───────────── product page ─────────────

export interface ProductCertificate {
  id: string;
  serial: string;
  code: string;
  level: RegisterLevel;
  jurisdiction: string;
  year: number;
  decisionNumber: string;
  decisionSignedAt: Date;
  issuedAt: Date;
  validUntil: Date;
  revokedAt: Date | null;
  status: CertificateStatus;
  prize: PrizeTierName | null;
  /** Another installation, when the certificate was imported from it with a nomination package. */
  issuedBy: ForeignIssuer | null;
}

export interface ProductHistoryItem {
  roundId: string;
  roundName: string;
  level: RegisterLevel;
  year: number;
  /** The certificate's jurisdiction text when recognised ("cấp tỉnh Bắc Ninh"). */
  jurisdiction: string | null;
  /** The round's province or region name. */
  place: string | null;
  recognised: boolean;
  serial: string | null;
}

/**
 * A certified product's public page: null when the product has no certificate (the page is a 404,
 * whether the product exists or not). Revoked certificates stay listed, with their status.
 */
export async function getPublicProduct(productId: string, opts: { geo?: Geo; now?: Date; db?: ReadDb } = {}) {
  const db = opts.db ?? prisma;
  const now = opts.now ?? new Date();
  const photos = publicPhotoWhere();
  const product = await db.product.findFirst({
    where: { id: productId, certificates: { some: {} } },
    select: {
      id: true,
      name: true,
      group: true,
      isSet: true,
      setItems: true,
      description: true,
      ocopStars: true,
      establishment: {
        select: {
          name: true,
          legalForm: true,
          addressLine: true,
          commune: true,
          provinceId: true,
          phone: true,
          email: true,
        },
      },
      certificates: {
        select: {
          id: true,
          roundId: true,
          serial: true,
          code: true,
          level: true,
          jurisdiction: true,
          year: true,
          issuedAt: true,
          validUntil: true,
          revokedAt: true,
          prize: true,
          decision: { select: { number: true, signedAt: true } },
        },
        orderBy: [{ year: "desc" }, { issuedAt: "desc" }, { serial: "asc" }],
      },
      ...(photos ? { files: { where: photos, orderBy: photoOrder, select: photoSelect } } : {}),
    },
  });
  if (!product) return null;
  const [geo, entries] = await Promise.all([
    opts.geo ?? loadGeo(db),
    // Its history across tiers and years: the rounds it was judged in whose results are final.
    db.entry.findMany({
      where: { productId, status: "ACCEPTED", round: { resultsFinalisedAt: { not: null } } },
      select: {
        round: { select: { id: true, name: true, level: true, year: true, provinceId: true, regionId: true } },
        outcome: { select: { recognised: true } },
        certificate: { select: { serial: true, jurisdiction: true } },
      },
    }),
  ]);
  const levelRank = (l: string) => LEVELS.indexOf(l as RegisterLevel);
  const history: ProductHistoryItem[] = entries
    .map((e) => ({
      roundId: e.round.id,
      roundName: e.round.name,
      level: e.round.level,
      year: e.round.year,
      jurisdiction: e.certificate?.jurisdiction ?? null,
      place:
        e.round.level === "PROVINCE"
          ? (provinceLabel(geo, e.round.provinceId)?.name ?? null)
          : e.round.level === "REGION"
            ? (geo.regionById.get(e.round.regionId ?? "")?.nameVi ?? null)
            : null,
      recognised: !!e.certificate || e.outcome?.recognised === true,
      serial: e.certificate?.serial ?? null,
    }))
    .sort((a, b) => b.year - a.year || levelRank(a.level) - levelRank(b.level));
  const { establishment, certificates } = product;
  const issuers = await foreignIssuers(
    certificates.map((c) => c.roundId),
    db,
  );
  const files = (product as { files?: Array<{ id: string; width: number | null; height: number | null }> }).files ?? [];
  return {
    product: {
      id: product.id,
      name: product.name,
      group: product.group,
      isSet: product.isSet,
      setItems: product.setItems,
      description: product.description,
      ocopStars: product.ocopStars,
    },
    establishment: {
      name: establishment.name,
      legalForm: establishment.legalForm,
      addressLine: establishment.addressLine,
      commune: establishment.commune,
      province: provinceLabel(geo, establishment.provinceId),
      phone: establishment.phone,
      email: establishment.email,
    },
    photos: files.map(toPhoto),
    certificates: certificates.map((c): ProductCertificate => ({
      id: c.id,
      serial: c.serial,
      code: c.code,
      level: c.level,
      jurisdiction: c.jurisdiction,
      year: c.year,
      decisionNumber: c.decision.number,
      decisionSignedAt: c.decision.signedAt,
      issuedAt: c.issuedAt,
      validUntil: c.validUntil,
      revokedAt: c.revokedAt,
      status: certificateStatus(c, now),
      prize: c.prize,
      issuedBy: issuers.get(c.roundId) ?? null,
    })),
    history,
  };
}

// ───────────── verification ─────────────

/** The certificate behind a verification code (already normalised), or null. */
export async function findCertificateByCode(code: string, opts: { now?: Date; db?: ReadDb } = {}) {
  const db = opts.db ?? prisma;
  const now = opts.now ?? new Date();
  const c = await db.certificate.findUnique({
    where: { code },
    select: {
      roundId: true,
      code: true,
      serial: true,
      productId: true,
      productName: true,
      productGroup: true,
      establishmentName: true,
      establishmentAddress: true,
      level: true,
      jurisdiction: true,
      year: true,
      issuedAt: true,
      validUntil: true,
      revokedAt: true,
      revokedReason: true,
      prize: true,
      province: {
        select: { code: true, name: true, validTo: true, successor: { select: { code: true, name: true } } },
      },
      decision: { select: { number: true, signedAt: true, authority: true } },
    },
  });
  if (!c) return null;
  const p = c.province;
  const nowPartOf = p && p.validTo && p.successor && p.successor.name !== p.name ? p.successor.name : null;
  const { province: _p, roundId, ...rest } = c;
  return {
    ...rest,
    province: p ? { code: p.code, name: p.name, nowPartOf } : null,
    status: certificateStatus(c, now),
    issuedBy: (await foreignIssuers([roundId], db)).get(roundId) ?? null,
  };
}

export type VerifiedCertificate = NonNullable<Awaited<ReturnType<typeof findCertificateByCode>>>;
