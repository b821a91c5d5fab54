// URL /admin/rounds/:roundId/samples: the round's physical samples (issue #14, decision 038), for
// its organisers: the requirements (units, receiving place, deadline), each entry's sample
// status with a link to its record, the label sheet, and in a blind round the draw of tasting
// numbers and the printable serving order. Every write is a POST that works without JavaScript;
// a refused form keeps what was typed.
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors } from "~/components/forms";
import { TableWrap } from "~/components/table-wrap";
import { canUseAdminArea } from "~/modules/access/permissions";
import { requireAuth } from "~/modules/auth/auth.server";
import { toVnDateTimeInput } from "~/modules/rounds/round-fields";
import { RoundIdParam } from "~/modules/rounds/schemas";
import { conditionKey, sampleStatusKey, UNITS_MAX } from "~/modules/samples/samples";
import { drawTasting, getSamplesPage, updateSampleSettings } from "~/modules/samples/samples.server";
import { SampleSettingsSchema } from "~/modules/samples/schemas";
import { formatDateTime } from "~/utils/dates";
import { formFailure, httpError, mapDomainErrors, parseParams, throwForbidden } from "~/utils/http.server";
import { useT, type MessageKey } from "~/utils/i18n";
import { pageMeta } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";
import { roundForm } from "~/modules/rounds/round-action.server";
import { submitForm } from "~/utils/forms.server";
import { BackLink } from "~/components/back-link";

export const meta = pageMeta<typeof loader>(({ t, data }) => ({ title: [t("samples.page.title"), data?.round.name] }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canUseAdminArea(auth.roles)) throwForbidden();
  const { roundId } = parseParams(RoundIdParam, params, 404);
  return mapDomainErrors(() => getSamplesPage(auth, roundId));
}

interface ActionReply {
  form: "settings" | "tasting";
  result?: SubmissionResult<string[]>;
  error?: MessageKey;
}

export async function action(args: ActionFunctionArgs) {
  const { auth, roundId, formData, intent, meta, t } = await roundForm(args, { adminArea: true });
  const here = `/admin/rounds/${roundId}/samples`;

  if (intent === "settings") {
    return submitForm("settings", formData, SampleSettingsSchema, t, async (v) => {
      await updateSampleSettings(
        auth,
        roundId,
        {
          required: v.required,
          unitsPerEntry: v.unitsPerEntry,
          receivingPlace: v.receivingPlace,
          deadline: v.deadline ?? null,
        },
        meta,
      );
      return { to: here, toast: { kind: "success", messageKey: "samples.settings.saved" } };
    });
  }

  if (intent === "draw") {
    try {
      const done = await drawTasting(auth, roundId, meta);
      return redirectWithToast(here, {
        kind: "success",
        messageKey: "samples.tasting.done",
        params: { panels: done.panels, numbers: done.numbers },
      });
    } catch (error) {
      const failure = formFailure(error);
      return data<ActionReply>({ form: "tasting", error: failure.messageKey }, { status: failure.status });
    }
  }

  httpError(400, "error.400");
}

type Page = Awaited<ReturnType<typeof loader>>;

export default function Samples() {
  const t = useT();
  const page = useLoaderData<typeof loader>() as unknown as Page;
  const reply = useActionData<typeof action>() as ActionReply | undefined;
  const { round } = page;
  return (
    <div className="stack-lg">
      <div className="stack">
        <BackLink to={`/admin/rounds/${round.id}`}>{round.name}</BackLink>
        <h1>{t("samples.page.title")}</h1>
        <p className="muted">{t("samples.page.intro")}</p>
      </div>
      <SettingsSection page={page} reply={reply?.form === "settings" ? reply : undefined} />
      {page.settings.required ? (
        <>
          <LabelsSection page={page} />
          <TastingSection page={page} error={reply?.form === "tasting" ? reply.error : undefined} />
          <ListSection page={page} />
        </>
      ) : null}
    </div>
  );
}

