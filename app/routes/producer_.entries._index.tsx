import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAuth } from "~/modules/auth/auth.server";
import { listMyEntries } from "~/modules/entries/entries.server";
import { entryOutcome, type EntryOutcome } from "~/modules/entries/entry-outcome";
import type { EntryStatusName } from "~/modules/entries/entry-state";
import type { RoundStatusName } from "~/modules/rounds/round-state";
import { formatDateTime } from "~/utils/dates";
import { useT, type MessageKey } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";

export const meta = titleMeta("entries.producer.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const now = new Date();
  const entries = await listMyEntries(auth);
  return {
    entries: entries.map(({ outcome, certificate, ...e }) => ({
      ...e,
      outcome: entryOutcome(
        {
          status: e.status as EntryStatusName,
          round: { ...e.round, status: e.round.status as RoundStatusName },
          outcome,
          certificate,
        },
        now,
      ),
    })),
  };
}

/** The screening status until the entry is judged, then its result (recognised at which tier, the certificate's standing). */
function OutcomeBadge({ outcome }: { outcome: EntryOutcome }) {
  const t = useT();
  switch (outcome.kind) {
    case "screening":
      return <span className="badge">{t(`entries.status.${outcome.status}`)}</span>;
    case "recognised":
      return (
        <span className="badge badge-success">
          {t("entries.outcome.recognised", {
            level: t(`level.${outcome.level}` as MessageKey).toLocaleLowerCase("vi"),
          })}
          {outcome.certificate ? ` · ${t(`entries.outcome.certificate.${outcome.certificate}` as MessageKey)}` : ""}
        </span>
      );
    default:
      return <span className="badge">{t(`entries.outcome.${outcome.kind}` as MessageKey)}</span>;
  }
}

export default function MyEntries() {
  const t = useT();
  const { entries } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("entries.producer.title")}</h1>
      {entries.length === 0 ? (
        <p>
          {t("entries.producer.empty")} <Link to="/rounds">{t("entries.producer.findRounds")}</Link>
        </p>
      ) : (
        <ul className="card-list">
          {entries.map((e) => (
            <li key={e.id} className="card">
              <h2>
                <Link to={`/producer/entries/${e.id}`}>{e.product.name}</Link>
              </h2>
              <p className="muted">{e.round.name}</p>
              <p>
                <OutcomeBadge outcome={e.outcome} />
                {e.entryCode ? <> · {e.entryCode}</> : null}
                {e.status === "DRAFT" ? (
                  <> · {t("entries.producer.deadline", { date: formatDateTime(e.round.entriesCloseAt) })}</>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
