// Recognition (issue #5): the decision (quyết định công nhận) a round's organiser records once the
// results are finalised, the certificates (giấy chứng nhận) issued under it — one per entry the
// council recognised (EntryOutcome.recognised) — their revocation, and who may read their PDFs.
// Every write checks the organiser's jurisdiction in the query (managedRoundsWhere), writes with
// a guard and appends its audit entry in the same transaction; mail goes out after commit.
//
// Choices a newcomer may ask about:
// - issuedAt = the decision's date (signedAt): the certificate is issued under the decision and
//   carries its date, so validity (31/12 of the fourth year) counts from the year the decision
//   was signed, whenever the organiser clicks "issue".
// - What a certificate says (product, establishment name and address) is copied at issue from
//   the entry's frozen dossier (EntryVersion), falling back to the live rows for old data.
// - The decision may be edited until certificates are issued; after that only its document can
//   be replaced, by an uploaded signed scan. A GENERATED document is re-rendered when
//   certificates are issued, so the public PDF always lists what was actually certified.
import crypto from "node:crypto";
import type { Prisma } from "~/generated/sqlite/client.ts";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import type { Auth } from "~/modules/auth/auth.server";
import { vnDay, vnDayStart } from "~/utils/date-range";
import { jurisdictionPrefix } from "~/modules/entries/entry-code";
import { councilNameOf } from "~/modules/judging/council";
import { queueMail, queueMails, type MailInput } from "~/modules/mail/outbox.server";
import { displayName, safeFileName, sniffType } from "~/modules/files/sniff";
import { getFileStorage, newStorageKey, storageNamed } from "~/modules/files/storage.server";
import { managedRoundsWhere } from "~/modules/access/round-scope";
import { ensureCredentials, issueCredentialsWithin } from "~/modules/credentials/credentials.server";
import { activeSigningKey } from "~/modules/signing/keys.server";
import { isUniqueViolation } from "~/utils/db-errors";
import { prisma, type Tx } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { DomainError } from "~/utils/errors";
import { getT, isLocale, type MessageKey } from "~/utils/i18n";
import { normalizeSearch } from "~/utils/text";
import type { CertificatePrint } from "./certificate-pdf.server";
import { formatSerial, newVerificationCode, nextSerialSequence } from "./codes";
import type { PrizeTierName } from "./prizes";
import { decisionFileName, renderDecisionPdf, type DecisionPrint } from "./decision-pdf.server";
import {
  DECISION_LIMITS,
  DECISION_SCAN_MAX_MB,
  REVOKE_REASON_MAX,
  REVOKE_REASON_MIN,
  type DocumentSource,
} from "./schemas";
import { certificateStatus, validUntilFor, type CertificateStatus } from "./validity";
import { getLogger } from "~/utils/logger.server";
import { certificateFactsSelect } from "./select";

const log = getLogger("certificates");

type Actor = Pick<Auth, "user" | "roles">;
type LevelName = "COMMUNE" | "PROVINCE" | "REGION" | "NATION";
type GroupName = "A" | "B" | "C" | "D";

/** Official texts are Vietnamese whatever the reader's language: they are what is signed. */
const vi = getT("vi");

// ───────────── texts printed and stored (pure) ─────────────

interface ProvinceRef {
  name: string;
  kind?: string | null;
}
interface RoundScopeRef {
  level: LevelName | string;
  province?: ProvinceRef | null;
  region?: { nameVi: string } | null;
}

const isCity = (p: ProvinceRef) => p.kind === "CITY";
/** "TP Hồ Chí Minh" → "Hồ Chí Minh" (the word "thành phố" is added by the text around it). */
export const bareName = (p: ProvinceRef) => (isCity(p) ? p.name.replace(/^(TP\.?|Thành phố)\s+/i, "") : p.name);
const lowerFirst = (s: string) => (s ? s.charAt(0).toLocaleLowerCase("vi") + s.slice(1) : s);

/** "cấp tỉnh Bắc Ninh", "cấp thành phố Hà Nội", "cấp khu vực phía Bắc", "cấp quốc gia" (as read mid-sentence). */
export function jurisdictionText(round: RoundScopeRef): string {
  if (round.level === "PROVINCE" && round.province) {
    return vi(isCity(round.province) ? "certificates.jurisdiction.city" : "certificates.jurisdiction.province", {
      name: bareName(round.province),
    });
  }
  if (round.level === "REGION" && round.region)
    return vi("certificates.jurisdiction.region", { name: lowerFirst(round.region.nameVi) });
  return vi("certificates.jurisdiction.nation");
}

/** Who signs by default: the provincial People's Committee, else the Ministry of Industry and Trade. */
export function defaultAuthority(round: RoundScopeRef): string {
  if (round.level === "PROVINCE" && round.province) {
    return vi(isCity(round.province) ? "certificates.authority.city" : "certificates.authority.province", {
      name: bareName(round.province),
    });
  }
  return vi("certificates.authority.ministry");
}

/** The place on the date line: the province for a provincial round, Hà Nội (the Ministry) otherwise. */
export function documentPlace(round: RoundScopeRef): string {
  if (round.level === "PROVINCE" && round.province) return bareName(round.province);
  return vi("certificates.place.ministry");
}

/**
 * "Thôn Kép, Xã Lục Ngạn, tỉnh Bắc Ninh" from the parts that are known. An address as it was
 * before 1/7/2025 names its district too ("Xã Đồng Tâm, huyện Yên Thế, tỉnh Bắc Giang"): a
 * certificate prints the units valid when it was issued, and keeps them (issue #12 item 5).
 */
