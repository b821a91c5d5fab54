// The sending side of a nomination package (issue #15, decision 037): the organiser of a
// finalised round packs the certificates it nominates to a higher-tier round held on another
// installation — each with its frozen dossier (the files byte for byte), its verifiable
// credential when one was issued, and the round's recognition decision — into one signed ZIP.
// Nothing is written here except the audit line; the receiving installation decides.
import crypto from "node:crypto";
import JSZip from "jszip";
import { audit, type RequestMeta } from "~/modules/audit/audit.server";
import type { Auth } from "~/modules/auth/auth.server";
import { managedRoundsWhere } from "~/modules/access/round-scope";
import { decisionDocument } from "~/modules/certificates/certificates.server";
import { certificateFactsSelect } from "~/modules/certificates/select";
import type { DossierSnapshot } from "~/modules/entries/entries.server";
import { storageNamed } from "~/modules/files/storage.server";
import { issuerDid } from "~/modules/signing/keys.server";
import { sniffType } from "~/modules/files/sniff";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { DomainError } from "~/utils/errors";
import {
  DECISION,
  MANIFEST,
  PACKAGE_FORMAT,
  PACKAGE_VERSION,
  SIGNATURE,
  type Manifest,
  type NominationItem,
  type PackageFile,
} from "./package-format";
import { sha256Hex, signManifest } from "./package-signature.server";

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

function member(path: string, bytes: Buffer): PackageFile {
  const type = sniffType(bytes.subarray(0, 64));
  return { path, sha256: sha256Hex(bytes), size: bytes.length, contentType: type ?? "application/pdf" };
}

export interface BuiltPackage {
  bytes: Buffer;
  fileName: string;
  manifest: Manifest;
}

/**
 * The package of these certificates of a finalised round the caller organises. Refused (nothing
 * made) when a certificate is not of the round or has no frozen dossier, or a file is missing.
 */
