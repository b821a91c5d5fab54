import { data, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { decideCache, PAGE_POLICY, pageHeaders } from "~/modules/register/cache.server";
import { cachedHomeRegister, openRounds } from "~/modules/register/home.server";
import { readRegisterVersion, versionTag } from "~/modules/register/version.server";
import { formatDateTime } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { getLocale } from "~/utils/locale.server";
import { useT, type MessageKey, type I18nHandle } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";

/** Translations the page needs in the browser (decision 015). */
export const handle: I18nHandle = { i18n: ["site"] };

export const meta = titleMeta("home.title", "home.lead");

export const headers: HeadersFunction = pageHeaders;

// Public and cacheable: the register part is memoised per register version; the open rounds
// (not tracked by that version) are one small query whose ids and deadlines join the ETag.
export async function loader({ request }: LoaderFunctionArgs) {
  const now = new Date();
  const [locale, version, rounds] = await Promise.all([getLocale(request), readRegisterVersion(), openRounds(now)]);
  const cache = await decideCache(request, PAGE_POLICY, () => [
    locale,
    versionTag(version),
    rounds.map((r) => [r.id, r.updatedAt]),
  ]);
  if (cache.notModified) throw cache.notModified;
  const [register, current, regions] = await Promise.all([
    cachedHomeRegister(version, now),
    prisma.province.count({ where: { validTo: null } }),
    prisma.region.count(),
  ]);
  return data(
    {
      current,
      regions,
      register,
      rounds: rounds.map((r) => ({
        id: r.id,
        name: r.name,
        province: r.province?.name ?? "",
        entriesCloseAt: r.entriesCloseAt,
      })),
    },
    { headers: cache.headers },
  );
}

const CRITERIA: Array<[MessageKey, number]> = [
  ["home.rubric.c1", 40],
  ["home.rubric.c2", 40],
  ["home.rubric.c3", 10],
  ["home.rubric.c4", 10],
];

export default function Home() {
  const t = useT();
  const { current, regions, register, rounds } = useLoaderData<typeof loader>();
  return (
    <div className="stack-lg">
      <section className="hero">
        <h1>{t("home.title")}</h1>
        <p className="lead">{t("home.lead")}</p>
      </section>

      {/* The live register: what /products lists, counted, with the newest certificates. */}
      <section className="card stack" aria-labelledby="register-h">
        <h2 id="register-h">{t("home.register.title")}</h2>
        <ul className="home-counts">
          <li>
            <strong>{register.counts.valid}</strong> {t("home.register.valid")}
          </li>
          <li>
            <strong>{register.counts.products}</strong> {t("home.register.products")}
          </li>
          <li>
            <strong>{register.counts.certificates}</strong> {t("home.register.certificates")}
          </li>
        </ul>
        {register.latest.length > 0 ? (
          <>
            <h3>{t("home.register.latest")}</h3>
            <ul>
              {register.latest.map((c) => (
                <li key={c.id}>
                  <Link to={`/products/${c.productId}`}>{c.productName}</Link> — {c.establishmentName} ({c.year})
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p>
          <Link to="/products">{t("home.register.all")}</Link> · <Link to="/statistics">{t("nav.statistics")}</Link>
        </p>
      </section>

      <section className="card stack" aria-labelledby="open-h">
        <h2 id="open-h">{t("home.rounds.title")}</h2>
        {rounds.length === 0 ? (
          <p>{t("home.rounds.none")}</p>
        ) : (
          <ul>
            {rounds.map((r) => (
              <li key={r.id}>
                <strong>{r.name}</strong> — {r.province} ·{" "}
                {t("home.rounds.deadline", { date: formatDateTime(r.entriesCloseAt) })}
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to="/rounds">{t("home.rounds.link")}</Link>
        </p>
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

        <section className="card stack" aria-labelledby="citizen-h">
          <h2 id="citizen-h">{t("home.citizen.title")}</h2>
          <p>{t("home.citizen.body")}</p>
          <Form method="get" action="/verify" reloadDocument className="stack">
            <div className="field">
              <label htmlFor="home-code">{t("home.verify.label")}</label>
              <input
                id="home-code"
                name="code"
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                maxLength={64}
                required
              />
            </div>
            <div>
              <button type="submit" className="button button-secondary">
                {t("home.verify.submit")}
              </button>
            </div>
          </Form>
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
