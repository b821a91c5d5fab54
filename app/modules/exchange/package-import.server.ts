// The receiving side of a nomination package (issue #15, decision 037). The organiser of an open
// round imports a package another installation made; it is checked in this order, and the first
// failure refuses the whole package with the reason, before anything is written:
//   1. a ZIP with manifest.json matching the versioned schema (package-format.ts);
//   2. manifest.jws by a trusted sender's published did:web key, over this manifest;
//   3. every listed file present, of its stated size and SHA-256 (and each credential signed by
//      the same sender);
//   4. each certificate's revocation bit, live, in the sender's status list when it answers (a
//      certificate revoked there since the export is refused); when the list cannot be reached the
//      signed manifest's word is taken, and the result and the audit line say so;
//   5. the province known here;
// then, in ONE transaction, the sender's round, decision and certificates are mirrored as an
// archived local round (with the producer, establishment, product and dossier files) and the
// certificates are nominated by the same function as nominations made here (validity, tier,
// region/member provinces, the province's quota, one entry per product). Any refusal rolls all
// of it back and removes the files already stored. The package's id is kept: the same package
// again answers with the entries it made the first time and writes nothing.
import JSZip from "jszip";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import type { Auth } from "~/modules/auth/auth.server";
import { managedRoundsWhere } from "~/modules/access/round-scope";
import { createGroups, PRODUCT_GROUPS } from "~/modules/rounds/groups";
import { processImage, type ImageType } from "~/modules/files/image.server";
import { getFileStorage, newStorageKey } from "~/modules/files/storage.server";
import { allowedTypesFor, isImage, safeFileName, sniffType, type AllowedType } from "~/modules/files/sniff";
import { nominateWithin, type NominationResult } from "~/modules/nominations/nominations.server";
import { isUniqueViolation } from "~/utils/db-errors";
import { prisma, type Tx } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { translate } from "~/utils/i18n";
import { getLogger } from "~/utils/logger.server";
import { normalizeSearch } from "~/utils/text";
import {
  DECISION,
  MANIFEST,
  ManifestSchema,
  SIGNATURE,
  listedFiles,
  type Manifest,
  type NominationItem,
} from "./package-format";
import { resolveDidWebKeys, sha256Hex, verifyManifestSignature, type KeyResolver } from "./package-signature.server";
import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK } from "jose";
import { revocationBit } from "~/modules/credentials/verify.server";
import { didWebDocumentUrl, type PublicJwk } from "~/modules/signing/did";

const log = getLogger("exchange.import");

/** A single member of the package may not unpack to more than this (a ZIP bomb is refused unread). */
const MEMBER_MAX_BYTES = 60 * 1024 * 1024;

/** A status list credential (VC-JWT text) at a URL, or why it could not be had. */
export type StatusListFetcher = (url: string) => Promise<{ jwt: string } | { unreachable: string }>;

export interface ImportOptions {
  trusted?: Set<string>;
  resolve?: KeyResolver;
  statusList?: StatusListFetcher;
  now?: Date;
}

/**
 * How a certificate's revocation status was known at import: "live" from the sender's status
 * list read now, or "manifest" from what the signed package said at export (the list could not
 * be reached, or there is no credential to find it by), with the reason.
 */
export interface StatusCheck {
  serial: string;
  source: "live" | "manifest";
  reason?: string;
}

export interface ImportResult {
  packageId: string;
  /** True when this package had been imported before: nothing was written now. */
  already: boolean;
  sender: string;
  target: { id: string; name: string };
  entries: Array<{ id: string; serial: string }>;
  /** How each certificate's revocation status was checked (empty when `already`). */
  statusChecks: StatusCheck[];
}

/** The uncompressed size JSZip read from the central directory, before inflating anything. */
export function declaredSize(file: JSZip.JSZipObject): number | null {
  const data = (file as unknown as { _data?: { uncompressedSize?: number } })._data;
  return typeof data?.uncompressedSize === "number" ? data.uncompressedSize : null;
}

