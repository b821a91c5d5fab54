// Certificates' verifiable credentials and the revocation status list (docs/decisions/036).
// A credential is signed when its certificate is issued, in the issuing transaction; a
// certificate issued before credentials existed gets one on first request (download, PDF) or from
// `backfillCredentials` (the seed runs it). Revocation needs no write here: the status list's bits
// are read from the certificates' revokedAt, which the revoking transaction sets, and the signed
// list is cached per register version (revocation raises it), so /verify and the list stay one
// cheap read between register changes.
import crypto from "node:crypto";
import { CompactSign } from "jose";
import type { Prisma } from "~/generated/sqlite/client.ts";
import { certificateFactsSelect } from "~/modules/certificates/select";
import { readRegisterVersion, memoByVersion } from "~/modules/register/version.server";
import { verificationMethodId } from "~/modules/signing/did";
import { activeSigningKey, issuerDid, type SigningKey } from "~/modules/signing/keys.server";
import { itemAt } from "~/utils/arrays";
import { isUniqueViolation } from "~/utils/db-errors";
import { prisma, type Db, type Tx } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { buildCertificateCredential, STATUS_LIST_PATH, STATUS_LIST_SIZE, VC_CONTEXT, VC_JWT_TYPE } from "./credential";
import { encodeStatusList } from "./status-list.server";

const ATTEMPTS = 5;

/** A JSON payload signed as a VC-JWT with the installation's key. */
export async function signVcJwt(payload: object, key: SigningKey, did: string = issuerDid()): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: "EdDSA", typ: VC_JWT_TYPE, cty: "vc", kid: verificationMethodId(did, key.kid) })
    .sign(key.privateKey);
}

const sourceSelect = {
  ...certificateFactsSelect,
  decision: { select: { number: true, signedAt: true, authority: true } },
} satisfies Prisma.CertificateSelect;

/** Status indexes drawn at random among the free ones (a neighbour's bit says nothing about you). */
async function freeStatusIndexes(tx: Tx, count: number): Promise<number[]> {
  const picked = new Set<number>();
  for (let round = 0; picked.size < count; round++) {
    if (round > 20) throw new Error("could not draw free status list indexes");
    const drawn = Array.from({ length: count - picked.size }, () => crypto.randomInt(STATUS_LIST_SIZE)).filter(
      (i) => !picked.has(i),
    );
    const taken = new Set(
      (
        await tx.certificateCredential.findMany({
          where: { statusIndex: { in: drawn } },
          select: { statusIndex: true },
        })
      ).map((c) => c.statusIndex),
    );
    for (const i of drawn) if (!taken.has(i)) picked.add(i);
  }
  return [...picked];
}

/**
 * Signs and stores a credential for each certificate matching `where` that has none, inside the
 * caller's transaction (the key is read before it: see activeSigningKey). Returns how many.
 */
export async function issueCredentialsWithin(
  tx: Tx,
  key: SigningKey,
  where: Prisma.CertificateWhereInput,
): Promise<number> {
  // A certificate mirrored from another installation (decision 037) is its issuer's to sign: a
  // credential signed here would name this installation as the issuer of a recognition it never made.
  const mirrored = (await tx.exchangeSourceRound.findMany({ select: { roundId: true } })).map((r) => r.roundId);
  const certs = await tx.certificate.findMany({
    where: mirrored.length ? { AND: [where, { roundId: { notIn: mirrored } }] } : where,
    select: sourceSelect,
  });
  const have = new Set(
    (
      await tx.certificateCredential.findMany({
        where: { certificateId: { in: certs.map((c) => c.id) } },
        select: { certificateId: true },
      })
    ).map((c) => c.certificateId),
  );
  const missing = certs.filter((c) => !have.has(c.id));
  if (!missing.length) return 0;
  const { appUrl } = getEnv();
  const did = issuerDid(appUrl);
  const indexes = await freeStatusIndexes(tx, missing.length);
  const data = await Promise.all(
    missing.map(async (cert, i) => {
      const statusIndex = itemAt(indexes, i, "status indexes");
      const jwt = await signVcJwt(buildCertificateCredential(cert, { issuer: did, appUrl, statusIndex }), key, did);
      return { certificateId: cert.id, statusIndex, kid: key.kid, jwt };
    }),
  );
  await tx.certificateCredential.createMany({ data });
  // A credential of an already revoked certificate sets a bit in the list: the list's cache
  // (per register version) must not keep serving the list without it.
  if (missing.some((c) => c.revokedAt)) await tx.registerVersion.updateMany({ data: { version: { increment: 1 } } });
  return data.length;
}