export function addressText(parts: {
  addressLine?: string | null;
  commune?: string | null;
  district?: string | null;
  province?: ProvinceRef | null;
}): string {
  const province = parts.province
    ? vi(isCity(parts.province) ? "certificates.address.city" : "certificates.address.province", {
        name: bareName(parts.province),
      })
    : null;
  return [parts.addressLine, parts.commune, parts.district, province]
    .map((s) => s?.trim())
    .filter((s): s is string => !!s)
    .join(", ");
}

/**
 * Why a decision date (yyyy-mm-dd, Vietnam) cannot be used, or null: not a real day, in the
 * future, or before the day the results were finalised (a decision recognises final results).
 */
export function decisionDateProblem(day: string, finalisedAt: Date, now: Date = new Date()): MessageKey | null {
  if (!vnDayStart(day)) return "certificates.decision.signedAt.invalid";
  if (day > vnDay(now)) return "certificates.decision.signedAt.future";
  if (day < vnDay(finalisedAt)) return "certificates.decision.signedAt.beforeFinalised";
  return null;
}

// ───────────── scope ─────────────

const roundSelect = {
  id: true,
  name: true,
  level: true,
  year: true,
  status: true,
  councilName: true,
  resultsFinalisedAt: true,
  province: { select: { code: true, name: true, kind: true } },
  region: { select: { code: true, nameVi: true } },
  decision: {
    select: {
      id: true,
      number: true,
      signedAt: true,
      authority: true,
      signerName: true,
      signerTitle: true,
      documentSource: true,
      documentStorage: true,
      documentKey: true,
      documentName: true,
      documentSha256: true,
      updatedAt: true,
    },
  },
  _count: { select: { certificates: true } },
} satisfies Prisma.RoundSelect;
type ManagedRound = Prisma.RoundGetPayload<{ select: typeof roundSelect }>;

/** A round the person organises (administrators: any); 404 otherwise, as for every round page. */
async function managedRound(auth: Actor, roundId: string, db: Tx = prisma): Promise<ManagedRound> {
  const round = await db.round.findFirst({
    where: { AND: [{ id: roundId }, managedRoundsWhere(auth.roles)] },
    select: roundSelect,
  });
  if (!round) throw new DomainError(404, "error.404");
  return round;
}

function requireFinalised(round: {
  name: string;
  resultsFinalisedAt: Date | null;
}): asserts round is { name: string; resultsFinalisedAt: Date } {
  if (!round.resultsFinalisedAt)
    throw new DomainError(
      409,
      "certificates.error.notFinalised",
      { round: round.name },
      undefined,
      "results_not_finalised",
    );
}

async function managesRound(auth: Actor, roundId: string): Promise<boolean> {
  return (await prisma.round.count({ where: { AND: [{ id: roundId }, managedRoundsWhere(auth.roles)] } })) > 0;
}

// ───────────── recognised entries ─────────────

interface DossierParts {
  product?: { name?: string; group?: string };
  /** `district`: only in dossiers frozen before districts were abolished (1/7/2025). */
  establishment?: {
    name?: string;
    addressLine?: string | null;
    commune?: string | null;
    district?: string | null;
    province?: { code?: string; name?: string } | null;
  };
}

const recognisedEntrySelect = {
  id: true,
  entryCode: true,
  group: true,
  version: true,
  productId: true,
  establishmentId: true,
  product: { select: { name: true } },
  establishment: {
    select: {
      name: true,
      addressLine: true,
      commune: true,
      owner: { select: { email: true, name: true, locale: true } },
      province: { select: { id: true, code: true, name: true, kind: true, regionId: true } },
    },
  },
} satisfies Prisma.EntrySelect;
type RecognisedEntry = Prisma.EntryGetPayload<{ select: typeof recognisedEntrySelect }>;

/** What the certificate will say about an entry: names and address from its frozen dossier. */
interface EntryAsAtIssue {
  entry: RecognisedEntry;
  productName: string;
  group: GroupName;
  establishmentName: string;
  address: string;
  provinceNames: string[];
  /** The council's prize (decision 029), copied onto the certificate at issue. */
  prize: PrizeTierName | null;
}