async function readMember(zip: JSZip, path: string, expected?: number): Promise<Buffer | null> {
  const file = zip.file(path);
  if (!file || file.dir) return null;
  const size = declaredSize(file);
  if ((size !== null && size > MEMBER_MAX_BYTES) || (expected !== undefined && size !== null && size !== expected)) {
    throw new DomainError(400, "exchange.error.fileChanged", { path });
  }
  return file.async("nodebuffer");
}

async function openPackage(bytes: Buffer): Promise<JSZip> {
  try {
    return await JSZip.loadAsync(bytes, { checkCRC32: true });
  } catch {
    throw new DomainError(400, "exchange.error.notZip");
  }
}

/** Steps 1–3: the manifest, its signature and every file, read and checked; nothing written. */
async function readVerified(bytes: Buffer, opts: ImportOptions) {
  const zip = await openPackage(bytes);
  const manifestBytes = await readMember(zip, MANIFEST);
  const jws = await readMember(zip, SIGNATURE);
  if (!manifestBytes || !jws) throw new DomainError(400, "exchange.error.notPackage");
  let json: unknown;
  try {
    json = JSON.parse(manifestBytes.toString("utf8"));
  } catch {
    throw new DomainError(400, "exchange.error.badManifest", { detail: "JSON" });
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DomainError(400, "exchange.error.badManifest", {
      detail: `${issue?.path.join(".") ?? ""}: ${issue?.message ?? ""}`,
    });
  }
  const manifest = parsed.data;
  const { kid } = await verifyManifestSignature(
    jws.toString("utf8").trim(),
    manifestBytes,
    manifest.sender.did,
    manifest.id,
    opts,
  );

  const files = new Map<string, Buffer>();
  for (const f of listedFiles(manifest)) {
    const content = await readMember(zip, f.path, f.size);
    if (!content) throw new DomainError(400, "exchange.error.fileMissing", { serial: "", name: f.path });
    if (content.length !== f.size || sha256Hex(content) !== f.sha256)
      throw new DomainError(400, "exchange.error.fileChanged", { path: f.path });
    files.set(f.path, content);
  }
  // A credential is the sender's own statement about the certificate: signed by the same keys.
  const keys = await (opts.resolve ?? resolveDidWebKeys)(manifest.sender.did);
  for (const n of manifest.nominations) {
    if (!n.credential) continue;
    const token = files.get(n.credential.path)!.toString("utf8").trim();
    try {
      const header = decodeProtectedHeader(token);
      const jwk =
        typeof header.kid === "string"
          ? (keys.get(header.kid) ?? keys.get(`${manifest.sender.did}#${header.kid}`))
          : undefined;
      if (!jwk) throw new Error("unknown key");
      await compactVerify(token, await importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, "EdDSA"));
    } catch {
      throw new DomainError(400, "exchange.error.badCredential", { serial: n.certificate.serial });
    }
  }
  return { manifest, kid, files, keys };
}

export const fetchStatusList: StatusListFetcher = async (url) => {
  try {
    const response = await fetch(url, {
      headers: { Accept: "application/vc+jwt, application/jwt" },
      signal: AbortSignal.timeout(10_000),
      redirect: "error",
    });
    if (!response.ok) return { unreachable: `HTTP ${response.status}` };
    return { jwt: (await response.text()).trim() };
  } catch (error) {
    const cause =
      error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    return { unreachable: cause };
  }
};

/**
 * Step 4: each credential's revocation bit in the sender's status list, read now. A list is only
 * fetched at the sender's own origin (the did:web host), so a package cannot make this server
 * request other addresses. Revoked there, or a list that does not verify with the sender's keys:
 * refused. Unreachable: the manifest's signed status stands, and the check says why.
 */
