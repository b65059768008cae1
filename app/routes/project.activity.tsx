import { useTranslation } from "~/i18n/use-translation";
import type { Route } from "./+types/project.activity";
import { listActors, listEvents } from "~/audit/activity.server";
import { activityObjects } from "~/audit/activity-objects.server";
import { EventFilterSchema } from "~/audit/schemas";
import { requireProjectRole } from "~/auth/project-access.server";
import { EventFilters } from "~/components/event-filters";
import { EventList } from "~/components/event-list";
import { parseQuery } from "~/utils/forms";
import "~/i18n/pages/activity";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, role } = await requireProjectRole(request, params.projectId);
  const filter = parseQuery(EventFilterSchema, request);
  const [events, actors] = await Promise.all([
    listEvents(params.projectId, filter, { limit: 200, withData: false }),
    listActors(params.projectId),
  ]);
  // Each entry names the thing it is about and links to it (app/audit/activity-objects.server.ts).
  const objects = await activityObjects(params.projectId, events, { id: user.id, role });
  return { events: events.map((event, index) => ({ ...event, object: objects[index] ?? null })), actors, values: { kind: filter.kind, actorId: filter.actorId } };
}

export default function Activity({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("activity:title")}</h1>
      <EventFilters actors={loaderData.actors} values={loaderData.values} />
      <EventList events={loaderData.events} />
    </>
  );
}
