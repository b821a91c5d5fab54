// URL /rounds: for a producer, the provincial rounds open in the provinces of their
// establishments, with the deadline in Vietnam time and the days left; for anyone else, how
// taking part works. Regional and national rounds never appear: they take nominations only.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { canManageRounds, isProducer } from "~/modules/access/permissions";
import { getAuth } from "~/modules/auth/auth.server";
import { pendingOnboarding } from "~/modules/producers/onboarding.server";
import { OnboardingSteps } from "~/modules/producers/onboarding-steps";
import { vnDaysLeft } from "~/modules/rounds/round-fields";
import { listOpenRoundsForProducer, producerProvinceIds } from "~/modules/rounds/rounds.server";
import { formatDateTime } from "~/utils/dates";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";

export const meta = titleMeta("rounds.public.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await getAuth(request);
  const manager = !!auth && canManageRounds(auth.roles);
  if (!auth || !isProducer(auth.roles)) {
    return {
      signedIn: !!auth,
      producer: false as const,
      manager,
      hasEstablishment: false,
      rounds: [],
      onboarding: null,
    };
  }
  const now = new Date();
  const [provinceIds, onboarding] = await Promise.all([
    producerProvinceIds(auth.user.id),
    pendingOnboarding(auth.user.id),
  ]);
  const rounds = (await listOpenRoundsForProducer(provinceIds, now)).map((r) => ({
    id: r.id,
    name: r.name,
    province: r.province?.name ?? "",
    groups: r.groups,
    requiredDocuments: r.requiredDocuments,
    description: r.description,
    entriesOpenAt: r.entriesOpenAt,
    entriesCloseAt: r.entriesCloseAt,
    acceptingNow: r.acceptingNow,
    // Computed here, not in the browser: the page must not depend on the phone's clock or zone.
    daysLeft: vnDaysLeft(r.entriesCloseAt, now),
  }));
  return {
    signedIn: true,
    producer: true as const,
    manager,
    hasEstablishment: provinceIds.length > 0,
    rounds,
    onboarding,
  };
}

function DaysLeft({ days }: { days: number }) {
  const t = useT();
  if (days <= 0) return <>{t("rounds.public.lastDay")}</>;
  if (days === 1) return <>{t("rounds.public.oneDayLeft")}</>;
  return <>{t("rounds.public.daysLeft", { days })}</>;
}

export default function OpenRounds() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  return (
    <div className="stack-lg">
      <div className="stack">
        <h1>{t("rounds.public.title")}</h1>
        <p className="muted">{t("rounds.public.intro")}</p>
      </div>
      {data.onboarding ? <OnboardingSteps walk={data.onboarding} /> : null}

      {!data.signedIn ? (
        <div className="stack">
          <p>{t("rounds.public.anonymous")}</p>
          <p>
            <Link to="/login?redirectTo=%2Frounds" className="button">
              {t("nav.login")}
            </Link>{" "}
            <Link to="/signup" className="button button-secondary">
              {t("nav.signup")}
            </Link>
          </p>
        </div>
      ) : null}

      {data.manager ? (
        <div className="stack">
          {data.producer ? null : <p>{t("rounds.public.organiser")}</p>}
          <p>
            <Link to="/admin/rounds">{t("rounds.public.manage")}</Link>
          </p>
        </div>
      ) : null}

      {data.producer && !data.hasEstablishment ? (
        <div className="stack">
          <p className="notice notice-info">{t("rounds.public.noEstablishment")}</p>
          <p>
            <Link to="/producer/establishments/new" className="button">
              {t("rounds.public.registerEstablishment")}
            </Link>
          </p>
        </div>
      ) : null}
      {data.producer && data.hasEstablishment && data.rounds.length === 0 ? (
        <p className="notice notice-info">{t("rounds.public.none")}</p>
      ) : null}

      {data.rounds.length > 0 ? (
        <div className="stack">
          {data.rounds.map((r) => (
            <article key={r.id} className="card stack" aria-labelledby={`round-${r.id}`}>
              <h2 id={`round-${r.id}`}>{r.name}</h2>
              <dl className="facts">
                <dt>{t("rounds.public.province")}</dt>
                <dd>{r.province}</dd>
                {r.acceptingNow ? null : (
                  <>
                    <dt>{t("rounds.public.opensAt")}</dt>
                    <dd>
                      {formatDateTime(r.entriesOpenAt)} ({t("rounds.public.timeZone")}) —{" "}
                      {t("rounds.public.notYetOpen")}
                    </dd>
                  </>
                )}
                <dt>{t("rounds.public.deadline")}</dt>
                <dd>
                  <strong>{formatDateTime(r.entriesCloseAt)}</strong> ({t("rounds.public.timeZone")}) —{" "}
                  <DaysLeft days={r.daysLeft} />
                </dd>
                <dt>{t("rounds.public.groups")}</dt>
                <dd>
                  <ul>
                    {r.groups.map((g) => (
                      <li key={g}>
                        {g} — {t(`group.${g}`)}
                      </li>
                    ))}
                  </ul>
                </dd>
                <dt>{t("rounds.public.documents")}</dt>
                <dd>
                  <ul>
                    {r.requiredDocuments.map((d) => (
                      <li key={d}>{t(`rounds.doc.${d}`)}</li>
                    ))}
                  </ul>
                </dd>
              </dl>
              {r.description ? <p className="pre-line">{r.description}</p> : null}
              {r.acceptingNow ? (
                <p>
                  <Link to={`/producer/entries/new?round=${r.id}`} className="button">
                    {t("rounds.public.enter")}
                  </Link>
                </p>
              ) : null}
            </article>
          ))}
        </div>
      ) : null}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