async function checkStatusLive(
  manifest: Manifest,
  files: Map<string, Buffer>,
  keys: Map<string, PublicJwk>,
  opts: ImportOptions,
): Promise<StatusCheck[]> {
  const sender = manifest.sender.did;
  const documentUrl = didWebDocumentUrl(sender);
  const origin = documentUrl ? new URL(documentUrl).origin : null;
  const lists = new Map<string, Promise<{ jwt: string } | { unreachable: string }>>();
  const checks: StatusCheck[] = [];
  for (const n of manifest.nominations) {
    const serial = n.certificate.serial;
    if (!n.credential) {
      checks.push({ serial, source: "manifest", reason: "no credential" });
      continue;
    }
    const entry = (
      decodeJwt(files.get(n.credential.path)!.toString("utf8").trim()) as {
        credentialStatus?: { statusListCredential?: unknown; statusListIndex?: unknown };
      }
    ).credentialStatus;
    const url = typeof entry?.statusListCredential === "string" ? entry.statusListCredential : null;
    const index = Number(entry?.statusListIndex);
    if (!url || !Number.isInteger(index) || index < 0) {
      checks.push({ serial, source: "manifest", reason: "no status list entry" });
      continue;
    }
    let sameOrigin = false;
    try {
      sameOrigin = new URL(url).origin === origin;
    } catch {
      sameOrigin = false;
    }
    if (!sameOrigin) {
      checks.push({ serial, source: "manifest", reason: `status list ${url} is not at the sender's address` });
      continue;
    }
    if (!lists.has(url)) lists.set(url, (opts.statusList ?? fetchStatusList)(url));
    const list = await lists.get(url)!;
    if ("unreachable" in list) {
      checks.push({ serial, source: "manifest", reason: `${url}: ${list.unreachable}` });
      continue;
    }
    const bit = await revocationBit(list.jwt, url, index, { issuer: sender, keys });
    if (typeof bit === "string")
      throw new DomainError(400, "exchange.error.statusListInvalid", { serial, url, reason: bit });
    if (bit) throw new DomainError(409, "exchange.error.revokedAtSender", { serial, did: sender });
    checks.push({ serial, source: "live" });
  }
  return checks;
}

/** The target round, if the caller organises it (403 when it exists elsewhere, 404 when not). */
async function loadTarget(auth: Auth, roundId: string) {
  const round = await prisma.round.findFirst({
    where: { AND: [{ id: roundId }, managedRoundsWhere(auth.roles)] },
    select: { id: true, name: true },
  });
  if (round) return round;
  const exists = await prisma.round.count({ where: { id: roundId } });
  throw new DomainError(exists ? 403 : 404, exists ? "error.403" : "error.404");
}

async function previousImport(
  packageId: string,
  targetId: string,
  targetName: string,
  sender: string,
): Promise<ImportResult | null> {
  const done = await prisma.exchangePackage.findUnique({
    where: { packageId },
    select: {
      targetRoundId: true,
      senderDid: true,
      nominations: { select: { entryId: true, serial: true }, orderBy: { serial: "asc" } },
    },
  });
  if (!done) return null;
  if (done.targetRoundId !== targetId) throw new DomainError(409, "exchange.error.importedElsewhere");
  return {
    packageId,
    already: true,
    sender,
    target: { id: targetId, name: targetName },
    entries: done.nominations.map((n) => ({ id: n.entryId, serial: n.serial })),
    statusChecks: [],
  };
}

interface StoredBytes {
  storage: string;
  storageKey: string;
  thumbnailKey: string | null;
  contentType: AllowedType;
  width: number | null;
  height: number | null;
}

/** Where a stored copy is: the decision, or one nomination's file (each row has its own key). */
const occurrence = (index: number, path: string) => `${index}:${path}`;

