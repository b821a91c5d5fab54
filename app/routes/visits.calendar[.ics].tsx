// URL /visits/calendar.ics?round=<roundId>: the calendar file of a round's site visits for the
// reader (decision 039): every visit of the round they may read, scheduled, done and cancelled
// (STATUS:CANCELLED), each with its own stable UID, so one import keeps a member's calendar in step.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAuth } from "~/modules/auth/auth.server";
import { calendarResponse } from "~/modules/visits/ics.server";
import { VisitCalendarQuery } from "~/modules/visits/schemas";
import { roundCalendarData } from "~/modules/visits/visits.server";
import { mapDomainErrors, parseParams, searchParamsObject } from "~/utils/http.server";
import { getLocale } from "~/utils/locale.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const { round } = parseParams(VisitCalendarQuery, searchParamsObject(request), 404);
  const calendar = await mapDomainErrors(() => roundCalendarData(auth, round));
  return calendarResponse(calendar.events, await getLocale(request), "lich-tham-co-so.ics");
}
