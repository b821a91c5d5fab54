// The installation's signing key (docs/decisions/036-verifiable-credentials.md): one Ed25519 key
// signs certificates' verifiable credentials, the revocation status list and nomination packages.
// It is made on first use and kept in the SigningKey table, so every instance on one database
// signs with the same key; the unique index on activeSlot makes "one active key" a database rule,
// and two instances creating it at once end with the one that committed first (the other re-reads).
// A rotation retires the active key but keeps its public half, listed in /.well-known/did.json,
// so what it signed still verifies. Production may keep the private key out of the database by
// setting SIGNING_KEY (a PKCS#8 PEM, or its base64): that key is then the active one and only its
// public half is stored.
import crypto, { type KeyObject } from "node:crypto";
import { calculateJwkThumbprint } from "jose";
import { isUniqueViolation } from "~/utils/db-errors";
import { prisma, type Db, type Tx } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { didWebFromUrl, type PublicJwk } from "./did";

export type { PublicJwk as JWK } from "./did";

const ACTIVE = 1;

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: PublicJwk;
}

type KeyDb = Pick<Tx, "signingKey">;

// Parsed private keys by kid: a PEM is parsed once per process, not at every signature.
const parsed = new Map<string, KeyObject>();

async function publicJwkOf(privateKey: KeyObject): Promise<PublicJwk> {
  const { kty, crv, x } = crypto.createPublicKey(privateKey).export({ format: "jwk" });
  if (kty !== "OKP" || crv !== "Ed25519" || !x) throw new Error("The signing key must be an Ed25519 key");
  const kid = await calculateJwkThumbprint({ kty, crv, x });
  return { kty, crv, x, kid };
}

/** SIGNING_KEY: a PKCS#8 PEM (newlines may be written \n) or the base64 of its DER; null when unset. */
export function signingKeyFromEnv(value: string | undefined = process.env.SIGNING_KEY): KeyObject | null {
  if (!value?.trim()) return null;
  let key: KeyObject;
  try {
    const text = value.trim().replace(/\\n/g, "\n");
    key = text.startsWith("-----BEGIN")
      ? crypto.createPrivateKey({ key: text, format: "pem" })
      : crypto.createPrivateKey({ key: Buffer.from(text, "base64"), format: "der", type: "pkcs8" });
  } catch {
    throw new Error(
      "SIGNING_KEY must be an Ed25519 private key in PKCS#8 (PEM, or base64 of the DER): `openssl genpkey -algorithm ed25519`",
    );
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw new Error("SIGNING_KEY must be an Ed25519 key (`openssl genpkey -algorithm ed25519`)");
  }
  return key;
}

function privateKeyFromPem(kid: string, pem: string): KeyObject {
  let key = parsed.get(kid);
  if (!key) {
    key = crypto.createPrivateKey({ key: pem, format: "pem" });
    parsed.set(kid, key);
  }
  return key;
}

