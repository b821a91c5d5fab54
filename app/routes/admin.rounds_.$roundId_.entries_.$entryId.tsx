import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ConfirmButton } from "~/components/confirm-button";
import { DossierView } from "~/components/dossier-view";
import { FormErrors } from "~/components/forms";
import { canUseAdminArea } from "~/modules/access/permissions";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { dossierFiles, getEntryForOrganiser, screenEntry } from "~/modules/entries/entries.server";
import { availableMoves, type EntryStatusName, type RoundStatusName } from "~/modules/entries/entry-state";
import { IdParam, ScreenSchema } from "~/modules/entries/schemas";
import { BLIND_HIDDEN_KINDS } from "~/modules/judging/blind";
import { FileVisibilitySchema } from "~/modules/judging/sheet-schemas";
import { judgeFileVisibility, setFileHiddenFromJudges } from "~/modules/judging/sheets.server";
import { formatDate, formatDateTime } from "~/utils/dates";
import { formFailure, mapDomainErrors, parseParams, throwForbidden } from "~/utils/http.server";
import { useT, type MessageKey } from "~/utils/i18n";
import { redirectWithToast } from "~/utils/toast.server";
import { pageMeta } from "~/utils/meta";
import { BackLink } from "~/components/back-link";

const Params = z.object({ roundId: IdParam, entryId: IdParam });

