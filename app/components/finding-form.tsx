import { useTranslation } from "~/i18n/use-translation";
import { Form, useNavigation } from "react-router";
import { SectionTitleText } from "~/components/section-title";
import type { Lang } from "~/i18n/languages";
import type { Localized } from "~/i18n/localized";
import type { OrganisationName } from "~/projects/organisation-name";
import { pickLocalized } from "~/i18n/localized";
import { useFormat } from "~/i18n/use-format";
import type { SectionTitle } from "~/plan/plan.server";
import { FormKey } from "~/components/form-key";
import { LocalizedInput } from "~/components/localized";
import "~/i18n/pages/findings";

export type FindingChoices = {
  organisations: OrganisationName[];
  visits: { id: string; titles: Localized; originalLang: string; items: { id: string; titles: Localized; originalLang: string }[] }[];
  tags: { id: string; names: Localized }[];
  sections: { id: string; title: SectionTitle }[];
};

export type FindingFormValues = {
  titles: Localized;
  originalLang: Lang;
  organisationId: string | null;
  visitId: string | null;
  agendaItemId: string | null;
  tagIds: string[];
  sectionIds: string[];
  state: "draft" | "shared";
};

/** Create or edit a finding: its title in the writer's language and the others they can, its links and tags. */
export function FindingForm({ intent, values, choices, errors }: { intent: "create" | "update"; values?: FindingFormValues; choices: FindingChoices; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigation = useNavigation();
  const local = (texts: Localized, originalLang: string) => pickLocalized(texts, originalLang as never, format.lang).text;
  const select = (name: "organisationId" | "visitId" | "agendaItemId", label: string, options: React.ReactNode) => (
    <div className="field">
      <label htmlFor={`${intent}-${name}`}>{label}</label>
      <select id={`${intent}-${name}`} name={name} defaultValue={values?.[name] ?? ""} aria-invalid={errors[name] ? true : undefined}>
        <option value="">—</option>
        {options}
      </select>
      {errors[name] ? (
        <p className="field-error" role="alert">
          {t(errors[name])}
        </p>
      ) : null}
    </div>
  );
  return (
    <Form method="post" className="stack" noValidate>
      <FormKey />
      <input type="hidden" name="intent" value={intent} />
      <LocalizedInput label={t("findings:fields.title")} name="title" values={values?.titles} original={values?.originalLang} max={300} required error={errors.title} />
      <div className="field-row">
        {select(
          "organisationId",
          t("findings:fields.organisation"),
          choices.organisations.map((organisation) => (
            <option key={organisation.id} value={organisation.id}>
              {format.localized(organisation.names, organisation.originalLang)}
            </option>
          )),
        )}
        {select(
          "visitId",
          t("findings:fields.visit"),
          choices.visits.map((visit) => (
            <option key={visit.id} value={visit.id}>
              {local(visit.titles, visit.originalLang)}
            </option>
          )),
        )}
        {select(
          "agendaItemId",
          t("findings:fields.agendaItem"),
          choices.visits.map((visit) => (
            <optgroup key={visit.id} label={local(visit.titles, visit.originalLang)}>
              {visit.items.map((item) => (
                <option key={item.id} value={item.id}>
                  {local(item.titles, item.originalLang)}
                </option>
              ))}
            </optgroup>
          )),
        )}
      </div>
      {choices.tags.length > 0 ? (
        <fieldset className="field">
          <legend>{t("findings:fields.tags")}</legend>
          {choices.tags.map((tag) => (
            <label key={tag.id} className="checkbox">
              <input type="checkbox" name="tagIds" value={tag.id} defaultChecked={values?.tagIds.includes(tag.id)} /> {local(tag.names, "sv")}
            </label>
          ))}
        </fieldset>
      ) : null}
      <fieldset className="field">
        <legend>{t("findings:fields.sections")}</legend>
        {choices.sections.map((section) => (
          <label key={section.id} className="checkbox">
            <input type="checkbox" name="sectionIds" value={section.id} defaultChecked={values?.sectionIds.includes(section.id)} /> <SectionTitleText title={section.title} />
          </label>
        ))}
      </fieldset>
      <fieldset className="field">
        <legend>{t("findings:fields.state")}</legend>
        {(["draft", "shared"] as const).map((state) => (
          <label key={state} className="checkbox">
            <input type="radio" name="state" value={state} defaultChecked={(values?.state ?? "draft") === state} /> {t(`findings:state.${state}`)} —{" "}
            <span className="muted">{t(`findings:stateHint.${state}`)}</span>
          </label>
        ))}
      </fieldset>
      <button type="submit" className="primary" disabled={navigation.state !== "idle"}>
        {intent === "create" ? t("findings:create") : t("actions.save")}
      </button>
    </Form>
  );
}