/** The recognised entries of a round (optionally only those without a certificate), in entry-code order. */
async function recognisedEntries(db: Tx, roundId: string, withoutCertificate: boolean): Promise<EntryAsAtIssue[]> {
  const outcomes = await db.entryOutcome.findMany({
    where: {
      roundId,
      recognised: true,
      entry: { roundId, ...(withoutCertificate ? { certificate: { is: null } } : {}) },
    },
    select: { prize: true, entry: { select: recognisedEntrySelect } },
  });
  const prizes = new Map(outcomes.map((o) => [o.entry.id, o.prize]));
  const entries = outcomes
    .map((o) => o.entry)
    .sort((a, b) => (a.entryCode ?? "\uffff").localeCompare(b.entryCode ?? "\uffff") || a.id.localeCompare(b.id));
  if (!entries.length) return [];
  const versions = await db.entryVersion.findMany({
    where: { OR: entries.map((e) => ({ entryId: e.id, version: e.version })) },
    select: { entryId: true, snapshot: true },
  });
  const snapshots = new Map(versions.map((v) => [v.entryId, (v.snapshot ?? {}) as DossierParts]));
  // The frozen dossier names the province by code; its kind (city or province) comes from the row.
  const codes = [
    ...new Set(
      versions
        .map((v) => (v.snapshot as DossierParts | null)?.establishment?.province?.code)
        .filter((c): c is string => !!c),
    ),
  ];
  const kinds = new Map(
    (await db.province.findMany({ where: { code: { in: codes } }, select: { code: true, kind: true } })).map((p) => [
      p.code,
      p.kind,
    ]),
  );
  return entries.map((entry) => {
    const snap = snapshots.get(entry.id);
    const est = snap?.establishment;
    const frozenProvince = est?.province?.name
      ? { name: est.province.name, kind: (est.province.code && kinds.get(est.province.code)) || "PROVINCE" }
      : null;
    const province = frozenProvince ?? entry.establishment.province;
    const group = (["A", "B", "C", "D"] as const).find((g) => g === snap?.product?.group) ?? entry.group;
    return {
      entry,
      productName: snap?.product?.name?.trim() || entry.product.name,
      group,
      establishmentName: est?.name?.trim() || entry.establishment.name,
      address: est
        ? addressText({ addressLine: est.addressLine, commune: est.commune, district: est.district, province })
        : addressText({
            addressLine: entry.establishment.addressLine,
            commune: entry.establishment.commune,
            province: entry.establishment.province,
          }),
      provinceNames: [...new Set([entry.establishment.province.name, province.name])],
      prize: prizes.get(entry.id) ?? null,
    };
  });
}

// ───────────── the recognition page ─────────────

export interface RecognitionPage {
  round: {
    id: string;
    name: string;
    level: string;
    year: number;
    status: string;
    resultsFinalisedAt: Date;
    jurisdiction: string;
  };
  recognised: Array<{
    entryId: string;
    entryCode: string | null;
    productName: string;
    establishmentName: string;
    group: GroupName;
    finalScore: number | null;
    serial: string | null;
    prize: PrizeTierName | null;
  }>;
  decision: ManagedRound["decision"] extends infer D
    ? D extends null
      ? null
      : Omit<NonNullable<D>, "documentStorage" | "documentKey">
    : never;
  defaults: { authority: string; signedAt: string };
  certificates: Array<{
    id: string;
    serial: string;
    code: string;
    productName: string;
    establishmentName: string;
    productGroup: GroupName;
    issuedAt: Date;
    validUntil: Date;
    revokedAt: Date | null;
    revokedReason: string | null;
    status: CertificateStatus;
  }>;
  /** Recognised entries still without a certificate. */
  pending: number;
  /** The decision's fields may still change (no certificate issued yet). */
  decisionEditable: boolean;
}

/** Everything the recognition page shows. 409 before the results are finalised. */
export async function getRecognition(auth: Actor, roundId: string, now: Date = new Date()): Promise<RecognitionPage> {
  const round = await managedRound(auth, roundId);
  requireFinalised(round);
  const [outcomes, certificates] = await Promise.all([
    prisma.entryOutcome.findMany({
      where: { roundId, recognised: true },
      select: {
        finalScore: true,
        prize: true,
        entry: {
          select: {
            id: true,
            entryCode: true,
            group: true,
            product: { select: { name: true } },
            establishment: { select: { name: true } },
            certificate: { select: { serial: true } },
          },
        },
      },
    }),
    prisma.certificate.findMany({
      where: { roundId },
      select: {
        id: true,
        serial: true,
        code: true,
        productName: true,
        establishmentName: true,
        productGroup: true,
        issuedAt: true,
        validUntil: true,
        revokedAt: true,
        revokedReason: true,
      },
      orderBy: { serial: "asc" },
    }),
  ]);
  const recognised = outcomes
    .map((o) => ({
      entryId: o.entry.id,
      entryCode: o.entry.entryCode,
      productName: o.entry.product.name,
      establishmentName: o.entry.establishment.name,
      group: o.entry.group,
      finalScore: o.finalScore,
      serial: o.entry.certificate?.serial ?? null,
      prize: o.prize,
    }))
    .sort((a, b) => (a.entryCode ?? "\uffff").localeCompare(b.entryCode ?? "\uffff"));
  const { decision } = round;
  return {
    round: {
      id: round.id,
      name: round.name,
      level: round.level,
      year: round.year,
      status: round.status,
      resultsFinalisedAt: round.resultsFinalisedAt,
      jurisdiction: jurisdictionText(round),
    },
    recognised,
    decision: decision
      ? {
          id: decision.id,
          number: decision.number,
          signedAt: decision.signedAt,
          authority: decision.authority,
          signerName: decision.signerName,
          signerTitle: decision.signerTitle,
          documentSource: decision.documentSource,
          documentName: decision.documentName,
          documentSha256: decision.documentSha256,
          updatedAt: decision.updatedAt,
        }
      : null,
    defaults: { authority: defaultAuthority(round), signedAt: vnDay(now) },
    certificates: certificates.map((c) => ({ ...c, status: certificateStatus(c, now) })),
    pending: recognised.filter((r) => !r.serial).length,
    decisionEditable: round._count.certificates === 0,
  };
}

// ───────────── the decision ─────────────

export interface UploadedDocument {
  bytes: Buffer;
  fileName: string;
}

export interface DecisionInput {
  number: string;
  /** yyyy-mm-dd, a day in Vietnam. */
  signedAt: string;
  authority: string;
  signerName: string;
  signerTitle: string;
  documentSource: DocumentSource;
  /** The signed scan when documentSource is UPLOADED (optional when one is already attached). */
  document?: UploadedDocument | null;
}

