// URL /producer/monitoring: the yearly confirmation of each certificate the producer's
// establishments hold (issue #14, decision 040): where it stands (not due, open, overdue,
// confirmed), a form to confirm the product is unchanged or report what changed, and the
// confirmations made. Only the owner's certificates are listed and accepted (the service checks).
import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorList, FormErrors } from "~/components/forms";
import { requestMeta } from "~/modules/audit/audit.server";
import { confirmCertificate, listProducerMonitoring } from "~/modules/monitoring/confirmations.server";
import { CHANGE_KINDS } from "~/modules/monitoring/schedule";
import { ConfirmSchema } from "~/modules/monitoring/schemas";
import { requireProducer } from "~/modules/producers/guard.server";
import { formatDate } from "~/utils/dates";
import { replyWithDomainError } from "~/utils/forms.server";
import { getT, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";
import { BackLink } from "~/components/back-link";

export const meta = titleMeta("monitoring.producer.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireProducer(request);
  return { certificates: await listProducerMonitoring(auth) };
}

interface ActionReply {
  form: string;
  result: SubmissionResult<string[]>;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireProducer(request);
  const formData = await request.formData();
  const form = `confirm-${String(formData.get("certificateId") ?? "")}`;
  const submission = parseWithZod(formData, { schema: ConfirmSchema });
  if (submission.status !== "success") return data<ActionReply>({ form, result: submission.reply() }, { status: 400 });
  const v = submission.value;
  try {
    const done = await confirmCertificate(
      auth,
      { certificateId: v.certificateId, changes: v.answer === "changed" ? (v.changes ?? []) : [], note: v.note },
      requestMeta(request, context),
    );
    return redirectWithToast("/producer/monitoring", {
      kind: "success",
      messageKey: done.changed ? "monitoring.confirm.doneChanged" : "monitoring.confirm.done",
      params: { serial: done.serial },
    });
  } catch (error) {
    const reply = replyWithDomainError(error, submission, { t: getT(await getLocale(request)) });
    return data<ActionReply>({ form, result: reply.data.result }, reply.init ?? undefined);
  }
}

type Certificate = ReturnType<typeof useLoaderData<typeof loader>>["certificates"][number];

function ConfirmForm({ cert, lastResult }: { cert: Certificate; lastResult?: SubmissionResult<string[]> }) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: `confirm-${cert.id}`,
    lastResult,
    constraint: getZodConstraint(ConfirmSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ConfirmSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const answer = fields.answer.value ?? fields.answer.initialValue;
  const chosen = new Set([fields.changes.value ?? fields.changes.initialValue ?? []].flat().map(String));
  const note = getTextareaProps(fields.note, { ariaDescribedBy: `${fields.note.id}-hint` });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="certificateId" value={cert.id} />
      <fieldset className="stack">
        <legend>{t("monitoring.confirm.legend")}</legend>
        {(["unchanged", "changed"] as const).map((v) => (
          <label key={v} className="check">
            <input
              type="radio"
              name={fields.answer.name}
              value={v}
              defaultChecked={answer === v}
              required
              aria-describedby={fields.answer.errors ? fields.answer.errorId : undefined}
            />{" "}
            {t(`monitoring.confirm.${v}`)}
          </label>
        ))}
        <ErrorList id={fields.answer.errorId} errors={fields.answer.errors} />
      </fieldset>
      <fieldset className="stack">
        <legend>{t("monitoring.confirm.changes")}</legend>
        {CHANGE_KINDS.map((c) => (
          <label key={c} className="check">
            <input type="checkbox" name={fields.changes.name} value={c} defaultChecked={chosen.has(c)} />{" "}
            {t(`monitoring.change.${c}`)}
          </label>
        ))}
        <ErrorList id={fields.changes.errorId} errors={fields.changes.errors} />
      </fieldset>
      <div className="field">
        <label htmlFor={fields.note.id}>{t("monitoring.confirm.note")}</label>
        <p id={`${fields.note.id}-hint`} className="hint">
          {t("monitoring.confirm.noteHint")}
        </p>
        <textarea {...note} key={note.key} rows={3} />
        <ErrorList id={fields.note.errorId} errors={fields.note.errors} />
      </div>
      <div>
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("monitoring.confirm.submit")}
        </button>
      </div>
    </Form>
  );
}

export default function ProducerMonitoring() {
  const t = useT();
  const { certificates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack">
      <BackLink to="/producer/certificates">{t("certificates.producer.title")}</BackLink>
      <h1>{t("monitoring.producer.title")}</h1>
      <p className="muted">{t("monitoring.producer.intro")}</p>
      {certificates.length === 0 ? (
        <p className="notice notice-info">{t("monitoring.producer.empty")}</p>
      ) : (
        <ul className="card-list">
          {certificates.map((c) => {
            const o = c.obligation;
            const canConfirm = o.state === "open" || o.state === "overdue";
            return (
              <li key={c.id} className="card stack" aria-labelledby={`cert-${c.id}`}>
                <h2 id={`cert-${c.id}`}>
                  {c.productName} <small className="muted">{c.serial}</small>
                </h2>
                <p>
                  <span className={`badge${o.state === "overdue" ? " badge-danger" : ""}`}>
                    {t(`monitoring.state.${o.state}`)}
                  </span>{" "}
                  {canConfirm && o.current
                    ? t("monitoring.producer.due", { period: o.current.period, date: formatDate(o.current.dueAt) })
                    : null}
                  {!canConfirm && o.next
                    ? t("monitoring.producer.nextOpens", { date: formatDate(o.next.opensAt) })
                    : null}
                </p>
                {canConfirm ? (
                  <ConfirmForm
                    cert={c}
                    lastResult={actionData?.form === `confirm-${c.id}` ? actionData.result : undefined}
                  />
                ) : null}
                {c.confirmations.length ? (
                  <section className="stack">
                    <h3 className="h4">{t("monitoring.producer.history")}</h3>
                    <ul>
                      {c.confirmations.map((k) => (
                        <li key={k.period}>
                          {t("monitoring.producer.historyItem", { period: k.period, date: formatDate(k.createdAt) })}:{" "}
                          {k.changes.length
                            ? k.changes.map((x) => t(`monitoring.change.${x}`)).join(", ")
                            : t("monitoring.producer.unchanged")}
                          {k.note ? ` — ${k.note}` : ""}
                        </li>
                      ))}
                    </ul>
                  </section>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
