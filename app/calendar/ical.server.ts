import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, { ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from "ical-generator";
import { DateTime } from "luxon";
import { config } from "~/config.server";
import { tFor } from "~/i18n/i18n.server";
import type { Lang } from "~/i18n/languages";
import { pickLocalized, readLocalized } from "~/i18n/localized";
import { shownLink } from "~/mail/mail.server";
import type { Language, VisitStatus } from "~/generated/prisma/enums";
import { href } from "~/utils/links";

// What every calendar file of the workspace shares (decision 037): METHOD:PUBLISH, DTSTAMP in UTC,
// a VTIMEZONE for each zone its events use, UIDs that never change, and a SEQUENCE that grows
// with each change, so Outlook, Google and Apple update an event when a file is imported again.

/** SEQUENCE counts seconds from here: a 32-bit integer lasts until 2088. */
const SEQUENCE_EPOCH = Date.UTC(2020, 0, 1);
const MAX_SEQUENCE = 2 ** 31 - 1;

/**
 * The revision of an event: the latest time anything it shows was changed, in seconds. It only
 * grows while the clock does, needs no counter kept in step by every write, and is the same in
 * every download until the next change.
 */
export function sequenceOf(...changedAt: Date[]): number {
  const latest = Math.max(...changedAt.map((date) => date.getTime()));
  return Math.min(MAX_SEQUENCE, Math.max(0, Math.floor((latest - SEQUENCE_EPOCH) / 1000)));
}

/** The headers of every calendar file: the reader's own, never kept by a cache (nosniff is on every answer, server/app.ts). */
export function calendarHeaders(fileName: string): HeadersInit {
  return {
    "Content-Type": "text/calendar; charset=utf-8",
    "Content-Disposition": `attachment; filename="${fileName}"`,
    "Cache-Control": "private, no-store",
  };
}

/** A stable UID per thing an event shows: importing again updates the event instead of doubling it. */
export const eventUid = (kind: "item" | "due" | "meeting", id: string) => (kind === "item" ? `${id}@partnership-workspace` : `${kind}-${id}@partnership-workspace`);

export function newCalendar(name: string, lang: Lang): ICalCalendar {
  return ical({
    name,
    method: ICalCalendarMethod.PUBLISH,
    prodId: { company: "Västerås–Jinan", product: "partnership-workspace", language: lang.toUpperCase() },
    // No calendar-wide zone (ical-generator would write the non-standard TIMEZONE-ID and local
    // DTSTAMPs); each event names its own, and a VTIMEZONE is written for each zone used.
    timezone: { name: null, generator: getVtimezoneComponent },
  });
}

/** An address of the workspace in an event, when the workspace knows its public address. */
const pageLink = (path: string) => (config().PUBLIC_URL ? shownLink(path) : null);

export type ProgrammeVisit = {
  id: string;
  projectId: string;
  titles: unknown;
  originalLang: Language;
  status: VisitStatus;
  updatedAt: Date;
  host: { timeZone: string };
  agendaItems: { id: string; startsAt: Date; endsAt: Date; titles: unknown; originalLang: Language; place: string; leader: string; updatedAt: Date }[];
};

/** What a programme's events are read from; the visit's title is in each item's description. */
export const programmeSelect = {
  id: true,
  projectId: true,
  titles: true,
  originalLang: true,
  status: true,
  updatedAt: true,
  host: { select: { timeZone: true } },
  agendaItems: {
    orderBy: { startsAt: "asc" },
    select: { id: true, startsAt: true, endsAt: true, titles: true, originalLang: true, place: true, leader: true, updatedAt: true },
  },
} as const;

/** A visit's programme, one event per agenda item on the host city's clock. */
export function addProgramme(calendar: ICalCalendar, visit: ProgrammeVisit, lang: Lang, context?: string) {
  const t = tFor(lang);
  const zone = visit.host.timeZone;
  const title = pickLocalized(readLocalized(visit.titles), visit.originalLang, lang).text;
  for (const item of visit.agendaItems) {
    calendar.createEvent({
      id: eventUid("item", item.id),
      sequence: sequenceOf(item.updatedAt, visit.updatedAt),
      lastModified: item.updatedAt > visit.updatedAt ? item.updatedAt : visit.updatedAt,
      start: DateTime.fromJSDate(item.startsAt, { zone }),
      end: DateTime.fromJSDate(item.endsAt, { zone }),
      timezone: zone,
      summary: pickLocalized(readLocalized(item.titles), item.originalLang, lang).text,
      location: item.place || null,
      description: [context, title, item.leader ? t("visits:ledBy", { name: item.leader }) : ""].filter(Boolean).join("\n"),
      // A cancelled visit's items stay in the file, marked so, and leave the reader's calendar.
      status: visit.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      url: pageLink(href("/projects/:projectId/visits/:visitId/items/:itemId", { projectId: visit.projectId, visitId: visit.id, itemId: item.id })),
    });
  }
}

export type CalendarMilestone = { id: string; projectId: string; titles: unknown; originalLang: Language; dueDate: Date; meetingAt: Date | null; updatedAt: Date };

/** A milestone's due date (a whole day) and, when one is set, its steering-group meeting. */
export function addMilestone(calendar: ICalCalendar, milestone: CalendarMilestone, lang: Lang, context?: string) {
  const t = tFor(lang);
  const title = pickLocalized(readLocalized(milestone.titles), milestone.originalLang, lang).text;
  const url = pageLink(href("/projects/:projectId/milestones/:milestoneId", { projectId: milestone.projectId, milestoneId: milestone.id }));
  const day = DateTime.fromISO(milestone.dueDate.toISOString().slice(0, 10), { zone: "UTC" });
  calendar.createEvent({
    id: eventUid("due", milestone.id),
    sequence: sequenceOf(milestone.updatedAt),
    lastModified: milestone.updatedAt,
    allDay: true,
    start: day,
    end: day.plus({ days: 1 }),
    summary: t("milestones:calendarDue", { title }),
    description: context ?? null,
    url,
  });
  if (milestone.meetingAt) {
    // The meeting is kept as an instant, without its length: the event is that moment, in UTC.
    calendar.createEvent({
      id: eventUid("meeting", milestone.id),
      sequence: sequenceOf(milestone.updatedAt),
      lastModified: milestone.updatedAt,
      start: DateTime.fromJSDate(milestone.meetingAt, { zone: "UTC" }),
      summary: t("milestones:calendarMeeting", { title }),
      description: context ?? null,
      url,
    });
  }
}