export const meta = pageMeta<typeof loader>(({ t, data }) => ({
  title: [data?.entry.product.name, t("screening.title"), data?.entry.round.name],
}));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canUseAdminArea(auth.roles)) throwForbidden();
  const { roundId, entryId } = parseParams(Params, params, 404);
  const { entry, dossier, frozenAt } = await mapDomainErrors(() => getEntryForOrganiser(auth, entryId, roundId));
  // Organisers screen the frozen version; the live copy is only a fallback for old data.
  const files = dossier ? dossier.files : await dossierFiles(entry);
  const moves = availableMoves({
    actor: "organiser",
    status: entry.status as EntryStatusName,
    roundStatus: entry.round.status as RoundStatusName,
    acceptsEntries: false,
  });
  // Blind judging: which of these files judges cannot open (organisers toggle it below).
  const judges = await judgeFileVisibility(
    entry.round.id,
    files.map((f) => f.id),
  );
  return {
    judges,
    entry: dossier
      ? {
          ...entry,
          product: { ...entry.product, ...dossier.product },
          establishment: { ...entry.establishment, ...dossier.establishment },
        }
      : entry,
    files,
    moves,
    frozenAt,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canUseAdminArea(auth.roles)) throwForbidden();
  const { roundId, entryId } = parseParams(Params, params, 404);
  const formData = await request.formData();
  if (formData.get("intent") === "fileVisibility") {
    // "Ẩn với giám khảo": organisers of the round only (checked by the service), audited.
    const { fileId, hidden } = parseParams(FileVisibilitySchema, Object.fromEntries(formData));
    await mapDomainErrors(() =>
      setFileHiddenFromJudges(auth, roundId, entryId, fileId, hidden, requestMeta(request, context)),
    );
    return redirectWithToast(`/admin/rounds/${roundId}/entries/${entryId}`, {
      kind: "success",
      messageKey: hidden ? "sheets.files.hidden" : "sheets.files.shown",
    });
  }
  const submission = parseWithZod(formData, { schema: ScreenSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const v = submission.value;
  try {
    const result = await screenEntry(
      auth,
      entryId,
      v.intent,
      "reason" in v ? v.reason : null,
      requestMeta(request, context),
      roundId,
    );
    return redirectWithToast(`/admin/rounds/${roundId}/entries/${entryId}`, {
      kind: "success",
      messageKey: `screening.done.${v.intent}`,
      params: { code: result.entryCode ?? "" },
    });
  } catch (error) {
    const failure = formFailure(error);
    return data({ result: submission.reply({ formErrors: [failure.messageKey] }) }, { status: failure.status });
  }
}

export default function ScreenEntry() {
  const t = useT();
  const { entry, files, moves, frozenAt, judges } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const formErrors = actionData?.result && "error" in actionData.result ? actionData.result.error?.[""] : undefined;
  const reasonErrors = actionData?.result && "error" in actionData.result ? actionData.result.error?.reason : undefined;
  const typedReason = actionData?.result?.initialValue?.reason;
  return (
    <div className="stack">
      <BackLink to={`/admin/rounds/${entry.round.id}/entries`}>{t("screening.title")}</BackLink>
      <h1>{entry.product.name}</h1>
      <p>
        <span className="badge">{t(`entries.status.${entry.status}`)}</span>{" "}
        {entry.entryCode ? (
          <>
            {t("entries.field.code")}: <strong>{entry.entryCode}</strong>
          </>
        ) : null}{" "}
        {entry.receiptNumber ? (
          <span className="muted">
            {t("entries.field.receipt")}: {entry.receiptNumber} · {t("entries.field.version")}: {entry.version}
          </span>
        ) : null}
      </p>
      {frozenAt ? (
        <p className="muted">{t("screening.frozenAt", { version: entry.version, date: formatDateTime(frozenAt) })}</p>
      ) : null}
      {entry.nominatedFrom ? (
        <p>
          <span className="badge">{t("nominations.fromBadge")}</span>{" "}
          {t("nominations.from", {
            serial: entry.nominatedFrom.serial,
            jurisdiction: entry.nominatedFrom.jurisdiction,
            year: entry.nominatedFrom.year,
            decision: entry.nominatedFrom.decision.number,
            date: formatDate(entry.nominatedFrom.decision.signedAt),
          })}
        </p>
      ) : null}
      <FormErrors errors={formErrors} />
      {moves.length ? (
        <section className="card stack" aria-labelledby="decide-h">
          <h2 id="decide-h">{t("screening.decide")}</h2>
          {moves.includes("accept") ? (
            <Form method="post">
              <input type="hidden" name="intent" value="accept" />
              <ConfirmButton className="button" confirmText={t("screening.acceptConfirm")}>
                {t("screening.accept")}
              </ConfirmButton>
            </Form>
          ) : null}
          {moves.includes("return") || moves.includes("reject") ? (
            <Form method="post" className="stack">
              <div className="field">
                <label htmlFor="reason">{t("screening.reason")}</label>
                <p id="reason-hint" className="hint">
                  {t("screening.reasonHint")}
                </p>
                <textarea
                  id="reason"
                  name="reason"
                  rows={4}
                  maxLength={2000}
                  defaultValue={typeof typedReason === "string" ? typedReason : ""}
                  aria-describedby="reason-hint"
                  aria-invalid={reasonErrors ? true : undefined}
                />
                {reasonErrors ? (
                  <ul className="field-errors" role="alert">
                    {reasonErrors.map((e) => (
                      <li key={e}>{t("entries.error.reasonRequired")}</li>
                    ))}
                  </ul>
                ) : null}
              </div>
              <p className="actions">
                {moves.includes("return") ? (
                  <button type="submit" name="intent" value="return" className="button button-secondary">
                    {t("screening.return")}
                  </button>
                ) : null}{" "}
                {moves.includes("reject") ? (
                  <button type="submit" name="intent" value="reject" className="button button-danger">
                    {t("screening.reject")}
                  </button>
                ) : null}
              </p>
            </Form>
          ) : null}
        </section>
      ) : null}
      <DossierView entry={entry} files={files} />
      <JudgeVisibility files={files} judges={judges} />
    </div>
  );
}

/** Per file: whether judges may open it (blind judging), with a toggle for the organiser. */
function JudgeVisibility({
  files,
  judges,
}: {
  files: Array<{ id: string; kind: string; originalName: string }>;
  judges: { blind: boolean; hidden: Record<string, boolean> };
}) {
  const t = useT();
  if (!files.length) return null;
  return (
    <section className="card stack" aria-labelledby="judge-files-h">
      <h2 id="judge-files-h">{t("sheets.files.title")}</h2>
      <p className="hint">{t(judges.blind ? "sheets.files.hintBlind" : "sheets.files.hintOpen")}</p>
      <ul className="stack">
        {files.map((f) => {
          const always = judges.blind && (BLIND_HIDDEN_KINDS as readonly string[]).includes(f.kind);
          const hidden = !!judges.hidden[f.id];
          return (
            <li key={f.id}>
              <span>
                {t(`dossier.kind.${f.kind}` as MessageKey)} — {f.originalName}:{" "}
                <strong>
                  {always
                    ? t("sheets.files.alwaysHidden")
                    : hidden
                      ? t("sheets.files.isHidden")
                      : t("sheets.files.isVisible")}
                </strong>
              </span>{" "}
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="fileVisibility" />
                <input type="hidden" name="fileId" value={f.id} />
                <input type="hidden" name="hidden" value={hidden ? "false" : "true"} />
                <button type="submit" className="button button-small button-secondary">
                  {hidden ? t("sheets.files.show") : t("sheets.files.hide")}
                </button>
              </Form>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
