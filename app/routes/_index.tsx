import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { prisma } from "~/utils/db.server";
import { useT, type MessageKey, type I18nHandle } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";

/** Translations the page needs in the browser (decision 015). */
export const handle: I18nHandle = { i18n: ["site"] };

export const meta = titleMeta("home.title", "home.lead");

export async function loader(_: LoaderFunctionArgs) {
  const [current, regions] = await Promise.all([
    prisma.province.count({ where: { validTo: null } }),
    prisma.region.count(),
  ]);
  return { current, regions };
}

const CRITERIA: Array<[MessageKey, number]> = [
  ["home.rubric.c1", 40],
  ["home.rubric.c2", 40],
  ["home.rubric.c3", 10],
  ["home.rubric.c4", 10],
];

export default function Home() {
  const t = useT();
  const { current, regions } = useLoaderData<typeof loader>();
  return (
    <div className="stack-lg">
      <section className="hero">
        <h1>{t("home.title")}</h1>
        <p className="lead">{t("home.lead")}</p>
      </section>

      <div className="grid-3">
        <section className="card" aria-labelledby="producer-h">
          <h2 id="producer-h">{t("home.producer.title")}</h2>
          <p>{t("home.producer.body")}</p>
          <ol>
            {t("home.producer.steps")
              .split("|")
              .map((step) => (
                <li key={step}>{step}</li>
              ))}
          </ol>
          <p className="actions">
            <Link to="/signup" className="button">
              {t("home.producer.cta")}
            </Link>{" "}
            <Link to="/login">{t("home.producer.login")}</Link>
          </p>
        </section>

        <section className="card" aria-labelledby="citizen-h">
          <h2 id="citizen-h">{t("home.citizen.title")}</h2>
          <p>{t("home.citizen.body")}</p>
          <p className="muted">{t("home.citizen.soon")}</p>
        </section>

        <section className="card" aria-labelledby="organiser-h">
          <h2 id="organiser-h">{t("home.organiser.title")}</h2>
          <p>{t("home.organiser.body")}</p>
          <p className="actions">
            <Link to="/login" className="button button-secondary">
              {t("home.organiser.cta")}
            </Link>
          </p>
        </section>
      </div>

      <section aria-labelledby="rubric-h">
        <h2 id="rubric-h">{t("home.rubric.title")}</h2>
        <ul className="rubric">
          {CRITERIA.map(([key, points], i) => (
            <li key={key}>
              <span className="rubric-num">{i + 1}</span>
              <span>{t(key)}</span>
              <strong>{t("home.rubric.points", { points })}</strong>
            </li>
          ))}
        </ul>
        <p>{t("home.rubric.pass")}</p>
      </section>

      <div className="grid-2">
        <section aria-labelledby="groups-h">
          <h2 id="groups-h">{t("home.groups.title")}</h2>
          <ul>
            {(["A", "B", "C", "D"] as const).map((g) => (
              <li key={g}>
                <strong>{g}.</strong> {t(`group.${g}`)}
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="tiers-h">
          <h2 id="tiers-h">{t("home.tiers.title")}</h2>
          <p>{t("home.tiers.body")}</p>
          <p>{t("home.provinces", { current, regions })}</p>
        </section>
      </div>
    </div>
  );
}
