// URL /admin/rounds/:roundId/samples/:entryId: one sample's record — what a label's QR code
// opens (issue #14, decision 038). For the round's organisers only (signed out: to the log-in;
// an organiser of another jurisdiction: 404; anyone else: 403). Records the receipt (date,
// units, condition, storage, who received it), corrects it, and at the end records the return
// or disposal. POST only; a refused form keeps what was typed.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors, SelectField } from "~/components/forms";
import { canUseAdminArea } from "~/modules/access/permissions";
import { requireAuth } from "~/modules/auth/auth.server";
import { toVnDateTimeInput } from "~/modules/rounds/round-fields";
import { conditionKey, endKey, SAMPLE_CONDITIONS, SAMPLE_ENDS, sampleStatusKey } from "~/modules/samples/samples";
import { getSampleRecord, recordReceipt, recordSampleEnd } from "~/modules/samples/samples.server";
import { ReceiptSchema, SampleEndSchema, SampleParams } from "~/modules/samples/schemas";
import { formatDateTime } from "~/utils/dates";
import { httpError, mapDomainErrors, parseParams, throwForbidden } from "~/utils/http.server";
import { useT } from "~/utils/i18n";
import { pageMeta } from "~/utils/meta";
import { roundForm } from "~/modules/rounds/round-action.server";
import { submitForm } from "~/utils/forms.server";
import { BackLink } from "~/components/back-link";

export const meta = pageMeta<typeof loader>(({ t, data }) => ({
  title: [
    data ? t("samples.record.title", { code: data.entry.code ?? data.entry.receiptNumber ?? "" }) : null,
    data?.round.name,
  ],
}));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canUseAdminArea(auth.roles)) throwForbidden();
  const { roundId, entryId } = parseParams(SampleParams, params, 404);
  return mapDomainErrors(() => getSampleRecord(auth, roundId, entryId));
}

interface ActionReply {
  form: "receive" | "end";
  result: SubmissionResult<string[]>;
}

export async function action(args: ActionFunctionArgs) {
  const { auth, roundId, entryId, formData, intent, meta, t } = await roundForm(args, {
    adminArea: true,
    params: SampleParams,
  });
  const here = `/admin/rounds/${roundId}/samples/${entryId}`;

  if (intent === "receive") {
    return submitForm("receive", formData, ReceiptSchema, t, async (v) => {
      const done = await recordReceipt(auth, roundId, entryId, v, meta);
      return { to: here, toast: { kind: "success", messageKey: "samples.receipt.saved", params: { code: done.code } } };
    });
  }

  if (intent === "end") {
    return submitForm("end", formData, SampleEndSchema, t, async (v) => {
      const done = await recordSampleEnd(auth, roundId, entryId, v, meta);
      return { to: here, toast: { kind: "success", messageKey: "samples.end.saved", params: { code: done.code } } };
    });
  }

  httpError(400, "error.400");
}

type SampleRec = Awaited<ReturnType<typeof loader>>;

