import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { pendingOnboarding } from "~/modules/producers/onboarding.server";
import { OnboardingSteps } from "~/modules/producers/onboarding-steps";
import { z } from "zod";
import { DossierView } from "~/components/dossier-view";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { producerVisitDate } from "~/modules/visits/visits.server";
import { getMyEntryComplaints } from "~/modules/complaints/complaints.server";
import { LODGE_REFUSAL } from "~/modules/complaints/rules";
import {
  acceptsEntries,
  DossierIncompleteError,
  entryChecklist,
  getMyEntry,
  producerMove,
} from "~/modules/entries/entries.server";
import { availableMoves, type EntryStatusName, type RoundStatusName } from "~/modules/entries/entry-state";
import { IdParam } from "~/modules/entries/schemas";
import { checklistLabel, type Checklist } from "~/modules/producers/dossier";
import { FormItemNote } from "~/modules/producers/form-item-note";
import { formatDateTime } from "~/utils/dates";
import { formFailure, mapDomainErrors, parseParams } from "~/utils/http.server";
import { useLocale, useT, type MessageKey } from "~/utils/i18n";
import { redirectWithToast } from "~/utils/toast.server";
import { pageMeta } from "~/utils/meta";
import { getProducerSample } from "~/modules/samples/samples.server";
import { ProducerSampleStatus } from "~/modules/samples/sample-status";
import { BackLink } from "~/components/back-link";

const Params = z.object({ entryId: IdParam });
const Intent = z.object({ intent: z.enum(["submit", "withdraw"]), confirmed: z.literal("yes").optional() });

export const meta = pageMeta<typeof loader>(({ t, data }) => ({
  title: [data?.entry.product.name, t("entries.producer.title"), data?.entry.round.name],
}));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const { entryId } = parseParams(Params, params, 404);
  const entry = await mapDomainErrors(() => getMyEntry(auth, entryId));
  const { files, checklist } = await entryChecklist(entry);
  const moves = availableMoves({
    actor: "producer",
    status: entry.status as EntryStatusName,
    roundStatus: entry.round.status as RoundStatusName,
    acceptsEntries: acceptsEntries(entry.round),
  });
  // The official result once finalised, the complaint period and the producer's complaints (issue #5).
  const complaints = entry.status === "ACCEPTED" ? await getMyEntryComplaints(auth, entry.id) : null;
  const onboarding = await pendingOnboarding(auth.user.id);
  const sample = entry.status === "DRAFT" ? null : await mapDomainErrors(() => getProducerSample(auth, entry.id));
  // Of a site visit the producer learns the date only (decision 039).
  const visitDate = entry.status === "ACCEPTED" ? await producerVisitDate(auth, entry.id) : null;
  return {
    entry,
    files,
    checklist,
    moves,
    result: complaints?.round.resultsFinalisedAt ? complaints : null,
    onboarding,
    sample,
    visitDate,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  const { entryId } = parseParams(Params, params, 404);
  const parsed = Intent.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: "error.400" as MessageKey, checklist: null }, { status: 400 });
  // Withdrawing cannot be undone: the first press only asks (the same with or without JavaScript).
  if (parsed.data.intent === "withdraw" && !parsed.data.confirmed)
    return { error: null, checklist: null, confirmWithdraw: true };
  try {
    await producerMove(auth, entryId, parsed.data.intent, requestMeta(request, context));
  } catch (error) {
    if (error instanceof DossierIncompleteError) {
      return data({ error: error.messageKey, checklist: error.checklist as Checklist | null }, { status: 400 });
    }
    const failure = formFailure(error);
    return data({ error: failure.messageKey, checklist: null }, { status: failure.status });
  }
  return redirectWithToast(`/producer/entries/${entryId}`, {
    kind: "success",
    messageKey: parsed.data.intent === "submit" ? "entries.producer.submitted" : "entries.producer.withdrawn",
  });
}

