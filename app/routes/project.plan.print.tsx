import { useTranslation } from "~/i18n/use-translation";
import { data, Link } from "react-router";
import type { Route } from "./+types/project.plan.print";
import { requireProjectRole } from "~/auth/project-access.server";
import { parseExportQuery, planPrint } from "~/plan/export.server";
import { PrintColumns, PrintText } from "~/components/print-text";
import { PlanError } from "~/plan/plan.server";
import printStyles from "~/styles/print.css?url";
import { href } from "~/utils/links";
import "~/i18n/pages/export";
import "~/i18n/pages/plan";

// The plan to print or save as PDF: ?lang=sv&second=zh&sections=id1,id2, one language or two side by side.

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: printStyles }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { projectId } = await requireProjectRole(request, params.projectId);
  const query = parseExportQuery(new URL(request.url));
  if (!query.success) throw data({ message: "errors:badRequest" }, { status: 400 });
  try {
    const plan = await planPrint({ projectId, lang: query.data.lang, second: query.data.second, sectionIds: query.data.sections });
    return { projectId, plan };
  } catch (error) {
    if (error instanceof PlanError) throw data({ message: "errors:badRequest" }, { status: 400 });
    throw error;
  }
}

export default function PlanPrint({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { projectId, plan } = loaderData;
  const twoColumns = plan.columns.length > 1;
  return (
    <>
      <title>{`${t("export:print.title")} · ${plan.projectTitle}`}</title>
      <div className="print-toolbar">
        <Link to={href("/projects/:projectId/plan", { projectId })}>{t("plan:editor.backToPlan")}</Link>
        <button type="button" className="primary" onClick={() => window.print()}>
          {t("export:print.print")}
        </button>
        <p className="hint">{t("export:print.hint")}</p>
      </div>
      <article className={`print-plan${twoColumns ? " print-plan-two" : ""}`}>
        <header className="print-heading">
          <h1>{plan.projectTitle}</h1>
          <p className="print-subtitle">{plan.planTitle}</p>
        </header>
        {plan.sections.length === 0 ? <p>{t("plan:list.empty")}</p> : null}
        {plan.sections.map((section) => (
          <section key={section.id} className="print-section" aria-labelledby={`print-${section.id}`}>
            <h2 id={`print-${section.id}`}>
              {section.titles.map((title, index) => (
                <span key={title.lang}>
                  {index > 0 ? " / " : null}
                  <span lang={title.htmlLang}>{title.text}</span>
                  {title.note ? (
                    <span className="muted print-note" lang={title.noteLang}>
                      {" "}
                      {title.note}
                    </span>
                  ) : null}
                </span>
              ))}
            </h2>
            <PrintColumns columns={plan.columns}>{(lang) => <PrintText cell={section.cells.find((cell) => cell.lang === lang)!} />}</PrintColumns>
          </section>
        ))}
      </article>
    </>
  );
}
