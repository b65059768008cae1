import { useTranslation } from "~/i18n/use-translation";
import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/project.findings";
import { can } from "~/auth/permissions";
import { requireProjectRole } from "~/auth/project-access.server";
import { Field, FormError } from "~/components/field";
import { FindingForm } from "~/components/finding-form";
import { LanguageOptions } from "~/components/language-options";
import { addTag, createFinding, findingChoices, listFindings } from "~/findings/findings.server";
import { FindingCreateSchema, FindingFiltersSchema } from "~/findings/schemas";
import { resolveLanguage } from "~/i18n/language.server";
import { pickLocalized, type Localized } from "~/i18n/localized";
import { useFormat } from "~/i18n/use-format";
import { refusal } from "~/utils/domain-error";
import { parseForm, parseQuery, readForm } from "~/utils/forms";
import { href, withQuery } from "~/utils/links";
import { createOnce } from "~/utils/once.server";
import { FormKey } from "~/components/form-key";
import { CreateDialog } from "~/components/create-dialog";
import "~/i18n/pages/findings";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, role } = await requireProjectRole(request, params.projectId);
  const filters = parseQuery(FindingFiltersSchema, request);
  const [findings, choices] = await Promise.all([
    listFindings(params.projectId, { id: user.id, role }, { tagId: filters.tag, visitId: filters.visit, organisationId: filters.organisation, lang: filters.lang, sort: filters.sort }),
    findingChoices(params.projectId),
  ]);
  return { findings, choices, filters, canWrite: can(role, "finding:write"), canKeepTags: can(role, "project:edit") };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user, role } = await requireProjectRole(request, params.projectId, "finding:write");
  const formData = await readForm(request);
  const form = parseForm(FindingCreateSchema, formData);
  // Which of the page's two forms answered, so each shows only its own errors.
  const intent = formData.get("intent") === "addTag" ? "addTag" : "create";
  if (!form.ok) return data({ errors: form.errors, intent, done: null as string | null }, { status: 400 });
  return createOnce(request, formData, user.id, async () => {
    try {
      if (form.data.intent === "addTag") {
        // The project's tag list is kept by the owner and the project group.
        if (!can(role, "project:edit")) throw data({ message: "errors:forbidden" }, { status: 403 });
        const { sv, zh, en } = form.data;
        if (!sv && !zh && !en) return data({ errors: { tag: "errors:required" } as Record<string, string>, intent, done: null }, { status: 400 });
        await addTag(user.id, params.projectId, Object.fromEntries(Object.entries({ sv, zh, en }).filter(([, name]) => name)) as Localized);
        return data({ errors: {} as Record<string, string>, intent, done: "addTag" as string | null });
      }
      const finding = await createFinding({ id: user.id, role }, params.projectId, { ...form.data, lang: await resolveLanguage(request, user) });
      return redirect(href("/projects/:projectId/findings/:findingId", { projectId: params.projectId, findingId: finding.id }));
    } catch (error) {
      return refusal(error, { intent, done: null as string | null });
    }
  });
}

