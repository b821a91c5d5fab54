// URL /admin/rounds/:roundId/nominations/package: when the higher-tier round is held on another
// installation, the organiser of a finalised round downloads a signed nomination package (ZIP) of
// the certificates ticked (issue #15, decision 037), to send to that round's organiser, who
// imports it there. The form posts to the resource route package[.zip], which answers with the
// file (or comes back here with the reason); works without JavaScript.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { certificateColumns } from "~/components/certificate-columns";
import { DataTable, EmptyState, type Column } from "~/components/data-table";
import { canManageRounds } from "~/modules/access/permissions";
import { requireAuth } from "~/modules/auth/auth.server";
import { nominationCandidates } from "~/modules/nominations/nominations.server";
import { RoundParams } from "~/modules/nominations/schemas";
import { mapDomainErrors, parseParams, throwForbidden } from "~/utils/http.server";
import { useT } from "~/utils/i18n";
import { pageMeta } from "~/utils/meta";
import { BackLink } from "~/components/back-link";

export const meta = pageMeta<typeof loader>(({ t, data }) => ({
  title: [t("exchange.package.title"), data?.round.name],
}));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canManageRounds(auth.roles)) throwForbidden();
  const { roundId } = parseParams(RoundParams, params, 404);
  const { round, certificates } = await mapDomainErrors(() => nominationCandidates(auth, roundId));
  return {
    round,
    certificates: certificates.map(
      ({ id, serial, productName, productGroup, establishmentName, status, validUntil }) => ({
        id,
        serial,
        productName,
        productGroup,
        establishmentName,
        status,
        validUntil,
      }),
    ),
  };
}

type Certificate = ReturnType<typeof useLoaderData<typeof loader>>["certificates"][number];

export default function NominationPackage() {
  const t = useT();
  const { round, certificates } = useLoaderData<typeof loader>();
  // On a phone each certificate is a card (decision 043); the label around the box is the tap target.
  const columns: Column<Certificate>[] = [
    {
      key: "select",
      header: t("nominations.col.select"),
      half: true,
      className: "cell-check",
      cell: (c) => (
        <label>
          <input type="checkbox" name="certificateIds" value={c.id} disabled={c.status === "revoked"} />
          <span className="sr-only">
            {t("exchange.package.selectLabel", { serial: c.serial, product: c.productName })}
          </span>
        </label>
      ),
    },
    ...certificateColumns<Certificate>(t),
  ];
  return (
    <div className="stack">
      <BackLink to={`/admin/rounds/${round.id}/nominations`}>{t("nominations.title")}</BackLink>
      <h1>{t("exchange.package.title")}</h1>
      <p>{t("exchange.package.intro")}</p>
      {certificates.length === 0 ? (
        <EmptyState>{t("nominations.noCertificates")}</EmptyState>
      ) : (
        <Form
          method="post"
          action={`/admin/rounds/${round.id}/nominations/package.zip`}
          reloadDocument
          className="stack"
        >
          <DataTable
            columns={columns}
            rows={certificates}
            rowKey={(c) => c.id}
            caption={t("nominations.certificates")}
            hideCaption
          />
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
