// The calendar files of site visits (RFC 5545), written with the `ics` library (decision 039):
// one VEVENT per visit with a stable UID and the visit's SEQUENCE, so a member who imports the
// file again after the visit was moved gets the event updated, not duplicated; a cancelled visit
// keeps its UID with STATUS:CANCELLED and a higher SEQUENCE, so calendars drop it. A visit's file
// holds its one event; a round's file every visit of the round its reader may read. Times are UTC
// instants (the members' calendars show them in their own zone); texts are in the reader's language.
import { createEvents, type EventAttributes } from "ics";
import { contentDisposition } from "~/modules/files/headers";
import { getEnv } from "~/utils/env.server";
import { getT, type Locale } from "~/utils/i18n";
import type { CalendarEvent } from "./visits.server";

/** The host part of every visit's UID: unique to this application, stable across instances. */
const UID_DOMAIN = "tieubieu.vn";

export const visitUid = (id: string) => `site-visit-${id}@${UID_DOMAIN}`;

function event(visit: CalendarEvent, locale: Locale, appUrl: string): EventAttributes {
  const t = getT(locale);
  return {
    uid: visitUid(visit.id),
    sequence: visit.sequence,
    start: visit.start.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    duration: { hours: Math.floor(visit.durationMinutes / 60), minutes: visit.durationMinutes % 60 },
    lastModified: visit.updatedAt.getTime(),
    title: t(visit.cancelled ? "visits.ics.cancelledTitle" : "visits.ics.title", {
      code: visit.code,
      product: visit.productName,
    }),
    description: t("visits.ics.description", {
      round: visit.roundName,
      members: visit.members.map((m) => m.name).join(", "),
      note: visit.note ?? "",
    }).trim(),
    location: visit.address,
    url: `${appUrl}/visits/${visit.id}`,
    status: visit.cancelled ? "CANCELLED" : "CONFIRMED",
    attendees: visit.members.map((m) => ({
      name: m.name,
      email: m.email,
      rsvp: false,
      role: "REQ-PARTICIPANT" as const,
    })),
  };
}

/** A calendar file of one or more visits, one VEVENT each. */
export function visitsCalendar(visits: CalendarEvent[], locale: Locale, appUrl: string): string {
  const { error, value } = createEvents(
    visits.map((v) => event(v, locale, appUrl)),
    { productId: "tieubieu/site-visits", method: "PUBLISH" },
  );
  if (error || !value) throw error ?? new Error("calendar file not written");
  return value;
}

/** The download of a calendar file: private, never cached, never sniffed. */
export function calendarResponse(visits: CalendarEvent[], locale: Locale, fileName: string): Response {
  return new Response(visitsCalendar(visits, locale, getEnv().appUrl), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": contentDisposition("attachment", fileName),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
