import { useTranslation } from "react-i18next";
import type { Lang } from "~/i18n/languages";
import { useFormat } from "~/i18n/use-format";
import type { SectionTitle } from "~/plan/plan.server";

/** A standard section is titled in the reader's language; a custom title falls back to its original, marked. */
export function useSectionTitle() {
  const { t } = useTranslation();
  const { lang } = useFormat();
  return (title: SectionTitle): { text: string; original?: Lang } => {
    if (title.kind) return { text: t(`plan:sections.${title.kind}`) };
    const own = title.titles?.[lang];
    if (own) return { text: own };
    const originalLang = title.titleLang ?? (Object.keys(title.titles ?? {})[0] as Lang | undefined);
    return { text: (originalLang && title.titles?.[originalLang]) || "—", original: originalLang };
  };
}

export function SectionTitleText({ title }: { title: SectionTitle }) {
  const { t } = useTranslation();
  const format = useFormat();
  const resolve = useSectionTitle();
  const { text, original } = resolve(title);
  return (
    <>
      <span lang={original === "zh" ? "zh-CN" : original}>{text}</span>
      {original ? <span className="muted"> {t("plan:originalTitle", { language: format.languageName(original) })}</span> : null}
    </>
  );
}
