// Entries (hồ sơ dự thi): a producer's product in a round, its dossier, screening and timeline.
// changeEntryStatus() is the ONLY place an entry's status changes: it checks the move with the
// state machine (entry-state.ts), writes with an optimistic guard, records the timeline event
// and the audit entry in one transaction, and mails the producer after commit.
import crypto from "node:crypto";
import type { Prisma } from "~/generated/sqlite/client.ts";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import type { Auth } from "~/modules/auth/auth.server";
import { queueMail } from "~/modules/mail/outbox.server";
import { prisma, type Tx } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { DomainError } from "~/utils/errors";
import { getT, isLocale, type MessageKey } from "~/utils/i18n";
import { normalizeSearch } from "~/utils/text";
import { dossierChecklist, type Checklist } from "~/modules/producers/dossier";
import { generatedFormsOf, type FormProductData } from "~/modules/producers/forms";
import { normalizeRegistrationNumber } from "~/modules/producers/rules";
import { hasGroup } from "~/modules/rounds/groups";
import { acceptsEntries } from "~/modules/rounds/round-state";
import { managedRoundsWhere } from "~/modules/access/round-scope";
import { formatEntryCode, jurisdictionPrefix, nextSequence } from "./entry-code";
import { checkMove, type EntryActor, type EntryMove, type EntryStatusName, type RoundStatusName } from "./entry-state";

/** The product's fields a dossier shows, freezes in its snapshot and prints on its forms: one list. */
export const DOSSIER_PRODUCT_FIELDS = {
  name: true,
  group: true,
  isSet: true,
  setItems: true,
  description: true,
  rawMaterials: true,
  process: true,
  annualCapacity: true,
  markets: true,
  qualityCerts: true,
  foodSafetyCert: true,
  trademark: true,
  ocopStars: true,
  ocopCertNumber: true,
  awards: true,
  businessLines: true,
  workforce: true,
  revenue: true,
  revenueYear: true,
  exportShare: true,
} as const satisfies Prisma.ProductSelect;

// Rounds' own rules: who manages which rounds, and when a round takes entries.
export { acceptsEntries } from "~/modules/rounds/round-state";

const MOVE_ERROR: Record<Extract<ReturnType<typeof checkMove>, { ok: false }>["reason"], MessageKey> = {
  wrongStatus: "entries.error.wrongStatus",
  wrongActor: "error.403",
  reasonRequired: "entries.error.reasonRequired",
  deadlinePassed: "entries.error.deadlinePassed",
  roundNotOpen: "entries.error.roundNotOpen",
  judgingStarted: "entries.error.judgingStarted",
};

const entryForChange = {
  id: true,
  status: true,
  version: true,
  receiptNumber: true,
  entryCode: true,
  group: true,
  roundId: true,
  productId: true,
  establishmentId: true,
  round: {
    select: {
      id: true,
      name: true,
      year: true,
      level: true,
      status: true,
      entriesOpenAt: true,
      entriesCloseAt: true,
      province: { select: { code: true } },
      region: { select: { code: true } },
    },
  },
  establishment: { select: { ownerId: true, owner: { select: { email: true, name: true, locale: true } } } },
  product: { select: { name: true } },
} satisfies Prisma.EntrySelect;

type EntryForChange = Prisma.EntryGetPayload<{ select: typeof entryForChange }>;

