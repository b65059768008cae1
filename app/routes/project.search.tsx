import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import type { Route } from "./+types/project.search";
import { requireProjectRole } from "~/auth/project-access.server";
import { LanguageOptions } from "~/components/language-options";
import { htmlLang } from "~/i18n/languages";
import { useFormat } from "~/i18n/use-format";
import { SearchParamsSchema } from "~/search/schemas";
import { search, SEARCH_LIMIT } from "~/search/search.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, role } = await requireProjectRole(request, params.projectId);
  const { q, lang } = SearchParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const results = q ? await search({ projectId: params.projectId, userId: user.id, role, query: q, lang }) : [];
  return { q, lang: lang ?? "", results, limit: SEARCH_LIMIT };
}

export default function ProjectSearch({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const { q, lang, results, limit } = loaderData;
  const queryId = useId();
  const langId = useId();
  return (
    <>
      <title>{`${q ? `${q} · ` : ""}${t("search:title")} · ${t("appName")}`}</title>
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
      ) : results.length === 0 ? (
        <p role="status">{t("search:noResults", { query: q })}</p>
      ) : (
        <>
          <p role="status" className="muted">
            {results.length >= limit ? t("search:firstResults", { count: limit }) : t("search:resultCount", { count: results.length })}
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
        </>
      )}
    </>
  );
}
