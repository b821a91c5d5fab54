// URL /admin/rounds/:roundId/recognition: recognition of a finalised round (issue #5) for its
// organisers — the entries the council recognised (read-only, from the results), the recognition
// decision (record or edit it with a generated or uploaded PDF until certificates are issued;
// afterwards only replace its document with a signed scan), "issue certificates", the
// certificates with their status, PDF, verification page and a revoke form each, and the bulk
// download. Every write is a POST that works without JavaScript. Before the results are
// finalised the page says so (409) instead of failing.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmButton } from "~/components/confirm-button";
import { FormErrors } from "~/components/forms";
import { canUseAdminArea } from "~/modules/access/permissions";
import { requireAuth } from "~/modules/auth/auth.server";
import {
  getRecognition,
  issueCertificates,
  recordDecision,
  replaceDecisionDocument,
  revokeCertificate,
  type UploadedDocument,
} from "~/modules/certificates/certificates.server";
import { DECISION_SCAN_MAX_MB, DecisionSchema, RevokeSchema } from "~/modules/certificates/schemas";
import { parseUploadForm } from "~/modules/files/upload.server";
import { RoundIdParam } from "~/modules/rounds/schemas";
import { formatDate, formatDateTime } from "~/utils/dates";
import { isDomainError } from "~/utils/errors";
import { formFailure, httpError, parseParams, throwForbidden, throwHttpError } from "~/utils/http.server";
import { useT } from "~/utils/i18n";
import { redirectWithToast } from "~/utils/toast.server";
import { pageMeta } from "~/utils/meta";
import { RecognisedList, CertificatesTable, BulkSection } from "./certificates";
import { DecisionFacts, DecisionForm, ReplaceDocumentForm } from "./decision-forms";
import type { ActionReply, Ready } from "./types";
import { roundAction } from "~/modules/rounds/round-action.server";
import { submitForm } from "~/utils/forms.server";
import { BackLink } from "~/components/back-link";

export const meta = pageMeta<typeof loader>(({ t, data }) => ({
  title: [t("certificates.page.title"), data ? (data.state === "ready" ? data.round.name : data.roundName) : null],
}));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  if (!canUseAdminArea(auth.roles)) throwForbidden();
  const { roundId } = parseParams(RoundIdParam, params, 404);
  try {
    const page = await getRecognition(auth, roundId);
    return { state: "ready" as const, ...page, scanMaxMb: DECISION_SCAN_MAX_MB };
  } catch (error) {
    // Not finalised yet: a page that says so, with the way to the results (not an error page).
    if (isDomainError(error, "results_not_finalised")) {
      return data(
        { state: "notFinalised" as const, roundId, roundName: String(error.params?.round ?? "") },
        { status: 409 },
      );
    }
    throwHttpError(error);
  }
}

