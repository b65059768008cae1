import { data } from "react-router";
import type { Route } from "./+types/project.visit.ics";
import { requireProjectRole } from "~/auth/project-access.server";
import { resolveLanguage } from "~/i18n/language.server";
import { visitCalendar } from "~/visits/calendar.server";
import { getVisit } from "~/visits/visits.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user } = await requireProjectRole(request, params.projectId);
  const visit = await getVisit(params.projectId, params.visitId);
  if (!visit) throw data({ message: "errors:notFound" }, { status: 404 });
  return new Response(visitCalendar(visit, await resolveLanguage(request, user), params.projectId), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="visit-${visit.startDate.slice(0, 10)}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
