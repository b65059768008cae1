import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import type { Route } from "./+types/project.audit";
import { listActors, listEvents, throughEndOfDay } from "~/audit/activity.server";
import { EventFilterSchema } from "~/audit/schemas";
import { requireProjectRole } from "~/auth/project-access.server";
import { EventFilters } from "~/components/event-filters";
import { EventList } from "~/components/event-list";
import { href } from "~/utils/links";

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireProjectRole(request, params.projectId, "audit:read");
  const filter = EventFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const range = throughEndOfDay(filter);
  const [events, actors] = await Promise.all([listEvents(params.projectId, range, { limit: 500, withData: true }), listActors(params.projectId)]);
  return {
    events,
    actors,
    values: { kind: filter.kind, actorId: filter.actorId, from: filter.from?.toISOString().slice(0, 10), to: filter.to?.toISOString().slice(0, 10) },
  };
}

export default function Audit({ loaderData, params }: Route.ComponentProps) {
  const { projectId } = params;
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <>
      <title>{`${t("activity:audit")} · ${t("appName")}`}</title>
      <div className="page-heading">
        <h1>{t("activity:audit")}</h1>
        {/* A file, not a page: a plain link that downloads. */}
        <a href={`${href("/projects/:projectId/audit/csv", { projectId })}${location.search}`} download className="button">
          {t("activity:csv")}
        </a>
      </div>
      <EventFilters actors={loaderData.actors} values={loaderData.values} withDates />
      <EventList events={loaderData.events} withData />
    </>
  );
}