function SettingsSection({ page, reply }: { page: Page; reply?: ActionReply }) {
  const t = useT();
  const { settings } = page;
  const [form, fields] = useForm({
    id: "settings",
    lastResult: reply?.result ?? null,
    constraint: getZodConstraint(SampleSettingsSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SampleSettingsSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: {
      required: settings.required ? "on" : undefined,
      unitsPerEntry: String(settings.unitsPerEntry),
      receivingPlace: settings.receivingPlace ?? "",
      deadline: toVnDateTimeInput(settings.deadline),
    },
  });
  return (
    <section className="card stack" aria-labelledby="settings-h">
      <h2 id="settings-h">{t("samples.settings.title")}</h2>
      {settings.required && settings.deadline ? (
        <p>
          {t("samples.settings.summary", {
            units: settings.unitsPerEntry,
            place: settings.receivingPlace ?? "",
            date: formatDateTime(settings.deadline),
          })}
        </p>
      ) : null}
      {page.settingsEditable ? (
        <Form method="post" {...getFormProps(form)} className="stack">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="settings" />
          <div className="field">
            <label htmlFor={fields.required.id}>
              <input {...getInputProps(fields.required, { type: "checkbox" })} key={fields.required.key} />{" "}
              {t("samples.settings.required")}
            </label>
          </div>
          <div className="grid-3">
            <Field
              label="samples.settings.units"
              meta={fields.unitsPerEntry}
              type="number"
              min={1}
              max={UNITS_MAX}
              step={1}
              inputMode="numeric"
            />
            <Field label="samples.settings.place" meta={fields.receivingPlace} />
            <Field label="samples.settings.deadline" meta={fields.deadline} type="datetime-local" />
          </div>
          <p className="hint">{t("samples.settings.lockedNote")}</p>
          <div>
            <button type="submit" className="button">
              {t("samples.settings.save")}
            </button>
          </div>
        </Form>
      ) : !settings.required ? (
        <p>{t("samples.settings.off")}</p>
      ) : (
        <p className="hint">{t("samples.settings.lockedNote")}</p>
      )}
    </section>
  );
}

function LabelsSection({ page }: { page: Page }) {
  const t = useT();
  return (
    <section className="card stack" aria-labelledby="labels-h">
      <h2 id="labels-h">{t("samples.labels.title")}</h2>
      <p className="hint">{t("samples.labels.hint")}</p>
      {page.counts.labelled ? (
        <p>
          <a className="button button-secondary" href={`/admin/rounds/${page.round.id}/samples/labels.pdf`}>
            {t("samples.labels.all")}
          </a>
        </p>
      ) : (
        <p className="muted">{t("samples.labels.none")}</p>
      )}
    </section>
  );
}

function TastingSection({ page, error }: { page: Page; error?: MessageKey }) {
  const t = useT();
  const { tasting } = page;
  return (
    <section className="card stack" aria-labelledby="tasting-h">
      <h2 id="tasting-h">{t("samples.tasting.title")}</h2>
      {!page.round.blindJudging ? (
        <p>{t("samples.tasting.notBlind")}</p>
      ) : (
        <>
          <p className="hint">{t("samples.tasting.intro")}</p>
          {error ? (
            <div className="notice notice-error" role="alert">
              <p>{t(error)}</p>
            </div>
          ) : null}
          <p>
            {tasting.drawnAt
              ? t("samples.tasting.drawn", { numbers: tasting.numbers, date: formatDateTime(tasting.drawnAt) })
              : t("samples.tasting.notDrawn")}
          </p>
          {tasting.canDraw ? (
            <Form method="post">
              <input type="hidden" name="intent" value="draw" />
              <button type="submit" className="button">
                {tasting.drawnAt ? t("samples.tasting.redraw") : t("samples.tasting.draw")}
              </button>
            </Form>
          ) : (
            <p className="muted">{t("samples.tasting.cannotDraw")}</p>
          )}
          {tasting.drawnAt ? (
            <p>
              <a href={`/admin/rounds/${page.round.id}/samples/tasting.pdf`}>{t("samples.tasting.print")}</a>
            </p>
          ) : null}
          {tasting.drawnAt && tasting.panels.length ? (
            <ul className="inline-list">
              {tasting.panels.map((p) => (
                <li key={p.key}>
                  <a href={`/admin/rounds/${page.round.id}/samples/labels.pdf?panel=${p.key}`}>
                    {p.name ? t("samples.tasting.panelLabels", { panel: p.name }) : t("samples.tasting.labels")}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </section>
  );
}

function ListSection({ page }: { page: Page }) {
  const t = useT();
  return (
    <section className="stack" aria-labelledby="list-h">
      <h2 id="list-h">{t("samples.list.title")}</h2>
      <p>{t("samples.list.counts", { received: page.counts.received, awaiting: page.counts.awaiting })}</p>
      {page.rows.length === 0 ? (
        <p className="muted">{t("samples.list.none")}</p>
      ) : (
        <TableWrap label={t("samples.list.title")}>
          <table>
            <caption className="sr-only">{t("samples.list.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("samples.col.code")}</th>
                <th scope="col">{t("samples.col.product")}</th>
                <th scope="col">{t("samples.col.group")}</th>
                <th scope="col">{t("samples.col.status")}</th>
                <th scope="col">{t("samples.col.receipt")}</th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((r) => {
                const name = r.code ?? r.receiptNumber ?? "—";
                return (
                  <tr key={r.entryId}>
                    <td>
                      <strong>{name}</strong>
                    </td>
                    <td>{r.productName}</td>
                    <td>{r.group}</td>
                    <td>{t(sampleStatusKey(r.status))}</td>
                    <td>
                      {r.receipt
                        ? t("samples.list.receivedOn", {
                            date: formatDateTime(r.receipt.receivedAt),
                            units: r.receipt.units,
                            condition: t(conditionKey(r.receipt.condition)),
                          })
                        : "—"}
                    </td>
                    <td>
                      <Link
                        to={`/admin/rounds/${page.round.id}/samples/${r.entryId}`}
                        className="button button-small button-secondary"
                      >
                        {t("samples.list.open")}
                        <span className="sr-only"> {name}</span>
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
