import { Pencil, Printer } from "lucide-react";
import { useTranslation } from "~/i18n/use-translation";
import { Form, Link } from "react-router";
import type { Route } from "./+types/project.plan.document";
import { can } from "~/auth/permissions";
import { requireProjectRole } from "~/auth/project-access.server";
import { LanguageOptions } from "~/components/language-options";
import { SectionTitleText, useSectionTitle } from "~/components/section-title";
import { TranslationBadge } from "~/components/translation-badge";
import { resolveLanguage } from "~/i18n/language.server";
import { htmlLang, languageNames, languages } from "~/i18n/languages";
import { useFormat } from "~/i18n/use-format";
import { documentLanguages, loadPlanDocument, otherCityLanguage, type DocumentCell } from "~/plan/document.server";
import { planDocumentAnchor, planSectionHref } from "~/plan/document-links";
import printStyles from "~/styles/print.css?url";
import { href } from "~/utils/links";
import "~/i18n/pages/plan";

// The whole plan on one page (decision 030): a table of contents with each section's translation
// status, then every section's text in one language or two side by side (?lang=sv, ?left=sv&right=zh),
// rendered on the server. Editing happens on the section's page, which leads back here.

// On paper: the document alone, without the app's header, tabs and buttons.
export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: printStyles }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, role, projectId } = await requireProjectRole(request, params.projectId);
  const langs = documentLanguages(request, await resolveLanguage(request, user), await otherCityLanguage(projectId, user.organisationId));
  const sections = await loadPlanDocument(projectId, langs);
  return { langs, sections, canEdit: can(role, "plan:edit") };
}

export default function PlanDocument({ loaderData, params }: Route.ComponentProps) {
  const { projectId } = params;
  const { t } = useTranslation();
  const titleOf = useSectionTitle();
  const { langs, sections, canEdit } = loaderData;
  const two = langs.length > 1;
  return (
    <>
      <title>{`${t("plan:document.title")} · ${t("appName")}`}</title>
      <p className="row-actions plan-doc-actions">
        <Link to={href("/projects/:projectId/plan", { projectId })}>{t("plan:editor.backToPlan")}</Link>
        <button type="button" className="plan-doc-print" onClick={() => window.print()}>
          <Printer aria-hidden="true" size={16} /> {t("plan:document.print")}
        </button>
      </p>
      <h1>{t("plan:document.title")}</h1>
      <Form method="get" className="language-pickers plan-doc-chooser" aria-label={t("plan:document.languages")} key={langs.join("-")}>
        <label>
          {t("plan:document.language")}{" "}
          <select name="left" defaultValue={langs[0]}>
            <LanguageOptions />
          </select>
        </label>
        <label>
          {t("plan:document.beside")}{" "}
          <select name="right" defaultValue={langs[1] ?? ""}>
            <option value="">{t("plan:document.none")}</option>
            <LanguageOptions />
          </select>
        </label>
        <button type="submit">{t("plan:editor.show")}</button>
      </Form>
      {sections.length === 0 ? (
        <p>{t("plan:list.empty")}</p>
      ) : (
        <nav className="panel plan-doc-toc" aria-labelledby="plan-doc-contents">
          <h2 id="plan-doc-contents">{t("plan:document.contents")}</h2>
          <ol>
            {sections.map((section) => (
              <li key={section.id}>
                <a href={`#${planDocumentAnchor(section.id)}`}>
                  <SectionTitleText title={section.title} />
                </a>
                <span className="visually-hidden">{t("plan:list.languages")}:</span>
                <span className="badges">
                  {languages.map((code) => (
                    <TranslationBadge key={code} lang={code} status={section.status[code]} />
                  ))}
                </span>
              </li>
            ))}
          </ol>
        </nav>
      )}
      <div className={`plan-doc${two ? " plan-doc-two" : ""}`}>
        {sections.map((section) => {
          const anchor = planDocumentAnchor(section.id);
          const title = titleOf(section.title).text;
          return (
            <section key={section.id} id={anchor} className="plan-doc-section" aria-labelledby={`${anchor}-title`}>
              <header className="plan-doc-section-header">
                <h2 id={`${anchor}-title`}>
                  <SectionTitleText title={section.title} />
                </h2>
                <Link
                  to={planSectionHref(projectId, section.id, langs)}
                  className="plan-doc-edit"
                  aria-label={t(canEdit ? "plan:document.editNamed" : "plan:document.openNamed", { title })}
                >
                  {canEdit ? <Pencil aria-hidden="true" size={16} /> : null} {t(canEdit ? "plan:document.edit" : "plan:document.open")}
                </Link>
              </header>
              <div className="plan-doc-columns">
                {section.cells.map((cell) => (
                  <div key={cell.lang} className="plan-doc-cell">
                    <p className="plan-doc-cell-header">
                      <span className="plan-doc-lang" lang={htmlLang[cell.lang]}>
                        {languageNames[cell.lang]}
                      </span>{" "}
                      <TranslationBadge lang={cell.lang} status={section.status[cell.lang]} withLanguage={false} />
                    </p>
                    <CellText cell={cell} />
                  </div>
                ))}
              </div>
            </section>
          );
        })}
      </div>
    </>
  );
}

/** A section's text in one language, or the note that it is missing there with the original offered. */
function CellText({ cell }: { cell: DocumentCell }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (cell.html !== null) {
    // Rendered on the server from the stored JSON through the tiptap schema (text escaped), never from a client's HTML.
    return <div className="prose plan-doc-text" lang={htmlLang[cell.lang]} dangerouslySetInnerHTML={{ __html: cell.html }} />;
  }
  const original = cell.original;
  return (
    <>
      <p className="plan-doc-missing">{t("plan:document.missing", { language: format.languageName(cell.lang) })}</p>
      {original === null ? null : original.html === null ? (
        <p className="muted">{t("plan:document.originalBeside", { language: format.languageName(original.lang) })}</p>
      ) : (
        <details className="plan-doc-original">
          <summary>{t("plan:document.showOriginal", { language: format.languageName(original.lang) })}</summary>
          <div className="prose plan-doc-text" lang={htmlLang[original.lang]} dangerouslySetInnerHTML={{ __html: original.html }} />
        </details>
      )}
    </>
  );
}
