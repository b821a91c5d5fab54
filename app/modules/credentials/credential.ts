// A certificate as a W3C Verifiable Credential (Data Model 2.0) in the Open Badges 3.0
// vocabulary: an OpenBadgeCredential whose achievement is "outstanding rural industrial product"
// at the certificate's level and year, secured as a VC-JWT (VC-JOSE-COSE: the JWT's payload is
// the credential itself, typ vc+jwt, signed EdDSA with the installation's key). Pure: what goes
// in is plain data, so the server that issues and the offline verifier read the same shapes.
// See docs/decisions/036-verifiable-credentials.md.

import { vnDay } from "~/utils/date-range";

export const VC_CONTEXT = "https://www.w3.org/ns/credentials/v2";
export const OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
export const VC_JWT_TYPE = "vc+jwt";
/** Bits in the revocation list: the Bitstring Status List's minimum (16 KiB), for herd privacy. */
export const STATUS_LIST_SIZE = 131_072;
/** The path of the revocation status list credential. */
export const STATUS_LIST_PATH = "/credentials/status/revocation";

export interface CredentialSource {
  serial: string;
  code: string;
  level: string;
  jurisdiction: string;
  year: number;
  productName: string;
  productGroup: string;
  establishmentName: string;
  establishmentAddress: string;
  issuedAt: Date;
  validUntil: Date;
  decision: { number: string; signedAt: Date; authority: string };
}

export interface CertificateCredential {
  "@context": string[];
  id: string;
  type: string[];
  issuer: { id: string; type: string[]; name: string; url: string };
  name: string;
  validFrom: string;
  validUntil: string;
  credentialSubject: {
    type: string[];
    name: string;
    address: string;
    product: { name: string; group: string };
    achievement: {
      id: string;
      type: string[];
      achievementType: string;
      name: string;
      description: string;
      criteria: { narrative: string };
    };
  };
  evidence: { id: string; type: string[]; name: string; narrative: string }[];
  credentialStatus: {
    id: string;
    type: "BitstringStatusListEntry";
    statusPurpose: "revocation";
    statusListIndex: string;
    statusListCredential: string;
  };
  serial: string;
}

/** "Sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh Bắc Ninh năm 2024" */
export function achievementName(jurisdiction: string, year: number): string {
  return `Sản phẩm công nghiệp nông thôn tiêu biểu ${jurisdiction} năm ${year}`;
}

export function buildCertificateCredential(
  cert: CredentialSource,
  opts: { issuer: string; appUrl: string; statusIndex: number },
): CertificateCredential {
  const verifyUrl = `${opts.appUrl}/verify/${cert.code}`;
  const statusList = `${opts.appUrl}${STATUS_LIST_PATH}`;
  const name = achievementName(cert.jurisdiction, cert.year);
  return {
    "@context": [VC_CONTEXT, OB_CONTEXT],
    id: verifyUrl,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer: { id: opts.issuer, type: ["Profile"], name: cert.decision.authority, url: opts.appUrl },
    name: `Giấy chứng nhận ${cert.serial}: ${name}`,
    validFrom: cert.issuedAt.toISOString(),
    validUntil: cert.validUntil.toISOString(),
    credentialSubject: {
      type: ["AchievementSubject"],
      name: cert.establishmentName,
      address: cert.establishmentAddress,
      product: { name: cert.productName, group: cert.productGroup },
      achievement: {
        id: `${opts.appUrl}/credentials/achievements/${cert.level.toLowerCase()}-${cert.year}#${encodeURIComponent(cert.jurisdiction)}`,
        type: ["Achievement"],
        achievementType: "Award",
        name,
        description: `Công nhận ${cert.productName} của ${cert.establishmentName} là ${name.charAt(0).toLowerCase()}${name.slice(1)}.`,
        criteria: {
          narrative:
            "Bình chọn theo Thông tư 14/2018/TT-BCT; giấy chứng nhận có hiệu lực đến hết ngày 31/12 của năm thứ tư kể từ năm cấp.",
        },
      },
    },
    evidence: [
      {
        id: verifyUrl,
        type: ["Evidence"],
        name: `Quyết định ${cert.decision.number}`,
        narrative: `Quyết định công nhận số ${cert.decision.number} ngày ${vnDay(cert.decision.signedAt)} của ${cert.decision.authority}.`,
      },
    ],
    credentialStatus: {
      id: `${statusList}#${opts.statusIndex}`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: String(opts.statusIndex),
      statusListCredential: statusList,
    },
    serial: cert.serial,
  };
}

/**
 * The credential as a JSON file (VC Data Model 2.0 "enveloped" form): the signed JWT inside a
 * data: URL, so the download and the PDF attachment are JSON while the signature covers exactly
 * the JWT's bytes.
 */
export function envelope(jwt: string) {
  return { "@context": VC_CONTEXT, id: `data:application/vc+jwt,${jwt}`, type: "EnvelopedVerifiableCredential" };
}

/** The JWT in a file's text: a bare compact JWT, or an EnvelopedVerifiableCredential JSON. Null otherwise. */
export function jwtFromText(text: string): string | null {
  const trimmed = text.trim();
  if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(trimmed)) return trimmed;
  try {
    const json = JSON.parse(trimmed) as { type?: unknown; id?: unknown };
    const prefix = "data:application/vc+jwt,";
    if (json.type === "EnvelopedVerifiableCredential" && typeof json.id === "string" && json.id.startsWith(prefix)) {
      return jwtFromText(json.id.slice(prefix.length));
    }
  } catch {
    // not JSON
  }
  return null;
}

/** The credential's file name: "chung-nhan-GCN-BN-2024-0007.vc.json". */
export function credentialFileName(serial: string): string {
  return `chung-nhan-${serial.replace(/[^\p{L}\p{N}._-]+/gu, "-")}.vc.json`;
}
