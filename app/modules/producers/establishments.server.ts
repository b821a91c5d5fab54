// Establishments (cơ sở công nghiệp nông thôn): a producer registers theirs and keeps it up to
// date. Only the owner reads or changes one here (ownership is in the where clause); organisers
// see establishments through entries and screening. Every change is audited in its transaction.
import type { Prisma } from "~/generated/sqlite/client.ts";
import { isProducer } from "~/modules/access/permissions";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import type { Auth } from "~/modules/auth/auth.server";
import { isUniqueViolation } from "~/utils/db-errors";
import { prisma, type Tx } from "~/utils/db.server";
import { DomainError, forbidden, notFound } from "~/utils/errors";
import {
  dateFromInput,
  establishmentProblems,
  normalizeRegistrationNumber,
  parseDateInput,
  tidyPhone,
  type LegalFormName,
} from "./rules";
import { changedFields, pick } from "./diff";

export interface EstablishmentInput {
  legalForm: LegalFormName;
  name: string;
  registrationNumber: string;
  /** YYYY-MM-DD or DD/MM/YYYY; not in the future. */
  registrationDate: string;
  registrationIssuer: string;
  legalRepresentative: string;
  provinceId: string;
  commune: string;
  addressLine?: string | null;
  phone: string;
  email?: string | null;
  workforce?: number | null;
}

const detailSelect = {
  id: true,
  legalForm: true,
  name: true,
  registrationNumber: true,
  registrationDate: true,
  registrationIssuer: true,
  legalRepresentative: true,
  provinceId: true,
  province: { select: { id: true, code: true, name: true } },
  commune: true,
  addressLine: true,
  phone: true,
  email: true,
  workforce: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.EstablishmentSelect;

const blank = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** Re-checks the form's rules (services may be called without the form) and shapes the row. */
async function toData(input: EstablishmentInput) {
  const [problem] = establishmentProblems(input);
  if (problem) throw new DomainError(400, problem.key, undefined, problem.field);
  const name = input.name.trim();
  if (name.length < 2) throw new DomainError(400, "producers.error.tooShort", undefined, "name");
  // Addresses use the 34 provinces in force since 12/6/2025; former provinces are history only.
  const province = await prisma.province.findFirst({
    where: { id: input.provinceId, validTo: null },
    select: { id: true },
  });
  if (!province) throw new DomainError(400, "producers.error.province", undefined, "provinceId");
  return {
    legalForm: input.legalForm,
    name,
    registrationNumber: normalizeRegistrationNumber(input.registrationNumber),
    registrationDate: dateFromInput(parseDateInput(input.registrationDate)!),
    registrationIssuer: input.registrationIssuer.trim(),
    legalRepresentative: input.legalRepresentative.trim(),
    provinceId: province.id,
    commune: input.commune.trim(),
    addressLine: blank(input.addressLine),
    phone: tidyPhone(input.phone),
    email: blank(input.email)?.toLowerCase() ?? null,
    workforce: input.workforce ?? null,
  };
}

type EstablishmentData = Awaited<ReturnType<typeof toData>>;

function duplicateNumber(data: Pick<EstablishmentData, "legalForm" | "registrationNumber">) {
  return new DomainError(
    400,
    "producers.error.registrationNumber.duplicate",
    { number: data.registrationNumber },
    "registrationNumber",
  );
}

/**
 * A registration number is unique per legal form. Checked inside the writing transaction for a
 * clear message; two simultaneous submissions still meet the database's unique constraint,
 * which is mapped to the same message.
 */
async function assertNumberFree(tx: Tx, data: EstablishmentData, exceptId?: string) {
  const taken = await tx.establishment.findFirst({
    where: {
      legalForm: data.legalForm,
      registrationNumber: data.registrationNumber,
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
    select: { id: true },
  });
  if (taken) throw duplicateNumber(data);
}

async function withUniqueNumber<T>(data: EstablishmentData, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateNumber(data);
    throw error;
  }
}

export async function createEstablishment(auth: Auth, input: EstablishmentInput, meta: RequestMeta) {
  if (!isProducer(auth.roles)) throw forbidden("producers.error.notProducer");
  const data = await toData(input);
  return withUniqueNumber(data, () =>
    prisma.$transaction(async (tx) => {
      await assertNumberFree(tx, data);
      const created = await tx.establishment.create({
        data: { ...data, ownerId: auth.user.id },
        select: { id: true, name: true },
      });
      await audit(tx, {
        actorId: auth.user.id,
        action: "establishment.create",
        entityType: "Establishment",
        entityId: created.id,
        after: data,
        meta,
      });
      return created;
    }),
  );
}

export async function updateEstablishment(auth: Auth, id: string, input: EstablishmentInput, meta: RequestMeta) {
  const data = await toData(input);
  return withUniqueNumber(data, () =>
    prisma.$transaction(async (tx) => {
      const before = await tx.establishment.findFirst({ where: { id, ownerId: auth.user.id }, select: detailSelect });
      if (!before) throw notFound();
      await assertNumberFree(tx, data, id);
      const updated = await tx.establishment.update({ where: { id }, data, select: { id: true, name: true } });
      const changed = changedFields(before, data);
      await audit(tx, {
        actorId: auth.user.id,
        action: "establishment.update",
        entityType: "Establishment",
        entityId: id,
        before: pick(before, changed),
        after: pick(data, changed),
        meta,
      });
      return updated;
    }),
  );
}

/** The producer's establishments with their products and what their dossiers hold (dashboard). */
export function listMyEstablishments(userId: string) {
  return prisma.establishment.findMany({
    where: { ownerId: userId },
    select: {
      id: true,
      name: true,
      legalForm: true,
      registrationNumber: true,
      commune: true,
      province: { select: { name: true } },
      products: {
        // The form fields too: forms 01 and 02 are generated from them, so they decide whether a dossier is complete.
        select: {
          id: true,
          name: true,
          group: true,
          isSet: true,
          businessLines: true,
          workforce: true,
          revenue: true,
          revenueYear: true,
          rawMaterials: true,
          process: true,
          annualCapacity: true,
          markets: true,
        },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      },
      files: { where: { deletedAt: null }, select: { kind: true, angle: true, productId: true } },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

/** One of the producer's own establishments; anybody else's is "not found" (no probing). */
export async function getMyEstablishment(auth: Auth, id: string) {
  const row = await prisma.establishment.findFirst({ where: { id, ownerId: auth.user.id }, select: detailSelect });
  if (!row) throw notFound();
  return row;
}
