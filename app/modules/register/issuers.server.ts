// Which installation issued a certificate. Certificates imported with a nomination package
// (decision 037) are mirrored here as an archived round recorded in ExchangeSourceRound with the
// sender's did:web; the public register, the product page and /verify say so, naming the issuing
// installation by its DID's host, and point to its own /verify page (the authoritative one).
import { didWebDocumentUrl } from "~/modules/signing/did";
import { prisma, type Db } from "~/utils/db.server";

export interface ForeignIssuer {
  did: string;
  /** The issuing installation's host (with its port, if any): "tieubieu.bacgiang.gov.vn". */
  host: string;
  /** Its public address, where its /verify pages are. */
  url: string;
}

/** The installation behind a did:web; null for anything else. */
export function foreignIssuer(did: string): ForeignIssuer | null {
  const documentUrl = didWebDocumentUrl(did);
  if (!documentUrl) return null;
  const url = new URL(documentUrl);
  return { did, host: url.host, url: url.origin };
}

/** The issuing installation of each mirrored round among these rounds (by local round id). */
export async function foreignIssuers(
  roundIds: string[],
  db: Pick<Db, "exchangeSourceRound"> = prisma,
): Promise<Map<string, ForeignIssuer>> {
  const ids = [...new Set(roundIds)];
  if (!ids.length) return new Map();
  const rows = await db.exchangeSourceRound.findMany({
    where: { roundId: { in: ids } },
    select: { roundId: true, senderDid: true },
  });
  const found = new Map<string, ForeignIssuer>();
  for (const row of rows) {
    const issuer = foreignIssuer(row.senderDid);
    if (issuer) found.set(row.roundId, issuer);
  }
  return found;
}

/** The issuing installation of the certificate with this verification code, when it is another one. */
export async function foreignIssuerOfCode(
  code: string,
  db: Pick<Db, "certificate" | "exchangeSourceRound"> = prisma,
): Promise<ForeignIssuer | null> {
  const cert = await db.certificate.findUnique({ where: { code }, select: { roundId: true } });
  if (!cert) return null;
  return (await foreignIssuers([cert.roundId], db)).get(cert.roundId) ?? null;
}
