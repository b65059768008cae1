import { data } from "react-router";
import type { Route } from "./+types/project.visit.ics";
import { requireProjectRole } from "~/auth/project-access.server";
import { calendarHeaders } from "~/calendar/ical.server";
import { resolveLanguage } from "~/i18n/language.server";
import { visitCalendar } from "~/visits/calendar.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, projectId } = await requireProjectRole(request, params.projectId);
  const calendar = await visitCalendar(projectId, params.visitId, await resolveLanguage(request, user));
  if (!calendar) throw data({ message: "errors:notFound" }, { status: 404 });
  return new Response(calendar.ics, { headers: calendarHeaders(`visit-${calendar.startDate.toISOString().slice(0, 10)}.ics`) });
}
