// URL /visits/:visitId/calendar.ics: the calendar file (RFC 5545) of a site visit, for its readers
// (decision 039). A download: members import it into their calendar; a moved visit keeps its
// UID and raises its SEQUENCE, so importing again updates the event; a cancelled one comes as
// STATUS:CANCELLED.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAuth } from "~/modules/auth/auth.server";
import { VisitParams } from "~/modules/visits/schemas";
import { calendarResponse } from "~/modules/visits/ics.server";
import { visitCalendarData } from "~/modules/visits/visits.server";
import { mapDomainErrors, parseParams } from "~/utils/http.server";
import { getLocale } from "~/utils/locale.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const { visitId } = parseParams(VisitParams, params, 404);
  const visit = await mapDomainErrors(() => visitCalendarData(auth, visitId));
  return calendarResponse([visit], await getLocale(request), `tham-co-so-${visit.code || visit.id}.ics`);
}
