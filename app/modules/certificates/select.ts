// The facts a certificate states (what is printed on it), as one Prisma select: the producer's
// list of certificates, the printed certificate, the verifiable credential built from it,
// nominations and the nomination package that carries it to another installation all read these
// fields, and add their own.
import type { Prisma } from "~/generated/sqlite/client.ts";

export const certificateFactsSelect = {
  id: true,
  serial: true,
  code: true,
  level: true,
  jurisdiction: true,
  year: true,
  productName: true,
  productGroup: true,
  establishmentName: true,
  establishmentAddress: true,
  issuedAt: true,
  validUntil: true,
  revokedAt: true,
} satisfies Prisma.CertificateSelect;