/** The key the environment provides, made the active one in the database (public half only). */
async function activeEnvKey(db: KeyDb, privateKey: KeyObject, now: Date): Promise<SigningKey> {
  const publicJwk = await publicJwkOf(privateKey);
  const { kid } = publicJwk;
  const row = await db.signingKey.findUnique({ where: { kid }, select: { activeSlot: true } });
  if (row?.activeSlot !== ACTIVE) {
    await db.signingKey.updateMany({
      where: { activeSlot: ACTIVE, kid: { not: kid } },
      data: { activeSlot: null, retiredAt: now },
    });
    try {
      if (row) await db.signingKey.update({ where: { kid }, data: { activeSlot: ACTIVE, retiredAt: null } });
      else await db.signingKey.create({ data: { kid, publicJwk: JSON.stringify(publicJwk), activeSlot: ACTIVE } });
    } catch (error) {
      // Another instance with the same SIGNING_KEY did it first.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return { kid, privateKey, publicJwk };
}

/**
 * The key to sign with now: SIGNING_KEY when set, else the database's active key, made on first
 * use. Call it before a transaction, not inside one (a lost creation race would abort it).
 */
export async function activeSigningKey(db: KeyDb = prisma, now: Date = new Date()): Promise<SigningKey> {
  const fromEnv = signingKeyFromEnv();
  if (fromEnv) return activeEnvKey(db, fromEnv, now);
  for (let attempt = 0; attempt < 3; attempt++) {
    const row = await db.signingKey.findUnique({
      where: { activeSlot: ACTIVE },
      select: { kid: true, publicJwk: true, privateKey: true },
    });
    if (row) {
      if (!row.privateKey) {
        throw new Error(
          `The active signing key ${row.kid} came from SIGNING_KEY, which is not set now: set it again, or run a key rotation`,
        );
      }
      return {
        kid: row.kid,
        privateKey: privateKeyFromPem(row.kid, row.privateKey),
        publicJwk: JSON.parse(row.publicJwk) as PublicJwk,
      };
    }
    try {
      await createKey(db, ACTIVE);
    } catch (error) {
      // Another instance made the first key at the same moment: read theirs.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new Error("Could not create or read the active signing key");
}

async function createKey(db: KeyDb, activeSlot: number | null): Promise<string> {
  const { privateKey } = crypto.generateKeyPairSync("ed25519");
  const publicJwk = await publicJwkOf(privateKey);
  const pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  await db.signingKey.create({
    data: { kid: publicJwk.kid, publicJwk: JSON.stringify(publicJwk), privateKey: pem, activeSlot },
  });
  parsed.set(publicJwk.kid, privateKey);
  return publicJwk.kid;
}

/** Every key that may have signed something (active and retired, oldest first), each with its kid. */
export async function publicJwks(db: KeyDb = prisma): Promise<PublicJwk[]> {
  await activeSigningKey(db);
  const rows = await db.signingKey.findMany({
    orderBy: [{ createdAt: "asc" }, { kid: "asc" }],
    select: { kid: true, publicJwk: true },
  });
  return rows.map((row) => ({ ...(JSON.parse(row.publicJwk) as PublicJwk), kid: row.kid }));
}

export interface SigningKeyInfo {
  kid: string;
  active: boolean;
  createdAt: Date;
  retiredAt: Date | null;
  /** Where the private half is: the database, or the SIGNING_KEY variable (only the public half stored). */
  privateKeyIn: "database" | "environment";
}

/** Every key this installation has signed with, oldest first (for operators: `npm run signing-key -- list`). */
export async function listSigningKeys(db: KeyDb = prisma): Promise<SigningKeyInfo[]> {
  const rows = await db.signingKey.findMany({
    orderBy: [{ createdAt: "asc" }, { kid: "asc" }],
    select: { kid: true, activeSlot: true, createdAt: true, retiredAt: true, privateKey: true },
  });
  return rows.map((r) => ({
    kid: r.kid,
    active: r.activeSlot === ACTIVE,
    createdAt: r.createdAt,
    retiredAt: r.retiredAt,
    privateKeyIn: r.privateKey ? "database" : "environment",
  }));
}

/**
 * A new active key; the old one is retired (kept for verifying what it signed). Refused while
 * SIGNING_KEY is set: then the environment decides the key.
 */
export async function rotateSigningKey(db: Db = prisma, now: Date = new Date()): Promise<{ kid: string }> {
  if (signingKeyFromEnv()) throw new Error("SIGNING_KEY is set: rotate by setting it to a new key and restarting");
  const kid = await db.$transaction(async (tx) => {
    await tx.signingKey.updateMany({ where: { activeSlot: ACTIVE }, data: { activeSlot: null, retiredAt: now } });
    return createKey(tx, ACTIVE);
  });
  return { kid };
}

/** did:web:<host>[%3A<port>] of the installation's public address (APP_URL). */
export function issuerDid(appUrl: string = getEnv().appUrl): string {
  return didWebFromUrl(appUrl);
}
