// URL /judge/rounds/:roundId/entries/:entryId: a judge scores one entry. The score sheet comes
// first (on a phone the first number is on the first screen; the total, the save state and the
// buttons stay in a bar at the bottom), the dossier (frozen version, filtered for blind judging)
// one tap away below it; side by side on a wide screen, dossier on the left. Only entries of
// the judge's queue open (requireJudgeEntry: 403 conflicted or unassigned, 404 unknown); a judge
// who has not confirmed the declaration is sent to it. Saves are POSTs with the sheet version
// the page was rendered with (see app/modules/judging/sheets.server.ts). At a blind tasting the
// judge scores the sample by its tasting number: no entry code, no dossier (decision 046).
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ScoreSheetForm, sheetFormValues } from "~/components/score-sheet-form";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { neutralFileName } from "~/modules/files/neutral-name";
import { skipAfterAutosave } from "~/modules/judging/autosave";
import { PRODUCT_FIELDS } from "~/modules/judging/blind";
import { declarationPath, getJudgeSheet, saveSheet, sheetErrorReply } from "~/modules/judging/sheets.server";
import { formatPoints, lockMessageKey } from "~/modules/judging/sheet-rules";
import {
  SheetFormSchema,
  SheetParams,
  sheetValuesFromForm,
  sheetWriterFromForm,
} from "~/modules/judging/sheet-schemas";
import { VisitLinks } from "~/modules/visits/visit-link";
import { reportedVisitsOfEntry } from "~/modules/visits/visits.server";
import { formatDateTime } from "~/utils/dates";
import { isDomainError } from "~/utils/errors";
import { parseParams, throwHttpError } from "~/utils/http.server";
import { getT, useLocale, useT, type MessageKey } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { pageMeta } from "~/utils/meta";
import { getJudgeSample } from "~/modules/samples/samples.server";
import { JudgeSampleStatus } from "~/modules/samples/sample-status";
import judgingStyles from "~/styles/judging.css?url";
import { BackLink } from "~/components/back-link";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: judgingStyles }];

const FIELD_LABELS: Record<(typeof PRODUCT_FIELDS)[number], MessageKey> = {
  description: "dossier.description",
  rawMaterials: "dossier.rawMaterials",
  process: "dossier.process",
  annualCapacity: "dossier.annualCapacity",
  markets: "dossier.markets",
  qualityCerts: "dossier.qualityCerts",
  ocopStars: "dossier.ocopStars",
  awards: "dossier.awards",
  trademark: "dossier.trademark",
  foodSafetyCert: "dossier.foodSafetyCert",
  ocopCertNumber: "dossier.ocopCertNumber",
};

/** "Phiếu chấm BN-2026-B-001", or at a blind tasting "Phiếu chấm mẫu nếm số 123" (no entry code). */
const sheetTitle = (t: ReturnType<typeof useT>, entry: { code: string | null; tastingNumber: number | null }) =>
  entry.tastingNumber !== null
    ? t("samples.sheet.title", { number: entry.tastingNumber })
    : t("sheets.sheet.title", { code: entry.code ?? "" });

export const meta = pageMeta<typeof loader>(({ t, data }) => ({
  title: [data ? sheetTitle(t, data.entry) : null, data?.round.name],
}));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const { roundId, entryId } = parseParams(SheetParams, params, 404);
  try {
    const sheet = await getJudgeSheet(auth, roundId, entryId);
    // The second pass re-scores after site visits: the sheet links to every reported one (decision 039).
    const visits = sheet.round.currentPass > 1 ? await reportedVisitsOfEntry(auth, entryId) : [];
    return { ...sheet, sample: await getJudgeSample(auth, roundId, entryId), visits };
  } catch (error) {
    if (isDomainError(error, "declaration_required")) throw redirect(declarationPath(roundId));
    throwHttpError(error);
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  const { roundId, entryId } = parseParams(SheetParams, params, 404);
  const locale = await getLocale(request);
  const t = getT(locale);
  const submission = parseWithZod(await request.formData(), { schema: SheetFormSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply(), saved: null, conflict: false }, { status: 400 });
  const { intent, version, comment } = submission.value;
  const { scores, notes } = sheetValuesFromForm(submission.value);
  const writer = sheetWriterFromForm(submission.value);
  let saved;
  try {
    saved = await saveSheet(
      auth,
      roundId,
      entryId,
      { intent, version, scores, notes, comment, writer },
      requestMeta(request, context),
    );
  } catch (error) {
    return sheetErrorReply(error, submission, t, locale, roundId);
  }
  if (intent === "autosave") {
    return data({
      result: null,
      saved: { version: saved.version, savedAtLabel: saved.savedAtLabel, total: saved.total },
      conflict: false,
    });
  }
  if (intent === "submit") {
    return redirectWithToast(`/judge/rounds/${roundId}?tab=submitted`, {
      kind: "success",
      messageKey: "sheets.done.submitted",
      params: { points: formatPoints(saved.total, locale) },
    });
  }
  return redirectWithToast(`/judge/rounds/${roundId}/entries/${entryId}`, {
    kind: "success",
    messageKey: "sheets.done.saved",
    params: { time: saved.savedAtLabel },
  });
}

