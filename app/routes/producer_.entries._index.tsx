import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAuth } from "~/modules/auth/auth.server";
import { listMyEntries } from "~/modules/entries/entries.server";
import { formatDateTime } from "~/utils/dates";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";

export const meta = titleMeta("entries.producer.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  return { entries: await listMyEntries(auth) };
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
                <span className="badge">{t(`entries.status.${e.status}`)}</span>
                {e.entryCode ? <> · {e.entryCode}</> : null}
                {e.status === "DRAFT" ? <> · {t("entries.producer.deadline", { date: formatDateTime(e.round.entriesCloseAt) })}</> : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
