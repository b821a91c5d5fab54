// Certificates as signed, portable verifiable credentials (issue #15, decision 036).
import type { credentials as vi } from "../vi/credentials";

export const credentials: Record<keyof typeof vi, string> = {
  "certificates.pdf.credentialFile":
    "Signed digital credential of certificate {serial} (W3C Verifiable Credential), verifiable offline.",
  "credentials.verify.heading": "Digital credential",
  "credentials.verify.intro":
    "Download the signed digital credential (W3C Verifiable Credential) to prove the product's recognition without this page; the same file is attached to the certificate's PDF.",
  "credentials.verify.download": "Download the digital credential (JSON)",
  "credentials.verify.issuer": "The issuer's public keys",
};