const isMultipart = (request: Request) => (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");

export async function action(args: ActionFunctionArgs) {
  const { request } = args;
  const { auth, roundId, meta, t } = await roundAction(args, { adminArea: true });
  const here = `/admin/rounds/${roundId}/recognition`;

  // Only one form of the page sends a file (the decision before issue, the scan after): a
  // refused upload (too large, not a PDF…) is reported on it.
  let formData: FormData;
  let document: UploadedDocument | null = null;
  if (isMultipart(request)) {
    try {
      const upload = await parseUploadForm(request, { maxFiles: 1, maxMb: DECISION_SCAN_MAX_MB });
      formData = upload.formData;
      const file = upload.files.find((f) => f.field === "document");
      document = file ? { bytes: file.bytes, fileName: file.fileName } : null;
    } catch (error) {
      const failure = formFailure(error);
      return data<ActionReply>(
        { form: "upload", result: null, message: t(failure.messageKey, failure.params) },
        { status: failure.status },
      );
    }
  } else {
    formData = await request.formData();
  }
  const intent = formData.get("intent");

  if (intent === "decision") {
    return submitForm("decision", formData, DecisionSchema, t, async ({ intent: _intent, ...fields }) => {
      const done = await recordDecision(auth, roundId, { ...fields, document }, meta);
      return {
        to: here,
        toast: {
          kind: "success",
          messageKey: done.created ? "certificates.decision.recorded" : "certificates.decision.updated",
        },
      };
    });
  }

  // The two forms without fields: a refusal is one translated message on the form.
  const refused = (form: "document" | "issue", error: unknown) => {
    const failure = formFailure(error);
    return data<ActionReply>(
      { form, result: null, message: t(failure.messageKey, failure.params) },
      { status: failure.status },
    );
  };

  if (intent === "document") {
    try {
      await replaceDecisionDocument(auth, roundId, document, meta);
      return redirectWithToast(here, { kind: "success", messageKey: "certificates.document.replaced" });
    } catch (error) {
      return refused("document", error);
    }
  }

  if (intent === "issue") {
    try {
      const done = await issueCertificates(auth, roundId, meta);
      const first = done.issued[0];
      const last = done.issued.at(-1);
      return redirectWithToast(
        here,
        first && last
          ? {
              kind: "success",
              messageKey: "certificates.issue.done",
              params: { count: done.issued.length, first: first.serial, last: last.serial },
            }
          : { kind: "info", messageKey: "certificates.issue.nothing" },
      );
    } catch (error) {
      return refused("issue", error);
    }
  }

  if (intent === "revoke") {
    return submitForm(`revoke-${String(formData.get("certificateId") ?? "")}`, formData, RevokeSchema, t, async (v) => {
      const done = await revokeCertificate(auth, v.certificateId, v.reason, meta, { roundId });
      return {
        to: here,
        toast: { kind: "success", messageKey: "certificates.revoke.done", params: { serial: done.serial } },
      };
    });
  }

  httpError(400, "error.400");
}

// ───────────── UI ─────────────

export default function Recognition() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as ActionReply | undefined;
  if (loaded.state === "notFinalised") {
    return (
      <div className="stack">
        <BackLink to={`/admin/rounds/${loaded.roundId}`}>{loaded.roundName}</BackLink>
        <h1>{t("certificates.page.title")}</h1>
        <div className="notice notice-info" role="status">
          <p>{t("certificates.error.notFinalised", { round: loaded.roundName })}</p>
          <p>
            <Link to={`/admin/rounds/${loaded.roundId}/results`}>{t("certificates.page.toResults")}</Link>
          </p>
        </div>
      </div>
    );
  }
  const page = loaded as unknown as Ready;
  const { round, decision, certificates } = page;
  const replyFor = (form: string) =>
    reply && (reply.form === form || (reply.form === "upload" && (form === "decision" || form === "document")))
      ? reply
      : undefined;
  return (
    <div className="stack-lg">
      <div className="stack">
        <BackLink to={`/admin/rounds/${round.id}`}>{round.name}</BackLink>
        <h1>{t("certificates.page.title")}</h1>
        <p className="muted">
          {t("certificates.page.intro", {
            jurisdiction: round.jurisdiction,
            year: round.year,
            date: formatDateTime(round.resultsFinalisedAt),
          })}
        </p>
      </div>

      <RecognisedList page={page} />
      <p>
        <Link to={`/admin/rounds/${round.id}/prizes`}>{t("prizes.page.link")}</Link>
      </p>

      <section className="card stack" aria-labelledby="decision-h">
        <h2 id="decision-h">{t("certificates.decision.title")}</h2>
        {decision ? <DecisionFacts page={page} /> : <p>{t("certificates.decision.none")}</p>}
        {page.decisionEditable ? (
          page.recognised.length ? (
            <DecisionForm page={page} reply={replyFor("decision")} />
          ) : (
            <p className="notice notice-info">{t("certificates.decision.noneRecognised")}</p>
          )
        ) : (
          <ReplaceDocumentForm page={page} reply={replyFor("document")} />
        )}
      </section>

      {decision ? (
        <section className="card stack" aria-labelledby="issue-h">
          <h2 id="issue-h">{t("certificates.issue.title")}</h2>
          <p>
            {t("certificates.issue.summary", {
              recognised: page.recognised.length,
              issued: certificates.length,
              pending: page.pending,
            })}
          </p>
          <FormErrors errors={replyFor("issue")?.message ? [replyFor("issue")!.message!] : null} />
          {page.pending > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="issue" />
              <p className="hint">{t("certificates.issue.hint", { date: formatDate(decision.signedAt) })}</p>
              <ConfirmButton className="button" confirmText={t("certificates.issue.confirm", { count: page.pending })}>
                {t("certificates.issue.button")}
              </ConfirmButton>
            </Form>
          ) : (
            <p className="muted">{t("certificates.issue.allIssued")}</p>
          )}
        </section>
      ) : null}

      {certificates.length ? <CertificatesTable page={page} reply={reply} /> : null}
      {certificates.length ? <BulkSection page={page} /> : null}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
