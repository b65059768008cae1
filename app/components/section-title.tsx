import { useTranslation } from "~/i18n/use-translation";
import { htmlLang, type Lang } from "~/i18n/languages";
import { pickLocalized } from "~/i18n/localized";
import { useFormat } from "~/i18n/use-format";
import type { SectionTitle } from "~/plan/plan.server";
import "~/i18n/pages/plan";

/** A standard section is titled in the reader's language; a custom title falls back to its original, marked. */
export function useSectionTitle() {
  const { t } = useTranslation();
  const { lang } = useFormat();
  return (title: SectionTitle): { text: string; original?: Lang } => {
    if (title.kind) return { text: t(`plan:sections.${title.kind}`) };
    const { text, fallback } = pickLocalized(title.titles, title.titleLang, lang);
    return { text: text || "—", original: fallback };
  };
}

export function SectionTitleText({ title }: { title: SectionTitle }) {
  const { t } = useTranslation();
  const format = useFormat();
  const resolve = useSectionTitle();
  const { text, original } = resolve(title);
  return (
    <>
      <span lang={original ? htmlLang[original] : undefined}>{text}</span>
      {original ? <span className="muted"> {t("plan:originalTitle", { language: format.languageName(original) })}</span> : null}
    </>
  );
}
