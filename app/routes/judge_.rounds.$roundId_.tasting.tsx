// URL /judge/rounds/:roundId/tasting: the judge's own serving order at a blind tasting (issue #14,
// decision 038): turn by turn, the tasting number of each sample of their queue, each a link to
// its score sheet. Only the judge's queue (assignedEntriesWhere); before the declaration: off to it.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TableWrap } from "~/components/table-wrap";
import { requireAuth } from "~/modules/auth/auth.server";
import { RoundParams } from "~/modules/judging/sheet-schemas";
import { declarationPath } from "~/modules/judging/sheets.server";
import { getJudgeTasting } from "~/modules/samples/samples.server";
import { isDomainError } from "~/utils/errors";
import { parseParams, throwHttpError } from "~/utils/http.server";
import { useT } from "~/utils/i18n";
import { pageMeta } from "~/utils/meta";
import { BackLink } from "~/components/back-link";

export const meta = pageMeta<typeof loader>(({ t, data }) => ({
  title: [t("samples.tastingPage.title"), data?.round.name],
}));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const { roundId } = parseParams(RoundParams, params, 404);
  try {
    return await getJudgeTasting(auth, roundId);
  } catch (error) {
    if (isDomainError(error, "declaration_required")) throw redirect(declarationPath(roundId));
    throwHttpError(error);
  }
}

export default function JudgeTasting() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <BackLink to={`/judge/rounds/${d.round.id}`}>{t("sheets.queue.back")}</BackLink>
      <h1>{t("samples.tastingPage.title")}</h1>
      <p>
        {d.round.name}
        {d.panel ? <span className="muted"> · {d.panel}</span> : null}
      </p>
      {d.slots.length === 0 ? (
        <p className="muted">{t("samples.tastingPage.empty")}</p>
      ) : (
        <>
          <p className="hint">{t("samples.tastingPage.intro")}</p>
          <TableWrap label={t("samples.tastingPage.title")}>
            <table>
              <caption className="sr-only">{t("samples.tastingPage.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("samples.tastingPage.position")}</th>
                  <th scope="col">{t("samples.tastingPage.number")}</th>
                  <th scope="col">{t("sheets.col.group")}</th>
                  <th scope="col">{t("common.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {d.slots.map((s) => (
                  <tr key={s.entryId}>
                    <td>{s.position}</td>
                    <td>
                      <strong>{s.number}</strong>
                    </td>
                    <td>{s.group}</td>
                    <td>
                      <Link
                        to={`/judge/rounds/${d.round.id}/entries/${s.entryId}`}
                        className="button button-small button-secondary"
                      >
                        {t("samples.tastingPage.score", { number: s.number })}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
