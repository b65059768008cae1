import { useId } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { Form, Link } from "react-router";
import type { Route } from "./+types/project.search";
import { requireProjectRole } from "~/auth/project-access.server";
import { LanguageOptions } from "~/components/language-options";
import { htmlLang } from "~/i18n/languages";
import { useFormat } from "~/i18n/use-format";
import { SearchParamsSchema } from "~/search/schemas";
import { search, SEARCH_LIMIT } from "~/search/search.server";
import { href, withQuery } from "~/utils/links";
import { parseQuery } from "~/utils/forms";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, role } = await requireProjectRole(request, params.projectId);
  const { q, lang, page } = parseQuery(SearchParamsSchema, request);
  // One more than a page is asked for, to know whether there is a next one.
  const found = q ? await search({ projectId: params.projectId, userId: user.id, role, query: q, lang, limit: SEARCH_LIMIT + 1, offset: (page - 1) * SEARCH_LIMIT }) : [];
  return { q, lang: lang ?? "", page, results: found.slice(0, SEARCH_LIMIT), more: found.length > SEARCH_LIMIT, limit: SEARCH_LIMIT };
}

export default function ProjectSearch({ loaderData, params }: Route.ComponentProps) {
  const { projectId } = params;
  const { t } = useTranslation();
  const format = useFormat();
  const { q, lang, page, results, more, limit } = loaderData;
  const pageLink = (number: number) => withQuery(href("/projects/:projectId/search", { projectId }), { q, lang, page: number });
  const queryId = useId();
  const langId = useId();
  return (
    <>
      <h1>{t("search:title")}</h1>
      <Form method="get" className="field-row filters" role="search" aria-label={t("search:form.landmark")}>
        <div className="field">
          <label htmlFor={queryId}>{t("search:form.query")}</label>
          <input id={queryId} type="search" name="q" defaultValue={q} maxLength={500} />
        </div>
        <div className="field">
          <label htmlFor={langId}>{t("search:form.language")}</label>
          <select id={langId} name="lang" defaultValue={lang}>
            <option value="">{t("search:form.allLanguages")}</option>
            <LanguageOptions />
          </select>
        </div>
        <div className="field filter-submit">
          <button type="submit" className="primary">
            {t("search:form.submit")}
          </button>
        </div>
      </Form>
      {!q ? (
        <p className="hint">{t("search:hint")}</p>
      ) : results.length === 0 && page === 1 ? (
        <p role="status">{t("search:noResults", { query: q })}</p>
      ) : (
        <>
          <p role="status" className="muted">
            {results.length === 0
              ? t("search:noMore")
              : page > 1 || more
                ? t("search:resultRange", { from: format.number((page - 1) * limit + 1), to: format.number((page - 1) * limit + results.length) })
                : t("search:resultCount", { count: results.length })}
          </p>
          <ol className="card-list search-results">
            {results.map((result) => (
              <li key={`${result.kind}.${result.entityId}.${result.lang}`} className="card">
                <p className="badges">
                  <span className="badge">{t(`search:kinds.${result.kind}`)}</span>
                  <span className="badge badge-lang">{format.languageName(result.lang)}</span>
                </p>
                <h2 lang={htmlLang[result.lang]}>
                  <Link to={result.link}>{result.title || t("search:untitled")}</Link>
                </h2>
                {/* Escaped on the server (app/search/segment.ts); only <mark> is markup. */}
                <p lang={htmlLang[result.lang]} className="comment-body" dangerouslySetInnerHTML={{ __html: result.snippetHtml }} />
              </li>
            ))}
          </ol>
          {page > 1 || more ? (
            <nav className="pager" aria-label={t("search:pages")}>
              {page > 1 ? <Link to={pageLink(page - 1)}>{t("search:previous")}</Link> : null}
              {more ? <Link to={pageLink(page + 1)}>{t("search:more")}</Link> : null}
            </nav>
          ) : null}
        </>
      )}
    </>
  );
}
