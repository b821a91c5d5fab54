// The lines a second-pass score sheet shows about the entry's site visits (decision 039): one
// link per reported visit, latest first, to the visit's page. Nothing when none is reported.
import { formatDateTime } from "~/utils/dates";
import { useT } from "~/utils/i18n";
import type { VisitState } from "./visit-rules";

export function VisitLinks({ visits }: { visits: { id: string; scheduledAt: Date | string; state: VisitState }[] }) {
  const t = useT();
  if (!visits.length) return null;
  return (
    <ul className="visit-link">
      {visits.map((visit) => (
        <li key={visit.id}>
          <a href={`/visits/${visit.id}`}>
            {t("visits.sheet.link", {
              date: formatDateTime(visit.scheduledAt),
              state: t(`visits.state.${visit.state}`),
            })}
          </a>
        </li>
      ))}
    </ul>
  );
}