export default function SampleRecord() {
  const t = useT();
  const rec = useLoaderData<typeof loader>() as unknown as SampleRec;
  const reply = useActionData<typeof action>() as ActionReply | undefined;
  const { entry, receipt } = rec;
  const code = entry.code ?? entry.receiptNumber ?? "—";
  return (
    <div className="stack-lg">
      <div className="stack">
        <BackLink to={`/admin/rounds/${rec.round.id}/samples`}>{t("samples.page.title")}</BackLink>
        <h1>{t("samples.record.title", { code })}</h1>
        <dl className="facts">
          <div>
            <dt>{t("samples.record.entry")}</dt>
            <dd>
              {entry.productName} · {t("dossier.group", { group: entry.group })} · {t(`entries.status.${entry.status}`)}
            </dd>
          </div>
          <div>
            <dt>{t("samples.col.status")}</dt>
            <dd>
              <strong>{t(sampleStatusKey(rec.status))}</strong>
            </dd>
          </div>
          {receipt ? (
            <>
              <div>
                <dt>{t("samples.receipt.receivedAt")}</dt>
                <dd>{formatDateTime(receipt.receivedAt)}</dd>
              </div>
              <div>
                <dt>{t("samples.receipt.units")}</dt>
                <dd>{receipt.units}</dd>
              </div>
              <div>
                <dt>{t("samples.receipt.condition")}</dt>
                <dd>{t(conditionKey(receipt.condition))}</dd>
              </div>
              <div>
                <dt>{t("samples.receipt.storage")}</dt>
                <dd>{receipt.storage}</dd>
              </div>
              {receipt.note ? (
                <div>
                  <dt>{t("samples.receipt.note")}</dt>
                  <dd className="pre-line">{receipt.note}</dd>
                </div>
              ) : null}
              <div>
                <dt>{t("samples.receipt.receivedBy")}</dt>
                <dd>{receipt.receivedBy ?? "—"}</dd>
              </div>
              {receipt.endAction && receipt.endedAt ? (
                <div>
                  <dt>{t("samples.end.title")}</dt>
                  <dd>
                    {t("samples.end.done", {
                      action: t(endKey(receipt.endAction)),
                      date: formatDateTime(receipt.endedAt),
                    })}
                    {receipt.endNote ? <span className="pre-line"> {receipt.endNote}</span> : null}
                  </dd>
                </div>
              ) : null}
            </>
          ) : null}
          {rec.round.blindJudging ? (
            <div>
              <dt>{t("samples.record.numbers")}</dt>
              <dd>
                {rec.tastingNumbers.length
                  ? rec.tastingNumbers
                      .map(
                        (n) =>
                          `${n.panel ? t("samples.record.panel", { name: n.panel }) : t("samples.record.allPanels")}: ${n.number}`,
                      )
                      .join(" · ")
                  : t("samples.record.noNumbers")}
              </dd>
            </div>
          ) : null}
        </dl>
        {entry.code && rec.settings.required ? (
          <p>
            <a href={`/admin/rounds/${rec.round.id}/samples/labels.pdf?entry=${entry.id}`}>{t("samples.labels.one")}</a>
          </p>
        ) : null}
      </div>
      {!rec.settings.required ? <p className="notice notice-info">{t("samples.record.notRequired")}</p> : null}
      {rec.canReceive ? <ReceiptForm rec={rec} reply={reply?.form === "receive" ? reply : undefined} /> : null}
      {rec.settings.required && !rec.canReceive && !receipt ? (
        <p className="muted">{t("samples.receipt.closed")}</p>
      ) : null}
      {rec.canEnd ? <EndForm reply={reply?.form === "end" ? reply : undefined} /> : null}
      {receipt && !receipt.endAction && !rec.canEnd ? <p className="muted">{t("samples.end.notYet")}</p> : null}
    </div>
  );
}

const nowInput = () => toVnDateTimeInput(new Date());

function ReceiptForm({ rec, reply }: { rec: SampleRec; reply?: ActionReply }) {
  const t = useT();
  const r = rec.receipt;
  const [form, fields] = useForm({
    id: "receive",
    lastResult: reply?.result ?? null,
    constraint: getZodConstraint(ReceiptSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReceiptSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: {
      receivedAt: r ? toVnDateTimeInput(r.receivedAt) : nowInput(),
      units: String(r?.units ?? rec.settings.unitsPerEntry),
      condition: r?.condition ?? "GOOD",
      storage: r?.storage ?? "",
      note: r?.note ?? "",
    },
  });
  return (
    <section className="card stack" aria-labelledby="receive-h">
      <h2 id="receive-h">{r ? t("samples.receipt.correct") : t("samples.receipt.title")}</h2>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="receive" />
        <div className="grid-3">
          <Field label="samples.receipt.receivedAt" meta={fields.receivedAt} type="datetime-local" required />
          <Field
            label="samples.receipt.units"
            meta={fields.units}
            type="number"
            min={1}
            step={1}
            inputMode="numeric"
            required
          />
          <SelectField label="samples.receipt.condition" meta={fields.condition} required>
            {SAMPLE_CONDITIONS.map((c) => (
              <option key={c} value={c}>
                {t(conditionKey(c))}
              </option>
            ))}
          </SelectField>
        </div>
        <Field label="samples.receipt.storage" meta={fields.storage} hint="samples.receipt.storageHint" required />
        <Field label="samples.receipt.note" meta={fields.note} />
        <div>
          <button type="submit" className="button">
            {r ? t("samples.receipt.correct") : t("samples.receipt.save")}
          </button>
        </div>
      </Form>
    </section>
  );
}

function EndForm({ reply }: { reply?: ActionReply }) {
  const t = useT();
  const [form, fields] = useForm({
    id: "end",
    lastResult: reply?.result ?? null,
    constraint: getZodConstraint(SampleEndSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SampleEndSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { action: "", endedAt: nowInput(), note: "" },
  });
  return (
    <section className="card stack" aria-labelledby="end-h">
      <h2 id="end-h">{t("samples.end.title")}</h2>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="end" />
        <div className="grid-3">
          <SelectField label="samples.end.action" meta={fields.action} required>
            <option value="">—</option>
            {SAMPLE_ENDS.map((e) => (
              <option key={e} value={e}>
                {t(endKey(e))}
              </option>
            ))}
          </SelectField>
          <Field label="samples.end.endedAt" meta={fields.endedAt} type="datetime-local" required />
        </div>
        <Field label="samples.end.note" meta={fields.note} />
        <div>
          <button type="submit" className="button">
            {t("samples.end.save")}
          </button>
        </div>
      </Form>
    </section>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
