import { useTranslation } from "~/i18n/use-translation";
import { Form } from "react-router";
import { activityKindNames } from "~/audit/kinds";
import "~/i18n/pages/activity";

/** The filters of the feed and the audit log, as a GET form: the address keeps them. */
export function EventFilters({ actors, values, withDates = false }: { actors: { id: string; name: string }[]; values: Record<string, string | undefined>; withDates?: boolean }) {
  const { t } = useTranslation();
  return (
    <Form method="get" className="field-row filters">
      <div className="field">
        <label htmlFor="filter-kind">{t("activity:filters.kind")}</label>
        <select id="filter-kind" name="kind" defaultValue={values.kind ?? ""}>
          <option value="">{t("activity:filters.all")}</option>
          {activityKindNames.map((kind) => (
            <option key={kind} value={kind}>
              {t(`activity:kinds.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-actor">{t("activity:filters.person")}</label>
        <select id="filter-actor" name="actorId" defaultValue={values.actorId ?? ""}>
          <option value="">{t("activity:filters.everyone")}</option>
          {actors.map((actor) => (
            <option key={actor.id} value={actor.id}>
              {actor.name}
            </option>
          ))}
        </select>
      </div>
      {withDates ? (
        <>
          <div className="field">
            <label htmlFor="filter-from">{t("activity:filters.from")}</label>
            <input id="filter-from" type="date" name="from" defaultValue={values.from} />
          </div>
          <div className="field">
            <label htmlFor="filter-to">{t("activity:filters.to")}</label>
            <input id="filter-to" type="date" name="to" defaultValue={values.to} />
          </div>
        </>
      ) : null}
      <div className="field filter-submit">
        <button type="submit">{t("activity:filters.apply")}</button>
      </div>
    </Form>
  );
}
