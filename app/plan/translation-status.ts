import type { Lang } from "~/i18n/languages";

// docs/product.md: a translation is "up to date" when confirmed against the source's current text (a
// hash of it is kept at confirmation), "needs update" once the source changes after that, and
// "missing" when empty. Editing a translation does not confirm it.
export type TranslationStatus = "source" | "missing" | "needs_update" | "up_to_date";

export type TextState = { lang: Lang; text: string; textHash: string; confirmedSourceHash: string | null };

export function translationStatus(lang: Lang, sourceLang: Lang, texts: TextState[]): TranslationStatus {
  const own = texts.find((text) => text.lang === lang);
  if (!own || own.text.trim() === "") return "missing";
  if (lang === sourceLang) return "source";
  const source = texts.find((text) => text.lang === sourceLang);
  if (!source || source.text.trim() === "") return "needs_update";
  return own.confirmedSourceHash === source.textHash ? "up_to_date" : "needs_update";
}
