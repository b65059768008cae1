import { useTranslation } from "~/i18n/use-translation";
import { Form, useNavigation } from "react-router";
import { Field } from "~/components/field";
import { FormKey } from "~/components/form-key";
import { LocalizedInput } from "~/components/localized";
import type { Lang } from "~/i18n/languages";
import type { Localized } from "~/i18n/localized";
import type { OrganisationName } from "~/projects/organisation-name";
import { useFormat } from "~/i18n/use-format";
import "~/i18n/pages/visits";

export type VisitFormValues = {
  titles: Localized;
  purposes: Localized;
  originalLang: Lang;
  travellerOrgId: string;
  hostOrgId: string;
  startDate: string;
  endDate: string;
  status: string;
  accommodation: string;
  siteContact: string;
  visaLettersNeeded: boolean;
};

export const visitStatuses = ["planned", "confirmed", "under_way", "done", "cancelled"] as const;

/** Create or edit a visit: its title and purpose in the writer's language, and in the others they can. */
export function VisitForm({
  intent,
  values,
  organisations,
  errors,
}: {
  intent: "create" | "update";
  values?: VisitFormValues;
  organisations: OrganisationName[];
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const format = useFormat();
  const [first, second] = organisations;
  return (
    <Form method="post" className="stack" noValidate>
      <FormKey />
      <input type="hidden" name="intent" value={intent} />
      <LocalizedInput label={t("visits:fields.title")} name="title" values={values?.titles} original={values?.originalLang} max={200} required error={errors.title} />
      <LocalizedInput label={t("visits:fields.purpose")} name="purpose" values={values?.purposes} original={values?.originalLang} max={5000} multiline error={errors.purpose} />
      <div className="field-row">
        {(["travellerOrgId", "hostOrgId"] as const).map((field) => (
          <div className="field" key={field}>
            <label htmlFor={`${intent}-${field}`}>{t(`visits:fields.${field}`)}</label>
            <select
              id={`${intent}-${field}`}
              name={field}
              defaultValue={values?.[field] ?? (field === "travellerOrgId" ? second?.id : first?.id)}
              aria-invalid={errors[field] ? true : undefined}
            >
              {organisations.map((organisation) => (
                <option key={organisation.id} value={organisation.id}>
                  {format.localized(organisation.names, organisation.originalLang)}
                </option>
              ))}
            </select>
            {errors[field] ? (
              <p className="field-error" role="alert">
                {t(errors[field])}
              </p>
            ) : null}
          </div>
        ))}
      </div>
      <div className="field-row">
        <Field label={t("visits:fields.startDate")} name="startDate" type="date" defaultValue={values?.startDate} required error={errors.startDate} />
        <Field label={t("visits:fields.endDate")} name="endDate" type="date" defaultValue={values?.endDate} required error={errors.endDate} />
        <div className="field">
          <label htmlFor={`${intent}-status`}>{t("visits:fields.status")}</label>
          <select id={`${intent}-status`} name="status" defaultValue={values?.status ?? "planned"}>
            {visitStatuses.map((status) => (
              <option key={status} value={status}>
                {t(`visits:status.${status}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${intent}-accommodation`}>{t("visits:fields.accommodation")}</label>
        <textarea id={`${intent}-accommodation`} name="accommodation" defaultValue={values?.accommodation} rows={2} maxLength={2000} />
      </div>
      <Field label={t("visits:fields.siteContact")} name="siteContact" defaultValue={values?.siteContact} maxLength={1000} error={errors.siteContact} />
      <label className="checkbox">
        <input type="checkbox" name="visaLettersNeeded" defaultChecked={values?.visaLettersNeeded} /> {t("visits:fields.visaLettersNeeded")}
      </label>
      <p className="hint">{t("visits:privacyHint")}</p>
      <button type="submit" className="primary" disabled={navigation.state !== "idle"}>
        {intent === "create" ? t("visits:create") : t("actions.save")}
      </button>
    </Form>
  );
}
