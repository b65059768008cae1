import { useTranslation } from "~/i18n/use-translation";
import { data, Form, useNavigation } from "react-router";
import type { Route } from "./+types/project.settings";
import { requireProjectRole } from "~/auth/project-access.server";
import { approvalSettings, setApprovalRule } from "~/milestones/approvals.server";
import { ApprovalRuleSchema } from "~/milestones/schemas";
import { parseForm, readForm } from "~/utils/forms";
import { FormError } from "~/components/field";

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireProjectRole(request, params.projectId, "project:manage");
  return approvalSettings(params.projectId);
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = await requireProjectRole(request, params.projectId, "project:manage");
  const form = parseForm(ApprovalRuleSchema, await readForm(request));
  if (!form.ok) return data({ errors: form.errors, saved: false }, { status: 400 });
  await setApprovalRule(user.id, params.projectId, form.data.approvalRule);
  return data({ errors: {} as Record<string, string>, saved: true });
}

export default function Settings({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  return (
    <>
      <title>{`${t("milestones:settings.title")} · ${t("appName")}`}</title>
      <h1>{t("milestones:settings.title")}</h1>
      {actionData?.saved ? (
        <p className="notice" role="status">
          {t("milestones:settings.saved")}
        </p>
      ) : null}
      <FormError error={actionData?.errors.form} />
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
          <p className="form-error">{t("milestones:settings.withoutDeciders", { organisations: loaderData.withoutDeciders.join(", ") })}</p>
        ) : null}
        <p className="hint">{t("milestones:settings.hint")}</p>
        <button type="submit" className="primary" disabled={navigation.state !== "idle"}>
          {t("actions.save")}
        </button>
      </Form>
    </>
  );
}