/** Writes the dossier files and the decision to the file storage (before the transaction). */
async function storeBytes(
  files: Map<string, Buffer>,
  manifest: Manifest,
  written: string[],
): Promise<Map<string, StoredBytes>> {
  const storage = getFileStorage();
  const stored = new Map<string, StoredBytes>();
  const wanted: Array<[string, string, string]> = [[DECISION, DECISION, "DECISION"]];
  manifest.nominations.forEach((n, i) =>
    n.dossier.files.forEach((f) => wanted.push([occurrence(i, f.path), f.path, f.kind])),
  );
  for (const [slot, path, kind] of wanted) {
    const bytes = files.get(path)!;
    const type = sniffType(bytes.subarray(0, 64));
    const allowed: readonly AllowedType[] = kind === "DECISION" ? ["application/pdf"] : allowedTypesFor(kind);
    if (!type || !allowed.includes(type)) throw new DomainError(400, "exchange.error.fileType", { path });
    let thumbnailKey: string | null = null;
    let width: number | null = null;
    let height: number | null = null;
    if (isImage(type)) {
      // Kept byte for byte (its hash is the one the sender signed); only the thumbnail is made here.
      let image: Awaited<ReturnType<typeof processImage>>;
      try {
        image = await processImage(bytes, type as ImageType);
      } catch {
        throw new DomainError(400, "exchange.error.fileType", { path });
      }
      thumbnailKey = newStorageKey();
      await storage.put(thumbnailKey, image.thumbnail, "image/webp");
      written.push(thumbnailKey);
      ({ width, height } = image);
    }
    const storageKey = newStorageKey();
    await storage.put(storageKey, bytes, type);
    written.push(storageKey);
    stored.set(slot, { storage: storage.name, storageKey, thumbnailKey, contentType: type, width, height });
  }
  return stored;
}

/** The sender's round and decision, mirrored once per (sender, round) as an archived round here. */
async function mirrorRound(tx: Tx, auth: Auth, manifest: Manifest, decisionFile: StoredBytes): Promise<string> {
  const { sourceRound: src, decision, sender } = manifest;
  const known = await tx.exchangeSourceRound.findUnique({
    where: { senderDid_sourceRoundId: { senderDid: sender.did, sourceRoundId: src.id } },
    select: { roundId: true },
  });
  if (known) return known.roundId;
  const province = src.province
    ? await tx.province.findUnique({ where: { code: src.province.code }, select: { id: true } })
    : null;
  if (src.province && !province)
    throw new DomainError(400, "exchange.error.unknownProvince", { code: src.province.code, name: src.province.name });
  const region = src.region
    ? await tx.region.findUnique({ where: { code: src.region.code }, select: { id: true } })
    : null;
  const finalised = new Date(src.resultsFinalisedAt);
  const round = await tx.round.create({
    data: {
      name: src.name,
      level: src.level,
      provinceId: province?.id ?? null,
      regionId: region?.id ?? null,
      year: src.year,
      groups: createGroups(PRODUCT_GROUPS),
      entriesOpenAt: finalised,
      entriesCloseAt: finalised,
      status: "ARCHIVED",
      resultsFinalisedAt: finalised,
      description: translate("vi", "exchange.mirror.description", { did: sender.did, url: sender.url }),
      createdById: auth.user.id,
    },
    select: { id: true },
  });
  await tx.recognitionDecision.create({
    data: {
      roundId: round.id,
      number: decision.number,
      signedAt: new Date(decision.signedAt),
      authority: decision.authority,
      signerName: decision.signerName,
      signerTitle: decision.signerTitle,
      documentSource: "UPLOADED",
      documentStorage: decisionFile.storage,
      documentKey: decisionFile.storageKey,
      documentName: `${decision.number.replace(/[^\p{L}\p{N}_-]+/gu, "-")}.pdf`,
      documentSha256: decision.file.sha256,
      createdById: auth.user.id,
    },
  });
  await tx.exchangeSourceRound.create({ data: { senderDid: sender.did, sourceRoundId: src.id, roundId: round.id } });
  return round.id;
}

