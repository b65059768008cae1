import type { Route } from "./+types/project.audit.csv";
import { auditCsv } from "~/audit/audit-files.server";
import { listEvents, throughEndOfDay } from "~/audit/activity.server";
import { EventFilterSchema } from "~/audit/schemas";
import { requireProjectRole } from "~/auth/project-access.server";
import { resolveLanguage } from "~/i18n/language.server";
import { parseQuery } from "~/utils/forms";

// The audit log as CSV for a spreadsheet, with the same filters as the page (decision 038).
export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, projectId, role } = await requireProjectRole(request, params.projectId, "audit:read");
  const filter = parseQuery(EventFilterSchema, request);
  const events = await listEvents(projectId, throughEndOfDay(filter), { limit: 100_000, withData: true });
  const csv = await auditCsv(projectId, events, { id: user.id, role, lang: await resolveLanguage(request, user), timeZone: user.timeZone });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
