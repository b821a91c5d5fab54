// Keeps the Region and Province tables in line with admin-units-data.ts and answers the
// common look-ups. syncAdminUnits runs on every start and in the seed, so it must be cheap
// when nothing changed (two narrow reads, no writes) and must never undo an organiser's edit
// of a province's region (region is only set when the row is created).
import { isUniqueViolation } from "~/utils/db-errors";
import type { Db } from "~/utils/db.server";
import { normalizeSearch } from "~/utils/text";
import {
  CURRENT_PROVINCES,
  FORMER_PROVINCES,
  FORMER_VALID_FROM,
  MERGER_DATE,
  REGIONS,
  type ProvinceKind,
  type RegionCode,
} from "./admin-units-data";

type GeoDb = Pick<Db, "region" | "province">;

interface DesiredProvince {
  code: string;
  name: string;
  searchName: string;
  kind: ProvinceKind;
  validFrom: Date;
  validTo: Date | null;
  region: RegionCode;
  successor: string | null;
}

const mergerDate = new Date(MERGER_DATE);
const formerValidFrom = new Date(FORMER_VALID_FROM);

// Current provinces first: former rows reference them as successors.
const DESIRED_PROVINCES: DesiredProvince[] = [
  ...CURRENT_PROVINCES.map((p) => ({
    code: p.code,
    name: p.name,
    searchName: normalizeSearch(p.name),
    kind: p.kind,
    validFrom: mergerDate,
    validTo: null,
    region: p.region,
    successor: null,
  })),
  ...FORMER_PROVINCES.map((p) => ({
    code: p.code,
    name: p.name,
    searchName: normalizeSearch(p.name),
    kind: p.kind,
    validFrom: formerValidFrom,
    validTo: mergerDate,
    region: p.region,
    successor: p.successor,
  })),
];
const REGION_CODES = REGIONS.map((r) => r.code);
const PROVINCE_CODES = DESIRED_PROVINCES.map((p) => p.code);

export interface SyncAdminUnitsResult {
  regionsCreated: number;
  regionsUpdated: number;
  provincesCreated: number;
  provincesUpdated: number;
  /** Rows known to the reference data (present after the sync). */
  regions: number;
  provinces: number;
}

async function loadState(db: GeoDb) {
  const regions = await db.region.findMany({
    where: { code: { in: REGION_CODES } },
    select: { id: true, code: true, nameVi: true, nameEn: true, sortOrder: true },
  });
  const provinces = await db.province.findMany({
    where: { code: { in: PROVINCE_CODES } },
    select: {
      id: true,
      code: true,
      name: true,
      searchName: true,
      kind: true,
      validFrom: true,
      validTo: true,
      successor: { select: { code: true } },
    },
  });
  return {
    regions: new Map(regions.map((r) => [r.code, r])),
    provinces: new Map(provinces.map((p) => [p.code, p])),
  };
}
type State = Awaited<ReturnType<typeof loadState>>;

function regionChanged(state: State, r: (typeof REGIONS)[number]) {
  const row = state.regions.get(r.code);
  return !!row && (row.nameVi !== r.nameVi || row.nameEn !== r.nameEn || row.sortOrder !== r.sortOrder);
}

function provinceChanged(state: State, p: DesiredProvince) {
  const row = state.provinces.get(p.code);
  if (!row) return false;
  return (
    row.name !== p.name ||
    row.searchName !== p.searchName ||
    row.kind !== p.kind ||
    row.validFrom.getTime() !== p.validFrom.getTime() ||
    (row.validTo?.getTime() ?? null) !== (p.validTo?.getTime() ?? null) ||
    (row.successor?.code ?? null) !== p.successor
  );
}

function isInSync(state: State) {
  return (
    REGIONS.every((r) => state.regions.has(r.code) && !regionChanged(state, r)) &&
    DESIRED_PROVINCES.every((p) => state.provinces.has(p.code) && !provinceChanged(state, p))
  );
}

