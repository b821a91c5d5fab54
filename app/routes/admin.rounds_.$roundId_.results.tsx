// URL /admin/rounds/:roundId/results: the results of a round (tổng hợp kết quả, issue #4) for its
// organisers, and for its council secretary once judging is closed. Live and provisional while
// judging, then per product group (?group=) and scoring pass (?pass=): the ranked table with the
// spread flags and the council's vote, the advice beside it (normalised scores, each judge's
// offset, the jury's agreement), and the four writes — a spread decision, the council's vote,
// finalisation and the second pass — each a POST that works without JavaScript. Numbers come
// from results.ts; rules and guards from results.server.ts.
import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ConfirmButton } from "~/components/confirm-button";
import { ErrorList, Field, FormErrors } from "~/components/forms";
import { requestMeta } from "~/modules/audit/audit.server";
import { requireAuth } from "~/modules/auth/auth.server";
import { councilNameOf } from "~/modules/judging/council";
import { CRITERION_KEYS } from "~/modules/judging/jury-schemas";
import { agreementLevel, finaliseProblems, type GroupResults, type ResultRow } from "~/modules/judging/results";
import { FinaliseSchema, ResultsQuery, SecondPassSchema, SpreadDecisionSchema, VoteSchema } from "~/modules/judging/results-schemas";
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
import { DomainError } from "~/utils/errors";
import { replyWithDomainError } from "~/utils/forms.server";
import { httpError, mapDomainErrors, parseParams, searchParamsObject } from "~/utils/http.server";
import { getT, useLocale, useT, type MessageKey, type TFunction } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { TableWrap } from "~/components/table-wrap";

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
  message: string | null;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request);
  const { roundId } = parseParams(RoundIdParam, params, 404);
  const formData = await request.formData();
  const meta = requestMeta(request, context);
  const t = getT(await getLocale(request));
  const url = new URL(request.url);
  const here = `/admin/rounds/${roundId}/results${url.search}`;
  const intent = formData.get("intent");

  if (intent === "vote" || intent === "spread") {
    const entryId = String(formData.get("entryId") ?? "");
    const form = `${intent}-${entryId}`;
    const submission = parseWithZod(formData, { schema: intent === "vote" ? VoteSchema : SpreadDecisionSchema });
    if (submission.status !== "success") return data<ActionReply>({ form, result: submission.reply(), message: null }, { status: 400 });
    try {
      const v = submission.value;
      const done =
        v.intent === "vote"
          ? await recordVote(auth, roundId, { ...v, recognised: v.recognised === "yes", note: v.note ?? null }, meta)
          : await recordSpreadDecision(auth, roundId, { entryId: v.entryId, decision: v.decision }, meta);
      return redirectWithToast(here, { kind: "success", messageKey: intent === "vote" ? "results.vote.saved" : "results.spread.saved", params: { code: done.code } });
    } catch (error) {
      const reply = replyWithDomainError(error, submission, { t });
      return data<ActionReply>({ form, result: reply.data.result, message: null }, reply.init ?? undefined);
    }
  }

  if (intent === "finalise" || intent === "secondPass") {
    parseParams(intent === "finalise" ? FinaliseSchema : SecondPassSchema, Object.fromEntries(formData));
    try {
      if (intent === "finalise") {
        const done = await finaliseResults(auth, roundId, meta);
        return redirectWithToast(`/admin/rounds/${roundId}/results`, { kind: "success", messageKey: "results.finalise.done", params: { count: done.entries } });
      }
      const done = await startSecondPass(auth, roundId, meta);
      return redirectWithToast(`/admin/rounds/${roundId}/results?pass=1`, { kind: "success", messageKey: "results.secondPass.done", params: { count: done.entries } });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.messageKey === "error.403" || error.messageKey === "error.404") httpError(error.status, error.messageKey);
      return data<ActionReply>({ form: intent, result: null, message: t(error.messageKey, error.params) }, { status: error.status });
    }
  }

  httpError(400, "error.400");
}

// ───────────── UI ─────────────