interface StoredDocument {
  source: DocumentSource;
  storage: string;
  key: string;
  name: string;
  sha256: string;
  size: number;
}

function cleanText(
  value: string | null | undefined,
  max: number,
  field: string,
  required: MessageKey,
  tooLong: MessageKey,
): string {
  const clean = (value ?? "").normalize("NFC").replace(/\s+/g, " ").trim();
  if (!clean) throw new DomainError(400, required, undefined, field);
  if (clean.length > max) throw new DomainError(400, tooLong, { max }, field);
  return clean;
}

/** A signed scan must really be a PDF (by its bytes) within the size limit. */
function checkScan(doc: UploadedDocument): void {
  const name = displayName(doc.fileName);
  if (!doc.bytes.length) throw new DomainError(400, "files.error.empty", { name }, "document");
  if (doc.bytes.length > DECISION_SCAN_MAX_MB * 1024 * 1024)
    throw new DomainError(400, "files.error.tooLarge", { name, max: DECISION_SCAN_MAX_MB }, "document");
  if (sniffType(doc.bytes.subarray(0, 1024)) !== "application/pdf")
    throw new DomainError(400, "certificates.decision.document.notPdf", { name }, "document");
}

async function putDocument(bytes: Buffer, name: string, source: DocumentSource): Promise<StoredDocument> {
  const storage = getFileStorage();
  const key = newStorageKey();
  await storage.put(key, bytes, "application/pdf");
  return {
    source,
    storage: storage.name,
    key,
    name,
    sha256: crypto.createHash("sha256").update(bytes).digest("hex"),
    size: bytes.length,
  };
}

async function discard(doc: StoredDocument | null): Promise<void> {
  if (!doc) return;
  await storageNamed(doc.storage)
    .delete(doc.key)
    .catch((error) =>
      log.error({ err: error, storage: doc.storage, key: doc.key }, "could not remove the decision document"),
    );
}

const documentFields = (doc: StoredDocument) => ({
  documentSource: doc.source,
  documentStorage: doc.storage,
  documentKey: doc.key,
  documentName: doc.name,
  documentSha256: doc.sha256,
});
const documentAudit = (
  doc: { documentSource: string | null; documentName: string | null; documentSha256: string | null } | null,
) => (doc ? { source: doc.documentSource, name: doc.documentName, sha256: doc.documentSha256 } : null);

function decisionPrintOf(
  round: ManagedRound,
  d: { number: string; signedAt: Date; authority: string; signerName: string; signerTitle: string },
  entries: EntryAsAtIssue[],
): DecisionPrint {
  return {
    ...d,
    place: documentPlace(round),
    jurisdiction: jurisdictionText(round),
    year: round.year,
    roundName: round.name,
    councilName: councilNameOf(round),
    validUntil: validUntilFor(d.signedAt),
    entries: entries.map((e) => ({
      productName: e.productName,
      establishmentName: e.establishmentName,
      address: e.address,
      group: e.group,
      prize: e.prize,
    })),
  };
}

/**
 * Records (or, until certificates are issued, edits) the round's recognition decision with its
 * document: GENERATED renders the decision and its annex from the recognised entries; UPLOADED
 * stores the signed scan (a PDF). Audited as decision.record, and decision.document when the
 * document changes. Only once the results are finalised, only by the round's organisers.
 */
