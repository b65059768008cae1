import type { Route } from "./+types/project.audit.xlsx";
import { auditWorkbook } from "~/audit/audit-files.server";
import { listEvents, throughEndOfDay } from "~/audit/activity.server";
import { EventFilterSchema } from "~/audit/schemas";
import { requireProjectRole } from "~/auth/project-access.server";
import { XLSX_TYPE } from "~/budget/report.server";
import { resolveLanguage } from "~/i18n/language.server";
import { parseQuery } from "~/utils/forms";

// The audit log as an Excel workbook, with the same filters as the page (decision 038).
export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, projectId, role } = await requireProjectRole(request, params.projectId, "audit:read");
  const filter = parseQuery(EventFilterSchema, request);
  const events = await listEvents(projectId, throughEndOfDay(filter), { limit: 100_000, withData: true });
  const workbook = await auditWorkbook(projectId, events, { id: user.id, role, lang: await resolveLanguage(request, user), timeZone: user.timeZone });
  return new Response(new Uint8Array(workbook), {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": `attachment; filename="audit-log-${new Date().toISOString().slice(0, 10)}.xlsx"`,
      "Content-Length": String(workbook.byteLength),
      "Cache-Control": "private, no-store",
    },
  });
}
