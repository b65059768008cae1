import { Link } from "react-router";
import { useTranslation } from "~/i18n/use-translation";
import { useFormat } from "~/i18n/use-format";
import { pickLocalized } from "~/i18n/localized";
import { useSectionTitle } from "~/components/section-title";
import type { ActivityObject } from "~/audit/activity-objects.server";
import "~/i18n/pages/activity";

export type EventRow = { id: string; action: string; entityType: string; actor: string | null; createdAt: string; data: string | null; object?: ActivityObject | null };

/** The thing an event is about, as a link: "the milestone “Kick-off report”", in the reader's language. */
function ObjectLink({ object }: { object: ActivityObject }) {
  const { t } = useTranslation();
  const format = useFormat();
  const sectionTitle = useSectionTitle();
  let title: string | null = null;
  if (object.title && "texts" in object.title) {
    const picked = pickLocalized(object.title.texts, object.title.original, format.lang);
    title = picked.text || null;
  } else if (object.title && "section" in object.title) {
    const picked = sectionTitle(object.title.section);
    title = picked.text;
  } else if (object.title) title = object.title.text;
  return (
    <Link to={object.to} className="event-object">
      {title === null ? t(`activity:objects.${object.kind}`) : t(`activity:objects.${object.kind}_titled`, { title })}
    </Link>
  );
}

/** One line per event: who did what, to what, when; with the recorded change for owners. */
export function EventList({ events, withData = false }: { events: EventRow[]; withData?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (events.length === 0) return <p className="muted">{t("activity:empty")}</p>;
  return (
    <ol className="events">
      {events.map((event) => (
        <li key={event.id}>
          <span className="muted">{format.dateTime(event.createdAt)}</span> <strong>{event.actor ?? t("activity:system")}</strong>{" "}
          {t(`activity:actions.${event.action.replace(/\./g, "_")}`, { defaultValue: event.action })}
          {event.object ? (
            <>
              {t("activity:objectSeparator")}
              <ObjectLink object={event.object} />
            </>
          ) : null}
          {withData && event.data && event.data !== "null" ? <code className="event-data">{event.data}</code> : null}
        </li>
      ))}
    </ol>
  );
}
