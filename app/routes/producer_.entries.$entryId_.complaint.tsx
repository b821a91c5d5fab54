// URL /producer/entries/:entryId/complaint: the producer lodges a complaint (khiếu nại) about
// their entry's official result, within the period the organiser set for the round (issue #5).
// The page shows the result complained about, the period and why lodging is not possible when it
// is not. The form works without JavaScript; a refused text comes back as typed.
import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorList, FormErrors, RequiredMark } from "~/components/forms";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { getMyEntryComplaints, lodgeComplaint } from "~/modules/complaints/complaints.server";
import { LODGE_REFUSAL, TEXT_MAX, TEXT_MIN } from "~/modules/complaints/rules";
import { EntryIdParam, LodgeSchema } from "~/modules/complaints/schemas";
import { formatDateTime } from "~/utils/dates";
import { invalid, replyWithDomainError } from "~/utils/forms.server";
import { mapDomainErrors, parseParams } from "~/utils/http.server";
import { getT, useLocale, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { pageMeta } from "~/utils/meta";
import { BackLink } from "~/components/back-link";

export const meta = pageMeta<typeof loader>(({ t, data }) => ({
  title: [t("complaints.lodge.title"), data?.entry.productName, data?.round.name],
}));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const { entryId } = parseParams(EntryIdParam, params, 404);
  return mapDomainErrors(() => getMyEntryComplaints(auth, entryId));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  const { entryId } = parseParams(EntryIdParam, params, 404);
  const submission = parseWithZod(await request.formData(), { schema: LodgeSchema });
  if (submission.status !== "success") return invalid(submission);
  try {
    await lodgeComplaint(auth, entryId, submission.value.text, requestMeta(request, context));
  } catch (error) {
    return replyWithDomainError(error, submission, { t: getT(await getLocale(request)) });
  }
  return redirectWithToast(`/producer/entries/${entryId}`, { kind: "success", messageKey: "complaints.lodge.done" });
}

export default function LodgeComplaint() {
  const t = useT();
  const locale = useLocale();
  const { entry, round, outcome, state } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "complaint",
    lastResult: actionData?.result,
    constraint: getZodConstraint(LodgeSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LodgeSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const num = new Intl.NumberFormat(locale === "en" ? "en-GB" : "vi-VN", { maximumFractionDigits: 2 });
  const text = getTextareaProps(fields.text, { ariaDescribedBy: `${fields.text.id}-hint` });

  return (
    <div className="stack-lg">
      <BackLink to={`/producer/entries/${entry.id}`}>{entry.productName}</BackLink>
      <div className="stack">
        <h1>{t("complaints.lodge.title")}</h1>
        <p className="muted">{round.name}</p>
      </div>

      <section className="card stack" aria-labelledby="result-h">
        <h2 id="result-h" className="h3">
          {t("complaints.result.title")}
        </h2>
        <dl className="facts">
          <dt>{t("complaints.col.code")}</dt>
          <dd>{entry.code ?? "—"}</dd>
          <dt>{t("complaints.col.product")}</dt>
          <dd>{entry.productName}</dd>
          <dt>{t("complaints.result.score")}</dt>
          <dd>
            {outcome?.finalScore === null || outcome?.finalScore === undefined ? "—" : num.format(outcome.finalScore)}
          </dd>
          <dt>{t("complaints.result.passed")}</dt>
          <dd>
            {outcome?.finalPassed === true
              ? t("complaints.result.passedYes", { line: num.format(round.passLine) })
              : outcome?.finalPassed === false
                ? t("complaints.result.passedNo", { line: num.format(round.passLine) })
                : "—"}
          </dd>
          <dt>{t("complaints.result.recognised")}</dt>
          <dd>
            {outcome?.recognised === true ? t("complaints.result.recognisedYes") : t("complaints.result.recognisedNo")}
          </dd>
          <dt>{t("complaints.period.label")}</dt>
          <dd>
            {round.complaintsUntil
              ? t("complaints.period.until", { date: formatDateTime(round.complaintsUntil) })
              : t("complaints.period.notSet")}
          </dd>
        </dl>
      </section>

      {state === "open" ? (
        <Form method="post" {...getFormProps(form)} className="card stack" aria-labelledby="lodge-h">
          <h2 id="lodge-h" className="h3">
            {t("complaints.lodge.formTitle")}
          </h2>
          <p>{t("complaints.lodge.intro")}</p>
          <FormErrors id={form.errorId} errors={form.errors} />
          <div className="field">
            <label htmlFor={fields.text.id}>
              {t("complaints.lodge.text")}
              <RequiredMark />
            </label>
            <p id={`${fields.text.id}-hint`} className="hint">
              {t("complaints.lodge.textHint", { min: TEXT_MIN, max: TEXT_MAX })}
            </p>
            <textarea {...text} key={text.key} rows={8} required />
            <ErrorList id={fields.text.errorId} errors={fields.text.errors} />
          </div>
          <div>
            <button type="submit" className="button" disabled={navigation.state === "submitting"}>
              {t("complaints.lodge.submit")}
            </button>
          </div>
        </Form>
      ) : (
        <div className="notice notice-info stack" role="status">
          <p>{t(LODGE_REFUSAL[state], { date: formatDateTime(round.complaintsUntil) })}</p>
          <p>
            <Link to={`/producer/entries/${entry.id}`}>{t("complaints.lodge.back")}</Link>
          </p>
        </div>
      )}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
