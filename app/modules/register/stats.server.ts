// Statistics of the register (/statistics): certificates by province, region, product group, level
// and year, each split into valid / expired / revoked. Two grouped queries fetch every cell
// (province × region × group × level × year × end of validity) — a few hundred rows whatever the
// number of certificates — and the tallies per dimension are summed here, so there is no query per
// province and no status stored anywhere: valid or expired follows from validUntil at `now`.
//
// Provinces roll up to the current province ("a province's history includes its merged
// predecessors' records", domain.md): Bắc Giang's certificates count under Bắc Ninh. Regions are
// the region at issue (Certificate.regionId).
import type { Prisma } from "~/generated/sqlite/client.ts";
import { certificateStatus, statusWhere } from "~/modules/certificates/validity";
import { todayInVietnam } from "~/modules/producers/rules";
import { prisma, type Db } from "~/utils/db.server";
import {
  LEVELS,
  STATUSES,
  UNKNOWN_KEY,
  type RegisterFilters,
  type RegisterGroup,
  type RegisterLevel,
  type RegisterStatus,
} from "./filters";
import { loadGeo, provinceLabel, type Geo } from "./register.server";
import { memoByVersion } from "./version.server";

type StatsDb = Pick<Db, "certificate" | "product" | "province" | "region">;

export interface Tally {
  valid: number;
  expired: number;
  revoked: number;
  total: number;
}

export interface StatsRow extends Tally {
  key: string;
  /** Province or region name, group letter, level, year: the view turns it into words. */
  label: string;
}

export interface RegisterStats {
  totals: Tally & { products: number };
  byProvince: StatsRow[];
  byRegion: StatsRow[];
  byGroup: StatsRow[];
  byLevel: StatsRow[];
  byYear: StatsRow[];
}

/** One grouped cell: certificates sharing these values (validUntil null = the revoked cells). */
export interface StatsCell {
  provinceId: string | null;
  regionId: string | null;
  productGroup: RegisterGroup;
  level: RegisterLevel;
  year: number;
  validUntil: Date | null;
  revoked: boolean;
  count: number;
}

const empty = (): Tally => ({ valid: 0, expired: 0, revoked: 0, total: 0 });

function add(map: Map<string, StatsRow>, key: string, label: string, status: RegisterStatus, n: number) {
  let row = map.get(key);
  if (!row) map.set(key, (row = { key, label, ...empty() }));
  row[status] += n;
  row.total += n;
}

/** Sums the cells per dimension. Pure: the statuses follow from `now`. */
export function aggregateStats(
  cells: StatsCell[],
  geo: Geo,
  now: Date,
): Omit<RegisterStats, "totals"> & { totals: Tally } {
  const totals = empty();
  const province = new Map<string, StatsRow>();
  const region = new Map<string, StatsRow>();
  const group = new Map<string, StatsRow>();
  const level = new Map<string, StatsRow>();
  const year = new Map<string, StatsRow>();
  for (const c of cells) {
    const status: RegisterStatus = c.revoked
      ? "revoked"
      : c.validUntil
        ? certificateStatus({ validUntil: c.validUntil }, now)
        : "valid";
    totals[status] += c.count;
    totals.total += c.count;
    const p = provinceLabel(geo, c.provinceId);
    add(province, p?.currentCode ?? UNKNOWN_KEY, p?.currentName ?? "", status, c.count);
    const r = c.regionId ? geo.regionById.get(c.regionId) : undefined;
    add(region, r?.code ?? UNKNOWN_KEY, r?.nameVi ?? "", status, c.count);
    add(group, c.productGroup, c.productGroup, status, c.count);
    add(level, c.level, c.level, status, c.count);
    add(year, String(c.year), String(c.year), status, c.count);
  }
  const regionOrder = geo.regions.map((r) => r.code);
  const last = (key: string) => (key === UNKNOWN_KEY ? 1 : 0);
  return {
    totals,
    byProvince: [...province.values()].sort(
      (a, b) => last(a.key) - last(b.key) || b.total - a.total || a.label.localeCompare(b.label, "vi"),
    ),
    byRegion: [...region.values()].sort(
      (a, b) => last(a.key) - last(b.key) || regionOrder.indexOf(a.key) - regionOrder.indexOf(b.key),
    ),
    byGroup: [...group.values()].sort((a, b) => a.key.localeCompare(b.key)),
    byLevel: [...level.values()].sort(
      (a, b) => LEVELS.indexOf(a.key as RegisterLevel) - LEVELS.indexOf(b.key as RegisterLevel),
    ),
    byYear: [...year.values()].sort((a, b) => Number(b.key) - Number(a.key)),
  };
}

