// URL /verify/:code/credential.json: the certificate's signed verifiable credential as a JSON
// file (an EnvelopedVerifiableCredential holding the VC-JWT), for a holder to keep and show
// without our server (decision 036). Public like /verify/:code: the code is the capability.
// A certificate imported from another installation (decision 037) is that installation's to sign:
// the answer sends the visitor to its credential there rather than signing one here.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { normaliseVerificationCode } from "~/modules/certificates/codes";
import { credentialFileName, envelope } from "~/modules/credentials/credential";
import { credentialForCode } from "~/modules/credentials/credentials.server";
import { foreignIssuerOfCode } from "~/modules/register/issuers.server";
import { getT } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const raw = (params.code ?? "").trim();
  const code = raw.length <= 40 ? normaliseVerificationCode(raw) : null;
  const issuer = code ? await foreignIssuerOfCode(code) : null;
  if (issuer)
    return new Response(null, {
      status: 302,
      headers: { Location: `${issuer.url}/verify/${code}/credential.json`, "Cache-Control": "public, max-age=3600" },
    });
  const found = code ? await credentialForCode(code) : null;
  if (!found) {
    const t = getT(await getLocale(request));
    return Response.json(
      { error: t("register.verify.notFound", { code: raw.slice(0, 32) }) },
      { status: 404, headers: { "Cache-Control": "public, max-age=60" } },
    );
  }
  return new Response(JSON.stringify(envelope(found.jwt), null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${credentialFileName(found.serial)}"`,
      // The credential never changes once signed; its status lives in the status list.
      "Cache-Control": "public, max-age=3600",
      "Access-Control-Allow-Origin": "*",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
