// The line a second-pass score sheet shows about the entry's site visit (decision 039): when
// and whether it is reported, linking to the visit's page. Nothing when there is no visit.
import { formatDateTime } from "~/utils/dates";
import { useT } from "~/utils/i18n";
import type { VisitState } from "./visit-rules";

export function VisitLink({ visit }: { visit: { id: string; scheduledAt: Date | string; state: VisitState } | null }) {
  const t = useT();
  if (!visit) return null;
  return (
    <p className="visit-link">
      <a href={`/visits/${visit.id}`}>
        {t("visits.sheet.link", { date: formatDateTime(visit.scheduledAt), state: t(`visits.state.${visit.state}`) })}
      </a>
    </p>
  );
}
