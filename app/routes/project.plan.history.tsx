import type { JSONContent } from "@tiptap/core";
import { useTranslation } from "~/i18n/use-translation";
import { data, Form, Link, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/project.plan.history";
import { can } from "~/auth/permissions";
import { requireProjectRole } from "~/auth/project-access.server";
import { FormError } from "~/components/field";
import { SectionTitleText } from "~/components/section-title";
import { jsonToHtml } from "~/editor/content.server";
import { resolveLanguage } from "~/i18n/language.server";
import { languageNames, languages, htmlLang } from "~/i18n/languages";
import { useFormat } from "~/i18n/use-format";
import { getSection } from "~/plan/plan.server";
import { compareTexts, getVersionContent, listVersions, restoreVersion } from "~/plan/versions.server";
import { parseForm, parseQuery, readForm } from "~/utils/forms";
import { refusal } from "~/utils/domain-error";
import { href, withQuery } from "~/utils/links";
import "~/i18n/pages/plan";

const version = z.string().min(1).max(64);
const HistoryQuery = z.object({
  lang: z.enum(languages).optional().catch(undefined),
  view: version.optional().catch(undefined),
  a: version.optional().catch(undefined),
  b: version.optional().catch(undefined),
});
const RestoreSchema = z.object({ intent: z.literal("restore"), lang: z.enum(languages, "errors:invalid"), versionId: version });

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, role } = await requireProjectRole(request, params.projectId);
  const section = await getSection(params.projectId, params.sectionId);
  if (!section) throw data({ message: "errors:notFound" }, { status: 404 });
  const query = parseQuery(HistoryQuery, request);
  const lang = query.lang ?? (await resolveLanguage(request, user));
  const versions = await listVersions(params.projectId, params.sectionId, lang);

  let viewed: { id: string; html: string } | null = null;
  if (query.view) {
    const content = await getVersionContent(params.projectId, params.sectionId, lang, query.view);
    if (!content) throw data({ message: "errors:notFound" }, { status: 404 });
    viewed = { id: query.view, html: jsonToHtml(content.json as JSONContent) };
  }
  let comparison: { a: string; b: string; parts: ReturnType<typeof compareTexts> } | null = null;
  if (query.a && query.b) {
    const [older, newer] = await Promise.all([
      getVersionContent(params.projectId, params.sectionId, lang, query.a),
      getVersionContent(params.projectId, params.sectionId, lang, query.b),
    ]);
    if (!older || !newer) throw data({ message: "errors:notFound" }, { status: 404 });
    comparison = { a: query.a, b: query.b, parts: compareTexts(older.text, newer.text, lang) };
  }
  return { section: { id: section.id, title: section.title }, lang, versions, viewed, comparison, canRestore: can(role, "plan:edit") };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = await requireProjectRole(request, params.projectId, "plan:edit");
  const form = parseForm(RestoreSchema, await readForm(request));
  if (!form.ok) return data({ errors: form.errors, restored: false }, { status: 400 });
  try {
    await restoreVersion(user.id, params.projectId, params.sectionId, form.data.lang, form.data.versionId);
    return data({ errors: {} as Record<string, string>, restored: true });
  } catch (error) {
    return refusal(error, { restored: false });
  }
}

