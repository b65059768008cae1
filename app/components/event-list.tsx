import { useTranslation } from "~/i18n/use-translation";
import { useFormat } from "~/i18n/use-format";
import "~/i18n/pages/activity";

export type EventRow = { id: string; action: string; entityType: string; actor: string | null; createdAt: string; data: string | null };

/** One line per event: who did what, when; with the recorded change for owners. */
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
          {withData && event.data && event.data !== "null" ? <code className="event-data">{event.data}</code> : null}
        </li>
      ))}
    </ol>
  );
}
