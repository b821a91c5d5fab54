// The installation's signing key on a real database (SQLite, and PostgreSQL with TEST_POSTGRES_URL):
// made once on first use even when many callers race, the same for every caller, kept after a
// rotation for verifying, and taken from SIGNING_KEY when that is set.
import crypto from "node:crypto";
import { CompactSign, compactVerify, importJWK } from "jose";
import { afterEach, describe, expect, test } from "vitest";
import { buildDidDocument, didWebDocumentUrl, didWebFromUrl, keysFromDidDocument } from "./did";
import { activeSigningKey, issuerDid, publicJwks, rotateSigningKey, signingKeyFromEnv } from "./keys.server";
import * as didRoute from "~/routes/[.well-known].did[.json]";
import { createDbClient, prisma } from "~/utils/db.server";

const sign = async (key: Awaited<ReturnType<typeof activeSigningKey>>, text: string) =>
  new CompactSign(new TextEncoder().encode(text))
    .setProtectedHeader({ alg: "EdDSA", kid: key.kid })
    .sign(key.privateKey);

afterEach(() => {
  delete process.env.SIGNING_KEY;
});

describe("signing keys", () => {
  test("the first use makes one key; concurrent callers on separate connections all get it", async () => {
    await prisma.signingKey.deleteMany();
    // Separate clients stand for separate app instances on the one database.
    const clients = [prisma, createDbClient(), createDbClient()];
    try {
      const keys = await Promise.all(clients.flatMap((db) => [activeSigningKey(db), activeSigningKey(db)]));
      expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
      expect(await prisma.signingKey.count()).toBe(1);
      const jws = await sign(keys[0]!, "hello");
      const { payload } = await compactVerify(jws, await importJWK(keys[5]!.publicJwk, "EdDSA"));
      expect(new TextDecoder().decode(payload)).toBe("hello");
    } finally {
      await Promise.all(clients.slice(1).map((c) => c.$disconnect()));
    }
  });

  test("a rotation makes a new active key and keeps the old one's public half for verifying", async () => {
    const before = await activeSigningKey();
    const signedBefore = await sign(before, "old");
    const { kid } = await rotateSigningKey();
    expect(kid).not.toBe(before.kid);
    expect((await activeSigningKey()).kid).toBe(kid);
    const jwks = await publicJwks();
    expect(jwks.map((k) => k.kid)).toEqual(expect.arrayContaining([before.kid, kid]));
    for (const jwk of jwks) expect(jwk).not.toHaveProperty("d");
    const old = jwks.find((k) => k.kid === before.kid)!;
    await expect(compactVerify(signedBefore, await importJWK(old, "EdDSA"))).resolves.toBeTruthy();
    const retired = await prisma.signingKey.findUniqueOrThrow({ where: { kid: before.kid } });
    expect(retired.activeSlot).toBeNull();
    expect(retired.retiredAt).not.toBeNull();
  });

  test("SIGNING_KEY, when set, is the active key and only its public half is stored", async () => {
    const { privateKey } = crypto.generateKeyPairSync("ed25519");
    process.env.SIGNING_KEY = privateKey.export({ format: "pem", type: "pkcs8" }).toString().replace(/\n/g, "\\n");
    const key = await activeSigningKey();
    const row = await prisma.signingKey.findUniqueOrThrow({ where: { kid: key.kid } });
    expect(row.privateKey).toBeNull();
    expect(row.activeSlot).toBe(1);
    expect(await prisma.signingKey.count({ where: { activeSlot: 1 } })).toBe(1);
    await expect(rotateSigningKey()).rejects.toThrow(/SIGNING_KEY is set/);
    process.env.SIGNING_KEY = "not a key";
    expect(() => signingKeyFromEnv()).toThrow(/Ed25519 private key in PKCS#8/);
    const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey;
    process.env.SIGNING_KEY = rsa.export({ format: "der", type: "pkcs8" }).toString("base64");
    expect(() => signingKeyFromEnv()).toThrow(/must be an Ed25519 key/);
    delete process.env.SIGNING_KEY;
    // Back to database keys: the env key's row has no private half, so the operator must act.
    await expect(activeSigningKey()).rejects.toThrow(/came from SIGNING_KEY/);
    await rotateSigningKey();
    expect((await activeSigningKey()).kid).not.toBe(key.kid);
  });

  test("/.well-known/did.json lists every key under the did:web of APP_URL", async () => {
    const response = (await didRoute.loader()) as Response;
    expect(response.headers.get("Content-Type")).toBe("application/did+json");
    const doc = (await response.json()) as ReturnType<typeof buildDidDocument>;
    expect(doc.id).toBe(issuerDid());
    const kids = (await publicJwks()).map((k) => k.kid);
    expect([...keysFromDidDocument(doc, doc.id).values()].map((k) => k.kid)).toEqual(kids);
    expect(doc.assertionMethod).toEqual(kids.map((kid) => `${doc.id}#${kid}`));
  });
});

describe("did:web", () => {
  test("the DID of an address and the address of a DID", () => {
    expect(didWebFromUrl("https://TieuBieu.example.gov.vn/")).toBe("did:web:tieubieu.example.gov.vn");
    expect(didWebFromUrl("http://localhost:3000")).toBe("did:web:localhost%3A3000");
    expect(didWebDocumentUrl("did:web:tieubieu.example.gov.vn")).toBe(
      "https://tieubieu.example.gov.vn/.well-known/did.json",
    );
    expect(didWebDocumentUrl("did:web:localhost%3A3000")).toBe("http://localhost:3000/.well-known/did.json");
    expect(didWebDocumentUrl("did:web:example.vn:issuers:bac-ninh")).toBe(
      "https://example.vn/issuers/bac-ninh/did.json",
    );
    expect(didWebDocumentUrl("did:key:z6Mk")).toBeNull();
  });

  test("keys are taken only from the document of the DID asked for, and only its asserted Ed25519 keys", () => {
    const did = "did:web:a.example";
    const doc = buildDidDocument(did, [
      { kty: "OKP", crv: "Ed25519", x: "AAAA", kid: "k1" },
      { kty: "OKP", crv: "Ed25519", x: "BBBB", kid: "k2" },
    ]);
    expect([...keysFromDidDocument(doc, did).keys()]).toEqual([`${did}#k1`, `${did}#k2`]);
    expect(keysFromDidDocument(doc, "did:web:b.example").size).toBe(0);
    expect(keysFromDidDocument({ ...doc, assertionMethod: [`${did}#k2`] }, did).size).toBe(1);
    expect(keysFromDidDocument(null, did).size).toBe(0);
  });
});