/** One nominated certificate mirrored with its holder, product and frozen dossier; its id here. */
async function mirrorCertificate(
  tx: Tx,
  auth: Auth,
  roundId: string,
  n: NominationItem,
  index: number,
  stored: Map<string, StoredBytes>,
): Promise<string> {
  const c = n.certificate;
  const existing = await tx.certificate.findFirst({
    where: { OR: [{ serial: c.serial }, { code: c.code }] },
    select: { id: true, roundId: true },
  });
  if (existing) {
    // The same certificate in an earlier package from this sender: nominated again from its mirror.
    if (existing.roundId === roundId) return existing.id;
    throw new DomainError(409, "exchange.error.certificateClash", { serial: c.serial });
  }
  const round = await tx.round.findUniqueOrThrow({
    where: { id: roundId },
    select: { provinceId: true, regionId: true, decision: { select: { id: true } } },
  });
  const est = n.dossier.establishment;
  const estProvince = await tx.province.findUnique({
    where: { code: est.province.code },
    select: { id: true, regionId: true },
  });
  if (!estProvince)
    throw new DomainError(400, "exchange.error.unknownProvince", { code: est.province.code, name: est.province.name });

  const email = n.owner.email.toLowerCase();
  const owner =
    (await tx.user.findUnique({ where: { email }, select: { id: true } })) ??
    (await tx.user.create({ data: { email, name: n.owner.name }, select: { id: true } }));
  const establishment =
    (await tx.establishment.findUnique({
      where: { legalForm_registrationNumber: { legalForm: est.legalForm, registrationNumber: est.registrationNumber } },
      select: { id: true },
    })) ??
    (await tx.establishment.create({
      data: {
        ownerId: owner.id,
        legalForm: est.legalForm,
        name: est.name,
        registrationNumber: est.registrationNumber,
        registrationDate: est.registrationDate ? new Date(est.registrationDate) : null,
        registrationIssuer: est.registrationIssuer,
        provinceId: estProvince.id,
        commune: est.commune,
        addressLine: est.addressLine,
        phone: est.phone,
        email: est.email,
        legalRepresentative: est.legalRepresentative,
        workforce: est.workforce,
      },
      select: { id: true },
    }));
  const p = n.dossier.product;
  const product = await tx.product.create({
    data: { ...p, establishmentId: establishment.id, searchName: normalizeSearch(p.name) },
    select: { id: true },
  });

  const files: Array<{
    id: string;
    kind: string;
    angle: string | null;
    originalName: string;
    contentType: string;
    size: number;
    sha256: string;
  }> = [];
  for (const f of n.dossier.files) {
    const s = stored.get(occurrence(index, f.path))!;
    const row = await tx.storedFile.create({
      data: {
        uploadedById: auth.user.id,
        establishmentId: establishment.id,
        productId: f.kind === "BUSINESS_REGISTRATION" ? null : product.id,
        kind: f.kind,
        angle: f.kind === "PHOTO" ? f.angle : null,
        storage: s.storage,
        storageKey: s.storageKey,
        thumbnailKey: s.thumbnailKey,
        originalName: safeFileName(f.originalName, s.contentType),
        contentType: s.contentType,
        size: f.size,
        sha256: f.sha256,
        width: s.width,
        height: s.height,
      },
      select: { id: true, kind: true, angle: true, originalName: true, contentType: true, size: true, sha256: true },
    });
    files.push(row);
  }
  const searchText = normalizeSearch([p.name, est.name, est.commune ?? ""].join(" "));
  const codeFree = n.entry.entryCode
    ? (await tx.entry.count({ where: { entryCode: n.entry.entryCode } })) === 0
    : false;
  const entry = await tx.entry.create({
    data: {
      roundId,
      productId: product.id,
      establishmentId: establishment.id,
      group: n.entry.group,
      status: "ACCEPTED",
      entryCode: codeFree ? n.entry.entryCode : null,
      searchText,
      commune: n.entry.commune,
      version: 1,
      submittedAt: new Date(c.issuedAt),
      decidedAt: new Date(c.issuedAt),
      registeredById: auth.user.id,
    },
    select: { id: true },
  });
  const { province: _p, ...estSnapshot } = est;
  const snapshot = { establishment: { ...estSnapshot, province: est.province }, product: p, files };
  await tx.entryVersion.create({
    data: { entryId: entry.id, version: 1, snapshot: JSON.parse(JSON.stringify(snapshot)), createdById: auth.user.id },
  });
  const certificate = await tx.certificate.create({
    data: {
      serial: c.serial,
      code: c.code,
      decisionId: round.decision!.id,
      roundId,
      entryId: entry.id,
      productId: product.id,
      establishmentId: establishment.id,
      provinceId: c.level === "PROVINCE" ? (round.provinceId ?? estProvince.id) : estProvince.id,
      regionId: round.regionId ?? estProvince.regionId,
      level: c.level,
      jurisdiction: c.jurisdiction,
      year: c.year,
      productName: c.productName,
      productGroup: c.productGroup,
      establishmentName: c.establishmentName,
      establishmentAddress: c.establishmentAddress,
      searchText: normalizeSearch([c.productName, c.establishmentName, est.province.name].join(" ")),
      issuedAt: new Date(c.issuedAt),
      validUntil: new Date(c.validUntil),
      revokedAt: c.revokedAt ? new Date(c.revokedAt) : null,
      revokedReason: c.revokedAt ? translate("vi", "exchange.mirror.revoked") : null,
      prize: c.prize,
    },
    select: { id: true },
  });
  return certificate.id;
}