// An autosave answers its own fetcher; reloading the page data after each one is wasted work.
export const shouldRevalidate = skipAfterAutosave;

function PrintLinks({ data: d }: { data: ReturnType<typeof useLoaderData<typeof loader>> }) {
  const t = useT();
  return (
    <p className="inline-list">
      <a href={`/judge/rounds/${d.round.id}/entries/${d.entry.id}/sheet.pdf`}>{t("sheets.print.filled")}</a>
      <a href={`/judge/rounds/${d.round.id}/blank-sheet.pdf?group=${d.entry.group}`}>{t("sheets.print.blank")}</a>
    </p>
  );
}

function Dossier({ data: d }: { data: ReturnType<typeof useLoaderData<typeof loader>> }) {
  const t = useT();
  const { dossier } = d;
  // A blind tasting: the loader sent no dossier at all (decision 046); the sample is its number.
  if (!dossier) {
    return (
      <section id="dossier" className="card stack sheet-dossier" aria-labelledby="dossier-h">
        <h2 id="dossier-h">{t("samples.sheet.dossierTitle")}</h2>
        <p className="hint">{t("samples.sheet.blind")}</p>
        <PrintLinks data={d} />
      </section>
    );
  }
  return (
    <section id="dossier" className="card stack sheet-dossier" aria-labelledby="dossier-h">
      <h2 id="dossier-h">{t("sheets.dossier.title")}</h2>
      {d.round.blindJudging ? <p className="hint">{t("sheets.dossier.blind")}</p> : null}
      {dossier.establishment ? (
        <p>
          <strong>{dossier.establishment.name}</strong>
          {dossier.establishment.legalForm ? (
            <> — {t(`legalForm.${dossier.establishment.legalForm}` as MessageKey)}</>
          ) : null}
          {dossier.establishment.commune || dossier.establishment.province ? (
            <span className="muted">
              {" "}
              ({[dossier.establishment.commune, dossier.establishment.province].filter(Boolean).join(", ")})
            </span>
          ) : null}
        </p>
      ) : null}
      <dl className="facts">
        {dossier.product.isSet && dossier.product.setItems ? (
          <div>
            <dt>{t("dossier.setItems")}</dt>
            <dd>
              <ul>
                {dossier.product.setItems
                  .split("\n")
                  .filter(Boolean)
                  .map((item) => (
                    <li key={item}>{item}</li>
                  ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {dossier.product.fields.map((f) => (
          <div key={f.key}>
            <dt>{t(FIELD_LABELS[f.key])}</dt>
            <dd className="pre-line">{f.value}</dd>
          </div>
        ))}
      </dl>
      <h3 className="h3">{t("sheets.dossier.photos")}</h3>
      {!d.filesOpen ? <p className="muted">{t("sheets.dossier.filesClosed")}</p> : null}
      {d.filesOpen && dossier.photos.length ? (
        <ul className="photo-grid">
          {dossier.photos.map((p, i) => {
            const label = p.angle
              ? t(`dossier.angle.${p.angle}` as MessageKey)
              : t("sheets.dossier.photoN", { n: i + 1 });
            return (
              <li key={p.id}>
                <a href={`/files/${p.id}`}>
                  <img
                    src={`/files/${p.id}/thumb`}
                    alt={`${dossier.product.name} — ${label}`}
                    loading="lazy"
                    width={160}
                    height={120}
                  />
                </a>
                <span>{label}</span>
              </li>
            );
          })}
        </ul>
      ) : null}
      {d.filesOpen && !dossier.photos.length ? <p className="muted">{t("sheets.dossier.noPhotos")}</p> : null}
      {d.filesOpen && dossier.documents.length ? (
        <>
          <h3 className="h3">{t("sheets.dossier.documents")}</h3>
          <ul>
            {dossier.documents.map((doc) => (
              <li key={doc.id}>
                <a href={`/files/${doc.id}`}>
                  {d.round.blindJudging
                    ? neutralFileName(t, { entryCode: d.entry.code ?? "", kind: doc.kind, number: doc.number })
                    : t("sheets.dossier.document", { kind: t(`dossier.kind.${doc.kind}` as MessageKey) })}
                </a>
                {doc.name ? <span className="muted"> ({doc.name})</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <PrintLinks data={d} />
    </section>
  );
}

export default function JudgeSheet() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const result = actionData?.result ?? null;
  const typed = result?.initialValue ?? null;
  const initial = sheetFormValues(d.items, d.sheet, typed as Record<string, unknown> | null);
  const editable = d.lock === null;
  return (
    <div className="stack sheet-page">
      <BackLink to={`/judge/rounds/${d.round.id}`}>{t("sheets.queue.back")}</BackLink>
      <header className="sheet-head">
        <p className="muted">{d.round.councilName}</p>
        <h1>
          {sheetTitle(t, d.entry)}
          {d.dossier ? <> — {d.dossier.product.name}</> : null}
        </h1>
        <p>
          <span className="badge">{t("dossier.group", { group: d.entry.group })}</span>{" "}
          {d.round.scoringPasses > 1 ? (
            <span className="badge">{t("sheets.pass", { pass: d.round.currentPass })}</span>
          ) : null}{" "}
          <span className="muted">
            {t("sheets.sheet.judge", { name: d.judge.name })}
            {d.judge.title ? ` — ${d.judge.title}` : ""}
          </span>
        </p>
        <VisitLinks visits={d.visits} />
        <JudgeSampleStatus sample={d.sample} />
        {d.dossier ? (
          <p className="dossier-jump">
            <a href="#dossier-h">{t("sheets.dossier.open")} ↓</a>
          </p>
        ) : null}
      </header>
      {d.sheet?.status === "DRAFT" && d.sheet.reopenReason ? (
        <div className="notice notice-info" role="status">
          <p>{t("sheets.reopened", { reason: d.sheet.reopenReason })}</p>
        </div>
      ) : null}
      {d.sheet?.status === "SUBMITTED" ? (
        <div className="notice notice-success" role="status">
          <p>
            {t("sheets.submittedAt", {
              date: formatDateTime(d.sheet.submittedAt),
              points: formatPoints(d.totals.total, locale),
            })}
            {d.sheet.onPaper ? ` ${t("sheets.onPaperNote")}` : ""}
          </p>
        </div>
      ) : null}
      {d.lock && d.lock !== "submitted" ? (
        <div className="notice notice-info" role="status">
          <p>{d.lock === "noRubric" ? t("sheets.error.noRubric") : t(lockMessageKey(d.lock))}</p>
        </div>
      ) : null}
      <div className="sheet-layout">
        <section className="card stack sheet-scores" aria-labelledby="sheet-h">
          <h2 id="sheet-h">{t("sheets.sheet.scores")}</h2>
          {d.items.length ? (
            <ScoreSheetForm
              key={`${d.sheet?.id ?? "new"}:${d.version}`}
              items={d.items}
              initial={initial}
              version={d.version}
              editable={editable}
              mode="judge"
              fieldErrors={result && "error" in result ? result.error : null}
              formErrors={result && "error" in result ? result.error?.[""] : null}
              conflict={actionData?.conflict}
            />
          ) : null}
          {editable ? <p className="hint">{t("sheets.sheet.hint")}</p> : null}
        </section>
        <Dossier data={d} />
      </div>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
