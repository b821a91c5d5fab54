// URL /credentials/status/revocation: the W3C Bitstring Status List credential (a VC-JWT) that
// says which certificates' credentials are revoked (decision 036). Built once per register
// version; verifiers (the offline CLI among them) fetch it, or keep a saved copy.
import { statusListJwt } from "~/modules/credentials/credentials.server";

export async function loader() {
  return new Response(await statusListJwt(), {
    headers: {
      "Content-Type": "application/vc+jwt",
      "Cache-Control": "public, max-age=60",
      "Access-Control-Allow-Origin": "*",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