export async function recordDecision(
  auth: Actor,
  roundId: string,
  input: DecisionInput,
  meta: RequestMeta,
  now: Date = new Date(),
) {
  const round = await managedRound(auth, roundId);
  requireFinalised(round);
  const number = cleanText(
    input.number,
    DECISION_LIMITS.number,
    "number",
    "certificates.decision.number.required",
    "certificates.decision.number.tooLong",
  );
  const authority = cleanText(
    input.authority,
    DECISION_LIMITS.authority,
    "authority",
    "certificates.decision.authority.required",
    "certificates.decision.tooLong",
  );
  const signerName = cleanText(
    input.signerName,
    DECISION_LIMITS.signerName,
    "signerName",
    "certificates.decision.signerName.required",
    "certificates.decision.tooLong",
  );
  const signerTitle = cleanText(
    input.signerTitle,
    DECISION_LIMITS.signerTitle,
    "signerTitle",
    "certificates.decision.signerTitle.required",
    "certificates.decision.tooLong",
  );
  const day = (input.signedAt ?? "").trim();
  const dateProblem = decisionDateProblem(day, round.resultsFinalisedAt, now);
  if (dateProblem)
    throw new DomainError(
      400,
      dateProblem,
      { finalised: vnDay(round.resultsFinalisedAt).split("-").reverse().join("/") },
      "signedAt",
    );
  const signedAt = vnDayStart(day)!;
  if (input.documentSource !== "GENERATED" && input.documentSource !== "UPLOADED") {
    throw new DomainError(400, "certificates.decision.documentSource.required", undefined, "documentSource");
  }
  if (round._count.certificates > 0) throw new DomainError(409, "certificates.decision.locked");
  const existing = round.decision;

  const entries = await recognisedEntries(prisma, roundId, false);
  if (!entries.length) throw new DomainError(409, "certificates.decision.noneRecognised");

  const fields = { number, signedAt, authority, signerName, signerTitle };
  let stored: StoredDocument | null = null;
  if (input.documentSource === "UPLOADED") {
    if (input.document) {
      checkScan(input.document);
      stored = await putDocument(
        input.document.bytes,
        safeFileName(input.document.fileName, "application/pdf"),
        "UPLOADED",
      );
    } else if (existing?.documentSource !== "UPLOADED" || !existing.documentKey) {
      throw new DomainError(400, "certificates.decision.document.required", undefined, "document");
    }
  } else {
    stored = await putDocument(
      await renderDecisionPdf(decisionPrintOf(round, fields, entries)),
      decisionFileName(number),
      "GENERATED",
    );
  }

  try {
    return await prisma.$transaction(async (tx) => {
      // Certificates issued meanwhile freeze the decision.
      if ((await tx.certificate.count({ where: { roundId } })) > 0)
        throw new DomainError(409, "certificates.decision.locked");
      const data = { ...fields, ...(stored ? documentFields(stored) : {}) };
      let id: string;
      if (existing) {
        const { count } = await tx.recognitionDecision.updateMany({
          where: { id: existing.id, updatedAt: existing.updatedAt },
          data,
        });
        if (count !== 1) throw new DomainError(409, "certificates.error.changedMeanwhile");
        id = existing.id;
      } else {
        id = (
          await tx.recognitionDecision.create({
            data: { ...data, roundId, createdById: auth.user.id },
            select: { id: true },
          })
        ).id;
      }
      const before = existing
        ? {
            number: existing.number,
            signedAt: existing.signedAt,
            authority: existing.authority,
            signerName: existing.signerName,
            signerTitle: existing.signerTitle,
          }
        : null;
      await audit(tx, {
        actorId: auth.user.id,
        action: "decision.record",
        entityType: "RecognitionDecision",
        entityId: id,
        before,
        after: {
          ...fields,
          roundId,
          recognised: entries.length,
          documentSource: stored?.source ?? existing?.documentSource ?? null,
        },
        meta,
      });
      if (stored) {
        await audit(tx, {
          actorId: auth.user.id,
          action: "decision.document",
          entityType: "RecognitionDecision",
          entityId: id,
          before: documentAudit(existing),
          after: {
            source: stored.source,
            name: stored.name,
            sha256: stored.sha256,
            size: stored.size,
            storage: stored.storage,
            roundId,
          },
          meta,
        });
      }
      return {
        id,
        created: !existing,
        documentSource: stored?.source ?? existing?.documentSource ?? null,
        recognised: entries.length,
      };
    });
  } catch (error) {
    await discard(stored);
    if (isUniqueViolation(error)) throw new DomainError(409, "certificates.error.changedMeanwhile");
    throw error;
  }
}

/**
 * Replaces the decision's document with a signed scan (a PDF), before or after certificates are
 * issued — the one change still allowed once they are. The previous bytes are kept (the audit
 * entry names them). Audited as decision.document.
 */
export async function replaceDecisionDocument(
  auth: Actor,
  roundId: string,
  document: UploadedDocument | null | undefined,
  meta: RequestMeta,
) {
  const round = await managedRound(auth, roundId);
  requireFinalised(round);
  const decision = round.decision;
  if (!decision) throw new DomainError(409, "certificates.error.noDecision");
  if (!document) throw new DomainError(400, "certificates.decision.document.required", undefined, "document");
  checkScan(document);
  const stored = await putDocument(document.bytes, safeFileName(document.fileName, "application/pdf"), "UPLOADED");
  try {
    await prisma.$transaction(async (tx) => {
      const { count } = await tx.recognitionDecision.updateMany({
        where: { id: decision.id, documentKey: decision.documentKey },
        data: documentFields(stored),
      });
      if (count !== 1) throw new DomainError(409, "certificates.error.changedMeanwhile");
      await audit(tx, {
        actorId: auth.user.id,
        action: "decision.document",
        entityType: "RecognitionDecision",
        entityId: decision.id,
        before: documentAudit(decision),
        after: {
          source: stored.source,
          name: stored.name,
          sha256: stored.sha256,
          size: stored.size,
          storage: stored.storage,
          roundId,
        },
        meta,
      });
    });
  } catch (error) {
    await discard(stored);
    throw error;
  }
  return { id: decision.id, name: stored.name };
}

// ───────────── issuing certificates ─────────────

const ISSUE_ATTEMPTS = 5;

/** Verification codes not used yet (a clash at 50 random bits is all but impossible; checked anyway). */
async function freshCodes(tx: Tx, count: number): Promise<string[]> {
  const codes = new Set<string>();
  for (let round = 0; codes.size < count; round++) {
    if (round > 20) throw new Error("could not draw unique verification codes");
    const drawn = Array.from({ length: count - codes.size }, () => newVerificationCode()).filter((c) => !codes.has(c));
    const taken = new Set(
      (await tx.certificate.findMany({ where: { code: { in: drawn } }, select: { code: true } })).map((c) => c.code),
    );
    for (const c of drawn) if (!taken.has(c)) codes.add(c);
  }
  return [...codes];
}

export interface IssueResult {
  issued: Array<{ serial: string; productName: string; establishmentName: string }>;
  /** Certificates of the round after the call. */
  total: number;
}

/**
 * Issues a certificate to every recognised entry of the round that has none yet, in one
 * transaction: serials continue the jurisdiction's numbering for the year (GCN-BN-2026-0001…),
 * codes are fresh, texts are copied as at issue. Idempotent: a second call issues nothing. Two
 * concurrent calls cannot issue twice (entryId, serial and code are unique: the loser retries
 * and finds nothing left). Audited as certificate.issue with the serials; each producer's mail is
 * written to the outbox in the same transaction (sent later by the mail worker, never in the request).
 */