export default function MyEntry() {
  const t = useT();
  const { entry, files, checklist, moves, result, onboarding, sample, visitDate } = useLoaderData<typeof loader>();
  const num = new Intl.NumberFormat(useLocale() === "en" ? "en-GB" : "vi-VN", { maximumFractionDigits: 2 });
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const shownChecklist = actionData?.checklist ?? checklist;
  const confirmWithdraw = !!actionData && "confirmWithdraw" in actionData && actionData.confirmWithdraw;
  const editable = entry.status === "DRAFT" || entry.status === "RETURNED";
  return (
    <div className="stack">
      <BackLink to="/producer/entries">{t("entries.producer.title")}</BackLink>
      <h1>{entry.product.name}</h1>
      {onboarding ? <OnboardingSteps walk={onboarding} /> : null}
      {visitDate ? (
        <p className="notice notice-info">{t("visits.producer.date", { date: formatDateTime(visitDate) })}</p>
      ) : null}
      <p>
        {t("entries.field.round")}: {entry.round.name}
        <br />
        <span className="badge">{t(`entries.status.${entry.status}`)}</span>
        {entry.receiptNumber ? (
          <>
            {" "}
            {t("entries.field.receipt")}: <strong>{entry.receiptNumber}</strong>
          </>
        ) : null}
        {entry.entryCode ? (
          <>
            {" "}
            · {t("entries.field.code")}: <strong>{entry.entryCode}</strong>
          </>
        ) : null}
      </p>
      {entry.status === "DRAFT" ? (
        <p>{t("entries.producer.deadline", { date: formatDateTime(entry.round.entriesCloseAt) })}</p>
      ) : null}
      {actionData?.error ? (
        <div className="notice notice-error" role="alert">
          {t(actionData.error)}
        </div>
      ) : null}

      {editable ? (
        <section className="card" aria-labelledby="checklist-h">
          <h2 id="checklist-h">{t("entries.producer.checklist")}</h2>
          <ul className="checklist">
            {shownChecklist.items.map((item) => {
              const label = checklistLabel(item);
              return (
                <li key={item.key} className={item.ok ? "ok" : "missing"}>
                  <span aria-hidden="true">{item.ok ? "✔" : "✘"}</span> {t(label.key, label.params)}{" "}
                  <span className="sr-only">
                    {item.ok ? t("entries.producer.done") : t("entries.producer.missing")}
                  </span>
                  <FormItemNote item={item} />
                </li>
              );
            })}
          </ul>
          <p>
            <Link to={`/producer/products/${entry.product.id}`}>{t("entries.producer.editProduct")}</Link>
          </p>
        </section>
      ) : null}

      <ProducerSampleStatus sample={sample} />

      {moves.length ? (
        <div className="actions">
          {moves.includes("submit") ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="submit" />
              <button type="submit" className="button" disabled={navigation.state === "submitting"}>
                {entry.status === "RETURNED" ? t("entries.producer.resubmit") : t("entries.producer.submit")}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}

      {/* The destructive step sits apart from submitting, looks secondary and asks before it acts. */}
      {moves.includes("withdraw") ? (
        <section className="danger-zone stack" aria-labelledby="withdraw-h">
          <h2 id="withdraw-h">{t("entries.producer.withdraw")}</h2>
          {confirmWithdraw ? (
            <div className="notice notice-error stack" role="alert">
              <p>{t("entries.producer.withdrawConfirm")}</p>
              <Form method="post" className="actions">
                <input type="hidden" name="intent" value="withdraw" />
                <input type="hidden" name="confirmed" value="yes" />
                <button type="submit" className="button button-danger" disabled={navigation.state === "submitting"}>
                  {t("entries.producer.withdrawConfirmButton")}
                </button>{" "}
                <Link to={`/producer/entries/${entry.id}`} className="button button-secondary" replace>
                  {t("entries.producer.withdrawKeep")}
                </Link>
              </Form>
            </div>
          ) : (
            <>
              <p className="muted">{t("entries.producer.withdrawHint")}</p>
              <Form method="post">
                <input type="hidden" name="intent" value="withdraw" />
                <button type="submit" className="link-button danger-link">
                  {t("entries.producer.withdrawAsk")}
                </button>
              </Form>
            </>
          )}
        </section>
      ) : null}

      {result ? (
        <section className="card stack" aria-labelledby="result-h">
          <h2 id="result-h">{t("complaints.entry.title")}</h2>
          <p className="muted">
            {t("complaints.entry.finalisedAt", { date: formatDateTime(result.round.resultsFinalisedAt) })}
          </p>
          <dl className="facts">
            <dt>{t("complaints.result.score")}</dt>
            <dd>{result.outcome?.finalScore == null ? "—" : num.format(result.outcome.finalScore)}</dd>
            <dt>{t("complaints.result.passed")}</dt>
            <dd>
              {t(result.outcome?.finalPassed ? "complaints.result.passedYes" : "complaints.result.passedNo", {
                line: num.format(result.round.passLine),
              })}
            </dd>
            <dt>{t("complaints.result.recognised")}</dt>
            <dd>
              <strong>
                {t(result.outcome?.recognised ? "complaints.result.recognisedYes" : "complaints.result.recognisedNo")}
              </strong>
            </dd>
            <dt>{t("complaints.period.label")}</dt>
            <dd>
              {result.round.complaintsUntil
                ? t("complaints.period.until", { date: formatDateTime(result.round.complaintsUntil) })
                : t("complaints.period.notSet")}
            </dd>
          </dl>
          {result.certificate?.revokedAt ? (
            <p className="notice notice-info">
              {t("complaints.entry.certificateRevoked", {
                serial: result.certificate.serial,
                reason: result.certificate.revokedReason ?? "",
              })}
            </p>
          ) : null}
          {result.state === "open" ? (
            <p>
              <Link className="button button-secondary" to={`/producer/entries/${entry.id}/complaint`}>
                {t("complaints.entry.lodge")}
              </Link>
            </p>
          ) : result.state === "alreadyOpen" || result.state === "closed" ? (
            <p className="hint">
              {t(LODGE_REFUSAL[result.state], { date: formatDateTime(result.round.complaintsUntil) })}
            </p>
          ) : null}
          {result.complaints.length ? (
            <>
              <h3>{t("complaints.entry.mine")}</h3>
              <ul className="card-list">
                {result.complaints.map((c) => (
                  <li key={c.id} className="card stack">
                    <p>
                      <span className="badge">
                        {t(`complaints.status.${c.status as "OPEN" | "UPHELD" | "DISMISSED"}`)}
                      </span>{" "}
                      <span className="muted">
                        {t("complaints.entry.lodgedAt", { date: formatDateTime(c.createdAt) })}
                      </span>
                    </p>
                    <p className="pre-line">{c.text}</p>
                    {c.decidedAt ? (
                      <div>
                        <h4>{t("complaints.entry.decision", { date: formatDateTime(c.decidedAt) })}</h4>
                        <p className="pre-line">{c.decision}</p>
                      </div>
                    ) : (
                      <p className="muted">{t("complaints.entry.waiting")}</p>
                    )}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      <DossierView entry={entry} files={files} />
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