/** The credentials (JWTs) of these certificates, signing the missing ones first. */
export async function ensureCredentials(certificateIds: string[], db: Db = prisma): Promise<Map<string, string>> {
  const read = async () =>
    new Map(
      (
        await db.certificateCredential.findMany({
          where: { certificateId: { in: certificateIds } },
          select: { certificateId: true, jwt: true },
        })
      ).map((c) => [c.certificateId, c.jwt]),
    );
  let found = await read();
  if (found.size === new Set(certificateIds).size) return found;
  const key = await activeSigningKey(db);
  for (let attempt = 1; ; attempt++) {
    try {
      await db.$transaction((tx) => issueCredentialsWithin(tx, key, { id: { in: certificateIds } }));
      break;
    } catch (error) {
      // Another request signed the same certificate, or drew the same index, meanwhile.
      if (!isUniqueViolation(error) || attempt >= ATTEMPTS) throw error;
    }
  }
  found = await read();
  return found;
}

/** The credential of the certificate with this verification code; null when there is none. */
export async function credentialForCode(code: string): Promise<{ serial: string; jwt: string } | null> {
  const cert = await prisma.certificate.findUnique({ where: { code }, select: { id: true, serial: true } });
  if (!cert) return null;
  const jwt = (await ensureCredentials([cert.id])).get(cert.id);
  return jwt ? { serial: cert.serial, jwt } : null;
}

/** Credentials for every certificate that has none (older certificates, demo data). Idempotent. */
export async function backfillCredentials(db: Db = prisma): Promise<number> {
  const have = new Set(
    (await db.certificateCredential.findMany({ select: { certificateId: true } })).map((c) => c.certificateId),
  );
  const missing = (await db.certificate.findMany({ select: { id: true }, orderBy: { serial: "asc" } }))
    .map((c) => c.id)
    .filter((id) => !have.has(id));
  for (let i = 0; i < missing.length; i += 200) await ensureCredentials(missing.slice(i, i + 200), db);
  return missing.length;
}

/** The revocation Bitstring Status List credential as it stands, signed. */
async function buildStatusListJwt(db: Db): Promise<string> {
  const { appUrl } = getEnv();
  const did = issuerDid(appUrl);
  const url = `${appUrl}${STATUS_LIST_PATH}`;
  const revoked = await db.certificate.findMany({ where: { revokedAt: { not: null } }, select: { id: true } });
  const indexes = revoked.length
    ? (
        await db.certificateCredential.findMany({
          where: { certificateId: { in: revoked.map((c) => c.id) } },
          select: { statusIndex: true },
        })
      ).map((c) => c.statusIndex)
    : [];
  const credential = {
    "@context": [VC_CONTEXT],
    id: url,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer: did,
    validFrom: new Date().toISOString(),
    credentialSubject: {
      id: `${url}#list`,
      type: "BitstringStatusList",
      statusPurpose: "revocation",
      encodedList: encodeStatusList(indexes, STATUS_LIST_SIZE),
    },
  };
  return signVcJwt(credential, await activeSigningKey(db), did);
}

/** The status list credential, built once per register version (a revocation raises it). */
export async function statusListJwt(db: Db = prisma): Promise<string> {
  return memoByVersion(await readRegisterVersion(db), "credentials", "revocation-status-list", () =>
    buildStatusListJwt(db),
  );
}
