import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import type { Route } from "./+types/project.audit";
import { listActors, listEvents, throughEndOfDay } from "~/audit/activity.server";
import { EventFilterSchema } from "~/audit/schemas";
import { requireProjectRole } from "~/auth/project-access.server";
import { EventFilters } from "~/components/event-filters";
import { EventList } from "~/components/event-list";
import { parseQuery } from "~/utils/forms";

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireProjectRole(request, params.projectId, "audit:read");
  const filter = parseQuery(EventFilterSchema, request);
  const range = throughEndOfDay(filter);
  const [events, actors] = await Promise.all([listEvents(params.projectId, range, { limit: 500, withData: true }), listActors(params.projectId)]);
  return {
    events,
    actors,
    values: { kind: filter.kind, actorId: filter.actorId, from: filter.from?.toISOString().slice(0, 10), to: filter.to?.toISOString().slice(0, 10) },
  };
}

export default function Audit({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const location = useLocation();
  const query = new URLSearchParams(location.search);
  return (
    <>
      <title>{`${t("activity:audit")} · ${t("appName")}`}</title>
      <div className="page-heading">
        <h1>{t("activity:audit")}</h1>
        <Link to={`csv?${query}`} reloadDocument className="button">
          {t("activity:csv")}
        </Link>
      </div>
      <EventFilters actors={loaderData.actors} values={loaderData.values} withDates />
      <EventList events={loaderData.events} withData />
    </>
  );
}
