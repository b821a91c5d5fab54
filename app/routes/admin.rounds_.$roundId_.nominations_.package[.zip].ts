// POST /admin/rounds/:roundId/nominations/package.zip: the signed nomination package (ZIP) of the
// certificates ticked on /admin/rounds/:roundId/nominations/package (decision 037). A resource
// route, so the file goes out as is; a refusal goes back to that page with the reason.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { canManageRounds } from "~/modules/access/permissions";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { buildNominationPackage } from "~/modules/exchange/package-export.server";
import { PACKAGE_TYPE } from "~/modules/exchange/package-format";
import { contentDisposition } from "~/modules/files/headers";
import { RoundParams } from "~/modules/nominations/schemas";
import { formFailure, parseParams, throwForbidden, throwNotFound } from "~/utils/http.server";
import { redirectWithToast } from "~/utils/toast.server";

const PackageSchema = z.object({
  certificateIds: z
    .array(z.string().regex(/^[a-z0-9]{20,40}$/))
    .min(1)
    .max(500),
});

export function loader(_args: LoaderFunctionArgs) {
  return throwNotFound();
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canManageRounds(auth.roles)) throwForbidden();
  const { roundId } = parseParams(RoundParams, params, 404);
  const back = `/admin/rounds/${roundId}/nominations/package`;
  const parsed = PackageSchema.safeParse({ certificateIds: (await request.formData()).getAll("certificateIds") });
  if (!parsed.success) return redirectWithToast(back, { kind: "error", messageKey: "nominations.error.noneSelected" });
  try {
    const built = await buildNominationPackage(
      auth,
      roundId,
      parsed.data.certificateIds,
      requestMeta(request, context),
    );
    return new Response(new Uint8Array(built.bytes), {
      headers: {
        "Content-Type": PACKAGE_TYPE,
        "Content-Disposition": contentDisposition("attachment", built.fileName),
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "X-Package-Id": built.manifest.id,
      },
    });
  } catch (error) {
    const failure = formFailure(error);
    return redirectWithToast(back, { kind: "error", messageKey: failure.messageKey, params: failure.params });
  }
}
