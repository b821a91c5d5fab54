// What the public product page shows of monitoring (issue #14, docs/decisions/040): when the
// holder last confirmed the product is made as certified, and whether an inspection is open —
// never anything of consumers' reports. Memoised per register version: confirmations and
// inspections raise it by trigger (migration 20261206152607_monitoring), so the public page pays
// one primary-key read per request, and the summary's two queries once per register change.
import { memoByVersion, readRegisterVersion } from "~/modules/register/version.server";
import { prisma } from "~/utils/db.server";

export interface PublicMonitoring {
  lastConfirmedAt: Date | null;
  inspectionOpen: boolean;
}

async function compute(productId: string): Promise<PublicMonitoring> {
  const [last, open] = await Promise.all([
    prisma.certificateConfirmation.findFirst({
      where: { certificate: { productId } },
      select: { createdAt: true },
      orderBy: { createdAt: "desc" },
    }),
    prisma.inspection.count({ where: { status: "PLANNED", certificate: { productId } } }),
  ]);
  return { lastConfirmedAt: last?.createdAt ?? null, inspectionOpen: open > 0 };
}

export async function publicMonitoring(productId: string): Promise<PublicMonitoring> {
  return memoByVersion(await readRegisterVersion(), "monitoring.product", productId, () => compute(productId));
}