export default function History({ loaderData, actionData, params }: Route.ComponentProps) {
  const { projectId, sectionId } = params;
  const sectionUrl = href("/projects/:projectId/plan/:sectionId", { projectId, sectionId });
  const historyUrl = href("/projects/:projectId/plan/:sectionId/history", { projectId, sectionId });
  const { t } = useTranslation();
  const format = useFormat();
  const navigation = useNavigation();
  const { section, lang, versions, viewed, comparison, canRestore } = loaderData;
  const label = (id: string) => {
    if (id === "current") return t("plan:history.current");
    const found = versions.find((entry) => entry.id === id);
    return found ? `${found.name ?? t(`plan:history.kind.${found.kind}`)} · ${format.dateTime(found.createdAt)}` : id;
  };
  const options = [{ id: "current" }, ...versions];
  return (
    <>
      <title>{`${t("plan:history.title")} · ${t("appName")}`}</title>
      <p>
        <Link to={sectionUrl}>
          {t("plan:history.back")}
        </Link>
      </p>
      <h1>
        {t("plan:history.title")}: <SectionTitleText title={section.title} />
      </h1>
      <nav aria-label={t("plan:history.language")} className="tabs">
        {languages.map((code) => (
          <Link key={code} to={withQuery(historyUrl, { lang: code })} className={code === lang ? "active" : undefined} aria-current={code === lang ? "page" : undefined}>
            {languageNames[code]}
          </Link>
        ))}
      </nav>
      <FormError error={actionData?.errors.form} />
      {actionData?.restored ? (
        <p className="notice" role="status">
          {t("plan:history.restored")}
        </p>
      ) : null}

      {versions.length === 0 ? (
        <p>{t("plan:history.none")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("plan:history.version")}</th>
              <th scope="col">{t("plan:history.by")}</th>
              <th scope="col">{t("plan:history.length")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("plan:list.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.map((entry) => (
              <tr key={entry.id} className={viewed?.id === entry.id ? "selected" : undefined}>
                <td>
                  <strong>{entry.name ?? t(`plan:history.kind.${entry.kind}`)}</strong>
                  <br />
                  <span className="muted">{format.dateTime(entry.createdAt)}</span>
                </td>
                <td>{entry.createdBy ?? "—"}</td>
                <td>{t("plan:history.characters", { count: entry.characters })}</td>
                <td className="row-actions">
                  <Link to={withQuery(historyUrl, { lang, view: entry.id })}>{t("plan:history.view")}</Link>
                  <Link to={withQuery(historyUrl, { lang, a: entry.id, b: "current" })}>{t("plan:history.compareWithCurrent")}</Link>
                  {canRestore ? (
                    <Form
                      method="post"
                      onSubmit={(event) => {
                        if (!window.confirm(t("plan:history.confirmRestore"))) event.preventDefault();
                      }}
                    >
                      <input type="hidden" name="intent" value="restore" />
                      <input type="hidden" name="lang" value={lang} />
                      <input type="hidden" name="versionId" value={entry.id} />
                      <button type="submit" disabled={navigation.state !== "idle"}>
                        {t("plan:history.restore")}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <Form method="get" className="panel stack">
        <h2>{t("plan:history.compare")}</h2>
        <input type="hidden" name="lang" value={lang} />
        <div className="field-row">
          {(["a", "b"] as const).map((side) => (
            <div className="field" key={side}>
              <label htmlFor={`compare-${side}`}>{t(`plan:history.${side === "a" ? "older" : "newer"}`)}</label>
              <select id={`compare-${side}`} name={side} defaultValue={comparison?.[side] ?? (side === "b" ? "current" : versions[0]?.id)}>
                {options.map((option) => (
                  <option key={option.id} value={option.id}>
                    {label(option.id)}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </div>
        <button type="submit">{t("plan:history.compare")}</button>
      </Form>

      {comparison ? (
        <section aria-labelledby="comparison-heading" className="panel">
          <h2 id="comparison-heading">{t("plan:history.differences", { a: label(comparison.a), b: label(comparison.b) })}</h2>
          <p className="diff" lang={htmlLang[lang]}>
            {comparison.parts.map((part, index) =>
              part.added ? (
                <ins key={index}>{part.value}</ins>
              ) : part.removed ? (
                <del key={index}>{part.value}</del>
              ) : (
                <span key={index}>{part.value}</span>
              ),
            )}
          </p>
        </section>
      ) : null}

      {viewed ? (
        <section aria-labelledby="viewed-heading" className="panel">
          <h2 id="viewed-heading">{label(viewed.id)}</h2>
          <div className="prose" lang={htmlLang[lang]} dangerouslySetInnerHTML={{ __html: viewed.html }} />
        </section>
      ) : null}
    </>
  );
}
