// A year's financial account as an Excel workbook: GET ?version=N for a submitted version's frozen figures, otherwise the figures now.
import { data } from "react-router";
import type { Route } from "./+types/project.report.xlsx";
import { requireProjectRole } from "~/auth/project-access.server";
import { accountDownload, AccountQuerySchema, ReportYearSchema, reportYears, XLSX_TYPE } from "~/budget/report.server";
import { exportContentDisposition } from "~/editor/docx.server";
import { resolveLanguage } from "~/i18n/language.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, projectId } = await requireProjectRole(request, params.projectId);
  const year = ReportYearSchema.safeParse(params.year);
  const query = AccountQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!year.success || !query.success) throw data({ message: "errors:badRequest" }, { status: 400 });
  if (!(await reportYears(projectId)).includes(year.data)) throw data({ message: "errors:notFound" }, { status: 404 });
  const lang = await resolveLanguage(request, user);
  const account = await accountDownload(projectId, year.data, query.data.version, user, lang);
  if (!account) throw data({ message: "errors:notFound" }, { status: 404 });
  return new Response(new Uint8Array(account.workbook), {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": exportContentDisposition(account.title, [lang], "xlsx", "account"),
      "Content-Length": String(account.workbook.byteLength),
      "Cache-Control": "private, no-store",
    },
  });
}
