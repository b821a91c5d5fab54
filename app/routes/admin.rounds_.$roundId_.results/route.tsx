// URL /admin/rounds/:roundId/results: the results of a round (tổng hợp kết quả, issue #4) for its
// organisers, and for its council secretary once judging is closed. Live and provisional while
// judging, then per product group (?group=) and scoring pass (?pass=): the ranked table with the
// spread flags and the council's vote, the advice beside it (normalised scores, each judge's
// offset, the jury's agreement), and the four writes — a spread decision, the council's vote,
// finalisation and the second pass — each a POST that works without JavaScript. Numbers come
// from results.ts; rules and guards from results.server.ts.
import type { SubmissionResult } from "@conform-to/react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ConfirmButton } from "~/components/confirm-button";
import { requireAuth } from "~/modules/auth/auth.server";
import { councilNameOf } from "~/modules/judging/council";
import { finaliseProblems } from "~/modules/judging/results";
import {
  FinaliseSchema,
  ResultsQuery,
  SecondPassSchema,
  SpreadDecisionSchema,
  VoteSchema,
} from "~/modules/judging/results-schemas";
import {
  cachedRoundResults,
  finaliseResults,
  recordSpreadDecision,
  recordVote,
  requireResultsViewer,
  startSecondPass,
} from "~/modules/judging/results.server";
import { RoundIdParam } from "~/modules/rounds/schemas";
import { formatDateTime } from "~/utils/dates";
import { formFailure, httpError, mapDomainErrors, parseParams, searchParamsObject } from "~/utils/http.server";
import { useT } from "~/utils/i18n";
import { redirectWithToast } from "~/utils/toast.server";
import { SpreadForm, VoteForm } from "./council-forms";
import { AdviceView, JudgesTable, ResultsTableView, tieBreakText, useNumber } from "./results-tables";
import { pageMeta } from "~/utils/meta";
import { roundForm } from "~/modules/rounds/round-action.server";
import { submitForm } from "~/utils/forms.server";
import { BackLink } from "~/components/back-link";

