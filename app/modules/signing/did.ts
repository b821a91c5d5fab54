// The issuer's DID (did:web, https://w3c-ccg.github.io/did-method-web/) and its DID document:
// pure functions shared by the server (/.well-known/did.json) and the offline verifier
// (scripts/verify-credential.ts). See docs/decisions/036-verifiable-credentials.md.

/** A public Ed25519 key as a JWK, always with its key id. */
export interface PublicJwk {
  kty: "OKP";
  crv: "Ed25519";
  x: string;
  kid: string;
  alg?: string;
  use?: string;
}

export interface DidDocument {
  "@context": string[];
  id: string;
  verificationMethod: { id: string; type: "JsonWebKey"; controller: string; publicKeyJwk: PublicJwk }[];
  assertionMethod: string[];
}

/**
 * did:web of an address: the host, with a port written as %3A<port> (the method's rule, since ":"
 * separates path segments). Only the host counts: the document is served at /.well-known/did.json.
 */
export function didWebFromUrl(appUrl: string): string {
  const url = new URL(appUrl);
  const host = url.hostname.toLowerCase();
  return url.port ? `did:web:${host}%3A${url.port}` : `did:web:${host}`;
}

/**
 * The address of a did:web's document. did:web means https; plain http is used only for
 * localhost and 127.0.0.1 (development and tests). Null when the DID is not a did:web.
 */
export function didWebDocumentUrl(did: string): string | null {
  const [, encodedHost, segments] = /^did:web:([^:#?/]+)((?::[^:#?/]+)*)$/.exec(did) ?? [];
  if (!encodedHost) return null;
  const host = decodeURIComponent(encodedHost);
  const path = segments ? segments.split(":").slice(1).map(decodeURIComponent).join("/") : "";
  const hostname = host.replace(/:\d+$/, "");
  const scheme = hostname === "localhost" || hostname === "127.0.0.1" ? "http" : "https";
  return path ? `${scheme}://${host}/${path}/did.json` : `${scheme}://${host}/.well-known/did.json`;
}

/** A key's verification method id: <did>#<kid>. */
export const verificationMethodId = (did: string, kid: string) => `${did}#${kid}`;

/**
 * The DID document: every key, active and retired, as a verification method the issuer asserts
 * with, so a credential signed before a key rotation still verifies after it.
 */
export function buildDidDocument(did: string, jwks: PublicJwk[]): DidDocument {
  const methods = jwks.map((jwk) => ({
    id: verificationMethodId(did, jwk.kid),
    type: "JsonWebKey" as const,
    controller: did,
    publicKeyJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, kid: jwk.kid, alg: "EdDSA", use: "sig" },
  }));
  return {
    "@context": ["https://www.w3.org/ns/did/v1", "https://www.w3.org/ns/cid/v1"],
    id: did,
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
  };
}

/**
 * The public keys a DID document lets `did` sign with: the assertion methods that are its own
 * Ed25519 JWKs. Anything else (another controller, another key type) is ignored.
 */
export function keysFromDidDocument(doc: unknown, did: string): Map<string, PublicJwk> {
  const keys = new Map<string, PublicJwk>();
  if (!doc || typeof doc !== "object") return keys;
  const d = doc as Partial<DidDocument>;
  if (d.id !== did || !Array.isArray(d.verificationMethod)) return keys;
  const asserted = new Set(
    Array.isArray(d.assertionMethod) ? d.assertionMethod.filter((m) => typeof m === "string") : [],
  );
  for (const method of d.verificationMethod) {
    const jwk = method?.publicKeyJwk;
    if (!method || method.controller !== did || !asserted.has(method.id)) continue;
    if (!jwk || jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.x !== "string") continue;
    keys.set(method.id, { kty: "OKP", crv: "Ed25519", x: jwk.x, kid: method.id.slice(did.length + 1) });
  }
  return keys;
}
