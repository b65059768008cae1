import { useTranslation } from "~/i18n/use-translation";
import { data, Form, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/projects.new";
import { requireAdmin } from "~/auth/project-access.server";
import { Field, FormError } from "~/components/field";
import { LocalizedInput } from "~/components/localized";
import { useFormat } from "~/i18n/use-format";
import { resolveLanguage } from "~/i18n/language.server";
import { createProject, listOrganisations } from "~/projects/projects.server";
import { newProjectSchema } from "~/projects/schemas";
import { parseForm, readForm } from "~/utils/forms";
import { createOnce } from "~/utils/once.server";
import { refusal } from "~/utils/domain-error";
import { href } from "~/utils/links";
import { FormKey } from "~/components/form-key";

export async function loader({ request }: Route.LoaderArgs) {
  await requireAdmin(request);
  return { organisations: await listOrganisations() };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireAdmin(request);
  const lang = await resolveLanguage(request, user);
  const formData = await readForm(request);
  const form = parseForm(newProjectSchema(lang), formData);
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  return createOnce(request, formData, user.id, async () => {
    try {
      const project = await createProject(user.id, { ...form.data, planLanguage: lang });
      return redirect(href("/projects/:projectId", { projectId: project.id }));
    } catch (error) {
      return refusal(error);
    }
  });
}

export default function NewProject({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const format = useFormat();
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="page narrow">
      <title>{`${t("projects:new.title")} · ${t("appName")}`}</title>
      <h1>{t("projects:new.title")}</h1>
      <FormError error={errors.form} />
      <Form method="post" className="stack" noValidate>
        <FormKey />
        <LocalizedInput label={t("projects:new.projectTitle")} name="title" max={200} required error={errors.title} />
        <div className="field-row">
          <Field label={t("projects:overview.grant")} name="grantAmount" inputMode="decimal" required hint={t("projects:new.amountHint")} error={errors.grantAmount} />
          <div className="field">
            <label htmlFor="new-currency">{t("projects:new.currency")}</label>
            <select id="new-currency" name="currency" defaultValue="SEK">
              {["SEK", "CNY", "EUR", "USD"].map((currency) => (
                <option key={currency}>{currency}</option>
              ))}
            </select>
          </div>
        </div>
        <div className="field-row">
          <Field label={t("projects:new.startDate")} name="startDate" type="date" required error={errors.startDate} />
          <Field label={t("projects:new.endDate")} name="endDate" type="date" required error={errors.endDate} />
        </div>
        <fieldset className="field">
          <legend>{t("projects:overview.organisations")}</legend>
          {loaderData.organisations.map((organisation) => (
            <label key={organisation.id} className="checkbox">
              <input type="checkbox" name="organisationIds" value={organisation.id} defaultChecked />
              {format.localized(organisation.names, organisation.originalLang)}
            </label>
          ))}
          {errors.organisationIds ? (
            <p className="field-error" role="alert">
              {t(errors.organisationIds)}
            </p>
          ) : null}
        </fieldset>
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("projects:new.submit")}
        </button>
      </Form>
    </div>
  );
}