export type StatsFilters = Pick<Partial<RegisterFilters>, "status" | "level" | "year">;

function baseWhere(filters: StatsFilters): Prisma.CertificateWhereInput {
  const and: Prisma.CertificateWhereInput[] = [];
  if (filters.level) and.push({ level: filters.level });
  if (filters.year) and.push({ year: filters.year });
  return and.length ? { AND: and } : {};
}

/** The statistics; `status` keeps only certificates in that status at `now`. Four queries in all. */
export async function registerStats(
  filters: StatsFilters = {},
  opts: { geo?: Geo; now?: Date; db?: StatsDb } = {},
): Promise<RegisterStats> {
  const db = opts.db ?? prisma;
  const now = opts.now ?? new Date();
  const where = baseWhere(filters);
  const by = ["provinceId", "regionId", "productGroup", "level", "year"] as const;
  const [geo, live, revoked, products] = await Promise.all([
    opts.geo ?? loadGeo(db),
    filters.status === "revoked"
      ? Promise.resolve([])
      : db.certificate.groupBy({
          by: [...by, "validUntil"],
          where: { AND: [where, { revokedAt: null }] },
          _count: { _all: true },
        }),
    filters.status && filters.status !== "revoked"
      ? Promise.resolve([])
      : db.certificate.groupBy({
          by: [...by],
          where: { AND: [where, { revokedAt: { not: null } }] },
          _count: { _all: true },
        }),
    // Distinct certified products: one count with EXISTS, not a list of ids.
    db.product.count({
      where: { certificates: { some: filters.status ? { AND: [where, statusWhere(filters.status, now)] } : where } },
    }),
  ]);
  const cells: StatsCell[] = [
    ...live.map((c) => ({ ...c, validUntil: c.validUntil, revoked: false, count: c._count._all })),
    ...revoked.map((c) => ({ ...c, validUntil: null, revoked: true, count: c._count._all })),
  ];
  const stats = aggregateStats(cells, geo, now);
  if (filters.status) {
    // The grouped queries split valid from expired only by date; drop the other status here.
    const keep = filters.status;
    const only = (rows: StatsRow[]) =>
      rows
        .map((r) => ({ ...r, ...Object.fromEntries(STATUSES.map((s) => [s, s === keep ? r[s] : 0])), total: r[keep] }))
        .filter((r) => r.total > 0);
    return {
      totals: { ...empty(), [keep]: stats.totals[keep], total: stats.totals[keep], products },
      byProvince: only(stats.byProvince),
      byRegion: only(stats.byRegion),
      byGroup: only(stats.byGroup),
      byLevel: only(stats.byLevel),
      byYear: only(stats.byYear),
    };
  }
  return { ...stats, totals: { ...stats.totals, products } };
}

/**
 * The statistics of the default database, computed once per (register version, filters, day in
 * Vietnam): valid turns to expired at midnight there, with no write.
 */
export function cachedStats(version: number | null, filters: StatsFilters, geo: Geo): Promise<RegisterStats> {
  const key = JSON.stringify([todayInVietnam(), filters.status ?? null, filters.level ?? null, filters.year ?? null]);
  return memoByVersion(version, "stats", key, () => registerStats(filters, { geo }));
}