/** A column header over numbers (right-aligned like the cells below it). */
function NumHeader({ label }: { label: MessageKey }) {
  const t = useT();
  return (
    <th scope="col" className="num">
      {t(label)}
    </th>
  );
}

function useNumber() {
  const locale = useLocale();
  const nf = new Intl.NumberFormat(locale === "en" ? "en-GB" : "vi-VN", { maximumFractionDigits: 2 });
  return (n: number | null | undefined) => (n === null || n === undefined ? "—" : nf.format(n));
}

const AGREEMENT_KEYS: Record<"icc" | "kendallW", Record<"high" | "moderate" | "low", MessageKey>> = {
  icc: { high: "results.agreement.icc.high", moderate: "results.agreement.icc.moderate", low: "results.agreement.icc.low" },
  kendallW: { high: "results.agreement.w.high", moderate: "results.agreement.w.moderate", low: "results.agreement.w.low" },
};

function tieBreakText(t: TFunction, order: string[]) {
  const criteria = order.map((c) => t("results.tieBreak.criterion", { n: c.slice(1) }));
  return t("results.tieBreak", { order: criteria.join(t("results.tieBreak.then")) });
}

function VoteCell({ row }: { row: ResultRow }) {
  const t = useT();
  if (!row.vote) return <>{row.passed && row.inPass ? <span className="muted">{t("results.vote.none")}</span> : "—"}</>;
  const v = row.vote;
  return (
    <>
      {t("results.vote.summary", { for: v.votesFor, against: v.votesAgainst, abstain: v.votesAbstain, present: v.membersPresent, total: v.membersTotal })}
      <br />
      <span className="muted">
        {v.quorum ? t("results.vote.quorum") : t("results.vote.noQuorum")} · {v.majority ? t("results.vote.majority") : t("results.vote.noMajority")}
      </span>
    </>
  );
}

