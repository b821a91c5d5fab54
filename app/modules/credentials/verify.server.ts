// Verifying a certificate's credential without our server (docs/decisions/036): the signature
// with a key of the trusted issuer's DID document, the issuer, the validity dates, and — when the
// status list can be had (downloaded now, or saved earlier) — the revocation bit. Used by
// `npm run verify-credential` and the tests; imports nothing of the app's database or settings.
import { compactVerify, decodeProtectedHeader, importJWK } from "jose";
import type { PublicJwk } from "../signing/did";
import { VC_JWT_TYPE, type CertificateCredential } from "./credential";
import { decodeStatusList, statusBit } from "./status-list.server";

export type VerifyProblem =
  "malformed" | "issuer" | "unknownKey" | "signature" | "notYetValid" | "expired" | "revoked" | "statusList";

export interface VerifyOptions {
  /** The DID whose credentials are accepted (the issuer's did:web). */
  issuer: string;
  /** That issuer's keys by verification method id (<did>#<kid>), from its DID document. */
  keys: Map<string, PublicJwk>;
  now?: Date;
  /** The status list credential (a VC-JWT) at a URL, or null when it cannot be had (offline). */
  statusList?: (url: string) => Promise<string | null>;
}

export type VerifyResult =
  | { ok: true; credential: CertificateCredential; kid: string; status: "active" | "unchecked" }
  | { ok: false; problem: VerifyProblem; reason: string; credential?: CertificateCredential };

const fail = (problem: VerifyProblem, reason: string, credential?: CertificateCredential): VerifyResult => ({
  ok: false,
  problem,
  reason,
  credential,
});

/** A VC-JWT checked against the issuer's keys: its header, key id and signature. The payload only if all hold. */
async function verifiedPayload(
  jwt: string,
  opts: Pick<VerifyOptions, "issuer" | "keys">,
): Promise<{ payload: Record<string, unknown>; kid: string } | VerifyResult> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jwt);
  } catch {
    return fail("malformed", "not a signed credential (VC-JWT) at all");
  }
  if (header.alg !== "EdDSA" && header.alg !== "Ed25519")
    return fail("malformed", `unexpected signature algorithm ${String(header.alg)} (expected EdDSA)`);
  if (header.typ !== VC_JWT_TYPE)
    return fail("malformed", `unexpected type ${String(header.typ)} (expected ${VC_JWT_TYPE})`);
  const kid = typeof header.kid === "string" ? header.kid : "";
  if (!kid.startsWith(`${opts.issuer}#`))
    return fail("unknownKey", `signed with key "${kid || "?"}", which is not a key of ${opts.issuer}`);
  const jwk = opts.keys.get(kid);
  if (!jwk) return fail("unknownKey", `signed with key ${kid}, which ${opts.issuer} does not list`);
  let bytes: Uint8Array;
  try {
    ({ payload: bytes } = await compactVerify(jwt, await importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, "EdDSA")));
  } catch {
    return fail(
      "signature",
      `the signature does not match: the credential was changed after signing, or not signed by ${kid}`,
    );
  }
  try {
    const payload = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    if (!payload || typeof payload !== "object") throw new Error("not an object");
    return { payload: payload as Record<string, unknown>, kid };
  } catch {
    return fail("malformed", "the signed content is not a JSON credential");
  }
}

const issuerId = (issuer: unknown) => (typeof issuer === "string" ? issuer : (issuer as { id?: unknown } | null)?.id);

function dateOf(value: unknown): Date | null {
  if (typeof value !== "string") return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

export async function verifyCredentialJwt(jwt: string, opts: VerifyOptions): Promise<VerifyResult> {
  const now = opts.now ?? new Date();
  const checked = await verifiedPayload(jwt, opts);
  if ("ok" in checked) return checked;
  const credential = checked.payload as unknown as CertificateCredential;
  const types = Array.isArray(credential.type) ? credential.type : [];
  if (!types.includes("VerifiableCredential"))
    return fail("malformed", "the signed content is not a verifiable credential");
  if (issuerId(credential.issuer) !== opts.issuer) {
    return fail("issuer", `issued by ${String(issuerId(credential.issuer))}, not by ${opts.issuer}`, credential);
  }
  const from = dateOf(credential.validFrom);
  const until = dateOf(credential.validUntil);
  if (!from || !until) return fail("malformed", "the credential has no valid validFrom/validUntil dates", credential);
  if (now < from) return fail("notYetValid", `not valid before ${from.toISOString()}`, credential);
  if (now > until) return fail("expired", `expired: it was valid until ${until.toISOString()}`, credential);

  const entry = credential.credentialStatus;
  if (!entry || !opts.statusList) return { ok: true, credential, kid: checked.kid, status: "unchecked" };
  const index = Number(entry.statusListIndex);
  if (
    entry.type !== "BitstringStatusListEntry" ||
    entry.statusPurpose !== "revocation" ||
    !Number.isInteger(index) ||
    typeof entry.statusListCredential !== "string"
  ) {
    return fail("malformed", "the credential's status entry is not a revocation BitstringStatusListEntry", credential);
  }
  const listJwt = await opts.statusList(entry.statusListCredential);
  if (listJwt === null) return { ok: true, credential, kid: checked.kid, status: "unchecked" };
  const revoked = await revocationBit(listJwt, entry.statusListCredential, index, opts);
  if (typeof revoked === "string") return fail("statusList", revoked, credential);
  if (revoked)
    return fail(
      "revoked",
      `revoked by its issuer (status list ${entry.statusListCredential}, index ${index})`,
      credential,
    );
  return { ok: true, credential, kid: checked.kid, status: "active" };
}

/** The credential's bit in a status list credential, itself verified with the same issuer's keys; a string says why it cannot be read. */
export async function revocationBit(
  listJwt: string,
  url: string,
  index: number,
  opts: Pick<VerifyOptions, "issuer" | "keys">,
): Promise<boolean | string> {
  const checked = await verifiedPayload(listJwt.trim(), opts);
  if ("ok" in checked) return `the status list cannot be trusted: ${checked.ok ? "" : checked.reason}`;
  const list = checked.payload as {
    id?: unknown;
    issuer?: unknown;
    type?: unknown;
    credentialSubject?: { statusPurpose?: unknown; encodedList?: unknown };
  };
  if (issuerId(list.issuer) !== opts.issuer) return "the status list is not the issuer's";
  if (list.id !== url) return `the status list is ${String(list.id)}, not ${url}`;
  if (!Array.isArray(list.type) || !list.type.includes("BitstringStatusListCredential"))
    return "the status list is not a BitstringStatusListCredential";
  const subject = list.credentialSubject;
  if (subject?.statusPurpose !== "revocation" || typeof subject.encodedList !== "string")
    return "the status list is not a revocation list";
  try {
    const bit = statusBit(decodeStatusList(subject.encodedList), index);
    return bit ?? `the status list has no index ${index}`;
  } catch {
    return "the status list's bits cannot be decoded";
  }
}
