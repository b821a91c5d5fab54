// URL /judge/rounds/:roundId: a judge's queue for the round's current scoring pass — entries to
// score, drafts, submitted sheets — with progress. Entries come only through
// assignedEntriesWhere (a conflicted entry never appears); in every round only the entry code,
// product and group show, never the producer. Before the declaration: off to it. On a phone the
// table keeps code (with product and group), status, total and the action (issue #13). At a blind
// tasting (the judge has a stored serving order, decision 046) the rows follow that order and show
// the tasting number, not the entry code or product.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/pagination";
import { parsePage } from "~/utils/paging";
import { requireAuth } from "~/modules/auth/auth.server";
import { formatPoints, lockMessageKey, QUEUE_TABS } from "~/modules/judging/sheet-rules";
import { QueueSearchSchema, RoundParams } from "~/modules/judging/sheet-schemas";
import { declarationPath, getJudgeQueue } from "~/modules/judging/sheets.server";
import { formatDateTime } from "~/utils/dates";
import { isDomainError } from "~/utils/errors";
import { parseParams, searchParamsObject, throwHttpError } from "~/utils/http.server";
import { useLocale, useT, type MessageKey } from "~/utils/i18n";
import { pageMeta } from "~/utils/meta";
import judgingStyles from "~/styles/judging.css?url";
import { TableWrap } from "~/components/table-wrap";
import { BackLink } from "~/components/back-link";

export const meta = pageMeta<typeof loader>(({ t, data }) => ({ title: [t("sheets.queue.title"), data?.round.name] }));

export const links: LinksFunction = () => [{ rel: "stylesheet", href: judgingStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const { roundId } = parseParams(RoundParams, params, 404);
  const search = searchParamsObject(request);
  const { tab } = QueueSearchSchema.parse(search);
  const page = parsePage(search.page);
  try {
    return await getJudgeQueue(auth, roundId, { tab, page });
  } catch (error) {
    if (isDomainError(error, "declaration_required")) throw redirect(declarationPath(roundId));
    throwHttpError(error);
  }
}

const TAB_LABELS: Record<(typeof QUEUE_TABS)[number], MessageKey> = {
  todo: "sheets.queue.tab.todo",
  draft: "sheets.queue.tab.draft",
  submitted: "sheets.queue.tab.submitted",
};

export default function JudgeQueue() {
  const t = useT();
  const locale = useLocale();
  const q = useLoaderData<typeof loader>();
  const counts = { todo: q.progress.todo, draft: q.progress.draft, submitted: q.progress.submitted };
  return (
    <div className="stack">
      <BackLink to="/judge">{t("sheets.queue.home")}</BackLink>
      <h1>{t("sheets.queue.title")}</h1>
      <p>
        {q.round.name}
        {q.round.scoringPasses > 1 ? <> · {t("sheets.pass", { pass: q.round.currentPass })}</> : null}
        {q.member.panel ? <span className="muted"> · {q.member.panel}</span> : null}
      </p>
      {q.tasting ? <p className="hint">{t("samples.queue.tastingHint")}</p> : null}
      {q.lock ? (
        <div className="notice notice-info" role="status">
          <p>{t(lockMessageKey(q.lock))}</p>
        </div>
      ) : null}
      <section className="card stack" aria-labelledby="progress-h">
        <h2 id="progress-h" className="h3">
          {t("sheets.queue.progress")}
        </h2>
        <progress
          value={q.progress.submitted}
          max={Math.max(1, q.progress.assigned)}
          aria-labelledby="progress-h progress-text"
        />
        <p id="progress-text">
          {t("sheets.queue.progressText", {
            submitted: q.progress.submitted,
            assigned: q.progress.assigned,
            percent: q.progress.percent,
          })}
        </p>
        <p className="inline-list queue-links">
          {q.tasting ? <Link to={`/judge/rounds/${q.round.id}/tasting`}>{t("samples.tastingPage.link")}</Link> : null}
          {q.groups.map((g) => (
            <a key={g} href={`/judge/rounds/${q.round.id}/blank-sheet.pdf?group=${g}`}>
              {t("sheets.print.blankGroup", { group: g })}
            </a>
          ))}
        </p>
      </section>
      <nav aria-label={t("sheets.queue.tabs")}>
        <ul className="inline-list">
          {QUEUE_TABS.map((tab) => (
            <li key={tab}>
              <Link
                to={`?tab=${tab}`}
                aria-current={q.tab === tab ? "page" : undefined}
                className={q.tab === tab ? "button button-small" : "button button-small button-secondary"}
              >
                {t(TAB_LABELS[tab])} ({counts[tab]})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {q.rows.length === 0 ? (
        <p className="muted">{t(`sheets.queue.empty.${q.tab}` as MessageKey)}</p>
      ) : (
        <TableWrap label={t(TAB_LABELS[q.tab])}>
          <table className="queue-table">
            <caption className="sr-only">{t(TAB_LABELS[q.tab])}</caption>
            <thead>
              <tr>
                <th scope="col">{q.tasting ? t("samples.tastingPage.number") : t("sheets.col.code")}</th>
                <th scope="col" className="col-wide">
                  {t("sheets.col.product")}
                </th>
                <th scope="col" className="col-wide">
                  {t("sheets.col.group")}
                </th>
                <th scope="col">{t("sheets.col.status")}</th>
                <th scope="col" className="num">
                  {t("sheets.col.total")}
                </th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {q.rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <strong>{r.tastingNumber ?? r.code}</strong>
                    <span className="queue-product queue-group-inline">
                      {r.productName ? <>{r.productName} · </> : null}
                      {t("dossier.group", { group: r.group })}
                    </span>
                  </td>
                  <td className="col-wide">{r.productName ?? "—"}</td>
                  <td className="col-wide">{r.group}</td>
                  <td>
                    {t(`sheets.status.${r.tab}` as MessageKey)}
                    {r.reopened ? <span className="flag"> · {t("sheets.status.reopened")}</span> : null}
                    {r.updatedAt ? <span className="muted col-wide"> · {formatDateTime(r.updatedAt)}</span> : null}
                  </td>
                  <td className="num">{r.total === null ? "—" : formatPoints(r.total, locale)}</td>
                  <td>
                    <Link
                      to={`/judge/rounds/${q.round.id}/entries/${r.id}`}
                      className="button button-small button-secondary"
                    >
                      {q.lock || r.tab === "submitted"
                        ? t("sheets.queue.view")
                        : r.tab === "draft"
                          ? t("sheets.queue.continue")
                          : t("sheets.queue.score")}
                      <span className="sr-only"> {r.tastingNumber ?? r.code}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {q.paging.pages > 1 ? <Pagination page={q.paging.page} pages={q.paging.pages} total={q.paging.total} /> : null}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