async function applySync(tx: GeoDb): Promise<SyncAdminUnitsResult> {
  const state = await loadState(tx);
  const result: SyncAdminUnitsResult = {
    regionsCreated: 0,
    regionsUpdated: 0,
    provincesCreated: 0,
    provincesUpdated: 0,
    regions: REGIONS.length,
    provinces: DESIRED_PROVINCES.length,
  };

  const regionIds = new Map<string, string>();
  for (const r of REGIONS) {
    const row = state.regions.get(r.code);
    const data = { nameVi: r.nameVi, nameEn: r.nameEn, sortOrder: r.sortOrder };
    if (!row) {
      const created = await tx.region.create({ data: { code: r.code, ...data }, select: { id: true } });
      regionIds.set(r.code, created.id);
      result.regionsCreated++;
    } else {
      regionIds.set(r.code, row.id);
      if (regionChanged(state, r)) {
        await tx.region.update({ where: { id: row.id }, data });
        result.regionsUpdated++;
      }
    }
  }

  const provinceIds = new Map<string, string>();
  for (const p of DESIRED_PROVINCES) {
    const row = state.provinces.get(p.code);
    const successorId = p.successor ? (provinceIds.get(p.successor) ?? null) : null;
    if (p.successor && !successorId) throw new Error(`Successor ${p.successor} of ${p.code} not synced yet`);
    const data = {
      name: p.name,
      searchName: p.searchName,
      kind: p.kind,
      validFrom: p.validFrom,
      validTo: p.validTo,
      successorId,
    };
    if (!row) {
      const created = await tx.province.create({
        // Region only on create: organisers may move a province later.
        data: { code: p.code, ...data, regionId: regionIds.get(p.region)! },
        select: { id: true },
      });
      provinceIds.set(p.code, created.id);
      result.provincesCreated++;
    } else {
      provinceIds.set(p.code, row.id);
      if (provinceChanged(state, p)) {
        await tx.province.update({ where: { id: row.id }, data });
        result.provincesUpdated++;
      }
    }
  }
  return result;
}

/**
 * Creates or updates the 3 regions and 97 province rows (34 current + 63 former) by code.
 * Idempotent; does nothing but two reads when the database already matches the data.
 */
export async function syncAdminUnits(db: Db): Promise<SyncAdminUnitsResult> {
  if (isInSync(await loadState(db))) {
    return {
      regionsCreated: 0,
      regionsUpdated: 0,
      provincesCreated: 0,
      provincesUpdated: 0,
      regions: REGIONS.length,
      provinces: DESIRED_PROVINCES.length,
    };
  }
  const run = () => db.$transaction((tx) => applySync(tx), { timeout: 60_000, maxWait: 10_000 });
  try {
    return await run();
  } catch (error) {
    // Two processes starting at once may both try to create the same codes; the loser
    // re-reads and finds the rows there.
    if (!isUniqueViolation(error)) throw error;
    return run();
  }
}

const collator = new Intl.Collator("vi");
const regionSelect = { id: true, code: true, nameVi: true, nameEn: true, sortOrder: true } as const;

/** The 34 current provinces and cities, in Vietnamese alphabetical order, with their region. */
export async function listCurrentProvinces(db: Pick<Db, "province">) {
  const rows = await db.province.findMany({
    where: { validTo: null },
    select: { id: true, code: true, name: true, kind: true, region: { select: regionSelect } },
  });
  // The database sorts by code point ("Đ" after "Z"); Vietnamese order puts Đ after D.
  return rows.sort((a, b) => collator.compare(a.name, b.name));
}

export function listRegions(db: Pick<Db, "region">) {
  return db.region.findMany({ orderBy: [{ sortOrder: "asc" }, { code: "asc" }], select: regionSelect });
}

/** A province (current or former) by code, case-insensitive; null if unknown. */
export function findProvinceByCode(db: Pick<Db, "province">, code: string) {
  return db.province.findUnique({
    where: { code: code.trim().toUpperCase() },
    select: {
      id: true,
      code: true,
      name: true,
      kind: true,
      validFrom: true,
      validTo: true,
      region: { select: regionSelect },
      successor: { select: { id: true, code: true, name: true } },
    },
  });
}