export async function buildNominationPackage(
  auth: Auth,
  roundId: string,
  certificateIds: string[],
  meta: RequestMeta,
  now: Date = new Date(),
): Promise<BuiltPackage> {
  const ids = [...new Set(certificateIds)];
  if (!ids.length) throw new DomainError(400, "nominations.error.noneSelected", undefined, "certificateIds");
  const round = await prisma.round.findFirst({
    where: { AND: [{ id: roundId }, managedRoundsWhere(auth.roles)] },
    select: {
      id: true,
      name: true,
      level: true,
      year: true,
      resultsFinalisedAt: true,
      province: { select: { code: true, name: true } },
      region: { select: { code: true } },
      decision: {
        select: { id: true, number: true, signedAt: true, authority: true, signerName: true, signerTitle: true },
      },
    },
  });
  if (!round) {
    const exists = await prisma.round.count({ where: { id: roundId } });
    throw new DomainError(exists ? 403 : 404, exists ? "error.403" : "error.404");
  }
  if (!round.resultsFinalisedAt || !round.decision) throw new DomainError(409, "nominations.error.notFinalised");
  const certs = await prisma.certificate.findMany({
    where: { id: { in: ids }, roundId: round.id },
    select: {
      ...certificateFactsSelect,
      prize: true,
      entryId: true,
      entry: { select: { entryCode: true, group: true, commune: true, version: true } },
      establishment: { select: { owner: { select: { name: true, email: true } } } },
    },
    orderBy: { serial: "asc" },
  });
  if (certs.length !== ids.length)
    throw new DomainError(400, "nominations.error.notInRound", undefined, "certificateIds");

  const zip = new JSZip();
  const decisionPdf = await decisionDocument(auth, round.decision.id);
  zip.file(DECISION, decisionPdf.bytes);
  const nominations: NominationItem[] = [];
  for (const c of certs) {
    const frozen = await prisma.entryVersion.findFirst({
      where: { entryId: c.entryId },
      orderBy: { version: "desc" },
      select: { snapshot: true },
    });
    if (!frozen) throw new DomainError(409, "nominations.problem.noDossier", { serial: c.serial });
    const snapshot = frozen.snapshot as unknown as DossierSnapshot;
    const files = await prisma.storedFile.findMany({
      where: { id: { in: snapshot.files.map((f) => f.id) } },
      select: { id: true, kind: true, angle: true, originalName: true, storage: true, storageKey: true },
    });
    const dossierFiles: NominationItem["dossier"]["files"] = [];
    for (const f of snapshot.files) {
      const row = files.find((r) => r.id === f.id);
      const bytes = row ? await storageNamed(row.storage).get(row.storageKey) : null;
      if (!row || !bytes)
        throw new DomainError(409, "exchange.error.fileMissing", { serial: c.serial, name: f.originalName });
      const hash = sha256Hex(bytes);
      const path = `files/${hash}`;
      zip.file(path, bytes);
      dossierFiles.push({
        ...member(path, bytes),
        id: row.id,
        kind: row.kind,
        angle: row.angle,
        originalName: row.originalName,
      });
    }
    const credentialRow = await prisma.certificateCredential.findUnique({
      where: { certificateId: c.id },
      select: { jwt: true },
    });
    let credential: PackageFile | null = null;
    if (credentialRow) {
      const path = `credentials/${c.serial.replace(/[^A-Za-z0-9_-]/g, "_")}.jwt`;
      const bytes = Buffer.from(credentialRow.jwt, "utf8");
      zip.file(path, bytes);
      credential = { path, sha256: sha256Hex(bytes), size: bytes.length, contentType: "application/vc+jwt" };
    }
    const est = snapshot.establishment;
    const p = snapshot.product;
    nominations.push({
      certificate: {
        id: c.id,
        serial: c.serial,
        code: c.code,
        level: c.level,
        jurisdiction: c.jurisdiction,
        year: c.year,
        productName: c.productName,
        productGroup: c.productGroup,
        establishmentName: c.establishmentName,
        establishmentAddress: c.establishmentAddress,
        issuedAt: iso(c.issuedAt),
        validUntil: iso(c.validUntil),
        revokedAt: isoOrNull(c.revokedAt),
        prize: c.prize,
      },
      credential,
      entry: { entryCode: c.entry.entryCode, group: c.entry.group, commune: c.entry.commune },
      owner: { name: c.establishment.owner.name, email: c.establishment.owner.email },
      dossier: {
        establishment: {
          legalForm: est.legalForm,
          name: est.name,
          registrationNumber: est.registrationNumber,
          registrationDate: isoOrNull(est.registrationDate),
          registrationIssuer: est.registrationIssuer,
          commune: est.commune,
          addressLine: est.addressLine,
          phone: est.phone,
          email: est.email,
          legalRepresentative: est.legalRepresentative,
          workforce: est.workforce,
          province: { code: est.province.code, name: est.province.name },
        },
        product: {
          name: p.name,
          group: p.group,
          isSet: p.isSet,
          setItems: p.setItems,
          description: p.description,
          rawMaterials: p.rawMaterials,
          process: p.process,
          annualCapacity: p.annualCapacity,
          markets: p.markets,
          qualityCerts: p.qualityCerts,
          foodSafetyCert: p.foodSafetyCert,
          trademark: p.trademark,
          ocopStars: p.ocopStars,
          ocopCertNumber: p.ocopCertNumber,
          awards: p.awards,
          // Fields added after a snapshot was taken are absent from it: sent as empty.
          businessLines: p.businessLines ?? null,
          workforce: p.workforce ?? null,
          revenue: p.revenue ?? null,
          revenueYear: p.revenueYear ?? null,
          exportShare: p.exportShare ?? null,
        },
        files: dossierFiles,
      },
    });
  }

  const manifest: Manifest = {
    format: PACKAGE_FORMAT,
    version: PACKAGE_VERSION,
    id: crypto.randomUUID(),
    createdAt: iso(now),
    sender: { did: issuerDid(), url: getEnv().appUrl },
    sourceRound: {
      id: round.id,
      name: round.name,
      level: round.level,
      year: round.year,
      province: round.province,
      region: round.region,
      resultsFinalisedAt: iso(round.resultsFinalisedAt),
    },
    decision: {
      number: round.decision.number,
      signedAt: iso(round.decision.signedAt),
      authority: round.decision.authority,
      signerName: round.decision.signerName,
      signerTitle: round.decision.signerTitle,
      file: member(DECISION, decisionPdf.bytes),
    },
    nominations,
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2), "utf8");
  const { jws } = await signManifest(manifestBytes, manifest.id);
  zip.file(MANIFEST, manifestBytes);
  zip.file(SIGNATURE, jws);
  const bytes = await zip.generateAsync({
    type: "nodebuffer",
    compression: "DEFLATE",
    compressionOptions: { level: 6 },
  });
  await audit(prisma, {
    actorId: auth.user.id,
    action: "nomination.package.export",
    entityType: "Round",
    entityId: round.id,
    after: { packageId: manifest.id, serials: certs.map((c) => c.serial), size: bytes.length },
    meta,
  });
  const fileName = `de-cu-${round.year}-${round.id.slice(-6)}-${manifest.id.slice(0, 8)}.zip`;
  return { bytes, fileName, manifest };
}
