// Signing and checking a nomination package (decision 037). The sender signs the SHA-256 of
// manifest.json with its installation key (modules/signing, decision 036) as a compact JWS
// (EdDSA); the manifest lists the hash of every other file, so one signature covers the package.
// The receiver accepts only senders named in EXCHANGE_TRUSTED_SENDERS, and checks the signature
// against the keys the sender publishes in its did:web document (/.well-known/did.json), which
// keeps retired keys, so a package signed before a key rotation still verifies.
import crypto from "node:crypto";
import { CompactSign, compactVerify, importJWK, decodeProtectedHeader } from "jose";
import { didWebDocumentUrl, keysFromDidDocument, verificationMethodId, type PublicJwk } from "~/modules/signing/did";
import { activeSigningKey, issuerDid } from "~/modules/signing/keys.server";
import { getEnv } from "~/utils/env.server";
import { DomainError } from "~/utils/errors";
import { SignedClaimSchema } from "./package-format";

export const JWS_TYPE = "nomination-package+jws";

export const sha256Hex = (bytes: Uint8Array) => crypto.createHash("sha256").update(bytes).digest("hex");

/** manifest.jws for these manifest bytes, by this installation's active key. */
export async function signManifest(
  manifestBytes: Uint8Array,
  packageId: string,
): Promise<{ jws: string; did: string }> {
  const key = await activeSigningKey();
  const did = issuerDid();
  const claim = { manifestSha256: sha256Hex(manifestBytes), packageId, iss: did };
  const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(claim)))
    .setProtectedHeader({ alg: "EdDSA", typ: JWS_TYPE, kid: verificationMethodId(did, key.kid) })
    .sign(key.privateKey);
  return { jws, did };
}

/** The sender DIDs this installation accepts packages from (EXCHANGE_TRUSTED_SENDERS). */
export function trustedSenders(value: string | undefined = getEnv().EXCHANGE_TRUSTED_SENDERS): Set<string> {
  return new Set((value ?? "").split(/[\s,]+/).filter(Boolean));
}

/** Fetches a did:web document: the sender's published keys, by verification method id. */
export type KeyResolver = (did: string) => Promise<Map<string, PublicJwk>>;

export const resolveDidWebKeys: KeyResolver = async (did) => {
  const url = didWebDocumentUrl(did);
  if (!url) throw new DomainError(400, "exchange.error.notDidWeb", { did });
  let doc: unknown;
  try {
    const response = await fetch(url, {
      headers: { Accept: "application/did+json, application/json" },
      signal: AbortSignal.timeout(15_000),
      redirect: "error",
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    doc = await response.json();
  } catch (error) {
    throw new DomainError(422, "exchange.error.didUnreachable", {
      did,
      url,
      reason: error instanceof Error ? error.message : String(error),
    });
  }
  return keysFromDidDocument(doc, did);
};

/**
 * Checks manifest.jws: a sender on the trust list, a key its DID document publishes, a valid
 * EdDSA signature, and a signed hash equal to the manifest's. Returns the key's id.
 */
export async function verifyManifestSignature(
  jws: string,
  manifestBytes: Uint8Array,
  senderDid: string,
  packageId: string,
  opts: { trusted?: Set<string>; resolve?: KeyResolver } = {},
): Promise<{ kid: string }> {
  const trusted = opts.trusted ?? trustedSenders();
  if (!trusted.has(senderDid)) throw new DomainError(403, "exchange.error.untrustedSender", { did: senderDid });
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    throw new DomainError(400, "exchange.error.badSignature");
  }
  if (header.alg !== "EdDSA" || typeof header.kid !== "string" || !header.kid.startsWith(`${senderDid}#`))
    throw new DomainError(400, "exchange.error.badSignature");
  const keys = await (opts.resolve ?? resolveDidWebKeys)(senderDid);
  const jwk = keys.get(header.kid);
  if (!jwk) throw new DomainError(400, "exchange.error.unknownKey", { kid: header.kid, did: senderDid });
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(jws, await importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, "EdDSA")));
  } catch {
    throw new DomainError(400, "exchange.error.badSignature");
  }
  const claim = SignedClaimSchema.safeParse(JSON.parse(new TextDecoder().decode(payload)));
  if (!claim.success || claim.data.iss !== senderDid || claim.data.packageId !== packageId)
    throw new DomainError(400, "exchange.error.badSignature");
  if (claim.data.manifestSha256 !== sha256Hex(manifestBytes))
    throw new DomainError(400, "exchange.error.manifestChanged");
  return { kid: header.kid };
}