export async function issueCertificates(auth: Actor, roundId: string, meta: RequestMeta): Promise<IssueResult> {
  const round = await managedRound(auth, roundId);
  requireFinalised(round);
  const decision = round.decision;
  if (!decision) throw new DomainError(409, "certificates.error.noDecision");
  const prefix = jurisdictionPrefix({
    level: round.level,
    provinceCode: round.province?.code,
    regionCode: round.region?.code,
  });
  const jurisdiction = jurisdictionText(round);
  const issuedAt = decision.signedAt;
  const validUntil = validUntilFor(issuedAt);
  // Read (or made) before the transaction: each certificate's credential is signed inside it.
  const signingKey = await activeSigningKey();

  let done: { rows: Array<{ serial: string; entry: EntryAsAtIssue }>; total: number } | undefined;
  for (let attempt = 1; !done; attempt++) {
    try {
      done = await prisma.$transaction(async (tx) => {
        const entries = await recognisedEntries(tx, roundId, true);
        if (!entries.length) return { rows: [], total: await tx.certificate.count({ where: { roundId } }) };
        const existing = await tx.certificate.findMany({
          where: { serial: { startsWith: `GCN-${prefix}-${round.year}-` } },
          select: { serial: true },
        });
        let sequence = nextSerialSequence(existing.map((c) => c.serial));
        const codes = await freshCodes(tx, entries.length);
        const rows = entries.map((e, i) => {
          const code = codes[i];
          if (code === undefined) throw new Error("fewer verification codes than entries");
          return { serial: formatSerial(prefix, round.year, sequence++), code, entry: e };
        });
        await tx.certificate.createMany({
          data: rows.map(({ serial, code, entry: e }) => ({
            serial,
            code,
            decisionId: decision.id,
            roundId,
            entryId: e.entry.id,
            productId: e.entry.productId,
            establishmentId: e.entry.establishmentId,
            provinceId: e.entry.establishment.province.id,
            regionId: e.entry.establishment.province.regionId,
            level: round.level,
            jurisdiction,
            year: round.year,
            productName: e.productName,
            productGroup: e.group,
            establishmentName: e.establishmentName,
            establishmentAddress: e.address,
            searchText: normalizeSearch([e.productName, e.establishmentName, ...e.provinceNames].join(" ")),
            issuedAt,
            validUntil,
            prize: e.prize,
          })),
        });
        await issueCredentialsWithin(tx, signingKey, { code: { in: rows.map((r) => r.code) } });
        await audit(tx, {
          actorId: auth.user.id,
          action: "certificate.issue",
          entityType: "Round",
          entityId: roundId,
          after: {
            decisionId: decision.id,
            decisionNumber: decision.number,
            count: rows.length,
            serials: rows.map((r) => r.serial),
            issuedAt,
            validUntil,
          },
          meta,
        });
        await queueMails(tx, issuedMails(round, rows));
        return { rows, total: await tx.certificate.count({ where: { roundId } }) };
      });
    } catch (error) {
      if (isUniqueViolation(error) && attempt < ISSUE_ATTEMPTS) continue;
      throw error;
    }
  }

  if (done.rows.length && decision.documentSource === "GENERATED")
    await regenerateDecisionDocument(auth, round, meta, "regenerated at issue");
  return {
    issued: done.rows.map((r) => ({
      serial: r.serial,
      productName: r.entry.productName,
      establishmentName: r.entry.establishmentName,
    })),
    total: done.total,
  };
}

/** One mail per producer, listing their new certificates, with the link to their certificates page. */
function issuedMails(round: ManagedRound, rows: Array<{ serial: string; entry: EntryAsAtIssue }>): MailInput[] {
  const byOwner = new Map<string, { owner: RecognisedEntry["establishment"]["owner"]; lines: string[] }>();
  const jurisdiction = jurisdictionText(round);
  for (const r of rows) {
    const owner = r.entry.entry.establishment.owner;
    const item = byOwner.get(owner.email) ?? { owner, lines: [] };
    item.lines.push(`- ${r.entry.productName} (${r.serial})`);
    byOwner.set(owner.email, item);
  }
  const url = `${getEnv().appUrl}/producer/certificates`;
  return [...byOwner.values()].map(({ owner, lines }) => {
    const locale = isLocale(owner.locale) ? owner.locale : "vi";
    const t = getT(locale);
    const params = { name: owner.name, round: round.name, jurisdiction, year: round.year, list: lines.join("\n"), url };
    return {
      to: owner.email,
      subject: t("certificates.mail.issued.subject", params),
      text: t("certificates.mail.issued.body", params),
      locale,
    };
  });
}

/**
 * A GENERATED decision is re-rendered after issue from the certificates actually issued, and
 * before issue from the recognised entries when their prizes change (decision 029).
 */
