// URL /admin/rounds/:roundId/sheets/:entryId/:memberId: the council secretary (or an organiser)
// types a judge's paper score sheet. The judge must be assigned the entry and not conflicted;
// the sheet is checked like an online submission and saved as submitted, marked as typed from
// paper with the typist recorded and audited ("sheet.paper"). A sheet the judge already
// submitted is never overwritten.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ScoreSheetForm, sheetFormValues } from "~/components/score-sheet-form";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { formatPoints, lockMessageKey } from "~/modules/judging/sheet-rules";
import { PaperParams, PaperSheetFormSchema, sheetValuesFromForm } from "~/modules/judging/sheet-schemas";
import { enterPaperSheet, getPaperSheet, sheetErrorReply } from "~/modules/judging/sheets.server";
import { formatDateTime } from "~/utils/dates";
import { mapDomainErrors, parseParams } from "~/utils/http.server";
import { getT, useLocale, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { pageMeta } from "~/utils/meta";
import judgingStyles from "~/styles/judging.css?url";
import { BackLink } from "~/components/back-link";

export const meta = pageMeta<typeof loader>(({ t, data }) => ({
  title: [t("sheets.paper.title"), data?.entry.code, data?.round.name],
}));

// The score sheet's bar (total, buttons) is styled with the judge's sheet.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: judgingStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const { roundId, entryId, memberId } = parseParams(PaperParams, params, 404);
  return mapDomainErrors(() => getPaperSheet(auth, roundId, entryId, memberId));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  const { roundId, entryId, memberId } = parseParams(PaperParams, params, 404);
  const locale = await getLocale(request);
  const t = getT(locale);
  const submission = parseWithZod(await request.formData(), { schema: PaperSheetFormSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply(), saved: null, conflict: false }, { status: 400 });
  const { version, comment } = submission.value;
  const { scores, notes } = sheetValuesFromForm(submission.value);
  let saved;
  try {
    saved = await enterPaperSheet(
      auth,
      roundId,
      entryId,
      memberId,
      { version, scores, notes, comment },
      requestMeta(request, context),
    );
  } catch (error) {
    return sheetErrorReply(error, submission, t, locale, roundId);
  }
  return redirectWithToast(`/admin/rounds/${roundId}/sheets`, {
    kind: "success",
    messageKey: "sheets.paper.done",
    params: { points: formatPoints(saved.total, locale) },
  });
}

export default function PaperSheet() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const result = actionData?.result ?? null;
  const typed = result?.initialValue ?? null;
  // A paper sheet starts blank: it replaces the judge's online draft rather than continuing it.
  const initial = sheetFormValues(d.items, null, typed as Record<string, unknown> | null);
  return (
    <div className="stack">
      <BackLink to={`/admin/rounds/${d.round.id}/sheets`}>{t("sheets.progress.title")}</BackLink>
      <h1>{t("sheets.paper.title")}</h1>
      <p className="muted">{d.round.councilName}</p>
      <dl className="facts">
        <div>
          <dt>{t("sheets.col.code")}</dt>
          <dd>
            <strong>{d.entry.code}</strong> — {d.entry.productName} ({t("dossier.group", { group: d.entry.group })})
          </dd>
        </div>
        <div>
          <dt>{t("sheets.paper.judge")}</dt>
          <dd>
            {d.judge.name}
            {d.judge.title ? ` — ${d.judge.title}` : ""}
          </dd>
        </div>
      </dl>
      {d.sheet?.status === "SUBMITTED" ? (
        <div className="notice notice-info" role="status">
          <p>
            {t("sheets.paper.alreadySubmitted")}{" "}
            {t("sheets.submittedAt", {
              date: formatDateTime(d.sheet.submittedAt),
              points: formatPoints(d.totals.total, locale),
            })}
            {d.sheet.onPaper ? ` ${t("sheets.onPaperNote")}` : ""}
          </p>
        </div>
      ) : d.lock ? (
        <div className="notice notice-info" role="status">
          <p>{d.lock === "noRubric" ? t("sheets.error.noRubric") : t(lockMessageKey(d.lock))}</p>
        </div>
      ) : (
        <>
          <p className="hint">{t("sheets.paper.hint")}</p>
          {d.sheet?.status === "DRAFT" ? <p className="notice notice-info">{t("sheets.paper.replacesDraft")}</p> : null}
          <ScoreSheetForm
            key={`${d.sheet?.id ?? "new"}:${d.version}`}
            items={d.items}
            initial={initial}
            version={d.version}
            editable
            mode="paper"
            fieldErrors={result && "error" in result ? result.error : null}
            formErrors={result && "error" in result ? result.error?.[""] : null}
            conflict={actionData?.conflict}
          />
        </>
      )}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
