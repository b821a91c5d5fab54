// Forms 01 and 02 of an entry (decision 028): who may print them and from which data.
// - The producer who owns the entry, and the organisers who manage its round (never a draft:
//   drafts are the producer's own business, as in screening). Anyone else: 404, or 403 for an
//   organiser when the entry exists outside their jurisdiction (entries.server.ts outOfScope).
// - While the producer is still editing (draft, returned) the producer's paper shows the live
//   product; otherwise, and always for organisers, the dossier frozen at the last submission —
//   the paper says which.
import type { Auth } from "~/modules/auth/auth.server";
import { canManageRounds } from "~/modules/access/permissions";
import type { DossierFormPrint } from "~/modules/print/dossier-forms-pdf.server";
import type { DossierFormKind } from "~/modules/producers/forms";
import { prisma } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import {
  DOSSIER_PRODUCT_FIELDS,
  organiserScope,
  outOfScope,
  producerScope,
  type DossierSnapshot,
} from "./entries.server";

const establishmentFields = {
  name: true,
  legalForm: true,
  registrationNumber: true,
  registrationDate: true,
  registrationIssuer: true,
  commune: true,
  addressLine: true,
  phone: true,
  email: true,
  legalRepresentative: true,
  workforce: true,
  province: { select: { name: true } },
} as const;

type Nullable<T> = { [K in keyof T]: T[K] | null };

/** A value of a snapshot taken before a field existed is absent: it prints as blank. */
const orNull = <T extends object>(row: Partial<T>, keys: ReadonlyArray<keyof T>): Nullable<T> =>
  Object.fromEntries(keys.map((k) => [k, row[k] ?? null])) as Nullable<T>;

const PRODUCT_KEYS = Object.keys(DOSSIER_PRODUCT_FIELDS) as Array<keyof DossierFormPrint["product"]>;

export async function entryFormPrint(
  auth: Auth,
  entryId: string,
  kind: DossierFormKind,
  now: Date = new Date(),
): Promise<DossierFormPrint> {
  const entry = await prisma.entry.findFirst({
    where: { id: entryId, OR: [producerScope(auth), organiserScope(auth)] },
    select: {
      id: true,
      status: true,
      version: true,
      receiptNumber: true,
      entryCode: true,
      submittedAt: true,
      round: { select: { name: true, councilName: true } },
      establishment: { select: { ownerId: true, ...establishmentFields } },
      product: { select: { id: true, ...DOSSIER_PRODUCT_FIELDS } },
    },
  });
  if (!entry) {
    if (canManageRounds(auth.roles)) return outOfScope("entry", entryId);
    throw new DomainError(404, "error.404");
  }
  const owner = entry.establishment.ownerId === auth.user.id;
  const live = owner && (entry.status === "DRAFT" || entry.status === "RETURNED");
  const frozen =
    live || entry.version < 1
      ? null
      : await prisma.entryVersion.findUnique({
          where: { entryId_version: { entryId, version: entry.version } },
          select: { snapshot: true },
        });
  const snapshot = frozen?.snapshot as DossierSnapshot | undefined;

  const est = snapshot?.establishment ?? entry.establishment;
  const product = snapshot?.product ?? entry.product;
  const photos = snapshot
    ? snapshot.files.filter((f) => f.kind === "PHOTO")
    : await prisma.storedFile.findMany({
        where: { deletedAt: null, kind: "PHOTO", productId: entry.product.id },
        select: { angle: true },
        orderBy: { createdAt: "asc" },
      });
  const registrationDate = est.registrationDate ? new Date(est.registrationDate) : null;
  return {
    kind,
    round: entry.round,
    entry: {
      receiptNumber: entry.receiptNumber,
      entryCode: entry.entryCode,
      submittedAt: live ? null : entry.submittedAt,
    },
    frozenVersion: snapshot ? entry.version : null,
    establishment: {
      name: est.name,
      legalForm: est.legalForm,
      registrationNumber: est.registrationNumber,
      registrationDate: registrationDate && !Number.isNaN(registrationDate.getTime()) ? registrationDate : null,
      registrationIssuer: est.registrationIssuer ?? null,
      provinceName: est.province?.name ?? entry.establishment.province.name,
      commune: est.commune ?? null,
      addressLine: est.addressLine ?? null,
      phone: est.phone ?? null,
      email: est.email ?? null,
      legalRepresentative: est.legalRepresentative ?? null,
      workforce: est.workforce ?? null,
    },
    product: orNull(product as Partial<DossierFormPrint["product"]>, PRODUCT_KEYS) as DossierFormPrint["product"],
    photoAngles: photos.map((p) => p.angle ?? null),
    generatedAt: now,
  };
}
