// URL /judge: a jury or council member's home. Lists only the caller's own memberships (one per
// round): the round, their role(s), the declaration, and for judges in a round being scored the
// counts to score / draft / submitted of the current pass, with the way to their queue.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAuth } from "~/modules/auth/auth.server";
import { listMyJuryRounds } from "~/modules/judging/jury.server";
import { formatDate } from "~/utils/dates";
import { useLocale, useT, type MessageKey } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";

export const meta = titleMeta("jury.home.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  return { rounds: await listMyJuryRounds(auth) };
}

type Row = Awaited<ReturnType<typeof loader>>["rounds"][number];

function Jurisdiction({ round }: { round: Row["round"] }) {
  const t = useT();
  const locale = useLocale();
  const where =
    round.level === "PROVINCE"
      ? t("scope.province", { name: round.provinceName ?? "" })
      : round.level === "REGION"
        ? t("scope.region", { name: (locale === "en" ? round.regionNameEn : round.regionName) ?? "" })
        : t("scope.nation");
  return (
    <>
      {t(`level.${round.level}` as MessageKey)} — {where} · {round.year}
    </>
  );
}

function Roles({ row }: { row: Row }) {
  const t = useT();
  const parts: string[] = [];
  if (row.isJudge)
    parts.push(row.panel ? t("jury.home.role.judgeInPanel", { panel: row.panel.name }) : t("jury.home.role.judge"));
  if (row.councilRole)
    parts.push(t("jury.home.role.council", { role: t(`jury.councilRole.${row.councilRole}` as MessageKey) }));
  return <>{parts.join(" · ")}</>;
}

function RoundCard({ row }: { row: Row }) {
  const t = useT();
  const { round, progress } = row;
  const headingId = `round-${round.id}`;
  const declarationUrl = `/judge/rounds/${round.id}/declaration`;
  return (
    <li className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{round.name}</h2>
      <dl className="facts">
        <dt>{t("jury.home.jurisdiction")}</dt>
        <dd>
          <Jurisdiction round={round} />
        </dd>
        <dt>{t("jury.home.status")}</dt>
        <dd>
          <span className="badge">{t(`rounds.status.${round.status}` as MessageKey)}</span>
          {round.scoringPasses > 1
            ? ` · ${t("jury.home.pass", { pass: round.currentPass, passes: round.scoringPasses })}`
            : null}
        </dd>
        <dt>{t("jury.home.roles")}</dt>
        <dd>
          <Roles row={row} />
        </dd>
        <dt>{t("jury.home.declaration")}</dt>
        <dd>
          {row.declaredAt ? (
            t("jury.home.declaredOn", { date: formatDate(row.declaredAt) })
          ) : (
            <span className="flag">{t("jury.declaration.none")}</span>
          )}
          {row.declarationOpen ? (
            <>
              {" "}
              ·{" "}
              <Link to={declarationUrl}>
                {row.declaredAt ? t("jury.home.declarationAdd") : t("jury.home.declarationDo")}
              </Link>
            </>
          ) : null}
        </dd>
      </dl>
      {!row.declaredAt && row.declarationOpen ? (
        <p className="notice notice-info">{t("jury.declaration.required")}</p>
      ) : null}
      {progress ? (
        <div className="stack">
          <p>
            {t("jury.home.progress", {
              toScore: progress.toScore,
              draft: progress.draft,
              submitted: progress.submitted,
              assigned: progress.assigned,
            })}
          </p>
          {progress.assigned > 0 ? (
            <progress
              max={progress.assigned}
              value={progress.submitted}
              aria-label={t("jury.home.progressLabel", { submitted: progress.submitted, assigned: progress.assigned })}
            />
          ) : null}
          <p>
            <Link className="button" to={`/judge/rounds/${round.id}`}>
              {t("jury.home.openQueue")}
            </Link>
          </p>
        </div>
      ) : row.isJudge ? (
        <p className="muted">{t("jury.home.notScoringYet")}</p>
      ) : null}
      {row.secretary ? (
        <nav aria-label={t("jury.home.secretaryNav")}>
          <ul className="inline-list">
            <li>
              <Link to={`/admin/rounds/${round.id}/sheets`}>{t("jury.home.sheets")}</Link>
            </li>
            <li>
              <Link to={`/admin/rounds/${round.id}/results`}>{t("jury.home.results")}</Link>
            </li>
          </ul>
        </nav>
      ) : null}
    </li>
  );
}

export default function JudgeHome() {
  const t = useT();
  const { rounds } = useLoaderData<typeof loader>();
  return (
    <div className="stack-lg">
      <h1>{t("jury.home.title")}</h1>
      {rounds.length === 0 ? (
        <div className="card stack">
          <p>{t("jury.home.empty")}</p>
          <p className="muted">{t("jury.home.emptyHint")}</p>
        </div>
      ) : (
        <ul className="card-list">
          {rounds.map((row) => (
            <RoundCard key={row.memberId} row={row} />
          ))}
        </ul>
      )}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
