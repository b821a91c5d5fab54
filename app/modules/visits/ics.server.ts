// The calendar file of a site visit (RFC 5545), written with the `ics` library (decision 039):
// one VEVENT per visit with a stable UID and the visit's SEQUENCE, so a member who imports the
// file again after the visit was moved gets the event updated, not duplicated. Times are UTC
// instants (the members' calendars show them in their own zone); the texts are in the reader's
// language.
import { createEvent } from "ics";
import { getT, type Locale } from "~/utils/i18n";
import type { visitCalendarData } from "./visits.server";

type CalendarData = Awaited<ReturnType<typeof visitCalendarData>>;

/** The host part of every visit's UID: unique to this application, stable across instances. */
const UID_DOMAIN = "tieubieu.vn";

export function visitCalendar(visit: CalendarData, locale: Locale, pageUrl: string): string {
  const t = getT(locale);
  const { error, value } = createEvent({
    productId: "tieubieu/site-visits",
    method: "PUBLISH",
    uid: `site-visit-${visit.id}@${UID_DOMAIN}`,
    sequence: visit.sequence,
    start: visit.start.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    duration: { hours: Math.floor(visit.durationMinutes / 60), minutes: visit.durationMinutes % 60 },
    lastModified: visit.updatedAt.getTime(),
    title: t("visits.ics.title", { code: visit.code, product: visit.productName }),
    description: t("visits.ics.description", {
      round: visit.roundName,
      members: visit.members.map((m) => m.name).join(", "),
      note: visit.note ?? "",
    }).trim(),
    location: visit.address,
    url: pageUrl,
    status: "CONFIRMED",
    attendees: visit.members.map((m) => ({
      name: m.name,
      email: m.email,
      rsvp: false,
      role: "REQ-PARTICIPANT" as const,
    })),
  });
  if (error || !value) throw error ?? new Error("calendar file not written");
  return value;
}
