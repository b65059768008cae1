import { isLang, languages, type Lang } from "./languages";

// Short texts per language (decision 018: titles, descriptions, summaries, names…): one map of
// language to text, stored as JSON beside the language it was first written in (the original).
// The other languages are translations, written by whoever can, whatever their interface language.

export type Localized = Partial<Record<Lang, string>>;

/**
 * A short text stored per language: the reader's language when it exists, else the original
 * (`fallback` names its language, so the page can mark it).
 */
export function pickLocalized(texts: Localized | null | undefined, originalLang: Lang | null | undefined, lang: Lang) {
  const own = texts?.[lang];
  if (own) return { text: own, fallback: undefined };
  const original = originalLang ?? (Object.keys(texts ?? {})[0] as Lang | undefined);
  const text = original ? texts?.[original] : undefined;
  return { text: text ?? "", fallback: text ? original : undefined };
}

/** A stored map read back: only known languages with non-empty text (whatever a JSON column holds). */
export function readLocalized(value: unknown): Localized {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const texts: Localized = {};
  for (const [lang, text] of Object.entries(value)) if (isLang(lang) && typeof text === "string" && text.trim() !== "") texts[lang] = text;
  return texts;
}

/**
 * The original language of a text after a change: it stays while its text does; a text written
 * for the first time (or whose original was emptied) takes the writer's language if they gave one,
 * else the first language given.
 */
export function originalOf(texts: Localized, before: Lang | null | undefined, writerLang: Lang): Lang | null {
  if (before && texts[before]) return before;
  if (texts[writerLang]) return writerLang;
  return languages.find((lang) => texts[lang]) ?? null;
}

/**
 * An edit of some languages applied to what is stored: languages sent replace theirs (an empty
 * one removes it); languages not sent are kept.
 */
export function mergeLocalized(before: Localized, sent: Partial<Record<Lang, string | undefined>>): Localized {
  const merged: Localized = { ...before };
  for (const lang of languages) {
    const text = sent[lang];
    if (text === undefined) continue;
    if (text.trim() === "") delete merged[lang];
    else merged[lang] = text.trim();
  }
  return merged;
}

/**
 * A short text after a form was sent: the stored languages (null for a new text) with those sent
 * applied, and its original language (null when no language is left).
 */
export function editLocalized(stored: unknown, original: Lang | null | undefined, sent: Partial<Record<Lang, string | undefined>>, writerLang: Lang) {
  const texts = mergeLocalized(readLocalized(stored), sent);
  return { texts, original: originalOf(texts, original, writerLang) };
}

/** What was given, without the empty languages: a new text's map. */
export function givenTexts(sent: Partial<Record<Lang, string | undefined>>): Localized {
  return mergeLocalized({}, sent);
}

/** The reader's language first, then the others in the usual order: how forms and pages list them. */
export function languagesFor(reader: Lang): Lang[] {
  return [reader, ...languages.filter((lang) => lang !== reader)];
}