/**
 * Imports a nomination package into the caller's open round: everything or nothing, and the same
 * package twice is one import. Refusals are DomainErrors whose message says why; refusals of the
 * nomination rules are the nominations module's (with one line per certificate).
 */
export async function importNominationPackage(
  auth: Auth,
  targetRoundId: string,
  bytes: Buffer,
  meta: RequestMeta,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const target = await loadTarget(auth, targetRoundId);
  const { manifest, kid, files, keys } = await readVerified(bytes, opts);
  const again = await previousImport(manifest.id, target.id, target.name, manifest.sender.did);
  if (again) return again;
  const statusChecks = await checkStatusLive(manifest, files, keys, opts);
  const fromManifest = statusChecks.filter((c) => c.source === "manifest");
  if (fromManifest.length)
    log.warn(
      { packageId: manifest.id, sender: manifest.sender.did, fromManifest },
      "revocation status taken from the signed manifest: the sender's status list could not be read",
    );

  const written: string[] = [];
  try {
    const stored = await storeBytes(files, manifest, written);
    const result: NominationResult = await prisma.$transaction(
      async (tx) => {
        const roundId = await mirrorRound(tx, auth, manifest, stored.get(DECISION)!);
        const certificateIds: string[] = [];
        for (const [i, n] of manifest.nominations.entries())
          certificateIds.push(await mirrorCertificate(tx, auth, roundId, n, i, stored));
        const done = await nominateWithin(tx, auth.user.id, roundId, target.id, certificateIds, meta, opts.now);
        const pkg = await tx.exchangePackage.create({
          data: {
            packageId: manifest.id,
            manifestSha256: sha256Hex(Buffer.from(JSON.stringify(manifest))),
            senderDid: manifest.sender.did,
            senderKid: kid,
            targetRoundId: target.id,
            importedById: auth.user.id,
          },
          select: { id: true },
        });
        await tx.exchangeNomination.createMany({
          data: done.entries.map((e) => ({
            packageId: pkg.id,
            entryId: e.id,
            certificateId: e.certificateId,
            serial: e.serial,
          })),
        });
        await audit(tx, {
          actorId: auth.user.id,
          action: "nomination.package.import",
          entityType: "Round",
          entityId: target.id,
          after: {
            packageId: manifest.id,
            sender: manifest.sender.did,
            kid,
            serials: done.entries.map((e) => e.serial),
            statusChecks: statusChecks.map((c) => ({ ...c })),
          },
          meta,
        });
        return done;
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
    return {
      packageId: manifest.id,
      already: false,
      sender: manifest.sender.did,
      target: { id: target.id, name: target.name },
      entries: result.entries.map((e) => ({ id: e.id, serial: e.serial })),
      statusChecks,
    };
  } catch (error) {
    const storage = getFileStorage();
    await Promise.all(
      written.map((key) =>
        storage
          .delete(key)
          .catch((e: unknown) => log.error({ err: e, key }, "could not remove a refused package's file")),
      ),
    );
    // The same package imported by someone else at the same moment: theirs counts.
    if (isUniqueViolation(error)) {
      const raced = await previousImport(manifest.id, target.id, target.name, manifest.sender.did).catch(() => null);
      if (raced) return raced;
      throw new DomainError(409, "nominations.error.changedMeanwhile");
    }
    throw error;
  }
}
