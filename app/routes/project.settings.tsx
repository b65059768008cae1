import { useTranslation } from "~/i18n/use-translation";
import { data, Form, useNavigation } from "react-router";
import type { Route } from "./+types/project.settings";
import { requireProjectRole } from "~/auth/project-access.server";
import { resolveLanguage } from "~/i18n/language.server";
import { useFormat } from "~/i18n/use-format";
import { approvalSettings, setApprovalRule } from "~/milestones/approvals.server";
import { ApprovalRuleSchema } from "~/milestones/schemas";
import { icldReference, projectTitle, renameProject, setIcldReference } from "~/projects/projects.server";
import { icldReferenceSchema, projectTitleSchema } from "~/projects/schemas";
import { refusal } from "~/utils/domain-error";
import { parseForm, readForm } from "~/utils/forms";
import { Field, FormError } from "~/components/field";
import { LocalizedInput } from "~/components/localized";
import "~/i18n/pages/milestones";

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireProjectRole(request, params.projectId, "project:manage");
  const [settings, title, reference] = await Promise.all([approvalSettings(params.projectId), projectTitle(params.projectId), icldReference(params.projectId)]);
  return { ...settings, title, icldReference: reference };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = await requireProjectRole(request, params.projectId, "project:manage");
  const formData = await readForm(request);
  if (formData.get("intent") === "title") {
    const form = parseForm(projectTitleSchema, formData);
    if (!form.ok) return data({ errors: form.errors, saved: null }, { status: 400 });
    try {
      await renameProject(user.id, params.projectId, { title: form.data.title, lang: await resolveLanguage(request, user) });
    } catch (error) {
      return refusal(error);
    }
    return data({ errors: {} as Record<string, string>, saved: "title" as const });
  }
  if (formData.get("intent") === "icldReference") {
    const form = parseForm(icldReferenceSchema, formData);
    if (!form.ok) return data({ errors: form.errors, saved: null }, { status: 400 });
    await setIcldReference(user.id, params.projectId, form.data.icldReference);
    return data({ errors: {} as Record<string, string>, saved: "icldReference" as const });
  }
  const form = parseForm(ApprovalRuleSchema, formData);
  if (!form.ok) return data({ errors: form.errors, saved: null }, { status: 400 });
  await setApprovalRule(user.id, params.projectId, form.data.approvalRule);
  return data({ errors: {} as Record<string, string>, saved: "rule" as const });
}

export default function Settings({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const format = useFormat();
  const errors: Record<string, string> = actionData && "errors" in actionData ? actionData.errors : {};
  const saved = actionData && "saved" in actionData ? actionData.saved : null;
  return (
    <>
      <h1>{t("milestones:settings.title")}</h1>
      {saved ? (
        <p className="notice" role="status">
          {t(saved === "title" ? "projects:settings.titleSaved" : saved === "icldReference" ? "projects:settings.icldSaved" : "milestones:settings.saved")}
        </p>
      ) : null}
      <FormError error={errors.form} />
      <Form method="post" className="panel stack" aria-labelledby="project-title-heading">
        <h2 id="project-title-heading">{t("projects:settings.titleHeading")}</h2>
        <input type="hidden" name="intent" value="title" />
        <LocalizedInput
          key={JSON.stringify(loaderData.title.titles)}
          label={t("projects:new.projectTitle")}
          name="title"
          values={loaderData.title.titles}
          original={loaderData.title.originalLang}
          max={200}
          required
          error={errors.title}
        />
        <button type="submit" className="primary" disabled={navigation.state !== "idle"}>
          {t("actions.save")}
        </button>
      </Form>
      <Form method="post" className="panel stack" aria-labelledby="icld-reference-heading">
        <h2 id="icld-reference-heading">{t("projects:settings.icldHeading")}</h2>
        <input type="hidden" name="intent" value="icldReference" />
        <Field
          key={loaderData.icldReference ?? ""}
          label={t("projects:settings.icldReference")}
          name="icldReference"
          hint={t("projects:settings.icldHint")}
          defaultValue={loaderData.icldReference ?? ""}
          maxLength={80}
          error={errors.icldReference}
        />
        <button type="submit" className="primary" disabled={navigation.state !== "idle"}>
          {t("actions.save")}
        </button>
      </Form>
      <Form method="post" className="panel stack">
        <fieldset className="field">
          <legend>{t("milestones:settings.rule")}</legend>
          {(["each_organisation", "majority", "any_one"] as const).map((rule) => (
            <label key={rule} className="checkbox">
              <input type="radio" name="approvalRule" value={rule} defaultChecked={loaderData.approvalRule === rule} />
              {t(`milestones:rule.${rule}`)}
            </label>
          ))}
        </fieldset>
        {loaderData.withoutDeciders.length > 0 ? (
          <p className="form-error">{t("milestones:settings.withoutDeciders", { organisations: loaderData.withoutDeciders.map((organisation) => format.localized(organisation.names, organisation.originalLang)).join(", ") })}</p>
        ) : null}
        <p className="hint">{t("milestones:settings.hint")}</p>
        <button type="submit" className="primary" disabled={navigation.state !== "idle"}>
          {t("actions.save")}
        </button>
      </Form>
    </>
  );
}