export default function Findings({ loaderData, actionData, params }: Route.ComponentProps) {
  const { projectId } = params;
  const { t } = useTranslation();
  const format = useFormat();
  const { findings, choices, filters, canWrite, canKeepTags } = loaderData;
  const createErrors = actionData?.intent === "create" ? actionData.errors : undefined;
  const errors = createErrors ?? {};
  const tagErrors = actionData?.intent === "addTag" ? actionData.errors : {};
  const filtered = Boolean(filters.tag || filters.visit || filters.organisation || filters.lang);
  const local = (texts: Localized, originalLang: string) => pickLocalized(texts, originalLang as never, format.lang);
  return (
    <>
      <div className="page-head">
        <h1>{t("findings:title")}</h1>
        {canWrite ? (
          <CreateDialog id="new-finding" label={t("findings:new")} created={t("findings:created")} errors={createErrors}>
            <FormError error={errors.form} />
            <FindingForm intent="create" choices={choices} errors={errors} />
          </CreateDialog>
        ) : null}
      </div>
      <p className="hint">{t("findings:intro")}</p>
      <Form method="get" className="filters" aria-label={t("findings:filter")}>
        <label>
          {t("findings:fields.tags")}{" "}
          <select name="tag" defaultValue={filters.tag ?? ""}>
            <option value="">{t("findings:all")}</option>
            {choices.tags.map((tag) => (
              <option key={tag.id} value={tag.id}>
                {local(tag.names, "sv").text}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("findings:fields.visit")}{" "}
          <select name="visit" defaultValue={filters.visit ?? ""}>
            <option value="">{t("findings:all")}</option>
            {choices.visits.map((visit) => (
              <option key={visit.id} value={visit.id}>
                {local(visit.titles, visit.originalLang).text}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("findings:fields.organisation")}{" "}
          <select name="organisation" defaultValue={filters.organisation ?? ""}>
            <option value="">{t("findings:all")}</option>
            {choices.organisations.map((organisation) => (
              <option key={organisation.id} value={organisation.id}>
                {format.localized(organisation.names, organisation.originalLang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("findings:writtenIn")}{" "}
          <select name="lang" defaultValue={filters.lang ?? ""}>
            <option value="">{t("findings:all")}</option>
            <LanguageOptions />
          </select>
        </label>
        <label>
          {t("ui:sort")}{" "}
          <select name="sort" defaultValue={filters.sort}>
            <option value="newest">{t("findings:list.newest")}</option>
            <option value="oldest">{t("findings:list.oldest")}</option>
          </select>
        </label>
        <button type="submit">{t("findings:filter")}</button>
      </Form>
      {findings.length === 0 ? (
        filtered ? (
          <p className="empty-state">
            {t("findings:empty")} <Link to={href("/projects/:projectId/findings", { projectId })}>{t("ui:showAll")}</Link>
          </p>
        ) : (
          <p className="empty-state">{canWrite ? t("findings:list.emptyCreate") : t("findings:list.emptyNone")}</p>
        )
      ) : null}
      <ul className="card-list">
        {findings.map((finding) => {
          const title = local(finding.titles, finding.originalLang);
          const excerpt = finding.excerpts[format.lang] || finding.excerpts[finding.originalLang];
          return (
            <li key={finding.id} className="card">
              <h2 className="card-title">
                <Link to={href("/projects/:projectId/findings/:findingId", { projectId, findingId: finding.id })}>{title.text}</Link>
                {title.fallback ? <span className="muted"> {t("findings:fallback", { language: format.languageName(title.fallback) })}</span> : null}
                {finding.state === "draft" ? <span className="badge finding-draft"> {t("findings:state.draft")}</span> : null}
              </h2>
              {excerpt ? <p>{excerpt}</p> : null}
              <p className="muted">
                {[finding.organisation ? format.localized(finding.organisation.names, finding.organisation.originalLang) : null, finding.visit ? local(finding.visit.titles, finding.visit.originalLang).text : null, finding.author].filter(Boolean).join(" · ")}
              </p>
              <p>
                {finding.tags.map((tag) => (
                  <Link key={tag.id} to={withQuery(href("/projects/:projectId/findings", { projectId }), { tag: tag.id })} className="chip">
                    {local(tag.names, "sv").text}
                  </Link>
                ))}
                {finding.languages.map((lang) => (
                  <span key={lang} className="badge">
                    {lang.toUpperCase()}
                  </span>
                ))}
              </p>
            </li>
          );
        })}
      </ul>
      {actionData?.done ? (
        <p className="notice" role="status">
          {t(`findings:done.${actionData.done}`)}
        </p>
      ) : null}
      {canKeepTags ? (
        <details className="panel">
          <summary>{t("findings:addTag")}</summary>
          <Form method="post" className="stack" noValidate>
            <FormKey />
            <input type="hidden" name="intent" value="addTag" />
            <FormError error={tagErrors.tag ?? tagErrors.form} />
            <div className="field-row">
              <Field label={format.languageName("sv")} name="sv" lang="sv" maxLength={100} />
              <Field label={format.languageName("zh")} name="zh" lang="zh-CN" maxLength={100} />
              <Field label={format.languageName("en")} name="en" lang="en" maxLength={100} />
            </div>
            <button type="submit">{t("findings:addTag")}</button>
          </Form>
        </details>
      ) : null}
    </>
  );
}