async function regenerateDecisionDocument(
  auth: Actor,
  round: ManagedRound,
  meta: RequestMeta,
  reason: string,
): Promise<void> {
  const decision = round.decision!;
  let stored: StoredDocument | null = null;
  try {
    const entries = await recognisedEntries(prisma, round.id, false);
    const issued = new Set(
      (await prisma.certificate.findMany({ where: { roundId: round.id }, select: { entryId: true } })).map(
        (c) => c.entryId,
      ),
    );
    const bytes = await renderDecisionPdf(
      decisionPrintOf(round, decision, issued.size ? entries.filter((e) => issued.has(e.entry.id)) : entries),
    );
    const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
    if (sha256 === decision.documentSha256) return;
    stored = await putDocument(bytes, decisionFileName(decision.number), "GENERATED");
    const doc = stored;
    await prisma.$transaction(async (tx) => {
      // Only if it is still the generated document that was there (not a scan uploaded meanwhile).
      const { count } = await tx.recognitionDecision.updateMany({
        where: { id: decision.id, documentKey: decision.documentKey, documentSource: "GENERATED" },
        data: documentFields(doc),
      });
      if (count !== 1) throw new DomainError(409, "certificates.error.changedMeanwhile");
      await audit(tx, {
        actorId: auth.user.id,
        action: "decision.document",
        entityType: "RecognitionDecision",
        entityId: decision.id,
        before: documentAudit(decision),
        after: {
          source: doc.source,
          name: doc.name,
          sha256: doc.sha256,
          size: doc.size,
          storage: doc.storage,
          roundId: round.id,
          reason,
        },
        meta,
      });
    });
  } catch (error) {
    await discard(stored);
    if (!(error instanceof DomainError))
      log.error({ err: error, roundId: round.id }, "could not regenerate the decision document");
  }
}

/** Re-renders the round's GENERATED decision (if any) before certificates are issued, e.g. after a prize changed. */
export async function refreshGeneratedDecision(
  auth: Actor,
  roundId: string,
  meta: RequestMeta,
  reason: string,
): Promise<void> {
  const round = await managedRound(auth, roundId);
  if (round.decision?.documentSource !== "GENERATED" || round._count.certificates > 0) return;
  await regenerateDecisionDocument(auth, round, meta, reason);
}

// ───────────── revocation ─────────────

/**
 * The one write that revokes a certificate, inside the caller's transaction: guarded on "not
 * revoked yet" (false when it already was, and nothing is written) and audited as
 * certificate.revoke. Used by revokeCertificate and by an upheld complaint that withdraws recognition.
 */
export async function revokeWithin(
  tx: Tx,
  cert: { id: string; serial: string },
  input: {
    reason: string;
    actorId: string;
    now: Date;
    meta: RequestMeta;
    /** Extra fields of the audit entry's `after`. */ audit: Record<string, unknown>;
  },
): Promise<boolean> {
  const { count } = await tx.certificate.updateMany({
    where: { id: cert.id, revokedAt: null },
    data: { revokedAt: input.now, revokedReason: input.reason, revokedById: input.actorId },
  });
  if (count !== 1) return false;
  await audit(tx, {
    actorId: input.actorId,
    action: "certificate.revoke",
    entityType: "Certificate",
    entityId: cert.id,
    before: { revokedAt: null },
    after: { serial: cert.serial, revokedAt: input.now, ...input.audit },
    meta: input.meta,
  });
  return true;
}

/**
 * Revokes a certificate with a reason (≥ 10 characters), by the organisers of its round or an
 * administrator. 409 when already revoked (two clicks cannot revoke twice). Audited as
 * certificate.revoke; the producer is told by mail. The verification page shows when and why.
 */
export async function revokeCertificate(
  auth: Actor,
  certificateId: string,
  reason: string,
  meta: RequestMeta,
  opts: { /** Refuse (404) a certificate of another round: the page's round. */ roundId?: string; now?: Date } = {},
) {
  const now = opts.now ?? new Date();
  const clean = (reason ?? "").normalize("NFC").trim();
  const cert = await prisma.certificate.findUnique({
    where: { id: certificateId },
    select: {
      id: true,
      serial: true,
      roundId: true,
      productName: true,
      revokedAt: true,
      round: { select: { name: true } },
      establishment: { select: { owner: { select: { email: true, name: true, locale: true } } } },
    },
  });
  if (!cert || (opts.roundId && cert.roundId !== opts.roundId)) throw new DomainError(404, "error.404");
  if (!(await managesRound(auth, cert.roundId))) throw new DomainError(403, "error.403");
  if (clean.length < REVOKE_REASON_MIN)
    throw new DomainError(400, "certificates.revoke.reason.tooShort", { min: REVOKE_REASON_MIN }, "reason");
  if (clean.length > REVOKE_REASON_MAX)
    throw new DomainError(400, "certificates.revoke.reason.tooLong", { max: REVOKE_REASON_MAX }, "reason");
  if (cert.revokedAt) throw new DomainError(409, "certificates.revoke.already", { serial: cert.serial });
  const owner = cert.establishment.owner;
  const locale = isLocale(owner.locale) ? owner.locale : "vi";
  const t = getT(locale);
  const params = {
    name: owner.name,
    serial: cert.serial,
    product: cert.productName,
    reason: clean,
    url: `${getEnv().appUrl}/producer/certificates`,
  };
  await prisma.$transaction(async (tx) => {
    const revoked = await revokeWithin(tx, cert, {
      reason: clean,
      actorId: auth.user.id,
      now,
      meta,
      audit: { reason: clean, roundId: cert.roundId },
    });
    if (!revoked) throw new DomainError(409, "certificates.revoke.already", { serial: cert.serial });
    await queueMail(tx, {
      to: owner.email,
      subject: t("certificates.mail.revoked.subject", params),
      text: t("certificates.mail.revoked.body", params),
      locale,
    });
  });
  return { id: cert.id, serial: cert.serial, roundId: cert.roundId };
}

// ───────────── printing ─────────────

