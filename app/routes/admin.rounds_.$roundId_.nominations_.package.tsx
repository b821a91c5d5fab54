// URL /admin/rounds/:roundId/nominations/package: when the higher-tier round is held on another
// installation, the organiser of a finalised round downloads a signed nomination package (ZIP) of
// the certificates ticked (issue #15, decision 037), to send to that round's organiser, who
// imports it there. A POST form that answers with the file; works without JavaScript.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormErrors } from "~/components/forms";
import { TableWrap } from "~/components/table-wrap";
import { contentDisposition } from "~/modules/files/headers";
import { canManageRounds } from "~/modules/access/permissions";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { buildNominationPackage } from "~/modules/exchange/package-export.server";
import { PACKAGE_TYPE } from "~/modules/exchange/package-format";
import { nominationCandidates } from "~/modules/nominations/nominations.server";
import { RoundParams } from "~/modules/nominations/schemas";
import { formatDate } from "~/utils/dates";
import { formFailure, mapDomainErrors, parseParams, throwForbidden } from "~/utils/http.server";
import { useT } from "~/utils/i18n";
import { pageMeta } from "~/utils/meta";

const PackageSchema = z.object({
  certificateIds: z
    .array(z.string().regex(/^[a-z0-9]{20,40}$/, "nominations.error.noneSelected"), { error: "nominations.error.noneSelected" })
    .min(1, "nominations.error.noneSelected")
    .max(500, "nominations.error.noneSelected"),
});

export const meta = pageMeta<typeof loader>(({ t, data }) => ({ title: [t("exchange.package.title"), data?.round.name] }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canManageRounds(auth.roles)) throwForbidden();
  const { roundId } = parseParams(RoundParams, params, 404);
  const { round, certificates } = await mapDomainErrors(() => nominationCandidates(auth, roundId));
  return { round, certificates: certificates.map(({ id, serial, productName, productGroup, establishmentName, status, validUntil }) => ({ id, serial, productName, productGroup, establishmentName, status, validUntil })) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canManageRounds(auth.roles)) throwForbidden();
  const { roundId } = parseParams(RoundParams, params, 404);
  const submission = parseWithZod(await request.formData(), { schema: PackageSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    const built = await buildNominationPackage(auth, roundId, submission.value.certificateIds, requestMeta(request, context));
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
    return data({ result: submission.reply({ formErrors: [failure.messageKey] }) }, { status: failure.status });
  }
}

export default function NominationPackage() {
  const t = useT();
  const { round, certificates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const result = actionData?.result;
  const errors = result && "error" in result ? [...(result.error?.[""] ?? []), ...(result.error?.certificateIds ?? [])] : undefined;
  return (
    <div className="stack">
      <p>
        <Link to={`/admin/rounds/${round.id}/nominations`}>← {t("nominations.title")}</Link>
      </p>
      <h1>{t("exchange.package.title")}</h1>
      <p>{t("exchange.package.intro")}</p>
      <FormErrors errors={errors} />
      {certificates.length === 0 ? (
        <p className="muted">{t("nominations.noCertificates")}</p>
      ) : (
        <Form method="post" reloadDocument className="stack">
          <TableWrap label={t("nominations.certificates")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("nominations.col.select")}</th>
                  <th scope="col">{t("nominations.col.serial")}</th>
                  <th scope="col">{t("nominations.col.product")}</th>
                  <th scope="col">{t("nominations.col.group")}</th>
                  <th scope="col">{t("nominations.col.establishment")}</th>
                  <th scope="col">{t("nominations.col.status")}</th>
                </tr>
              </thead>
              <tbody>
                {certificates.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <input type="checkbox" id={`pkg-${c.id}`} name="certificateIds" value={c.id} disabled={c.status === "revoked"} />
                      <label htmlFor={`pkg-${c.id}`} className="sr-only">
                        {t("exchange.package.selectLabel", { serial: c.serial, product: c.productName })}
                      </label>
                    </td>
                    <td>{c.serial}</td>
                    <td>{c.productName}</td>
                    <td>{c.productGroup}</td>
                    <td>{c.establishmentName}</td>
                    <td>
                      <span className="badge">
                        {c.status === "revoked" ? t("nominations.certStatus.revoked") : t(`nominations.certStatus.${c.status}`, { date: formatDate(c.validUntil) })}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <p className="actions">
            <button type="submit" className="button">
              {t("exchange.package.download")}
            </button>
          </p>
        </Form>
      )}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