function ResultsTableView({
  group,
  spreadLimit,
  entryHref,
  complaintsHref,
}: {
  group: GroupResults;
  spreadLimit: number | null;
  entryHref: ((entryId: string) => string) | null;
  complaintsHref: string;
}) {
  const t = useT();
  const num = useNumber();
  return (
    <TableWrap label={t("results.table.caption", { group: group.group })}>
      <table>
        <caption>{t("results.table.caption", { group: group.group })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("results.col.rank")}</th>
            <th scope="col">{t("results.col.code")}</th>
            <th scope="col">{t("results.col.product")}</th>
            <th scope="col">{t("results.col.establishment")}</th>
            <NumHeader label="results.col.sheets" />
            <NumHeader label="results.col.mean" />
            <NumHeader label="results.col.min" />
            <NumHeader label="results.col.max" />
            <NumHeader label="results.col.spread" />
            {CRITERION_KEYS.map((c) => (
              <th scope="col" className="num" key={c}>
                <abbr title={t("results.col.criterionLong", { n: c.slice(1) })}>{t("results.col.criterion", { n: c.slice(1) })}</abbr>
              </th>
            ))}
            <th scope="col">{t("results.col.passed")}</th>
            <th scope="col">{t("results.col.vote")}</th>
            <th scope="col">{t("results.col.recognised")}</th>
          </tr>
        </thead>
        <tbody>
          {group.rows.map((r) => (
            <tr key={r.entryId}>
              <td className="num">{r.rank}</td>
              <td>
                {entryHref ? <Link to={entryHref(r.entryId)}>{r.code}</Link> : r.code}
                {!r.inPass ? <div className="muted">{t("results.row.earlierPass", { pass: r.pass })}</div> : null}
              </td>
              <td>{r.productName}</td>
              <td>{r.establishmentName}</td>
              <td className="num">
                {r.sheets}/{r.assigned || r.sheets}
                {r.missing ? <div className="muted">{t("results.row.missing", { count: r.missing })}</div> : null}
              </td>
              <td className="num">
                <strong>{num(r.mean)}</strong>
                {r.changedSinceFinal ? (
                  <div className="flag" role="note">
                    {t("results.row.changedSinceFinal")}
                  </div>
                ) : null}
                {r.amendedByComplaint ? (
                  <div className="flag" role="note">
                    <Link to={complaintsHref}>{t("results.row.amendedByComplaint")}</Link>
                  </div>
                ) : null}
              </td>
              <td className="num">{num(r.min)}</td>
              <td className="num">{num(r.max)}</td>
              <td className="num">
                {num(r.spread)}
                {r.spreadFlag ? (
                  <div className="flag">
                    <span aria-hidden="true">⚑ </span>
                    {t("results.row.spreadFlag", { limit: num(spreadLimit) })}
                    {r.spreadDecision ? <div className="muted">{t("results.row.spreadDecided", { decision: r.spreadDecision })}</div> : null}
                  </div>
                ) : null}
              </td>
              {CRITERION_KEYS.map((c) => (
                <td className="num" key={c}>
                  {num(r.criterionMeans[c])}
                </td>
              ))}
              <td>{r.mean === null ? "—" : r.passed ? <span>✓ {t("results.passed.yes")}</span> : <span>✗ {t("results.passed.no")}</span>}</td>
              <td>
                <VoteCell row={r} />
              </td>
              <td>{r.vote?.recognised === true ? t("common.yes") : r.vote?.recognised === false ? t("common.no") : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function AdviceView({ group }: { group: GroupResults }) {
  const t = useT();
  const num = useNumber();
  const scored = group.rows.filter((r) => r.inPass);
  const ordered = [...scored].sort((a, b) => (a.normalisedRank ?? Infinity) - (b.normalisedRank ?? Infinity) || a.code.localeCompare(b.code));
  const { agreement } = group;
  const reading = (kind: "icc" | "kendallW", value: number | null) => {
    const level = agreementLevel(kind, value);
    return level ? t(AGREEMENT_KEYS[kind][level]) : t("results.agreement.insufficient");
  };
  return (
    <aside className="advice stack" aria-labelledby={`advice-${group.group}-h group-${group.group}-h`}>
      <h3 id={`advice-${group.group}-h`}>{t("results.advice.title")}</h3>
      <p className="hint">{t("results.advice.hint")}</p>
      <TableWrap label={t("results.advice.table", { group: group.group })}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("results.col.code")}</th>
              <NumHeader label="results.advice.normalised" />
              <NumHeader label="results.advice.rank" />
              <NumHeader label="results.advice.officialRank" />
            </tr>
          </thead>
          <tbody>
            {ordered.map((r) => (
              <tr key={r.entryId}>
                <td>{r.code}</td>
                <td className="num">{num(r.normalised)}</td>
                <td className="num">{r.normalisedRank ?? "—"}</td>
                <td className="num">{r.rank}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <h4>{t("results.agreement.title")}</h4>
      <dl className="facts">
        <dt>{t("results.agreement.icc")}</dt>
        <dd>
          <strong>{agreement.icc === null ? t("results.agreement.noData") : num(agreement.icc)}</strong> — {reading("icc", agreement.icc)}
        </dd>
        <dt>{t("results.agreement.w")}</dt>
        <dd>
          <strong>{agreement.kendallW === null ? t("results.agreement.noData") : num(agreement.kendallW)}</strong> — {reading("kendallW", agreement.kendallW)}
        </dd>
      </dl>
      <p className="hint">{t("results.agreement.basis", { judges: agreement.judges, entries: agreement.completeEntries })}</p>
    </aside>
  );
}

function SpreadForm({ row, lastResult }: { row: ResultRow; lastResult?: SubmissionResult<string[]> | null }) {
  const t = useT();
  const [form, fields] = useForm({
    id: `spread-${row.entryId}`,
    lastResult,
    defaultValue: { decision: row.spreadDecision ?? "" },
    constraint: getZodConstraint(SpreadDecisionSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SpreadDecisionSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const decision = getTextareaProps(fields.decision, { ariaDescribedBy: `${fields.decision.id}-hint` });
  return (
    <Form method="post" {...getFormProps(form)} className="card stack">
      <h3 className="h3">
        {row.code} — {row.productName}
      </h3>
      <p>{t("results.spread.facts", { min: row.min ?? 0, max: row.max ?? 0, spread: row.spread ?? 0 })}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="spread" />
      <input type="hidden" name="entryId" value={row.entryId} />
      <div className="field">
        <label htmlFor={fields.decision.id}>{t("results.spread.decision")}</label>
        <p id={`${fields.decision.id}-hint`} className="hint">
          {t("results.spread.hint")}
        </p>
        <textarea {...decision} key={decision.key} rows={3} required />
        <ErrorList id={fields.decision.errorId} errors={fields.decision.errors} />
      </div>
      <div>
        <button type="submit" className="button button-secondary">
          {t("results.spread.submit")}
        </button>
      </div>
    </Form>
  );
}

function VoteForm({ row, councilSize, lastResult }: { row: ResultRow; councilSize: number; lastResult?: SubmissionResult<string[]> | null }) {
  const t = useT();
  const num = useNumber();
  const v = row.vote;
  const [form, fields] = useForm({
    id: `vote-${row.entryId}`,
    lastResult,
    defaultValue: {
      votesFor: v ? String(v.votesFor) : "",
      votesAgainst: v ? String(v.votesAgainst) : "",
      votesAbstain: v ? String(v.votesAbstain) : "",
      membersPresent: v ? String(v.membersPresent) : "",
      membersTotal: String(v ? v.membersTotal : councilSize || ""),
      chairPresent: v?.chairPresent ? "on" : undefined,
      recognised: v?.recognised === true ? "yes" : v?.recognised === false ? "no" : undefined,
      note: v?.note ?? "",
    },
    constraint: getZodConstraint(VoteSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: VoteSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const count = (name: "votesFor" | "votesAgainst" | "votesAbstain" | "membersPresent" | "membersTotal", label: MessageKey) => (
    <Field meta={fields[name]} label={label} type="number" required="unmarked" min={0} step={1} inputMode="numeric" />
  );
  const chair = getInputProps(fields.chairPresent, { type: "checkbox" });
  const note = getTextareaProps(fields.note);
  return (
    <Form method="post" {...getFormProps(form)} className="card stack">
      <fieldset className="stack">
        <legend>
          <strong>{row.code}</strong> — {row.productName} ({t("results.vote.meanIs", { mean: num(row.mean) })})
        </legend>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="vote" />
        <input type="hidden" name="entryId" value={row.entryId} />
        <div className="grid-3">
          {count("votesFor", "results.vote.for")}
          {count("votesAgainst", "results.vote.against")}
          {count("votesAbstain", "results.vote.abstain")}
          {count("membersPresent", "results.vote.present")}
          {count("membersTotal", "results.vote.total")}
        </div>
        <div className="field">
          <label className="radio">
            <input {...chair} key={chair.key} /> {t("results.vote.chairPresent")}
          </label>
        </div>
        <fieldset aria-describedby={fields.recognised.errorId}>
          <legend>{t("results.vote.recognised")}</legend>
          {(["yes", "no"] as const).map((value) => {
            const props = getInputProps(fields.recognised, { type: "radio", value });
            return (
              <label className="radio" key={value}>
                <input {...props} key={`${props.key}-${value}`} /> {t(value === "yes" ? "results.vote.recognisedYes" : "results.vote.recognisedNo")}
              </label>
            );
          })}
          <ErrorList id={fields.recognised.errorId} errors={fields.recognised.errors} />
        </fieldset>
        <div className="field">
          <label htmlFor={fields.note.id}>{t("results.vote.note")}</label>
          <textarea {...note} key={note.key} rows={2} />
          <ErrorList id={fields.note.errorId} errors={fields.note.errors} />
        </div>
        {v ? <p className="muted">{t("results.vote.recordedAt", { date: formatDateTime(v.votedAt) })}</p> : null}
        <div>
          <button type="submit" className="button">
            {t(v ? "results.vote.update" : "results.vote.submit")}
          </button>
        </div>
      </fieldset>
    </Form>
  );
}

export default function RoundResults() {
  const t = useT();
  const num = useNumber();
  const navigation = useNavigation();
  const { round, table, group, can, problems } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const replyFor = (form: string) => (actionData?.form === form ? actionData.result : undefined);
  const passQuery = round.scoringPasses === 2 ? `pass=${table.pass}` : "";
  const link = (g: string | null) => `?${[g ? `group=${g}` : "", passQuery].filter(Boolean).join("&")}`;
  const groups = table.groups.filter((g) => !group || g.group === group);
  const rows = groups.flatMap((g) => g.rows);
  const flagged = rows.filter((r) => r.inPass && r.spreadFlag);
  const votable = rows.filter((r) => r.inPass && r.passed);
  const exportHref = (format: string) => `export?format=${format}&group=${group ?? "all"}&pass=${table.pass}`;
  const finalised = round.resultsFinalisedAt;
  const blocked = problems && (problems.unresolvedSpread.length || problems.missingVotes.length || problems.recognisedNotPassed.length);

  return (
    <div className="stack-lg">
      <p>
        <Link to={`/admin/rounds/${round.id}`}>← {round.name}</Link>
      </p>
      <div className="stack">
        <h1>{t("results.title")}</h1>
        <p className="muted">{round.councilName}</p>
        <p>
          {t("results.status")}: <span className="badge">{t(`rounds.status.${round.status}`)}</span>
          {round.scoringPasses === 2 ? <> · {t("results.passOf", { pass: table.pass, passes: round.scoringPasses })}</> : null}
        </p>
        {round.status === "JUDGING" && table.pass === round.currentPass ? (
          <p className="notice notice-info" role="status">
            {t("results.provisional")}
          </p>
        ) : null}
        {finalised ? (
          <p className="notice notice-success" role="status">
            {t(table.official ? "results.finalised.official" : "results.finalised.otherPass", { date: formatDateTime(finalised) })}
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
          <li>{round.spreadLimit === null ? t("results.rules.spreadOff") : t("results.rules.spreadOn", { limit: num(round.spreadLimit) })}</li>
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
        {table.judges.length === 0 ? (
          <p className="muted">{t("results.judges.none")}</p>
        ) : (
          <TableWrap label={t("results.judges.title")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("results.judges.judge")}</th>
                  <th scope="col">{t("results.judges.panel")}</th>
                  <NumHeader label="results.judges.sheets" />
                  <NumHeader label="results.judges.mean" />
                  <NumHeader label="results.judges.offset" />
                  <th scope="col">{t("results.judges.tendency")}</th>
                </tr>
              </thead>
              <tbody>
                {table.judges.map((j) => (
                  <tr key={j.memberId}>
                    <td>{j.name}</td>
                    <td>{j.panelName ?? t("results.judges.allGroups")}</td>
                    <td className="num">{j.sheets}</td>
                    <td className="num">{num(j.mean)}</td>
                    <td className="num">{j.offset > 0 ? `+${num(j.offset)}` : num(j.offset)}</td>
                    <td>{j.tendency ? <strong className="flag">{t(j.tendency === "harsh" ? "results.judges.harsh" : "results.judges.lenient")}</strong> : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
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
            <VoteForm key={r.entryId} row={r} councilSize={table.councilSize} lastResult={replyFor(`vote-${r.entryId}`)} />
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
                  {problems!.unresolvedSpread.length ? <li>{t("results.finalise.error.spread", { codes: problems!.unresolvedSpread.join(", ") })}</li> : null}
                  {problems!.missingVotes.length ? <li>{t("results.finalise.error.votes", { codes: problems!.missingVotes.join(", ") })}</li> : null}
                  {problems!.recognisedNotPassed.length ? (
                    <li>{t("results.finalise.error.recognised", { codes: problems!.recognisedNotPassed.join(", ") })}</li>
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
              <p>{t("results.secondPass.hint", { count: table.groups.flatMap((g) => g.rows).filter((r) => r.passed).length })}</p>
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