const printSelect = {
  ...certificateFactsSelect,
  roundId: true,
  decision: { select: { number: true, signedAt: true, authority: true, signerName: true, signerTitle: true } },
  round: { select: { level: true, province: { select: { name: true, kind: true } } } },
} satisfies Prisma.CertificateSelect;
type PrintRow = Prisma.CertificateGetPayload<{ select: typeof printSelect }>;

/** The public verification page of a code: what the QR code opens. */
function verifyUrlFor(code: string): string {
  return `${getEnv().appUrl}/verify/${code}`;
}

function toPrint(row: PrintRow): CertificatePrint {
  return {
    serial: row.serial,
    code: row.code,
    verifyUrl: verifyUrlFor(row.code),
    jurisdiction: row.jurisdiction,
    year: row.year,
    productName: row.productName,
    productGroup: row.productGroup,
    establishmentName: row.establishmentName,
    establishmentAddress: row.establishmentAddress,
    decisionNumber: row.decision.number,
    decisionSignedAt: row.decision.signedAt,
    authority: row.decision.authority,
    signerName: row.decision.signerName,
    signerTitle: row.decision.signerTitle,
    place: documentPlace(row.round),
    issuedAt: row.issuedAt,
    validUntil: row.validUntil,
    revokedAt: row.revokedAt,
  };
}

/**
 * One certificate to print, for the organisers of its round (administrators included) and the
 * owner of its establishment. 404 when unknown, 403 for anyone else.
 */
export async function certificateForPrint(auth: Actor, certificateId: string): Promise<CertificatePrint> {
  const row = await prisma.certificate.findUnique({
    where: { id: certificateId },
    select: { ...printSelect, establishment: { select: { ownerId: true } } },
  });
  if (!row) throw new DomainError(404, "error.404");
  if (row.establishment.ownerId !== auth.user.id && !(await managesRound(auth, row.roundId)))
    throw new DomainError(403, "error.403");
  // The PDF carries the signed credential as an attached file (decision 036).
  return { ...toPrint(row), credential: (await ensureCredentials([row.id])).get(row.id) ?? null };
}

/**
 * The round's certificates for a bulk print job. No scope check here: the job runs without a
 * user, and the organiser's right to the round was checked when the job was queued.
 */
export async function certificatesForBulkJob(roundId: string): Promise<CertificatePrint[]> {
  const rows = await prisma.certificate.findMany({
    where: { roundId },
    select: printSelect,
    orderBy: { serial: "asc" },
  });
  const credentials = await ensureCredentials(rows.map((r) => r.id));
  return rows.map((row) => ({ ...toPrint(row), credential: credentials.get(row.id) ?? null }));
}

/** The round's certificate ids, for the bulk job's count check (organisers only). */
export async function roundCertificateCount(
  auth: Actor,
  roundId: string,
): Promise<{ roundName: string; count: number }> {
  const round = await managedRound(auth, roundId);
  return { roundName: round.name, count: round._count.certificates };
}

// ───────────── the decision document ─────────────

export interface DecisionDocument {
  bytes: Buffer;
  fileName: string;
  source: DocumentSource;
  sha256: string | null;
  /** Public once certificates are issued under it: an administrative document of record. */
  isPublic: boolean;
}

/**
 * The decision's PDF. Public (no login) once certificates have been issued under it; before
 * that only the round's organisers may read it: 401 for anonymous readers (they log in), 404
 * for everyone else (a draft decision does not exist for them).
 */
export async function decisionDocument(auth: Actor | null, decisionId: string): Promise<DecisionDocument> {
  const d = await prisma.recognitionDecision.findUnique({
    where: { id: decisionId },
    select: {
      roundId: true,
      number: true,
      documentSource: true,
      documentStorage: true,
      documentKey: true,
      documentName: true,
      documentSha256: true,
      _count: { select: { certificates: true } },
    },
  });
  if (!d) throw new DomainError(404, "error.404");
  const isPublic = d._count.certificates > 0;
  if (!isPublic) {
    if (!auth) throw new DomainError(401, "certificates.error.loginRequired");
    if (!(await managesRound(auth, d.roundId))) throw new DomainError(404, "error.404");
  }
  if (!d.documentKey || !d.documentStorage) throw new DomainError(404, "certificates.error.noDocument");
  const bytes = await storageNamed(d.documentStorage).get(d.documentKey);
  if (!bytes) {
    log.error({ decisionId, storage: d.documentStorage }, "decision document: no bytes in storage");
    throw new DomainError(404, "certificates.error.noDocument");
  }
  return {
    bytes,
    fileName: d.documentName || decisionFileName(d.number),
    source: d.documentSource === "UPLOADED" ? "UPLOADED" : "GENERATED",
    sha256: d.documentSha256,
    isPublic,
  };
}

// ───────────── the producer's certificates ─────────────

/** The certificates of the establishments a person owns, newest first. */
export async function listProducerCertificates(auth: Pick<Auth, "user">, now: Date = new Date()) {
  const rows = await prisma.certificate.findMany({
    where: { establishment: { ownerId: auth.user.id } },
    select: {
      ...certificateFactsSelect,
      revokedReason: true,
      decision: { select: { id: true, number: true, signedAt: true, authority: true, documentKey: true } },
    },
    orderBy: [{ issuedAt: "desc" }, { serial: "asc" }],
  });
  return rows.map(({ decision: { documentKey, ...decision }, ...r }) => ({
    ...r,
    decision: { ...decision, hasDocument: !!documentKey },
    status: certificateStatus(r, now),
  }));
}
