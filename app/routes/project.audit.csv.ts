import type { Route } from "./+types/project.audit.csv";
import { auditCsv, listEvents, throughEndOfDay } from "~/audit/activity.server";
import { EventFilterSchema } from "~/audit/schemas";
import { requireProjectRole } from "~/auth/project-access.server";
import { parseQuery } from "~/utils/forms";

// The audit log as a file, with the same filters as the page.
export async function loader({ request, params }: Route.LoaderArgs) {
  await requireProjectRole(request, params.projectId, "audit:read");
  const filter = parseQuery(EventFilterSchema, request);
  const events = await listEvents(params.projectId, throughEndOfDay(filter), { limit: 100_000, withData: true });
  return new Response(auditCsv(events), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${new Date().toISOString().slice(0, 10)}.csv"`,
    },
  });
}