/** A frozen copy of the dossier: what the organiser and later the judges see for this version. */
export async function dossierSnapshot(tx: Tx, entry: Pick<EntryForChange, "establishmentId" | "productId">) {
  const [establishment, product, files] = await Promise.all([
    tx.establishment.findUniqueOrThrow({
      where: { id: entry.establishmentId },
      select: {
        legalForm: true,
        name: true,
        registrationNumber: true,
        registrationDate: true,
        registrationIssuer: true,
        commune: true,
        addressLine: true,
        phone: true,
        email: true,
        legalRepresentative: true,
        workforce: true,
        province: { select: { code: true, name: true } },
      },
    }),
    tx.product.findUniqueOrThrow({
      where: { id: entry.productId },
      select: DOSSIER_PRODUCT_FIELDS,
    }),
    tx.storedFile.findMany({
      where: {
        deletedAt: null,
        establishmentId: entry.establishmentId,
        OR: [{ productId: entry.productId }, { productId: null }],
      },
      select: { id: true, kind: true, angle: true, originalName: true, contentType: true, size: true, sha256: true },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  return { establishment, product, files };
}

function receiptNumber(year: number) {
  return `TB${year}-${crypto.randomBytes(4).toString("hex").toUpperCase()}`;
}

/**
 * The next entry code of the entry's sequence: jurisdiction, level, year and group across ALL the
 * jurisdiction's rounds of that year (a supplementary round continues the main round's numbers;
 * decision 025). The counter row is created if missing (starting after the highest code already
 * issued with that prefix, for data from before the counter) and incremented in the caller's
 * transaction: on PostgreSQL the UPDATE holds the row lock until commit, so concurrent accepts
 * queue on it and the numbers stay gapless; a rolled-back accept takes its number back with it.
 * Entry.entryCode is unique in the database, so even a code written around this counter (an
 * import) cannot be handed out twice: such a number is skipped.
 */
async function assignEntryCode(tx: Tx, entry: EntryForChange) {
  const jurisdiction = jurisdictionPrefix({
    level: entry.round.level,
    provinceCode: entry.round.province?.code,
    regionCode: entry.round.region?.code,
  });
  const key = {
    level: entry.round.level as string,
    jurisdiction,
    year: entry.round.year,
    group: entry.group as string,
  };
  const created = await tx.$executeRaw`
    INSERT INTO "EntryCodeCounter" ("id", "level", "jurisdiction", "year", "group", "last", "createdAt", "updatedAt")
    VALUES (${crypto.randomUUID()}, ${key.level}, ${key.jurisdiction}, ${key.year}, ${key.group}, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)
    ON CONFLICT ("level", "jurisdiction", "year", "group") DO NOTHING`;
  const sequencePrefix = formatEntryCode(jurisdiction, key.year, key.group, 0).replace(/0+$/, "");
  if (created === 1) {
    // A new counter starts after the codes already there (rounds accepted before the counter existed).
    const existing = await tx.entry.findMany({
      where: { entryCode: { startsWith: sequencePrefix } },
      select: { entryCode: true },
    });
    await tx.entryCodeCounter.update({
      where: { level_jurisdiction_year_group: key },
      data: { last: nextSequence(existing.map((e) => e.entryCode!)) - 1 },
    });
  }
  for (;;) {
    const { last } = await tx.entryCodeCounter.update({
      where: { level_jurisdiction_year_group: key },
      data: { last: { increment: 1 } },
      select: { last: true },
    });
    const code = formatEntryCode(jurisdiction, key.year, key.group, last);
    if (!(await tx.entry.findUnique({ where: { entryCode: code }, select: { id: true } }))) return code;
  }
}

export interface ChangeStatusInput {
  entryId: string;
  move: EntryMove;
  actor: EntryActor;
  actorId: string;
  reason?: string | null;
  meta: RequestMeta;
  /** Extra where clause that scopes who may touch this entry (ownership / jurisdiction). */
  scope: Prisma.EntryWhereInput;
}

export async function changeEntryStatus(input: ChangeStatusInput) {
  const result = await prisma.$transaction(async (tx) => {
    const entry = await tx.entry.findFirst({ where: { id: input.entryId, ...input.scope }, select: entryForChange });
    if (!entry) throw new DomainError(404, "error.404");
    const check = checkMove({
      move: input.move,
      actor: input.actor,
      status: entry.status as EntryStatusName,
      roundStatus: entry.round.status as RoundStatusName,
      acceptsEntries: acceptsEntries(entry.round),
      reason: input.reason,
    });
    if (!check.ok) throw new DomainError(check.reason === "wrongActor" ? 403 : 409, MOVE_ERROR[check.reason]);

    const data: Prisma.EntryUpdateManyMutationInput = { status: check.to };
    if (input.move === "submit") {
      data.version = entry.version + 1;
      data.submittedAt = new Date();
      if (!entry.receiptNumber) data.receiptNumber = receiptNumber(entry.round.year);
    }
    if (input.move === "accept") data.entryCode = await assignEntryCode(tx, entry);
    if (["accept", "reject", "return"].includes(input.move)) data.decidedAt = new Date();

    // Optimistic guard: if someone else changed the entry meanwhile, nothing is written.
    const { count } = await tx.entry.updateMany({ where: { id: entry.id, status: entry.status }, data });
    if (count !== 1) throw new DomainError(409, "entries.error.changedMeanwhile");

    if (input.move === "submit") {
      await tx.entryVersion.create({
        data: {
          entryId: entry.id,
          version: entry.version + 1,
          snapshot: JSON.parse(JSON.stringify(await dossierSnapshot(tx, entry))),
          createdById: input.actorId,
        },
      });
    }
    await tx.entryEvent.create({
      data: {
        entryId: entry.id,
        fromStatus: entry.status,
        toStatus: check.to,
        reason: input.reason?.trim() || null,
        actorId: input.actorId,
      },
    });
    await audit(tx, {
      actorId: input.actorId,
      action: `entry.${input.move}`,
      entityType: "Entry",
      entityId: entry.id,
      before: { status: entry.status },
      after: {
        status: check.to,
        reason: input.reason ?? undefined,
        entryCode: data.entryCode,
        receiptNumber: data.receiptNumber,
      },
      meta: input.meta,
    });
    const entryCode = (data.entryCode as string | undefined) ?? entry.entryCode;
    const receipt = (data.receiptNumber as string | undefined) ?? entry.receiptNumber;
    // The producer's notice is written with the change: both commit or neither does.
    await queueMail(tx, producerMail(entry, check.to, { reason: input.reason, entryCode, receipt }));
    return { entry, to: check.to, entryCode, receipt };
  });
  return result;
}

function producerMail(
  entry: EntryForChange,
  to: EntryStatusName,
  extra: { reason?: string | null; entryCode?: string | null; receipt?: string | null },
) {
  const owner = entry.establishment.owner;
  const locale = isLocale(owner.locale) ? owner.locale : "vi";
  const t = getT(locale);
  const params = {
    name: owner.name,
    product: entry.product.name,
    round: entry.round.name,
    reason: extra.reason?.trim() ?? "",
    code: extra.entryCode ?? "",
    receipt: extra.receipt ?? "",
    url: `${getEnv().appUrl}/producer/entries/${entry.id}`,
  };
  return {
    to: owner.email,
    subject: t(`mail.entry.${to}.subject` as MessageKey, params),
    text: t(`mail.entry.${to}.body` as MessageKey, params),
    locale,
  };
}

// ───────────── producers ─────────────

export const producerScope = (auth: Auth): Prisma.EntryWhereInput => ({ establishment: { ownerId: auth.user.id } });

export async function createEntry(auth: Auth, input: { roundId: string; productId: string }, meta: RequestMeta) {
  const [round, product] = await Promise.all([
    prisma.round.findUnique({
      where: { id: input.roundId },
      select: {
        id: true,
        level: true,
        provinceId: true,
        status: true,
        entriesOpenAt: true,
        entriesCloseAt: true,
        groups: true,
      },
    }),
    prisma.product.findFirst({
      where: { id: input.productId, establishment: { ownerId: auth.user.id } },
      select: {
        id: true,
        name: true,
        group: true,
        establishmentId: true,
        establishment: { select: { name: true, commune: true, provinceId: true } },
      },
    }),
  ]);
  // Producers enter provincial rounds only; higher tiers take entries by nomination.
  if (!round || round.level !== "PROVINCE" || !product) throw new DomainError(404, "error.404");
  if (!acceptsEntries(round))
    throw new DomainError(409, round.status === "OPEN" ? "entries.error.deadlinePassed" : "entries.error.roundNotOpen");
  if (product.establishment.provinceId !== round.provinceId) throw new DomainError(400, "entries.error.wrongProvince");
  if (!hasGroup(round.groups, product.group))
    throw new DomainError(400, "entries.error.groupNotInRound", { group: product.group });
  const existing = await prisma.entry.findUnique({
    where: { roundId_productId: { roundId: round.id, productId: product.id } },
    select: { id: true },
  });
  if (existing) throw new DomainError(409, "entries.error.duplicate");
  return prisma.$transaction(async (tx) => {
    const entry = await tx.entry.create({
      data: {
        roundId: round.id,
        productId: product.id,
        establishmentId: product.establishmentId,
        group: product.group,
        commune: product.establishment.commune,
        searchText: normalizeSearch(
          [product.name, product.establishment.name, product.establishment.commune ?? ""].join(" "),
        ),
      },
      select: { id: true },
    });
    await tx.entryEvent.create({ data: { entryId: entry.id, toStatus: "DRAFT", actorId: auth.user.id } });
    await audit(tx, {
      actorId: auth.user.id,
      action: "entry.create",
      entityType: "Entry",
      entityId: entry.id,
      after: input,
      meta,
    });
    return entry;
  });
}

export function listMyEntries(auth: Auth) {
  return prisma.entry.findMany({
    where: producerScope(auth),
    select: {
      id: true,
      status: true,
      entryCode: true,
      receiptNumber: true,
      submittedAt: true,
      updatedAt: true,
      product: { select: { id: true, name: true, group: true } },
      round: {
        select: { id: true, name: true, entriesCloseAt: true, status: true, level: true, resultsFinalisedAt: true },
      },
      // What the entry came to (entry-outcome.ts): the council's vote, the result and the certificate.
      outcome: { select: { recognised: true, finalPassed: true } },
      certificate: { select: { validUntil: true, revokedAt: true } },
    },
    orderBy: { updatedAt: "desc" },
  });
}

export const entryDetailSelect = {
  id: true,
  status: true,
  entryCode: true,
  receiptNumber: true,
  submittedAt: true,
  decidedAt: true,
  version: true,
  group: true,
  commune: true,
  onBehalf: true,
  createdAt: true,
  round: {
    select: {
      id: true,
      name: true,
      year: true,
      level: true,
      status: true,
      entriesOpenAt: true,
      entriesCloseAt: true,
      documents: { select: { kind: true } },
      province: { select: { name: true } },
    },
  },
  product: {
    select: { id: true, ...DOSSIER_PRODUCT_FIELDS },
  },
  establishment: {
    select: {
      id: true,
      name: true,
      legalForm: true,
      registrationNumber: true,
      commune: true,
      addressLine: true,
      phone: true,
      email: true,
      legalRepresentative: true,
      province: { select: { name: true } },
    },
  },
  events: {
    select: {
      id: true,
      fromStatus: true,
      toStatus: true,
      reason: true,
      createdAt: true,
      actor: { select: { name: true } },
    },
    orderBy: { createdAt: "asc" },
  },
} satisfies Prisma.EntrySelect;

export async function getMyEntry(auth: Auth, entryId: string) {
  const entry = await prisma.entry.findFirst({
    where: { id: entryId, ...producerScope(auth) },
    select: entryDetailSelect,
  });
  if (!entry) throw new DomainError(404, "error.404");
  return entry;
}

/** The files that make up the entry's dossier now (establishment documents + product files). */
export function dossierFiles(entry: { establishment: { id: string }; product: { id: string } }) {
  return prisma.storedFile.findMany({
    where: {
      deletedAt: null,
      establishmentId: entry.establishment.id,
      OR: [{ productId: entry.product.id }, { productId: null }],
    },
    select: { id: true, kind: true, angle: true, originalName: true, contentType: true, size: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
}

/** Refusal of a submission whose dossier misses something; the page lists what. */
export class DossierIncompleteError extends DomainError {
  constructor(public readonly checklist: Checklist) {
    super(400, "entries.error.incompleteList");
  }
}

/**
 * What the entry's dossier has and misses now (same rule as on the product page). Forms 01 and
 * 02 count when a signed scan is uploaded, or when the product has what the generated paper asks.
 */
export async function entryChecklist(entry: {
  group: string;
  round: { documents: ReadonlyArray<{ kind: string }> };
  establishment: { id: string };
  product: { id: string } & FormProductData;
}) {
  const files = await dossierFiles(entry);
  const checklist = dossierChecklist({
    group: entry.group,
    photos: files.filter((f) => f.kind === "PHOTO"),
    documents: files.filter((f) => f.kind !== "PHOTO"),
    requiredKinds: entry.round.documents.map((d) => d.kind),
    generatedForms: generatedFormsOf(entry.product),
  });
  return { files, checklist };
}

export async function producerMove(auth: Auth, entryId: string, move: "submit" | "withdraw", meta: RequestMeta) {
  if (move === "submit") {
    const entry = await getMyEntry(auth, entryId);
    const { checklist } = await entryChecklist(entry);
    if (!checklist.complete) throw new DossierIncompleteError(checklist);
  }
  return changeEntryStatus({
    entryId,
    move,
    actor: "producer",
    actorId: auth.user.id,
    meta,
    scope: producerScope(auth),
  });
}

// ───────────── organisers (screening) ─────────────

export const organiserScope = (auth: Auth): Prisma.EntryWhereInput => ({
  round: managedRoundsWhere(auth.roles),
  // Drafts are the producer's own business until submitted.
  status: { not: "DRAFT" },
});

/**
 * Outside the organiser's jurisdiction: 403 when the thing exists (issue #3 asks organisers of
 * another province to be refused, not misled), 404 when it does not.
 */
/** 403 for a row that exists out of the user's scope, 404 for none (an entry of another round than the URL's is none). */
export async function outOfScope(kind: "entry" | "round", id: string, roundId?: string): Promise<never> {
  const exists =
    kind === "entry"
      ? await prisma.entry.count({ where: { id, status: { not: "DRAFT" }, ...(roundId ? { roundId } : {}) } })
      : await prisma.round.count({ where: { id } });
  throw new DomainError(exists ? 403 : 404, exists ? "error.403" : "error.404");
}

export interface ScreeningFilters {
  group?: "A" | "B" | "C" | "D";
  status?: EntryStatusName;
  commune?: string;
  q?: string;
  page: number;
}

export const SCREENING_PAGE_SIZE = 25;

/** Filters of the screening list; text search ignores diacritics and case ("my gao chu"). */
function screeningWhere(roundId: string, f: Omit<ScreeningFilters, "page">): Prisma.EntryWhereInput {
  const words = f.q ? normalizeSearch(f.q).split(" ").filter(Boolean) : [];
  return {
    roundId,
    status: f.status ?? { not: "DRAFT" },
    ...(f.group ? { group: f.group } : {}),
    ...(f.commune ? { commune: f.commune } : {}),
    ...(words.length ? { AND: words.map((w) => ({ searchText: { contains: w } })) } : {}),
  };
}

/** The certificate (and its decision) a nominated entry came up with from the lower tier (liên thông). */
const nominatedFromSelect = {
  select: {
    serial: true,
    jurisdiction: true,
    year: true,
    level: true,
    decision: { select: { number: true, signedAt: true } },
  },
} satisfies Prisma.Entry$nominatedFromArgs;

export async function listRoundEntries(auth: Pick<Auth, "roles">, roundId: string, f: ScreeningFilters) {
  const round = await prisma.round.findFirst({
    where: { id: roundId, ...managedRoundsWhere(auth.roles) },
    select: { id: true, name: true, year: true, status: true, level: true, groups: true, entriesCloseAt: true },
  });
  if (!round) return outOfScope("round", roundId);
  const where = screeningWhere(roundId, f);
  const [total, rows, communes] = await Promise.all([
    prisma.entry.count({ where }),
    prisma.entry.findMany({
      where,
      select: {
        id: true,
        status: true,
        entryCode: true,
        receiptNumber: true,
        group: true,
        commune: true,
        submittedAt: true,
        onBehalf: true,
        nominatedFrom: nominatedFromSelect,
        product: { select: { name: true } },
        establishment: { select: { name: true } },
      },
      orderBy: [{ group: "asc" }, { submittedAt: "asc" }],
      skip: (f.page - 1) * SCREENING_PAGE_SIZE,
      take: SCREENING_PAGE_SIZE,
    }),
    prisma.entry.findMany({
      where: { roundId, commune: { not: null }, status: { not: "DRAFT" } },
      select: { commune: true },
      distinct: ["commune"],
      orderBy: { commune: "asc" },
    }),
  ]);
  return { round, total, rows, communes: communes.map((c) => c.commune!) };
}

export type DossierSnapshot = Awaited<ReturnType<typeof dossierSnapshot>>;

/**
 * The entry as organisers screen it: the dossier frozen at its last submission (not the
 * producer's working copy, which may have moved on), with the live status and timeline.
 */
/** `roundId`: the round of the URL (/admin/rounds/:roundId/entries/:entryId); an entry of another round is a 404. */
export async function getEntryForOrganiser(auth: Auth, entryId: string, roundId?: string) {
  const entry = await prisma.entry.findFirst({
    where: { id: entryId, ...organiserScope(auth), ...(roundId ? { roundId } : {}) },
    select: { ...entryDetailSelect, nominatedFrom: nominatedFromSelect },
  });
  if (!entry) return outOfScope("entry", entryId, roundId);
  const frozen = await prisma.entryVersion.findUnique({
    where: { entryId_version: { entryId, version: entry.version } },
    select: { snapshot: true, createdAt: true },
  });
  const snapshot = frozen?.snapshot as DossierSnapshot | undefined;
  return {
    entry,
    frozenAt: frozen?.createdAt ?? null,
    dossier: snapshot
      ? {
          product: { ...snapshot.product, id: entry.product.id },
          establishment: { ...snapshot.establishment, id: entry.establishment.id },
          files: snapshot.files,
        }
      : null,
  };
}

/** `roundId`: as for getEntryForOrganiser, the entry must be in the URL's round. */
export async function screenEntry(
  auth: Auth,
  entryId: string,
  move: "accept" | "return" | "reject",
  reason: string | null,
  meta: RequestMeta,
  roundId?: string,
) {
  try {
    const scope = { ...organiserScope(auth), ...(roundId ? { roundId } : {}) };
    return await changeEntryStatus({ entryId, move, actor: "organiser", actorId: auth.user.id, reason, meta, scope });
  } catch (error) {
    if (error instanceof DomainError && error.status === 404) return outOfScope("entry", entryId, roundId);
    throw error;
  }
}

/** All rows of a round for export (same scope and filters as the list, no paging). */
export async function exportRoundEntries(
  auth: Pick<Auth, "roles">,
  roundId: string,
  f: Omit<ScreeningFilters, "page">,
) {
  const { round } = await listRoundEntries(auth, roundId, { ...f, page: 1 });
  const rows = await prisma.entry.findMany({
    where: screeningWhere(roundId, f),
    select: {
      entryCode: true,
      receiptNumber: true,
      group: true,
      status: true,
      submittedAt: true,
      onBehalf: true,
      commune: true,
      product: { select: { name: true } },
      establishment: {
        select: {
          name: true,
          legalForm: true,
          registrationNumber: true,
          addressLine: true,
          phone: true,
          email: true,
          legalRepresentative: true,
        },
      },
    },
    orderBy: [{ group: "asc" }, { entryCode: "asc" }, { submittedAt: "asc" }],
  });
  return { round, rows };
}

// ───────────── paper dossiers registered by an organiser ─────────────

export interface OnBehalfInput {
  producerEmail: string;
  producerName: string;
  legalForm: "SME" | "COOPERATIVE" | "COOP_GROUP" | "HOUSEHOLD";
  establishmentName: string;
  registrationNumber: string;
  commune?: string;
  addressLine?: string;
  phone?: string;
  legalRepresentative?: string;
  productName: string;
  group: "A" | "B" | "C" | "D";
  description: string;
}

/**
 * A producer brings a paper dossier: the organiser types it in. The entry is recorded as
 * submitted on the producer's behalf (onBehalf, registeredBy, audit "entry.register_on_behalf").
 * The establishment belongs to the producer's account, created without a password when the
 * producer has none yet — they can claim it later with "forgot password" on that address.
 */
export async function registerOnBehalf(auth: Auth, roundId: string, input: OnBehalfInput, meta: RequestMeta) {
  const round = await prisma.round.findFirst({
    where: { id: roundId, ...managedRoundsWhere(auth.roles) },
    select: { id: true, level: true, provinceId: true, status: true, year: true, groups: true },
  });
  if (!round) return outOfScope("round", roundId);
  if (round.level !== "PROVINCE" || !round.provinceId) throw new DomainError(400, "entries.onBehalf.provinceOnly");
  const provinceId = round.provinceId;
  if (!["OPEN", "SCREENING"].includes(round.status)) throw new DomainError(409, "entries.error.roundNotOpen");
  if (!hasGroup(round.groups, input.group))
    throw new DomainError(400, "entries.error.groupNotInRound", { group: input.group }, "group");
  const email = input.producerEmail.trim().toLowerCase();
  const registrationNumber = normalizeRegistrationNumber(input.registrationNumber);

  const created = await prisma.$transaction(async (tx) => {
    let owner = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (!owner) {
      owner = await tx.user.create({ data: { email, name: input.producerName.trim() }, select: { id: true } });
      await tx.roleAssignment.create({
        data: { userId: owner.id, role: "PRODUCER", level: "PROVINCE", provinceId, grantedById: auth.user.id },
      });
    }
    let establishment = await tx.establishment.findUnique({
      where: { legalForm_registrationNumber: { legalForm: input.legalForm, registrationNumber } },
      select: { id: true, ownerId: true, provinceId: true, name: true, commune: true },
    });
    if (establishment && establishment.ownerId !== owner.id)
      throw new DomainError(409, "entries.onBehalf.establishmentOwnedByOther", undefined, "registrationNumber");
    if (establishment && establishment.provinceId !== provinceId)
      throw new DomainError(400, "entries.error.wrongProvince", undefined, "registrationNumber");
    establishment ??= await tx.establishment.create({
      data: {
        ownerId: owner.id,
        legalForm: input.legalForm,
        name: input.establishmentName.trim(),
        registrationNumber,
        provinceId,
        commune: input.commune?.trim() || null,
        addressLine: input.addressLine?.trim() || null,
        phone: input.phone?.trim() || null,
        legalRepresentative: input.legalRepresentative?.trim() || null,
        email,
      },
      select: { id: true, ownerId: true, provinceId: true, name: true, commune: true },
    });
    const product = await tx.product.create({
      data: {
        establishmentId: establishment.id,
        name: input.productName.trim(),
        searchName: normalizeSearch(input.productName),
        group: input.group,
        description: input.description.trim(),
      },
    });
    const receipt = receiptNumber(round.year);
    const entry = await tx.entry.create({
      data: {
        roundId: round.id,
        productId: product.id,
        establishmentId: establishment.id,
        group: input.group,
        commune: establishment.commune,
        searchText: normalizeSearch([product.name, establishment.name, establishment.commune ?? ""].join(" ")),
        status: "SUBMITTED",
        version: 1,
        submittedAt: new Date(),
        receiptNumber: receipt,
        onBehalf: true,
        registeredById: auth.user.id,
      },
      select: entryForChange,
    });
    await tx.entryVersion.create({
      data: {
        entryId: entry.id,
        version: 1,
        snapshot: JSON.parse(JSON.stringify(await dossierSnapshot(tx, entry))),
        createdById: auth.user.id,
      },
    });
    await tx.entryEvent.create({
      data: { entryId: entry.id, toStatus: "SUBMITTED", reason: null, actorId: auth.user.id },
    });
    await audit(tx, {
      actorId: auth.user.id,
      action: "entry.register_on_behalf",
      entityType: "Entry",
      entityId: entry.id,
      after: {
        roundId: round.id,
        producerEmail: email,
        establishment: establishment.name,
        product: product.name,
        receipt,
      },
      meta,
    });
    await queueMail(tx, producerMail(entry, "SUBMITTED", { receipt }));
    return { entry, receipt };
  });
  return created.entry;
}
