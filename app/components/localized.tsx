import { lazy, Suspense, useId, useState } from "react";
import { FieldError } from "~/components/field";
import { htmlLang, type Lang } from "~/i18n/languages";
import { languagesFor, pickLocalized, type Localized } from "~/i18n/localized";
import { useFormat } from "~/i18n/use-format";
import { useTranslation } from "~/i18n/use-translation";

// The one way a short text in three languages is shown and written (decision 018).

// The translation memory's suggestions under a translation's field (decision 019), loaded after
// the page: forms are on pages without an editor, whose scripts have a budget.
const ShortTextMemory = lazy(() => import("~/components/memory-suggestions").then((module) => ({ default: module.ShortTextMemory })));

/**
 * A short text in the reader's language when it has one, else in its original language, marked.
 * A translation offers its original one click away (`withOriginal`): a toggle button and the
 * original inline, phrasing content only, so it fits in a heading or a paragraph.
 */
export function LocalizedText({ texts, original, withOriginal = true }: { texts: Localized; original: Lang | null | undefined; withOriginal?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const { text, fallback } = pickLocalized(texts, original, format.lang);
  if (fallback) {
    return (
      <>
        <span lang={htmlLang[fallback]}>{text}</span>{" "}
        <span className="muted">{t("common:localized.notTranslated", { language: format.languageName(fallback) })}</span>
      </>
    );
  }
  const originalText = original && original !== format.lang ? texts[original] : undefined;
  return (
    <>
      <span lang={htmlLang[format.lang]}>{text}</span>
      {withOriginal && original && originalText ? (
        <>
          {" "}
          <button type="button" className="original-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
            {t("common:localized.showOriginal", { language: format.languageName(original) })}
          </button>
          {open ? (
            <span className="original-text" lang={htmlLang[original]}>
              {originalText}
            </span>
          ) : null}
        </>
      ) : null}
    </>
  );
}

/**
 * A short text's languages in a form: the writer's own first, the other two beside it under a
 * disclosure (open when they hold text). Fields `<name>.sv` … (parsed by localizedText()).
 */
export function LocalizedInput({
  label,
  name,
  values,
  original,
  max,
  multiline = false,
  required = false,
  error,
}: {
  label: string;
  name: string;
  values?: Localized;
  original?: Lang | null;
  max: number;
  multiline?: boolean;
  required?: boolean;
  error?: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useId();
  const [own, ...others] = languagesFor(format.lang);
  const input = (lang: Lang) => {
    const props = {
      id: `${id}-${lang}`,
      name: `${name}.${lang}`,
      lang: htmlLang[lang],
      defaultValue: values?.[lang] ?? "",
      maxLength: max,
      "aria-invalid": error && lang === own ? true : undefined,
      "aria-describedby": error && lang === own ? `${id}-error` : undefined,
    };
    const languageLabel = lang === original ? t("common:localized.originalIn", { language: format.languageName(lang) }) : format.languageName(lang);
    return (
      <div className="field" key={lang}>
        <label htmlFor={props.id}>
          {lang === own ? label : null}
          {lang === own ? <span className="muted"> · {languageLabel}</span> : languageLabel}
        </label>
        {multiline ? <textarea rows={3} {...props} /> : <input {...props} required={required && lang === own && !others.some((other) => values?.[other]) ? true : undefined} />}
        {lang !== (original ?? own) ? (
          <Suspense fallback={null}>
            <ShortTextMemory from={original ?? own!} to={lang} name={name} stored={values} multiline={multiline} />
          </Suspense>
        ) : null}
      </div>
    );
  };
  return (
    <div className="localized-input">
      {input(own!)}
      <FieldError id={id} error={error} />
      <details className="other-languages" open={others.some((lang) => values?.[lang]) || undefined}>
        <summary>{t("common:localized.otherLanguages", { field: label })}</summary>
        {others.map(input)}
      </details>
    </div>
  );
}
