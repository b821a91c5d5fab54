// The issuer's DID document for did:web (docs/decisions/036): every public signing key, active
// and retired, so credentials and packages signed before a rotation still verify.
import { buildDidDocument } from "~/modules/signing/did";
import { issuerDid, publicJwks } from "~/modules/signing/keys.server";

export async function loader() {
  const doc = buildDidDocument(issuerDid(), await publicJwks());
  return new Response(JSON.stringify(doc, null, 2), {
    headers: {
      "Content-Type": "application/did+json",
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
