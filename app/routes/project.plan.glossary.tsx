import { useTranslation } from "~/i18n/use-translation";
import { data, Form, Link, useNavigation } from "react-router";
import type { Route } from "./+types/project.plan.glossary";
import { can } from "~/auth/permissions";
import { requireProjectRole } from "~/auth/project-access.server";
import { FormError } from "~/components/field";
import { languageNames, languages, htmlLang } from "~/i18n/languages";
import { addTerm, listGlossary, removeTerm, updateTerm } from "~/plan/glossary.server";
import { GlossaryActionSchema } from "~/plan/schemas";
import { parseForm, readForm } from "~/utils/forms";
import { createOnce } from "~/utils/once.server";
import { refusal } from "~/utils/domain-error";
import { href } from "~/utils/links";
import { FormKey } from "~/components/form-key";
import "~/i18n/pages/plan";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { role } = await requireProjectRole(request, params.projectId);
  return { terms: await listGlossary(params.projectId), canEdit: can(role, "plan:edit") };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = await requireProjectRole(request, params.projectId, "plan:edit");
  const formData = await readForm(request);
  const form = parseForm(GlossaryActionSchema, formData);
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  return createOnce(request, formData, user.id, async () => {
    try {
      const input = form.data;
      if (input.intent === "remove") await removeTerm(user.id, params.projectId, input.termId);
      else {
        const term = { sv: input.sv, zh: input.zh, en: input.en, note: input.note };
        if (input.intent === "add") await addTerm(user.id, params.projectId, term);
        else await updateTerm(user.id, params.projectId, input.termId, term);
      }
      return data({ errors: {} as Record<string, string> });
    } catch (error) {
      return refusal(error);
    }
  });
}

type Term = { id: string; sv: string; zh: string; en: string; note: string };

function TermFields({ term, idPrefix }: { term?: Term; idPrefix: string }) {
  const { t } = useTranslation();
  return (
    <div className="field-row">
      {languages.map((lang) => (
        <div className="field" key={lang}>
          <label htmlFor={`${idPrefix}-${lang}`}>{languageNames[lang]}</label>
          <input id={`${idPrefix}-${lang}`} name={lang} defaultValue={term?.[lang]} maxLength={200} lang={htmlLang[lang]} />
        </div>
      ))}
      <div className="field">
        <label htmlFor={`${idPrefix}-note`}>{t("plan:glossary.note")}</label>
        <input id={`${idPrefix}-note`} name="note" defaultValue={term?.note} maxLength={1000} />
      </div>
    </div>
  );
}

export default function Glossary({ loaderData, actionData, params }: Route.ComponentProps) {
  const { projectId } = params;
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const { terms, canEdit } = loaderData;
  const errors = actionData?.errors ?? {};
  return (
    <>
      <title>{`${t("plan:glossary.title")} · ${t("appName")}`}</title>
      <p>
        <Link to={href("/projects/:projectId/plan", { projectId })}>
          {t("plan:editor.backToPlan")}
        </Link>
      </p>
      <h1>{t("plan:glossary.title")}</h1>
      <p className="muted">{t("plan:glossary.intro")}</p>
      <FormError error={errors.form ?? errors.sv} />
      {terms.length === 0 ? (
        <p>{t("plan:glossary.empty")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              {languages.map((lang) => (
                <th scope="col" key={lang}>
                  {languageNames[lang]}
                </th>
              ))}
              <th scope="col">{t("plan:glossary.note")}</th>
              {canEdit ? (
                <th scope="col">
                  <span className="visually-hidden">{t("plan:list.actions")}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {terms.map((term) => (
              <tr key={term.id}>
                {languages.map((lang) => (
                  <td key={lang} lang={htmlLang[lang]}>
                    {term[lang] || "—"}
                  </td>
                ))}
                <td>{term.note}</td>
                {canEdit ? (
                  <td className="row-actions">
                    <details className="rename">
                      <summary>{t("plan:glossary.edit")}</summary>
                      <Form method="post" className="stack">
                        <FormKey />
                        <input type="hidden" name="intent" value="update" />
                        <input type="hidden" name="termId" value={term.id} />
                        <TermFields term={term} idPrefix={`term-${term.id}`} />
                        <button type="submit" disabled={busy}>
                          {t("actions.save")}
                        </button>
                      </Form>
                    </details>
                    <Form method="post">
                      <FormKey />
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="termId" value={term.id} />
                      <button type="submit" className="danger" disabled={busy}>
                        {t("plan:list.remove")}
                      </button>
                    </Form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit ? (
        <Form method="post" className="panel stack" key={terms.length}>
          <FormKey />
          <h2>{t("plan:glossary.add")}</h2>
          <input type="hidden" name="intent" value="add" />
          <TermFields idPrefix="new-term" />
          <button type="submit" className="primary" disabled={busy}>
            {t("plan:glossary.add")}
          </button>
        </Form>
      ) : null}
    </>
  );
}
