// Loads a producer's onboarding (onboarding.ts) from their own rows: ownership is in the where
// clause, so it only ever reads the signed-in producer's establishments and entries.
import { prisma } from "~/utils/db.server";
import { producerChecklist } from "./dossier";
import { listMyEstablishments } from "./establishments.server";
import { onboarding, type Onboarding } from "./onboarding";

export async function loadOnboarding(
  userId: string,
  establishments?: Awaited<ReturnType<typeof listMyEstablishments>>,
): Promise<Onboarding> {
  const [rows, entries] = await Promise.all([
    establishments ?? listMyEstablishments(userId),
    prisma.entry.findMany({
      where: { establishment: { ownerId: userId } },
      select: { id: true, status: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
  ]);
  return onboarding({
    establishments: rows.map((e) => ({
      id: e.id,
      products: e.products.map((p) => ({ id: p.id, dossierComplete: producerChecklist(p, e.files).complete })),
    })),
    entries,
  });
}

/** The onboarding while it is not finished; null once every step is done (nothing to show). */
export async function pendingOnboarding(userId: string): Promise<Onboarding | null> {
  const walk = await loadOnboarding(userId);
  return walk.complete ? null : walk;
}
