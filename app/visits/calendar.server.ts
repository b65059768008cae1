import { addProgramme, newCalendar, programmeSelect } from "~/calendar/ical.server";
import { db } from "~/db/db.server";
import type { Lang } from "~/i18n/languages";
import { pickLocalized, readLocalized } from "~/i18n/localized";

/**
 * The programme as an iCalendar file, one event per agenda item, on the host city's clock with its
 * VTIMEZONE, so Outlook and phones show each item at the right time wherever the reader is.
 */
export async function visitCalendar(projectId: string, visitId: string, lang: Lang): Promise<{ ics: string; startDate: Date } | null> {
  const visit = await db.visit.findFirst({ where: { id: visitId, projectId }, select: { ...programmeSelect, startDate: true } });
  if (!visit) return null;
  const calendar = newCalendar(pickLocalized(readLocalized(visit.titles), visit.originalLang, lang).text, lang);
  addProgramme(calendar, visit, lang);
  return { ics: calendar.toString(), startDate: visit.startDate };
}
