import type { Lang } from "~/i18n/languages";

// docs/product.md: a translation is "up to date" when confirmed against the source's current text (a
// hash of it is kept at confirmation), "needs update" once the source changes after that, and
// "missing" when empty. Editing a translation does not confirm it.
export type TranslationStatus = "source" | "missing" | "needs_update" | "up_to_date";

/**
 * The hash (SHA-256, hashText) of an empty text. Stored texts are trimmed (jsonToText), so a blank
 * text is the empty one, and its status can be told from the hash without reading the text: a
 * plan's list of sections read every text of every section in full only to tell that.
 */
export const BLANK_TEXT_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

export type TextState = { lang: Lang; textHash: string; confirmedSourceHash: string | null };

export function translationStatus(lang: Lang, sourceLang: Lang, texts: TextState[]): TranslationStatus {
  const own = texts.find((text) => text.lang === lang);
  if (!own || own.textHash === BLANK_TEXT_HASH) return "missing";
  if (lang === sourceLang) return "source";
  const source = texts.find((text) => text.lang === sourceLang);
  if (!source || source.textHash === BLANK_TEXT_HASH) return "needs_update";
  return own.confirmedSourceHash === source.textHash ? "up_to_date" : "needs_update";
}
