// The live register on the home page (issue #13 item 6): the counts, the newest certificates and
// the provincial rounds open for entries. The register part is memoised per register version and
// day in Vietnam (version.server.ts), so a visit costs the version read and one small query for
// the open rounds, which the register version does not track; both go into the page's ETag.
import { todayInVietnam } from "~/modules/producers/rules";
import { prisma } from "~/utils/db.server";
import { parseRegisterFilters } from "./filters";
import { cachedGeo, listRegister } from "./register.server";
import { cachedStats } from "./stats.server";
import { memoByVersion } from "./version.server";

const LATEST = 4;
const OPEN_ROUNDS = 5;

export interface HomeRegister {
  counts: { valid: number; certificates: number; products: number };
  latest: Array<{ id: string; productId: string; productName: string; establishmentName: string; year: number }>;
}

export function cachedHomeRegister(version: number | null, now: Date = new Date()): Promise<HomeRegister> {
  return memoByVersion(version, "home", todayInVietnam(now), async () => {
    const geo = await cachedGeo(version);
    const { filters } = parseRegisterFilters(new URLSearchParams({ status: "valid" }));
    const [stats, page] = await Promise.all([
      cachedStats(version, {}, geo),
      listRegister(filters, { geo, now, pageSize: LATEST }),
    ]);
    return {
      counts: { valid: stats.totals.valid, certificates: stats.totals.total, products: stats.totals.products },
      latest: page.rows.map((r) => ({
        id: r.id,
        productId: r.productId,
        productName: r.productName,
        establishmentName: r.establishmentName,
        year: r.year,
      })),
    };
  });
}

/** Provincial rounds taking entries now (producers enter those; higher tiers take nominations). */
export function openRounds(now: Date = new Date()) {
  return prisma.round.findMany({
    where: { level: "PROVINCE", status: "OPEN", entriesOpenAt: { lte: now }, entriesCloseAt: { gte: now } },
    select: { id: true, name: true, entriesCloseAt: true, updatedAt: true, province: { select: { name: true } } },
    orderBy: [{ entriesCloseAt: "asc" }, { id: "asc" }],
    take: OPEN_ROUNDS,
  });
}
