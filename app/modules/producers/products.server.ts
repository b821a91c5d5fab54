// Products (sản phẩm / bộ sản phẩm) of a producer's establishment. Photos and documents attach to
// the product, so they are reused from round to round. Owner only: the establishment's owner is
// part of every where clause, and anybody else gets "not found".
import type { Prisma } from "~/generated/sqlite/client.ts";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import type { Auth } from "~/modules/auth/auth.server";
import { prisma } from "~/utils/db.server";
import { DomainError, notFound } from "~/utils/errors";
import { normalizeSearch } from "~/utils/text";
import { changedFields, pick } from "./diff";
import { MAX_REVENUE_MILLION, parseSetItems, productProblems, type ProductGroupName } from "./rules";

export interface ProductInput {
  name: string;
  group: ProductGroupName;
  kind: "single" | "set";
  /** One item per line; at least two for a set, ignored for a single product. */
  setItems?: string | null;
  description: string;
  rawMaterials?: string | null;
  process?: string | null;
  annualCapacity?: string | null;
  markets?: string | null;
  /** Forms 01 and 02 (decision 028). */
  businessLines?: string | null;
  /** People working on the product, a whole number ≥ 0. */
  workforce?: number | null;
  /** Million VND, ≥ 0, with the (past or current) year it was earned in. */
  revenue?: number | null;
  revenueYear?: number | null;
  /** Percent of the output sold abroad, 0–100. */
  exportShare?: number | null;
  qualityCerts?: string | null;
  foodSafetyCert?: string | null;
  trademark?: string | null;
  /** 3–5, with ocopCertNumber; both empty when the product has no OCOP rating. */
  ocopStars?: number | null;
  ocopCertNumber?: string | null;
  awards?: string | null;
}

const blank = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

function toData(input: ProductInput) {
  const [problem] = productProblems(input);
  if (problem) throw new DomainError(400, problem.key, undefined, problem.field);
  const name = input.name.trim();
  if (name.length < 2) throw new DomainError(400, "producers.error.tooShort", undefined, "name");
  if (input.description.trim().length < 20)
    throw new DomainError(400, "producers.error.description", undefined, "description");
  if (input.ocopStars != null && ![3, 4, 5].includes(input.ocopStars)) {
    throw new DomainError(400, "producers.error.ocopStars", undefined, "ocopStars");
  }
  // The schema's number rules again, for callers that skip the form (seed, API, tests).
  if (
    input.workforce != null &&
    (!Number.isInteger(input.workforce) || input.workforce < 0 || input.workforce > 1_000_000)
  ) {
    throw new DomainError(400, "forms.error.workforce", undefined, "workforce");
  }
  if (
    input.revenue != null &&
    !(Number.isFinite(input.revenue) && input.revenue >= 0 && input.revenue <= MAX_REVENUE_MILLION)
  ) {
    throw new DomainError(400, "forms.error.revenue", undefined, "revenue");
  }
  if (
    input.exportShare != null &&
    !(Number.isFinite(input.exportShare) && input.exportShare >= 0 && input.exportShare <= 100)
  ) {
    throw new DomainError(400, "forms.error.exportShare", undefined, "exportShare");
  }
  const isSet = input.kind === "set";
  return {
    name,
    searchName: normalizeSearch(name),
    group: input.group,
    isSet,
    setItems: isSet ? parseSetItems(input.setItems).join("\n") : null,
    description: input.description.trim(),
    rawMaterials: blank(input.rawMaterials),
    process: blank(input.process),
    annualCapacity: blank(input.annualCapacity),
    markets: blank(input.markets),
    businessLines: blank(input.businessLines),
    workforce: input.workforce ?? null,
    revenue: input.revenue ?? null,
    revenueYear: input.revenue != null ? (input.revenueYear ?? null) : null,
    exportShare: input.exportShare ?? null,
    qualityCerts: blank(input.qualityCerts),
    foodSafetyCert: blank(input.foodSafetyCert),
    trademark: blank(input.trademark),
    ocopStars: input.ocopStars ?? null,
    ocopCertNumber: input.ocopStars != null ? blank(input.ocopCertNumber) : null,
    awards: blank(input.awards),
  };
}

const mine = (auth: Auth): Prisma.ProductWhereInput => ({ establishment: { ownerId: auth.user.id } });

const detailSelect = {
  id: true,
  name: true,
  group: true,
  isSet: true,
  setItems: true,
  description: true,
  rawMaterials: true,
  process: true,
  annualCapacity: true,
  markets: true,
  businessLines: true,
  workforce: true,
  revenue: true,
  revenueYear: true,
  exportShare: true,
  qualityCerts: true,
  foodSafetyCert: true,
  trademark: true,
  ocopStars: true,
  ocopCertNumber: true,
  awards: true,
  establishmentId: true,
  establishment: { select: { id: true, name: true } },
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ProductSelect;

async function ownEstablishment(auth: Auth, establishmentId: string) {
  const est = await prisma.establishment.findFirst({
    where: { id: establishmentId, ownerId: auth.user.id },
    select: { id: true, name: true },
  });
  if (!est) throw notFound();
  return est;
}

export async function createProduct(auth: Auth, establishmentId: string, input: ProductInput, meta: RequestMeta) {
  const data = toData(input);
  await ownEstablishment(auth, establishmentId);
  return prisma.$transaction(async (tx) => {
    const created = await tx.product.create({ data: { ...data, establishmentId }, select: { id: true, name: true } });
    await audit(tx, {
      actorId: auth.user.id,
      action: "product.create",
      entityType: "Product",
      entityId: created.id,
      after: { establishmentId, ...data },
      meta,
    });
    return created;
  });
}

export async function updateProduct(auth: Auth, id: string, input: ProductInput, meta: RequestMeta) {
  const data = toData(input);
  return prisma.$transaction(async (tx) => {
    const before = await tx.product.findFirst({ where: { id, ...mine(auth) }, select: detailSelect });
    if (!before) throw notFound();
    const updated = await tx.product.update({ where: { id }, data, select: { id: true, name: true } });
    const changed = changedFields(before, data);
    await audit(tx, {
      actorId: auth.user.id,
      action: "product.update",
      entityType: "Product",
      entityId: id,
      before: pick(before, changed),
      after: pick(data, changed),
      meta,
    });
    return updated;
  });
}

/** The products of one of the producer's establishments (404 for anybody else's). */
export async function listProducts(auth: Auth, establishmentId: string) {
  await ownEstablishment(auth, establishmentId);
  return prisma.product.findMany({
    where: { establishmentId, ...mine(auth) },
    // The form fields too: forms 01 and 02 are generated from them (what the dossier misses).
    select: {
      id: true,
      name: true,
      group: true,
      isSet: true,
      updatedAt: true,
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
  });
}

export async function getProduct(auth: Auth, id: string) {
  const row = await prisma.product.findFirst({ where: { id, ...mine(auth) }, select: detailSelect });
  if (!row) throw notFound();
  return row;
}

/** The product's establishment, for "Thêm sản phẩm" (404 unless it is the producer's). */
export function getEstablishmentForNewProduct(auth: Auth, establishmentId: string) {
  return ownEstablishment(auth, establishmentId);
}
