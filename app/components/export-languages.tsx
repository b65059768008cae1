import { LanguageOptions } from "~/components/language-options";
import { useFormat } from "~/i18n/use-format";
import { useTranslation } from "~/i18n/use-translation";
import "~/i18n/pages/export";

/** An export's languages: the first (the reader's by default) and an optional second, side by side. */
export function ExportLanguageFields({ idPrefix }: { idPrefix: string }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  return (
    <div className="field-row">
      <div className="field">
        <label htmlFor={`${idPrefix}-lang`}>{t("export:panel.language")}</label>
        <select id={`${idPrefix}-lang`} name="lang" defaultValue={lang}>
          <LanguageOptions />
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-second`}>{t("export:panel.second")}</label>
        <select id={`${idPrefix}-second`} name="second" defaultValue="">
          <option value="">{t("export:panel.none")}</option>
          <LanguageOptions />
        </select>
      </div>
    </div>
  );
}
