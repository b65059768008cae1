// A year's narrative report draft as a Word document: GET ?lang=sv or ?lang=en (ICLD reads Swedish or English),
// ?lang=zh (the Jinan side's copy for its own reporting), from the same figures;
// &version=N takes the financial summary from that submitted version's frozen figures.
import { data } from "react-router";
import type { Route } from "./+types/project.report.docx";
import { requireProjectRole } from "~/auth/project-access.server";
import { getReport, narrativeDocx, NarrativeQuerySchema, ReportYearSchema, reportYears } from "~/budget/report.server";
import { DOCX_TYPE, exportContentDisposition } from "~/editor/docx.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { projectId, user } = await requireProjectRole(request, params.projectId);
  const year = ReportYearSchema.safeParse(params.year);
  const query = NarrativeQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!year.success || !query.success) throw data({ message: "errors:badRequest" }, { status: 400 });
  if (!(await reportYears(projectId)).includes(year.data)) throw data({ message: "errors:notFound" }, { status: 404 });
  const version = query.data.version;
  const report = version ? await getReport(projectId, year.data, version) : null;
  if (version && !report) throw data({ message: "errors:notFound" }, { status: 404 });
  const result = await narrativeDocx(projectId, year.data, query.data.lang, user.timeZone, report ?? undefined);
  return new Response(new Uint8Array(result.docx), {
    headers: {
      "Content-Type": DOCX_TYPE,
      "Content-Disposition": exportContentDisposition(result.fileTitle, [query.data.lang], "docx", "report"),
      "Content-Length": String(result.docx.byteLength),
      "Cache-Control": "private, no-store",
    },
  });
}
