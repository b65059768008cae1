import { useTranslation } from "~/i18n/use-translation";
import type { Lang } from "~/i18n/languages";
import { useFormat } from "~/i18n/use-format";
import type { TranslationStatus } from "~/plan/translation-status";

export function TranslationBadge({ lang, status, withLanguage = true }: { lang: Lang; status: TranslationStatus; withLanguage?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = t(`common:translationStatus.${status}`);
  return (
    <span className={`badge translation-${status}`} title={t("common:translationStatusOf", { language: format.languageName(lang), status: label })}>
      {withLanguage ? <span className="badge-lang">{lang.toUpperCase()}</span> : null} {label}
    </span>
  );
}
