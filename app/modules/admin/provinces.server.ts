// Administrative units as administrators see them, and the one edit they may make: the default
// region of a current province (rounds may still override it per round).
import { isAdmin } from "~/modules/access/permissions";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import type { Auth } from "~/modules/auth/auth.server";
import { listRegions } from "~/modules/geo/admin-units.server";
import { prisma } from "~/utils/db.server";
import { DomainError, forbidden, notFound } from "~/utils/errors";

const collator = new Intl.Collator("vi");
const byName = (a: { name: string }, b: { name: string }) => collator.compare(a.name, b.name);

export async function loadAdminUnits(auth: Auth) {
  if (!isAdmin(auth.roles)) throw forbidden();
  const [regions, provinces] = await Promise.all([
    listRegions(prisma),
    prisma.province.findMany({
      select: {
        id: true,
        code: true,
        name: true,
        kind: true,
        validFrom: true,
        validTo: true,
        regionId: true,
        successor: { select: { name: true, code: true } },
      },
    }),
  ]);
  const current = provinces.filter((p) => !p.validTo).sort(byName);
  const former = provinces.filter((p) => p.validTo).sort(byName);
  return {
    regions: regions.map((r) => ({ ...r, provinces: current.filter((p) => p.regionId === r.id) })),
    unassigned: current.filter((p) => !p.regionId || !regions.some((r) => r.id === p.regionId)),
    former,
  };
}

export async function changeProvinceRegion(
  auth: Auth,
  input: { provinceId: string; regionId: string },
  meta: RequestMeta,
) {
  if (!isAdmin(auth.roles)) throw forbidden();
  const province = await prisma.province.findUnique({
    where: { id: input.provinceId },
    select: { id: true, code: true, validTo: true, region: { select: { id: true, code: true } } },
  });
  if (!province) throw notFound();
  if (province.validTo) throw new DomainError(400, "admin.provinces.formerNotEditable");
  const region = await prisma.region.findUnique({ where: { id: input.regionId }, select: { id: true, code: true } });
  if (!region) throw new DomainError(400, "admin.provinces.regionUnknown", undefined, "regionId");
  if (province.region?.id === region.id) return false;
  await prisma.$transaction(async (tx) => {
    await tx.province.update({ where: { id: province.id }, data: { regionId: region.id } });
    await audit(tx, {
      actorId: auth.user.id,
      action: "province.region_changed",
      entityType: "Province",
      entityId: province.id,
      before: { code: province.code, regionId: province.region?.id ?? null, region: province.region?.code ?? null },
      after: { code: province.code, regionId: region.id, region: region.code },
      meta,
    });
  });
  return true;
}