export const meta = pageMeta<typeof loader>(({ t, data }) => ({ title: [t("results.title"), data?.round.name] }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const { roundId } = parseParams(RoundIdParam, params, 404);
  const query = parseParams(ResultsQuery, searchParamsObject(request));
  const access = await mapDomainErrors(() => requireResultsViewer(auth, roundId));
  const { round, table } = await mapDomainErrors(() => cachedRoundResults(roundId, query.pass));
  const organiser = access.asOrganiser;
  const open = round.status === "RESULTS" && !round.resultsFinalisedAt;
  const onCurrentPass = table.pass === round.currentPass;
  return {
    round: {
      id: round.id,
      name: round.name,
      status: round.status,
      councilName: councilNameOf(round),
      passLine: round.passLine,
      spreadLimit: round.spreadLimit,
      scoringPasses: round.scoringPasses,
      currentPass: round.currentPass,
      resultsFinalisedAt: round.resultsFinalisedAt,
    },
    table,
    group: query.group ?? null,
    can: {
      organiser,
      vote: open && onCurrentPass,
      spread: organiser && open && onCurrentPass,
      finalise: organiser && open && onCurrentPass,
      secondPass: organiser && open && round.scoringPasses === 2 && round.currentPass === 1,
    },
    problems: open && onCurrentPass ? finaliseProblems(table) : null,
  };
}

/** A refused POST: which form of the page it belongs to, and Conform's reply or a message. */
interface ActionReply {
  form: string;
  result: SubmissionResult<string[]> | null;
  message?: string | null;
}

export async function action(args: ActionFunctionArgs) {
  const { auth, roundId, formData, intent, meta, t } = await roundForm(args);
  const here = `/admin/rounds/${roundId}/results${new URL(args.request.url).search}`;

  if (intent === "vote" || intent === "spread") {
    const form = `${intent}-${String(formData.get("entryId") ?? "")}`;
    return submitForm(form, formData, intent === "vote" ? VoteSchema : SpreadDecisionSchema, t, async (v) => {
      const done =
        v.intent === "vote"
          ? await recordVote(auth, roundId, { ...v, recognised: v.recognised === "yes", note: v.note ?? null }, meta)
          : await recordSpreadDecision(auth, roundId, { entryId: v.entryId, decision: v.decision }, meta);
      return {
        to: here,
        toast: {
          kind: "success",
          messageKey: intent === "vote" ? "results.vote.saved" : "results.spread.saved",
          params: { code: done.code },
        },
      };
    });
  }

  if (intent === "finalise" || intent === "secondPass") {
    parseParams(intent === "finalise" ? FinaliseSchema : SecondPassSchema, Object.fromEntries(formData));
    try {
      if (intent === "finalise") {
        const done = await finaliseResults(auth, roundId, meta);
        return redirectWithToast(`/admin/rounds/${roundId}/results`, {
          kind: "success",
          messageKey: "results.finalise.done",
          params: { count: done.entries },
        });
      }
      const done = await startSecondPass(auth, roundId, meta);
      return redirectWithToast(`/admin/rounds/${roundId}/results?pass=1`, {
        kind: "success",
        messageKey: "results.secondPass.done",
        params: { count: done.entries },
      });
    } catch (error) {
      const failure = formFailure(error);
      return data<ActionReply>(
        { form: intent, result: null, message: t(failure.messageKey, failure.params) },
        { status: failure.status },
      );
    }
  }

  httpError(400, "error.400");
}

// ───────────── UI ─────────────

export default function RoundResults() {
  const t = useT();
  const num = useNumber();
  const navigation = useNavigation();
  const { round, table, group, can, problems } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionReply | undefined;
  const replyFor = (form: string) => (actionData?.form === form ? actionData.result : undefined);
  const passQuery = round.scoringPasses === 2 ? `pass=${table.pass}` : "";
  const link = (g: string | null) => `?${[g ? `group=${g}` : "", passQuery].filter(Boolean).join("&")}`;
  const groups = table.groups.filter((g) => !group || g.group === group);
  const rows = groups.flatMap((g) => g.rows);
  const flagged = rows.filter((r) => r.inPass && r.spreadFlag);
  const votable = rows.filter((r) => r.inPass && r.passed);
  const exportHref = (format: string) => `export?format=${format}&group=${group ?? "all"}&pass=${table.pass}`;
  const finalised = round.resultsFinalisedAt;
  const blocked =
    problems &&
    (problems.unresolvedSpread.length || problems.missingVotes.length || problems.recognisedNotPassed.length);

  return (
    <div className="stack-lg">
      <BackLink to={`/admin/rounds/${round.id}`}>{round.name}</BackLink>
      <div className="stack">
        <h1>{t("results.title")}</h1>
        <p className="muted">{round.councilName}</p>
        <p>
          {t("results.status")}: <span className="badge">{t(`rounds.status.${round.status}`)}</span>
          {round.scoringPasses === 2 ? (
            <> · {t("results.passOf", { pass: table.pass, passes: round.scoringPasses })}</>
          ) : null}
        </p>
        {round.status === "JUDGING" && table.pass === round.currentPass ? (
          <p className="notice notice-info" role="status">
            {t("results.provisional")}
          </p>
        ) : null}
        {finalised ? (
          <p className="notice notice-success" role="status">
            {t(table.official ? "results.finalised.official" : "results.finalised.otherPass", {
              date: formatDateTime(finalised),
            })}
          </p>
        ) : null}
        {actionData && (actionData.form === "finalise" || actionData.form === "secondPass") && actionData.message ? (
          <div className="notice notice-error" role="alert">
            <p>{actionData.message}</p>
          </div>
        ) : null}
      </div>

      {round.scoringPasses === 2 ? (
        <nav aria-label={t("results.pass.nav")} className="stack">
          <ul className="inline-list">
            {Array.from({ length: round.currentPass }, (_, i) => i + 1).map((p) => (
              <li key={p}>
                <Link
                  to={`?${[group ? `group=${group}` : "", `pass=${p}`].filter(Boolean).join("&")}`}
                  aria-current={table.pass === p ? "page" : undefined}
                  className={table.pass === p ? "button button-small" : "button button-small button-secondary"}
                >
                  {t("results.pass.label", { pass: p })}
                </Link>
              </li>
            ))}
          </ul>
          <p className="hint">{t("results.pass.hint")}</p>
        </nav>
      ) : null}

      <section className="card stack" aria-labelledby="rules-h">
        <h2 id="rules-h" className="h3">
          {t("results.rules.title")}
        </h2>
        <ul>
          <li>{t("results.rules.mean")}</li>
          <li>{t("results.rules.passLine", { line: num(round.passLine) })}</li>
          <li>
            {round.spreadLimit === null
              ? t("results.rules.spreadOff")
              : t("results.rules.spreadOn", { limit: num(round.spreadLimit) })}
          </li>
          <li>{tieBreakText(t, table.tieBreak)}</li>
        </ul>
      </section>

      <nav aria-label={t("results.groups.nav")}>
        <ul className="inline-list">
          {[null, ...table.groups.map((g) => g.group)].map((g) => (
            <li key={g ?? "all"}>
              <Link
                to={link(g)}
                aria-current={group === g ? "page" : undefined}
                className={group === g ? "button button-small" : "button button-small button-secondary"}
              >
                {g ? t("results.groups.one", { group: g, name: t(`group.${g}`) }) : t("results.groups.all")}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <p>
        {t("results.export.label")}{" "}
        <a href={exportHref("xlsx")} download>
          Excel
        </a>{" "}
        ·{" "}
        <a href={exportHref("csv")} download>
          CSV
        </a>{" "}
        ·{" "}
        <a href={exportHref("pdf")} download>
          {t("results.export.pdf")}
        </a>
      </p>

      {groups.map((g) => (
        <section key={g.group} className="stack" aria-labelledby={`group-${g.group}-h`}>
          <h2 id={`group-${g.group}-h`}>{t("results.groups.one", { group: g.group, name: t(`group.${g.group}`) })}</h2>
          {g.rows.length === 0 ? (
            <p className="muted">{t("results.groups.empty")}</p>
          ) : (
            <>
              <ResultsTableView
                group={g}
                spreadLimit={round.spreadLimit}
                entryHref={can.organiser ? (id) => `/admin/rounds/${round.id}/entries/${id}` : null}
                complaintsHref={`/admin/rounds/${round.id}/complaints`}
              />
              <AdviceView group={g} />
            </>
          )}
        </section>
      ))}

      <section className="stack" aria-labelledby="judges-h">
        <h2 id="judges-h">{t("results.judges.title")}</h2>
        <p className="hint">{t("results.judges.hint")}</p>
        <JudgesTable judges={table.judges} />
      </section>

      {can.spread && flagged.length ? (
        <section className="stack" aria-labelledby="spread-h">
          <h2 id="spread-h">{t("results.spread.title")}</h2>
          <p className="hint">{t("results.spread.intro", { limit: num(round.spreadLimit) })}</p>
          {flagged.map((r) => (
            <SpreadForm key={r.entryId} row={r} lastResult={replyFor(`spread-${r.entryId}`)} />
          ))}
        </section>
      ) : null}

      {can.vote ? (
        <section className="stack" aria-labelledby="vote-h">
          <h2 id="vote-h">{t("results.vote.title")}</h2>
          <p className="hint">{t("results.vote.intro")}</p>
          {votable.length === 0 ? <p className="muted">{t("results.vote.nonePassed")}</p> : null}
          {votable.map((r) => (
            <VoteForm
              key={r.entryId}
              row={r}
              councilSize={table.councilSize}
              lastResult={replyFor(`vote-${r.entryId}`)}
            />
          ))}
        </section>
      ) : null}

      {can.finalise || can.secondPass ? (
        <section className="card stack" aria-labelledby="finalise-h">
          <h2 id="finalise-h">{t("results.finalise.title")}</h2>
          {can.finalise ? (
            <>
              <p>{t("results.finalise.warning")}</p>
              {blocked ? (
                <ul className="notice notice-info">
                  {problems!.unresolvedSpread.length ? (
                    <li>{t("results.finalise.error.spread", { codes: problems!.unresolvedSpread.join(", ") })}</li>
                  ) : null}
                  {problems!.missingVotes.length ? (
                    <li>{t("results.finalise.error.votes", { codes: problems!.missingVotes.join(", ") })}</li>
                  ) : null}
                  {problems!.recognisedNotPassed.length ? (
                    <li>
                      {t("results.finalise.error.recognised", { codes: problems!.recognisedNotPassed.join(", ") })}
                    </li>
                  ) : null}
                </ul>
              ) : null}
              <Form method="post">
                <input type="hidden" name="intent" value="finalise" />
                <ConfirmButton className="button button-danger" confirmText={t("results.finalise.confirm")}>
                  {t("results.finalise.submit")}
                </ConfirmButton>
              </Form>
            </>
          ) : null}
          {can.secondPass ? (
            <>
              <h3>{t("results.secondPass.title")}</h3>
              <p>
                {t("results.secondPass.hint", {
                  count: table.groups.flatMap((g) => g.rows).filter((r) => r.passed).length,
                })}
              </p>
              <Form method="post">
                <input type="hidden" name="intent" value="secondPass" />
                <ConfirmButton className="button button-secondary" confirmText={t("results.secondPass.confirm")}>
                  {t("results.secondPass.submit")}
                </ConfirmButton>
              </Form>
            </>
          ) : null}
          {navigation.state === "submitting" ? <p className="muted">{t("results.working")}</p> : null}
        </section>
      ) : null}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
