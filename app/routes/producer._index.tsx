import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { producerChecklist } from "~/modules/producers/dossier";
import { listMyEstablishments } from "~/modules/producers/establishments.server";
import { loadOnboarding } from "~/modules/producers/onboarding.server";
import { OnboardingSteps } from "~/modules/producers/onboarding-steps";
import { requireProducer } from "~/modules/producers/guard.server";
import { useT, type MessageKey } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";

/** "Hồ sơ của tôi": the producer's establishments, their products and what each dossier misses. */
export const meta = titleMeta("producers.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireProducer(request);
  const rows = await listMyEstablishments(auth.user.id);
  const walk = await loadOnboarding(auth.user.id, rows);
  return {
    onboarding: walk.complete ? null : walk,
    establishments: rows.map(({ files, ...e }) => ({
      ...e,
      products: e.products.map((p) => ({
        id: p.id,
        name: p.name,
        group: p.group,
        missing: producerChecklist(p, files).missing.length,
      })),
    })),
  };
}

export default function ProducerHome() {
  const t = useT();
  const { establishments, onboarding } = useLoaderData<typeof loader>();
  return (
    <div className="stack-lg">
      <div className="stack">
        <h1>{t("producers.title")}</h1>
        <p>{t("producers.intro")}</p>
      </div>
      {/* Until the first entry reaches a round, where the producer is on the path and the next link. */}
      {onboarding ? <OnboardingSteps walk={onboarding} /> : null}

      {establishments.length === 0 ? (
        <section className="card stack" aria-labelledby="start-h">
          <h2 id="start-h">{t("producers.empty.title")}</h2>
          <p>{t("producers.empty.body")}</p>
          <p>
            <Link to="/producer/establishments/new" className="button">
              {t("producers.establishment.new")}
            </Link>
          </p>
        </section>
      ) : (
        <section className="stack" aria-labelledby="est-h">
          <h2 id="est-h">{t("producers.establishments")}</h2>
          <ul className="card-list">
            {establishments.map((e) => (
              <li key={e.id} className="card stack">
                <h3>
                  <Link to={`/producer/establishments/${e.id}`}>{e.name}</Link>
                </h3>
                <p className="muted">
                  {t(`legalForm.${e.legalForm}` as MessageKey)} · {e.registrationNumber} ·{" "}
                  {[e.commune, e.province.name].filter(Boolean).join(", ")}
                </p>
                {e.products.length === 0 ? (
                  <p>{t("producers.products.none")}</p>
                ) : (
                  <ul>
                    {e.products.map((p) => (
                      <li key={p.id}>
                        <Link to={`/producer/products/${p.id}`}>{p.name}</Link>{" "}
                        <span className="badge">{t("producers.groupBadge", { group: p.group })}</span>{" "}
                        <span className={p.missing === 0 ? "muted" : undefined}>
                          {p.missing === 0
                            ? t("producers.dossier.complete")
                            : t("producers.dossier.missing", { count: p.missing })}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
                <p>
                  <Link to={`/producer/products/new?establishment=${e.id}`} className="button button-secondary">
                    {t("producers.product.new")}
                  </Link>
                </p>
              </li>
            ))}
          </ul>
          <p>
            <Link to="/producer/establishments/new">{t("producers.establishment.addAnother")}</Link>
          </p>
        </section>
      )}

      <section className="card stack" aria-labelledby="rounds-h">
        <h2 id="rounds-h">{t("producers.rounds.title")}</h2>
        <p>{t("producers.rounds.body")}</p>
        <p>
          <Link to="/rounds">{t("producers.rounds.link")}</Link>
        </p>
        <p>
          <Link to="/producer/entries">{t("producers.entries.link")}</Link>
        </p>
        <p>
          <Link to="/producer/certificates">{t("producers.certificates.link")}</Link>
        </p>
      </section>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
