// URL /admin/rounds/:roundId/package-import: the organiser of an open higher-tier round imports a
// nomination package (ZIP) made by a province's own installation (issue #15, decision 037). One
// multipart POST form, works without JavaScript; every refusal says why and nothing is written.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors } from "~/components/forms";
import { canManageRounds } from "~/modules/access/permissions";
import { managedRoundsWhere } from "~/modules/access/round-scope";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { PACKAGE_MAX_MB } from "~/modules/exchange/package-format";
import { importNominationPackage } from "~/modules/exchange/package-import.server";
import { trustedSenders } from "~/modules/exchange/package-signature.server";
import { readOneUpload } from "~/modules/exchange/upload.server";
import { NominationRefusedError } from "~/modules/nominations/nominations.server";
import { RoundParams } from "~/modules/nominations/schemas";
import { prisma } from "~/utils/db.server";
import { formFailure, parseParams, throwForbidden, throwNotFound } from "~/utils/http.server";
import { useT, type MessageKey, type TranslateParams } from "~/utils/i18n";
import { pageMeta } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";
import { BackLink } from "~/components/back-link";

export const meta = pageMeta<typeof loader>(({ t, data }) => ({
  title: [t("exchange.import.title"), data?.round.name],
}));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canManageRounds(auth.roles)) throwForbidden();
  const { roundId } = parseParams(RoundParams, params, 404);
  const round = await prisma.round.findFirst({
    where: { AND: [{ id: roundId }, managedRoundsWhere(auth.roles)] },
    select: { id: true, name: true },
  });
  if (!round) throwNotFound();
  return { round: round!, trusted: [...trustedSenders()] };
}

interface Reason {
  messageKey: MessageKey;
  params?: TranslateParams;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canManageRounds(auth.roles)) throwForbidden();
  const { roundId } = parseParams(RoundParams, params, 404);
  try {
    const { bytes } = await readOneUpload(request, "package", PACKAGE_MAX_MB);
    if (!bytes)
      return data(
        { reasons: [{ messageKey: "exchange.error.fileRequired" }] as Reason[], refused: false },
        { status: 400 },
      );
    const done = await importNominationPackage(auth, roundId, bytes, requestMeta(request, context));
    const unchecked = done.statusChecks.filter((c) => c.source === "manifest").length;
    return redirectWithToast(`/admin/rounds/${roundId}/entries?status=SUBMITTED`, {
      kind: unchecked ? "info" : "success",
      messageKey: done.already
        ? "exchange.import.already"
        : unchecked
          ? "exchange.import.doneStatusFromManifest"
          : "exchange.import.done",
      params: { count: done.entries.length, sender: done.sender, round: done.target.name, unchecked },
    });
  } catch (error) {
    if (error instanceof NominationRefusedError) {
      return data(
        { reasons: error.refusals.map((r) => ({ messageKey: r.messageKey, params: r.params })), refused: true },
        { status: error.status },
      );
    }
    const failure = formFailure(error);
    return data(
      { reasons: [{ messageKey: failure.messageKey, params: failure.params }] as Reason[], refused: true },
      { status: failure.status },
    );
  }
}

export default function PackageImport() {
  const t = useT();
  const { round, trusted } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack">
      <BackLink to={`/admin/rounds/${round.id}`}>{round.name}</BackLink>
      <h1>{t("exchange.import.title")}</h1>
      <p>{t("exchange.import.intro")}</p>
      <p className={trusted.length ? "muted" : "notice notice-info"}>
        {trusted.length ? t("exchange.import.trusted", { list: trusted.join(", ") }) : t("exchange.import.noneTrusted")}
      </p>
      {actionData?.refused ? (
        <div className="notice notice-error" role="alert">
          <p>{t("exchange.import.refused")}</p>
          <ul>
            {actionData.reasons.map((r, i) => (
              <li key={i}>{t(r.messageKey, r.params)}</li>
            ))}
          </ul>
        </div>
      ) : (
        <FormErrors errors={actionData?.reasons.map((r) => t(r.messageKey, r.params))} />
      )}
      <Form method="post" encType="multipart/form-data" className="card stack">
        <div className="field">
          <label htmlFor="package">{t("exchange.import.file")}</label>
          <input id="package" name="package" type="file" accept=".zip,application/zip" required />
        </div>
        <p className="actions">
          <button type="submit" className="button">
            {t("exchange.import.submit")}
          </button>
        </p>
      </Form>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
