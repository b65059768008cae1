// The plan as a Word document: GET ?lang=sv&second=zh&sections=id1,id2, and &version=<id> for a named
// version of the plan rather than today's text (a resource route, no page).
import { data } from "react-router";
import type { Route } from "./+types/project.plan.export";
import { requireProjectRole } from "~/auth/project-access.server";
import { exportContentDisposition, exportProjectTitle, parseExportQuery, planDocx } from "~/plan/export.server";
import { PlanError } from "~/plan/plan.server";

const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { projectId, user } = await requireProjectRole(request, params.projectId);
  const query = parseExportQuery(new URL(request.url));
  if (!query.success) throw data({ message: "errors:badRequest" }, { status: 400 });
  const { lang, second, sections, version } = query.data;
  let docx: Buffer;
  let title: string;
  try {
    docx = await planDocx({ projectId, lang, second, sectionIds: sections, snapshotId: version, timeZone: user.timeZone });
    // The file is named in its first language (a "/" has no place in a file name).
    title = await exportProjectTitle(projectId, [lang]);
  } catch (error) {
    if (error instanceof PlanError) throw data({ message: error.key }, { status: error.status });
    throw error;
  }
  return new Response(new Uint8Array(docx), {
    headers: {
      "Content-Type": DOCX_TYPE,
      "Content-Disposition": exportContentDisposition(title, second ? [lang, second] : [lang]),
      "Content-Length": String(docx.byteLength),
      "Cache-Control": "private, no-store",
    },
  });
}
