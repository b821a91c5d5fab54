// URL /visits/:visitId/calendar.ics: the calendar file (RFC 5545) of a site visit, for its readers
// (decision 039). A download: members import it into their calendar; a moved visit keeps its
// UID and raises its SEQUENCE, so importing again updates the event.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAuth } from "~/modules/auth/auth.server";
import { contentDisposition } from "~/modules/files/headers";
import { visitCalendar } from "~/modules/visits/ics.server";
import { VisitParams } from "~/modules/visits/schemas";
import { visitCalendarData } from "~/modules/visits/visits.server";
import { getEnv } from "~/utils/env.server";
import { mapDomainErrors, parseParams } from "~/utils/http.server";
import { getLocale } from "~/utils/locale.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const { visitId } = parseParams(VisitParams, params, 404);
  const visit = await mapDomainErrors(() => visitCalendarData(auth, visitId));
  const body = visitCalendar(visit, await getLocale(request), `${getEnv().appUrl}/visits/${visit.id}`);
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": contentDisposition("attachment", `tham-co-so-${visit.code || visit.id}.ics`),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
