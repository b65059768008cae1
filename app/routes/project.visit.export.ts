// A visit's programme with its minutes as a Word document: GET ?langs=sv or ?langs=sv,zh (a resource route, no page).
import { data } from "react-router";
import type { Route } from "./+types/project.visit.export";
import { requireProjectRole } from "~/auth/project-access.server";
import { DOCX_TYPE, exportContentDisposition } from "~/editor/docx.server";
import { parseVisitExportQuery, visitDocx } from "~/visits/export.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { projectId, user } = await requireProjectRole(request, params.projectId);
  const query = parseVisitExportQuery(new URL(request.url));
  if (!query.success) throw data({ message: "errors:badRequest" }, { status: 400 });
  const { langs } = query.data;
  const result = await visitDocx(projectId, params.visitId, langs, user.timeZone);
  if (!result) throw data({ message: "errors:notFound" }, { status: 404 });
  return new Response(new Uint8Array(result.docx), {
    headers: {
      "Content-Type": DOCX_TYPE,
      "Content-Disposition": exportContentDisposition(result.fileTitle, langs, "docx", "visit"),
      "Content-Length": String(result.docx.byteLength),
      "Cache-Control": "private, no-store",
    },
  });
}
