import { useTranslation } from "~/i18n/use-translation";
import { Form, useNavigation } from "react-router";
import { Field } from "~/components/field";
import { SectionTitleText } from "~/components/section-title";
import { useFormat } from "~/i18n/use-format";
import type { SectionTitle } from "~/plan/plan.server";
import { FormKey } from "~/components/form-key";
import { LocalizedInput } from "~/components/localized";
import type { Lang } from "~/i18n/languages";
import type { Localized } from "~/i18n/localized";
import "~/i18n/pages/milestones";

export type MilestoneFormValues = {
  titles: Localized;
  descriptions: Localized;
  originalLang: Lang;
  dueDate: string;
  meetingTime: string;
  meetingZone: string;
  ownerId: string | null;
  sectionIds: string[];
};

/** Create or edit a milestone: its title and description in the writer's language, and in the others they can. */
export function MilestoneForm({
  intent,
  values,
  members,
  sections,
  errors,
}: {
  intent: "create" | "update";
  values?: MilestoneFormValues;
  members: { id: string; name: string }[];
  sections: { id: string; title: SectionTitle }[];
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { timeZone } = useFormat();
  const defaultZone = timeZone === "Asia/Shanghai" ? "Asia/Shanghai" : "Europe/Stockholm";
  return (
    <Form method="post" className="stack" noValidate>
      <FormKey />
      <input type="hidden" name="intent" value={intent} />
      <LocalizedInput label={t("milestones:fields.title")} name="title" values={values?.titles} original={values?.originalLang} max={200} required error={errors.title} />
      <LocalizedInput
        label={t("milestones:fields.description")}
        name="description"
        values={values?.descriptions}
        original={values?.originalLang}
        max={5000}
        multiline
        error={errors.description}
      />
      <div className="field-row">
        <Field label={t("milestones:fields.dueDate")} name="dueDate" type="date" defaultValue={values?.dueDate} required error={errors.dueDate} />
        <div className="field">
          <label htmlFor={`${intent}-owner`}>{t("milestones:fields.owner")}</label>
          <select id={`${intent}-owner`} name="ownerId" defaultValue={values?.ownerId ?? ""}>
            <option value="">{t("milestones:fields.noOwner")}</option>
            {members.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field-row">
        <Field
          label={t("milestones:fields.meeting")}
          name="meetingTime"
          type="datetime-local"
          defaultValue={values?.meetingTime}
          error={errors.meetingTime}
        />
        <div className="field">
          <label htmlFor={`${intent}-meeting-zone`}>{t("milestones:fields.meetingZone")}</label>
          <select id={`${intent}-meeting-zone`} name="meetingZone" defaultValue={values?.meetingZone ?? defaultZone}>
            <option value="Europe/Stockholm">{t("common:zone.stockholm")}</option>
            <option value="Asia/Shanghai">{t("common:zone.shanghai")}</option>
          </select>
        </div>
      </div>
      <fieldset className="field">
        <legend>{t("milestones:fields.sections")}</legend>
        {sections.map((section) => (
          <label key={section.id} className="checkbox">
            <input type="checkbox" name="sectionIds" value={section.id} defaultChecked={values?.sectionIds.includes(section.id)} />
            <SectionTitleText title={section.title} />
          </label>
        ))}
      </fieldset>
      <button type="submit" className="primary" disabled={navigation.state !== "idle"}>
        {intent === "create" ? t("milestones:create") : t("actions.save")}
      </button>
    </Form>
  );
}
