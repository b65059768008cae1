import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical from "ical-generator";
import { DateTime } from "luxon";
import { config } from "~/config.server";
import { shownLink } from "~/mail/mail.server";
import { href } from "~/utils/links";
import { tFor } from "~/i18n/i18n.server";
import type { Lang } from "~/i18n/languages";
import { pickLocalized } from "~/i18n/localized";
import type { VisitView } from "./visits.server";

/**
 * The programme as an iCalendar file, one event per agenda item, on the host city's clock with its
 * VTIMEZONE, so Outlook and phones show each item at the right time wherever the reader is.
 */
export function visitCalendar(visit: VisitView, lang: Lang, projectId: string): string {
  const t = tFor(lang);
  const zone = visit.host.timeZone;
  const title = pickLocalized(visit.titles, visit.originalLang, lang).text;
  const calendar = ical({
    name: title,
    prodId: { company: "Västerås–Jinan", product: "partnership-workspace", language: lang.toUpperCase() },
    timezone: { name: zone, generator: getVtimezoneComponent },
  });
  for (const item of visit.agendaItems) {
    calendar.createEvent({
      // Stable ids: importing the file again updates the events instead of doubling them.
      id: `${item.id}@partnership-workspace`,
      start: DateTime.fromISO(item.startsAt, { zone }),
      end: DateTime.fromISO(item.endsAt, { zone }),
      timezone: zone,
      summary: pickLocalized(item.titles, item.originalLang, lang).text,
      location: item.place || null,
      description: [title, item.leader ? t("visits:ledBy", { name: item.leader }) : ""].filter(Boolean).join("\n"),
      url: config().PUBLIC_URL ? shownLink(href("/projects/:projectId/visits/:visitId/items/:itemId", { projectId, visitId: visit.id, itemId: item.id })) : null,
    });
  }
  return calendar.toString();
}
